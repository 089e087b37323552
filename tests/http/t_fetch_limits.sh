# byline refresh: connection limits, proxies, User-Agent, 304 writing nothing, the progress bar.
. tests/http/lib.sh

start_server
get() {	# get PATH: a request of our own to the test server
	python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())' "$BASE$1"
}

for i in 1 2 3 4 5 6; do gen_feed "s$i.xml" rss 2 "s$i"; done
slow="feed $BASE/slow/s1.xml
feed $BASE/slow/s2.xml
feed $BASE/slow/s3.xml
feed $BASE/slow/s4.xml
feed $BASE/slow/s5.xml
feed $BASE/slow/s6.xml"

# ---- at most max-per-host transfers to one host, at most max-connections in all ----
config "set max-connections 8" "set max-per-host 2" "$slow"
get /_reset >/dev/null
refresh
check "six slow feeds refreshed" test "$RC" = 0 -a "$(q 'SELECT count(*) FROM item;')" = 12
check "max-per-host 2: never more than 2 at once" test "$(get /_stats)" = "max_concurrent 2"

rm -f "$DB"
config "set max-connections 3" "set max-per-host 8" "$slow"
get /_reset >/dev/null
refresh
check "max-connections 3: never more than 3 at once" test "$(get /_stats)" = "max_concurrent 3"

# ---- max-per-host counts the host actually asked: after a redirect, and a remembered 301 ----
# Three feeds on localhost move (301) to 127.0.0.1, where three more feeds are: at most 2 of
# the six may be fetched from 127.0.0.1 at once, though only 3 are configured there.
HOST2="http://localhost:$PORT"
config "set max-connections 8" "set max-per-host 2" \
	"feed $HOST2/moved-to/$BASE/slow/s1.xml" "feed $HOST2/moved-to/$BASE/slow/s2.xml" \
	"feed $HOST2/moved-to/$BASE/slow/s3.xml" \
	"feed $BASE/slow/s4.xml" "feed $BASE/slow/s5.xml" "feed $BASE/slow/s6.xml"
rm -f "$DB"
get /_reset >/dev/null
refresh
check "redirected to another host: six feeds refreshed" test "$RC" = 0 -a "$(q 'SELECT count(*) FROM item;')" = 12
check "redirected to another host: never more than 2 at once there" \
	test "$(get /_stats/slow)" = "max_concurrent 2"
check "the 301 targets are remembered" \
	test "$(q "SELECT count(*) FROM feed WHERE fetch_url LIKE '$BASE/slow/%';")" = 3
: >"$LOG"
get /_reset >/dev/null
refresh
check "remembered 301 targets: asked there directly" \
	test "$(grep -c '^/moved-to/' "$LOG")" = 0 -a "$(grep -c '^/slow/' "$LOG")" = 6
check "remembered 301 targets: never more than 2 at once there" \
	test "$(get /_stats/slow)" = "max_concurrent 2"

# ---- a 304 refresh writes nothing ----
# Both refreshes at one time on the scheduler's clock: the due time a 304
# gives is then the one already stored, and nothing else is new.
: >"$LOG"
config "feed $BASE/f/s1.xml" "feed $BASE/lm/s2.xml" "feed $BASE/etag/s3.xml"
rm -f "$DB"
BYLINE_NOW=1796637600 refresh
check "conditional feeds stored" test "$RC" = 0 -a "$(q 'SELECT count(*) FROM item;')" = 6
cp "$DB" "$T_TMP/before.db"
BYLINE_NOW=1796637600 refresh
check "nothing changed: exit 0" test "$RC" = 0
check "nothing changed: the server answered 304 three times" \
	test "$(awk -F '\t' '$2 != "-" || $3 != "-"' "$LOG" | wc -l)" = 3
check "nothing changed: the database file is byte for byte the same" cmp -s "$DB" "$T_TMP/before.db"

# ---- all feeds failed: nothing could be done ----
config "feed $BASE/status/404" "feed $BASE/status/403"
refresh
check "every feed failed: exit 1" test "$RC" = 1
check "403 in words" err_has "$BASE/status/403: server answered 403 Forbidden"

# ---- User-Agent and proxies ----
config "set user-agent \"tester/%v (+http://example.org)\"" "feed $BASE/plain/s4.xml"
refresh
check "set user-agent is sent, %v expanded" \
	grep -q "^/plain/s4.xml	-	-	tester/$($BYLINE --version | cut -d' ' -f2) (+http://example.org)	" "$LOG"

config "set proxy $BASE" "feed http://feeds.invalid/f/s5.xml"
refresh
check "set proxy: fetched through the proxy" test "$RC" = 0
check "set proxy: the proxy was asked for the URL" grep -q "^http://feeds.invalid/f/s5.xml	" "$LOG"

config "feed http://proxied.invalid/f/s6.xml"
http_proxy=$BASE $BYLINE refresh -c "$CONF" -d "$DB" 2>"$T_TMP/err"
check "http_proxy from the environment is used" test $? = 0
check "http_proxy: the proxy was asked for the URL" grep -q "^http://proxied.invalid/f/s6.xml	" "$LOG"

# ---- file URLs ----
config "feed file://$DOC/s1.xml"
rm -f "$DB"
refresh
check "file:// feed refreshed" test "$RC" = 0 -a "$(q 'SELECT count(*) FROM item;')" = 2

config "feed ftp://127.0.0.1/feed.xml"
refresh
check "ftp:// refused: exit 1" test "$RC" = 1
check "ftp:// refused in words" err_has "only http, https and file"

# ---- Ctrl-C: what finished is kept, nothing half-written ----
config "set timeout 30" "feed $BASE/f/s1.xml" "feed $BASE/hang"
rm -f "$DB"
$BYLINE refresh -c "$CONF" -d "$DB" 2>"$T_TMP/err" &
pid=$!
i=0
while [ "$(q 'SELECT count(*) FROM item;' 2>/dev/null)" != 2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -INT $pid
wait $pid
check "SIGINT: exit 130" test $? = 130
check "SIGINT: says so" err_has "interrupted; 1 of 2 feeds done"
check "SIGINT: the finished feed is kept" test "$(q 'SELECT count(*) FROM item;')" = 2
check "SIGINT: the database is sound" test "$(q 'PRAGMA integrity_check;')" = ok

# ---- the progress bar, only on a terminal ----
config "$slow"
refresh
check "no progress bar when stderr is not a terminal" test ! -s "$T_TMP/err"
if command -v script >/dev/null 2>&1; then
	script -qec "$BYLINE_ABS refresh -c '$CONF' -d '$DB'" /dev/null >"$T_TMP/tty" 2>&1
	check "progress bar on a terminal" grep -q '/6 feeds' "$T_TMP/tty"
fi

finish
