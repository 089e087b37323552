# Hostile feeds through the real binary: byline parse, then byline refresh and byline list.
# Each: no crash, bounded time and memory, a clear message, no control in the output, no secret.
. tests/http/lib.sh
. tests/hostile/lib.sh

start_server
gen_catalogue "$BASE/xxe"
names=$(cut -f1 "$T_TMP/cases")

# ---- byline parse on each ----
for n in $names; do
	bounded "$T_TMP/p.$n" "$T_TMP/e.$n" $BYLINE parse --url "http://example.org/$n.xml" "$CAT/$n.xml"
	within "parse $n ($(grep "^$n	" "$T_TMP/cases" | cut -f2))"
	clean json "$T_TMP/p.$n" "parse $n: valid JSON, single-line fields free of controls and bidi, no secret"
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
warned xxe-file "declared in the document is ignored"
warned xxe-url "declared in the document is ignored"
warned billion-laughs "declared in the document is ignored"
warned quadratic "declared in the document is ignored"
warned nesting-xml "nested more than"
warned big-title "cut short"
warned nul "replaced by U+FFFD"
warned bad-utf8 "not valid UTF-8 were read as windows-1252"
warned controls "references to control characters replaced by U+FFFD; the rest of the text is kept"
warned controls-raw "or control characters, were replaced by U+FFFD"
warned bidi "bidi controls removed from a title, name or link; the rest of the text is kept"
warned schemes "link 'javascript:alert(document.cookie)' kept, but byline opens only http, https and mailto links"
# Silence is right for the rest: the parser changes nothing a user would miss.
# - nesting-html: the 100,000 nested elements are in CDATA, text to the
#   parser, kept byte for byte. (byline render nests at most 256 elements
#   deep and keeps the text of deeper ones in the deepest: test_render's
#   test_too_deep.)
# - shell: the links are kept as written (a newline becomes a space, as in
#   every one-line field) and never given to a shell; the reader passes each
#   as one argument or refuses it in words (t_reader.sh).
# - many-items: a million well-formed items is not a problem.
for n in nesting-html shell many-items; do
	check "parse $n: no warning (nothing a user would miss was changed)" \
		sh -c "! grep -q '\"warnings\":' '$T_TMP/p.$n'"
done
check "one warning per kind and document: the four refused links make one" \
	test "$(grep -o "kept, but byline opens only" "$T_TMP/p.schemes" | wc -l)" = 1
check "XXE over HTTP: the parser asked the network for nothing" test "$(grep -c '^/xxe' "$LOG")" = 0
check "the item holding the 100,000-deep elements is kept" grep -q '"title":"deep"' "$T_TMP/p.nesting-xml"
check "the item after the 50 MB title is still read" grep -q '"title":"small after big"' "$T_TMP/p.big-title"
check "every one of the $HOSTILE_ITEMS items is parsed" \
	test "$(grep -o '"id":"m[0-9]*"' "$T_TMP/p.many-items" | wc -l)" = "$HOSTILE_ITEMS"
check "a NUL byte costs one character, not the rest" grep -q '"title":"before.after"' "$T_TMP/p.nul"

# ---- byline refresh of all but the many items, then byline list ----
{
	echo "set max-size 128M"
	for n in $names; do [ "$n" = many-items ] || echo "feed file://$CAT/$n.xml"; done
} >"$CONF"
bounded "$T_TMP/r.out" "$T_TMP/r.err" $BYLINE refresh -c "$CONF" -d "$DB"
within "refresh of every hostile feed"
check "refresh: every hostile feed is stored (exit 0)" test "$RC" = 0
clean bytes "$T_TMP/r.err" "refresh: its messages hold no control"
bounded "$T_TMP/l.out" "$T_TMP/l.err" $BYLINE list -c "$CONF" -d "$DB"
within "byline list of the hostile articles"
check "list shows the hostile articles" test "$(wc -l <"$T_TMP/l.out")" -ge 30
clean bytes "$T_TMP/l.out" "list: valid UTF-8, no control but tab and newline, no C1, no bidi, no secret"
bounded "$T_TMP/j.out" "$T_TMP/j.err" $BYLINE list --json -c "$CONF" -d "$DB"
clean jsonl "$T_TMP/j.out" "list --json: valid JSON lines, single-line fields clean"
sqlite3 "$DB" .dump >"$T_TMP/dump"
check "the secret file's content is nowhere in the database" sh -c "! grep -qF '$SECRET_MARK' '$T_TMP/dump'"
check "no command from a link ran" test -z "$(ls "$CAT" | grep -v '\.xml$')"

# ---- many items stored in one refresh (10,000 in make test; make robustness stores more) ----
STORE_ITEMS=${HOSTILE_STORE_ITEMS:-10000}
python3 - "$CAT/many-items.xml" "$CAT/stored-items.xml" "$STORE_ITEMS" <<'EOF'
import sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src) as fp, open(dst, "w") as out:
    data = fp.read()
    head, _, rest = data.partition("<item>")
    items = ("<item>" + rest).split("</item>")[:n]
    out.write(head + "</item>".join(items) + "</item></channel></rss>\n")
EOF
printf 'set max-size 128M\nfeed file://%s\n' "$CAT/stored-items.xml" >"$CONF"
rm -f "$DB" "$DB-wal" "$DB-shm"
bounded "$T_TMP/r.out" "$T_TMP/r.err" $BYLINE refresh -c "$CONF" -d "$DB"
within "refresh of one feed with $STORE_ITEMS items"
check "all $STORE_ITEMS items stored" test "$(q 'SELECT count(*) FROM item;')" = "$STORE_ITEMS"
bounded "$T_TMP/l.out" "$T_TMP/l.err" $BYLINE list --limit 20 -c "$CONF" -d "$DB"
within "byline list --limit 20 over $STORE_ITEMS items"
check "list prints 20 lines" test "$(wc -l <"$T_TMP/l.out")" = 20

# ---- a stranger's OPML: a refused URL's controls stay off the terminal ----
printf '<?xml version="1.0"?>\n<opml version="2.0"><body><outline text="x" xmlUrl="exec:\302\2332J\302\2350;PWNED\302\234\177 rm -rf ~"/><outline text="y" xmlUrl="https://ok.example/\302\233"/></body></opml>\n' >"$T_TMP/evil.opml"
: >"$T_TMP/import.conf"
$BYLINE import -c "$T_TMP/import.conf" "$T_TMP/evil.opml" >"$T_TMP/i.out" 2>"$T_TMP/i.err"
check "import of a hostile OPML warns about the command feed" grep -q "skipped feed" "$T_TMP/i.err"
clean bytes "$T_TMP/i.err" "import: the warning about a refused URL holds no control"

finish
