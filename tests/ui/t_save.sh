# Screen test: save (w), save-html (W), pipe (|), a command bound with pipe, and macros.
# Names come from feed titles: no path tricks, no control characters, never an overwrite.
. tests/cli/lib.sh
. tests/ui/lib.sh

D="$T_TMP/f"
S="$T_TMP/saved dir"
ui_fixture "$D" || { fail "fixture"; finish; }
HUGE=$(python3 -c 'print("長" * 3000)')
sqlite3 "$D/db" "UPDATE item SET title = '../../escape/' || char(27) || '[2Jtitle' || char(10) || 'two' WHERE title = 'Beta first';
UPDATE item SET title = '$HUGE' WHERE title = 'Beta second';
UPDATE item SET body = '<p>Beta <b>third</b> &lt;script&gt; body.</p><script>alert(1)</script>' WHERE title = 'Beta third';"
{ cat "$D/config"
  echo "set save-dir \"$S\""
  echo "bind article X \"pipe tee $T_TMP/bound.txt\""
  echo "bind article M \"toggle-star; save; back\""
  echo "bind article Z \"save; frobnicate\""
} >"$D/conf"
Z=$("$BYLINE" list -c "$D/conf" -d "$D/db" 2>&1 >/dev/null)
{ cat "$D/config"; echo 'bind Z "save; frobnicate"'; } >"$D/bad"
out=$("$BYLINE_ABS" -c "$D/bad" -d "$D/db" 2>&1 </dev/null)
case "$out" in *"unknown action 'frobnicate'"*) ok "a macro with an unknown action is refused, naming it" ;;
	*) fail "a macro with an unknown action is refused, naming it: $out" ;; esac
{ cat "$D/config"; echo 'bind Z "next less"'; } >"$D/bad"
out=$("$BYLINE_ABS" -c "$D/bad" -d "$D/db" 2>&1 </dev/null)
case "$out" in *"next takes no argument"*) ok "an argument to an action that takes none is refused" ;;
	*) fail "an argument to an action that takes none is refused: $out" ;; esac
grep -v '^bind article Z' "$D/conf" >"$D/conf2"

ui_start "$D/conf2" "$D/db"
ui_keys j j Enter Enter
ui_check "an article is open" "Title:  Alpha one"
ui_keys w
ui_check "w says where the article went" "saved $S/Alpha one.txt"
[ -f "$S/Alpha one.txt" ] && grep -q "^Title:  Alpha one" "$S/Alpha one.txt" && grep -q "Body of alpha one" "$S/Alpha one.txt" \
	&& ok "the file holds the article as text" || fail "the file holds the article as text: $(cat "$S/Alpha one.txt" 2>&1)"
grep -q "https://example.org/a0" "$S/Alpha one.txt" && ok "its links are listed" || fail "its links are listed"
sum=$(cksum <"$S/Alpha one.txt")
ui_keys w
ui_check "w again makes a second file" "saved $S/Alpha one (2).txt"
[ "$(cksum <"$S/Alpha one.txt")" = "$sum" ] && ok "the first file is not overwritten" || fail "the first file is not overwritten"
ui_keys W
ui_check "W saves the HTML" "saved $S/Alpha one.html"
grep -q "script-src 'none'" "$S/Alpha one.html" && grep -q "<title>Alpha one</title>" "$S/Alpha one.html" \
	&& ok "the HTML page runs no script and keeps the title" || fail "the HTML page runs no script and keeps the title"

# pipe: asked for, the words split once (quotes group), no shell.
ui_keys '|'
ui_check "| asks for a command" "Pipe to:"
ui_type "tee '$T_TMP/piped out.txt' $T_TMP/\$(touch\${IFS}pwned)"
ui_keys Enter
ui_wait "piped the article to tee"
ui_check "the status line says where it went" "piped the article to tee"
grep -q "^Title:  Alpha one" "$T_TMP/piped out.txt" 2>/dev/null && ok "the command got the text on its input" \
	|| fail "the command got the text on its input"
[ ! -e pwned ] && [ -f "$T_TMP/\$(touch\${IFS}pwned)" ] && ok "no shell ran the command line: \$(...) was one word" \
	|| fail "no shell ran the command line: \$(...) was one word"
