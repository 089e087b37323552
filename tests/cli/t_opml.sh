# byline import / export: OPML round trip (tags, non-ASCII titles) and hostile OPML files.
. tests/cli/lib.sh

export XDG_CONFIG_HOME="$T_TMP/xdg-config" XDG_DATA_HOME="$T_TMP/xdg-data"
a="$T_TMP/a.conf"
b="$T_TMP/dir/b.conf"

# ---- round trip: config -> OPML -> a new config loses nothing ----
cat >"$a" <<'CONF'
feed https://www.ifanr.com/feed 科技 zh title="爱范儿 \"ifanr\""
feed https://lwn.net/headlines/rss 科技 "two words" title="LWN.net"
feed https://www3.nhk.or.jp/rss/news/cat0.xml ニュース title="NHKニュース & <more>"
feed https://feeds.bbci.co.uk/hindi/rss.xml title="BBC हिंदी"
feed https://example.com/rss?a=1&b=2
CONF
$BYLINE export -c "$a" >"$T_TMP/a.opml"
check "export exits 0" test $? = 0
check "export writes OPML 2.0" grep -q '<opml version="2.0">' "$T_TMP/a.opml"
check "export is well-formed XML" python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$T_TMP/a.opml"
check "tags become folders" grep -q '<outline text="科技" title="科技">' "$T_TMP/a.opml"
$BYLINE import -c "$b" "$T_TMP/a.opml" 2>"$T_TMP/err"
check "import into a new config exits 0" test $? = 0
check "import says what it did" grep -q "5 feeds added to $b" "$T_TMP/err"
check "round trip keeps every feed line: URLs, tags, titles, non-ASCII" \
	test "$(grep '^feed' "$a")" = "$(grep '^feed' "$b")"
$BYLINE export -c "$b" | grep -v dateCreated >"$T_TMP/b.opml"
check "and exports the same OPML again" \
	test "$(grep -v dateCreated "$T_TMP/a.opml")" = "$(cat "$T_TMP/b.opml")"
cp "$b" "$T_TMP/before"
$BYLINE import -c "$b" "$T_TMP/a.opml" 2>"$T_TMP/err"
check "importing again adds nothing" grep -q "0 feeds added.*5 already there" "$T_TMP/err"
check "and leaves the config as it was" cmp -s "$b" "$T_TMP/before"
check "no temporary file is left behind" test "$(ls "$T_TMP/dir" | wc -l)" = 1

# ---- another reader's OPML: nested folders, duplicates, entities in URLs ----
cat >"$T_TMP/other.opml" <<'OPML'
<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>From another reader</title></head><body>
 <outline text="Tech">
  <outline text="日本"><outline type="rss" text="Gihyo" title="技術評論社" xmlUrl="https://gihyo.jp/feed/rss2"/></outline>
  <outline type="rss" text="Q&amp;A" xmlUrl="https://q.example/rss?x=1&amp;y=2"/>
 </outline>
 <outline text="Again" xmlUrl="https://gihyo.jp/feed/rss2"/>
 <outline text="https://www.ifanr.com/feed" xmlUrl="https://www.ifanr.com/feed"/>
</body></opml>
OPML
cp "$a" "$T_TMP/c.conf"
$BYLINE import -c "$T_TMP/c.conf" "$T_TMP/other.opml" 2>"$T_TMP/err"
check "import into an existing config exits 0" test $? = 0
check "feeds already present are skipped" grep -q "2 feeds added.*1 already there" "$T_TMP/err"
check "the existing lines stay first and unchanged" \
	test "$(head -n 5 "$T_TMP/c.conf")" = "$(cat "$a")"
check "nested folders give one tag path (Tech/日本); a URL met twice is one feed" \
	test "$(grep -c '^feed https://gihyo.jp/feed/rss2 Tech/日本 title="技術評論社"$' "$T_TMP/c.conf")" = 1
check "entities in attributes are decoded" \
	grep -qx 'feed https://q.example/rss?x=1&y=2 Tech title="Q&A"' "$T_TMP/c.conf"
check "the result is a valid config" $BYLINE export -c "$T_TMP/c.conf" >/dev/null

