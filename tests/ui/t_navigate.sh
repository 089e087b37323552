# Screen test: feeds, an article list, an article, back, positions, next-unread across feeds, help, Q.
. tests/cli/lib.sh
. tests/ui/lib.sh

D="$T_TMP/f"
ui_fixture "$D" || { fail "fixture"; finish; }
ui_start "$D/config" "$D/db"

ui_check "feeds view lists the virtual lists first" "All unread"
ui_line_of "All unread" | grep -q "13/14" && ok "All unread shows 13/14" || fail "All unread shows 13/14"
[ "$(ui_row 2 | grep -c 'All unread')" = 1 ] && [ "$(ui_row 3 | grep -c Starred)" = 1 ] \
	&& ok "All unread, then Starred, at the top" || fail "All unread, then Starred, at the top"
ui_line_of "Alpha News" | grep -q "4/5" && ok "a feed shows unread/total" || fail "a feed shows unread/total"
ui_line_of "Alpha News" | grep -q "\[en\]" && ok "a feed shows its tags" || fail "a feed shows its tags"
ui_line_of "Broken feed" | grep -q "^!" && ok "a failed feed is marked !" || fail "a failed feed is marked !"
ui_screen | grep -n "" | grep -E "Alpha News|Beta Blog" | cut -d: -f1 | tr '\n' ' ' | grep -q "^4 8 $" \
	&& ok "feeds in config order" || fail "feeds in config order"

# The error of a failed feed shows when it is selected.
ui_keys j j j j j
ui_check "selecting a failed feed shows its error" "HTTP 404 Not Found"

# Open Alpha News, then its first article.
ui_keys g j j Enter
ui_check "Enter opens the feed's articles" "byline: Alpha News"
ui_line_of "Alpha one" | grep -q " N " && ok "unread articles carry N" || fail "unread articles carry N"
ui_line_of "Alpha five" | grep -q " N " && fail "read article without N" || ok "read article without N"
ui_keys Enter
ui_check "Enter opens the article" "Title:  Alpha one"
ui_check "the article shows its feed" "Feed:   Alpha News"
ui_check "the article shows its body" "Body of alpha one."
ui_check "the article lists its links, numbered" "[1] https://example.org/a0"
ui_check "the article shows its link" "Link:   https://example.org/"

# Back: the article is read now, the cursor is still on it.
ui_keys q
ui_check "q goes back to the list" "byline: Alpha News"
ui_line_of "Alpha one" | grep -q " N " && fail "opening marked the article read" \
	|| ok "opening marked the article read"
ui_check "the cursor stays on the article" "1/5"
ui_keys j j
ui_check "j moves down" "3/5"
ui_keys q
ui_check "back in the feeds view" "byline: Feeds"
ui_line_of "Alpha News" | grep -q "3/5" && ok "feed counts follow" || fail "feed counts follow"
ui_keys Enter
ui_check "the list remembers its position" "3/5"

# next-unread from the article view crosses into the next feed with unread articles.
ui_keys G k Enter
ui_check "open the last unread of Alpha" "Title:  Alpha four"
ui_keys n
ui_check "n crosses to the next feed" "Feed:   科技新闻 Tech"
ui_check "n opens its first unread article" "Title:  人工智能改变了我们的生活方式"
ui_keys p
ui_check "p goes back to the previous unread" "Title:  Alpha three"

# Help is generated from the action table with the current keys.
ui_keys q '?'
ui_check "? opens help" "Help: keys of the articles view"
ui_line_of "next-unread" | grep -q " n " && ok "help shows next-unread on n" \
	|| fail "help shows next-unread on n"
ui_line_of "page-down" | grep -q "Space, PgDn" && ok "help lists every key of an action" \
	|| fail "help lists every key of an action"
ui_keys q
ui_check "q leaves help" "byline: Alpha News"
ui_keys q g n
ui_check "n in the feeds view opens the first feed with unread articles" "byline: Alpha News"
ui_keys q q
ui_check "q in the feeds view quits" "BYLINE-EXITED 0"
ui_stop

# Q quits from anywhere, not only from the feeds view: here from an open article.
ui_start "$D/config" "$D/db"
ui_keys j j Enter Enter
ui_check "an article is open before Q" "Title:  Alpha one"
ui_keys Q
ui_check "Q in an article quits the reader, exit status 0" "BYLINE-EXITED 0"
ui_screen | grep -q "Title:  Alpha one" && fail "Q put the reader's screen away: the article is still shown" \
	|| ok "Q put the reader's screen away"
ui_stop

# An action the view on top has no handler for says so on the status line; a view's own
# handler comes before the action's (help again leaves the help; Enter in an article is nothing).
ui_start "$D/config" "$D/db"
ui_keys m
ui_check "toggle-read in the feeds view: it works on articles" "toggle-read works on articles"
ui_keys z
ui_check "an unbound key says so" "z does nothing here (? shows the keys)"
ui_keys j j Enter Enter
ui_check "an article is open" "Title:  Alpha one"
ui_keys A
ui_check "mark-all-read does nothing in the article view" \
	"mark-all-read does nothing in the article view"
ui_keys Enter
ui_check_gone "Enter in an open article is quietly nothing" "does nothing"
ui_check "the article stays open" "Title:  Alpha one"
ui_keys '?'
ui_check "? in the article opens its help" "Help: keys of the article view"
ui_keys Enter
ui_check "Enter in the help stays in the help" "Help: keys of the article view"
ui_keys '?'
ui_check "? again leaves the help" "Title:  Alpha one"
finish