ui_keys X
ui_wait "piped the article to tee"
grep -q "^Title:  Alpha one" "$T_TMP/bound.txt" 2>/dev/null && ok "bind KEY \"pipe CMD\" runs CMD" \
	|| fail "bind KEY \"pipe CMD\" runs CMD"
ui_keys '|'
ui_type "no-such-command-here"
ui_keys Enter
ui_check "a command that is not there is said in words" "could not run command 'no-such-command-here'"

ui_keys '?' G
ui_check "help lists the keys bound to a command" "X        pipe tee $T_TMP/bound.txt"
ui_check "and to a macro" "M        toggle-star; save; back"
ui_keys q
# A macro: star, save, back to the list.
ui_keys M
ui_check "the macro ran back to the list" "Alpha two"
[ -f "$S/Alpha one (3).txt" ] && ok "the macro saved the article" || fail "the macro saved the article"
[ "$(sqlite3 "$D/db" "SELECT starred FROM item JOIN item_state USING (id) WHERE title = 'Alpha one'")" = 1 ] \
	&& ok "the macro starred it" || fail "the macro starred it"

# Hostile titles: a path, escapes and a newline; 3000 CJK characters.
ui_keys q G Enter
ui_check "Beta Blog open" "byline: Beta Blog"
ui_keys g w
ui_wait "saved $S/"
n=$(find "$T_TMP" -name '*escape*' | wc -l)
f=$(find "$S" -name '*escape*')
[ "$n" = 1 ] && [ "$(dirname "$f")" = "$S" ] && ok "a title with ../ and / saves inside save-dir" \
	|| fail "a title with ../ and / saves inside save-dir: $(find "$T_TMP" -name '*escape*')"
case "$(basename "$f")" in *"$(printf '\033')"*|*"
"*|.*) fail "the name holds no control character and is not hidden: $(basename "$f" | od -c | head -2)" ;;
	*) ok "the name holds no control character and is not hidden" ;; esac
ui_keys j w
ui_wait "saved $S/長"
f=$(find "$S" -name '長*')
len=$(basename "$f" | wc -c)
[ -n "$f" ] && [ "$len" -gt 150 ] && [ "$len" -le 210 ] && ok "a huge title is cut to a name the file system takes ($len bytes)" \
	|| fail "a huge title is cut to a name the file system takes: $len"
basename "$f" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 && ok "it is cut between characters" \
	|| fail "it is cut between characters"
ui_keys j W
ui_wait "saved $S/Beta third.html"
grep -q "<script>alert(1)</script>" "$S/Beta third.html" && grep -q "script-src 'none'" "$S/Beta third.html" \
	&& ok "the feed's HTML is kept, its scripts held back by the page's policy" \
	|| fail "the feed's HTML is kept, its scripts held back by the page's policy"

ui_stop

# A write that fails half-way (a file-size limit fails it as a full disk does): said, nothing
# half-written left. A save-dir that is a file: said.
python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE item SET body = ? WHERE title = ?", ("<p>" + "word " * 60000 + "</p>", "Alpha two"))
db.commit()' "$D/db"
before=$(find "$S" -type f | wc -l)
UI_PRE="ulimit -f 100;" ui_start "$D/conf2" "$D/db"
ui_keys j j Enter j Enter
ui_check "the long article is open" "Title:  Alpha two"
ui_keys w
ui_check "the failed write is said" "not saved: cannot write into $S: File too large; nothing was saved"
[ "$(find "$S" -type f | wc -l)" = "$before" ] && ok "no file, whole or half, is left behind" \
	|| fail "no file, whole or half, is left behind: $(ls -la "$S")"
ui_stop
: >"$T_TMP/plainfile"
{ cat "$D/conf2"; echo "set save-dir $T_TMP/plainfile/sub"; } >"$D/conf3"
ui_start "$D/conf3" "$D/db"
ui_keys j j Enter Enter w
ui_check "a save-dir that cannot be made is said" "not saved: cannot create the folder $T_TMP/plainfile/sub"
ui_stop
finish
