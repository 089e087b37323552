# Screen test: feeds managed from the reader: a (add-feed with discovery, in the background), e (edit-feed), D + u (delete and undo), reload-config and SIGHUP; the config kept byte for byte.
. tests/http/lib.sh
. tests/ui/lib.sh
trap 'ui_stop; stop_server; rm -rf "$T_TMP"' EXIT

start_server
gen_feed one.xml rss 3 first
gen_feed blog.xml rss 4 post
gen_feed blog.atom atom 2 entry
cat >"$DOC/two.html" <<HTML
<html><head>
<link rel="alternate" type="application/rss+xml" href="/f/blog.xml">
<link rel="alternate" type="application/atom+xml" href="/f/blog.atom">
</head><body></body></html>
HTML
cat >"$CONF" <<EOF2
# my feeds
set timeout 2
set refresh-on-start no
set layout list

feed $BASE/f/one.xml news   # the first
# the end
EOF2
cp "$CONF" "$T_TMP/before"
$BYLINE refresh -c "$CONF" -d "$DB" >/dev/null 2>&1

ui_start "$CONF" "$DB"
ui_check "the reader shows the configured feed" "RSS first"

# a: a page that links two feeds; the reader keeps working while it looks
ui_keys a
ui_check "a asks for an address" "Add a feed (the address of any page"
ui_type "$BASE/slow/two.html tech"
ui_keys Enter
ui_check "it says it is looking" "looking for feeds at"
ui_keys j
ui_check "keys work while it looks (the cursor moved)" "RSS first"
ui_check "both feeds are offered" "2 feeds: 1 RSS post 2 Atom entry. Which?"
ui_type "2"
ui_keys Enter
ui_check "the chosen feed is added and refreshed in the background" "refreshed 1 feed: 2 new articles"
ui_check_re "its articles are counted" "2/2 +Atom entry"
check "the config got exactly one line more, at the end" \
	test "$(head -n 7 "$CONF" | cmp - "$T_TMP/before" && tail -n 1 "$CONF")" = "feed $BASE/f/blog.atom tech"

# a: nothing there, said in words
ui_keys a
ui_type "$BASE/status/404"
ui_keys Enter
ui_check "a page that is not there: said" "answered 404"

# e: the line edited in place, its comment kept
ui_keys g j j
ui_check "the first feed is selected" "RSS first"
ui_keys e
ui_check "e shows the feed's line" "Edit: feed $BASE/f/one.xml news"
ui_type ' title="Renamed" interval=2h'
ui_keys Enter
ui_check "the edited title shows" "Renamed"
check "the line changed in place, its comment kept" \
	test "$(sed -n 6p "$CONF")" = "feed $BASE/f/one.xml news title=\"Renamed\" interval=2h   # the first"
check "the other lines are as they were" \
	test "$(sed 6d "$CONF" | head -n 6 | cmp - "$(sed 6d "$T_TMP/before" >"$T_TMP/b6"; echo "$T_TMP/b6")" && echo same)" = same
cp "$CONF" "$T_TMP/edited"

# D asks, then deletes; u brings it back with its articles and marks
$BYLINE list -c "$CONF" -d "$DB" >/dev/null
mark_read "$BASE/f/one.xml" "first 2"
ui_keys D
ui_check "D asks first" "Delete Renamed? y deletes"
ui_keys Escape
ui_check "Esc keeps it" "nothing deleted"
ui_keys D
ui_type y
ui_keys Enter
ui_check "D + y deletes" "deleted $BASE/f/one.xml (line 6); u undoes it"
ui_check_gone "the feed is gone from the list" "Renamed"
check "its line is gone from the config" sh -c "! grep -q one.xml '$CONF'"
ui_keys u
ui_check "u brings it back" "is back on line 6, with its articles and marks"
ui_check "the feed is listed again" "Renamed"
check "the config is byte for byte what it was before D" cmp -s "$CONF" "$T_TMP/edited"
check "its read mark is kept" test "$(is_read "$BASE/f/one.xml" "first 2")" = 1

# reload-config (C-r) and SIGHUP: a hand edit while the reader runs
echo "feed $BASE/f/blog.xml" >>"$CONF"
ui_keys C-r
ui_check "C-r reloads the config" "config reloaded from $CONF: 3 feeds"
ui_check "the hand-added feed is listed" "$BASE/f/blog.xml"
sed -i '$d' "$CONF"
pid=$(ui_children $(ui_tmux list-panes -a -F '#{pane_pid}') | head -n 1)
kill -HUP $pid 2>/dev/null
ui_check "SIGHUP reloads it too" "config reloaded from $CONF: 2 feeds"
echo "bogus line" >>"$CONF"
ui_keys C-r
ui_check "a config with a mistake is not taken, and why is said" "the config was not reloaded: $CONF:9: unknown line 'bogus'"
ui_check "the reader goes on with the old one" "Renamed"
ui_keys Q
ui_check "the reader quits normally after all this" "BYLINE-EXITED 0"
finish
