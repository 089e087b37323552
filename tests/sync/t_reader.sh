# Screen test: sync in the reader against real servers: on start, marks sent soon after the key, S, a slow, hung or stopped server.
. tests/sync/lib.sh
. tests/ui/lib.sh
trap 'ui_stop; sync_stop_all; rm -rf "$T_TMP"' EXIT
need_servers "sync in the reader"

# within SECONDS COMMAND...: true once COMMAND succeeds, polled until SECONDS pass.
within() {
	w_end=$(( $(date +%s) + $1 ))
	shift
	while ! "$@"; do
		[ "$(date +%s)" -ge "$w_end" ] && return 1
		sleep 0.1
	done
}
# gives VALUE COMMAND...: COMMAND prints VALUE (polled by within, so run anew each time).
gives() { g_want=$1; shift; test "$("$@")" = "$g_want"; }
nread() { q 'SELECT count(*) FROM item JOIN item_state USING (id) WHERE item_state.read != 0;'; }
status_line() { ui_screen | tail -n 1; }
# read_there TITLE / starred_there TITLE: the server (its API) has the article read / starred.
read_there() { not_listed "$(gr_unread_ids)" "$(remote_of "$1")"; }
starred_there() { listed "$(gr_starred_ids)" "$(remote_of "$1")"; }

sync_feed tech1 5 "Tech one"
sync_feed news1 3 "News one"
FRSS_FEEDS="Tech tech1 News news1"
start_freshrss
start_proxy "http://127.0.0.1:$FRSS_PORT"
PROXY_PORT=$(cat "$T_TMP/proxy.port")
pwfile "$FRSS_PW"
sync_config greader "$PROXY/api/greader.php" alice "set layout list" "set timeout 3"

ui_start "$CONF" "$DB"
ui_check "the reader syncs on start and says what came" "synced: 2 feeds, 8 new articles"
check "the server's articles are in the database" test "$(q 'SELECT count(*) FROM item;')" = 8

# A mark in the reader reaches the server within seconds, no sync asked for.
ui_keys Enter
ui_wait_re "[0-9]+/[0-9]+" 5
ui_keys Enter
within 5 gives 1 nread
first=$(q 'SELECT title FROM item JOIN item_state USING (id) WHERE item_state.read != 0;')
check "opening an article marks it read here" test -n "$first"
check "and it is read on the server within seconds" within 5 read_there "$first"
: >"$PROXY_LOG"
ui_keys s
check "starred in the reader is starred on the server within seconds" within 5 starred_there "$first"
check "a later mark is sent without a new login" test "$(grep -c ClientLogin "$PROXY_LOG")" = 0
check "nothing waits in the queue" within 5 gives 0 queued
ui_keys q

# S syncs now; a slow server leaves the reader answering keys, progress on the status line.
proxy_mode "slow 1.5"
ui_keys S
ui_wait "syncing:" 5 && ok "S shows the sync on the status line" ||
	fail "S shows the sync on the status line: $(status_line)"
ui_keys '?'
ui_check "keys work while the server is slow" "Help: keys of the"
status_line | grep -q "syncing:" && ok "the sync is still running then" ||
	fail "the sync is still running then: $(status_line)"
ui_keys q
ui_check "the slow sync ends in a summary" "synced: 2 feeds, 0 new articles"

# A hung server: the reader stays responsive, the timeout is a status-line message.
proxy_mode "slow 30"
ui_keys S
ui_wait "syncing:" 5
ui_keys '?'
ui_check "keys work while the server hangs" "Help: keys of the"
ui_keys q
ui_check "a hung server is a message on the status line" "no response from the server within 3 s"
proxy_mode ""

# A stopped server: the mark stays queued, the status line says so, it goes once the server is back.
stop_proxy
ui_keys j m
within 5 gives 2 nread
second=$(q "SELECT title FROM item JOIN item_state USING (id) WHERE item_state.read != 0 AND title != '$first';")
ui_check "a stopped server is a message on the status line" "sync failed, 1 mark kept (sent again in"
check "the mark waits in the queue" test "$(queued)" = 1
ui_keys '?'
ui_check "the reader goes on meanwhile" "Help: keys of the"
ui_keys q
start_proxy "http://127.0.0.1:$FRSS_PORT" "$PROXY_PORT"
check "the server back, the mark reaches it by itself" within 15 read_there "$second"
check "and leaves the queue" within 5 gives 0 queued
check "the password is never on the screen" no_secret "$FRSS_PW" "$(ui_screen)"
ui_stop

# tt-rss: the same first sync and a mark, through its API.
start_ttrss 3 9
pwfile "$TT_PW"
DB="$T_TMP/tt.db"
sync_config ttrss "http://127.0.0.1:$TT_PORT/" admin "set layout list"
ui_start "$CONF" "$DB"
ui_check "tt-rss: the reader syncs on start" "synced: 3 feeds, 9 new articles"
ui_keys Enter
ui_wait_re "[0-9]+/[0-9]+" 5
tread=$(nread)
ui_keys Enter
ui_wait "Title:" 5
# The server sent some articles read already: the one opened is the one on the screen.
tfirst=$(ui_screen | sed -n 's/^Title: *//p')
check "tt-rss: opening an article marks it read here" \
	within 5 gives "$((tread + 1))" nread
check "tt-rss: read in the reader is read on the server within seconds" \
	within 5 gives false tt_flag "$tfirst" unread
ui_keys s
check "tt-rss: starred in the reader is starred on the server within seconds" \
	within 5 gives true tt_flag "$tfirst" marked
finish
