# byline refresh against a loopback server that misbehaves on purpose: stored state, messages, exit status.
. tests/http/lib.sh

start_server

gen_feed a.xml rss 3 alpha
gen_feed b.xml atom 2 beta
gen_feed c.xml rss 4 gamma
gen_feed d.xml rss 2 delta
gen_feed e.xml rss 2 eps
printf 'this is not a feed at all\n' >"$DOC/garbage.txt"
printf '<!DOCTYPE html>\n<html><head><title>A page</title></head><body><p>no feed</p></body></html>\n' >"$DOC/page.html"
# parses as RSS, but holds no channel title and no item: not an empty success
printf '<?xml version="1.0"?><rss version="2.0"><channel><link>http://example.org/</link></channel></rss>\n' >"$DOC/empty.xml"
# Windows-1252 bytes under a wrong XML declaration: only the HTTP charset tells the truth.
printf '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>latin</title><item><guid>l1</guid><title>caf\351 cr\350me</title></item></channel></rss>\n' >"$DOC/latin.xml"

GOOD="$BASE/f/a.xml $BASE/lm/b.xml $BASE/gzip/c.xml $BASE/redirect/3/d.xml $BASE/moved/e.xml $BASE/charset/windows-1252/latin.xml"
BAD="$BASE/status/404 $BASE/status/410 $BASE/retry/429/3600 $BASE/status/500 $BASE/loop/x
 $BASE/trickle/a.xml $BASE/endless $BASE/hang $BASE/noheaders $BASE/reset/a.xml $BASE/bomb
 $BASE/f/garbage.txt $BASE/f/page.html $BASE/f/empty.xml $BASE/redirect-to/file:///etc/passwd"
lines="set max-connections 32
set max-per-host 32"
for u in $GOOD $BAD; do lines="$lines
feed $u"; done
config "$lines"

# ---- first refresh: every feed at once ----
refresh
check "some feeds failed: exit 2" test "$RC" = 2
check "RSS with ETag stored (3 items)" test "$(item_count "$BASE/f/a.xml")" = 3
check "ETag remembered" test -n "$(feed_col "$BASE/f/a.xml" etag)"
check "Atom with Last-Modified stored (2 items)" test "$(item_count "$BASE/lm/b.xml")" = 2
check "Last-Modified remembered" test -n "$(feed_col "$BASE/lm/b.xml" last_modified)"
check "gzip response stored (4 items)" test "$(item_count "$BASE/gzip/c.xml")" = 4
check "asked for compression" grep -q "^/gzip/c.xml	.*gzip" "$LOG"
check "redirect chain followed (2 items)" test "$(item_count "$BASE/redirect/3/d.xml")" = 2
check "temporary redirect not remembered" test -z "$(feed_col "$BASE/redirect/3/d.xml" fetch_url)"
check "301 followed (2 items)" test "$(item_count "$BASE/moved/e.xml")" = 2
check "301 target remembered" test "$(feed_col "$BASE/moved/e.xml" fetch_url)" = "$BASE/f/e.xml"
check "HTTP charset overrides a wrong XML declaration" \
	test "$(item_titles "$BASE/charset/windows-1252/latin.xml")" = "café crème"
check "good feeds have no error" \
	test "$(q "SELECT count(*) FROM feed WHERE last_error IS NOT NULL AND url IN ('$BASE/f/a.xml','$BASE/lm/b.xml','$BASE/gzip/c.xml','$BASE/moved/e.xml');")" = 0
check "sent User-Agent byline/VERSION" \
	grep -q "^/f/a.xml	.*	byline/$($BYLINE --version | cut -d' ' -f2)	" "$LOG"

