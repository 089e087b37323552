#!/bin/sh
# The mark of a feed read and its undo, through the store API and in the reader, in
# turn, so that all see the same load: N rounds (default 7) of `scale_probe mark DB 1`
# (a fresh process, one mark and its undo) alone, then the same with a wait of
# bench/tmux.sh beside it on an idle pane (the polling wait of before, then the wait
# by tmux's control mode that the benches use: it sleeps until the pane has output, as
# while the reader marks), then the reader's round as bench/scale.sh times it (the key
# floor, then A and u in the feeds view on Feed 0000's row, in tmux) with each of the
# two waits. Prints a line each, "probe MARK UNDO", "polled MARK UNDO", "waited MARK
# UNDO", "reader FLOOR MARK UNDO", "reader-polled FLOOR MARK UNDO" (ms), then the medians
# and the load.
#
#   sh bench/mark_pair.sh ./byline build/bench/scale_probe CONF DB [N]
#
# It marks and undoes the biggest feed of DB: run it on a copy.
[ $# -ge 4 ] || { echo "usage: mark_pair.sh BYLINE PROBE CONF DB [N]" >&2; exit 2; }
BYLINE=$1 PROBE=$2 CONF=$3 DB=$4 N=${5:-7}
here=$(cd "$(dirname "$0")" && pwd)
SOCK=mark_pair.$$ W=$(mktemp -d) RUNS=1
. "$here/tmux.sh"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$W"' EXIT
tmux_start
idle=$(tmux -L "$SOCK" new-window -d -P -F '#{pane_id}' "sleep 3600")
reader() { set -- $(open_pane "Feed 0000" "$BYLINE -c $CONF -d $DB"); echo "$1"; }
mark_round() {
	p=$(reader)
	tmux -L "$SOCK" send-keys -t "$p" j j
	sleep 0.3
	echo "$(press "$p" "of Feed 0000 marked read" A) $(press "$p" "undone: " u)"
	tmux -L "$SOCK" kill-pane -t "$p"
}
probe() { "$PROBE" mark "$DB" 1 | awk '{ printf "%s ", $(NF - 2) }'; }
i=0
while [ $i -lt "$N" ]; do
	echo "probe $(probe)" | tee -a "$W/all"
	sleep 1
	poll_for "$idle" "never on the screen" "$(now_ms)" >/dev/null &
	poller=$!
	echo "polled $(probe)" | tee -a "$W/all"
	kill "$poller"
	# A second wait process (the benches' one answers one wait at a time), started
	# and given its wait before the probe, sleeping beside it.
	printf '%s\t%s\t%s\n' "$idle" "$(now_ms)" "never on the screen" |
		${PYTHON:-python3} "$here/tmux_wait.py" "$SOCK" >/dev/null &
	waiter=$!
	sleep 1
	echo "waited $(probe)" | tee -a "$W/all"
	kill "$waiter"
	sleep 1.5	# the reader's exit (its checkpoint) is over before the next round
	echo "reader $(key_floor_once) $(mark_round)" | tee -a "$W/all"
	sleep 1.5
	echo "reader-polled $(TMUX_WAIT=poll; echo "$(key_floor_once) $(mark_round)")" | tee -a "$W/all"
	sleep 1.5
	i=$((i + 1))
done
med() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
col() { awk -v k="$1" "\$1 == k { print $2 }" "$W/all" | med; }
echo "medians: store mark $(col probe '$2'), undo $(col probe '$3');" \
	"beside the polling wait: mark $(col polled '$2'), undo $(col polled '$3');" \
	"beside the control-mode wait: mark $(col waited '$2'), undo $(col waited '$3');" \
	"reader over the floor: mark $(col reader '$3 - $2'), undo $(col reader '$4 - $2')," \
	"floor $(col reader '$2'); the same timed by the polling wait: mark" \
	"$(col reader-polled '$3 - $2'), undo $(col reader-polled '$4 - $2'), floor" \
	"$(col reader-polled '$2') (load $(cut -d' ' -f1-3 /proc/loadavg))"
