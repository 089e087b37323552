# fulltext=yes during byline refresh: the new articles' pages fetched at most FULLTEXT_HOST_RATE (2) a second a host, each stored once; an article whose link is no web address (file:) is not read.
. tests/http/lib.sh

start_server
SECRET_DIR="$T_TMP/secret"
mkdir -p "$SECRET_DIR"
# page FILE MARK: an article's web page holding MARK.
page() {
	cat >"$1" <<EOH
<html><head><meta property="article:published_time" content="2025-01-01T00:00:00Z"></head><body>
<article><p>$2 The tides of the north sea rise twice a day, and at the spring tides, under a full or a
new moon, the water climbs higher than at any other time of the month, as every fisherman knows.</p>
<p>Along the coast the difference between high and low water can reach six metres, which turns
harbours into mud flats for hours.</p></article></body></html>
EOH
}
page "$SECRET_DIR/local.html" LOCAL-FILE-TEXT
# The six pages are on one host, written three ways (the pacing goes by the host, as
# max-per-host does: not by the user name in the URL).
items=
for i in 1 2 3 4 5 6; do
	page "$DOC/p$i.html" "PAGE-$i"
	case $i in
	[12]) at=$BASE ;;
	[34]) at="http://reader@127.0.0.1:$PORT" ;;
	*) at="http://other:pw@127.0.0.1:$PORT" ;;
	esac
	items="$items<item><guid>g$i</guid><title>Page $i</title><link>$at/f/p$i.html</link><description>teaser</description></item>"
done
# A hostile feed's link to a local file, beside a web one.
items="$items<item><guid>local</guid><title>Local</title><link>file://$SECRET_DIR/local.html</link><description>teaser</description></item>"
echo "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Pages</title><link>http://example.org/</link><description>d</description>$items</channel></rss>" >"$DOC/pages.xml"

config "feed $BASE/f/pages.xml fulltext=yes"
refresh
check "byline refresh with fulltext=yes: exit 0" test "$RC" = 0
check "the articles are stored" test "$(item_count "$BASE/f/pages.xml")" = 7
check "each web page's article is stored" \
	test "$(q "SELECT count(*) FROM item_fulltext WHERE html LIKE '%PAGE-%'")" = 6
check "a file: link is not read: nothing of the local file in the database" \
	test "$(q "SELECT count(*) FROM item_fulltext WHERE html LIKE '%LOCAL-FILE-TEXT%'")" = 0
check "each page fetched once" test "$(grep -c '^/f/p[1-6].html	' "$LOG")" = 6
# byline starts at most two pages a second on a host, so the sixth starts at least 2.5 s after the first (all six at once without the pacing).
span=$(awk -F '\t' '$1 ~ /^\/f\/p[1-6].html$/ { t[n++] = $7 } END { print t[n - 1] - t[0] }' "$LOG")
if awk -v s="$span" 'BEGIN { exit !(s >= 2.0) }'; then
	ok "the pages of one host are paced (first to sixth: $span s)"
else
	fail "the pages of one host are paced: first to sixth in $span s, wanted at least 2.5"
fi
finish
