# Screen test: a JSON Feed in the reader like any feed: its title in the feeds view, its items, an article's text.
. tests/cli/lib.sh
. tests/ui/lib.sh

D="$T_TMP/j"
mkdir -p "$D"
python3 - "$D/feed.json" <<'PY'
import json, sys
items = [{"id": "j%d" % i, "title": "JSON item %d" % i, "url": "https://example.org/j/%d" % i,
          "date_published": "2026-01-%02dT08:00:00Z" % i, "authors": [{"name": "Jo"}],
          "content_text": "First paragraph of item %d.\n\nSecond paragraph, 中文 too." % i}
         for i in (3, 2, 1)]
doc = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON Weekly",
       "home_page_url": "https://example.org/", "items": items}
open(sys.argv[1], "w", encoding="utf-8").write(json.dumps(doc, ensure_ascii=False))
PY
printf 'feed file://%s/feed.json\n' "$D" >"$D/config"
$BYLINE_ABS refresh -c "$D/config" -d "$D/db" >"$T_TMP/out" 2>&1
check "refresh of a JSON Feed from a file: exit 0" test $? = 0

ui_start "$D/config" "$D/db"
ui_check "the feeds view shows the JSON Feed's title" "JSON Weekly"
ui_line_of "JSON Weekly" | grep -q "3/3" && ok "three unread articles" || fail "three unread articles"
ui_keys g j j Enter
ui_check "Enter opens the JSON Feed's articles" "byline: JSON Weekly"
ui_screen | grep -n "JSON item" | cut -d: -f2- | grep -o "JSON item [0-9]" | tr '\n' , | grep -q "^JSON item 3,JSON item 2,JSON item 1,$" \
	&& ok "the items, newest first" || fail "the items, newest first"
ui_keys Enter
ui_check "Enter opens the article" "Title:  JSON item 3"
ui_check "the article shows its feed" "Feed:   JSON Weekly"
ui_check "the article shows its text" "First paragraph of item 3."
ui_check "a blank line of content_text is a paragraph break" "Second paragraph, 中文 too."
if ui_screen | grep -B1 "Second paragraph" | head -n 1 | grep -q "^ *$"; then
	ok "the paragraphs are apart"
else
	fail "the paragraphs are apart"; ui_screen | sed 's/^/# /'
fi
ui_keys q q Q
finish
