#!/bin/sh
# Scale bench: a store of N generated articles in FEEDS feeds (bench/scale_gen.c says what it
# makes), its size against the articles' raw bytes, search, opening, marking, expiry, lists;
# the reader in a terminal (its first screen at every size, with few feeds and many, its
# memory, a search and an article opened, a feed marked read and undone); then the same
# articles as feed files refreshed by byline, sfeed_update and newsboat from a loopback
# server, with each one's disk use and the search of a two-character word.
# usage: sh bench/scale.sh [BYLINE]
# environment: SCALE_N (default 100000), SCALE_FEEDS (2000), RUNS (5),
#              PEER_N (articles for the peers' part, default SCALE_N; 0 skips it),
#              EXPIRE (1; 0 skips expiry, which works on a copy of the store),
#              SCREEN_SIZES (articles of the stores the reader starts on: "100 100000 N"),
#              SCREEN_FEEDS (their feeds: "20 FEEDS"), SCREEN_WORDS (searched in the
#              reader: "芯片 kernel"),
#              SCALE_DIR (where the stores are kept between runs, as ARTICLES-FEEDS.db:
#              a store found there is used as it is, built and indexed otherwise; by
#              default a scratch directory removed at the end)
# One feed holds 5 % of the articles: SCALE_N=1000000 makes the feed of 50,000 that
# "mark a feed read" is measured on. Expiry prints the spread of its calls and of a
# second writer's waits (median, 99th, 99.9th percentile, max, how many over 50 ms).
# Figures are wall times in ms (median and max over RUNS) on a shared machine: see doc/SCALE.md.
# The reader's screens are timed in tmux as bench/ui.sh times them (bench/tmux.sh: a
# tmux control-mode client that sleeps until the pane has output; TMUX_WAIT=poll for
# the polling wait the figures before it were taken with), each
# beside its floor: starting a shell that prints a line, or a key a shell answers; its
# first paint also without tmux, in wall and CPU time (bench/rusage.py).

BYLINE=${1:-./byline}
BYLINE=$(cd "$(dirname "$BYLINE")" && pwd)/$(basename "$BYLINE")
N=${SCALE_N:-100000}
FEEDS=${SCALE_FEEDS:-2000}
RUNS=${RUNS:-5}
PEER_N=${PEER_N:-$N}
BUILD=${BUILD:-build}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/peers.sh"
. "$here/tmux.sh"
W=$(mktemp -d)
SD=${SCALE_DIR:-$W}
SOCK="byline-scale-$$"
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER; tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$W"' EXIT
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
mkdir -p "$SD" || exit 1

make -s "$BUILD/bench/scale_gen" "$BUILD/bench/scale_probe" >/dev/null || exit 1
GEN=$(pwd)/$BUILD/bench/scale_gen
PROBE=$(pwd)/$BUILD/bench/scale_probe
DB=$SD/$N-$FEEDS.db
CONF=$SD/$N-$FEEDS.conf

# peak RSS (kB) and wall seconds of a command: "RSS SECONDS"
timed() { /usr/bin/time -f '%M %e' -o "$W/time" "$@" >"$W/out" 2>"$W/err"; tail -n 1 "$W/time"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
load() { echo "load $(cut -d ' ' -f 1 /proc/loadavg)"; }

# build DB CONF ARTICLES FEEDS: the store as 100 rounds of refreshes, then every article
# indexed as the reader's idle time (or its first search) would; says how long each took.
build() {
	set -- $(timed "$GEN" store "$1" "$2" "$3" "$4") "$1" "$2" "$3"
	echo "stored $5 articles through the store API (100 rounds of refreshes): $2 s, $(awk -v n="$5" -v s="$2" 'BEGIN { printf "%d", n / s }') articles/s, peak RSS $1 kB ($(load))"
	db=$3 conf=$4
	set -- $(timed "$BYLINE" list -d "$db" -c "$conf" --search 芯片 --limit 40)
	echo "indexing every article (the first search): $2 s, peak RSS $1 kB ($(load))"
	sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
}

echo "scale bench: $N articles in $FEEDS feeds ($(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$here" rev-parse --short HEAD 2>/dev/null))"

# ---- the store, built as years of refreshes would ----
if [ -s "$DB" ]; then
	echo "store: $DB as it was (SCALE_DIR)"
else
	build "$DB" "$CONF" "$N" "$FEEDS"
fi
set -- $("$GEN" raw "$DB")
RAW=$2
echo "raw bytes (title + summary + content + link of every article): $(mb "$RAW")"
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
SIZE=$(stat -c %s "$DB")
echo "database: $(mb "$SIZE"), $(awk -v a="$SIZE" -v b="$RAW" 'BEGIN { printf "%.2f", a / b }')x the raw bytes (goal at most 1.5x)"
sqlite3 "$DB" "SELECT '  ' || name || ': ' || printf('%.1f MB', sum(pgsize) / 1e6) FROM dbstat GROUP BY name ORDER BY sum(pgsize) DESC LIMIT 8;" 2>/dev/null

