# byline list: articles from a real database, cleaned fields, filters, JSON lines, errors.
. tests/cli/lib.sh

db="$T_TMP/data/byline.db"
cfg="$T_TMP/config"
export XDG_CONFIG_HOME="$T_TMP/xdg-config" XDG_DATA_HOME="$T_TMP/xdg-data"
printf 'feed https://a.example/rss news title="Feed A"\nfeed https://b.example/atom\n' >"$cfg"

$BYLINE list -c "$cfg" -d "$db" >"$T_TMP/out" 2>"$T_TMP/err"
check "an empty database lists nothing" test $? = 0 -a ! -s "$T_TMP/out"
check "the database is created with its directories, mode 0600" \
	test "$(stat -c %a "$db")" = 600

# Articles as a refresh would leave them, with their feeds' counts.
sqlite3 "$db" <<'SQL'
INSERT INTO feed (id, url, title) VALUES (1, 'https://a.example/rss', 'A own title'),
	(2, 'https://b.example/atom', 'Feed	B');
INSERT INTO item (id, feed_id, guid, hash, title, link, first_seen) VALUES
	(1, 1, 'a1', 0, 'Oldest', 'https://a.example/1', 0),
	(2, 1, 'a2', 0, '爱范儿：新款 iPhone 评测', 'https://a.example/2', 0),
	(3, 2, 'b1', 0, 'Tab	and
newline', 'https://b.example/1', 0),
	(4, 2, 'b2', 0, 'Evil ' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J end', 'https://b.example/2', 0);
INSERT INTO item_state (feed_id, date, id, read) VALUES (1, 1000000000, 1, 1),
	(1, 1700000000, 2, 0), (2, 1600000000, 3, 0), (2, 1500000000, 4, 0);
-- A refresh queues what it stores for the full-text index and counts it; so do we.
INSERT INTO item_fts_todo (id) SELECT id FROM item;
UPDATE feed SET n_total = (SELECT count(*) FROM item_state WHERE feed_id = feed.id),
	n_unread = (SELECT count(*) FROM item_state WHERE feed_id = feed.id AND read = 0);
SQL

$BYLINE list -c "$cfg" -d "$db" >"$T_TMP/out"
check "list exits 0" test $? = 0
check "one line per article" test "$(wc -l <"$T_TMP/out")" = 4
check "newest first" test "$(head -n 1 "$T_TMP/out" | cut -f 3)" = "爱范儿：新款 iPhone 评测"
check "date, feed, title, link separated by tabs" \
	test "$(head -n 1 "$T_TMP/out")" = "$(printf '2023-11-14T22:13:20Z\tFeed A\t爱范儿：新款 iPhone 评测\thttps://a.example/2')"
check "the config's title= names the feed" test "$(cut -f 2 "$T_TMP/out" | sort -u | head -n 1)" = "Feed A"
check "the feed's own title otherwise, its tab cleaned" grep -q "	Feed B	Tab and newline	" "$T_TMP/out"
check "every line has exactly four fields" \
	test "$(awk -F '\t' 'NF != 4' "$T_TMP/out" | wc -l)" = 0
check "no control character reaches the output" \
	test "$(tr -d '\t\n' <"$T_TMP/out" | LC_ALL=C grep -c '[[:cntrl:]]')" = 0

$BYLINE list -c "$cfg" -d "$db" --unread >"$T_TMP/out"
check "--unread leaves read articles out" test "$(wc -l <"$T_TMP/out")" = 3
$BYLINE list -c "$cfg" -d "$db" --feed https://b.example/atom >"$T_TMP/out"
check "--feed lists one feed" test "$(cut -f 2 "$T_TMP/out" | sort -u)" = "Feed B"
$BYLINE list -c "$cfg" -d "$db" --search 'iphone 评测' >"$T_TMP/out"
check "--search finds CJK words" test "$(wc -l <"$T_TMP/out")" = 1
$BYLINE list -c "$cfg" -d "$db" --search '爱范' >"$T_TMP/out"
check "--search finds a two-character title word" test "$(wc -l <"$T_TMP/out")" = 1
# The query language (byline-config(5), QUERIES).
$BYLINE list -c "$cfg" -d "$db" --query 'unread tag:news' >"$T_TMP/out"
check "--query: a state and a tag of the config" \
	test "$(cut -f 3 "$T_TMP/out")" = "爱范儿：新款 iPhone 评测"
$BYLINE list -c "$cfg" -d "$db" --query '爱范 OR title:oldest' >"$T_TMP/out"
check "--query: OR of a CJK word and a field word" test "$(wc -l <"$T_TMP/out")" = 2
$BYLINE list -c "$cfg" -d "$db" --query '-feed:"feed a" before:2021-01-01' --json >"$T_TMP/out"
check "--query with --json: negation and a date" \
	test "$(wc -l <"$T_TMP/out")" = 2 -a "$(grep -c '"feed":"Feed A"' "$T_TMP/out")" = 0
$BYLINE list -c "$cfg" -d "$db" --query 'unread' --limit 1 >"$T_TMP/out"
check "--query with --limit" test "$(wc -l <"$T_TMP/out")" = 1
$BYLINE list -c "$cfg" -d "$db" --query 'iphone titel:x' >"$T_TMP/out" 2>"$T_TMP/err"
check "a mistake in --query exits 2" test $? = 2 -a ! -s "$T_TMP/out"
check "and shows the query, a caret under the place, the reason" python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert lines[1] == "  iphone titel:x", lines
assert lines[2] == "         ^", lines
assert lines[3] == "unknown field \"titel:\" \u2014 did you mean title:?", lines
' "$T_TMP/err"

$BYLINE list -c "$cfg" -d "$db" --limit 2 >"$T_TMP/out"
check "--limit" test "$(wc -l <"$T_TMP/out")" = 2
$BYLINE list -c "$cfg" -d "$db" --feed https://nowhere.example/ 2>"$T_TMP/err"
check "an unknown --feed is an error" test $? = 1
check "and says so" grep -q "nowhere.example.*neither in the config nor in the database" "$T_TMP/err"

$BYLINE list -c "$cfg" -d "$db" --json >"$T_TMP/out"
check "--json prints one valid JSON object per article" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(rows) == 4, rows
assert rows[0]["title"] == "爱范儿：新款 iPhone 评测" and rows[0]["feed"] == "Feed A"
assert rows[0]["read"] is False and rows[-1]["read"] is True
assert rows[2]["title"].startswith("Evil \x1b]0;pwned")
' "$T_TMP/out"

printf 'feed https://a.example/rss\nset timeout soon\n' >"$T_TMP/bad"
$BYLINE list -c "$T_TMP/bad" -d "$db" 2>"$T_TMP/err" >/dev/null
check "a config mistake exits 1" test $? = 1
check "and names FILE:LINE" grep -q "$T_TMP/bad:2: timeout must be" "$T_TMP/err"
# The config takes every color the reader draws, bright ones too (one table of names).
printf 'feed https://a.example/rss\ncolor title brightred default bold\n' >"$T_TMP/bright"
$BYLINE list -c "$T_TMP/bright" -d "$db" 2>"$T_TMP/err" >/dev/null
check "a bright color is a color" test $? = 0 -a ! -s "$T_TMP/err"
printf 'feed https://a.example/rss\ncolor title brightpink default\n' >"$T_TMP/bad"
$BYLINE list -c "$T_TMP/bad" -d "$db" 2>"$T_TMP/err" >/dev/null
check "an unknown color exits 1" test $? = 1
check "and names FILE:LINE and the colors there are" \
	grep -q "$T_TMP/bad:2: 'brightpink': unknown color (use default, .*brightblack" "$T_TMP/err"
$BYLINE list -c "$T_TMP/missing" -d "$db" 2>"$T_TMP/err" >/dev/null
check "a missing -c file is an error" test $? = 1
$BYLINE list -c "$cfg" -d "$db" --frobnicate 2>"$T_TMP/err" >/dev/null
check "an unknown option is an error" test $? = 1

$BYLINE list >"$T_TMP/out" 2>"$T_TMP/err"
check "without -c/-d the XDG locations are used" test -f "$XDG_DATA_HOME/byline/byline.db"

sqlite3 "$T_TMP/new.db" 'PRAGMA user_version = 99'
$BYLINE list -d "$T_TMP/new.db" 2>"$T_TMP/err" >/dev/null
check "a database from a newer byline is refused" test $? = 1
check "with a clear message" grep -q "newer byline" "$T_TMP/err"
finish
