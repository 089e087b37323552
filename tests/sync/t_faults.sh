# Sync faults against both real servers behind a misbehaving proxy: each a clear message, nothing lost, no password shown.
. tests/sync/lib.sh
need_servers "sync faults"

sync_feed tech1 6 "Tech one"
sync_feed news1 4 "News one"
FRSS_FEEDS="Tech tech1 News news1"
start_freshrss
start_ttrss 4 24

failed_saying() { test "$RC" = 1 && grep -q -- "$1" "$T_TMP/err"; }
requests_like() { grep -c -- "$1" "$PROXY_LOG"; }
# flags DB: every article's title with its read and starred flags, sorted.
flags() { sqlite3 -batch -noheader "$1" "SELECT title, read != 0, starred FROM item JOIN item_state USING (id) ORDER BY title;"; }
title_n() { q "SELECT title FROM item ORDER BY title LIMIT 1 OFFSET $1;"; }

# faults KIND API-PATH USER PASSWORD TARGET: the catalogue against one server.
faults() {
	kind=$1 path=$2 user=$3 pw=$4
	start_proxy "$5"
	DB="$T_TMP/$kind.db"
	pwfile "$pw"
	config "set timeout 2" "sync $kind $PROXY$path user=$user password-file=$T_TMP/pw"
	bsync
	check "$kind: first sync through the proxy" test "$RC" = 0
	items=$(q 'SELECT count(*) FROM item;')

	pwfile "not-the-right-one"
	set_flag "$(title_n 0)" read 1
	bsync
	check "$kind: a wrong password is refused in words" failed_saying "refused the user name or password"
	check "$kind: the mark waits" test "$(queued)" = 1
	pwfile "$pw"

	proxy_mode expire-once
	logins=$(requests_like -e ClientLogin -e "^POST	/api/	")
	bsync
	check "$kind: an expired login is renewed by itself" test "$RC" = 0 -a ! -s "$T_TMP/err"
	check "$kind: the mark went through the new login" test "$(queued)" = 0

	set_flag "$(title_n 1)" starred 1
	proxy_mode 500
	bsync
	check "$kind: a 500 is said in words" failed_saying "server answered 500 Internal Server Error"
	check "$kind: after a 500 the mark waits" test "$(queued)" = 1

	proxy_mode "slow 4"
	bsync
	check "$kind: a server slower than the timeout is said in words" failed_saying "no response from the server within 2 s"
	proxy_mode "slow 0.3"
	bsync
	check "$kind: a slow server within the timeout syncs" test "$RC" = 0
	check "$kind: and takes the mark" test "$(queued)" = 0

	set_flag "$(title_n 2)" read 1
	proxy_mode redirect
	: >"$PROXY_LOG"
	bsync
	check "$kind: a redirect to another host is refused in words" failed_saying "the server redirected to http://localhost:"
	check "$kind: the login is not sent to the other host" test "$(wc -l <"$PROXY_LOG")" = 1

	proxy_mode malformed
	bsync
	check "$kind: malformed JSON is said in words" failed_saying "answer is not valid JSON"
	check "$kind: after malformed JSON no mark is lost (taken before, or waiting)" test "$(queued)" -le 1
	check "$kind: and no article was lost" test "$(q 'SELECT count(*) FROM item;')" = "$items"

	proxy_mode inject-id
	bsync "$DB" --full
	check "$kind: an id the server never sent is a warning (exit 2)" test "$RC" = 2
	check "$kind: the warning says so" grep -q "listed 1 article it does not send" "$T_TMP/err" || cat "$T_TMP/err" "$T_TMP/out"
	check "$kind: the rest of the sync went through" test "$(queued)" = 0
	proxy_mode ""

	bsync "$T_TMP/$kind-fresh.db"
	flags "$DB" >"$T_TMP/flags.here"
	flags "$T_TMP/$kind-fresh.db" >"$T_TMP/flags.there"
	check "$kind: every mark reached the server (a fresh byline sees the same flags)" cmp -s "$T_TMP/flags.here" "$T_TMP/flags.there"
	check "$kind: the password is in no output" no_secret "$pw" "$T_TMP/all-output" "$PROXY_LOG"
	check "$kind: nor in the databases" no_secret "$pw" "$DB" "$DB-wal" "$T_TMP/$kind-fresh.db"
	stop_proxy
}

faults greader /api/greader.php alice "$FRSS_PW" "http://127.0.0.1:$FRSS_PORT"
faults ttrss / admin "$TT_PW" "http://127.0.0.1:$TT_PORT"

# Where the password comes from.
DB="$T_TMP/pw.db"
chmod 644 "$T_TMP/pw"
sync_config greader "$GR" alice
bsync
check "a password file others can read is refused with the reason" failed_saying "others can read or change it (mode 644)"
chmod 600 "$T_TMP/pw"
pwfile "$FRSS_PW"
config "sync greader $GR user=alice password-command=\"cat '$T_TMP/pw'\""
bsync
check "password-command (words split once, no shell) gives the password" test "$RC" = 0
config "sync greader $GR user=alice password-command=\"false --secret\""
bsync
check "a failing password-command is said in words" failed_saying "password-command false failed (exit status 1)"
config "sync greader $GR user=alice password=$FRSS_PW"
bsync
check "a password in the config is refused" failed_saying "the password does not go into the config"
check "without being echoed" no_secret "$FRSS_PW" "$T_TMP/err"
check "the password is in no output at all" no_secret "$FRSS_PW" "$T_TMP/all-output"
finish
