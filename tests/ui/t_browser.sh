# Screen test: open-in-browser and follow-link: no shell, the URL one argument, only http/https/mailto.
. tests/cli/lib.sh
. tests/ui/lib.sh

D="$T_TMP/f"
ui_fixture "$D" || { fail "fixture"; finish; }
REC="$T_TMP/rec.sh"
LOGF="$T_TMP/args"
cat >"$REC" <<EOS
#!/bin/sh
# A stand-in browser: records its arguments, one per line, after their count.
# Written aside, then renamed: whoever sees the file sees all of it.
{ echo "\$#"; for a in "\$@"; do printf '%s\n' "\$a"; done; } >"$LOGF.part"
mv "$LOGF.part" "$LOGF"
echo "a console browser draws here"
EOS
chmod +x "$REC"
# rec_wait: waits until the stand-in browser has recorded a run.
rec_wait() {
	deadline=$(( $(date +%s) + UI_TIMEOUT ))
	while [ ! -e "$LOGF" ]; do
		[ "$(date +%s)" -gt "$deadline" ] && return 1
		sleep 0.05
	done
}
sqlite3 "$D/db" "UPDATE item SET link = 'javascript:alert(1)' WHERE title = 'Beta first';
UPDATE item SET link = 'https://example.org/\$(touch\${IFS}$T_TMP/pwned);x=\`id\`' WHERE title = 'Beta second';
UPDATE item SET link = 'mailto:editor@example.org?subject=Beta%20third&cc=a@example.org;b@example.org',
  body = '<p>Write to <a href=\"mailto:letters@example.org?subject=Re:%20Beta\">the letters desk</a>.</p>'
  WHERE title = 'Beta third';"
{ cat "$D/config"; echo "set browser \"$REC --new-tab %u\""; } >"$D/conf"

ui_start "$D/conf" "$D/db"
ui_keys j j Enter Enter
ui_check "an article is open" "Title:  Alpha one"
ui_keys o
ui_wait "Title:  Alpha one"
sleep 0.3
[ "$(sed -n 1p "$LOGF" 2>/dev/null)" = 2 ] && ok "the browser gets two arguments" \
	|| fail "the browser gets two arguments: $(cat "$LOGF" 2>/dev/null)"
[ "$(sed -n 3p "$LOGF" 2>/dev/null)" = "https://example.org/1/0" ] && ok "%u is the article's link" \
	|| fail "%u is the article's link"
ui_check "the screen comes back after the browser" "Title:  Alpha one"
rm -f "$LOGF"
ui_keys 1
ui_check "a digit opens the link prompt" "Follow link: 1"
ui_keys Enter
ui_wait "Title:  Alpha one"
sleep 0.3
[ "$(sed -n 3p "$LOGF" 2>/dev/null)" = "https://example.org/a0" ] && ok "1 Enter follows link 1" \
	|| fail "1 Enter follows link 1"
ui_keys 7 Enter
ui_check "a link number that does not exist is refused" "no link 7"

# Links from a feed that a shell would run, and schemes that are not opened.
ui_keys q q G Enter
ui_check "Beta Blog open" "byline: Beta Blog"
rm -f "$LOGF"
ui_keys j o
sleep 0.5
[ "$(sed -n 1p "$LOGF" 2>/dev/null)" = 2 ] && [ "$(sed -n 3p "$LOGF")" = "https://example.org/\$(touch\${IFS}$T_TMP/pwned);x=\`id\`" ] \
	&& ok "shell characters reach the browser verbatim, as one argument" \
	|| fail "shell characters reach the browser verbatim, as one argument: $(cat "$LOGF" 2>/dev/null)"
[ ! -e "$T_TMP/pwned" ] && ok "nothing ran them" || fail "nothing ran them"
rm -f "$LOGF"
ui_keys g o
ui_check "a javascript: link is refused" "only http, https and mailto links are opened"
[ ! -e "$LOGF" ] && ok "the browser was not started for it" || fail "the browser was not started for it"

# mailto: links are opened too (o on the article, and a link of its body), the URL one argument.
ui_keys G o
rec_wait && [ "$(sed -n 1p "$LOGF")" = 2 ] \
	&& [ "$(sed -n 3p "$LOGF")" = "mailto:editor@example.org?subject=Beta%20third&cc=a@example.org;b@example.org" ] \
	&& ok "o opens a mailto: link, the URL one argument" \
	|| fail "o opens a mailto: link, the URL one argument: $(cat "$LOGF" 2>/dev/null; ui_screen | tail -n 1)"
rm -f "$LOGF"
ui_keys Enter
ui_check "the article with a mailto: link in its body is open" "Title:  Beta third"
ui_check "its link list shows the mailto: link" "[1] mailto:letters@example.org?subject=Re:%20Beta"
ui_keys 1 Enter
rec_wait && [ "$(sed -n 1p "$LOGF")" = 2 ] \
	&& [ "$(sed -n 3p "$LOGF")" = "mailto:letters@example.org?subject=Re:%20Beta" ] \
	&& ok "1 Enter follows a mailto: link" \
	|| fail "1 Enter follows a mailto: link: $(cat "$LOGF" 2>/dev/null; ui_screen | tail -n 1)"
