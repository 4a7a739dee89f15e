#!/usr/bin/env python3
"""Compare `tcpstep replay` with tshark on captures, connection by
connection, and print what differs.  Not run by `make test` (it needs
tshark); tests/test_replay.c keeps what this found.

  python3 tools/cmp-replay.py [--states] FILE...

Checked: connections = tshark's tcp.stream count; packets per connection;
per packet, the tcp.analysis flags (from `tcpstep annotate --json`, the
same annotator replay runs) against tshark's; the sender's RCV.WND against
tcp.window_size (unknown when tshark's scale factor is unknown); that a
value marked observed (=) was stated by a packet its side sent, and that
SND.UNA =< SND.NXT.

Known differences, not bugs: tshark puts the TCP header quoted in an ICMP
error into the connection's tcp.stream (replay counts only TCP packets);
tshark scales a window by its sender's SYN alone before the SYN+ACK is
seen (replay says unknown until both SYNs agree, RFC 7323 §2.2); link
types the decoder does not know give no connections at all.
"""
import json
import re
import subprocess
import sys

TCPSTEP = "./tcpstep"
NAMES = ("retransmission fast_retransmission spurious_retransmission "
         "duplicate_ack zero_window zero_window_probe zero_window_probe_ack "
         "window_update window_full out_of_order lost_segment "
         "ack_lost_segment keep_alive keep_alive_ack reused_ports").split()
FIELDS = ["frame.number", "tcp.stream", "tcp.seq_raw", "tcp.ack_raw",
          "tcp.len", "tcp.flags", "tcp.window_size",
          "tcp.window_size_scalefactor", "tcp.srcport"] + \
    ["tcp.analysis." + n for n in NAMES]


def tshark(path):
    cmd = ["tshark", "-n", "-r", path, "-Y", "tcp", "-T", "fields",
           "-E", "occurrence=f", "-E", "separator=\t"]
    for f in FIELDS:
        cmd += ["-e", f]
    rows = {}
    for line in subprocess.run(cmd, capture_output=True, text=True,
                               check=True).stdout.splitlines():
        v = line.split("\t")
        fl = {NAMES[i] for i in range(len(NAMES)) if v[9 + i] != ""}
        if v[1] == "":
            continue
        n = lambda x, base=10: int(x, base) if x else 0
        rows[int(v[0])] = dict(stream=int(v[1]), seq=n(v[2]), ack=n(v[3]),
                               len=n(v[4]), flags=n(v[5], 16), win=n(v[6]),
                               scale=n(v[7] or "-3"), sport=n(v[8]), an=fl)
    return rows


def annotate(path):
    out = subprocess.run([TCPSTEP, "annotate", "--json", path],
                         capture_output=True, text=True, check=True).stdout
    return {j["frame"]: j for j in map(json.loads, out.splitlines())
            if j.get("proto") == "TCP"}


VAL = re.compile(r"(ISS|IRS|SND\.UNA|SND\.NXT|RCV\.NXT|SND\.WND|RCV\.WND)"
                 r"([=~?])(\d*)")


def replay_conn(path, n):
    out = subprocess.run([TCPSTEP, "replay", "--conn", str(n), path],
                         capture_output=True, text=True, check=True).stdout
    steps, head = [], out.splitlines()[:2]
    for line in out.splitlines():
        m = re.match(r"step (\d+)\s+frame (\d+)\s+\S+\s+(\S+) > (\S+)", line)
        if m:
            steps.append(dict(frame=int(m.group(2)), src=m.group(3), tcb={}))
            continue
        m = re.match(r"  ([AB]) (\S+)\s+(.*)$", line)
        if m and steps:
            rest = m.group(3)
            state = rest.split(" ISS")[0]
            vals = {k: (t, int(v) if v else None)
                    for k, t, v in VAL.findall(rest)}
            steps[-1]["tcb"][m.group(1)] = dict(ep=m.group(2), state=state,
                                                v=vals)
    return head, steps


