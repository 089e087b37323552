#!/bin/sh
# Sync bench: 200 feeds / 10,000 articles on a real tt-rss and a real FreshRSS, on loopback.
# tt-rss: byline sync beside newsboat's ttrss back end (newsboat -x reload, default and
# reload-threads 4), a first sync and a sync with nothing new, side by side in one run.
# FreshRSS (Google Reader API; Debian's newsboat cannot talk to it): byline sync beside the
# protocol's floor, the summed server time of the fewest requests carrying the same data
# (curl, in the same run). Request counts from the servers' own logs. Then the reader (tmux)
# on the FreshRSS database: how long a mark takes from its key to the server's answer.
# usage: sh bench/sync.sh [BYLINE]   environment: FEEDS (200), ARTICLES (10000), RUNS (3),
#   FIRST_RUNS (1), MARKS (7), PARTS ("ttrss greader reader"), SYNC_SERVERS (../shared/servers),
#   TT_WORKERS (1: php -S answers one request at a time; more, its PHP_CLI_SERVER_WORKERS, for
#   byline and newsboat alike)

BYLINE=${1:-./byline}
BYLINE=$(cd "$(dirname "$BYLINE")" && pwd)/$(basename "$BYLINE")
FEEDS=${FEEDS:-200}
ARTICLES=${ARTICLES:-10000}
RUNS=${RUNS:-3}
FIRST_RUNS=${FIRST_RUNS:-1}
MARKS=${MARKS:-7}
PARTS=${PARTS:-ttrss greader reader}
SERVERS=${SYNC_SERVERS:-../shared/servers}
here=$(cd "$(dirname "$0")" && pwd)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
W=$(mktemp -d)
TT_DIR= FRSS_PID= HTTPD=
SOCK="byline-bench-sync-$$"
# tt_stop: the tt-rss server, with php -S's workers (ttrss-start.sh --stop ends their parent).
tt_stop() {
	[ -f "$TT_DIR/php.pid" ] && pkill -P "$(cat "$TT_DIR/php.pid")" 2>/dev/null
	"$SERVERS/ttrss-start.sh" --stop "$TT_DIR" >/dev/null 2>&1
}
trap '[ -n "$TT_DIR" ] && tt_stop;
      tmux -L "$SOCK" kill-server 2>/dev/null
      [ -n "$FRSS_PID" ] && kill $FRSS_PID; [ -n "$HTTPD" ] && kill $HTTPD; rm -rf "$W"' EXIT
part() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

if [ ! -x "$SERVERS/ttrss-start.sh" ] || [ ! -d "$SERVERS/freshrss" ]; then
	echo "sync bench skipped: no feed servers at $SERVERS"
	exit 0
