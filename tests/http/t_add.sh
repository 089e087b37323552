# byline add / remove against the loopback server: a feed, a page that links one, several, none, the usual places, a redirect; the config kept byte for byte.
. tests/http/lib.sh

start_server
gen_feed blog.xml rss 4 post
gen_feed blog.atom atom 2 entry
cat >"$DOC/one.html" <<HTML
<!doctype html><html><head><title>A blog</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Posts" href="/f/blog.xml">
</head><body><p>hello</p></body></html>
HTML
cat >"$DOC/two.html" <<HTML
<html><head><base href="$BASE/f/">
<link rel="alternate" type="application/rss+xml" href="blog.xml">
<link rel="alternate" type="application/atom+xml" href="blog.atom">
</head><body></body></html>
HTML
printf '<html><head><title>nothing</title></head><body>no feeds</body></html>\n' >"$DOC/none.html"

# A config with comments, blank lines and an order of its own.
cat >"$CONF" <<EOF2
# my feeds
set timeout 2

feed $BASE/f/other.xml   news   # the news
   # indented comment

set max-size 1M
EOF2
chmod 640 "$CONF"
cp "$CONF" "$T_TMP/before"
gen_feed other.xml rss 1 other

add() {	# add ARGS...: byline add with the test config and database; RC, out, err
	$BYLINE add -c "$CONF" -d "$DB" "$@" </dev/null >"$T_TMP/out" 2>"$T_TMP/err"
	RC=$?
}
out_has() { grep -qF -- "$1" "$T_TMP/out"; }

# a feed's own address: previewed and added, tags and title kept
add "$BASE/f/blog.xml" tech "科技/AI" 'title=My "blog"'
check "add a feed: exit 0" test "$RC" = 0
check "the preview names the feed and its article count" out_has "RSS post (rss, 4 articles, newest 2026-01-05)"
check "the preview lists the first titles" out_has "· post 4"
check "the new line is the config's last, tags and title quoted as needed" \
	test "$(tail -n 1 "$CONF")" = "feed $BASE/f/blog.xml tech 科技/AI title=\"My \\\"blog\\\"\""
check "every other byte of the config is as it was" \
	test "$(head -n "$(wc -l <"$T_TMP/before")" "$CONF" | cmp - "$T_TMP/before" && echo same)" = same
check "the file's mode is kept" test "$(stat -c %a "$CONF")" = 640
check "the feed was refreshed: 4 articles stored" test "$(item_count "$BASE/f/blog.xml")" = 4
check "the added line reads back (byline export)" \
	sh -c "$BYLINE export -c '$CONF' | grep -qF 'My &quot;blog&quot;'"

add "$BASE/f/blog.xml"
check "adding it again is refused" sh -c "test $RC = 1 && grep -qF 'already in' '$T_TMP/err'"

# a page that links one feed: found through its <link rel=alternate>
cp "$T_TMP/before" "$CONF"
add "$BASE/html/one.html" --no-refresh
check "a page linking one feed: added" test "$RC" = 0
check "the linked feed's URL is the one written" test "$(tail -n 1 "$CONF")" = "feed $BASE/f/blog.xml"
check "the stylesheet link was not fetched" test "$(requests /style.css)" = 0

# a page that links several: offered, and without a terminal nothing is chosen
cp "$T_TMP/before" "$CONF"
add "$BASE/html/two.html"
check "a page linking two feeds: refused without a terminal" test "$RC" = 1
check "both are offered, numbered" sh -c "grep -qF ' 1. RSS post' '$T_TMP/out' && grep -qF ' 2. Atom entry (atom, 2 articles' '$T_TMP/out'"
check "the <base href> was used to resolve them" out_has "$BASE/f/blog.atom"
check "it says how to choose" grep -qF "2 feeds on this page" "$T_TMP/err"
check "the config is untouched" cmp -s "$CONF" "$T_TMP/before"
add "$BASE/html/two.html" -y --no-refresh
check "-y takes the first" test "$(tail -n 1 "$CONF")" = "feed $BASE/f/blog.xml"

# a page linking nothing, a site with its feed at a usual place only
cp "$T_TMP/before" "$CONF"
cp "$DOC/blog.atom" "$DOC/root.atom.xml"
add "$BASE/html/none.html" --no-refresh
check "a page linking none, the feed at /atom.xml: found" test "$(tail -n 1 "$CONF")" = "feed $BASE/atom.xml"
check "the usual places were tried" test "$(requests /feed)" = 1
rm "$DOC/root.atom.xml"