def main():
    states = "--states" in sys.argv
    bad = 0
    for path in [a for a in sys.argv[1:] if not a.startswith("--")]:
        ts = tshark(path)
        an = annotate(path)
        lst = subprocess.run([TCPSTEP, "replay", path], capture_output=True,
                             text=True, check=True).stdout.splitlines()
        nconn = int(re.search(r": (\d+) TCP conn", lst[0]).group(1))
        nstream = len({r["stream"] for r in ts.values()})
        msg = []
        if nconn != nstream:
            msg.append("connections %d, tshark streams %d" % (nconn, nstream))
        for c in range(1, nconn + 1):
            head, steps = replay_conn(path, c)
            frames = [s["frame"] for s in steps]
            streams = {ts[f]["stream"] for f in frames if f in ts}
            if len(streams) != 1:
                msg.append("conn %d spans streams %s" % (c, streams))
                continue
            st = streams.pop()
            want = [f for f, r in ts.items() if r["stream"] == st]
            if want != frames:
                msg.append("conn %d: %d packets, stream %d has %d" %
                           (c, len(frames), st, len(want)))
            sent = {"A": [], "B": []}
            for s in steps:
                f = s["frame"]
                t = ts[f]
                side = "A" if s["src"] == s["tcb"]["A"]["ep"] else "B"
                sent[side].append(t)
                mine = set(an[f]["analysis"]) if f in an else set()
                if mine != t["an"]:
                    msg.append("conn %d frame %d: analysis %s, tshark %s" %
                               (c, f, sorted(mine), sorted(t["an"])))
                tag, w = s["tcb"][side]["v"]["RCV.WND"]
                if t["flags"] & 4:
                    pass        # a reset's window is not processed
                elif t["scale"] == -1 and not (t["flags"] & 2):
                    if tag == "=":
                        msg.append("conn %d frame %d: RCV.WND=%d observed, "
                                   "tshark's scale unknown" % (c, f, w))
                elif tag != "=" or w != t["win"]:
                    msg.append("conn %d frame %d: RCV.WND%s%s, tshark %d" %
                               (c, f, tag, w, t["win"]))
                for sd in "AB":
                    msg += check_observed(c, f, sd, s["tcb"][sd], sent[sd])
            if states:
                print("%s conn %d %s" % (path, c, head[1]))
                last = None
                for s in steps:
                    cur = (s["tcb"]["A"]["state"], s["tcb"]["B"]["state"])
                    if cur != last:
                        print("   frame %4d  A %-22s B %s" % ((s["frame"],) +
                                                             cur))
                    last = cur
        print("%s: %d connections, %d differences" % (path, nconn, len(msg)))
        for m in msg[:40]:
            print("  " + m)
        bad += len(msg)
    return 1 if bad else 0


def check_observed(c, f, sd, tcb, sent):
    """An observed value must be one a packet from that side stated."""
    out = []
    M = 1 << 32
    okv = {
        "ISS": {t["seq"] for t in sent if t["flags"] & 2},
        "IRS": {(t["ack"] - 1) % M for t in sent if t["flags"] & 0x10},
        "RCV.NXT": {t["ack"] for t in sent if t["flags"] & 0x10},
        "SND.NXT": {(t["seq"] + t["len"] + (t["flags"] & 1) +
                     (t["flags"] >> 1 & 1)) % M for t in sent},
        "RCV.WND": {t["win"] for t in sent},
    }
    una, nxt = tcb["v"]["SND.UNA"], tcb["v"]["SND.NXT"]
    if una[0] != "?" and nxt[0] != "?" and (nxt[1] - una[1]) % M >= 1 << 31:
        out.append("conn %d frame %d: %s SND.UNA %d > SND.NXT %d" %
                   (c, f, sd, una[1], nxt[1]))
    for k, (tag, v) in tcb["v"].items():
        if tag != "=":
            continue
        if k not in okv or v not in okv[k]:
            out.append("conn %d frame %d: %s %s=%s not stated by its packets"
                       % (c, f, sd, k, v))
    return out


if __name__ == "__main__":
    sys.exit(main())
