#!/bin/sh
# Make tests/data/replay-*.pcap: real captures of this machine's Linux
# kernel under loss, for tests/test_replay.c (which compares `tcpstep
# replay` with tshark's view of them; `make test` needs neither this script
# nor root).  Run as root from the project root:
#
#   sh tools/ref-replay.sh [OUTDIR]     (default tests/data)
#   sh tools/ref-replay.sh --ref [DIR]  (only remake DIR/replay-ref.tsv)
#
# replay-ref.tsv is tshark's view of every packet of these captures: file,
# frame, tcp.stream, tcp.window_size, tcp.window_size_scalefactor and the
# tcp.analysis flags it sets (names, comma-separated, or -).
#
# Three network namespaces joined by veth pairs:
#
#   rcc (client 10.9.0.1, fd00:9::1) c0 ==== c1  rcm  s1 ==== s0 (server
#   10.9.0.2, fd00:9::2) rcs
#
# The kernel here has no sch_netem (nor tc classifiers), so rcm runs
# tools/netem.py, which relays frames between c1 and s1 losing, delaying
# (with jitter, so reordering) and duplicating TCP segments, seeded.
# Offloads are off on every veth so that the relay sees wire-sized frames.
# tcpdump -s 128 runs in rcc on c0 (the client's side) and in rcs on s0
# (the server's side) at once; the peers are python3 sockets and
# http.server + curl.  Cases:
#
#   http-loss     curl fetches 300 kB over IPv4: 10% loss, 20 ms +- 10 ms,
#                 2% duplicates (both sides captured)
#   http6-loss    the same over IPv6, 5% loss
#   refused       connect to a port nobody listens on (SYN, RST+ACK)
#   synloss       the first SYN lost: the client sends it again
#   mid           tcpdump starts after the handshake of a slow transfer
#   rst           the server closes with SO_LINGER 0 while data is unread
#   simclose      both call shutdown(SHUT_WR) at the same instant: FINs cross
#   zerowin       the client's receive buffer is tiny and it reads late
#   synack        kept from an earlier run of "mid": tcpdump started between
#                 the SYN and the SYN+ACK
#   keepalive     an idle connection with SO_KEEPALIVE after 1 s, every 1 s
#   reuse         three connections in turn from the same client port (the
#                 server closes first, so the port is free at once)
#   nowscale      http-loss with window scaling, SACK and timestamps off in
#                 the client's namespace (so neither side scales)
#
# Needs ip, ethtool, tcpdump, python3, curl.  The files depend on timing;
# the tests check what tshark says of them, not the bytes.
set -eu
export LC_ALL=C TZ=UTC

names="retransmission fast_retransmission spurious_retransmission
duplicate_ack zero_window zero_window_probe zero_window_probe_ack
window_update window_full out_of_order lost_segment ack_lost_segment
keep_alive keep_alive_ack reused_ports"

ref() {
	command -v tshark >/dev/null || { echo "ref-replay: tshark missing" >&2; exit 2; }
	fields=""
	for n in $names; do fields="$fields -e tcp.analysis.$n"; done
	{
		printf '# made by tools/ref-replay.sh with %s\n' \
		    "$(tshark --version 2>/dev/null | head -1)"
		printf 'file\tframe\tstream\twin\tscale\tanalysis\n'
		for p in "$1"/replay-*.pcap; do
			# shellcheck disable=SC2086
			tshark -n -r "$p" -Y tcp -T fields -E occurrence=f \
			    -E separator=/t -e frame.number -e tcp.stream \
			    -e tcp.window_size -e tcp.window_size_scalefactor \
			    $fields 2>/dev/null |
			awk -F'\t' -v f="${p##*/}" -v names="$names" '
			    BEGIN { n = split(names, nm, " ") }
			    { a = ""
			      for (i = 1; i <= n; i++)
				if ($(4 + i) != "")
					a = a (a == "" ? "" : ",") nm[i]
			      printf "%s\t%s\t%s\t%s\t%s\t%s\n", f, $1, $2, $3,
				  $4 == "" ? "-3" : $4, a == "" ? "-" : a }'
		done
	} >"$1/replay-ref.tsv"
}

if [ "${1:-}" = --ref ]; then
	ref "${2:-tests/data}"
	exit 0
fi
out=${1:-tests/data}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pids=""

cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	for n in rcc rcm rcs; do ip netns del "$n" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

