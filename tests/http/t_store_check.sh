# byline refresh checks the database before it fetches: a damaged one is refused, with what to do.
. tests/http/lib.sh

start_server
gen_feed a.xml rss 300 art
config "feed $BASE/f/a.xml"
refresh
check "300 articles stored" test "$RC" = 0 -a "$(q 'SELECT count(*) FROM item;')" = 300
q "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
check "a sound refresh notes the file as it left it (the next one may skip the check)" \
	test -s "$DB-checked"
refresh
check "a refresh of the unchanged file works" test "$RC" = 0

# Damage article pages (leaves of the item table, found through dbstat), not the schema:
# the database still opens. The note of the last refresh stays: the write changes the
# file's change time, so the check runs.
for page in $(q "SELECT pageno FROM dbstat WHERE name = 'item' AND pagetype = 'leaf' ORDER BY pageno LIMIT 4 OFFSET 2;"); do
	head -c 4096 /dev/zero | tr "\000" "\377" |
		dd of="$DB" bs=4096 seek=$((page - 1)) conv=notrunc 2>/dev/null
done
check "the damage is there (PRAGMA quick_check)" test "$(q 'PRAGMA quick_check(1);')" != ok
cp "$DB" "$T_TMP/damaged.before"
gen_feed a.xml rss 310 art	# ten new articles it must not try to write
before=$(wc -l <"$LOG")
refresh
check "damaged database: refresh refuses it (exit 1)" test "$RC" = 1
check "damaged database: nothing was fetched" test "$(wc -l <"$LOG")" = "$before"
check "damaged database: the message says damaged and names the file" \
	grep -qF "byline refresh: $DB: the database is damaged" "$T_TMP/err"
check "damaged database: ... and what to do" grep -qF "mv $DB $DB.damaged" "$T_TMP/err"
check "damaged database: one line, nothing else" test "$(wc -l <"$T_TMP/err")" = 1
sed 's/^/# /' "$T_TMP/err"
check "damaged database: the file is unchanged" cmp -s "$DB" "$T_TMP/damaged.before"

# ---- a database from a newer byline: refused before any fetch too ----
rm -f "$DB" "$DB-wal" "$DB-shm"
refresh
sqlite3 "$DB" "PRAGMA user_version = 99;"
before=$(wc -l <"$LOG")
refresh
check "newer database: refresh refuses it (exit 1)" test "$RC" = 1
check "newer database: nothing was fetched" test "$(wc -l <"$LOG")" = "$before"
check "newer database: the message says a newer byline wrote it" err_has "newer byline"

finish