fi
free_port() { $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# requests LOG: the requests a php -S server logged since the log was emptied.
requests() { grep -c ']: \(GET\|POST\) ' "$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# timed CMD...: wall seconds of one run (output to /dev/null).
timed() {
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}
umask 077
echo "sync bench: $FEEDS feeds, $ARTICLES articles; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- tt-rss ----------------------------------------------------------------
if part ttrss; then
TT_PORT=$(free_port)
TT_DIR="$W/tt"
TT_WORKERS=${TT_WORKERS:-1}
echo "tt-rss: php -S with $TT_WORKERS worker(s), the same server for byline and newsboat"
if [ "$TT_WORKERS" -gt 1 ]; then export PHP_CLI_SERVER_WORKERS=$TT_WORKERS; fi
"$SERVERS/ttrss-start.sh" "$TT_DIR" "$TT_PORT" "$FEEDS" "$ARTICLES" >"$W/tt.log" 2>&1 ||
	{ cat "$W/tt.log"; echo "tt-rss did not start"; exit 1; }
TT_LOG="$TT_DIR/php.log"
echo password >"$W/tt.pw"
printf 'sync ttrss http://127.0.0.1:%s/ user=admin password-file=%s\nset timeout 120\n' \
	"$TT_PORT" "$W/tt.pw" >"$W/tt.conf"
for t in 1 4; do
	{
		echo 'urls-source "ttrss"'
		echo "ttrss-url \"http://127.0.0.1:$TT_PORT/\""
		echo 'ttrss-login "admin"'
		echo 'ttrss-password "password"'
		echo "reload-threads $t"
	} >"$W/nb$t.conf"
done
: >"$W/nb.urls"
BY_TT="$BYLINE sync -q -c $W/tt.conf -d $W/tt.db"
NB1="newsboat -x reload -C $W/nb1.conf -u $W/nb.urls -c $W/nb1.db"
NB4="newsboat -x reload -C $W/nb4.conf -u $W/nb.urls -c $W/nb4.db"
# One untimed sync first: tt-rss fills its per-article caches on the first read of each.
$BY_TT >/dev/null 2>&1
rm -f "$W"/tt.db*
for who in by nb1 nb4; do : >"$W/first.$who"; : >"$W/again.$who"; done
r=1
while [ $r -le "$FIRST_RUNS" ]; do	# a first sync each, in turn
	rm -f "$W"/tt.db* "$W"/nb1.db* "$W"/nb4.db*
	: >"$TT_LOG"; timed $BY_TT >>"$W/first.by"; treq_by=$(requests "$TT_LOG")
	: >"$TT_LOG"; timed $NB1 >>"$W/first.nb1"; treq_nb1=$(requests "$TT_LOG")
	: >"$TT_LOG"; timed $NB4 >>"$W/first.nb4"; treq_nb4=$(requests "$TT_LOG")
	r=$((r + 1))
done
r=1
while [ $r -le "$RUNS" ]; do		# then nothing new, in turn
	: >"$TT_LOG"; timed $BY_TT >>"$W/again.by"; areq_by=$(requests "$TT_LOG")
	: >"$TT_LOG"; timed $NB1 >>"$W/again.nb1"; areq_nb1=$(requests "$TT_LOG")
	: >"$TT_LOG"; timed $NB4 >>"$W/again.nb4"; areq_nb4=$(requests "$TT_LOG")
	r=$((r + 1))
done
stored=$(sqlite3 "$W/tt.db" 'SELECT count(*) FROM item;' 2>/dev/null)
fb=$(median <"$W/first.by") f1=$(median <"$W/first.nb1") f4=$(median <"$W/first.nb4")
ab=$(median <"$W/again.by") a1=$(median <"$W/again.nb1") a4=$(median <"$W/again.nb4")
echo "tt-rss (median wall s; first sync $FIRST_RUNS run(s), nothing new $RUNS; byline stored $stored articles):"
printf '  %-34s %9s %9s   %s\n' "" "first" "nothing" "requests (first / nothing new)"
printf '  %-34s %9.2f %9.2f   %s / %s\n' "byline sync" "$fb" "$ab" "$treq_by" "$areq_by"
printf '  %-34s %9.2f %9.2f   %s / %s\n' "newsboat -x reload" "$f1" "$a1" "$treq_nb1" "$areq_nb1"
printf '  %-34s %9.2f %9.2f   %s / %s\n' "newsboat -x reload, reload-threads 4" "$f4" "$a4" "$treq_nb4" "$areq_nb4"
awk -v fb="$fb" -v ab="$ab" -v f1="$f1" -v f4="$f4" -v a1="$a1" -v a4="$a4" 'BEGIN {
	bf = f1 < f4 ? f1 : f4; ba = a1 < a4 ? a1 : a4
	printf "  byline vs newsboat'"'"'s best: first sync %.1fx faster (goal 2x), nothing new %.1fx faster (goal 20x)\n", bf / fb, ba / ab }'
tt_stop
TT_DIR=
unset PHP_CLI_SERVER_WORKERS
fi
part greader || part reader || exit 0

# ---- FreshRSS ------------------------------------------------------------
ITEMS=$((ARTICLES / FEEDS))
$PY "$here/refresh_gen.py" "$W/doc" "$FEEDS" "$ITEMS" || exit 1
cc -O2 -o "$W/httpd" "$here/httpd.c" || exit 1
"$W/httpd" "$W/doc" "$W/port" &
HTTPD=$!
while [ ! -s "$W/port" ]; do sleep 0.05; done
BASE=http://127.0.0.1:$(cat "$W/port")
FP=$(free_port)
cp -r "$SERVERS/freshrss" "$W/frss" && chmod -R u+w "$W/frss"
(
	cd "$W/frss" || exit 1
	php cli/do-install.php --default-user admin --db-type sqlite --base-url "http://127.0.0.1:$FP" \
		--api-enabled >/dev/null 2>&1
	php cli/create-user.php --user alice --password pw-1 --api-password api-pw-1 >/dev/null 2>&1
	{
		echo '<?xml version="1.0"?><opml version="2.0"><head><title>b</title></head><body>'
		i=0
		for f in "$W"/doc/*.xml; do
			echo "<outline text=\"Folder $((i % 4))\"><outline type=\"rss\" text=\"$(basename "$f")\" xmlUrl=\"$BASE/$(basename "$f")\"/></outline>"
			i=$((i + 1))
		done
		echo '</body></opml>'
	} >"$W/subs.opml"
	php cli/import-for-user.php --user alice --filename "$W/subs.opml" >/dev/null 2>&1
	php cli/actualize-user.php --user alice >/dev/null 2>&1
)
(cd "$W/frss" && exec php -S "127.0.0.1:$FP" -t p >"$W/frss.log" 2>&1) &
FRSS_PID=$!
GR="http://127.0.0.1:$FP/api/greader.php"
while ! curl -s -o /dev/null "$GR"; do sleep 0.1; done
AUTH=$(curl -s -d "Email=alice&Passwd=api-pw-1" "$GR/accounts/ClientLogin" | sed -n 's/^Auth=//p')
T=$(curl -s -H "Authorization: GoogleLogin auth=$AUTH" "$GR/reader/api/0/token")
curl -s -H "Authorization: GoogleLogin auth=$AUTH" -d "ac=unsubscribe&s=feed/1&T=$T" \
	"$GR/reader/api/0/subscription/edit" >/dev/null	# its own release feed, on the internet
echo api-pw-1 >"$W/gr.pw"
printf 'sync greader %s user=alice password-file=%s\nset timeout 120\n' "$GR" "$W/gr.pw" >"$W/gr.conf"
BY_GR="$BYLINE sync -q -c $W/gr.conf -d $W/gr.db"
# The floor: the fewest requests that carry what a first sync needs, each timed by curl.
floor() {
	H="Authorization: GoogleLogin auth=$AUTH"
	A="$GR/reader/api/0"
	{
		curl -s -o /dev/null -w '%{time_total}\n' -d "Email=alice&Passwd=api-pw-1" "$GR/accounts/ClientLogin"
		curl -s -o /dev/null -w '%{time_total}\n' -H "$H" "$A/subscription/list?output=json"
		curl -s -o /dev/null -w '%{time_total}\n' -H "$H" "$A/stream/contents/user/-/state/com.google/reading-list?output=json&n=$ARTICLES"
		curl -s -o /dev/null -w '%{time_total}\n' -H "$H" "$A/stream/items/ids?output=json&n=$ARTICLES&s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read"
		curl -s -o /dev/null -w '%{time_total}\n' -H "$H" "$A/stream/items/ids?output=json&n=$ARTICLES&s=user/-/state/com.google/starred"
	} | awk '{ s += $1 } END { printf "%.3f\n", s }'
}
$BY_GR >/dev/null 2>&1	# warm: the server's caches and SQLite file, as for the floor
if part greader; then
: >"$W/gfirst"; : >"$W/gfloor"; : >"$W/gagain"
r=1
while [ $r -le "$RUNS" ]; do
	rm -f "$W"/gr.db*
	: >"$W/frss.log"; timed $BY_GR >>"$W/gfirst"; greq_first=$(requests "$W/frss.log")
	floor >>"$W/gfloor"
	: >"$W/frss.log"; timed $BY_GR >>"$W/gagain"; greq_again=$(requests "$W/frss.log")
	r=$((r + 1))
done
gstored=$(sqlite3 "$W/gr.db" 'SELECT count(*) FROM item;' 2>/dev/null)
gf=$(median <"$W/gfirst") gl=$(median <"$W/gfloor") ga=$(median <"$W/gagain")
echo "FreshRSS, Google Reader API (median wall s of $RUNS runs, interleaved; byline stored $gstored articles):"
printf '  %-34s %9.2f   %s requests\n' "byline sync, first" "$gf" "$greq_first"
printf '  %-34s %9.2f   5 requests\n' "floor: curl, the fewest requests" "$gl"
printf '  %-34s %9.2f   %s requests\n' "byline sync, nothing new" "$ga" "$greq_again"
awk -v f="$gf" -v l="$gl" -v n="$greq_again" 'BEGIN {
	printf "  first sync %.2fx the floor (goal 1.3x); nothing new in %d requests (goal 5)\n", f / l, n }'
fi

# ---- the reader: a mark, from its key to the server's answer --------------
part reader || exit 0
command -v tmux >/dev/null 2>&1 || { echo "reader marks skipped: no tmux"; exit 0; }
[ -s "$W/gr.db" ] || $BY_GR >/dev/null 2>&1
now() { date +%s.%N; }
edits() { grep -a -c '\[200\]: POST /api/greader.php/reader/api/0/edit-tag' "$W/frss.log"; }
screen() { tmux -L "$SOCK" capture-pane -p -t 0; }
wait_screen() {	# wait_screen TEXT: 20 s at most
	i=0
	while ! screen | grep -qF -- "$1" && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
}
printf 'set layout list\nset refresh-on-start no\n' >>"$W/gr.conf"
tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 40 \
	"env TERM=screen LANG=C.UTF-8 $BYLINE -c $W/gr.conf -d $W/gr.db"
wait_screen "byline:"
tmux -L "$SOCK" send-keys -t 0 Enter	# All unread
sleep 0.5
: >"$W/lat"
m=1
while [ $m -le "$MARKS" ]; do
	before=$(edits)
	t0=$(now)
	tmux -L "$SOCK" send-keys -t 0 Enter	# opens the article: read
	i=0
	while [ "$(edits)" -le "$before" ] && [ $i -lt 2000 ]; do sleep 0.005; i=$((i + 1)); done
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >>"$W/lat"
	tmux -L "$SOCK" send-keys -t 0 q j
	sleep 0.3
	m=$((m + 1))
done
tmux -L "$SOCK" kill-server 2>/dev/null
echo "reader, FreshRSS: a mark from its key to the server's answer (edit-tag in its log), $MARKS marks:"
echo "  each (s): $(tr '\n' ' ' <"$W/lat")"
awk -v m="$(median <"$W/lat")" 'BEGIN { printf "  median %.3f s (goal under 1 s)\n", m }'
