# The killfile against a real refresh: an article matching `ignore title:sponsored` is stored hidden, and shown again when the line goes.
. tests/http/lib.sh

start_server

printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Kill</title>
<item><guid>k1</guid><title>Good news</title><link>http://example.org/1</link></item>
<item><guid>k2</guid><title>Sponsored: buy this</title><link>http://example.org/2</link></item>
</channel></rss>\n' >"$DOC/kill.xml"

config "feed $BASE/f/kill.xml" "ignore title:sponsored"
refresh
check "the refresh succeeds" test "$RC" = 0
$BYLINE list -c "$CONF" -d "$DB" >"$T_TMP/list"
check "list shows the other article" grep -q "Good news" "$T_TMP/list"
check "... and not the ignored one" sh -c "! grep -q Sponsored '$T_TMP/list'"
$BYLINE list -c "$CONF" -d "$DB" --ignored --json >"$T_TMP/ign"
check "list --ignored shows it with its rule" grep -q '"title":"Sponsored: buy this".*"rule":"title:sponsored"' "$T_TMP/ign"
check "the feed counts one article, unread" test "$(q 'SELECT n_total, n_unread FROM feed')" = "1|1"

refresh
check "the next refresh adds nothing new" test "$(q 'SELECT count(*) FROM item')" = 2
check "... and the counts stay" test "$(q 'SELECT n_total, n_unread FROM feed')" = "1|1"

config "feed $BASE/f/kill.xml"
$BYLINE list -c "$CONF" -d "$DB" >"$T_TMP/list"
check "with the line removed, the article shows again" grep -q "Sponsored: buy this" "$T_TMP/list"
check "... and is counted, unread" test "$(q 'SELECT n_total, n_unread FROM feed')" = "2|2"
check "... and nothing is hidden any more" test "$(q 'SELECT count(*) FROM item_hidden')" = 0
finish
