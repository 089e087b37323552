# The documentation keeps up with the program: every command, option,
# action, setting, view, key name and color element byline knows (asked from
# the binary with the hidden `byline --list WHAT`) is in --help, the man pages,
# config.example and the README; the man pages are clean for groff.
. tests/cli/lib.sh

MAN1=${DOCS_MAN1:-man/byline.1}
MAN5=${DOCS_MAN5:-man/byline-config.5}
EXAMPLE=${DOCS_EXAMPLE:-config.example}
README=${DOCS_README:-README.md}

# The man page as a reader sees it: wide lines, no hyphenation, blanks inside
# a line squeezed (the indentation stays: headings at 0 and 3, tags at 7).
render() {
	groff -man -Tutf8 -rLL=250n -rHY=0 -P-cbou "$1" 2>/dev/null \
		| sed 's/\([^ ]\)  */\1 /g'
}
TAG='^       '	# a tagged paragraph's tag (.TP), once rendered
render "$MAN1" >"$T_TMP/man1"
render "$MAN5" >"$T_TMP/man5"

# section FILE HEADING: the text under a heading (.SH at column 0, .SS at
# column 3 once rendered: "   byline list" is a subsection) up to the next
# heading of the same level or above.
section() {
	awk -v h="$2" '
		function level(s) { return s ~ /^[^ ]/ ? 1 : s ~ /^   [^ ]/ ? 2 : 0 }
		on && level($0) && level($0) <= lv { on = 0 }
		index($0, h) == 1 && level($0) { on = 1; lv = level($0); next }
		on' "$1"
}

names() {
	"$BYLINE" --list "$1" >"$T_TMP/list-$1" || fail "byline --list $1 works"
	[ -s "$T_TMP/list-$1" ] || fail "byline --list $1 names something"
}
for what in commands actions settings views keys elements; do names "$what"; done
# Asking for nothing known is an error, not an empty list that passes everything.
check "byline --list with an unknown kind fails" \
	sh -c "! '$BYLINE' --list nonsense >/dev/null 2>&1"