# ---- names survive: nested folders, a feed listed once, the feed's own title ----
n="$T_TMP/n.conf"
cat >"$n" <<'CONF'
feed https://a.example/rss 科技/AI
feed https://b.example/rss 科技/AI 新闻 title="B 报"
feed https://c.example/rss 科技
feed https://d.example/rss
feed https://e.example/rss 科技/AI/模型 "x, y"
CONF
db="$T_TMP/n.db"
$BYLINE list -c "$n" -d "$db" >/dev/null 2>&1
sqlite3 "$db" "INSERT INTO feed (url, title) VALUES ('https://a.example/rss', '机器之心 & co'), ('https://b.example/rss', 'not this one'), ('https://d.example/rss', 'Dee');"
$BYLINE export -c "$n" -d "$db" >"$T_TMP/n.opml"
check "export with nested tags is well-formed XML" python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$T_TMP/n.opml"
python3 - "$T_TMP/n.opml" >"$T_TMP/n.tree" <<'PY'
import sys, xml.etree.ElementTree as ET
def walk(el, depth):
    for o in el.findall("outline"):
        url = o.get("xmlUrl")
        print("  " * depth + (url + " " + o.get("text") + ((" [" + o.get("category") + "]") if o.get("category") else "") if url else "> " + o.get("text")))
        walk(o, depth + 1)
walk(ET.parse(sys.argv[1]).getroot().find("body"), 0)
PY
cat >"$T_TMP/n.want" <<'TREE'
> 科技
  > AI
    https://a.example/rss 机器之心 & co
    https://b.example/rss B 报 [/科技/AI,/新闻]
    > 模型
      https://e.example/rss https://e.example/rss
  https://c.example/rss https://c.example/rss
https://d.example/rss Dee
> x, y
  https://e.example/rss https://e.example/rss
TREE
check "a tag path is nested outlines, each feed once in its first tag's folder (its other tags in category=), the feed's own title when there is no title=" \
	diff "$T_TMP/n.want" "$T_TMP/n.tree"
rm -f "$T_TMP/n2.conf"
$BYLINE import -c "$T_TMP/n2.conf" "$T_TMP/n.opml" 2>/dev/null
check "import of it gives the tag paths back, every tag of every feed" \
	test "$(grep '^feed' "$T_TMP/n2.conf" | sed 's/ title=.*//' | sort)" = "$(printf '%s\n' \
	'feed https://a.example/rss 科技/AI' 'feed https://b.example/rss 科技/AI 新闻' \
	'feed https://c.example/rss 科技' 'feed https://d.example/rss' \
	'feed https://e.example/rss 科技/AI/模型 "x, y"')"
check "... and the feeds' own titles as title=" \
	grep -qx 'feed https://a.example/rss 科技/AI title="机器之心 & co"' "$T_TMP/n2.conf"
$BYLINE export -c "$n" -d "$T_TMP/none.db" >/dev/null
check "export without a database works and makes none" test ! -e "$T_TMP/none.db"

# ---- newsboat's urls file ----
cat >"$T_TMP/urls" <<'URLS'
# newsboat urls, written for this test
https://www.ifanr.com/feed 科技 "~爱范儿 ifanr"

  https://lwn.net/headlines/rss linux "two words" "~LWN \"net\""   # a comment after the words
"query:未读:unread = \"yes\""
filter:~/bin/clean.sh:https://f.example/rss 过滤 "~过滤后的 feed"
"exec:~/bin/scrape --from https://e.example/feed.xml" 抓取
exec:~/bin/other
https://bad.example/rss "unclosed
file:///etc/passwd
https://www.ifanr.com/feed 中文/新闻
URLS
u="$T_TMP/u.conf"
$BYLINE import -c "$u" "$T_TMP/urls" 2>"$T_TMP/err"
check "urls import: exit 2 (some lines left out or changed, each said)" test $? = 2
check "urls: a URL, tags and \"~title\" (CJK, quoted, escaped quotes); a URL met again adds its tags" \
	test "$(grep '^feed' "$u")" = "$(printf '%s\n' \
	'feed https://www.ifanr.com/feed 科技 中文/新闻 title="爱范儿 ifanr"' \
	'feed https://lwn.net/headlines/rss linux "two words" title="LWN \"net\""' \
	'feed https://f.example/rss 过滤 title="过滤后的 feed"' \
	'feed https://e.example/feed.xml 抓取' \
	'feed https://bad.example/rss unclosed')"
