# Helpers for the integration tests against tests/http/server.py: sourced, not run.
# Starts the loopback server (killed on exit), writes feeds and configs, queries the database.

. tests/cli/lib.sh

# Our server is on 127.0.0.1: a proxy from the environment must not get in the way.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

DOC="$T_TMP/doc"
LOG="$T_TMP/requests.log"
DB="$T_TMP/byline.db"
CONF="$T_TMP/config"
mkdir -p "$DOC"
: >"$LOG"
SERVER_PID=

stop_server() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	SERVER_PID=
}
trap 'stop_server; rm -rf "$T_TMP"' EXIT

# Starts the server; sets PORT and BASE (http://127.0.0.1:PORT).
start_server() {
	python3 tests/http/server.py "$DOC" "$T_TMP/port" "$LOG" &
	SERVER_PID=$!
	i=0
	while [ ! -s "$T_TMP/port" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	PORT=$(cat "$T_TMP/port" 2>/dev/null)
	[ -n "$PORT" ] || { echo "not ok the test server did not start"; exit 1; }
	BASE="http://127.0.0.1:$PORT"
}

# start_tls_server: a second server, over HTTPS with a self-signed certificate for 127.0.0.1
# made now (cert.pem in T_TMP); sets TLS (https://127.0.0.1:PORT) and TLS_PID. Returns 1,
# with the reason in $T_TMP/openssl.log, when openssl cannot make the certificate.
start_tls_server() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
		-addext "subjectAltName=IP:127.0.0.1" -keyout "$T_TMP/key.pem" -out "$T_TMP/cert.pem" \
		>"$T_TMP/openssl.log" 2>&1 || return 1
	TLS_CERT="$T_TMP/cert.pem" TLS_KEY="$T_TMP/key.pem" python3 tests/http/server.py "$DOC" "$T_TMP/tlsport" &
	TLS_PID=$!
	i=0
	while [ ! -s "$T_TMP/tlsport" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	TLS="https://127.0.0.1:$(cat "$T_TMP/tlsport")"
}

# gen_feed FILE FORMAT N [PREFIX]: an RSS or Atom feed of N items whose
# titles are "PREFIX i" (guid PREFIX-i), newest first.
gen_feed() {
	python3 - "$DOC/$1" "$2" "$3" "${4:-item}" <<'EOF'
import sys
path, fmt, n, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
out = []
if fmt == "atom":
    out.append('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
               '<title>Atom %s</title><id>urn:%s</id><updated>2026-01-01T00:00:00Z</updated>' % (prefix, prefix))
    for i in range(n, 0, -1):
        out.append('<entry><id>urn:%s-%d</id><title>%s %d</title><link href="http://example.org/%s/%d"/>'
                   '<updated>2026-01-%02dT00:00:00Z</updated><content type="html">&lt;p&gt;body %d&lt;/p&gt;</content></entry>'
                   % (prefix, i, prefix, i, prefix, i, 1 + i % 28, i))
    out.append('</feed>\n')
else:
    out.append('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>RSS %s</title>'
               '<link>http://example.org/%s</link><description>d</description>' % (prefix, prefix))
    for i in range(n, 0, -1):
        out.append('<item><guid>%s-%d</guid><title>%s %d</title><link>http://example.org/%s/%d</link>'
                   '<pubDate>Thu, %02d Jan 2026 00:00:00 GMT</pubDate><description>&lt;p&gt;body %d&lt;/p&gt;</description></item>'
                   % (prefix, i, prefix, i, prefix, i, 1 + i % 28, i))
    out.append('</channel></rss>\n')
open(path, "w", encoding="utf-8").write("".join(out))
EOF
}

# config LINE...: writes the test config (small timeout and size cap) plus the lines.
# refresh-interval 0: no floor, so a feed is due again at once unless it says otherwise
# (t_schedule.sh sets its own).
config() {
	{
		echo "set timeout 2"
		echo "set max-size 1M"
		echo "set refresh-interval 0"
		for line in "$@"; do echo "$line"; done
	} >"$CONF"
}

refresh() {	# runs byline refresh; sets RC, output in $T_TMP/out and $T_TMP/err
	$BYLINE refresh -c "$CONF" -d "$DB" "$@" >"$T_TMP/out" 2>"$T_TMP/err"
	RC=$?
}

q() {	# q SQL: one query on the test database
	sqlite3 -batch -noheader "$DB" "$1"
}

# Requests the server saw for PATH (exact first field of the log).
requests() {
	awk -F '\t' -v p="$1" '$1 == p' "$LOG" | wc -l | tr -d ' '
}

# err_has TEXT: the stderr of the last refresh contains TEXT.
err_has() {
	grep -qF -- "$1" "$T_TMP/err"
}

# ---- the store's schema, in one place ----

feed_col() {	# feed_col URL COLUMN
	q "SELECT $2 FROM feed WHERE url = '$1';"
}
item_count() {	# item_count URL: articles stored for the feed
	q "SELECT count(*) FROM item WHERE feed_id = (SELECT id FROM feed WHERE url = '$1');"
}
item_titles() {	# item_titles URL: titles, sorted
	q "SELECT title FROM item WHERE feed_id = (SELECT id FROM feed WHERE url = '$1') ORDER BY title;"
}
mark_read() {	# mark_read URL TITLE
	q "UPDATE item_state SET read = 1 WHERE id = (SELECT id FROM item WHERE title = '$2' AND feed_id = (SELECT id FROM feed WHERE url = '$1'));"
}
is_read() {	# is_read URL TITLE: prints 1 or 0
	q "SELECT read FROM item_state WHERE id = (SELECT id FROM item WHERE title = '$2' AND feed_id = (SELECT id FROM feed WHERE url = '$1'));"
}

contains() {	# contains TEXT PART
	case "$1" in *"$2"*) return 0 ;; esac
	return 1
}