for t in ip ethtool tcpdump python3 curl; do
	command -v "$t" >/dev/null || { echo "ref-replay: $t missing" >&2; exit 2; }
done

# The peers: one small program, its role from argv.
cat >"$tmp/peer.py" <<'EOF'
import socket, struct, sys, time
role, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
fam = socket.AF_INET6 if ":" in host else socket.AF_INET
at = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
def listen():
    l = socket.socket(fam, socket.SOCK_STREAM)
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind((host, port)); l.listen(1)
    return l.accept()[0]
def dial(rcvbuf=0):
    s = socket.socket(fam, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.connect((host, port))
    return s
def drain(s, chunk=65536, pause=0.0):
    while s.recv(chunk):
        time.sleep(pause)
if role == "slow-server":        # mid: 200 kB, 2 kB every 30 ms
    s = listen()
    for i in range(100):
        s.sendall(b"m" * 2048); time.sleep(0.03)
    s.close()
elif role == "slow-client":
    drain(dial())
elif role == "rst-server":       # reads a little, then aborts
    s = listen()
    s.recv(1000)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
elif role == "rst-client":
    s = dial()
    try:
        s.sendall(b"r" * 20000); time.sleep(0.5); s.recv(10)
    except OSError:
        pass
elif role in ("sim-server", "sim-client"):   # both shut down at time `at`
    s = listen() if role == "sim-server" else dial()
    s.sendall(b"hello\n")
    time.sleep(max(0.0, at - time.time()))
    s.shutdown(socket.SHUT_WR)
    drain(s); s.close()
elif role == "reuse-server":     # three connections, closing first
    l = socket.socket(fam, socket.SOCK_STREAM)
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind((host, port)); l.listen(1)
    for i in range(3):
        s = l.accept()[0]
        s.sendall(b"u" * 3000); s.close()
elif role == "reuse-client":     # from the same source port each time
    for i in range(3):
        s = socket.socket(fam, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("", 40000))
        s.connect((host, port))
        drain(s); s.close(); time.sleep(0.3)
elif role == "ka-server":        # silent: the client's keep-alives probe it
    s = listen()
    drain(s)
elif role == "ka-client":
    s = dial()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    s.sendall(b"k" * 100)
    time.sleep(3.5); s.close()
elif role == "zw-server":        # 200 kB to a slow reader
    s = listen()
    s.sendall(b"z" * 200000); s.close()
elif role == "zw-client":
    s = dial(rcvbuf=2048)
    time.sleep(1.5)
    drain(s, 1024, 0.02)
EOF

ns() { n=$1; shift; ip netns exec "$n" "$@"; }

for n in rcc rcm rcs; do ip netns add "$n"; ns "$n" ip link set lo up; done
ip link add c0 netns rcc type veth peer name c1 netns rcm
ip link add s0 netns rcs type veth peer name s1 netns rcm
ns rcc ip addr add 10.9.0.1/24 dev c0
ns rcs ip addr add 10.9.0.2/24 dev s0
ns rcc ip addr add fd00:9::1/64 dev c0 nodad
ns rcs ip addr add fd00:9::2/64 dev s0 nodad
for p in rcc:c0 rcm:c1 rcm:s1 rcs:s0; do
	n=${p%%:*} d=${p#*:}
	ns "$n" ethtool -K "$d" tso off gso off gro off tx off rx off \
	    >/dev/null 2>&1 || true
	ns "$n" ip link set "$d" up
done
# The interpreter itself: a version manager's shim costs a second a run.
py=$(python3 -c 'import sys; print(sys.executable)')
dd if=/dev/urandom of="$tmp/f.bin" bs=1000 count=300 2>/dev/null

# run NAME NETEM_ARGS SIDES BODY: relay with NETEM_ARGS, capture at the
# client (SIDES has c) and at the server (s), run the shell string BODY.
run() {
	name=$1 nargs=$2 sides=$3 body=$4
	ip netns exec rcm "$py" "$here/netem.py" c1 s1 $nargs >/dev/null 2>&1 &
	np=$!
	pids="$pids $np"
	sleep 0.5
	tp=""
	case $sides in *c*)
		ip netns exec rcc tcpdump -U -s 128 -i c0 -w "$out/replay-$name-client.pcap" \
		    tcp >/dev/null 2>&1 &
		tp="$tp $!";;
	esac
	case $sides in *s*)
		ip netns exec rcs tcpdump -U -s 128 -i s0 -w "$out/replay-$name-server.pcap" \
		    tcp >/dev/null 2>&1 &
		tp="$tp $!";;
	esac
	sleep 1
	eval "$body"
	sleep 1.5
	for p in $tp; do kill -TERM "$p"; wait "$p" || true; done
	kill "$np"; wait "$np" 2>/dev/null || true
	echo "ref-replay: $name done" >&2
}

