# Screen test: refresh in the reader's loop against a loopback server: progress, keys, lists in place, r for one feed.
. tests/http/lib.sh
. tests/ui/lib.sh
trap 'ui_stop; stop_server; rm -rf "$T_TMP"' EXIT

start_server
for f in a b c d e f; do gen_feed $f.xml rss 5 "feed$f"; done
feeds=""
for f in a b c d e f; do feeds="$feeds
feed $BASE/slow/$f.xml"; done
config "set max-connections 6$feeds"
refresh
check "the database starts with 30 articles" test "$(q 'SELECT count(*) FROM item')" = 30

# Five newer articles per feed; one transfer at a time, half a second each: 3 s of refresh.
for f in a b c d e f; do gen_feed $f.xml rss 10 "feed$f"; done
config "set max-connections 1
set refresh-on-start no
set layout list$feeds"
ui_start "$CONF" "$DB"
ui_keys j j Enter
ui_check "feed a is open" "feeda 5"
ui_keys j j
ui_check "the cursor is on the third article" "3/5"
ui_keys R
ui_wait_re "refreshing [0-5]/6 feeds" && ok "R shows refresh progress on the status line" \
	|| fail "R shows refresh progress on the status line: $(ui_screen | tail -n 1)"
ui_keys k
ui_check "keys work during the refresh" "2/5"
ui_screen | tail -n 1 | grep -q "refreshing [0-5]/6" && ok "the refresh is still running then" \
	|| fail "the refresh is still running then: $(ui_screen | tail -n 1)"
ui_wait_re "refreshing [1-5]/6 feeds, [1-9][0-9]* new" && ok "progress moves" \
	|| fail "progress moves: $(ui_screen | tail -n 1)"
ui_check "the list grows in place while refreshing" "feeda 10"
ui_check "the cursor stays on the same article, now further down" "7/10"
ui_check "the end of the refresh is reported" "refreshed 6 feeds: 30 new articles"
ui_keys Enter
ui_check "the selected article is still the one chosen before" "Title:  feeda 4"
ui_keys q q
ui_wait_re "10/10 +RSS feedb" && ok "the feeds view counts the new articles" \
	|| fail "the feeds view counts the new articles: $(ui_line_of "RSS feedb")"
ui_stop

# refresh-interval: the reader refreshes every 2 s by itself, no key pressed; keys keep
# working during it and the cursor stays on its article as the list grows.
config "set max-connections 1
set refresh-on-start no
set refresh-interval 2s
set layout list$feeds"
ui_start "$CONF" "$DB"
ui_check "an automatic refresh runs without a key" "refreshed 6 feeds: 0 new articles"
ui_keys j j Enter
ui_check "feed a is open" "feeda 10"
ui_keys j j
ui_check "the cursor is on the third article" "3/10"
# Five newer articles per feed, each file replaced whole (the server may be reading it).
for f in a b c d e f; do gen_feed $f.xml.new rss 15 "feed$f"; mv "$DOC/$f.xml.new" "$DOC/$f.xml"; done
ui_wait_re "refreshing [0-5]/6 feeds" 20 && ok "the next automatic refresh starts by itself" \
	|| fail "the next automatic refresh starts by itself: $(ui_screen | tail -n 1)"
ui_keys k
ui_wait_re "^(2/10|7/15) " && ok "keys work during the automatic refresh" \
	|| fail "keys work during the automatic refresh: $(ui_screen | tail -n 1)"
ui_check "the list grows in place" "feeda 15"
ui_check "the cursor stays on its article, further down" "7/15"
ui_keys Enter
ui_check "the selected article is the one chosen before" "Title:  feeda 9"
ui_keys q q
ui_wait_re "15/15 +RSS feedf" 20 && ok "every feed came in, counted in the feeds view" \
	|| fail "every feed came in, counted in the feeds view: $(ui_line_of "RSS feedf")"
ui_stop

# r refreshes only the feed at hand: the selected one in the feeds view, the open list's
# feed, the open article's feed. Feeds a to d have five newer articles each on the server;
# each r must bring in its own feed's and leave the others' where they are.
for f in a b c d; do gen_feed $f.xml.new rss 20 "feed$f"; mv "$DOC/$f.xml.new" "$DOC/$f.xml"; done
config "set max-connections 6
set refresh-on-start no
set refresh-interval 0
set layout list$feeds"
ui_start "$CONF" "$DB"
ui_wait_re "/15 +RSS feedd" || fail "the feeds view before r: $(ui_line_of "RSS feedd")"
nb=$(requests /slow/b.xml)
ui_keys j j r
ui_check "r in the feeds view refreshes one feed" "refreshed 1 feed: 5 new articles"
ui_check_re "r in the feeds view: the selected feed's new articles came in" "/20 +RSS feeda"
ui_wait_re "/15 +RSS feedb" && ok "r in the feeds view: another feed's did not" \
	|| fail "r in the feeds view: another feed's did not: $(ui_line_of "RSS feedb")"
[ "$(requests /slow/b.xml)" = "$nb" ] && ok "r in the feeds view: no request for another feed" \
	|| fail "r in the feeds view: no request for another feed: $(requests /slow/b.xml) requests for b"
ui_keys j Enter
ui_check "feed b is open" "byline: RSS feedb"
ui_check "feed b has its 15 articles" "feedb 15"
ui_keys r
ui_check "r in an article list refreshes one feed" "refreshed 1 feed: 5 new articles"
ui_check "r in an article list: the list's feed grows" "feedb 20"
ui_keys q j Enter Enter
ui_check "an article of feed c is open" "Feed:   RSS feedc"
ui_keys r
ui_check "r in an article refreshes one feed" "refreshed 1 feed: 5 new articles"
ui_keys q q
ui_check_re "r in an article: its feed's new articles came in" "/20 +RSS feedc"
ui_wait_re "/15 +RSS feedd" && ok "after three r, a fourth feed got nothing" \
	|| fail "after three r, a fourth feed got nothing: $(ui_line_of "RSS feedd")"
[ "$(item_count "$BASE/slow/d.xml")" = 15 ] && ok "and its new articles are not stored" \
	|| fail "and its new articles are not stored: $(item_count "$BASE/slow/d.xml")"
ui_keys R
ui_check "R then refreshes every feed" "refreshed 6 feeds: 5 new articles"
ui_check_re "R brings in the fourth feed's" "/20 +RSS feedd"
ui_stop

# refresh-on-start: the reader refreshes by itself, and a feed that fails is marked.
config "set max-connections 6
set refresh-on-start yes$feeds
feed $BASE/status/404"
ui_start "$CONF" "$DB"
ui_check "refresh on start, with a failure" "1 failed"
ui_line_of "/status/404" | grep -q "^!" && ok "the failed feed is marked" \
	|| fail "the failed feed is marked: $(ui_line_of /status/404)"
ui_stop

# keep-days: old articles that cannot be removed (a trigger of the test's refuses it) are told.
q "UPDATE item SET first_seen = 0;
   CREATE TRIGGER test_no_delete BEFORE DELETE ON item
   BEGIN SELECT RAISE(ABORT, 'the test refuses to delete'); END;"
config "set refresh-on-start yes
set keep-days 1$feeds"
ui_start "$CONF" "$DB"
ui_check "old articles not removed: the status line says so" "could not remove the articles older"
q "DROP TRIGGER test_no_delete;"
finish