# expect URL WORDS: the failed feed has a line on stderr and the error stored, and no articles.
expect() {
	url=$1 words=$2
	check "$url: message on stderr says '$words'" grep -qF "byline: $url: " "$T_TMP/err"
	grep -F "byline: $url: " "$T_TMP/err" | grep -qiF -- "$words" ||
		{ fail "$url: message names the reason '$words'"; sed -n "s|byline: $url: |  got: |p" "$T_TMP/err"; }
	check "$url: error stored" contains "$(feed_col "$url" last_error)" "$words"
	check "$url: no articles stored" test "$(item_count "$url")" = 0
}
expect "$BASE/status/404" "server answered 404 Not Found"
expect "$BASE/status/410" "410 Gone"
expect "$BASE/retry/429/3600" "429 Too Many Requests"
expect "$BASE/status/500" "server answered 500 Internal Server Error"
expect "$BASE/loop/x" "too many redirects"
expect "$BASE/trickle/a.xml" "too slow"
expect "$BASE/endless" "larger than 1 MiB (set max-size)"
expect "$BASE/hang" "no response from the server within 2 s"
expect "$BASE/noheaders" "no response from the server within 2 s"
expect "$BASE/reset/a.xml" "connection broke"
expect "$BASE/bomb" "larger than 1 MiB (set max-size)"
expect "$BASE/f/garbage.txt" "not a feed"
expect "$BASE/f/page.html" "not a feed I can read: the root element is <html>"
expect "$BASE/f/empty.xml" "the root element is <rss>, but it holds no channel title and no item"
expect "$BASE/redirect-to/file:///etc/passwd" "unsupported URL scheme"
check "410 marks the feed gone" test "$(feed_col "$BASE/status/410" gone)" = 1
now=$(date +%s)
ra=$(feed_col "$BASE/retry/429/3600" next_fetch)
check "429 Retry-After holds the feed back an hour" test "$ra" -gt $((now + 3500)) -a "$ra" -le $((now + 3601))
check "one line per failed feed" test "$(grep -c '^byline: http' "$T_TMP/err")" = 15

# ---- second refresh: nothing changed ----
refresh
check "second refresh: exit 2 again" test "$RC" = 2
check "If-None-Match sent with the stored ETag" \
	grep -q "^/f/a.xml	\"$(feed_col "$BASE/f/a.xml" etag | tr -d '"')\"	" "$LOG"
check "If-Modified-Since sent with the stored date" \
	grep -qF "/lm/b.xml	-	$(feed_col "$BASE/lm/b.xml" last_modified)	" "$LOG"
check "301: the next fetch goes to the new URL" test "$(requests /moved/e.xml)" = 1
check "301: ... and it is fetched there" test "$(requests /f/e.xml)" = 2
check "gone feed not asked again" test "$(requests /status/410)" = 1
check "gone feed skipped with a message" err_has "$BASE/status/410: skipped"
check "held-back feed not asked again" test "$(requests /retry/429/3600)" = 1
check "held-back feed says until when" err_has "$BASE/retry/429/3600: skipped until"
check "304: articles unchanged" test "$(item_count "$BASE/f/a.xml")" = 3

# ---- the feed changes: flags survive, updates land, history stays ----
mark_read "$BASE/f/a.xml" "alpha 1"
gen_feed a.xml rss 5 alpha
sed -i 's|<title>alpha 2</title>|<title>alpha 2 (corrected)</title>|' "$DOC/a.xml"
before=$(wc -l <"$LOG")
refresh "$BASE/f/a.xml"
check "refresh of one URL: exit 0" test "$RC" = 0
check "refresh of one URL asks only for it" test "$(($(wc -l <"$LOG") - before))" = 1
check "new articles added" test "$(item_count "$BASE/f/a.xml")" = 5
check "read flag survives a refresh" test "$(is_read "$BASE/f/a.xml" "alpha 1")" = 1
check "changed title updated" test "$(is_read "$BASE/f/a.xml" "alpha 2 (corrected)")" = 0

cp "$DOC/garbage.txt" "$DOC/a.xml"
refresh "$BASE/f/a.xml"
check "the only feed failed: exit 1" test "$RC" = 1
check "a parse error keeps the earlier articles" test "$(item_count "$BASE/f/a.xml")" = 5
check "... and their flags" test "$(is_read "$BASE/f/a.xml" "alpha 1")" = 1
check "... and says so" contains "$(feed_col "$BASE/f/a.xml" last_error)" "not a feed"

gen_feed a.xml rss 1 other
refresh "$BASE/f/a.xml"
check "recovered: exit 0" test "$RC" = 0
check "articles that left the feed stay (history)" test "$(item_count "$BASE/f/a.xml")" = 6
check "recovered: the error is cleared" test -z "$(feed_col "$BASE/f/a.xml" last_error)"

refresh "$BASE/not/configured.xml"
check "a URL outside the config: exit 1" test "$RC" = 1
check "... named in the message" err_has "$BASE/not/configured.xml is not a feed of"

finish