# nothing at all: said in words, nothing written
cp "$T_TMP/before" "$CONF"
add "$BASE/html/none.html"
check "nothing found: exit 1" test "$RC" = 1
check "nothing found is said in words" grep -qF \
	"no feed on this page: it links to none, and /feed, /rss.xml, /atom.xml, /index.xml, /feed.json answered 404" "$T_TMP/err"
check "nothing found: the config is untouched" cmp -s "$CONF" "$T_TMP/before"
add "$BASE/status/500"
check "a page that fails: its status said" grep -qF "answered 500" "$T_TMP/err"
add "ftp://example.org/x"
check "a URL that cannot be: refused in words" sh -c "test $RC = 1 && grep -qF 'http' '$T_TMP/err'"

# a redirect: the feed is read where it went, written as given (the move is not permanent)
add "$BASE/redirect/2/blog.xml" --no-refresh
check "through two redirects: found" test "$RC" = 0
check "a temporary redirect: the address given is kept" test "$(tail -n 1 "$CONF")" = "feed $BASE/redirect/2/blog.xml"
add "$BASE/moved/blog.atom" --no-refresh
check "a permanent redirect: the new address is written" test "$(tail -n 1 "$CONF")" = "feed $BASE/f/blog.atom"

# remove: only that line goes, its comment with it; the rest is byte for byte
cp "$T_TMP/before" "$CONF"
$BYLINE remove -c "$CONF" "$BASE/f/other.xml" 2>"$T_TMP/err"
check "remove: exit 0" test $? = 0
check "remove: only that line went" test "$(grep -v "other.xml" "$T_TMP/before" | cmp - "$CONF" && echo same)" = same
$BYLINE remove -c "$CONF" "$BASE/f/other.xml" 2>"$T_TMP/err"
check "removing a feed that is not there: said" grep -qF "is not in" "$T_TMP/err"

# a config changed on disk between reading and writing is not overwritten
cp "$T_TMP/before" "$CONF"
(sleep 0.3; echo "# edited by hand" >>"$CONF") &
editor=$!
$BYLINE add -c "$CONF" -d "$DB" --no-refresh "$BASE/slow/blog.xml" </dev/null >/dev/null 2>"$T_TMP/err"
RC=$?
wait $editor
check "changed on disk meanwhile: refused" sh -c "test $RC = 1 && grep -qF 'changed on disk' '$T_TMP/err'"
check "the hand edit stands" test "$(tail -n 1 "$CONF")" = "# edited by hand"

# no config file: one is made from the feeds read until now, then the new one
HOME_DIR="$T_TMP/home"
mkdir -p "$HOME_DIR"
XDG_CONFIG_HOME="$HOME_DIR/.config" $BYLINE add -d "$DB" --no-refresh "$BASE/f/blog.xml" </dev/null >/dev/null 2>"$T_TMP/err"
NEW="$HOME_DIR/.config/byline/config"
check "no config: one is made" test -f "$NEW"
check "it holds the built-in feeds" grep -q "^feed https://lwn.net/headlines/rss" "$NEW"
check "and the new one, last" test "$(tail -n 1 "$NEW")" = "feed $BASE/f/blog.xml"
check "made private (mode 600)" test "$(stat -c %a "$NEW")" = 600
check "it says a new file was made" grep -qF "a new config file" "$T_TMP/err"

# a symbolic link (dotfiles): its target is written, the link stays
cp "$T_TMP/before" "$T_TMP/real-config"
ln -sf "$T_TMP/real-config" "$CONF.link"
$BYLINE add -c "$CONF.link" -d "$DB" --no-refresh "$BASE/f/blog.xml" </dev/null >/dev/null 2>&1
check "a symlinked config stays a link" test -L "$CONF.link"
check "its target got the line" test "$(tail -n 1 "$T_TMP/real-config")" = "feed $BASE/f/blog.xml"

# kill -9 in the middle of writes: the old file or the new one, never a broken one
i=0; bad=0
while [ $i -lt 15 ]; do
	cp "$T_TMP/before" "$CONF"
	$BYLINE add -c "$CONF" -d "$DB" --no-refresh "$BASE/f/blog.xml" </dev/null >/dev/null 2>&1 &
	pid=$!
	sleep "0.0$i"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if ! cmp -s "$CONF" "$T_TMP/before" && \
	   ! { head -n 7 "$CONF" | cmp -s - "$T_TMP/before" && test "$(tail -n 1 "$CONF")" = "feed $BASE/f/blog.xml"; }; then
		bad=$((bad + 1))
	fi
	i=$((i + 1))
done
check "kill -9 during 15 adds: the config is always the old or the new" test $bad = 0

finish
