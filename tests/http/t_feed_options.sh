# Per-feed options of a feed line: charset= reads lying bytes right, ignore= skips articles by title, interval= and the rest read back.
. tests/http/lib.sh

start_server
# GBK bytes under a declaration that says UTF-8: mojibake without charset=
python3 - "$DOC/gbk.xml" <<'PY'
import sys
doc = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>新闻中心</title>'
       '<item><guid>g1</guid><title>人工智能的进展</title></item></channel></rss>')
open(sys.argv[1], "wb").write(doc.encode("gbk"))
PY
cp "$DOC/gbk.xml" "$DOC/gbk2.xml"
gen_feed mixed.xml rss 5 post
python3 - "$DOC/mixed.xml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("<title>post 2</title>", "<title>Sponsored: buy now</title>")
s = s.replace("<title>post 4</title>", "<title>WEBINAR today</title>")
open(p, "w", encoding="utf-8").write(s)
PY

config "feed $BASE/f/gbk.xml charset=GBK" "feed $BASE/f/gbk2.xml" \
	"feed $BASE/f/mixed.xml ignore=\"sponsored|webinar\" interval=2h fulltext=no"
refresh
check "a refresh with per-feed options: exit 0" test "$RC" = 0
check "charset=GBK: the title reads right" test "$(item_titles "$BASE/f/gbk.xml")" = "人工智能的进展"
check "charset=GBK: the feed's title too" test "$(feed_col "$BASE/f/gbk.xml" title)" = "新闻中心"
check "without charset= the same bytes do not read as that text" \
	test "$(item_titles "$BASE/f/gbk2.xml")" != "人工智能的进展"
check "ignore=: the two matching articles (any case) are not stored" \
	test "$(item_titles "$BASE/f/mixed.xml" | tr '\n' ,)" = "post 1,post 3,post 5,"

# the options read back through export/import and byline add
$BYLINE export -c "$CONF" >/dev/null
check "the config with options is accepted by export" test $? = 0
config "feed $BASE/f/x.xml interval=0m"
$BYLINE list -c "$CONF" -d "$DB" >/dev/null 2>"$T_TMP/err"
check "interval= below a minute is refused in words" grep -qF "interval= must be" "$T_TMP/err"
config "feed $BASE/f/x.xml charset=\"GB K\""
$BYLINE list -c "$CONF" -d "$DB" >/dev/null 2>"$T_TMP/err"
check "a charset that is no name is refused" grep -qF "charset= must be a charset name" "$T_TMP/err"
config "feed $BASE/f/x.xml frobnicate=1"
$BYLINE list -c "$CONF" -d "$DB" >/dev/null 2>"$T_TMP/err"
check "an unknown option names the known ones" grep -qF "they are title=, interval=, charset=, fulltext= and ignore=" "$T_TMP/err"
config "feed $BASE/f/x.xml title=Foo bar"
$BYLINE list -c "$CONF" -d "$DB" >/dev/null 2>"$T_TMP/err"
check "title=Foo bar without quotes: a warning naming the line" \
	grep -qF "config:4: title=Foo bar: 'bar' is read as a tag; write title=\"Foo bar\"" "$T_TMP/err"
config "bind feeds x no-such-action"
$BYLINE list -c "$CONF" -d "$DB" >/dev/null 2>"$T_TMP/err"
check "byline list refuses a bind the reader would refuse" \
	sh -c "grep -qF \"unknown action 'no-such-action'\" '$T_TMP/err'"
$BYLINE -c "$CONF" list -d "$DB" >/dev/null 2>"$T_TMP/err"
check "global options before the command work (byline -c FILE list)" \
	sh -c "grep -qF \"unknown action 'no-such-action'\" '$T_TMP/err'"
config
$BYLINE -c "$CONF" -d "$DB" list >/dev/null 2>"$T_TMP/err"
check "byline -c FILE -d FILE list: exit 0" test $? = 0

finish
