# Helpers for the sync tests against real feed servers: sourced, not run.
# Starts FreshRSS (Google Reader API) and tt-rss on free loopback ports, feeds
# served by tests/http/server.py, a fault proxy in front; all stopped on exit.

. tests/http/lib.sh

# The servers live beside the repository (CI clones it next to ../shared).
SERVERS=${SYNC_SERVERS:-../shared/servers}
FRSS_PID=
TT_DIR=
# Debian's python starts fast; a python3 of PATH may be a slow shim.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
PROXY_PID=

sync_stop_all() {
	[ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null && wait "$PROXY_PID" 2>/dev/null
	[ -n "$FRSS_PID" ] && kill "$FRSS_PID" 2>/dev/null && wait "$FRSS_PID" 2>/dev/null
	[ -n "$TT_DIR" ] && "$SERVERS/ttrss-start.sh" --stop "$TT_DIR" >/dev/null 2>&1
	PROXY_PID= FRSS_PID= TT_DIR=
	stop_server
}
trap 'sync_stop_all; rm -rf "$T_TMP"' EXIT

# need_servers WHAT: prints a skip line and exits 0 when the servers (or PHP) are missing.
need_servers() {
	if [ ! -d "$SERVERS/freshrss" ] || [ ! -x "$SERVERS/ttrss-start.sh" ]; then
		echo "ok $1 skipped: no feed servers at $SERVERS (CI clones the repository beside ../shared)"
		exit 0
	fi
	if ! command -v php >/dev/null 2>&1; then
		echo "ok $1 skipped: php is not installed (tools/deps.sh test installs it)"
		exit 0
	fi
}

free_port() {
	$PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL: until the URL answers (5 s at most).
wait_http() {
	i=0
	while ! curl -s -o /dev/null "$1" && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

# sync_feed NAME N [TITLE]: an RSS feed NAME.xml of N articles "TITLE i" (guid NAME-i).
sync_feed() {
	gen_feed "$1.xml" rss "$2" "${3:-$1}"
}

# ---- FreshRSS ----

# start_freshrss: installs FreshRSS in $T_TMP/frss, user alice (API password
# $FRSS_PW), subscribes the feeds given as "FOLDER NAME" pairs in $FRSS_FEEDS
# (served by the test's server, started first), fetches them, serves on a
# free port. Sets FRSS_PORT and GR (the Google Reader API base).
FRSS_PW=api-secret-7Hq2
start_freshrss() {
	[ -n "$SERVER_PID" ] || start_server
	FRSS_PORT=$(free_port)
	cp -r "$SERVERS/freshrss" "$T_TMP/frss"
	chmod -R u+w "$T_TMP/frss"
	(
		cd "$T_TMP/frss" || exit 1
		php cli/do-install.php --default-user admin --db-type sqlite \
			--base-url "http://127.0.0.1:$FRSS_PORT" --api-enabled >/dev/null 2>&1 &&
		php cli/create-user.php --user alice --password 'pw-1' \
			--api-password "$FRSS_PW" >/dev/null 2>&1
	) || { echo "not ok FreshRSS could not be installed"; exit 1; }
	frss_opml >"$T_TMP/subs.opml"
	(cd "$T_TMP/frss" && php cli/import-for-user.php --user alice \
		--filename "$T_TMP/subs.opml" >/dev/null 2>&1)
	(cd "$T_TMP/frss" && exec php -S "127.0.0.1:$FRSS_PORT" -t p >"$T_TMP/frss.log" 2>&1) &
	FRSS_PID=$!
	GR="http://127.0.0.1:$FRSS_PORT/api/greader.php"
	wait_http "$GR"
	frss_drop_builtin
	frss_actualize
}

# The subscriptions of $FRSS_FEEDS ("FOLDER NAME ...") as OPML.
frss_opml() {
	echo '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
	set -- $FRSS_FEEDS
	while [ $# -ge 2 ]; do
		echo "<outline text=\"$1\"><outline type=\"rss\" text=\"$2\" xmlUrl=\"$BASE/f/$2.xml\"/></outline>"
		shift 2
	done
	echo '</body></opml>'
}

# frss_stop / frss_resume: the server process goes away and comes back on the same port.
frss_stop() {
	kill "$FRSS_PID" 2>/dev/null && wait "$FRSS_PID" 2>/dev/null
	FRSS_PID=
}
frss_resume() {
	(cd "$T_TMP/frss" && exec php -S "127.0.0.1:$FRSS_PORT" -t p >>"$T_TMP/frss.log" 2>&1) &
	FRSS_PID=$!
	wait_http "$GR"
}

# The server fetches its feeds now.
frss_actualize() {
	(cd "$T_TMP/frss" && php cli/actualize-user.php --user alice >/dev/null 2>&1)
}

# gr_auth: an Auth token for alice, straight from the server (for checks with curl).
gr_auth() {
	curl -s -d "Email=alice&Passwd=$FRSS_PW" "$GR/accounts/ClientLogin" | sed -n 's/^Auth=//p'
}
# gr GET-PATH: one API call with curl, as alice.
gr() {
	curl -s -H "Authorization: GoogleLogin auth=$(gr_auth)" "$GR/reader/api/0/$1"
}
# gr_post PATH DATA: a POST with the edit token added.
gr_post() {
	a=$(gr_auth)
	t=$(curl -s -H "Authorization: GoogleLogin auth=$a" "$GR/reader/api/0/token")
	curl -s -H "Authorization: GoogleLogin auth=$a" -d "$2&T=$t" "$GR/reader/api/0/$1"
}

# gr_unread_ids / gr_starred_ids: the server's lists, one decimal id a line.
gr_unread_ids() {
	gr "stream/items/ids?output=json&n=1000&s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read" |
		$PY -c 'import json, sys; [print(r["id"]) for r in json.load(sys.stdin)["itemRefs"]]'
}
gr_starred_ids() {
	gr "stream/items/ids?output=json&n=1000&s=user/-/state/com.google/starred" |
		$PY -c 'import json, sys; [print(r["id"]) for r in json.load(sys.stdin)["itemRefs"]]'
}
listed() { printf '%s\n' "$1" | grep -qx -- "$2"; }	# listed LIST ID
not_listed() { ! listed "$@"; }

# FreshRSS subscribes every new user to its own release feed, on the internet: not here.
frss_drop_builtin() {
	gr_post subscription/edit "ac=unsubscribe&s=feed/1" >/dev/null
}

# ---- tt-rss ----

# start_ttrss [FEEDS ARTICLES]: Debian's tt-rss on a free port. Sets TT_PORT and TT (the API URL).
TT_PW=tt-secret-9Zk4
start_ttrss() {
	TT_PORT=$(free_port)
	TT_DIR="$T_TMP/tt"
	"$SERVERS/ttrss-start.sh" "$TT_DIR" "$TT_PORT" "${1:-0}" "${2:-0}" >"$T_TMP/tt.log" 2>&1 ||
		{ cat "$T_TMP/tt.log"; echo "not ok tt-rss did not start"; TT_DIR=; exit 1; }
	TT="http://127.0.0.1:$TT_PORT/api/"
	# A password no message holds by chance ("password" is the script's).
	h=$(printf '%s' "$TT_PW" | sha1sum | cut -d' ' -f1)
	tt_sql "UPDATE ttrss_users SET pwd_hash = 'SHA1:$h', salt = '' WHERE login = 'admin';" >/dev/null
}

# tt_stop / tt_resume: tt-rss's web server goes away (its database stays) and comes back.
tt_stop() {
	kill "$(cat "$TT_DIR/php.pid")" 2>/dev/null
	sleep 0.2
}
tt_resume() {
	(cd "$TT_DIR/www" && exec php -S "127.0.0.1:$TT_PORT" >>"$TT_DIR/php.log" 2>&1) &
	echo $! >"$TT_DIR/php.pid"
	wait_http "$TT"
}

# tt JSON-FIELDS: one API call with curl, logged in as admin ('"op":"getCounters"').
tt() {
	sid=$(curl -s -d "{\"op\":\"login\",\"user\":\"admin\",\"password\":\"$TT_PW\"}" "$TT" |
		$PY -c 'import json, sys; print(json.load(sys.stdin)["content"]["session_id"])')
	curl -s -d "{\"sid\":\"$sid\",$1}" "$TT"
}
# tt_flag TITLE unread|marked: the server's flag of an article through its API, "true" or "false".
tt_flag() {
	tt "\"op\":\"getArticle\",\"article_id\":\"$(tt_art_id "$1")\"" |
		$PY -c 'import json, sys; print(str(json.load(sys.stdin)["content"][0][sys.argv[1]]).lower())' "$2"
}
# tt_art_id TITLE: the server's id of the article with this title.
tt_art_id() { tt_sql "SELECT id FROM ttrss_entries WHERE title = '$1';"; }
# tt_sql SQL: a query on tt-rss's own database.
tt_sql() {
	psql -q -X -t -A -h 127.0.0.1 -p $((TT_PORT + 1)) -U postgres ttrss -c "$1"
}

# ---- the fault proxy ----

# start_proxy TARGET-BASE: tests/sync/proxy.py on a free port in front of TARGET-BASE
# (http://127.0.0.1:PORT). Faults are chosen by writing to $PROXY_MODE. Sets PROXY.
start_proxy() {
	PROXY_MODE="$T_TMP/proxy.mode"
	PROXY_LOG="$T_TMP/proxy.log"
	: >"$PROXY_MODE"
	: >"$PROXY_LOG"
	rm -f "$T_TMP/proxy.port"
	$PY tests/sync/proxy.py "$1" "$PROXY_MODE" "$T_TMP/proxy.port" "$PROXY_LOG" ${2:-} &
	PROXY_PID=$!
	i=0
	while [ ! -s "$T_TMP/proxy.port" ] && [ $i -lt 400 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	PROXY="http://127.0.0.1:$(cat "$T_TMP/proxy.port")"
}
proxy_mode() { echo "$1" >"$PROXY_MODE"; }
stop_proxy() {
	[ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null && wait "$PROXY_PID" 2>/dev/null
	PROXY_PID=
}

# ---- the store's sync tables, in one place ----

remote_of() {	# remote_of TITLE [DB]: the server's id of the article with this title
	sqlite3 -batch -noheader "${2:-$DB}" "SELECT m.remote FROM sync_item m JOIN item i ON i.id = m.item_id WHERE i.title = '$1';"
}
flag_of() {	# flag_of TITLE read|starred [DB]
	sqlite3 -batch -noheader "${3:-$DB}" "SELECT $2 != 0 FROM item JOIN item_state USING (id) WHERE title = '$1';"
}
set_flag() {	# set_flag TITLE read|starred 0|1 [DB]: as the reader does (the store's triggers queue it)
	sqlite3 -batch -noheader "${4:-$DB}" "UPDATE item_state SET $2 = $3 WHERE id = (SELECT id FROM item WHERE title = '$1');"
}
queued() {	# queued [DB]: changes waiting to be sent
	sqlite3 -batch -noheader "${1:-$DB}" "SELECT count(*) FROM sync_queue;"
}
feed_tags() {	# feed_tags URL-PART [DB]: the tags of the synced feed whose URL holds URL-PART
	sqlite3 -batch -noheader "${2:-$DB}" "SELECT s.tags FROM sync_feed s JOIN feed f ON f.id = s.feed_id WHERE f.url LIKE '%$1%';"
}

# ---- byline ----

# The password reaches byline only through this file (mode 0600), never the config.
pwfile() {	# pwfile SECRET: writes $T_TMP/pw
	(umask 077 && printf '%s\n' "$1" >"$T_TMP/pw")
}

# sync_config KIND URL USER [LINE...]: the test config with a sync line reading $T_TMP/pw.
sync_config() {
	kind=$1 url=$2 user=$3
	shift 3
	config "sync $kind $url user=$user password-file=$T_TMP/pw" "$@"
}

# bsync [DB] [ARGS]: byline sync; sets RC, output in $T_TMP/out and $T_TMP/err.
bsync() {
	db=${1:-$DB}
	[ $# -gt 0 ] && shift
	$BYLINE sync -c "$CONF" -d "$db" "$@" >"$T_TMP/out" 2>"$T_TMP/err"
	RC=$?
	cat "$T_TMP/out" "$T_TMP/err" >>"$T_TMP/all-output"
}

# no_secret SECRET WHERE...: none of the files (or the database files) holds SECRET.
no_secret() {
	s=$1
	shift
	! grep -a -q -F -- "$s" "$@" 2>/dev/null
}
