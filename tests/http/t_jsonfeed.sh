# A JSON Feed over HTTP like any feed: refresh stores it, byline list shows it, OPML exports it, 304 costs nothing.
. tests/http/lib.sh

start_server

# gen_json FILE N PREFIX: a JSON Feed 1.1 of N items, titles "PREFIX i", relative links.
gen_json() {
	python3 - "$DOC/$1" "$2" "$3" <<'PY'
import json, sys
path, n, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
items = [{"id": "%s-%d" % (prefix, i), "title": "%s %d" % (prefix, i), "url": "posts/%d" % i,
          "content_html": "<p>body %d</p>" % i, "date_published": "2026-01-%02dT00:00:00Z" % (1 + i % 28),
          "authors": [{"name": "作者 %d" % i}], "tags": ["json"],
          "attachments": [{"url": "/ep%d.mp3" % i, "mime_type": "audio/mpeg", "size_in_bytes": 1000 + i,
                           "duration_in_seconds": 60 * i}]}
         for i in range(n, 0, -1)]
doc = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON %s" % prefix,
       "home_page_url": "http://example.org/%s/" % prefix, "icon": "/icon.png", "items": items}
open(path, "w", encoding="utf-8").write(json.dumps(doc, ensure_ascii=False, indent=1))
PY
}
gen_json feed.json 3 jay
gen_json mislabeled.json 2 mis
# the same JSON Feed served as application/feed+json and as application/xml (/f/): read by content
config "feed $BASE/json/feed.json json" "feed $BASE/f/mislabeled.json"

refresh
check "refresh of two JSON Feeds: exit 0" test "$RC" = 0
check "application/feed+json: 3 items stored" test "$(item_count "$BASE/json/feed.json")" = 3
check "labelled application/xml, still a JSON Feed: 2 items stored" test "$(item_count "$BASE/f/mislabeled.json")" = 2
check "the feed's title and format stored" \
	test "$(q "SELECT title || ' ' || format FROM feed WHERE url = '$BASE/json/feed.json';")" = "JSON jay json"
check "site link from home_page_url" test "$(feed_col "$BASE/json/feed.json" site_link)" = "http://example.org/jay/"
check "links resolved against the document's URL" \
	test "$(q "SELECT link FROM item WHERE guid = 'jay-2';")" = "$BASE/json/posts/2"
check "authors stored" test "$(q "SELECT author FROM item WHERE guid = 'jay-3';")" = "作者 3"
check "attachment stored with its length and duration" \
	test "$(q "SELECT replace(replace(enclosures, char(31), '|'), char(30), ';') FROM item WHERE guid = 'jay-1';")" = \
	"$BASE/ep1.mp3|audio/mpeg|1001|60"
check "the ETag is remembered" test -n "$(feed_col "$BASE/json/feed.json" etag)"

$BYLINE list -c "$CONF" -d "$DB" --feed "$BASE/json/feed.json" >"$T_TMP/list" 2>"$T_TMP/list.err"
check "byline list shows the JSON Feed's items, newest first" \
	test "$(cut -f3 "$T_TMP/list" | tr '\n' ,)" = "jay 3,jay 2,jay 1,"
$BYLINE list --json -c "$CONF" -d "$DB" >"$T_TMP/list.json"
check "byline list --json: five articles" test "$(wc -l <"$T_TMP/list.json")" = 5

# ---- a second refresh: 304, nothing parsed or written ----
: >"$LOG"
refresh
check "second refresh: exit 0" test "$RC" = 0
check "asked with If-None-Match" grep -q "^/json/feed.json	\"" "$LOG"
check "still 3 items" test "$(item_count "$BASE/json/feed.json")" = 3

# ---- a new item on the server ----
gen_json feed.json 4 jay
refresh
check "a new JSON item is stored" test "$(item_count "$BASE/json/feed.json")" = 4

# ---- the feed becomes bad JSON: refused, nothing lost ----
printf '{"version":"https://jsonfeed.org/version/1.1",\n"items":[{"id":"x" "title":"y"}]}\n' >"$DOC/feed.json"
refresh
check "bad JSON: the run reports a failure (exit 2)" test "$RC" = 2
check "bad JSON: the message names the feed, line and column" \
	grep -q "$BASE/json/feed.json: not valid JSON at line 2, column " "$T_TMP/err"
check "bad JSON: the stored items are kept" test "$(item_count "$BASE/json/feed.json")" = 4
check "bad JSON: the error is remembered" test -n "$(feed_col "$BASE/json/feed.json" last_error)"

# ---- OPML export lists it like any feed ----
$BYLINE export -c "$CONF" >"$T_TMP/out.opml"
check "OPML export holds the JSON Feed" grep -q "xmlUrl=\"$BASE/json/feed.json\"" "$T_TMP/out.opml"
finish
