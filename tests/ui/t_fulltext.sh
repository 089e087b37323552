# Screen test: f in the article fetches the whole article from its web page on 127.0.0.1 while keys work, shows it in place of the feed's teaser, f again goes back; it is stored, so it opens offline; a failed page leaves everything as it was; fulltext=yes fetches new articles' pages during refresh.
. tests/http/lib.sh
. tests/ui/lib.sh
trap 'ui_stop; stop_server; rm -rf "$T_TMP"' EXIT

start_server
# The article's web page: menus, a share bar and comments around three paragraphs.
cat >"$DOC/story.html" <<'EOH'
<!DOCTYPE html><html><head><title>Wolves return - Example News</title>
<meta property="og:title" content="PAGE-TITLE Wolves return to the valley">
<meta name="author" content="PAGE-AUTHOR Ana Ruiz">
<meta property="article:published_time" content="2025-06-01T12:00:00Z"></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/world">NAV-BOILERPLATE World</a></nav>
<div class="share">Share on NAV-BOILERPLATE</div>
<article><h1>Wolves return</h1>
<p>FULLTEXT-FIRST The wolves came back to the valley in the spring, after forty years away, and
the farmers, the rangers and the children of the village all had something to say about it.</p>
<p>The rangers counted eleven of them, in two packs, ranging over the high pastures where the
sheep graze in summer; the farmers, who remember the old losses, asked for fences and dogs.</p>
<p>FULLTEXT-LAST By autumn the packs had settled, the fences were up, and the village school had
a wolf on its new banner, which the children painted themselves, with a moon behind it.</p>
</article>
<div class="comments">NAV-BOILERPLATE 12 comments</div></body></html>
EOH
cp "$DOC/story.html" "$DOC/story2.html"
sed 's/FULLTEXT-FIRST/AUTO-FIRST/' "$DOC/story.html" >"$DOC/auto1.html"
# teaser FILE TITLE|LINK...: a feed whose items carry only a teaser, listed in this order.
teaser() {
	out=$1
	day=28
	shift
	{
		echo '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Teasers</title>'
		echo '<link>http://example.org/</link><description>d</description>'
		for it in "$@"; do
			echo "<item><guid>${it%%|*}</guid><title>${it%%|*}</title><link>${it#*|}</link>"
			echo "<pubDate>Thu, $day Jan 2026 00:00:00 GMT</pubDate>"
			day=$((day - 1))
			echo "<description>TEASER-ONLY two lines and a link.</description></item>"
		done
		echo '</channel></rss>'
	} >"$DOC/$out"
}
teaser short.xml "Story one|$BASE/slow/story.html" "Story gone|$BASE/status/404" \
	"Story pdf|$BASE/f/doc.pdf" "Story loop|$BASE/loop/x" "Story login|$BASE/f/login.html" \
	"Story file|file://$T_TMP/local.html" "Story big|$BASE/f/big.html"
printf '%%PDF-1.4 not a web page' >"$DOC/doc.pdf"
cat >"$DOC/login.html" <<'EOH'
<html><body><h1>Sign in</h1><form><p>Subscribers only: please sign in to read this story.</p>
<input name="user"><input type="password" name="pw"><button>Sign in</button></form></body></html>
EOH
# A page of 5 MB, most of it a list of links: its extraction takes a second or more, beside the loop.
python3 - "$DOC/big.html" <<'EOP'
import sys
p = ("<p>The tides of the north sea rise twice a day, and at the spring tides, under a full "
     "or a new moon, the water climbs higher.</p>")
with open(sys.argv[1], "w") as out:
    out.write("<html><body><div>BIG-PAGE-ARTICLE " + p * 40 + "</div><div class='more'>")
    out.write("".join("<div><a href='/%d'>The tides of the north sea, a story of the coast, part %d</a>"
                      "</div>" % (i, i) for i in range(60000)))
    out.write("</div></body></html>")
