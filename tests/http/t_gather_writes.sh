# The store's write gathering switched off (set gather-writes no, BYLINE_GATHER_WRITES=no):
# the same refresh writes the same database, each way reads what the other wrote, and the
# refresh and store tests pass with SQLite's own VFS.
. tests/http/lib.sh

start_server
for i in 1 2 3; do gen_feed "r$i.xml" rss 200 "r$i"; done
gen_feed a1.xml atom 150 a1
feeds="feed $BASE/f/r1.xml
feed $BASE/f/r2.xml
feed $BASE/f/r3.xml
feed $BASE/f/a1.xml"

# what DB CONF: the articles and feeds as stored, and as `byline list` shows them. Feeds
# finish in an order that varies from run to run: so do the articles' rowids (the "id"
# field, left out) and the order of articles of one date (sorted).
what() {
	sqlite3 -batch -noheader "$1" "SELECT f.url, i.guid, i.title, i.link, i.author, i.published,
		i.updated, i.hash, i.categories, i.enclosures, s.read != 0, s.starred
		FROM item i JOIN item_state s ON s.id = i.id JOIN feed f ON f.id = i.feed_id
		ORDER BY f.url, i.guid;
		SELECT url, title, site_link, etag, last_modified, last_error FROM feed ORDER BY url;"
	$BYLINE list -c "$2" -d "$1" --json | sed 's/^{"id":[0-9]*,/{/' | sort
}
# run DB CONF [ENV]: a refresh of DB, its exit status in RC, its output in $T_TMP/err
run() {
	env ${3:-} $BYLINE refresh -c "$2" -d "$1" >"$T_TMP/out" 2>"$T_TMP/err"
	RC=$?
}
sound() {	# sound DB...: PRAGMA integrity_check says ok of each
	for d in "$@"; do [ "$(sqlite3 "$d" 'PRAGMA integrity_check;')" = ok ] || return 1; done
}

config "$feeds"
cp "$CONF" "$T_TMP/on.conf"
config "set gather-writes no" "$feeds"
cp "$CONF" "$T_TMP/off.conf"

run "$T_TMP/on.db" "$T_TMP/on.conf"
check "gathering: the refresh works" test "$RC" = 0
run "$T_TMP/env.db" "$T_TMP/on.conf" BYLINE_GATHER_WRITES=no
check "BYLINE_GATHER_WRITES=no: the refresh works" test "$RC" = 0
run "$T_TMP/set.db" "$T_TMP/off.conf"
check "set gather-writes no: the refresh works" test "$RC" = 0
what "$T_TMP/on.db" "$T_TMP/on.conf" >"$T_TMP/on.what"
what "$T_TMP/env.db" "$T_TMP/on.conf" >"$T_TMP/env.what"
what "$T_TMP/set.db" "$T_TMP/off.conf" >"$T_TMP/set.what"
check "gathering: 750 articles stored" test "$(sqlite3 "$T_TMP/on.db" 'SELECT count(*) FROM item;')" = 750
check "BYLINE_GATHER_WRITES=no: the same database to a reader" cmp -s "$T_TMP/on.what" "$T_TMP/env.what"
check "set gather-writes no: the same database to a reader" cmp -s "$T_TMP/on.what" "$T_TMP/set.what"
check "each way the database is sound" sound "$T_TMP/on.db" "$T_TMP/env.db" "$T_TMP/set.db"

# Each way goes on with what the other wrote.
for i in 1 2 3; do gen_feed "r$i.xml" rss 220 "r$i"; done
run "$T_TMP/on.db" "$T_TMP/off.conf"
check "a gathered database refreshed without gathering" test "$RC" = 0
run "$T_TMP/set.db" "$T_TMP/on.conf"
check "a database written without gathering refreshed with it" test "$RC" = 0
what "$T_TMP/on.db" "$T_TMP/on.conf" >"$T_TMP/on.what"
what "$T_TMP/set.db" "$T_TMP/on.conf" >"$T_TMP/set.what"
check "... 810 articles in each" test "$(sqlite3 "$T_TMP/set.db" 'SELECT count(*) FROM item;')" = 810
check "... and the two the same to a reader" cmp -s "$T_TMP/on.what" "$T_TMP/set.what"
check "... both sound" sound "$T_TMP/on.db" "$T_TMP/set.db"

# The refresh and store tests, whole, with SQLite's own VFS.
whole() {	# whole NAME COMMAND...: one check for a whole test run with the gathering off
	name=$1
	shift
	if BYLINE_GATHER_WRITES=no "$@" >"$T_TMP/whole" 2>&1; then ok "$name"; else
		fail "$name: $(grep -E '^not ok|FAILED|ERROR' "$T_TMP/whole" | head -5 | tr '\n' ' ')"
	fi
}
whole "BYLINE_GATHER_WRITES=no: the store's unit tests pass (test_store)" "${BUILD:-build}/tests/test_store"
whole "BYLINE_GATHER_WRITES=no: tests/http/t_refresh.sh passes" sh tests/http/t_refresh.sh
whole "BYLINE_GATHER_WRITES=no: tests/http/t_store_check.sh passes" sh tests/http/t_store_check.sh
finish