echo "store timings (ms: median, max over $RUNS runs; $(load)):"
"$PROBE" search "$DB" "$RUNS" 芯片 猫 東京 ニュース kernel भारत
"$PROBE" open "$DB" "$RUNS"
"$PROBE" lists "$DB" "$RUNS"
"$PROBE" mark "$DB" "$RUNS"
set -- $(timed "$BYLINE" list -d "$DB" -c "$CONF" --limit 40)
echo "byline list --limit 40 (a whole process): $(awk -v s="$2" 'BEGIN { printf "%.0f", s * 1000 }') ms, peak RSS $1 kB"
if [ "${EXPIRE:-1}" != 0 ]; then
	cp "$DB" "$W/expire.db"
	"$PROBE" expire "$W/expire.db" 365
	rm -f "$W/expire.db"*
fi

# ---- the reader in a 100x30 tmux window ----
# Each figure is paired with its floor round by round (a shell started, or a key a shell
# answers, just before), so that both see the same load: "MS (+DIFF)" is the median
# time and the median of the differences.
tmux_start
echo
echo "the reader in a 100x30 tmux window (ms, median of $RUNS; over the floor in brackets)"
pair() {	# pair MS DIFF FLOOR
	case $1$2 in *timeout*) echo timeout ;; *) echo "$1 ms ($(printf '%+d' "$2"), floor $3)" ;; esac
}
echo "first screen of the feeds view, and the reader's peak RSS then:"
for n in ${SCREEN_SIZES:-100 100000 $N}; do
	for f in ${SCREEN_FEEDS:-20 $FEEDS}; do
		db=$SD/$n-$f.db
		[ -s "$db" ] || build "$db" "$SD/$n-$f.conf" "$n" "$f" | sed 's/^/  /'
		# The last feed the screen shows: 28 rows of list, two of them the virtual lists.
		last=$(printf 'Feed %04d' $(( (f < 26 ? f : 26) - 1 )))
		set -- $(paired_paint "$last" "$BYLINE -c $SD/$n-$f.conf -d $db")
		printf '  %8s articles, %4s feeds: %s, %s kB (%s)\n' "$n" "$f" "$(pair "$1" "$3" "$2")" "$4" "$(load)"
		# The reader's own share, without tmux: BYLINE_EXIT_AFTER_PAINT=1 quits after the
		# first doupdate; its wall and CPU time from wait4, under script(1) (a pty).
		: >"$W/ru"
		i=0
		while [ $i -lt "$RUNS" ]; do
			script -qec "env BYLINE_EXIT_AFTER_PAINT=1 python3 $here/rusage.py $W/ru \
				$BYLINE -c $SD/$n-$f.conf -d $db" /dev/null >/dev/null 2>&1
			i=$((i + 1))
		done
		echo "            quitting after the first paint: $(median_col "$W/ru" '$1') ms," \
			"CPU $(median_col "$W/ru" '$2') ms, peak RSS $(awk '{ print $3 }' "$W/ru" |
			sort -n | tail -n 1) kB"
	done
done

# keys_runs FILE CMD...: RUNS rounds of a key a shell answers, then CMD (which prints
# the times of its keys in a reader started for the round, and the reader's peak RSS);
# FILE gets "FLOOR TIMES... KB" a round.
keys_runs() {
	kf=$1
	shift
	: >"$kf"
	i=0
	while [ $i -lt "$RUNS" ]; do
		echo "$(key_floor_once) $("$@")" >>"$kf"
		i=$((i + 1))
	done
}
# keys_col N: the Nth column of keys_runs' file against the floor's (the first); keys_kb:
# its largest peak RSS (the last).
keys_col() {
	pair "$(median_col "$W/keys" "\$$1")" "$(median_col "$W/keys" "\$$1 - \$1")" \
		"$(median_col "$W/keys" '$1')"
}
keys_kb() { awk '{ print $NF }' "$W/keys" | sort -n | tail -n 1; }
reader() { set -- $(open_pane "Feed 0000" "$BYLINE -c $CONF -d $DB"); echo "$1"; }

# A search typed in the reader (Enter, until its list's title line), then its first
# article opened (Enter, until the article's header; opening marks it read, so a run
# leaves each word's first article read).
search_round() {
	p=$(reader)
	press "$p" "Search:" / >/dev/null
	tmux -L "$SOCK" send-keys -t "$p" -l "$1"
	wait_for "$p" "Search: $1" "$(now_ms)" >/dev/null
	echo "$(press "$p" "byline: Search: $1" Enter) $(press "$p" "Title:  " Enter) $(pane_kb "$p")"
	tmux -L "$SOCK" kill-pane -t "$p"
}
echo "at $N articles in $FEEDS feeds, a search typed in the reader and its first article opened:"
for w in ${SCREEN_WORDS:-芯片 kernel}; do
	keys_runs "$W/keys" search_round "$w"
	echo "  $w: list $(keys_col 2), article $(keys_col 3), peak RSS at most $(keys_kb) kB ($(load))"
done

# The biggest feed (Feed 0000, 5 % of the articles) marked read from the feeds view (A)
# and undone (u), each until the reader says it is done.
mark_round() {
	p=$(reader)
	tmux -L "$SOCK" send-keys -t "$p" j j
	sleep 0.3
	echo "$(press "$p" "of Feed 0000 marked read" A) $(press "$p" "undone: " u) $(pane_kb "$p")"
	tmux -L "$SOCK" kill-pane -t "$p"
}
big=$(sqlite3 "$DB" "SELECT n_total FROM feed WHERE url LIKE '%/f0000.xml'")
keys_runs "$W/keys" mark_round
echo "  Feed 0000 ($big articles): marked read $(keys_col 2), undone $(keys_col 3)," \
	"peak RSS at most $(keys_kb) kB ($(load))"

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
