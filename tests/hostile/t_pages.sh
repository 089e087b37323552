# Hostile web pages through byline extract: bounded time and memory, the expected outcome with a
# one-line message, no control or bidi character out, no secret, nothing fetched from the page.
. tests/http/lib.sh
. tests/hostile/lib.sh

start_server
PAGES="$T_TMP/pages"
NET="$BASE/net"
python3 tests/hostile/gen_pages.py "$PAGES" "$SECRET" "$NET" "${HOSTILE_PAGE_SCALE:-1}" >"$T_TMP/pcases" ||
	{ echo "not ok the hostile pages could not be generated"; exit 1; }
echo "$SECRET_MARK" >"$SECRET"

while IFS='	' read -r name expect what; do
	bounded "$T_TMP/p.$name" "$T_TMP/e.$name" $BYLINE extract --format json \
		--url "http://example.org/$name.html" "$PAGES/$name.html"
	within "extract $name ($what)"
	case "$expect" in
	article)
		if [ "$RC" = 0 ] && grep -q ARTICLE-MARKER "$T_TMP/p.$name"; then
			ok "extract $name: the article is found"
		else
			fail "extract $name: the article is found (exit $RC: $(head -c 200 "$T_TMP/e.$name"))"
		fi
		clean json "$T_TMP/p.$name" "extract $name: valid JSON, one-line fields free of controls and bidi, no secret"
		;;
	refused:*)
		want=${expect#refused:}
		if [ "$RC" = 1 ] && grep -qF "$want" "$T_TMP/e.$name" && [ "$(wc -l <"$T_TMP/e.$name")" = 1 ]; then
			ok "extract $name: refused in one line: $want"
		else
			fail "extract $name: refused in one line: $want (exit $RC: $(head -c 200 "$T_TMP/e.$name"))"
		fi
		;;
	esac
	clean bytes "$T_TMP/e.$name" "extract $name: the message is clean"
done <"$T_TMP/pcases"

# What the pages ask for in detail.
json_field() {	# json_field NAME KEY: a key of a case's JSON output
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]] or "")' \
		"$T_TMP/p.$1" "$2"
}
check "big-title: the title is cut to 2 KiB" test "$(json_field big-title title | wc -c)" -le 2049
html_lacks() {	# html_lacks NAME WORD...: the case's HTML holds none of the words (any case)
	python3 -c 'import json, sys
h = json.load(open(sys.argv[1]))["html"].lower()
sys.exit(any(w in h for w in sys.argv[2:]))' "$T_TMP/p.$1" "$@"
}
check "schemes: no javascript:, vbscript: or data: in the HTML" html_lacks schemes javascript: vbscript: data:
check "schemes: the links' texts stay" grep -q "one two three four" "$T_TMP/p.schemes"
check "script-tricks: nothing of scripts, comments, styles or templates" \
	sh -c "! grep -q INJECTED '$T_TMP/p.script-tricks'"
check "controls: the text around the controls is kept, shown" grep -q "PWNED-TITLE0" "$T_TMP/p.controls"

# Through the fetcher: the page itself is the only request.
cp "$PAGES/network.html" "$DOC/network.html"
cp "$PAGES/xxe.html" "$DOC/xxe.html"
: >"$LOG"
config
$BYLINE extract -c "$CONF" "$BASE/f/network.html" >"$T_TMP/net.out" 2>"$T_TMP/net.err"
RC=$?
$BYLINE extract -c "$CONF" "$BASE/f/xxe.html" >>"$T_TMP/net.out" 2>>"$T_TMP/net.err"
check "network and xxe pages from a URL: extracted" test "$RC" = 0 -a $? = 0
check "nothing the pages point at was fetched (only the pages: $(cut -f1 "$LOG" | tr '\n' ' '))" \
	test "$(requests /net/img.png)$(grep -c '^/net' "$LOG")" = "00"
check "the secret file is not in the output" sh -c "! grep -q '$SECRET_MARK' '$T_TMP/net.out' '$T_TMP/p.xxe'"
finish
