#!/bin/sh
# Scale bench: a store of N generated articles in FEEDS feeds (bench/scale_gen.c says what it
# makes), its size against the articles' raw bytes, search, opening, marking, expiry, lists;
# then the same articles as feed files refreshed by byline, sfeed_update and newsboat from a
# loopback server, with each one's disk use and the search of a two-character word.
# usage: sh bench/scale.sh [BYLINE]
# environment: SCALE_N (default 100000), SCALE_FEEDS (2000), RUNS (5),
#              PEER_N (articles for the peers' part, default SCALE_N; 0 skips it)
# One feed holds 5 % of the articles: SCALE_N=1000000 makes the feed of 50,000 that
# "mark a feed read" is measured on. Expiry prints the spread of its calls and of a
# second writer's waits (median, 99th, 99.9th percentile, max, how many over 50 ms).
# Figures are wall times in ms (median and max over RUNS) on a shared machine: see doc/SCALE.md.

BYLINE=${1:-./byline}
BYLINE=$(cd "$(dirname "$BYLINE")" && pwd)/$(basename "$BYLINE")
N=${SCALE_N:-100000}
FEEDS=${SCALE_FEEDS:-2000}
RUNS=${RUNS:-5}
PEER_N=${PEER_N:-$N}
BUILD=${BUILD:-build}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/peers.sh"
W=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER; rm -rf "$W"' EXIT
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

make -s "$BUILD/bench/scale_gen" "$BUILD/bench/scale_probe" >/dev/null || exit 1
GEN=$(pwd)/$BUILD/bench/scale_gen
PROBE=$(pwd)/$BUILD/bench/scale_probe
DB=$W/byline.db

# peak RSS (kB) and wall seconds of a command: "RSS SECONDS"
timed() { /usr/bin/time -f '%M %e' -o "$W/time" "$@" >"$W/out" 2>"$W/err"; tail -n 1 "$W/time"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

echo "scale bench: $N articles in $FEEDS feeds ($(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$here" rev-parse --short HEAD 2>/dev/null))"

# ---- the store, built as years of refreshes would ----
set -- $(timed "$GEN" store "$DB" "$W/byline.conf" "$N" "$FEEDS")
echo "stored $N articles through the store API (100 rounds of refreshes): $2 s, $(awk -v n="$N" -v s="$2" 'BEGIN { printf "%d", n / s }') articles/s, peak RSS $1 kB"
set -- $("$GEN" raw "$DB")
RAW=$2
echo "raw bytes (title + summary + content + link of every article): $(mb "$RAW")"

# The first search indexes what waits (store_index), as the reader's idle time would.
set -- $(timed "$BYLINE" list -d "$DB" -c "$W/byline.conf" --search 芯片 --limit 40)
echo "indexing every article (the first search): $2 s, peak RSS $1 kB"
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
SIZE=$(stat -c %s "$DB")
echo "database: $(mb "$SIZE"), $(awk -v a="$SIZE" -v b="$RAW" 'BEGIN { printf "%.2f", a / b }')x the raw bytes (goal at most 1.5x)"
sqlite3 "$DB" "SELECT '  ' || name || ': ' || printf('%.1f MB', sum(pgsize) / 1e6) FROM dbstat GROUP BY name ORDER BY sum(pgsize) DESC LIMIT 8;" 2>/dev/null

echo "store timings (ms: median, max over $RUNS runs):"
"$PROBE" search "$DB" "$RUNS" 芯片 猫 東京 ニュース kernel भारत
"$PROBE" open "$DB" "$RUNS"
"$PROBE" lists "$DB" "$RUNS"
"$PROBE" mark "$DB" "$RUNS"
set -- $(timed "$BYLINE" list -d "$DB" -c "$W/byline.conf" --limit 40)
echo "byline list --limit 40 (a whole process): $(awk -v s="$2" 'BEGIN { printf "%.0f", s * 1000 }') ms, peak RSS $1 kB"
cp "$DB" "$W/expire.db"
"$PROBE" expire "$W/expire.db" 365
rm -f "$W/expire.db"*

[ "$PEER_N" -gt 0 ] 2>/dev/null || exit 0

# ---- the same kind of articles as feeds, for byline and its peers ----
echo
echo "peers: $PEER_N articles in $FEEDS feed files, refreshed once from a loopback server"
"$GEN" feeds "$W/doc" "$PEER_N" "$FEEDS" || exit 1
cc -O2 -o "$W/httpd" "$here/httpd.c" || exit 1
"$W/httpd" "$W/doc" "$W/port" &
SERVER=$!
while [ ! -s "$W/port" ]; do sleep 0.05; done
BASE=http://127.0.0.1:$(cat "$W/port")
echo "feed files: $(mb "$(du -sb "$W/doc" | cut -f1)")"
peer_configs "$W" "$BASE" "$W/peer.conf" "max-items 0"

set -- $(timed "$BYLINE" refresh -c "$W/peer.conf" -d "$W/peer.db")
echo "byline refresh: $2 s, peak RSS $1 kB"
set -- $(timed "$BYLINE" refresh -c "$W/peer.conf" -d "$W/peer.db")
echo "byline refresh, nothing new: $2 s"
set -- $(timed "$BYLINE" list -c "$W/peer.conf" -d "$W/peer.db" --search 芯片 --limit 40)
echo "byline first search (indexes everything): $2 s"
sqlite3 "$W/peer.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
if command -v sfeed_update >/dev/null; then
	set -- $(timed env HOME="$W" sfeed_update "$W/sfeedrc")
	echo "sfeed_update: $2 s, peak RSS $1 kB"
fi
if command -v newsboat >/dev/null; then
	set -- $(timed env HOME="$W" newsboat -x reload -u "$W/newsboat.urls" -c "$W/newsboat.db" -C "$W/newsboat.conf")
	echo "newsboat -x reload: $2 s, peak RSS $1 kB"
fi

echo "disk after one refresh, and a search of 芯片 (40 hits; ms, median of $RUNS):"
med() {	# med COMMAND...: median wall ms of RUNS runs
	i=0
	while [ $i -lt "$RUNS" ]; do
		s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
		echo $(((e - s) / 1000000)); i=$((i + 1))
	done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
echo "  byline   $(mb "$(stat -c %s "$W/peer.db")")  $(med "$BYLINE" list -c "$W/peer.conf" -d "$W/peer.db" --search 芯片 --limit 40) ms (byline list --search)"
[ -d "$W/sfeed" ] && echo "  sfeed    $(mb "$(du -sb "$W/sfeed" | cut -f1)")  $(med sh -c "grep -h 芯片 $W/sfeed/* | head -n 40") ms (grep over its TSV files, what sfeed users do)"
[ -f "$W/newsboat.db" ] && echo "  newsboat $(mb "$(stat -c %s "$W/newsboat.db")")  $(med sqlite3 "$W/newsboat.db" "SELECT title FROM rss_item WHERE title LIKE '%芯片%' OR content LIKE '%芯片%' LIMIT 40;") ms (its search's LIKE, in sqlite3)"
exit 0