check "urls: filter: is imported as its plain URL, the line named" \
	grep -qF "$T_TMP/urls:6: 'filter:~/bin/clean.sh:https://f.example/rss': imported as its plain URL" "$T_TMP/err"
check "urls: exec: with a URL in its command likewise" \
	grep -qF "$T_TMP/urls:7: 'exec:~/bin/scrape --from https://e.example/feed.xml': imported as its plain URL" "$T_TMP/err"
check "urls: exec: with no URL is skipped, said" \
	grep -qF "$T_TMP/urls:8: skipped 'exec:~/bin/other': it runs a command and names no feed address" "$T_TMP/err"
check "urls: query: is skipped, said" \
	grep -qF "$T_TMP/urls:5: skipped 'query:未读:unread = \"yes\"': a query feed" "$T_TMP/err"
check "urls: an unclosed quote names the file and line" \
	grep -qF "$T_TMP/urls:9: a quote is not closed" "$T_TMP/err"
check "urls: a file: URL is refused with the line" \
	grep -qF "$T_TMP/urls:10: skipped 'file:///etc/passwd': only http and https" "$T_TMP/err"
check "urls: no command of the file reaches the config" sh -c "! grep -q 'bin/' '$u'"
check "urls: the config it wrote reads" $BYLINE export -c "$u" >/dev/null
printf '# nothing here\n\n' >"$T_TMP/empty-urls"
$BYLINE import -c "$u" "$T_TMP/empty-urls" 2>"$T_TMP/err"
check "urls: a file with no feed is an error naming it" \
	sh -c "test $? = 1 && grep -qF '$T_TMP/empty-urls: no feeds found' '$T_TMP/err'"

# ---- hostile OPML ----
conf="$T_TMP/h.conf"
printf 'feed https://safe.example/rss\n' >"$conf"
cp "$conf" "$T_TMP/h.orig"

cat >"$T_TMP/xxe.opml" <<'OPML'
<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><head><title>&xxe;</title></head><body>
<outline text="&xxe;" xmlUrl="https://x.example/"/>
</body></opml>
OPML
$BYLINE import -c "$conf" "$T_TMP/xxe.opml" 2>"$T_TMP/err"
check "XXE: nothing of /etc/passwd reaches the config" sh -c "! grep -q 'root:' '$conf'"
check "XXE: nor the terminal" sh -c "! grep -q 'root:' '$T_TMP/err'"

{
	echo '<?xml version="1.0"?><!DOCTYPE opml ['
	echo '<!ENTITY a0 "lol">'
	i=1; while [ $i -le 10 ]; do p=$((i - 1))
		echo "<!ENTITY a$i \"&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;\">"; i=$((i + 1)); done
	echo ']><opml version="2.0"><body><outline text="&a10;" xmlUrl="https://lol.example/"/></body></opml>'
} >"$T_TMP/laughs.opml"
timeout 10 $BYLINE import -c "$conf" "$T_TMP/laughs.opml" 2>"$T_TMP/err"
rc=$?
check "billion laughs: finishes quickly" test $rc != 124
check "billion laughs: the config stays small" test "$(wc -c <"$conf")" -lt 1000

cat >"$T_TMP/dtd.opml" <<'OPML'
<?xml version="1.0"?>
<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/evil.dtd">
<opml version="2.0"><body><outline text="ok" xmlUrl="https://dtd.example/"/></body></opml>
OPML
timeout 10 $BYLINE import -c "$conf" "$T_TMP/dtd.opml" 2>"$T_TMP/err"
check "an external DTD is neither fetched nor needed" grep -q '^feed https://dtd.example/' "$conf"
cp "$T_TMP/h.orig" "$conf"

