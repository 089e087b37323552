# Hostile JSON Feeds through the real binary: byline parse, then byline refresh and byline list.
# Each: no crash, bounded time and memory, its warning (or a refusal naming the place), no control in the output.
. tests/http/lib.sh
. tests/hostile/lib.sh

echo "$SECRET_MARK" >"$SECRET"
python3 tests/hostile/gen_json.py "$CAT" "$HOSTILE_ITEMS" >"$T_TMP/cases" ||
	{ echo "not ok the hostile JSON Feeds could not be generated"; exit 1; }
names=$(cut -f1 "$T_TMP/cases")
verdict() { grep "^$1	" "$T_TMP/cases" | cut -f2; }

# ---- byline parse on each ----
for n in $names; do
	bounded "$T_TMP/p.$n" "$T_TMP/e.$n" $BYLINE parse --url "http://example.org/$n.json" "$CAT/$n.json"
	within "parse $n ($(grep "^$n	" "$T_TMP/cases" | cut -f3))"
	if [ "$(verdict "$n")" = read ]; then
		check "parse $n: read (exit 0)" test "$RC" = 0
		clean json "$T_TMP/p.$n" "parse $n: valid JSON, single-line fields free of controls and bidi"
	else
		check "parse $n: refused (exit 1)" test "$RC" = 1
		clean bytes "$T_TMP/e.$n" "parse $n: the refusal holds no control"
	fi
done

# warned NAME TEXT: the JSON warnings of `byline parse NAME` say TEXT.
warned() {
	if python3 -c 'import json, sys; w = json.load(open(sys.argv[1])).get("warnings", [])
sys.exit(not any(sys.argv[2] in x for x in w))' "$T_TMP/p.$1" "$2"; then
		ok "parse $1 warns: $2"
	else
		fail "parse $1 warns: $2; got $(head -c 300 "$T_TMP/p.$1" | tail -c 200)"
	fi
}
# said NAME TEXT: the refusal of NAME says TEXT.
said() {
	if grep -qF "$2" "$T_TMP/e.$1"; then ok "parse $1 is refused: $2"; else fail "parse $1 is refused: $2; got $(cat "$T_TMP/e.$1")"; fi
}
warned nesting-json "items[0]: values nested more than 200 deep; the rest of the document is ignored"
warned nesting-objects "items[1].title: an object where text was expected; ignored"
warned big-string "a string longer than 8 MiB cut short"
warned big-string "items[0].title: text longer than 64 KiB cut short"
warned big-number "a number longer than 64 KiB cut short"
warned nul "NUL characters (\\u0000) replaced by U+FFFD"
warned bad-utf8-json "bytes that are not valid UTF-8 (which JSON must be) replaced by U+FFFD"
warned numbers "items[0].attachments[0].size_in_bytes: '1e400' is not a count"
warned numbers "items[0].attachments[0].duration_in_seconds: '-5' is not a count"
warned duplicate-keys "items[0].title: \"title\" given twice in one object; the first is kept"
warned wrong-types "items[0].title: an object where text was expected; ignored"
warned wrong-types "items[1]: text where an item object was expected; ignored"
warned controls-json "control characters replaced by U+FFFD"
warned controls-raw-json "control characters written raw inside a string (JSON wants them escaped) were read as if escaped"
warned bidi-json "bidi controls removed from a title, name or link"
warned schemes-json "link 'file:///etc/' kept, but byline opens only http, https and mailto links"
said syntax "not valid JSON at line 1, column "
said truncated "the JSON ends early, at line 1, column "
said array "not a JSON Feed: the document is a JSON array"
# Silence is right for many-items-json: a million well-formed items is not a problem.
check "parse many-items-json: no warning" sh -c "! grep -q '\"warnings\":' '$T_TMP/p.many-items-json'"
check "every one of the $HOSTILE_ITEMS JSON items is parsed" \
	test "$(grep -o '"id":"m[0-9]*"' "$T_TMP/p.many-items-json" | wc -l)" = "$HOSTILE_ITEMS"
check "the item holding the 100,000-deep arrays is kept" grep -q '"id":"n1"' "$T_TMP/p.nesting-json"
check "the item after the 50 MB title is still read" grep -q '"title":"small after big"' "$T_TMP/p.big-string"
check "a \\u0000 costs one character, not the rest" grep -q '"title":"before.after"' "$T_TMP/p.nul"
check "the first of two titles is kept" grep -q '"title":"kept"' "$T_TMP/p.duplicate-keys"
check "an item after wrong types is read" grep -q '"title":"ok after wrong types"' "$T_TMP/p.wrong-types"

# ---- byline refresh: every readable one stored; the refused ones store nothing and say why ----
{
	echo "set max-size 128M"
	for n in $names; do
		[ "$n" = many-items-json ] || [ "$(verdict "$n")" != read ] || echo "feed file://$CAT/$n.json"
	done
} >"$CONF"
bounded "$T_TMP/r.out" "$T_TMP/r.err" $BYLINE refresh -c "$CONF" -d "$DB"
within "refresh of every readable hostile JSON Feed"
check "refresh: every readable hostile JSON Feed is stored (exit 0)" test "$RC" = 0
clean bytes "$T_TMP/r.err" "refresh: its messages hold no control"
bounded "$T_TMP/l.out" "$T_TMP/l.err" $BYLINE list -c "$CONF" -d "$DB"
within "byline list of the hostile JSON articles"
check "list shows the hostile JSON articles" test "$(wc -l <"$T_TMP/l.out")" -ge 25
clean bytes "$T_TMP/l.out" "list: valid UTF-8, no control but tab and newline, no C1, no bidi"
bounded "$T_TMP/j.out" "$T_TMP/j.err" $BYLINE list --json -c "$CONF" -d "$DB"
clean jsonl "$T_TMP/j.out" "list --json: valid JSON lines, single-line fields clean"

before=$(q 'SELECT count(*) FROM item;')
{
	echo "set max-size 128M"
	for n in $names; do [ "$(verdict "$n")" = refused ] && echo "feed file://$CAT/$n.json"; done
} >>"$CONF"
bounded "$T_TMP/r.out" "$T_TMP/r.err" $BYLINE refresh -c "$CONF" -d "$DB"
within "refresh with the refused JSON Feeds"
check "refresh: the refused feeds fail, the others stand (exit 2)" test "$RC" = 2
check "refresh: the syntax error names its line and column" grep -q "not valid JSON at line 1, column" "$T_TMP/r.err"
check "refresh: nothing of the refused feeds is stored" test "$(q 'SELECT count(*) FROM item;')" = "$before"
check "refresh: the store remembers why" test "$(q "SELECT count(*) FROM feed WHERE last_error LIKE '%not valid JSON%';")" = 1
clean bytes "$T_TMP/r.err" "refresh: the refusals hold no control"

finish
