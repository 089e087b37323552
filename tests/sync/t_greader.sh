# Sync with a real FreshRSS through the Google Reader API: both ways, checked through its API and a second byline.
. tests/sync/lib.sh
need_servers "greader sync"

sync_feed tech1 5 "Tech one"
sync_feed tech2 4 "Tech two"
sync_feed news1 3 "新闻"
FRSS_FEEDS="Tech tech1 Tech tech2 新闻 news1"
start_freshrss
pwfile "$FRSS_PW"
sync_config greader "$GR" alice
DB2="$T_TMP/second.db"

subs_hold() { gr "subscription/list?output=json" | grep -q -- "$1"; }
subs_lack() { ! subs_hold "$1"; }
failed_saying() { test "$RC" = 1 && grep -q -- "$1" "$T_TMP/err"; }

bsync
check "first sync exits 0" test "$RC" = 0
check "the summary names the server and the feeds" grep -q "synced with $GR: 3 feeds (3 new" "$T_TMP/out"
check "every subscription is a feed" test "$(q 'SELECT count(*) FROM sync_feed;')" = 3
check "every article came in one stream" test "$(q 'SELECT count(*) FROM item;')" = 12
check "the feed's title is the server's" test "$(q "SELECT title FROM feed WHERE url LIKE '%news1.xml';")" = news1
check "a folder is the feed's tag (Chinese too)" test "$(feed_tags news1.xml)" = 新闻
check "articles are unread as on the server" test "$(q 'SELECT count(*) FROM item_state WHERE read = 0;')" = 12

# Read here -> read there.
id=$(remote_of "Tech one 3")
set_flag "Tech one 3" read 1
set_flag "Tech one 4" starred 1
check "a mark made here is queued" test "$(queued)" = 2
bsync
check "sync with marks exits 0" test "$RC" = 0
check "the queue is empty once sent" test "$(queued)" = 0
check "read here is read there (API)" not_listed "$(gr_unread_ids)" "$id"
check "starred here is starred there (API)" listed "$(gr_starred_ids)" "$(remote_of 'Tech one 4')"
bsync "$DB2"
check "a second byline syncs" test "$RC" = 0
check "read here is read in the second byline" test "$(flag_of 'Tech one 3' read "$DB2")" = 1
check "starred here is starred in the second byline" test "$(flag_of 'Tech one 4' starred "$DB2")" = 1
check "both databases hold the article under one id" test "$(remote_of 'Tech one 3' "$DB2")" = "$id"

# Starred and unread there -> here.
gr_post edit-tag "i=$(remote_of 'Tech two 2')&a=user/-/state/com.google/starred" >/dev/null
gr_post edit-tag "i=tag:google.com,2005:reader/item/$(printf '%016x' "$id")&r=user/-/state/com.google/read" >/dev/null
bsync
check "starred there is starred here" test "$(flag_of 'Tech two 2' starred)" = 1
check "unread there (long-form id) is unread here" test "$(flag_of 'Tech one 3' read)" = 0
check "the server's changes are counted" grep -q "2 flags changed by the server" "$T_TMP/out"
bsync "$DB2"
check "starred there is starred in the second byline" test "$(flag_of 'Tech two 2' starred "$DB2")" = 1
set_flag "Tech two 2" starred 0 "$DB2"
bsync "$DB2"
bsync
check "unstarred in the second byline is unstarred here" test "$(flag_of 'Tech two 2' starred)" = 0

# A feed subscribed there appears here with its folder.
sync_feed later 2 "Later"
out=$(gr_post subscription/quickadd "quickadd=$BASE/f/later.xml")
stream=$(printf '%s' "$out" | $PY -c 'import json, sys; print(json.load(sys.stdin)["streamId"])')
gr_post subscription/edit "ac=edit&s=$stream&a=user/-/label/Podcasts" >/dev/null
frss_actualize
bsync
check "a feed subscribed there is a feed here" test "$(q "SELECT count(*) FROM feed WHERE url LIKE '%later.xml';")" = 1
check "with its folder as a tag" test "$(feed_tags later.xml)" = Podcasts
check "and its articles" test "$(q "SELECT count(*) FROM item WHERE title LIKE 'Later %';")" = 2

# Subscribe and unsubscribe from here (byline add/remove in sync mode).
sync_feed mine 3 "Mine"
bsync "$DB" --subscribe "$BASE/f/mine.xml" --folder "Own & Co"
check "--subscribe exits 0" test "$RC" = 0
check "subscribed here is subscribed there (API)" subs_hold mine.xml
check "in its folder there" subs_hold "Own & Co"
check "and a feed here, with the folder as its tag" test "$(feed_tags mine.xml)" = "Own & Co"
bsync "$DB" --unsubscribe "$BASE/f/later.xml"
check "--unsubscribe exits 0" test "$RC" = 0
check "unsubscribed here is gone there (API)" subs_lack later.xml
check "and gone here" test "$(q "SELECT count(*) FROM feed WHERE url LIKE '%later.xml';")" = 0
bsync "$DB" --unsubscribe "$BASE/f/never.xml"
check "unsubscribing from a feed the server does not have says so" failed_saying "not one of the server"

# A sync with nothing new: a handful of small requests, through a logging proxy.
start_proxy "http://127.0.0.1:$FRSS_PORT"
sync_config greader "$PROXY/api/greader.php" alice
rm -f "$DB2" "$DB2-wal" "$DB2-shm"
bsync "$DB2"
bsync "$DB2"
: >"$PROXY_LOG"
bsync "$DB2"
n=$(wc -l <"$PROXY_LOG")
echo "# a sync with nothing new: $n requests"
check "a sync with nothing new makes at most 5 requests" test "$n" -le 5
check "it says nothing changed" grep -q " 0 new articles, 0 marks sent, 0 flags changed" "$T_TMP/out"
check "the password never goes into a URL" no_secret "$FRSS_PW" "$PROXY_LOG"
sync_config greader "$GR" alice

# Marks made while the server is stopped arrive when it is back.
frss_stop
set_flag "Tech one 1" read 1
set_flag "Tech one 2" read 1
set_flag "Tech two 1" starred 1
bsync
check "a sync while the server is down fails (exit 1)" test "$RC" = 1
check "it says it could not connect" grep -q "could not connect" "$T_TMP/err"
check "and that the marks wait" grep -q "nothing was lost (3 marks made here wait for the next sync)" "$T_TMP/err"
bsync
check "they wait through a second failed sync" test "$(queued)" = 3
frss_resume
bsync
check "the server back, the sync exits 0" test "$RC" = 0
check "the marks went out" grep -q "3 marks sent" "$T_TMP/out"
check "read while down is read there" not_listed "$(gr_unread_ids)" "$(remote_of 'Tech one 2')"
check "starred while down is starred there" listed "$(gr_starred_ids)" "$(remote_of 'Tech two 1')"
bsync
check "each mark was sent once" grep -q " 0 marks sent" "$T_TMP/out"

# The password: never in any output, the config, the database, its WAL.
check "the password is in no output" no_secret "$FRSS_PW" "$T_TMP/all-output"
check "nor in the config or the databases" no_secret "$FRSS_PW" "$CONF" "$DB" "$DB-wal" "$DB2" "$DB2-wal"
finish
