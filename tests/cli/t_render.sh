# byline render: golden cases (the shared reference renderings and our own), options, errors.
. tests/cli/lib.sh

SHARED=../shared/render-cases
OWN=tests/data/render

# key VALUE from the first-line comment "<!-- width: N ; base: URL ; emoji: E ; ... -->"
case_key() {
	head -n 1 "$1" | sed -n 's/^<!--\(.*\)-->.*$/\1/p' | tr ';' '\n' |
		sed -n "s/^ *$2: *\([^ ]*\) *$/\1/p" | head -n 1
}

# golden NAME HTML EXPECTED WIDTH
golden() {
	base=$(case_key "$2" base)
	emoji=$(case_key "$2" emoji)
	$BYLINE render --width "$4" ${base:+--base "$base"} --emoji "${emoji:-safe}" "$2" \
		>"$T_TMP/out" 2>"$T_TMP/err"
	if cmp -s "$T_TMP/out" "$3"; then
		ok "$1"
	else
		fail "$1: output differs from $3"
		diff "$T_TMP/out" "$3" | head -n 20
	fi
}

if [ -d "$SHARED" ]; then
	n=0
	for html in "$SHARED"/[0-9][0-9]-*.html; do
		width=$(case_key "$html" width)
		golden "render-case $(basename "$html" .html)" "$html" "${html%.html}.expected" "${width:-40}"
		n=$((n + 1))
	done
	check "all 19 shared render cases were run" test "$n" -ge 19
else
	echo "# $SHARED not found: shared render cases skipped"
fi

# Our cases: NAME.html with NAME.wNN.expected, one per width.
for expected in "$OWN"/*.w[0-9]*.expected; do
	name=$(basename "$expected" .expected)
	golden "own case $name" "$OWN/${name%.w*}.html" "$expected" "${name##*.w}"
done

# Standard input, default width 80 when not on a terminal.
printf '<p>%s</p>' "$(printf 'word %.0s' $(seq 1 30))" | $BYLINE render >"$T_TMP/out"
check "reads standard input; wraps at 80 columns when not on a terminal" \
	test "$(awk '{ print length($0) }' "$T_TMP/out" | sort -n | tail -n 1)" -le 80 -a \
	"$(wc -l <"$T_TMP/out")" -eq 2
printf '<p>a b</p>' | $BYLINE render - >"$T_TMP/out"
check "'-' is standard input" test "$(cat "$T_TMP/out")" = "a b"

# Control characters never reach the terminal, in text or in link URLs.
printf '<p>x\033]0;pwned\007y \302\23331m <a href="https://e.com/\033[2J">l</a></p>' |
	$BYLINE render --width 40 >"$T_TMP/out"
check "no control character in the output" sh -c "! LC_ALL=C grep -q \"\$(printf '[\\001-\\010\\013-\\037\\177]')\" '$T_TMP/out'"
check "C1 controls shown as U+FFFD" grep -q 'y �31m' "$T_TMP/out"

# --color: ANSI styling only when asked.
printf '<p><b>bold</b> <a href="https://e.com/">link</a></p>' | $BYLINE render --color >"$T_TMP/out"
check "--color styles bold text" grep -q "$(printf '\033\\[0;1mbold\033\\[0m')" "$T_TMP/out"
printf '<p><b>bold</b></p>' | $BYLINE render >"$T_TMP/out"
check "no escape sequences without --color" test "$(cat "$T_TMP/out")" = "bold"

# --base resolves relative links.
printf '<p><a href="../b?x=1">b</a></p>' | $BYLINE render --base https://e.com/a/c/ >"$T_TMP/out"
check "--base resolves relative links" grep -qx '\[1\] https://e.com/a/b?x=1' "$T_TMP/out"

# Errors: named file, reason, usage; exit status.
$BYLINE render "$T_TMP/missing.html" 2>"$T_TMP/err" >/dev/null
rc=$?
check "missing file: exit 1" test "$rc" = 1
check "missing file: the message names the file and the reason" \
	grep -q "cannot open $T_TMP/missing.html: No such file" "$T_TMP/err"
# usage_error NAME PATTERN ARGS...: exit 1 (as every command), the reason, the usage, no output
usage_error() {
	name=$1 pattern=$2
	shift 2
	$BYLINE render "$@" 2>"$T_TMP/err" </dev/null >"$T_TMP/out"
	rc=$?
	if [ "$rc" = 1 ] && grep -q -- "$pattern" "$T_TMP/err" && grep -q '^usage: byline render' "$T_TMP/err" &&
		[ ! -s "$T_TMP/out" ]; then
		ok "$name: exit 1 with the reason and the usage"
	else
		fail "$name: exit $rc (want 1), stderr: $(head -n 1 "$T_TMP/err")"
	fi
}
usage_error "bad --width" "wants a number of columns" --width zero
usage_error "--width 0" "wants a number of columns" --width 0
usage_error "bad --emoji" "wants 'safe' or 'passthrough'" --emoji fancy
usage_error "unknown option" "unknown option '--frob'" --frob
usage_error "option without its value" "--base needs a value" --base
usage_error "two files" "one document at a time" a.html b.html
sed -n '/^\.SH EXIT STATUS/,/^\.SH FILES/p' man/byline.1 >"$T_TMP/exit"
check "the man page gives render no exit status of its own" sh -c "! grep -q render '$T_TMP/exit'"
$BYLINE render --help >"$T_TMP/out"
check "--help prints the usage" grep -q '^usage: byline render' "$T_TMP/out"
$BYLINE --help >"$T_TMP/out"
check "render is listed in byline --help" grep -q '^  render ' "$T_TMP/out"
finish