ui_screen | grep -q "not opened" && fail "no refusal shown for mailto:" || ok "no refusal shown for mailto:"
ui_stop

# A console browser (w3m, lynx) gets the terminal until it exits, Ctrl-C included.
CON="$T_TMP/console.sh"
cat >"$CON" <<'EOS'
#!/bin/sh
# A stand-in console browser: draws, reads keys until "q", handles Ctrl-C itself.
trap 'echo "console browser: interrupted"' INT
echo "console browser: $1"
while :; do
	if read -r line; then [ "$line" = q ] && break; echo "console browser: key $line"; fi
done
EOS
chmod +x "$CON"
{ cat "$D/config"; echo "set browser \"$CON %u\""; } >"$D/conf4"
ui_start "$D/conf4" "$D/db"
ui_keys j j Enter Enter
ui_check "console: an article is open" "Title:  Alpha one"
ui_keys o
ui_check "console: the browser has the screen" "console browser: https://example.org/1/0"
ui_check_gone "console: the reader's screen is put away" "Title:  Alpha one"
ui_type "x"
ui_keys Enter
ui_check "console: the browser reads the keys" "console browser: key x"
ui_keys C-c
ui_check "console: Ctrl-C goes to the browser" "console browser: interrupted"
ui_type "q"
ui_keys Enter
ui_check "console: the reader comes back when the browser exits" "Title:  Alpha one"
ui_keys q
ui_check "console: the reader survived the browser's Ctrl-C and takes keys" "byline: Alpha News"
ui_screen | grep -q "BYLINE-EXITED" && fail "console: the reader is still running" \
	|| ok "console: the reader is still running"
ui_stop

# A browser that cannot be run; then $BROWSER when the config names none.
{ cat "$D/config"; echo 'set browser "/nonexistent/browser %u"'; } >"$D/conf2"
ui_start "$D/conf2" "$D/db"
ui_keys j j Enter o
ui_check "a missing browser is reported on the status line" "could not run browser '/nonexistent/browser'"
ui_stop
{ cat "$D/config"; echo 'set browser ""'; } >"$D/conf3"
rm -f "$LOGF"
ui_start "$D/conf3" "$D/db" "BROWSER=$REC"
ui_keys j j Enter o
ui_wait "byline: Alpha News"
sleep 0.3
[ "$(sed -n 1p "$LOGF" 2>/dev/null)" = 1 ] && [ "$(sed -n 2p "$LOGF")" = "https://example.org/1/0" ] \
	&& ok "\$BROWSER is used, the URL added as its last argument" \
	|| fail "\$BROWSER is used, the URL added as its last argument: $(cat "$LOGF" 2>/dev/null)"
ui_stop

# Neither the config nor $BROWSER: the first of xdg-open, www-browser, lynx, w3m, elinks on
# PATH, run without a shell. Stand-ins on a PATH of the test's own make the choice visible.
FAKE="$T_TMP/bin"
mkdir -p "$FAKE"
fake() {	# fake NAME: a stand-in that says its name, then records its arguments
	printf '#!/bin/sh\necho %s >"%s"\nPATH=/usr/bin:/bin exec "%s" "$@"\n' "$1" "$T_TMP/which" "$REC" \
		>"$FAKE/$1"
	chmod +x "$FAKE/$1"
}
fake w3m
fake lynx
printf 'not a program\n' >"$FAKE/www-browser"	# not executable: passed over
open_with_path() {	# open_with_path NAME: opens an article's link; NAME is who should get it
	rm -f "$LOGF" "$T_TMP/which"
	ui_start "$D/conf3" "$D/db" "BROWSER=" "PATH=$FAKE:$T_TMP/nothing-here"
	ui_keys j j Enter o
	rec_wait && [ "$(cat "$T_TMP/which")" = "$1" ] && [ "$(sed -n 2p "$LOGF")" = "https://example.org/1/0" ] \
		&& ok "no browser set: $1 is used, the URL its argument" \
		|| fail "no browser set: $1 is used, the URL its argument: $(cat "$T_TMP/which" 2>/dev/null; ui_screen | tail -n 2)"
	ui_stop
}
open_with_path lynx
fake xdg-open
open_with_path xdg-open
rm -f "$FAKE"/*
ui_start "$D/conf3" "$D/db" "BROWSER=" "PATH=$FAKE"
ui_keys j j Enter o
ui_check "none on PATH: the reader says what it tried" "none of xdg-open, www-browser, lynx, w3m, elinks is on PATH"
ui_check "and how to set one" "set browser"
finish
