# Screen test: mark-all-read and undo, star, toggle-read, search (Chinese and Japanese words).
. tests/cli/lib.sh
. tests/ui/lib.sh

D="$T_TMP/f"
ui_fixture "$D" || { fail "fixture"; finish; }
ui_start "$D/config" "$D/db"

unread_rows() { ui_screen | grep -c "^ 20[0-9-]* N"; }

# Alpha News: four unread.
ui_keys j j Enter
ui_check "Alpha News open" "byline: Alpha News"
[ "$(unread_rows)" = 4 ] && ok "four unread rows" || fail "four unread rows: $(unread_rows)"
ui_keys A
ui_check "A marks the list read and says so" "4 articles marked read"
[ "$(unread_rows)" = 0 ] && ok "no N left after mark-all-read" || fail "N left: $(unread_rows)"
ui_keys u
ui_check "u undoes mark-all-read" "undone: 4 articles unread"
[ "$(unread_rows)" = 4 ] && ok "the four are unread again" || fail "after undo: $(unread_rows)"
ui_keys u
ui_check "a second u has nothing to undo" "nothing to undo"

# toggle-read on one row, undone.
ui_keys g m
ui_check "m marks read" "marked read"
[ "$(unread_rows)" = 3 ] && ok "one row lost its N" || fail "after m: $(unread_rows)"
ui_keys u
ui_check "u undoes toggle-read" "undone: 1 article unread"

# Star: the row shows *, the Starred list has it.
ui_keys j s
ui_check "s stars" "starred"
ui_line_of "Alpha two" | grep -q "\*" && ok "a starred row shows *" || fail "a starred row shows *"
ui_keys q
ui_check "back to feeds" "byline: Feeds"
ui_line_of "Starred" | grep -q " 2 " && ok "Starred counts two" || fail "Starred counts two"
ui_keys g j Enter
ui_check "the Starred list opens" "byline: Starred"
ui_check "the starred article is in it" "Alpha two"
ui_check "and the one starred before" "Beta third"
ui_keys s
ui_check "s on a starred row unstars" "unstarred"
ui_keys q

# Search: a Chinese word from a body, a Japanese word from a title, newest first.
ui_keys /
ui_check "/ opens the search prompt" "Search:"
ui_type "人工智能"
ui_keys Enter
ui_check "search lists matches" "byline: Search: 人工智能"
ui_check "a Chinese word finds its article" "人工智能改变了"
ui_check "one match" "1/1"
ui_keys q /
ui_type "東京"
ui_keys Enter
ui_check "a Japanese word finds its article" "日本語のニュース"
ui_keys q /
ui_type "zzzqqq"
ui_keys Enter
ui_check "no match says so" "nothing matches 'zzzqqq'"
ui_keys q /
ui_type "Alpha"
ui_keys Enter
ui_check "an English word finds five" "1/5"
first=$(ui_screen | grep -n "Alpha one" | cut -d: -f1)
last=$(ui_screen | grep -n "Alpha five" | cut -d: -f1)
[ -n "$first" ] && [ -n "$last" ] && [ "$first" -lt "$last" ] && ok "results newest first" \
	|| fail "results newest first"
ui_keys /
ui_type "abc"
ui_keys Escape
ui_check_gone "Esc cancels the prompt" "Search: abc"
finish
