# Sync with a real Tiny Tiny RSS (Debian's tt-rss): both ways, checked through its API, its database and a second byline.
. tests/sync/lib.sh
need_servers "ttrss sync"

start_ttrss 8 40
pwfile "$TT_PW"
sync_config ttrss "http://127.0.0.1:$TT_PORT/" admin
DB2="$T_TMP/second.db"
A1="Article 1 芯片 भारत"
A2="Article 2 芯片 भारत"
A4="Article 4 芯片 भारत"

failed_saying() { test "$RC" = 1 && grep -q -- "$1" "$T_TMP/err"; }

bsync
check "first sync exits 0" test "$RC" = 0
check "every feed of the server is a feed" test "$(q 'SELECT count(*) FROM sync_feed;')" = 8
check "every article came" test "$(q 'SELECT count(*) FROM item;')" = 40
check "unread as on the server" test "$(q 'SELECT count(*) FROM item_state WHERE read = 0;')" = \
	"$(tt_sql 'SELECT count(*) FROM ttrss_user_entries WHERE unread;')"
check "starred as on the server" test "$(q 'SELECT count(*) FROM item_state WHERE starred = 1;')" = \
	"$(tt_sql 'SELECT count(*) FROM ttrss_user_entries WHERE marked;')"
check "a category is the feed's tag (Chinese)" test "$(feed_tags f0.xml)" = 科技
check "a category is the feed's tag (Hindi)" test "$(feed_tags f1.xml)" = समाचार
check "a category with & is the feed's tag" test "$(feed_tags f2.xml)" = "Tech & Co"
check "titles in three scripts" test "$(q "SELECT count(*) FROM item WHERE title = '$A1';")" = 1

# Read here -> read there; starred here -> starred there.
set_flag "$A1" read 1
set_flag "$A2" starred 1
bsync
check "sync with marks exits 0" test "$RC" = 0
check "the marks were sent" grep -q "2 marks sent" "$T_TMP/out"
check "read here is read there (API)" test "$(tt_flag "$A1" unread)" = false
check "starred here is starred there (API)" test "$(tt_flag "$A2" marked)" = true
bsync "$DB2"
check "read here is read in a second byline" test "$(flag_of "$A1" read "$DB2")" = 1
check "starred here is starred in a second byline" test "$(flag_of "$A2" starred "$DB2")" = 1

# Starred and unread there -> here.
tt "\"op\":\"updateArticle\",\"article_ids\":\"$(tt_art_id "$A4")\",\"mode\":1,\"field\":0" >/dev/null
tt "\"op\":\"updateArticle\",\"article_ids\":\"$(tt_art_id "$A1")\",\"mode\":1,\"field\":2" >/dev/null
bsync
check "starred there is starred here" test "$(flag_of "$A4" starred)" = 1
check "unread there is unread here" test "$(flag_of "$A1" read)" = 0

# A feed subscribed there (written into tt-rss's database: it fetches nothing from loopback).
tt_sql "INSERT INTO ttrss_feed_categories (owner_uid, title) VALUES (1, 'Later');" >/dev/null
tt_sql "INSERT INTO ttrss_feeds (owner_uid, title, feed_url, site_url, cat_id) SELECT 1, 'Later feed', 'http://feeds.test/later.xml', 'http://feeds.test/', id FROM ttrss_feed_categories WHERE title = 'Later';" >/dev/null
tt_sql "INSERT INTO ttrss_entries (title, guid, link, updated, content, content_hash, date_entered, date_updated, author) SELECT 'Later ' || g, 'later-' || g, 'http://feeds.test/later/' || g, now(), '<p>later</p>', md5('later' || g), now(), now(), 'x' FROM generate_series(1, 2) g;" >/dev/null
tt_sql "INSERT INTO ttrss_user_entries (ref_id, uuid, feed_id, owner_uid, tag_cache, label_cache, unread, marked) SELECT e.id, '', f.id, 1, '', '', true, false FROM ttrss_entries e, ttrss_feeds f WHERE e.title LIKE 'Later %' AND f.title = 'Later feed';" >/dev/null
bsync
check "a feed subscribed there is a feed here" test "$(q "SELECT count(*) FROM feed WHERE url = 'http://feeds.test/later.xml';")" = 1
check "with its category as a tag" test "$(feed_tags later.xml)" = Later
check "and its articles" test "$(q "SELECT count(*) FROM item WHERE title LIKE 'Later %';")" = 2

