# Hostile servers missing from tests/http/t_refresh.sh (which has the 16 MiB bomb, endless
# body, redirect loops): a 64 GiB gzip bomb; headers never sent, no answer, a stalled and a
# trickled body, worded right also when byline is stopped past every deadline; invalid TLS.
. tests/http/lib.sh
. tests/hostile/lib.sh

start_server
gen_feed a.xml rss 3 a

# ---- a gzip bomb of 64 GiB stopped at max-size, having read little of it ----
# 64 MiB on the wire is more than the socket buffers of both ends hold, so the server can
# only have written all of it if byline went on reading: the server's count of what it
# got written says whether byline hung up early, however slowly byline ran.
config "feed $BASE/gigabomb"
bounded "$T_TMP/out" "$T_TMP/err" $BYLINE refresh -c "$CONF" -d "$DB"
within "64 GiB gzip bomb"
check "gzip bomb: the feed fails (exit 1)" test "$RC" = 1
check "gzip bomb: stopped at max-size, in words" err_has "$BASE/gigabomb: response larger than 1 MiB (set max-size)"
set -- $(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())' "$BASE/_bombsent")
sent=${1:-0} total=${2:-0}
check "gzip bomb: byline hung up early (the server got $sent of $total bytes written)" test "$sent" -gt 0 -a "$sent" -lt "$total"
check "gzip bomb: the error is stored" contains "$(feed_col "$BASE/gigabomb" last_error)" "larger than 1 MiB"

# ---- timeouts in words that say what happened, also on a loaded machine ----
# byline is stopped (SIGSTOP) past every deadline, as a busy machine may do: when it
# resumes, its own stall check and libcurl's speed limit have both expired, and the
# words must still follow from what the server did, not from which check ran first.
config "feed $BASE/noheaders" "feed $BASE/hang" "feed $BASE/stall/a.xml" "feed $BASE/trickle/a.xml"
timeouts() {	# timeouts PAUSE: one refresh, stopped for PAUSE seconds once all four are asked
	: >"$LOG"
	$BYLINE refresh -c "$CONF" -d "$DB" >"$T_TMP/out" 2>"$T_TMP/err" &
	pid=$!
	i=0
	while [ "$(wc -l <"$LOG")" -lt 4 ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	if [ "$1" != 0 ]; then
		sleep 0.5
		kill -STOP $pid
		sleep "$1"
		kill -CONT $pid
	fi
	wait $pid
	RC=$?
}
for pause in 0 5; do
	if [ $pause = 0 ]; then how="idle"; else how="stopped for $pause s"; fi
	timeouts $pause
	check "timeouts ($how): every feed fails (exit 1)" test "$RC" = 1
	check "/noheaders, headers never sent ($how): no response within 2 s" \
		err_has "$BASE/noheaders: no response from the server within 2 s"
	check "/hang, no answer at all ($how): no response within 2 s" \
		err_has "$BASE/hang: no response from the server within 2 s"
	check "/stall, the body stops ($how): no data for 2 s" \
		err_has "$BASE/stall/a.xml: timed out after 2 s without data"
	check "/trickle/, 1 byte a second ($how): too slow" \
		err_has "$BASE/trickle/a.xml: too slow: less than 10 bytes a second for 3 s"
	sed 's/^/# /' "$T_TMP/err"
done

# ---- invalid TLS: a self-signed certificate for 127.0.0.1, made now ----
if ! start_tls_server; then
	ok "invalid TLS skipped: openssl cannot make a certificate ($(tail -n 1 "$T_TMP/openssl.log"))"
	finish
fi
check "the TLS server answers (checked with its own certificate)" \
	python3 -c 'import ssl, sys, urllib.request
ctx = ssl.create_default_context(cafile=sys.argv[2])
sys.exit(b"<rss" not in urllib.request.urlopen(sys.argv[1], context=ctx).read())' "$TLS/f/a.xml" "$T_TMP/cert.pem"
config "feed $TLS/f/a.xml"
bounded "$T_TMP/out" "$T_TMP/err" $BYLINE refresh -c "$CONF" -d "$DB"
within "self-signed certificate"
check "self-signed certificate: the feed fails (exit 1), nothing ignored" test "$RC" = 1
check "self-signed certificate: reported as a certificate problem" \
	sh -c "grep -F '$TLS/f/a.xml' '$T_TMP/err' | grep -qi 'certificate'"
check "self-signed certificate: no article stored" test "$(item_count "$TLS/f/a.xml")" = 0
sed 's/^/# /' "$T_TMP/err"
kill "$TLS_PID" 2>/dev/null
wait "$TLS_PID" 2>/dev/null

finish