cat >"$T_TMP/cmd.opml" <<'OPML'
<?xml version="1.0"?>
<opml version="2.0"><body>
<outline text="exec" xmlUrl="exec:~/bin/feed.sh"/>
<outline text="filter" xmlUrl="filter:/tmp/x.sh:https://a.example/"/>
<outline text="file" xmlUrl="file:///etc/passwd"/>
<outline text="js" xmlUrl="javascript:alert(1)"/>
<outline text="ftp" xmlUrl="ftp://ftp.example/feed"/>
<outline text="nohost" xmlUrl="https:///feed"/>
<outline text="space" xmlUrl="https://a.example/x y"/>
<outline text="filtercmd" xmlUrl="https://a.example/f" filtercmd="rm -rf ~"/>
<outline text="good" xmlUrl="https://good.example/rss"/>
</body></opml>
OPML
$BYLINE import -c "$conf" "$T_TMP/cmd.opml" 2>"$T_TMP/err"
check "refused outlines make the exit status 2" test $? = 2
check "command and non-http feeds never reach the config" \
	test "$(grep -c '^feed' "$conf")" = 2
check "the good feed is imported" grep -q '^feed https://good.example/rss' "$conf"
check "each refused outline is named with FILE:LINE" \
	test "$(grep -c "cmd.opml:[0-9]*: skipped" "$T_TMP/err")" = 8
check "command feeds are called what they are" grep -q "exec:.*never runs commands" "$T_TMP/err"
cp "$T_TMP/h.orig" "$conf"

printf '<opml><body><outline xmlUrl="https://a.example/">\n<oops></body></opml>\n' >"$T_TMP/bad.opml"
$BYLINE import -c "$conf" "$T_TMP/bad.opml" 2>"$T_TMP/err"
check "malformed XML exits 1" test $? = 1
check "with FILE:LINE" grep -q "bad.opml:[0-9]*: not well-formed XML" "$T_TMP/err"
check "and the config untouched" cmp -s "$conf" "$T_TMP/h.orig"

python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("<opml version=\"2.0\"><body>\n")
    line = "<outline text=\"%s\" xmlUrl=\"https://big.example/feed\"/>\n" % ("x" * 1000)
    for i in range(17 * 1024):
        f.write(line)
    f.write("</body></opml>\n")
' "$T_TMP/huge.opml"
$BYLINE import -c "$conf" "$T_TMP/huge.opml" 2>"$T_TMP/err"
check "a file over 16 MiB is refused" grep -q "too large" "$T_TMP/err"
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("<opml version=\"2.0\"><body>\n")
    for i in range(20001):
        f.write("<outline xmlUrl=\"https://f%d.example/\"/>\n" % i)
    f.write("</body></opml>\n")
' "$T_TMP/many.opml"
$BYLINE import -c "$conf" "$T_TMP/many.opml" 2>"$T_TMP/err"
check "more than 20,000 feeds are refused" grep -q "more than 20000 feeds" "$T_TMP/err"
check "and the config is untouched by both" cmp -s "$conf" "$T_TMP/h.orig"

printf 'feed https://a.example/\nfeed nonsense\n' >"$T_TMP/broken.conf"
cp "$T_TMP/broken.conf" "$T_TMP/broken.orig"
$BYLINE import -c "$T_TMP/broken.conf" "$T_TMP/cmd.opml" 2>"$T_TMP/err"
check "import into a broken config exits 1" test $? = 1
check "and does not write to it" cmp -s "$T_TMP/broken.conf" "$T_TMP/broken.orig"
check "and the mistake is named" grep -q "broken.conf:2:" "$T_TMP/err"

$BYLINE export >"$T_TMP/builtin.opml" 2>"$T_TMP/err"
check "without a config, export gives the built-in feeds" grep -q 'xmlUrl="https://www.ifanr.com/feed"' "$T_TMP/builtin.opml"
check "and says where the config file would go" grep -q "$XDG_CONFIG_HOME/byline/config" "$T_TMP/err"
$BYLINE import "$T_TMP/other.opml" 2>"$T_TMP/err"
check "import without -c writes the default config file" grep -q '^feed https://gihyo.jp/feed/rss2' "$XDG_CONFIG_HOME/byline/config"
$BYLINE import 2>"$T_TMP/err"
check "import without a file is an error" test $? = 1
finish