EOP
# A hostile feed's link to a local file: byline must not read it.
sed 's/FULLTEXT-FIRST/LOCAL-FILE-TEXT/' "$DOC/story.html" >"$T_TMP/local.html"
teaser auto.xml "Auto one|$BASE/f/auto1.html"
config "set refresh-on-start no" "set layout list" "set max-size 64M" "feed $BASE/f/short.xml" \
	"feed $BASE/f/auto.xml fulltext=yes"
refresh
check "the feeds are stored" test "$(q 'SELECT count(*) FROM item')" = 8
# byline refresh: the fulltext=yes feed's new article has its page stored, the other feed's none.
ft_of() {	# ft_of TITLE: 1 when the article's full text is stored and holds TEXT ($2)
	q "SELECT count(*) FROM item_fulltext f JOIN item i ON i.id = f.item_id WHERE i.title = '$1' AND f.html LIKE '%$2%'"
}
check "byline refresh, fulltext=yes: the new article's whole text is stored" test "$(ft_of 'Auto one' AUTO-FIRST)" = 1
check "byline refresh: only for fulltext=yes feeds" test "$(q 'SELECT count(*) FROM item_fulltext')" = 1
check "byline refresh: the pages fetched once each" test "$(requests /f/auto1.html)$(requests /slow/story.html)" = 10

ui_start "$CONF" "$DB"
ui_keys j j Enter
ui_check "the truncated feed is open" "Story one"
ui_keys Enter
ui_check "its article shows the feed's teaser" "TEASER-ONLY"
: >"$LOG"
ui_keys f
ui_wait_re "fetching the whole article" && ok "f: the status line says the article is being fetched" \
	|| fail "f: the status line says the article is being fetched: $(ui_screen | tail -n 1)"
ui_keys q
ui_check "q works while the page is on its way" "Story gone"
ui_keys Enter
ui_check "the article reopens meanwhile" "Link:   $BASE/slow/story.html"
ui_check "the whole article appears" "FULLTEXT-FIRST"
ui_check "its last paragraph too" "FULLTEXT-LAST"
ui_check_gone "menus, share bar and comments are left out" "NAV-BOILERPLATE"
ui_check_gone "the teaser is gone from the body" "TEASER-ONLY"
ui_check "the header: the page's own title" "Title:  PAGE-TITLE Wolves return to the valley"
ui_check "the header: the page's own author" "Author: PAGE-AUTHOR Ana Ruiz"
ui_check "the header: the page's own date" "Date:   2025-06-0"
check "the page was fetched once" test "$(requests /slow/story.html)" = 1
ui_keys f
ui_check "f again: the feed's own text" "TEASER-ONLY"
ui_check "f again: the feed's title in the header" "Title:  Story one"
ui_check_gone "f again: no page author (the feed gives none)" "PAGE-AUTHOR"
ui_check_gone "f again: the full text is put away" "FULLTEXT-FIRST"
ui_keys f
ui_check "f once more: the full text at once" "FULLTEXT-FIRST"
check "and without fetching the page again" test "$(requests /slow/story.html)" = 1
check "the full text is stored with the article" test "$(ft_of 'Story one' FULLTEXT-LAST)" = 1

# Pages that hold no article: a one-line message, the feed's text stays, nothing stored.
# db_state: the whole database but the read flags and the unread counts (opening an article marks it read).
db_state() {
	sqlite3 "$DB" .dump | grep -v '^INSERT INTO item_state\|^INSERT INTO feed ' | cksum
	q 'SELECT id, url, etag, last_modified, next_fetch, gone, last_error, last_fetch, title, n_total,
	   n_starred FROM feed ORDER BY id' | cksum
	q 'SELECT id, starred FROM item_state ORDER BY id' | cksum
}
before=$(q 'SELECT count(*) FROM item_fulltext')
state_before=$(db_state)
ui_keys q j Enter
ui_check "the article whose page is gone is open" "Title:  Story gone"
ui_keys f
ui_wait_re "no full text from .*404" && ok "a 404: the reason on the status line" \
	|| fail "a 404: the reason on the status line: $(ui_screen | tail -n 1)"