# Unsubscribe from here; subscribing to a loopback feed is refused by tt-rss, in words.
bsync "$DB" --unsubscribe http://feeds.test/f3.xml
check "--unsubscribe exits 0" test "$RC" = 0
check "unsubscribed here is gone there" test "$(tt_sql "SELECT count(*) FROM ttrss_feeds WHERE feed_url = 'http://feeds.test/f3.xml';")" = 0
check "and gone here" test "$(q "SELECT count(*) FROM feed WHERE url = 'http://feeds.test/f3.xml';")" = 0
bsync "$DB" --subscribe "http://127.0.0.1:9/none.xml"
check "a subscription the server refuses says why" failed_saying "did not subscribe to http://127.0.0.1:9/none.xml"

# Nothing new: a handful of small requests.
start_proxy "http://127.0.0.1:$TT_PORT"
sync_config ttrss "$PROXY/" admin
rm -f "$DB2" "$DB2-wal" "$DB2-shm"	# the proxy's address is another account
bsync "$DB2"
bsync "$DB2"
: >"$PROXY_LOG"
bsync "$DB2"
n=$(wc -l <"$PROXY_LOG")
echo "# a sync with nothing new: $n requests"
check "a sync with nothing new makes at most 5 requests" test "$n" -le 5
check "it says nothing changed" grep -q " 0 new articles, 0 marks sent, 0 flags changed" "$T_TMP/out"
check "the password never goes into a URL" no_secret "$TT_PW" "$PROXY_LOG"
sync_config ttrss "http://127.0.0.1:$TT_PORT/" admin

# Marks made while the server is stopped arrive when it is back.
tt_stop
set_flag "$A4" read 1
set_flag "$A4" starred 0
bsync
check "a sync while the server is down fails (exit 1)" test "$RC" = 1
check "and says the marks wait" grep -q "nothing was lost (2 marks made here wait" "$T_TMP/err"
tt_resume
bsync
check "the server back, the sync exits 0" test "$RC" = 0
check "read while down is read there" test "$(tt_flag "$A4" unread)" = false
check "unstarred while down is unstarred there" test "$(tt_flag "$A4" marked)" = false

# The walk over ids: a server that purged all but its last articles, then ids far apart.
in_feeds() { tt_sql 'SELECT count(*) FROM ttrss_user_entries WHERE feed_id IS NOT NULL;'; }
ins() {	# ins TITLE IDS: articles of the first feed, with these ids (a set of one column)
	tt_sql "INSERT INTO ttrss_entries (id, title, guid, link, updated, content, content_hash, date_entered, date_updated, author) SELECT g, '$1 ' || g, '$1-' || g, 'http://feeds.test/$1/' || g, now(), '<p>s</p>', md5('$1' || g), now(), now(), 'x' FROM $2 AS t(g);" >/dev/null
	tt_sql "INSERT INTO ttrss_user_entries (ref_id, uuid, feed_id, owner_uid, tag_cache, label_cache, unread, marked) SELECT e.id, '', (SELECT min(id) FROM ttrss_feeds), 1, '', '', true, false FROM ttrss_entries e WHERE e.title LIKE '$1 %';" >/dev/null
}
tt_sql "DELETE FROM ttrss_user_entries;" >/dev/null
ins Kept "generate_series(3000001, 3000030)"
bsync "$T_TMP/purged.db"
check "ids purged up to 3,000,000: every article comes" test "$RC" = 0 -a "$(in_feeds)" = 30 -a \
	"$(sqlite3 -batch -noheader "$T_TMP/purged.db" 'SELECT count(*) FROM item;')" = "$(in_feeds)"
ins Sparse "(SELECT 4000000 + 100000 * i FROM generate_series(1, 20) i)"
bsync "$T_TMP/purged.db"
check "ids 100,000 apart after a sync: every article comes" test "$RC" = 0 -a "$(in_feeds)" = 50 -a \
	"$(sqlite3 -batch -noheader "$T_TMP/purged.db" 'SELECT count(*) FROM item;')" = "$(in_feeds)"
bsync "$T_TMP/sparse.db"
check "ids 100,000 apart, a first sync: every article comes" test "$RC" = 0 -a \
	"$(sqlite3 -batch -noheader "$T_TMP/sparse.db" 'SELECT count(*) FROM item;')" = "$(in_feeds)"

check "the password is in no output" no_secret "$TT_PW" "$T_TMP/all-output"
check "nor in the config or the databases" no_secret "$TT_PW" "$CONF" "$DB" "$DB-wal" "$DB2" "$DB2-wal" \
	"$T_TMP/sparse.db"
finish
