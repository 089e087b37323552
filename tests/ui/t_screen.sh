# Screen test: CJK alignment, resize, escape injection, colors, split layout, bind lines, Ctrl-Z.
. tests/cli/lib.sh
. tests/ui/lib.sh

D="$T_TMP/f"
ui_fixture "$D" || { fail "fixture"; finish; }

# ---- escape injection: the pane title and the screen stay ours ----
UI_PRE="sleep 0.3; " UI_TITLE="before-byline" ui_start "$D/config" "$D/db"
ui_check "the evil feed is listed" "Evil"
ui_line_of "Evil" | grep -q "�\]0;PWNED�Evil�\[2J feed" && ok "ESC and BEL in a feed title are shown, not obeyed" \
	|| fail "ESC and BEL in a feed title are shown, not obeyed: $(ui_line_of Evil)"
ui_check "ESC [ 2 J did not clear the screen" "Alpha News"
ui_keys j j j j Enter
ui_check "the evil feed's articles open" "Evil �[2J�]0;HACKED� title second line"
ui_keys Enter
ui_check "the evil body shows its escapes" "Body �[31mred�[0m"
ui_keys q q
ui_check "back in the feeds" "Beta Blog"
title=$(ui_tmux display -p -t 0 '#{pane_title}')
[ "$title" = "before-byline" ] && ok "the window title is unchanged" || fail "the window title became '$title'"
ui_stop

# ---- a CJK, Devanagari, emoji, Hangul title list keeps its right edge ----
ui_start "$D/config" "$D/db"
ui_keys j j j Enter
ui_check "the CJK feed opens" "byline: 科技新闻 Tech"
ui_screen | python3 -c '
import sys, unicodedata
def width(s):
    w = 0
    for c in s:
        if unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return w
rows = [l.rstrip("\n") for l in sys.stdin][1:6]
bad = [(width(r), r) for r in rows if not r.startswith(" 20") or not 96 <= width(r) <= 100]
for w, r in bad:
    print("# width %d: %s" % (w, r))
sys.exit(1 if bad or len(rows) != 5 else 0)
' && ok "five wide-script titles end at the right edge, none spills" \
	|| fail "five wide-script titles end at the right edge, none spills"
ui_screen | sed -n 7p | grep -q . && fail "nothing spilled below the list" || ok "nothing spilled below the list"

# ---- resize reflows ----
ui_resize 60 15
ui_check "after a resize the status line moves up" "1/5"
[ "$(ui_screen | wc -l)" = 15 ] && ui_row 15 | grep -q "1/5" && ok "status on the last row of 15" \
	|| fail "status on the last row of 15"
ui_screen | python3 -c '
import sys, unicodedata
w = lambda s: sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else
                  2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
sys.exit(0 if all(w(l.rstrip("\n")) <= 60 for l in sys.stdin) else 1)' \
	&& ok "every row fits 60 columns" || fail "every row fits 60 columns"
ui_keys Enter
ui_check "the article wraps to the new width" "Title:  人工智能"
ui_resize 100 30
ui_check "growing again reflows" "Feed:   科技新闻 Tech"
[ "$(ui_screen | wc -l)" = 30 ] && ok "30 rows again" || fail "30 rows again"
ui_keys C-l
ui_check "C-l redraws" "Title:  人工智能"

# ---- colors: attributes from color lines; NO_COLOR keeps attributes, drops colors ----
# (TERM=screen, as ui_start sets it, has 8 colors.)
ui_keys q
ui_check "list again" "byline: 科技新闻 Tech"
ui_tmux capture-pane -e -p -t 0 | grep -q "$(printf '\033')\[36m" && ok "dates are cyan by default" \
	|| fail "dates are cyan by default"
ui_stop
ui_start "$D/config" "$D/db" NO_COLOR=1
ui_keys j j j Enter
ui_check "the CJK feed opens without colors" "byline: 科技新闻 Tech"
esc=$(printf '\033')
ui_tmux capture-pane -e -p -t 0 | grep -q "$esc\[3[0-7]m\|$esc\[3[0-9];" && fail "NO_COLOR: no colors" \
	|| ok "NO_COLOR: no colors"
ui_tmux capture-pane -e -p -t 0 | grep -q "$esc\[7m\|$esc\[1m" && ok "NO_COLOR: attributes stay" \
	|| fail "NO_COLOR: attributes stay"
