# The upgrade of a version-5 database: every article and flag kept, killed halfway it rolls back, it tells how far it is.
. tests/cli/lib.sh

cfg="$T_TMP/config"
printf 'set refresh-on-start no\nfeed https://a.example/rss\nfeed https://b.example/rss\n' >"$cfg"
N=250000
q() { sqlite3 -batch -noheader "$1" "$2"; }

# A database as byline's version-5 schema (tests/data/store/schema-v5.sql) holds it:
# bodies of about 700 bytes, a third read, a seventh starred, some marked by sync.
v5="$T_TMP/v5.db"
sqlite3 "$v5" <tests/data/store/schema-v5.sql
sqlite3 "$v5" <<SQL
INSERT INTO feed (id, url, title) VALUES (1, 'https://a.example/rss', 'A'), (2, 'https://b.example/rss', 'B');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO item (feed_id, guid, title, link, author, summary, content, first_seen, date, read, starred)
SELECT 1 + i % 2, 'g' || i, 'Article ' || i || ' 新闻', 'https://a.example/' || i, 'Writer',
	CASE WHEN i % 5 = 0 THEN 'Summary ' || i END,
	'<p>Body ' || i || CASE WHEN i % 100 = 0 THEN ' 芯片' ELSE '' END || ' ' || hex(randomblob(300)) || '</p>',
	1, 1600000000 + i, i % 3 = 0, i % 7 = 1 FROM n;
UPDATE feed SET n_total = (SELECT count(*) FROM item WHERE feed_id = feed.id),
	n_unread = (SELECT count(*) FROM item WHERE feed_id = feed.id AND read = 0);
INSERT INTO sync_item (remote, item_id) SELECT 1000000 + id, id FROM item WHERE id % 1000 = 0;
SQL
flags_v5() { q "$1" "SELECT id, read != 0, starred != 0 FROM item ORDER BY id;"; }
flags_v6() { q "$1" "SELECT id, read != 0, starred != 0 FROM item_state ORDER BY id;"; }
flags_v5 "$v5" >"$T_TMP/flags.before"
check "the version-5 database holds $N articles" test "$(q "$v5" 'SELECT count(*) FROM item;')" = $N

# ---- killed halfway: as it was ----
db="$T_TMP/killed.db"
cp "$v5" "$db"
$BYLINE list -c "$cfg" -d "$db" --limit 1 >/dev/null 2>"$T_TMP/err" &
pid=$!
i=0
while ! grep -q "upgrading the database" "$T_TMP/err" && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "killed while it told of the upgrade" grep -q "upgrading the database: [0-9]* of $N articles" "$T_TMP/err"
check "... the database is still version 5 (rolled back)" test "$(q "$db" 'PRAGMA user_version;')" = 5
check "... and sound" test "$(q "$db" 'PRAGMA integrity_check;')" = ok
flags_v5 "$db" >"$T_TMP/flags.killed"
check "... with every article and flag" cmp -s "$T_TMP/flags.before" "$T_TMP/flags.killed"

# ---- run to its end (again, after the kill) ----
current=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$(dirname "$0")/../../src/store/store_int.h")
$BYLINE list -c "$cfg" -d "$db" --limit 1 >/dev/null 2>"$T_TMP/err"
check "the upgrade runs to its end" test $? = 0 -a "$(q "$db" 'PRAGMA user_version;')" = "$current"
check "... telling how far it is" grep -q "upgrading the database: $N of $N articles (100%)" "$T_TMP/err"
flags_v6 "$db" >"$T_TMP/flags.after"
check "... every article kept" test "$(q "$db" 'SELECT count(*) FROM item;')" = $N
check "... every read and star flag kept" cmp -s "$T_TMP/flags.before" "$T_TMP/flags.after"
check "... the feeds' counts right" test "$(q "$db" 'SELECT group_concat(n_total || "/" || n_unread || "/" || n_starred) FROM feed;')" = \
	"$(q "$db" 'SELECT group_concat(t) FROM (SELECT count(*) || "/" || sum(read = 0) || "/" || sum(starred) AS t FROM item_state GROUP BY feed_id ORDER BY feed_id);')"
check "... sync's article ids kept" test "$(q "$db" 'SELECT count(*) FROM sync_item JOIN item ON item.id = sync_item.item_id;')" = $((N / 1000))
check "... bodies smaller than before" test "$(q "$db" 'SELECT sum(length(body)) FROM item;')" -lt \
	"$(q "$v5" 'SELECT sum(length(summary)) + sum(length(content)) FROM item;')"
$BYLINE list -c "$cfg" -d "$db" --search 芯片 >"$T_TMP/out" 2>"$T_TMP/err"
check "... a two-character word found in the bodies" test "$(wc -l <"$T_TMP/out")" = $((N / 100))
$BYLINE list -c "$cfg" -d "$db" --search 'summary' --limit 100000 >"$T_TMP/out" 2>"$T_TMP/err"
check "... summaries searched too" test "$(wc -l <"$T_TMP/out")" = $((N / 5))
$BYLINE list -c "$cfg" -d "$db" --limit 1 >/dev/null 2>"$T_TMP/err"
check "the next start upgrades nothing and says nothing" test $? = 0 -a ! -s "$T_TMP/err"
finish
