# Hostile servers missing from tests/http/t_refresh.sh (which has the 16 MiB bomb, headers
# never sent, 1 byte/s, endless body, redirect loops): a 4 GiB gzip bomb and invalid TLS.
. tests/http/lib.sh
. tests/hostile/lib.sh

start_server
gen_feed a.xml rss 3 a

# ---- a gzip bomb of 4 GiB stopped at max-size, having read little of it ----
config "feed $BASE/gigabomb"
bounded "$T_TMP/out" "$T_TMP/err" $BYLINE refresh -c "$CONF" -d "$DB"
within "4 GiB gzip bomb"
check "gzip bomb: the feed fails (exit 1)" test "$RC" = 1
check "gzip bomb: stopped at max-size, in words" err_has "$BASE/gigabomb: response larger than 1 MiB (set max-size)"
sent=$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode().strip())' "$BASE/_bombsent")
check "gzip bomb: byline hung up early (the server sent $sent of about 4 MiB compressed)" test "$sent" -gt 0 -a "$sent" -lt 3000000
check "gzip bomb: the error is stored" contains "$(feed_col "$BASE/gigabomb" last_error)" "larger than 1 MiB"

# ---- invalid TLS: a self-signed certificate for 127.0.0.1, made now ----
if ! openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$T_TMP/key.pem" -out "$T_TMP/cert.pem" \
	>"$T_TMP/openssl.log" 2>&1; then
	ok "invalid TLS skipped: openssl cannot make a certificate ($(tail -n 1 "$T_TMP/openssl.log"))"
	finish
fi
TLS_CERT="$T_TMP/cert.pem" TLS_KEY="$T_TMP/key.pem" python3 tests/http/server.py "$DOC" "$T_TMP/tlsport" &
TLS_PID=$!
i=0
while [ ! -s "$T_TMP/tlsport" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
TLS="https://127.0.0.1:$(cat "$T_TMP/tlsport")"
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
