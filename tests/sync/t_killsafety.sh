# kill -9 of byline sync between a mark and its send loses nothing; a mark made during a sync is not overwritten by it.
. tests/sync/lib.sh
need_servers "sync kill safety"

ROUNDS=${SYNC_KILL_ROUNDS:-6}
sync_feed a 20 "A"
sync_feed b 20 "B"
FRSS_FEEDS="One a Two b"
start_freshrss
start_proxy "http://127.0.0.1:$FRSS_PORT"
pwfile "$FRSS_PW"
sync_config greader "$PROXY/api/greader.php" alice
bsync
check "first sync" test "$RC" = 0
flags() { sqlite3 -batch -noheader "$1" "SELECT title, read != 0, starred FROM item JOIN item_state USING (id) ORDER BY title;"; }

# Each round marks a few articles here, then a sync (slowed by the proxy) is killed at a random moment.
: >"$T_TMP/read.want"
: >"$T_TMP/star.want"
proxy_mode "slow 0.4"
round=1
killed=0
while [ "$round" -le "$ROUNDS" ]; do
	q "SELECT title FROM item JOIN item_state USING (id) WHERE read = 0 ORDER BY random() LIMIT 3;" >>"$T_TMP/read.want"
	q "SELECT title FROM item JOIN item_state USING (id) WHERE starred = 0 ORDER BY random() LIMIT 1;" >>"$T_TMP/star.want"
	q "UPDATE item_state SET read = 1 WHERE id IN (SELECT id FROM item WHERE title IN ($(sed "s/.*/'&'/" "$T_TMP/read.want" | paste -sd,)));"
	q "UPDATE item_state SET starred = 1 WHERE id IN (SELECT id FROM item WHERE title IN ($(sed "s/.*/'&'/" "$T_TMP/star.want" | paste -sd,)));"
	$BYLINE sync -c "$CONF" -d "$DB" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v seed="$round$$" 'BEGIN { srand(seed); printf "%.2f", rand() * 2.5 }')"
	kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	round=$((round + 1))
done
echo "# killed mid-sync $killed of $ROUNDS times"
check "killed while syncing at least once" test "$killed" -gt 0
check "integrity_check after the kills" test "$(q 'PRAGMA integrity_check;')" = ok
check "no read flag lost here" test "$(q "SELECT count(*) FROM item JOIN item_state USING (id) WHERE read = 0 AND title IN ($(sed "s/.*/'&'/" "$T_TMP/read.want" | paste -sd,));")" = 0
check "no star lost here" test "$(q "SELECT count(*) FROM item JOIN item_state USING (id) WHERE starred = 0 AND title IN ($(sed "s/.*/'&'/" "$T_TMP/star.want" | paste -sd,));")" = 0
proxy_mode ""
bsync
check "a sync after the kills exits 0" test "$RC" = 0
check "and empties the queue" test "$(queued)" = 0
bsync "$T_TMP/fresh.db"
flags "$DB" >"$T_TMP/flags.here"
flags "$T_TMP/fresh.db" >"$T_TMP/flags.there"
check "every mark reached the server (a fresh byline sees the same flags)" cmp -s "$T_TMP/flags.here" "$T_TMP/flags.there"

# A mark made while a sync runs is not overwritten by that sync's state from the server.
title=$(q "SELECT title FROM item JOIN item_state USING (id) WHERE read = 0 ORDER BY title LIMIT 1;")
proxy_mode "slow 1"
$BYLINE sync -c "$CONF" -d "$DB" >"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
sleep 2.5	# past the marks (login, marks: none), before the state lists
set_flag "$title" read 1
wait "$pid"
check "the sync in flight ended well" test "$?" = 0
check "the mark made during it stands" test "$(flag_of "$title" read)" = 1
check "and waits to be sent" test "$(queued)" = 1
proxy_mode ""
bsync
bsync "$T_TMP/fresh.db"
check "the next sync sends it" test "$(flag_of "$title" read "$T_TMP/fresh.db")" = 1
finish
