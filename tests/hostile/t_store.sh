# Crash safety of the store: SIGKILL while the reader marks articles; a full disk; a
# read-only database; a database from a newer byline. Never a flag lost, never damage.
. tests/http/lib.sh
. tests/ui/lib.sh

KILLS=${STORE_KILLS:-4}
N=$((KILLS * 40 + 100))	# each round marks at most 40: All unread never runs dry
start_server
gen_feed a.xml rss $N art
printf 'set refresh-on-start no\nset refresh-interval 0\nfeed %s/f/a.xml\n' "$BASE" >"$CONF"
refresh
check "$N articles stored" test "$RC" = 0 -a "$(q 'SELECT count(*) FROM item;')" = $N

flags() { q "SELECT 'r' || id FROM item_state WHERE read = 1 UNION ALL SELECT 's' || id FROM item_state WHERE starred = 1;" | sort; }

# reader_pid: the byline process in the tmux pane (the pane runs sh, which runs env, which execs byline).
reader_pid() {
	pp=$(ui_tmux display -p -t 0 '#{pane_pid}')
	ps -o pid=,comm= --ppid "$pp" | awk '$2 == "byline" || $2 == "byline-asan" { print $1 }'
}

# ---- kill -9 while marking: m (read) and s (star) on row after row of All unread ----
survived=0
lost=0
round=1
while [ $round -le "$KILLS" ]; do
	ui_start "$CONF" "$DB"
	ui_keys Enter
	ui_wait "art " || fail "round $round: All unread did not open"
	pid=$(reader_pid)
	k=0
	while [ $k -lt 40 ]; do ui_keys m s j; k=$((k + 1)); done
	sleep "$(awk -v s="$round$$" 'BEGIN { srand(s); printf "%.2f", 0.2 + rand() * 0.6 }')"
	flags >"$T_TMP/before"	# committed before the kill: every one must survive it
	if [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; then survived=$((survived + 1)); fi
	ui_stop
	flags >"$T_TMP/after"
	missing=$(comm -23 "$T_TMP/before" "$T_TMP/after" | wc -l)
	[ "$missing" = 0 ] || { lost=$((lost + missing)); echo "# round $round lost $missing flags"; }
	round=$((round + 1))
done
echo "# reader killed while marking: $survived of $KILLS rounds; flags lost: $lost"
echo "ROBUSTNESS kills=$survived lost=$lost"
check "the reader was killed mid-marking $KILLS times" test "$survived" = "$KILLS"
check "flags were being set (read and starred)" test "$(grep -c '^s' "$T_TMP/after")" -gt 0
check "no read or star flag set before a kill was lost" test "$lost" = 0
check "integrity_check after the kills" test "$(q 'PRAGMA integrity_check;')" = ok
check "the per-feed unread count agrees with the articles" \
	test "$(q 'SELECT n_unread FROM feed;')" = "$(q 'SELECT count(*) FROM item_state WHERE read = 0;')"

# ---- a full disk: a small tmpfs, filled while the refresh writes ----
MNT="$T_TMP/mnt"
mkdir -p "$MNT"
if mount -t tmpfs -o size=8m tmpfs "$MNT" 2>"$T_TMP/mount.err"; then
	trap 'umount "$MNT" 2>/dev/null; stop_server; ui_stop; rm -rf "$T_TMP"' EXIT
	sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	cp "$DB" "$MNT/db"
	flags >"$T_TMP/full.before"
	count=$(sqlite3 "$MNT/db" 'SELECT count(*) FROM item;')
	gen_feed a.xml rss $((N + 400)) art	# 400 new articles to write
	# Full, but for 128 KiB: SQLite can still map its WAL index; 400 articles do not fit.
	dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null
	truncate -s $(($(stat -c %s "$MNT/filler") - 131072)) "$MNT/filler"
	$BYLINE refresh -c "$CONF" -d "$MNT/db" >"$T_TMP/out" 2>"$T_TMP/err"
	RC=$?
	check "full disk: refresh fails (exit 1)" test "$RC" = 1
	check "full disk: the message says the disk is full" grep -qi "full" "$T_TMP/err"
	sed 's/^/# /' "$T_TMP/err"
	check "full disk: integrity_check" test "$(sqlite3 "$MNT/db" 'PRAGMA integrity_check;')" = ok
	check "full disk: no article lost or half-written" test "$(sqlite3 "$MNT/db" 'SELECT count(*) FROM item;')" = "$count"
	DB_SAVE=$DB
	DB="$MNT/db"
	check "full disk: every flag kept" test "$(flags)" = "$(cat "$T_TMP/full.before")"
	$BYLINE list -c "$CONF" -d "$MNT/db" >"$T_TMP/list" 2>"$T_TMP/err"
	check "full disk: byline list still reads" test $? = 0 -a "$(wc -l <"$T_TMP/list")" = "$count"
	ui_start "$CONF" "$MNT/db"
	ui_keys j j Enter Enter
	ui_check "full disk: the reader still opens an article" "Title:"
	ui_stop
	DB=$DB_SAVE
	rm -f "$MNT/filler"
	gen_feed a.xml rss $N art

	# ---- a read-only database: the same tmpfs, remounted read-only ----
	rm -f "$MNT/db-wal" "$MNT/db-shm"
	cp "$MNT/db" "$T_TMP/ro.before"
	mount -o remount,ro "$MNT"
	$BYLINE refresh -c "$CONF" -d "$MNT/db" >"$T_TMP/out" 2>"$T_TMP/err"
	check "read-only database: refresh fails (exit 1)" test $? = 1
	check "read-only database: the message says so" grep -qi "read-only\|readonly\|read only" "$T_TMP/err"
	sed 's/^/# /' "$T_TMP/err"
	$BYLINE list -c "$CONF" -d "$MNT/db" >"$T_TMP/list" 2>"$T_TMP/err"
	check "read-only database: byline list still reads" test $? = 0 -a "$(wc -l <"$T_TMP/list")" = "$count"
	sed 's/^/# /' "$T_TMP/err"
	ui_start "$CONF" "$MNT/db"
	ui_keys j j Enter Enter
	ui_check "read-only database: the reader still opens an article" "Title:"
	ui_stop
	check "read-only database: the file is unchanged" cmp -s "$MNT/db" "$T_TMP/ro.before"
	umount "$MNT"
else
	ok "full disk and read-only database skipped: cannot mount a tmpfs ($(head -n 1 "$T_TMP/mount.err"))"
fi

# ---- a database from a newer byline ----
sqlite3 "$DB" "PRAGMA user_version = 99;"
cp "$DB" "$T_TMP/newer.before"
$BYLINE list -c "$CONF" -d "$DB" >"$T_TMP/out" 2>"$T_TMP/err"
check "newer database: refused (exit 1)" test $? = 1
check "newer database: the message says a newer byline wrote it" grep -q "newer byline" "$T_TMP/err"
$BYLINE refresh -c "$CONF" -d "$DB" >"$T_TMP/out" 2>"$T_TMP/err"
check "newer database: refresh refuses it too" test $? = 1
check "newer database: not touched" cmp -s "$DB" "$T_TMP/newer.before"

finish