ui_stop

# ---- a monochrome terminal (vt100: no colors in its terminfo): attributes, no color ----
# Every byte the reader writes is recorded (UI_PIPE): not one color sequence may be among
# them, while the screen still shows the selected row in reverse and unread marks in bold.
sgr_color="$esc\[([0-9]+;)*(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9]+)*m"
sgr_reverse="$esc\[([0-9]+;)*7m"
UI_PIPE="$T_TMP/vt100.out" ui_start "$D/config" "$D/db" TERM=vt100
ui_keys j j Enter
ui_check "vt100: Alpha News opens" "byline: Alpha News"
ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha one" | grep -qE "$sgr_reverse" \
	&& ok "vt100: the selected row is drawn in reverse" || fail "vt100: the selected row is drawn in reverse"
ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha two" | grep -qE "$sgr_reverse" \
	&& fail "vt100: an unselected row is not reversed" || ok "vt100: an unselected row is not reversed"
ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha two" | grep -q "$esc\[1mN " \
	&& ok "vt100: the unread mark is bold" || fail "vt100: the unread mark is bold"
ui_keys j
ui_check "vt100: j moves the selection" "2/5"
ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha two" | grep -qE "$sgr_reverse" \
	&& ok "vt100: the reverse row follows the cursor" || fail "vt100: the reverse row follows the cursor"
grep -aq "Alpha two" "$T_TMP/vt100.out" && ok "vt100: the reader's output was recorded" \
	|| fail "vt100: the reader's output was recorded"
grep -aqE "$sgr_color" "$T_TMP/vt100.out" && fail "vt100: no color sequence is sent: $(grep -aoE \
	"$sgr_color" "$T_TMP/vt100.out" | head -n 3 | cat -v | tr '\n' ' ')" || ok "vt100: no color sequence is sent"
ui_stop

# ---- 8 colors (xterm) against 256 (xterm-256color): color9 falls back to its base, red ----
# brightgreen, a name the config takes as the reader does, falls back to green alike.
{ cat "$D/config"; echo "color date color9 default"; echo "color feed brightgreen default"; } \
	>"$D/color9"
ui_start "$D/color9" "$D/db" TERM=xterm
ui_wait "Alpha News"
ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha News" | grep -qE "$esc\[32m($esc\[[0-9;]*m)* *4/5" \
	&& ok "xterm (8 colors): brightgreen counts are drawn green" \
	|| fail "xterm (8 colors): brightgreen counts are drawn green: $(ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha News" | cat -v)"
ui_keys j j Enter
ui_check "xterm: Alpha News opens" "byline: Alpha News"
ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha two" | grep -qE "$esc\[31m[0-9]{4}-" \
	&& ok "xterm (8 colors): color9 dates are drawn red" \
	|| fail "xterm (8 colors): color9 dates are drawn red: $(ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha two" | cat -v)"
ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha one" | grep -qE "$sgr_reverse" \
	&& ok "xterm (8 colors): the selected row is reversed" || fail "xterm (8 colors): the selected row is reversed"
ui_stop
ui_start "$D/color9" "$D/db" TERM=xterm-256color
ui_wait "Alpha News"
ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha News" | grep -qE "$esc\[92m($esc\[[0-9;]*m)* *4/5" \
	&& ok "xterm-256color: brightgreen counts are bright green" \
	|| fail "xterm-256color: brightgreen counts are bright green: $(ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha News" | cat -v)"
ui_keys j j Enter
ui_check "xterm-256color: Alpha News opens" "byline: Alpha News"
ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha two" | grep -qE "$esc\[91m[0-9]{4}-" \
	&& ok "xterm-256color: color9 dates are bright red" \
	|| fail "xterm-256color: color9 dates are bright red: $(ui_tmux capture-pane -e -p -t 0 | grep -F "Alpha two" | cat -v)"
ui_stop

# ---- split layout: the list and the article side by side ----
sed 's/^set layout list/set layout split/' "$D/config" >"$D/split"
ui_start "$D/split" "$D/db"
ui_keys j j Enter
ui_check "split: the list on top previews its selected article" "Title:  Alpha one"
ui_line_of "Title:  Alpha one" | grep -q "Alpha .*|Title:  Alpha one" \
	&& ok "split: list and preview on one screen row" \
	|| fail "split: list and preview on one screen row: $(ui_line_of "Title:  Alpha one")"
ui_line_of "Alpha one" | grep -q " N " && ok "split: a preview leaves the article unread" \
	|| fail "split: a preview leaves the article unread: $(ui_line_of "Alpha one")"
ui_keys j
ui_check "split: the preview follows the cursor" "Title:  Alpha two"
ui_check_gone "split: the previous preview goes" "Title:  Alpha one"
ui_check "split: the list keeps the keys" "2/5"
ui_keys j
ui_check "split: and follows again" "Title:  Alpha three"
ui_keys q
ui_check "split: back in the feeds" "byline: Feeds"
ui_line_of "Alpha News" | grep -q " 4/5 " && ok "split: previewing marked nothing read" \
	|| fail "split: previewing marked nothing read: $(ui_line_of "Alpha News")"
ui_screen | grep -q "|" && fail "split: the feeds view fills the screen" \
	|| ok "split: the feeds view fills the screen"
ui_keys Enter
ui_check "split: the list remembers its position, the preview with it" "Title:  Alpha three"
ui_keys Enter
ui_check "split: Enter opens the article, which takes the keys" "byline: Alpha News: Alpha three"
ui_check "split: the list stays visible" "Alpha two"
ui_keys q q
ui_check_re "split: opening marks read" " 3/5 +Alpha News"
ui_keys /
ui_type "人工智能"
ui_keys Enter
ui_check "split: search results preview their article" "Title:  人工智能"
ui_stop

# auto splits from 140 columns on, previews included.
sed 's/^set layout list/set layout auto/' "$D/config" >"$D/auto"
UI_COLS=140 ui_start "$D/auto" "$D/db"
ui_keys G Enter
ui_check "auto at 140 columns: the list previews" "Title:  Beta first"
ui_line_of "Title:  Beta first" | grep -q "|" && ok "auto at 140 columns: side by side" \
	|| fail "auto at 140 columns: side by side"
ui_resize 139 30
ui_check_gone "auto at 139 columns: the list alone" "Title:  Beta first"
ui_screen | grep -q "|" && fail "auto at 139 columns: no divider" || ok "auto at 139 columns: no divider"
ui_resize 140 30
ui_check "auto: wide again, the preview is back" "Title:  Beta first"
ui_stop

# ---- bind lines: rebinding, and errors named by file and line ----
{ cat "$D/config"; echo "bind J next"; echo "bind feeds x open"; } >"$D/bind"
ui_start "$D/bind" "$D/db"
ui_keys J J x
ui_check "rebound keys work (J next, x open in feeds)" "byline: Alpha News"
ui_keys '?'
ui_check_re "help shows the rebound key" "  next .*J"
ui_stop
{ cat "$D/config"; echo "bind j nxet"; } >"$D/bad"
line=$(wc -l <"$D/bad")
$BYLINE -c "$D/bad" -d "$D/db" </dev/null >/dev/null 2>"$T_TMP/err"
check "an unknown action stops the start" test $? = 1
grep -q "$D/bad:$line: unknown action 'nxet'" "$T_TMP/err" && ok "the error names file and line" \
	|| fail "the error names file and line: $(cat "$T_TMP/err")"
{ cat "$D/config"; echo "color nosuch red default"; } >"$D/bad"
$BYLINE -c "$D/bad" -d "$D/db" </dev/null >/dev/null 2>"$T_TMP/err"
grep -q "$D/bad:$line: unknown element 'nosuch'" "$T_TMP/err" && ok "a bad color line names file and line" \
	|| fail "a bad color line names file and line: $(cat "$T_TMP/err")"

# ---- Ctrl-Z and fg ----
ui_tmux new-session -d -x "$UI_COLS" -y "$UI_ROWS" "env PS1='prompt> ' sh -i"
ui_type "TERM=screen $BYLINE_ABS -c $D/config -d $D/db"
ui_keys Enter
ui_check "started from a shell" "All unread"
ui_keys C-z
ui_check_gone "C-z hands the terminal back" "All unread"
ui_type "fg"
ui_keys Enter
ui_check "fg brings the reader back" "All unread"
ui_keys j Enter
ui_check "and it still takes keys" "byline: Starred"
finish
