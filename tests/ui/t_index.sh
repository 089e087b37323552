# Screen test: an idle reader indexes what a refresh brought, in slices, so a search finds it.
. tests/http/lib.sh
. tests/ui/lib.sh
trap 'ui_stop; stop_server; rm -rf "$T_TMP"' EXIT

# zh_feed N: an RSS feed of N articles; the newest alone speaks of 量子计算机.
zh_feed() {
	python3 - "$DOC/zh.xml.new" "$1" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
out = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>中文频道</title>'
       '<link>http://example.org/zh</link><description>d</description>']
for i in range(n, 0, -1):
    body = "科学家宣布量子计算机取得突破。" if i == n and n > 1 else "今天的新闻第 %d 条。" % i
    out.append('<item><guid>zh-%d</guid><title>新闻 %d</title><link>http://example.org/zh/%d</link>'
               '<pubDate>Thu, %02d Jan 2026 00:00:00 GMT</pubDate><description>&lt;p&gt;%s&lt;/p&gt;'
               '</description></item>' % (i, i, i, 1 + i % 28, body))
out.append('</channel></rss>\n')
open(path, "w", encoding="utf-8").write("".join(out))
PY
	mv "$DOC/zh.xml.new" "$DOC/zh.xml"
}
waiting() { q 'SELECT count(*) FROM item_fts_todo'; }
# wait_drained SECONDS: polls the database until no article waits for the index.
wait_drained() {
	deadline=$(( $(date +%s) + $1 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		[ "$(waiting)" = 0 ] && return 0
		sleep 0.1
	done
	return 1
}

start_server
zh_feed 1
config "set refresh-on-start no
set refresh-interval 0
set layout list
feed $BASE/f/zh.xml"
refresh
check "byline refresh leaves its article waiting for the index" test "$(waiting)" = 1

zh_feed 2000
ui_start "$CONF" "$DB"
wait_drained 15 && ok "an idle reader indexes what byline refresh left" \
	|| fail "an idle reader indexes what byline refresh left: $(waiting) waiting"
ui_keys R
ui_check "R brings 1999 new articles" "refreshed 1 feed: 1999 new articles"
n=$(waiting)
ui_keys j j Enter
ui_check "the feed opens, newest first" "1/2000"
ui_keys j j k
ui_check "keys are answered after the refresh" "2/2000"
# Once the idle reader has begun indexing, a key interrupts it between two slices.
deadline=$(( $(date +%s) + 15 ))
while [ "$(waiting)" = "$n" ] && [ "$(date +%s)" -le "$deadline" ]; do sleep 0.05; done
ui_keys j
w=$(waiting)
ui_check "a key is answered while the index drains ($w of $n waiting when it was sent)" "3/2000"
wait_drained 60 && ok "the idle reader indexes the new articles, no search asked ($n were waiting)" \
	|| fail "the idle reader indexes the new articles: $(waiting) of $n still waiting"
ui_keys /
ui_type "量子计算机"
ui_keys Enter
ui_check "a search finds the new article by a Chinese word" "byline: Search: 量子计算机"
ui_check "one match" "1/1"
ui_check "it is the newest article" "新闻 2000"
finish
