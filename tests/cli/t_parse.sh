# byline parse: JSON output, streaming, exit codes and messages, options.
. tests/cli/lib.sh

json_ok() {	# FILE: valid JSON?
	python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1" 2>/dev/null
}
jq_py() {	# FILE EXPR: prints a Python expression over the parsed JSON `d`
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); print(eval(sys.argv[2]))' "$1" "$2"
}

$BYLINE parse --help >"$T_TMP/help"
check "parse --help exits 0" test $? = 0
check "parse --help shows the usage" grep -q 'usage: byline parse \[--url URL\] \[--charset NAME\] \[FILE|-\]' "$T_TMP/help"

$BYLINE parse tests/data/sample-ifanr.xml >"$T_TMP/s.json" 2>"$T_TMP/s.err"
check "sample feed exits 0" test $? = 0
check "sample feed prints valid JSON" json_ok "$T_TMP/s.json"
check "sample feed: one line of compact JSON" test "$(wc -l <"$T_TMP/s.json")" = 1
check "sample feed: nothing on stderr" test ! -s "$T_TMP/s.err"
check "sample feed: 5 items" test "$(jq_py "$T_TMP/s.json" 'len(d["items"])')" = 5

# libcurl (and its thirty libraries) is opened only by what fetches
LD_DEBUG=libs $BYLINE parse tests/data/sample-ifanr.xml 2>"$T_TMP/ld.err" >/dev/null
check "parse does not load libcurl" sh -c "grep -q 'libxml2' '$T_TMP/ld.err' && ! grep -q 'libcurl' '$T_TMP/ld.err'"
# ... so a libcurl that cannot be loaded (here a broken file found first under its name)
# stops only fetching, in words, and parsing and listing go on.
soname=$(objdump -p "$(cc -print-file-name=libcurl.so)" 2>/dev/null | sed -n 's/^ *SONAME *//p')
mkdir -p "$T_TMP/nocurl"
echo "not a library" >"$T_TMP/nocurl/${soname:-libcurl.so.4}"
printf 'feed http://127.0.0.1:9/a.xml\n' >"$T_TMP/nocurl/config"
LD_LIBRARY_PATH=$T_TMP/nocurl $BYLINE refresh -c "$T_TMP/nocurl/config" -d "$T_TMP/nocurl/db" \
	>/dev/null 2>"$T_TMP/nocurl/err"
check "no usable libcurl: refresh exits 1" test $? = 1
check "no usable libcurl: it says which library and what to do" \
	grep -q "cannot load ${soname:-libcurl}.*install libcurl" "$T_TMP/nocurl/err"
LD_LIBRARY_PATH=$T_TMP/nocurl $BYLINE list -c "$T_TMP/nocurl/config" -d "$T_TMP/nocurl/db" >/dev/null
check "no usable libcurl: list still works" test $? = 0
LD_LIBRARY_PATH=$T_TMP/nocurl $BYLINE parse tests/data/sample-ifanr.xml >/dev/null
check "no usable libcurl: parse still works" test $? = 0
check "sample feed: format and version" test "$(jq_py "$T_TMP/s.json" 'd["format"]+" "+d["version"]')" = "rss 2.0"
check "sample feed: Chinese title" test "$(jq_py "$T_TMP/s.json" 'd["title"]')" = "字节范 · 科技快讯"
check "sample feed: Hindi item" test "$(jq_py "$T_TMP/s.json" 'd["items"][3]["title"]')" = "भारत में यूपीआई भुगतान ने नया रिकॉर्ड बनाया"
check "sample feed: date in UTC" test "$(jq_py "$T_TMP/s.json" 'd["items"][3]["published"]')" = "2024-09-28T11:15:00Z"
check "sample feed: enclosure length is a number" \
	test "$(jq_py "$T_TMP/s.json" 'd["items"][2]["enclosures"][0]["length"]+1')" = 18234568
check "sample feed: absent fields are omitted" test "$(jq_py "$T_TMP/s.json" '"content" in d["items"][2]')" = False

$BYLINE parse --url https://news.example.cn/feed/ - <tests/data/sample-ifanr.xml >"$T_TMP/u.json"
check "stdin with --url resolves links in content" \
	grep -q 'src=\\"https://news.example.cn/uploads/2024/10/fold3.jpg\\"' "$T_TMP/u.json"

printf '<html><body>no feed</body></html>' >"$T_TMP/page.html"
$BYLINE parse "$T_TMP/page.html" >"$T_TMP/o" 2>"$T_TMP/e"
check "an HTML page exits 1" test $? = 1
check "an HTML page: one line naming the file and the reason" \
	test "$(wc -l <"$T_TMP/e")" = 1 -a -n "$(grep "page.html: not a feed I can read: the root element is <html>" "$T_TMP/e")"
check "an HTML page: stdout is still valid JSON" json_ok "$T_TMP/o"

$BYLINE parse "$T_TMP/missing.xml" >/dev/null 2>"$T_TMP/e"
check "a missing file exits 1" test $? = 1
check "a missing file is named with the reason" grep -q "missing.xml: No such file or directory" "$T_TMP/e"
$BYLINE parse --frobnicate 2>"$T_TMP/e"
check "an unknown option exits 1" test $? = 1
check "an unknown option is named" grep -q "unknown option '--frobnicate'" "$T_TMP/e"

# warnings with line numbers; exit 0
printf '<rss>\n<channel>\n<item><title>a &foo; b</title></item>\n</channel></rss>\n' >"$T_TMP/w.xml"
$BYLINE parse "$T_TMP/w.xml" >"$T_TMP/w.json"
check "a recoverable problem exits 0" test $? = 0
check "warnings carry the line" test "$(jq_py "$T_TMP/w.json" 'd["warnings"][0]')" = "line 3: undefined entity &foo; kept as text"

# --charset overrides the declaration (RFC 7303)
printf '<?xml version="1.0" encoding="utf-8"?><rss><channel><title>标题</title></channel></rss>' |
	iconv -f UTF-8 -t GBK >"$T_TMP/gbk.xml"
$BYLINE parse --charset gbk "$T_TMP/gbk.xml" >"$T_TMP/g.json"
check "--charset overrides the XML declaration" test "$(jq_py "$T_TMP/g.json" 'd["title"]')" = "标题"

# invalid bytes and control characters: output stays valid UTF-8 JSON
printf '<rss><channel><item><title>\033]0;pwned\007 x\377y</title></item></channel></rss>' >"$T_TMP/c.xml"
$BYLINE parse "$T_TMP/c.xml" >"$T_TMP/c.json"
check "control characters never reach the output" sh -c "! grep -q \"$(printf '\033')\" '$T_TMP/c.json'"
check "bad bytes: still valid JSON" json_ok "$T_TMP/c.json"

# streaming: the first item is out before the document ends
fifo="$T_TMP/fifo"
mkfifo "$fifo"
( printf '<rss><channel><item><title>early</title></item>'; sleep 2; printf '</channel></rss>' ) >"$fifo" &
$BYLINE parse "$fifo" >"$T_TMP/stream.json" &
pid=$!
sleep 1
check "items are written as they are parsed" grep -q '"title":"early"' "$T_TMP/stream.json"
wait $pid
check "the streamed document ends as valid JSON" json_ok "$T_TMP/stream.json"
finish
