# byline feeds: one line per feed (title, URL, tags, unread/total, last refresh), --failed, --json.
. tests/http/lib.sh

start_server
gen_feed a.xml rss 3 "alpha"
gen_feed b.xml rss 2 "beta"
config "feed $BASE/f/a.xml 科技/AI en
feed $BASE/f/b.xml title=\"Beta by name\"
feed $BASE/f/missing.xml en title=\"Missing\"
feed http://127.0.0.1:9/never.xml"
refresh
mark_read "$BASE/f/a.xml" "alpha 1"	# and its kept count, as the store's own marking does
q "UPDATE feed SET n_unread = n_unread - 1 WHERE url = '$BASE/f/a.xml'"
sqlite3 "$DB" "DELETE FROM feed WHERE url = 'http://127.0.0.1:9/never.xml'"

$BYLINE feeds -c "$CONF" -d "$DB" >"$T_TMP/h" 2>"$T_TMP/e"
check "byline feeds exits 0" test $? = 0
check "one line per feed" test "$(wc -l <"$T_TMP/h")" = 4
line=$(grep -F "$BASE/f/a.xml" "$T_TMP/h")
check "the feed's own title when there is no title=, URL, tags, unread/total, ok" \
	test "$line" = "$(printf 'RSS alpha\t%s\t科技/AI en\t2/3\tok' "$BASE/f/a.xml")"
check "title= wins" grep -q "^Beta by name	$BASE/f/b.xml		2/2	ok$" "$T_TMP/h"
check_re() { grep -qE "$2" "$T_TMP/h" && ok "$1" || { fail "$1"; sed 's/^/# /' "$T_TMP/h"; }; }
check_re "a failing feed: the reason and since when" \
	"^Missing	.*/f/missing.xml	en	0/0	failed since 20[0-9-]+T[0-9:]+Z: server answered 404 Not Found \(last success never\)$"
check_re "a feed never refreshed says so" "never.xml		0/0	not refreshed yet$"

$BYLINE feeds --failed -c "$CONF" -d "$DB" >"$T_TMP/f" 2>"$T_TMP/e"
check "--failed exits 0" test $? = 0
check "--failed lists only the failing feed" test "$(cut -f1 "$T_TMP/f")" = "Missing"

$BYLINE feeds --json -c "$CONF" -d "$DB" >"$T_TMP/j"
check "--json exits 0" test $? = 0
out=$(python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))
f = {x["url"].rsplit("/", 1)[1]: x for x in a}
print(len(a), f["a.xml"]["title"], f["a.xml"]["tags"], f["a.xml"]["unread"], f["a.xml"]["total"],
      f["a.xml"]["ok"], f["a.xml"]["error"], f["a.xml"]["last_success"] is not None,
      f["missing.xml"]["ok"], f["missing.xml"]["error"], f["missing.xml"]["failed_since"] is not None,
      f["missing.xml"]["last_success"])' "$T_TMP/j" 2>&1)
check "--json: an array of objects with the same fields ($out)" test "$out" = \
	"4 RSS alpha ['科技/AI', 'en'] 2 3 True None True False server answered 404 Not Found True None"
$BYLINE feeds --json --failed -c "$CONF" -d "$DB" >"$T_TMP/j2"
check "--json --failed: the failing feed only" test \
	"$(python3 -c 'import json,sys; print([x["title"] for x in json.load(open(sys.argv[1]))])' "$T_TMP/j2")" = "['Missing']"

# Nothing failing: exit 0, said on stderr, nothing on stdout.
config "feed $BASE/f/a.xml"
$BYLINE feeds --failed -c "$CONF" -d "$DB" >"$T_TMP/f" 2>"$T_TMP/e"
check "no failing feed: exit 0" test $? = 0
check "no failing feed: said on stderr" grep -q "no feed failed" "$T_TMP/e"
check "no failing feed: nothing on stdout" test ! -s "$T_TMP/f"
$BYLINE feeds --json --failed -c "$CONF" -d "$DB" >"$T_TMP/j3" 2>/dev/null
check "--json with none: an empty array" test "$(cat "$T_TMP/j3")" = "[]"
$BYLINE feeds --bogus -c "$CONF" -d "$DB" >/dev/null 2>"$T_TMP/e"
check "an unknown option: exit 1 with a message" test $? = 1
check "and the usage" grep -q "usage: byline feeds" "$T_TMP/e"
$BYLINE feeds --help >"$T_TMP/h" 2>&1
check "--help: exit 0, the usage" grep -q "usage: byline feeds" "$T_TMP/h"
finish
