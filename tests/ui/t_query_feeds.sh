# Screen test: query lines of the config are virtual feeds: counts, Enter, A and undo, counts kept during a refresh; a bad line.
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

# A query line that is wrong: every command says where and why, and does nothing.
config "query \"Bad\" unread (feeda$feeds"
$BYLINE list -c "$CONF" -d "$DB" >"$T_TMP/out" 2>"$T_TMP/err"
check "a bad query line is a config error" test $? = 1 -a ! -s "$T_TMP/out"
line=$(grep -n '^query "Bad"' "$CONF" | cut -d: -f1)
check "naming the line, the column and the reason" \
	grep -qF "$CONF:$line: column 20: this \"(\" is not closed" "$T_TMP/err"

for f in a b c d e f; do gen_feed $f.xml rss 10 "feed$f"; done
config "set max-connections 1
set refresh-on-start no
set layout list
query \"Unread of a and b\" unread (feed:feeda OR feed:feedb)  # a comment
query \"Nothing\" zzzqqq$feeds"
ui_start "$CONF" "$DB"
ui_wait_re "10/10 +Unread of a and b" && ok "a query line is a virtual feed with its counts" \
	|| fail "a query line is a virtual feed with its counts: $(ui_line_of "Unread of a")"
ui_check "beside All unread and Starred" "Nothing"
ui_row 2 | grep -q "All unread" && ui_row 4 | grep -q "Unread of a and b" \
	&& ok "after the two built-in lists, in config order" \
	|| fail "after the two built-in lists: $(ui_screen | sed -n 3,8p)"
ui_keys j j Enter
ui_check "Enter opens it" "byline: Unread of a and b"
ui_check "with its ten articles" "1/10"
ui_keys q
ui_keys A
ui_check "A marks its articles read" "10 articles of Unread of a and b marked read"
ui_wait_re " 0/0 +Unread of a and b" && ok "and its count follows" \
	|| fail "and its count follows: $(ui_line_of "Unread of a")"
ui_keys u
ui_check "u undoes it" "undone: 10 articles unread"
ui_wait_re "10/10 +Unread of a and b" && ok "the count is back" \
	|| fail "the count is back: $(ui_line_of "Unread of a")"

# Five newer articles per feed, one slow transfer at a time: the count grows during the refresh.
ui_keys R
ui_wait_re "refreshing [0-5]/6 feeds" && ok "a refresh runs in the background" \
	|| fail "a refresh runs in the background: $(ui_screen | tail -n 1)"
ui_wait_re "1[1-9]/1[1-9] +Unread of a and b" \
	&& ui_screen | tail -n 1 | grep -q "refreshing" \
	&& ok "the virtual feed's count grows while the refresh runs" \
	|| fail "the virtual feed's count grows while the refresh runs: $(ui_line_of "Unread of a"); $(ui_screen | tail -n 1)"
ui_check "the end of the refresh is reported" "refreshed 6 feeds: 30 new articles"
ui_wait_re "20/20 +Unread of a and b" && ok "and it counts every new article of a and b" \
	|| fail "and it counts every new article of a and b: $(ui_line_of "Unread of a")"
finish
