# Screen test: the first run. No config, no database, no network: the reader
# starts on the built-in feeds (ifanr first), creates the database, shows the
# key hint, says of each feed that it failed and why, and still works.
. tests/cli/lib.sh
. tests/ui/lib.sh

home="$T_TMP/home"
mkdir -p "$home"
# No network: a network namespace of our own when we may make one (nothing
# but a dead loopback inside); otherwise every transfer goes to a dead proxy.
if unshare -rn true 2>/dev/null; then
	nonet="unshare -rn"
	proxy=""
else
	nonet=""
	proxy="http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 ALL_PROXY=http://127.0.0.1:9"
fi
# start_home [PREFIX [ENV...]]: the reader with nothing but HOME set, no -c, no -d.
start_home() {
	pre=$1
	shift
	ui_tmux new-session -d -x "$UI_COLS" -y "$UI_ROWS" \
		"$pre env -i HOME=$home PATH=/usr/bin:/bin TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 $* $BYLINE_ABS; echo BYLINE-EXITED \$?; sleep 30"
	ui_tmux set-option -g status off >/dev/null
}
start_home "$nonet" $proxy

ui_check "the reader starts on the built-in feeds" "byline: Feeds (5)"
ui_row 4 | grep -q "ifanr" && ok "ifanr is the first feed" \
	|| fail "ifanr is the first feed: row 4 is '$(ui_row 4)'"
ui_row 1 | grep -q "? help" && ok "the top line hints ? for help" \
	|| fail "the top line hints ? for help: '$(ui_row 1)'"
ui_row 1 | grep -q "Enter open  q quit" && ok "the hint names open and quit" \
	|| fail "the hint names open and quit: '$(ui_row 1)'"
ui_check "the refresh ends and says every feed failed" "refreshed 5 feeds: 0 new articles, 5 failed"
# Before any key, the hint where the config goes is not hidden by the summary: both show,
# the status line wrapped over rows at word boundaries.
status=$(ui_screen | tail -n 3 | tr -d ' \n')
case "$status" in *"refreshed5feeds"*"writeyoursto$home/.config/byline/config"*) true ;; *) false ;; esac \
	&& ok "the config hint stays beside the refresh summary until a key" \
	|| fail "the config hint stays beside the refresh summary until a key: $(ui_screen | tail -n 3)"
n=$(ui_screen | grep -c '^! ')
check "each built-in feed is marked as failed ($n of 5)" test "$n" = 5
check "the database was created under XDG_DATA_HOME's default" \
	test -s "$home/.local/share/byline/byline.db"
check "no config file is written behind the user's back" test ! -e "$home/.config/byline/config"

ui_keys j
ui_check "the status line says where the user's config goes" \
	"write yours to $home/.config/byline/config"
ui_keys j
ui_check_re "selecting a feed shows why it failed" "^https://www.ifanr.com/feed: ."
ui_keys Enter
ui_check "a failed feed opens, empty" "no articles"
ui_row 1 | grep -q "q back" && ok "in a list the hint says q goes back" \
	|| fail "in a list the hint says q goes back: '$(ui_row 1)'"
ui_keys q '?'
ui_check "? opens the help" "Help: keys of the feeds view"
ui_keys q
ui_check "q leaves the help" "byline: Feeds (5)"
ui_keys q
ui_check "q quits the reader, exit status 0" "BYLINE-EXITED 0"
ui_stop

# The hint follows the bindings: rebinding help moves it.
mkdir -p "$home/.config/byline"
printf 'feed http://127.0.0.1:9/none.xml\nset refresh-on-start no\nbind F1 help\nbind ? none\n' \
	>"$home/.config/byline/config"
start_home ""
ui_check "the reader starts on the user's config" "byline: Feeds (1)"
ui_row 1 | grep -q "F1 help" && ok "the hint shows the rebound help key" \
	|| fail "the hint shows the rebound help key: '$(ui_row 1)'"
ui_screen | grep -q "built-in feeds" && fail "no first-run note with a config of one's own" \
	|| ok "no first-run note with a config of one's own"
ui_stop
finish