# missing LABEL: collects "LABEL" into the list of what is missing.
missing=""
miss() { missing="$missing
  $1"; }
report() {
	if [ -z "$missing" ]; then ok "$1"; else
		fail "$1:$missing"
		missing=""
	fi
}

# ---- groff --------------------------------------------------------------
for page in "$MAN1" "$MAN5"; do
	out=$(groff -man -ww -z "$page" 2>&1)
	if [ -z "$out" ]; then ok "groff -man -ww -z reports nothing on $page"; else
		fail "groff -man -ww -z reports nothing on $page: $out"
	fi
done

# ---- commands and their options -------------------------------------------
"$BYLINE" --help >"$T_TMP/help"
check "byline --help exits 0" test $? = 0
"$BYLINE" --version | grep -q '^byline [0-9]' && ok "byline --version prints the version" \
	|| fail "byline --version prints the version"
section "$T_TMP/man1" COMMANDS >"$T_TMP/sec-commands"
section "$T_TMP/man1" OPTIONS >"$T_TMP/options"
while read -r cmd; do
	grep -q "^  $cmd " "$T_TMP/help" || miss "$cmd in byline --help"
	grep -q "^   byline $cmd\( \|$\)" "$T_TMP/sec-commands" || miss "$cmd: .SS byline $cmd in byline(1) COMMANDS"
	grep -q "byline $cmd" "$README" || miss "$cmd: byline $cmd in $README"
	"$BYLINE" "$cmd" --help >"$T_TMP/help-$cmd" 2>&1
	rc=$?
	[ "$rc" = 0 ] || miss "$cmd: byline $cmd --help exits 0 (it gave $rc)"
	head -n 1 "$T_TMP/help-$cmd" | grep -q "^usage: byline $cmd\( \|$\)" \
		|| miss "$cmd: --help starts with 'usage: byline $cmd'"
	# Every option of the usage lines has a line of its own, and byline(1) has it.
	sed -n '1,/^$/p' "$T_TMP/help-$cmd" | grep -o -- '\[--*[a-zA-Z][a-z-]*' | tr -d '[' \
		| sort -u >"$T_TMP/opts-$cmd"
	grep -o -- '^  --*[a-zA-Z][a-z-]*' "$T_TMP/help-$cmd" | sed 's/^  //' \
		>"$T_TMP/lines-$cmd"
	grep -o -- ', --[a-z-]*' "$T_TMP/help-$cmd" | sed 's/^, //' >>"$T_TMP/lines-$cmd"
	grep -q -- '--help' "$T_TMP/lines-$cmd" || miss "$cmd: --help has a line for --help"
	section "$T_TMP/sec-commands" "   byline $cmd" >"$T_TMP/man-$cmd"
	for opt in $(cat "$T_TMP/opts-$cmd" "$T_TMP/lines-$cmd" | sort -u); do
		grep -qx -- "$opt" "$T_TMP/lines-$cmd" || miss "$cmd: a --help line for $opt"
		[ "$opt" = --help ] || [ "$opt" = -h ] && continue
		cat "$T_TMP/man-$cmd" "$T_TMP/options" | grep -q -- "\(^\|[ ,\[]\)$opt\($\|[] ,=]\)" \
			|| miss "$cmd: $opt in byline(1)"
	done
	awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T_TMP/help-$cmd" \
		|| miss "$cmd: --help lines fit 80 columns"
done <"$T_TMP/list-commands"
report "every command is in --help, has its own --help, and is in byline(1) and the README"

# ---- the reader's actions ---------------------------------------------------
section "$T_TMP/man1" KEYS >"$T_TMP/sec-keys"
while read -r act; do
	grep -q "($act)" "$T_TMP/sec-keys" || miss "$act: '($act)' in byline(1) KEYS"
	grep -Eq "^#? ?bind( [a-z]+)? [^ ]+ $act\$" "$EXAMPLE" \
		|| miss "$act: a bind line in $EXAMPLE"
done <"$T_TMP/list-actions"
report "every action is in byline(1) KEYS and has a bind line in config.example"

# listed KIND SECTION WORDRE EXAMPLERE: each name of `byline --list KIND` is
# matched by WORDRE (NAME stands for it) in byline-config(5)'s SECTION and by
# EXAMPLERE (a grep -E pattern) in config.example.
listed() {
	section "$T_TMP/man5" "$2" >"$T_TMP/sec-$1"
	while read -r name; do
		grep -q "$(echo "$3" | sed "s/NAME/$name/")" "$T_TMP/sec-$1" \
			|| miss "$1 $name in byline-config(5) $2"
		grep -Eq "$(echo "$4" | sed "s/NAME/$name/")" "$EXAMPLE" \
			|| miss "$1 $name in $EXAMPLE"
	done <"$T_TMP/list-$1"
}

# ---- settings, views, key names, color elements ------------------------------
listed settings SETTINGS "${TAG}NAME\( \|$\)" '^set NAME '
report "every setting has its default in config.example and an entry in byline-config(5)"
listed views "KEY BINDINGS" '\(^\|[ ,]\)NAME\($\|[ ,.;]\)' 'NAME'
# F2..F11 and C-b..C-y are written as ranges (F1 to F12, C-a to C-z).
grep -Ev '^(F([2-9]|1[01])|C-[b-y])$' "$T_TMP/list-keys" >"$T_TMP/list-keynames"
listed keynames "KEY BINDINGS" '\(^\|[ ,(]\)NAME\($\|[ ,.;)]\)' 'NAME'
report "every view and key name is in byline-config(5) and config.example"
listed elements COLORS "${TAG}NAME\( \|$\)" '^color NAME '
report "every color element has an entry in byline-config(5) and a color line in config.example"

# ---- the environment ------------------------------------------------------
section "$T_TMP/man1" ENVIRONMENT >"$T_TMP/env"
for var in BROWSER NO_COLOR XDG_CONFIG_HOME XDG_DATA_HOME http_proxy https_proxy no_proxy \
	ALL_PROXY TERM HOME; do
	grep -q "\(^\|[ ,(]\)$var\($\|[ ,.;)]\)" "$T_TMP/env" || miss "$var in byline(1) ENVIRONMENT"
done
report "byline(1) ENVIRONMENT has every variable byline reads"
finish
