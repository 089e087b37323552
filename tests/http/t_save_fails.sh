# byline refresh when the store refuses a write (a trigger of the test's makes SQLite fail it):
# a feed's fetch state not saved, old articles not removed (keep-days). The failure is told
# in words, nothing is lost, and the next refresh does what was left.
. tests/http/lib.sh

start_server
gen_feed a.xml rss 6 alpha
config "feed $BASE/f/a.xml" "feed $BASE/status/404"
refresh "$BASE/f/a.xml"
check "first refresh: exit 0" test "$RC" = 0 -a "$(q 'SELECT count(*) FROM item;')" = 6
q "UPDATE item_state SET read = 1 WHERE id = (SELECT id FROM item WHERE title = 'alpha 1'); UPDATE item_state SET starred = 1 WHERE id = (SELECT id FROM item WHERE title = 'alpha 2');"
flags() { q "SELECT title, read, starred FROM item JOIN item_state USING (id) ORDER BY title;"; }
flags >"$T_TMP/flags"

# ---- the fetch state: only the statement that saves it fails ----
q "CREATE TRIGGER test_no_state BEFORE UPDATE OF last_error ON feed
   BEGIN SELECT RAISE(ABORT, 'the test refuses the fetch state'); END;"
refresh "$BASE/status/404"
check "a failed feed whose failure cannot be saved: exit 1" test "$RC" = 1
check "... the feed's own error is told" err_has "404"
check "... and that it could not be saved, why" err_has "could not save this: "
check "... in SQLite's words" err_has "the test refuses the fetch state"
q "DROP TRIGGER test_no_state; UPDATE feed SET last_error = 'an old error' WHERE url = '$BASE/f/a.xml';
   CREATE TRIGGER test_no_state BEFORE UPDATE OF last_error ON feed
   BEGIN SELECT RAISE(ABORT, 'the test refuses the fetch state'); END;"
before=$(wc -l <"$LOG")
refresh "$BASE/f/a.xml"
check "unchanged (304) but its cleared error cannot be saved: exit 1" test "$RC" = 1
check "... asked the server (one request)" test "$(($(wc -l <"$LOG") - before))" = 1
check "... says what was not saved and that the next refresh asks again" \
	err_has "could not save what the server said (the next refresh asks again)"
check "... the articles and their flags are all there" test "$(flags)" = "$(cat "$T_TMP/flags")"
q "DROP TRIGGER test_no_state;"
refresh "$BASE/f/a.xml"
check "the trigger gone: the next refresh works (exit 0)" test "$RC" = 0
check "... and saves what was left: the old error is cleared" \
	test -z "$(feed_col "$BASE/f/a.xml" last_error)"

# ---- keep-days: removing the old articles fails ----
config "set keep-days 1" "feed $BASE/f/a.xml"
q "UPDATE item SET first_seen = 0;"	# seen long ago; their dates (January) are old too
q "CREATE TRIGGER test_no_delete BEFORE DELETE ON item
   BEGIN SELECT RAISE(ABORT, 'the test refuses to delete'); END;"
refresh
check "old articles cannot be removed: exit 2" test "$RC" = 2
check "... says so, with keep-days" \
	err_has "could not remove the articles older than keep-days (1 day)"
check "... in SQLite's words" err_has "the test refuses to delete"
check "... and that they stay and the next refresh tries again" \
	err_has "they stay stored, and the next refresh tries again"
check "... one line" test "$(wc -l <"$T_TMP/err")" = 1
check "... no article lost, every flag kept" test "$(flags)" = "$(cat "$T_TMP/flags")"
check "... the database is sound" test "$(q 'PRAGMA integrity_check;')" = ok
q "DROP TRIGGER test_no_delete;"
refresh
check "the trigger gone: the next refresh removes them (exit 0)" test "$RC" = 0 -a ! -s "$T_TMP/err"
check "... all but the starred one" test "$(q 'SELECT title FROM item;')" = "alpha 2"
finish