web() {
	ip netns exec rcs sh -c "cd $tmp && exec $py -m http.server $1 --bind $2" \
	    >/dev/null 2>&1 &
	pids="$pids $!"
	sleep 1
}

web 8080 10.9.0.2
ws4=$!
run http-loss "--loss 0.10 --delay 20 --jitter 10 --dup 0.02 --seed 7" cs \
    'ns rcc curl -s -o /dev/null http://10.9.0.2:8080/f.bin'
kill "$ws4"
web 8080 fd00:9::2
run http6-loss "--loss 0.05 --delay 20 --jitter 10 --dup 0.02 --seed 3" c \
    'ns rcc curl -s -o /dev/null "http://[fd00:9::2]:8080/f.bin"'
run refused "--delay 5" c 'ns rcc curl -s -o /dev/null http://10.9.0.2:9/ || true'
run synloss "--delay 5 --drop-syn 1" c \
    'ns rcc curl -s -o /dev/null "http://[fd00:9::2]:8080/f.bin"'

# mid: tcpdump starts 2.5 s after the client (and its handshake), while
# 200 kB trickle in.
ip netns exec rcm "$py" "$here/netem.py" c1 s1 --delay 10 --loss 0.05 \
    --seed 5 >/dev/null 2>&1 &
np=$!; pids="$pids $np"
sleep 0.5
ip netns exec rcs "$py" "$tmp/peer.py" slow-server 10.9.0.2 7001 & sp=$!
sleep 0.5
ip netns exec rcc "$py" "$tmp/peer.py" slow-client 10.9.0.2 7001 & cp=$!
sleep 2.5
ip netns exec rcc tcpdump -U -s 128 -i c0 -w "$out/replay-mid-client.pcap" tcp \
    >/dev/null 2>&1 & tp=$!
wait "$cp"; wait "$sp" || true
sleep 1
kill -TERM "$tp"; wait "$tp" || true
kill "$np"; wait "$np" 2>/dev/null || true
echo "ref-replay: mid done" >&2

run rst "--delay 10" cs \
    'ip netns exec rcs "$py" $tmp/peer.py rst-server 10.9.0.2 7002 & sp=$!; sleep 0.5;
     ns rcc "$py" $tmp/peer.py rst-client 10.9.0.2 7002; wait $sp || true'
run simclose "--delay 20" cs \
    'at=$(($(date +%s) + 2))
     ip netns exec rcs "$py" $tmp/peer.py sim-server 10.9.0.2 7003 $at & sp=$!;
     sleep 0.5; ns rcc "$py" $tmp/peer.py sim-client 10.9.0.2 7003 $at;
     wait $sp'
run zerowin "--delay 5" cs \
    'ip netns exec rcs "$py" $tmp/peer.py zw-server 10.9.0.2 7004 & sp=$!; sleep 0.5;
     ns rcc "$py" $tmp/peer.py zw-client 10.9.0.2 7004; wait $sp || true'
run keepalive "--delay 5" c \
    'ip netns exec rcs "$py" $tmp/peer.py ka-server 10.9.0.2 7006 & sp=$!;
     sleep 0.5; ns rcc "$py" $tmp/peer.py ka-client 10.9.0.2 7006;
     wait $sp || true'
run reuse "--delay 10 --loss 0.05 --seed 2" c \
    'ip netns exec rcs "$py" $tmp/peer.py reuse-server 10.9.0.2 7005 & sp=$!;
     sleep 0.5; ns rcc "$py" $tmp/peer.py reuse-client 10.9.0.2 7005;
     wait $sp || true'
ns rcc sysctl -q net.ipv4.tcp_window_scaling=0 net.ipv4.tcp_sack=0 \
    net.ipv4.tcp_timestamps=0
run nowscale "--loss 0.10 --delay 20 --jitter 10 --seed 11" c \
    'ns rcc curl -s -o /dev/null "http://[fd00:9::2]:8080/f.bin"'
ref "$out"
ls -l "$out"/replay-*
