# Hostile feeds in the reader (tmux): every article opened; the bytes byline sends to the
# terminal hold no control from a feed; the title and clipboard stay ours; links never run.
. tests/http/lib.sh
. tests/ui/lib.sh
. tests/hostile/lib.sh

HOSTILE_ITEMS=10
gen_catalogue "http://127.0.0.1:9/xxe"
{
	echo "set refresh-on-start no"
	for n in $(cut -f1 "$T_TMP/cases"); do
		case $n in big-title | many-items) ;; *) echo "feed file://$CAT/$n.xml" ;; esac
	done
} >"$CONF"
$BYLINE refresh -c "$CONF" -d "$DB" >/dev/null 2>&1
n_items=$(q "SELECT count(*) FROM item;")
check "the hostile feeds are stored" test "$n_items" -ge 30

RAW="$T_TMP/terminal.raw"
# hostile_start CONFIG: the reader with every byte it writes to the terminal copied to $RAW.
hostile_start() {
	ui_tmux new-session -d -x "$UI_COLS" -y "$UI_ROWS" \
		"sleep 0.5; env TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 $BYLINE_ABS -c $1 -d $DB; echo BYLINE-EXITED \$?; sleep 30"
	ui_tmux set-option -g status off >/dev/null
	ui_tmux set-option -g set-clipboard on >/dev/null
	ui_tmux set-option -g allow-rename on >/dev/null
	ui_tmux select-pane -t 0 -T "title-before"
	ui_tmux pipe-pane -t 0 "cat >>'$RAW'"
	ui_wait "byline:" || { echo "# the reader did not start:"; ui_screen | sed 's/^/# /'; }
}

# ---- every article of every hostile feed, opened and paged ----
: >"$RAW"
hostile_start "$CONF"
ui_keys Enter
ui_check "All unread opens" "byline:"
i=0
while [ $i -lt "$n_items" ]; do
	ui_keys Enter
	sleep 0.1
	ui_keys Space Space q j
	sleep 0.1
	i=$((i + 1))
done
ui_keys q
sleep 0.3
ui_check "the reader is still running after every hostile article" "byline:"
check "every article was opened (marked read)" test "$(q 'SELECT count(*) FROM item_state WHERE read = 0;')" = 0
title=$(ui_tmux display -p -t 0 '#{pane_title}')
check "the pane title is still ours (no OSC 0/2 obeyed): '$title'" test "$title" = "title-before"
check "no OSC 52 reached the clipboard" test -z "$(ui_tmux list-buffers 2>/dev/null)"
ui_keys Q
sleep 0.3
ui_stop
check "the terminal stream was captured (it shows the hostile titles)" grep -q 'ctl feed' "$RAW"
python3 - "$RAW" >"$T_TMP/raw.why" <<'EOF'
import re, sys
raw = open(sys.argv[1], "rb").read()
bad = {
    b"\x1b]": "an OSC sequence (title, hyperlink, clipboard)",
    b"\x1bP": "a DCS sequence",
    b"\x1b[8;99;99t": "the feed's resize CSI",
    b"\x1b[6n": "the feed's cursor report CSI",
    b"PWNED-TITLE0\x07": "the feed's OSC payload followed by BEL",
}
for seq, what in bad.items():
    if seq in raw:
        print("%s at byte %d" % (what, raw.index(seq)))
text = raw.decode("utf-8", "replace")
for m in re.finditer("[\x80-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]", text):
    print("U+%04X at character %d" % (ord(m.group()), m.start()))
    break
EOF
check "the bytes sent to the terminal hold no OSC, DCS, C1, bidi control or feed CSI" test ! -s "$T_TMP/raw.why"
sed 's/^/# /' "$T_TMP/raw.why"

# ---- links: shell characters never run, the URL one argument; other schemes refused ----
REC="$T_TMP/rec.sh"
ARGS="$T_TMP/args"
cat >"$REC" <<EOS
#!/bin/sh
# A stand-in browser: records its argument count and arguments, one per line.
{ echo "argc \$#"; for a in "\$@"; do printf 'arg %s\n' "\$a"; done; } >>"$ARGS"
EOS
chmod +x "$REC"
printf 'set refresh-on-start no\nset browser "%s %%u"\nfeed file://%s/shell.xml\nfeed file://%s/schemes.xml\n' \
	"$REC" "$CAT" "$CAT" >"$T_TMP/links.conf"
: >"$ARGS"
hostile_start "$T_TMP/links.conf"
ui_keys j j Enter
ui_check "the shell feed opens" "shell 0"
for k in 0 1 2 3 4 5; do ui_keys o; sleep 0.3; ui_keys j; done
check "the browser was started for the shell links" grep -q '^argc' "$ARGS"
check "always with the URL as its one argument" test -z "$(grep '^argc' "$ARGS" | grep -v '^argc 1$')"
q "SELECT link FROM item WHERE guid LIKE 'sh%';" | sed 's/^/arg /' >"$T_TMP/links"
check "each URL arrives exactly as stored" test -z "$(grep '^arg ' "$ARGS" | grep -vxFf "$T_TMP/links")"
check "nothing in a link ran (no file created)" test -z "$(ls "$CAT" | grep -v '\.xml$')"
ui_keys q j Enter
ui_check "the schemes feed opens" "scheme javascript"
: >"$ARGS"
for k in 0 1 2 3; do
	ui_keys o
	ui_check "scheme link $k is refused in words" "only http, https and mailto links are opened"
	ui_keys j
	sleep 0.2
done
check "the browser was never started for them" test ! -s "$ARGS"
ui_stop

finish
