# byline extract: files, standard input and URLs from the loopback server; formats, exit codes, messages.
. tests/http/lib.sh

# extract ARGS...: runs byline extract; RC, output in $T_TMP/out, messages in $T_TMP/err.
extract() {
	$BYLINE extract "$@" >"$T_TMP/out" 2>"$T_TMP/err"
	RC=$?
}
out_has() { grep -qF -- "$1" "$T_TMP/out"; }
# expect NAME RC TEXT: the last run exited RC and its stderr holds TEXT (or stdout, for RC 0).
expect() {
	if [ "$RC" != "$2" ]; then
		fail "$1: exit $RC, wanted $2; stderr: $(head -c 300 "$T_TMP/err")"
	elif [ "$2" = 0 ] && ! out_has "$3"; then
		fail "$1: '$3' not in the output: $(head -c 300 "$T_TMP/out")"
	elif [ "$2" != 0 ] && ! grep -qF -- "$3" "$T_TMP/err"; then
		fail "$1: '$3' not in the message: $(head -c 300 "$T_TMP/err")"
	else
		ok "$1"
	fi
}
one_line() {	# the message is one line
	check "$1: the message is one line" test "$(wc -l <"$T_TMP/err")" = 1
}

cat >"$DOC/article.html" <<'EOF'
<!DOCTYPE html><html lang="en"><head><title>Tides of the north sea - Coast News</title>
<meta property="og:site_name" content="Coast News"><meta name="author" content="Mary Anning">
<meta property="article:published_time" content="2024-06-01T12:00:00Z"></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/about">About us</a></nav>
<article><h1>Tides of the north sea</h1>
<p>The tides of the north sea rise twice a day, and at the spring tides, under a full or a new
moon, the water climbs higher than at any other time of the month, as every fisherman knows.</p>
<p>Along the coast, the difference between high and low water can reach six metres, which turns
harbours into mud flats for hours, and keeps <a href="tables.html">the tide tables</a> in every pocket.</p>
<h2>Storm surges</h2>
<p>When a storm pushes water south at the same time, the sea can rise far above the forecast, and
the great flood of 1953 showed what that means for the towns behind the dykes.</p>
<ul><li>High water: twice a day.</li><li>Spring tides: at full and new moon.</li></ul>
</article>
<div class="comments"><p>First! Great read, thanks for the article, more please, and soon.</p></div>
<footer>Copyright Coast News. All rights reserved.</footer></body></html>
EOF

# ---- a file ----
extract "$DOC/article.html"
expect "a file: the article's text" 0 "The tides of the north sea rise twice a day"
check "a file: nothing on stderr" test ! -s "$T_TMP/err"
check "text: one paragraph a line" grep -qx "Along the coast, .* mud flats for hours, and keeps the tide tables in every pocket." "$T_TMP/out"
check "text: headings on lines of their own, blocks apart" \
	sh -c "grep -B1 -A1 -x 'Storm surges' '$T_TMP/out' | grep -c '^\$' | grep -qx 2"
check "text: list items on lines of their own" grep -qx -- "- High water: twice a day." "$T_TMP/out"
check "text: no menu, comment or footer" sh -c "! grep -qE 'About us|First!|Copyright' '$T_TMP/out'"

extract - <"$DOC/article.html"
expect "standard input" 0 "Storm surges"

extract --format html --url https://coast.example/2024/tides.html "$DOC/article.html"
expect "--format html: links resolved against --url" 0 '<a href="https://coast.example/2024/tables.html">the tide tables</a>'
check "--format html: a list" grep -qF "<li>High water: twice a day.</li>" "$T_TMP/out"

extract --format json --url https://coast.example/2024/tides.html "$DOC/article.html"
expect "--format json" 0 '"title":"Tides of the north sea"'
if python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
keys = ["url", "title", "author", "published", "lang", "site", "html", "text", "warnings"]
assert list(a) == keys, list(a)
assert a["author"] == "Mary Anning" and a["site"] == "Coast News" and a["lang"] == "en"
assert a["published"] == "2024-06-01T12:00:00Z" and a["warnings"] == []
assert a["url"] == "https://coast.example/2024/tides.html"
assert "spring tides" in a["text"] and "<h2>Storm surges</h2>" in a["html"]
' "$T_TMP/out" 2>"$T_TMP/py"; then ok "--format json: every key, with the page's metadata"
else fail "--format json: every key, with the page's metadata: $(tail -n 1 "$T_TMP/py")"; fi

# ---- usage ----
extract
expect "no page: usage error" 2 "which page?"
extract --format xml "$DOC/article.html"
expect "--format xml: usage error" 2 "--format takes text, html or json"
extract --frobnicate "$DOC/article.html"
expect "unknown option: usage error" 2 "unknown option '--frobnicate'"
extract "$DOC/article.html" "$DOC/article.html"
expect "two pages: usage error" 2 "one page at a time"
extract --url
expect "--url without a value: usage error" 2 "--url needs a value"
$BYLINE extract --help >"$T_TMP/out" 2>&1
check "--help exits 0" test $? = 0

