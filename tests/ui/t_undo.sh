# Screen test: undo keeps a history (u u u takes back one change after another), and two
# readers on one database see each other's marks within a second.
. tests/cli/lib.sh
. tests/ui/lib.sh

D="$T_TMP/f"
ui_fixture "$D" || { fail "fixture"; finish; }
flag() { sqlite3 "$D/db" "SELECT s.$1 != 0 FROM item JOIN item_state s USING (id) WHERE title = '$2'"; }
ui_start "$D/config" "$D/db"
ui_keys j j Enter
ui_check "Alpha News open" "byline: Alpha News"
ui_keys g m
ui_check "m marks Alpha one read" "marked read"
ui_keys j m
ui_wait "marked read"
ui_keys j s
ui_check "s stars Alpha three" "starred"
ui_keys A
ui_check "A marks the rest read" "marked read (u undoes)"
[ "$(flag read "Alpha one")$(flag read "Alpha two")$(flag starred "Alpha three")$(flag read "Alpha four")" = 1111 ] \
	&& ok "four changes are stored" || fail "four changes are stored"
ui_keys u
ui_check "the first u takes back mark-all-read" "undone: 2 articles unread (u undoes the change before)"
[ "$(flag read "Alpha four")" = 0 ] && [ "$(flag read "Alpha two")" = 1 ] && ok "only the last change is undone" \
	|| fail "only the last change is undone"
ui_keys u
ui_check "the second u takes back the star" "undone: 1 article unstarred"
[ "$(flag starred "Alpha three")" = 0 ] && ok "Alpha three is unstarred" || fail "Alpha three is unstarred"
ui_keys u
ui_check "the third u takes back Alpha two's mark" "undone: 1 article unread (u undoes the change before)"
[ "$(flag read "Alpha two")" = 0 ] && [ "$(flag read "Alpha one")" = 1 ] && ok "Alpha two is unread, Alpha one not yet" \
	|| fail "Alpha two is unread, Alpha one not yet"
ui_keys u
ui_check "the fourth u takes back the first mark" "undone: 1 article unread"
[ "$(flag read "Alpha one")" = 0 ] && ok "Alpha one is unread again" || fail "Alpha one is unread again"
ui_keys u
ui_check "then there is nothing left to undo" "nothing to undo"

# Two readers on one database.
A_SOCK=$UI_SOCK
UI_SOCK="byline-test-$$-b"
ui_start "$D/config" "$D/db"
ui_keys j j Enter
ui_check "the second reader shows Alpha News" "byline: Alpha News"
ui_line_of "Alpha one" | grep -q " N " && ok "Alpha one is unread there" || fail "Alpha one is unread there"
B_SOCK=$UI_SOCK
UI_SOCK=$A_SOCK
ui_keys g m
ui_check "the first reader marks Alpha one read" "marked read"
UI_SOCK=$B_SOCK
t0=$(date +%s%N)
if ui_wait_re "^ 20[0-9-]* +Alpha one" 5; then
	# It looks every 400 ms; the bound leaves room for tmux on a loaded machine.
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	[ "$ms" -le 2000 ] && ok "the second reader shows the mark within a second or so ($ms ms)" \
		|| fail "the second reader shows the mark within a second or so: $ms ms"
else
	fail "the second reader shows the mark"
	ui_screen | sed 's/^/# /'
fi
ui_keys j s
ui_check "the second reader stars Alpha two" "starred"
UI_SOCK=$A_SOCK
ui_check_re "the first reader shows the star" "^ 20[0-9-]* N\* Alpha two"
ui_stop
UI_SOCK=$B_SOCK
ui_stop
finish
