#!/bin/sh
# The mark of a feed read and its undo, through the store API and in the reader, in
# turn, so that all see the same load: N rounds (default 7) of `scale_probe mark DB 1`
# (a fresh process, one mark and its undo), the same with bench/tmux.sh's wait_for
# polling an idle pane beside it (as it polls while the reader marks), then the
# reader's round as bench/scale.sh times it (the key floor, then A and u in the feeds
# view on Feed 0000's row, in tmux). Prints a line each, "probe MARK UNDO", "polled
# MARK UNDO", "reader FLOOR MARK UNDO" (ms), then the medians and the load.
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
i=0
while [ $i -lt "$N" ]; do
	echo "probe $("$PROBE" mark "$DB" 1 | awk '{ printf "%s ", $(NF - 2) }')" | tee -a "$W/all"
	sleep 1
	wait_for "$idle" "never on the screen" "$(now_ms)" >/dev/null &
	poller=$!
	echo "polled $("$PROBE" mark "$DB" 1 | awk '{ printf "%s ", $(NF - 2) }')" | tee -a "$W/all"
	kill "$poller"
	sleep 1.5	# the reader's exit (its checkpoint) is over before the next round
	echo "reader $(key_floor_once) $(mark_round)" | tee -a "$W/all"
	sleep 1.5
	i=$((i + 1))
done
med() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "medians: store mark $(awk '$1 == "probe" { print $2 }' "$W/all" | med)," \
	"undo $(awk '$1 == "probe" { print $3 }' "$W/all" | med); polled: mark" \
	"$(awk '$1 == "polled" { print $2 }' "$W/all" | med)," \
	"undo $(awk '$1 == "polled" { print $3 }' "$W/all" | med); reader over the floor:" \
	"mark $(awk '$1 == "reader" { print $3 - $2 }' "$W/all" | med)," \
	"undo $(awk '$1 == "reader" { print $4 - $2 }' "$W/all" | med); floor" \
	"$(awk '$1 == "reader" { print $2 }' "$W/all" | med) (load $(cut -d' ' -f1-3 /proc/loadavg))"