# ---- what is no article ----
printf '%%PDF-1.4\n%%\342\343\317\323\n' >"$DOC/doc.pdf"
printf '{"title": "not a page", "items": []}\n' >"$DOC/data.json"
cat >"$DOC/short.html" <<'EOF'
<html><body><div><a href="/">Home</a></div><p>Page not found.</p><div>Try the search box.</div></body></html>
EOF
cat >"$DOC/login.html" <<'EOF'
<html><body><h1>Sign in</h1><form><p>Subscribers only: please sign in to read this story.</p>
<input name="user"><input type="password" name="pw"><button>Sign in</button></form></body></html>
EOF
extract "$DOC/short.html"
expect "no article: exit 1 and the reason" 1 "byline extract: $DOC/short.html: no article found: the page holds 3 short blocks, none above 25 words"
one_line "no article"
check "no article: nothing on stdout" test ! -s "$T_TMP/out"
extract "$DOC/doc.pdf"
expect "a PDF" 1 "$DOC/doc.pdf: not a web page: a PDF document"
extract "$DOC/data.json"
expect "JSON" 1 "not a web page: JSON data"
extract "$DOC/login.html"
expect "a login wall" 1 "the page asks to log in first"
one_line "a login wall"
extract "$T_TMP/missing.html"
expect "a missing file" 1 "$T_TMP/missing.html: cannot open it: No such file or directory"

# ---- URLs, through the fetcher ----
start_server
config "set user-agent extract-test/%v"
extract -c "$CONF" "$BASE/f/article.html"
expect "a URL: the article" 0 "The tides of the north sea rise twice a day"
check "a URL: the config's user agent" sh -c "grep -q '^/f/article.html	.*	extract-test/' '$LOG'"
extract -c "$CONF" --format json "$BASE/redirect/2/article.html"
expect "redirects followed" 0 "\"url\":\"$BASE/f/article.html\""
check "links resolved against the URL after redirects" grep -qF "$BASE/f/tables.html" "$T_TMP/out"
extract -c "$CONF" "$BASE/status/404"
expect "a 404" 1 "byline extract: $BASE/status/404: server answered 404 Not Found"
one_line "a 404"
extract -c "$CONF" "$BASE/loop/x"
expect "a redirect loop" 1 "$BASE/loop/x: too many redirects"
extract -c "$CONF" "$BASE/f/doc.pdf"
expect "a PDF from a URL" 1 "not a web page: a PDF document"
extract -c "$CONF" "$BASE/f/short.html"
expect "no article at a URL" 1 "none above 25 words"
extract -c "$CONF" "http://127.0.0.1:1/nothing-listens-here"
expect "nothing listening" 1 "could not connect"

# The proxy of the config carries the request (the server answers as one).
config "set proxy $BASE"
extract -c "$CONF" "http://tides.invalid/f/article.html"
expect "the config's proxy" 0 "spring tides"

# The size cap of the config.
config "set max-size 1K"
extract -c "$CONF" "$BASE/f/article.html"
expect "max-size" 1 "response larger than 1 KiB"
config

# The timeout of the config (2 s): a server that never answers.
extract -c "$CONF" "$BASE/hang"
expect "the config's timeout" 1 "$BASE/hang: no response from the server within 2 s"
one_line "the config's timeout"

# TLS as for feeds: a self-signed certificate is refused, not ignored.
if start_tls_server; then
	extract -c "$CONF" "$TLS/f/article.html"
	expect "a self-signed certificate" 1 "$TLS/f/article.html:"
	check "a self-signed certificate: reported as a certificate problem" grep -qi "certificate" "$T_TMP/err"
	check "a self-signed certificate: nothing printed" test ! -s "$T_TMP/out"
	kill "$TLS_PID" 2>/dev/null
	wait "$TLS_PID" 2>/dev/null
else
	ok "TLS skipped: openssl cannot make a certificate ($(tail -n 1 "$T_TMP/openssl.log"))"
fi

# ---- charsets from the HTTP header ----
python3 - "$DOC" <<'EOF'
import sys
page = ("<html><body><div><p>苹果公司今天发布了新一代手机，新机采用了钛金属边框，重量更轻，续航提升明显，"
        "库克表示这是苹果迄今为止最好的产品之一，我们对它的市场前景非常有信心。</p>"
        "<p>分析人士认为，新机将帮助苹果在中国市场夺回份额，但竞争依然十分激烈。</p></div></body></html>")
open(sys.argv[1] + "/gbk.html", "wb").write(page.encode("gbk"))
EOF
extract -c "$CONF" "$BASE/charset/gbk/gbk.html"
expect "GBK labelled by HTTP" 0 "苹果公司今天发布了新一代手机"
check "GBK labelled by HTTP: no warning" test ! -s "$T_TMP/err"
extract -c "$CONF" "$BASE/charset/utf-8/gbk.html"
expect "GBK labelled UTF-8 by HTTP" 0 "分析人士认为，新机将帮助苹果在中国市场夺回份额"
check "GBK labelled UTF-8: a warning says so" grep -qF "labelled utf-8 (HTTP) but does not read as it; read as GB18030" "$T_TMP/err"
extract "$DOC/gbk.html"
expect "GBK in a file, unlabelled" 0 "竞争依然十分激烈"

# ---- nothing from the page reaches the terminal as a control ----
printf '<html><head><title>t\033]0;x\007</title></head><body><article><p>Escape \033[2J and \342\200\256 override in a paragraph long enough, with commas, to be the article of this page, which needs a paragraph of more than twenty-five words.</p><p>A second one, with \302\233 a C1 control, long enough, with words, and more words, again.</p></article></body></html>' >"$DOC/evil.html"
for fmt in text html json; do
	extract --format "$fmt" "$DOC/evil.html"
	if [ "$RC" = 0 ] && ! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$T_TMP/out" &&
	   ! grep -q "$(printf '\302[\200-\237]\|\342\200[\252-\256]')" "$T_TMP/out"; then
		ok "--format $fmt: no control or bidi character in the output"
	else
		fail "--format $fmt: no control or bidi character in the output (exit $RC)"
	fi
done
finish
