# Helpers for screen tests: the real binary in a detached tmux session of fixed size.
# Sourced after tests/cli/lib.sh. Each test uses its own tmux server (-L), so
# tests never touch the user's tmux nor each other.

: "${BYLINE_ABS:=$(cd "$(dirname "$BYLINE")" && pwd)/$(basename "$BYLINE")}"
UI_N=0
UI_SOCK="byline-test-$$-0"
UI_COLS=100
UI_ROWS=30
UI_TIMEOUT=${UI_TIMEOUT:-10}

ui_tmux() { tmux -L "$UI_SOCK" -f /dev/null "$@"; }

# ui_start CONFIG DB [ENV=VALUE ...]: starts the reader; waits for its first screen.
# With UI_PIPE=FILE, every byte the reader writes to its terminal is copied to FILE
# (tmux pipe-pane); the reader starts only once the copy runs, so none is missed.
ui_start() {
	conf=$1 db=$2
	shift 2
	ui_pre=${UI_PRE:-}
	[ -n "${UI_PIPE:-}" ] && ui_pre="$ui_pre while [ ! -e $UI_PIPE ]; do sleep 0.05; done; "
	ui_tmux new-session -d -x "$UI_COLS" -y "$UI_ROWS" \
		"${ui_pre}env TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 $* $BYLINE_ABS -c $conf -d $db; echo BYLINE-EXITED \$?; sleep 30"
	[ -n "${UI_PIPE:-}" ] && ui_tmux pipe-pane -t 0 "cat >$UI_PIPE"
	ui_tmux set-option -g status off >/dev/null
	[ -n "${UI_TITLE:-}" ] && ui_tmux select-pane -t 0 -T "$UI_TITLE"
	ui_wait "byline:" || { echo "# the reader did not start:"; ui_screen | sed 's/^/# /'; }
}

# ui_children PID...: the processes whose parent is one of PID (read from /proc).
ui_children() {
	for st in /proc/[0-9]*/status; do
		awk -v want=" $* " '/^Pid:/ { pid = $2 } /^PPid:/ { if (index(want, " " $2 " ")) print pid; exit }' \
			"$st" 2>/dev/null
	done
}

# Ends the tmux server; the next session gets a fresh socket (no race with a dying server).
# A reader that outlives its terminal by 10 s is killed, so no test leaves one running
# (an ASan build can hang in LeakSanitizer's exit check when its terminal is gone).
ui_stop() {
	ui_panes=$(ui_tmux list-panes -a -F '#{pane_pid}' 2>/dev/null)
	ui_left=
	[ -n "$ui_panes" ] && ui_left=$(ui_children $ui_panes)
	ui_tmux kill-server 2>/dev/null
	ui_n=0
	while [ -n "$ui_left" ] && [ $ui_n -lt 100 ]; do
		ui_alive=
		for p in $ui_left; do kill -0 "$p" 2>/dev/null && ui_alive="$ui_alive $p"; done
		ui_left=$ui_alive
		[ -n "$ui_left" ] && sleep 0.1
		ui_n=$((ui_n + 1))
	done
	for p in $ui_left; do
		echo "# a reader (pid $p) outlived its terminal by 10 s: killed"
		kill -9 "$p" 2>/dev/null
	done
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$UI_SOCK"
	UI_N=$((UI_N + 1))
	UI_SOCK="byline-test-$$-$UI_N"
}
trap 'ui_stop; rm -rf "$T_TMP"' EXIT

ui_keys() { ui_tmux send-keys -t 0 "$@"; }
# Types text literally (no key names).
ui_type() { ui_tmux send-keys -t 0 -l "$1"; }
ui_screen() { ui_tmux capture-pane -p -t 0 2>/dev/null; }
ui_resize() { ui_tmux resize-window -t 0 -x "$1" -y "$2"; }

# ui_wait TEXT [SECONDS]: waits until TEXT (fixed string) is on the screen.
ui_wait() {
	deadline=$(( $(date +%s) + ${2:-$UI_TIMEOUT} ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		ui_screen | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	return 1
}

# ui_wait_re REGEX [SECONDS]: waits until an extended regular expression matches the screen.
ui_wait_re() {
	deadline=$(( $(date +%s) + ${2:-$UI_TIMEOUT} ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		ui_screen | grep -qE -- "$1" && return 0
		sleep 0.05
	done
	return 1
}

# ui_wait_gone TEXT [SECONDS]: waits until TEXT is no longer on the screen.
ui_wait_gone() {
	deadline=$(( $(date +%s) + ${2:-$UI_TIMEOUT} ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		ui_screen | grep -qF -- "$1" || return 0
		sleep 0.05
	done
	return 1
}

# ui_row N: line N (1-based) of the screen.
ui_row() { ui_screen | sed -n "${1}p"; }
# The screen row holding TEXT.
ui_line_of() { ui_screen | grep -F -- "$1" | head -n 1; }

# ui_check NAME TEXT: ok when TEXT shows up on screen; otherwise dumps the screen.
ui_check() {
	if ui_wait "$2"; then ok "$1"; else
		fail "$1: '$2' not on screen"
		ui_screen | sed 's/^/# /'
	fi
}
# ui_check_re NAME REGEX: the same for an extended regular expression (a line's contents).
ui_check_re() {
	if ui_wait_re "$2"; then ok "$1"; else
		fail "$1: /$2/ not on screen"
		ui_screen | sed 's/^/# /'
	fi
}
ui_check_gone() {
	if ui_wait_gone "$2"; then ok "$1"; else
		fail "$1: '$2' still on screen"
		ui_screen | sed 's/^/# /'
	fi
}

# ui_fixture DIR: builds DIR/config and DIR/db (see tests/ui/fixture.py).
ui_fixture() {
	mkdir -p "$1"
	python3 tests/ui/fixture.py config "$1/config" || return 1
	# The store creates its schema (any command that opens it); the fixture fills it.
	$BYLINE_ABS list -c "$1/config" -d "$1/db" >/dev/null || return 1
	python3 tests/ui/fixture.py db "$1/db" "${2:-small}"
}
