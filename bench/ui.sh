#!/bin/sh
# Reader bench: time to the first screen and peak memory with 100, 10,000 and 100,000
# stored articles, side by side with newsboat and sfeed_curses holding the same articles
# (the first screen must come as fast with 100,000 as with 100: a closing line puts
# byline's times per size side by side).
# usage: sh bench/ui.sh [BYLINE]    environment: SIZES ("100 10000 100000"), RUNS (3), FEEDS (20),
#        QUERIES (20 virtual feeds in the feeds view over bench/query_store.sh's store; 0: none),
#        QUERY_DB (that store, kept between runs)
#
# Method, the same for the three readers (bench/tmux.sh): each starts in a detached
# tmux window of 100x30 and is timed until the last feed's name ("Feed 20", or the
# file name "feed20" for sfeed_curses) is on the screen, against the "tmux floor" (a
# shell that prints the marker); peak memory is its VmHWM then. For byline there is a second
# figure: BYLINE_EXIT_AFTER_PAINT=1 makes it quit right after its first doupdate,
# timed with /usr/bin/time under script(1) (a pty), with no tmux in the way.
# The articles come from the same RSS files: byline refresh (file:// URLs),
# newsboat -x reload (file:// URLs), sfeed (TSV files for sfeed_curses).

BYLINE=${1:-./byline}
BYLINE=$(cd "$(dirname "$BYLINE")" && pwd)/$(basename "$BYLINE")
SIZES=${SIZES:-"100 10000 100000"}
RUNS=${RUNS:-3}
FEEDS=${FEEDS:-20}
QUERIES=${QUERIES:-20}
here=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d)
SOCK="byline-bench-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$W"' EXIT
. "$here/tmux.sh"
tmux_start

row() { printf '%-34s %10s %10s\n' "$1" "$2" "$3"; }

by_size=
floor=$(floor)
echo "reader bench: time to first screen (ms, median of $RUNS) and peak RSS (KB), 100x30 tmux"
echo "tmux start + capture floor: $floor ms"
for n in $SIZES; do
	per=$((n / FEEDS))
	[ "$per" -ge 1 ] || per=1	# every feed holds at least one article
	D="$W/$n"
	python3 "$here/ui_gen.py" "$D/xml" "$FEEDS" "$per" || exit 1
	{
		echo "set refresh-on-start no"
		echo "set max-connections 8"
		for f in "$D"/xml/*.xml; do echo "feed file://$f"; done
	} >"$D/byline.conf"
	"$BYLINE" refresh -c "$D/byline.conf" -d "$D/byline.db" >/dev/null 2>&1
	stored=$(sqlite3 "$D/byline.db" 'SELECT count(*) FROM item')
	for f in "$D"/xml/*.xml; do echo "file://$f"; done >"$D/urls"
	printf 'reload-threads 4\nshow-read-feeds yes\n' >"$D/newsboat.conf"
	HOME=$D newsboat -x reload -u "$D/urls" -c "$D/newsboat.db" -C "$D/newsboat.conf" \
		>/dev/null 2>&1
	mkdir -p "$D/sfeed"
	for f in "$D"/xml/*.xml; do sfeed <"$f" >"$D/sfeed/$(basename "$f" .xml)"; done
	echo
	echo "== $n articles ($stored stored by byline, $FEEDS feeds)"
	row "reader" "ms" "peak KB"
	set -- $(median_paint "Feed $FEEDS" "$BYLINE -c $D/byline.conf -d $D/byline.db")
	row "byline" "$1" "$2"
	by_size="$by_size${by_size:+, }$n: $1 ms"
	script -qec "env BYLINE_EXIT_AFTER_PAINT=1 /usr/bin/time -f '%e %U %S %M' -o $W/time \
		$BYLINE -c $D/byline.conf -d $D/byline.db" /dev/null >/dev/null 2>&1
	set -- $(cat "$W/time")
	row "byline (exit after paint, no tmux)" "$(python3 -c "print(round($1 * 1000))")" "$4"
	row "  of which CPU (user + system)" "$(python3 -c "print(round(($2 + $3) * 1000))")" ""
	set -- $(median_paint "Feed $FEEDS" \
		"env HOME=$D newsboat -u $D/urls -c $D/newsboat.db -C $D/newsboat.conf")
	row "newsboat $(newsboat -v 2>/dev/null | head -n 1 | awk '{print $2}')" "$1" "$2"
	set -- $(median_paint "feed$FEEDS" "sfeed_curses $D/sfeed/*")
	row "sfeed_curses" "$1" "$2"
done
echo
echo "byline, time to first screen (tmux) by stored articles: $by_size"

# The feeds view with QUERIES virtual feeds (query lines of every shape bench/query.sh
# times) over the query bench's store (100,000 articles in 2,000 feeds), beside the
# same config without them; each start waits for its last line on the screen.
[ "$QUERIES" = 0 ] && exit 0
D="$W/query"
QDB=${QUERY_DB:-$D/byline.db}
mkdir -p "$D"
sh "$here/query_store.sh" "$QDB" "${QDB%.db}.conf" 100000 2000 || exit 1
i=0
for q in unread starred kernel 芯片 東京 title:kernel "after:2025-01-01 before:2025-02-01" \
	newer:60w "kernel OR 芯片" "芯片 unread" "unread -kernel" -kernel "kernel OR starred" \
	"kernel OR unread" has:enclosure "has:enclosure unread" feed:f001 "newer:7d unread" \
	-has:enclosure "feed:f002 OR starred"; do
	i=$((i + 1))
	[ "$i" -le "$QUERIES" ] && printf 'query "Query %02d" %s\n' "$i" "$q"
done >"$D/queries"
cat "${QDB%.db}.conf" "$D/queries" >"$D/with.conf"
last=$(tail -n 1 "$D/queries" | cut -d '"' -f 2)
echo
echo "== feeds view, 100,000 articles in 2,000 feeds (load $(cut -d ' ' -f 1 /proc/loadavg))"
row "config" "ms" "peak KB"
row "tmux floor" "$(floor)" ""
set -- $(median_paint "Starred" "$BYLINE -c ${QDB%.db}.conf -d $QDB")
row "no query lines" "$1" "$2"
set -- $(median_paint "$last" "$BYLINE -c $D/with.conf -d $QDB")
row "$QUERIES query lines" "$1" "$2"
