# Screen test: the tags view (Tab, t): feeds by tag with counts, tag paths indented, a tag's
# articles as one list (n, A, u), failing feeds first with the reason a real refresh gave;
# the feeds view and a long status line at 40 columns.
. tests/http/lib.sh
. tests/ui/lib.sh
trap 'ui_stop; stop_server; rm -rf "$T_TMP"' EXIT

start_server
gen_feed a.xml rss 3 "alpha"
gen_feed b.xml rss 2 "beta"
gen_feed c.xml rss 4 "gamma"
config "set refresh-on-start no
set layout list
feed $BASE/f/a.xml 科技/AI en title=\"Alpha a feed whose title is far too long for forty columns\"
feed $BASE/f/b.xml 科技
feed $BASE/f/c.xml
feed $BASE/f/missing.xml en title=\"Missing\""
refresh
check "the refresh saw the missing feed fail" grep -q "missing.xml: server answered 404" "$T_TMP/err"

# display_col TEXT LINE: the display column where TEXT starts in LINE (CJK counts two).
display_col() {
	python3 -c 'import sys, unicodedata as u
line, t = sys.argv[2], sys.argv[1]
print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in line[:line.index(t)]))' "$1" "$2"
}

ui_start "$CONF" "$DB"
ui_keys Tab
ui_check "Tab opens the tags view" "byline: Tags"
ui_check_re "failing feeds come first, grouped" "^Failed +1 feed +0/0"
ui_check_re "the failing feed with the refresh's reason" "! Missing +server answered 404 Not Found"
ui_check_re "a tag with its feed count and unread/total" "^科技 +2 feeds +5/5"
ui_check_re "a tag path is indented under its parent" "^  AI +1 feed +3/3"
ui_check_re "en counts both its feeds" "^en +2 feeds +3/3"
ui_check_re "feeds without a tag under (no tag)" "^\(no tag\) +1 feed +4/4"
l1=$(ui_line_of "科技 ") l2=$(ui_line_of "(no tag)")
check "CJK tag names align: the counts stand in one column" \
	test "$(display_col "feed" "$l1")" = "$(display_col "feed" "$l2")"
ui_keys j
ui_check "the status line gives the failing feed's address, reason and since when" \
	"missing.xml: server answered 404 Not Found (failing since"
ui_check "and when it last succeeded" "success never)"

# Enter on a tag: every article of its feeds (its sub-tags' too), one list.
ui_keys j j
ui_check "the tag's status line" "科技: 2 feeds, 5 unread of 5"
ui_keys Enter
ui_check "Enter opens the tag's articles" "byline: 科技 (2 feeds)"
ui_check "the list holds the first feed's articles" "alpha 1"
ui_check "and the second feed's" "beta 1"
ui_check "5 articles in it" "1/5"
ui_keys n
ui_check "n goes to the next unread" "2/5"
ui_keys A
ui_check "A marks the tag's articles read" "5 articles marked read (u undoes)"
ui_keys q
ui_check_re "the tag's count follows" "^科技 +2 feeds +0/5"
ui_check_re "a tag sharing a feed follows too" "^en +2 feeds +0/3"
ui_keys u
ui_check_re "u undoes the mark" "^科技 +2 feeds +5/5"
ui_keys t
ui_check "t goes back to the feeds view" "byline: Feeds (4)"
ui_keys t
ui_check "t opens the tags view from the feeds view" "byline: Tags"
ui_keys q

# 40 columns: the title gets the room, cut with an ellipsis; the failing feed is marked.
ui_resize 40 20
ui_check "the feeds view at 40 columns" "byline: Feeds (4)"
ui_check_re "a long title is cut with an ellipsis, counts compact" "^  Alpha a feed whose title is far t… +3/3$"
ui_check_re "a failing feed is marked" "^! Missing +0/0$"
ui_screen | grep -q "科技" && fail "no tags at 40 columns (the tags view has them)" \
	|| ok "no tags at 40 columns (the tags view has them)"
ui_keys G
# The status line wraps at word boundaries over several rows; the list makes room.
ui_wait "missing.xml:" 
last=$(ui_screen | tail -n 3 | tr '\n' ' ')
contains "$last" "server answered 404 Not Found" && ok "a long status line wraps whole words over rows" \
	|| fail "a long status line wraps whole words over rows: $(ui_screen | tail -n 3)"
ui_row 19 | grep -q "missing.xml:" && ok "the status line takes the list's last row for it" \
	|| fail "the status line takes the list's last row for it: $(ui_screen | sed 's/^/# /')"
ui_stop

# A CJK reason and a long English one, wrapped at 40 columns: whole words, no row past 40 columns.
sqlite3 "$DB" "UPDATE feed SET last_error = '服务器拒绝了连接请求，请检查订阅地址是否正确，或者稍后再试一次' WHERE url LIKE '%missing.xml';
UPDATE feed SET last_error = 'the server answered with a document that is not a feed at all, parse error at line 3' WHERE url LIKE '%c.xml'"
UI_COLS=40 UI_ROWS=20 ui_start "$CONF" "$DB"
ui_keys G
ui_check "the CJK reason shows" "务器拒绝了连接"
ui_check "its end shows too, on a row of its own" "次"
wide=$(ui_screen | python3 -c 'import sys, unicodedata as u
print(max(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in sys.stdin))')
check "no row is wider than 40 columns ($wide)" test "$wide" -le 40
ui_keys k
ui_check "the English reason shows" "parse error at line 3"
ok_words=1
for w in $(ui_screen | tail -n 3); do
	case " the server answered with a document that is not a feed at all, parse error at line 3 $BASE/f/c.xml: " in
	*" $w "*) ;;
	*) ok_words=0; echo "# cut word: $w" ;;
	esac
done
check "no word is cut at the row's end" test "$ok_words" = 1
ui_stop

# A sync server's folders are tags as well (sync_feed.tags, one a line): of a feed the
# config names (c.xml, untagged there) and of a synced feed it does not name (d.xml).
gen_feed d.xml rss 2 "delta"
printf 'set timeout 2\nfeed %s/f/d.xml\n' "$BASE" >"$T_TMP/other.conf"
$BYLINE refresh -c "$T_TMP/other.conf" -d "$DB" >/dev/null 2>&1
q "INSERT INTO sync_feed (feed_id, remote, tags) SELECT id, 'feed/3', 'News' FROM feed WHERE url LIKE '%/c.xml';
INSERT INTO sync_feed (feed_id, remote, tags) SELECT id, 'feed/4', 'News' || char(10) || '科技' FROM feed WHERE url LIKE '%/d.xml';"
ui_start "$CONF" "$DB"
ui_keys Tab
ui_check_re "a server's folder is a tag, over a config feed and a synced one" "^News +2 feeds +6/6"
ui_check_re "a folder joins the config's tag of the same name" "^科技 +3 feeds +7/7"
ui_screen | grep -q "(no tag)" && fail "a feed the server files is no longer untagged" \
	|| ok "a feed the server files is no longer untagged"
ui_keys q
ui_keys /
ui_type "tag:news"
ui_keys Enter
ui_check "tag: finds the articles of both (search)" "1/6"
ui_check "the synced feed's articles among them" "delta 1"
ui_stop
n=$($BYLINE list -c "$CONF" -d "$DB" --query 'tag:NEWS' | wc -l)
check "byline list --query tag: sees the server's folders ($n)" test "$n" = 6
n=$($BYLINE list -c "$CONF" -d "$DB" --query 'tag:科技' | wc -l)
check "and the config's tags with them, each feed once ($n)" test "$n" = 7
finish
