#!/bin/sh
# Capture PNG screenshots of the real ncurses TUI, in a real terminal:
# xterm under Xvfb with the Noto CJK fonts, grabbed with ImageMagick's
# import.  Writes screenshots/{en,zh}-{80x24,160x48}.png and replay-*.png.
# Not part of `make test`.  Installs what it needs (as root) through tools/deps.sh.
#
# The TUI runs inside a tmux session in the xterm so that keys can be sent
# to it (tmux's status line is turned off: the picture is tcpstep alone).
set -eu

cd "$(dirname "$0")/.."
sh tools/deps.sh --extra xvfb xterm imagemagick fonts-noto-cjk tmux x11-utils
make --no-print-directory all >/dev/null

OUT=screenshots
DISP=:77
SOCK=tcpstep-shots
mkdir -p "$OUT"

Xvfb "$DISP" -screen 0 2200x1400x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null || true
	kill "$XVFB" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
sleep 1

# The last step of the chapter's step N of connect() (the segment then is
# on the wire, with its arrow on the ladder).  ASCII text is drawn in
# DejaVu Sans Mono, Chinese in Noto Sans Mono CJK, one cell and two.
find_step() {
	k=0 last=0
	while ./tcpstep render --step "$k" >/tmp/tcpstep-shot.$$ 2>/dev/null; do
		if grep -q "connect() $1/7" /tmp/tcpstep-shot.$$; then
			last=$k
		elif [ "$last" -gt 0 ]; then
			break
		fi
		k=$((k + 1))
	done
	rm -f /tmp/tcpstep-shot.$$
	echo "$last"
}

# shot NAME COLS ROWS "COMMAND" KEYS...: tcpstep's COMMAND in an xterm of
# COLSxROWS, after the keys (tmux send-keys words) are typed.
shot() {
	name=$1 cols=$2 rows=$3 cmd=$4
	shift 4
	title="tcpstep-shot-$name"
	tmux -L "$SOCK" kill-server 2>/dev/null || true
	DISPLAY=$DISP LANG=C.UTF-8 LC_ALL=C.UTF-8 xterm -T "$title" \
	    -geometry "${cols}x${rows}" -fa "DejaVu Sans Mono" -fd "Noto Sans Mono CJK SC" -fs 12 \
	    -bg black -fg grey90 -u8 +sb -e \
	    env LANG=C.UTF-8 tmux -L "$SOCK" -f /dev/null new -s shot \
	    "tmux -L $SOCK set -g status off; ./tcpstep $cmd" &
	xt=$!
	sleep 2
	for k in "$@"; do
		tmux -L "$SOCK" send-keys -t shot "$k"
		sleep 0.2
	done
	sleep 1
	DISPLAY=$DISP import -window "$title" "$OUT/$name.png"
	tmux -L "$SOCK" send-keys -t shot q q
	sleep 0.5
	kill "$xt" 2>/dev/null || true
	wait "$xt" 2>/dev/null || true
	echo "$OUT/$name.png"
}

syn=$(find_step 3)
synack=$(find_step 5)
shot en-80x24 80 24 "--lang en" g "$syn" Enter
shot zh-80x24 80 24 "--lang zh" g "$syn" Enter
shot en-160x48 160 48 "--lang en" g "$synack" Enter
shot zh-160x48 160 48 "--lang zh" g "$synack" Enter

# Replay: a capture of the lost-SYN+ACK scenario, at the repeated SYN.
cap=/tmp/tcpstep-shot-$$.pcap
./tcpstep export --scenario lost-synack -o "$cap"
shot replay-en-160x48 160 48 "--lang en replay $cap" Enter g 3 Enter
shot replay-zh-120x40 120 40 "--lang zh replay $cap" Enter g 3 Enter
rm -f "$cap"