ui_check "a 404: the feed's text stays" "TEASER-ONLY"
ui_keys f
i=0
while [ "$(requests /status/404)" != 2 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "a 404: f again asks again (the article no longer waits)" test "$(requests /status/404)" = 2
ui_keys q j Enter
ui_check "the article whose link is a PDF is open" "Title:  Story pdf"
ui_keys f
ui_wait_re "no full text from .*not a web page" && ok "a PDF: the reason on the status line" \
	|| fail "a PDF: the reason on the status line: $(ui_screen | tail -n 1)"
ui_check "a PDF: the feed's text stays" "TEASER-ONLY"
ui_keys q j Enter
ui_check "the article whose link loops is open" "Title:  Story loop"
ui_keys f
ui_wait_re "no full text from .*too many redirects" && ok "a redirect loop: the reason on the status line" \
	|| fail "a redirect loop: the reason on the status line: $(ui_screen | tail -n 1)"
ui_check "a redirect loop: the feed's text stays" "TEASER-ONLY"
ui_keys q j Enter
ui_check "the article behind a login wall is open" "Title:  Story login"
ui_keys f
ui_wait_re "no full text from .*asks to log in" && ok "a login wall: the reason on the status line" \
	|| fail "a login wall: the reason on the status line: $(ui_screen | tail -n 1)"
ui_check "a login wall: the feed's text stays" "TEASER-ONLY"
ui_keys q j Enter
ui_check "the article whose link is a local file is open" "Title:  Story file"
ui_keys f
ui_wait_re "link is no web address" && ok "a file: link: refused on the status line" \
	|| fail "a file: link: refused on the status line: $(ui_screen | tail -n 1)"
ui_check_gone "a file: link: the local file is not shown" "LOCAL-FILE-TEXT"
ui_check "a file: link: the feed's text stays" "TEASER-ONLY"
check "nothing was stored for the failed pages" test "$(q 'SELECT count(*) FROM item_fulltext')" = "$before"
check "no flag changed but the articles read" \
	test "$(q 'SELECT count(*) FROM item_state WHERE starred != 0')" = 0
check "nothing else in the database changed" test "$(db_state)" = "$state_before"

# A large page: the loop does not wait for its extraction.
ui_keys q j Enter
ui_check "the article whose page is large is open" "Title:  Story big"
: >"$LOG"
ui_keys f
i=0
while [ "$(requests /f/big.html)" != 1 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
sleep 0.3	# the 5 MB on their way over the loopback
ui_keys q
ui_check_gone "q works while the large page is being extracted" "Title:  Story big"
check "the list came back before the large page's article was stored" test "$(ft_of 'Story big' BIG-PAGE)" = 0
i=0
while [ "$(ft_of 'Story big' BIG-PAGE)" != 1 ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
check "the large page's article is stored once extracted" test "$(ft_of 'Story big' BIG-PAGE)" = 1
ui_keys Enter
ui_check "the large page's article opens with its full text" "BIG-PAGE-ARTICLE"

# fulltext=yes: a refresh fetches the new articles' pages in the background.
teaser auto.xml "Auto one|$BASE/f/auto1.html" "Auto two|$BASE/f/story2.html"
ui_keys q q R
ui_check "the refresh ends" "refreshed 2 feeds"
i=0
while [ "$(ft_of 'Auto two' FULLTEXT-FIRST)" != 1 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "fulltext=yes: the new article's page is fetched and stored during the refresh" \
	test "$(ft_of 'Auto two' FULLTEXT-FIRST)" = 1
check "fulltext=yes: articles that came before this refresh are left alone" \
	test "$(requests /f/auto1.html)" = 0
ui_stop

# Offline: the server is gone, the full text is still there.
stop_server
ui_start "$CONF" "$DB"
ui_keys j j Enter
ui_check "offline: the feed opens" "Story one"
ui_keys Enter
ui_check "offline: the stored full text opens at once" "FULLTEXT-FIRST"
ui_check "offline: the status line says it is the full text" "full text"
ui_check "offline: the page's own title and author" "Author: PAGE-AUTHOR Ana Ruiz"
ui_keys f
ui_check "offline: f shows the feed's text" "TEASER-ONLY"
ui_stop
finish
