# Sourced by the benches that time a reader's screens in tmux (bench/ui.sh, bench/scale.sh).
# Method: one tmux server (socket $SOCK, started by tmux_start) whose windows are 100x30;
# a reader starts in a new detached window, exec'd so that the pane's process is the
# reader, and the time runs until a marker is on the screen. The wait is one process for
# the whole run (bench/tmux_wait.py, a tmux control-mode client): it captures the pane
# when asked and again each time tmux reports output on it, and sleeps in between, so
# that it takes no processor from the reader it times. A start is timed from just before
# `new-window` to the capture that shows the marker: it includes tmux starting the
# process, which the floor (a shell that prints the marker) measures. A key is timed from
# just before `send-keys` to the capture that shows its marker; its floor is a shell that
# prints the marker when it reads a line. Peak memory is the reader's VmHWM from /proc at
# that moment. TMUX_WAIT=poll waits as these benches did before, polling
# `tmux capture-pane | grep` with no sleep (a `date`, a `tmux` and a `grep` a round),
# to compare. The caller sets here (bench/), SOCK, W (a scratch directory) and RUNS, and
# kills the server (tmux -L "$SOCK" kill-server) when it exits, which ends the wait's
# process too.

now_ms() { date +%s%3N; }

# tmux_start: one tmux server for every run, so that no run pays for starting it, and the
# wait's process attached to it (its requests on fd 8, its answers on fd 9).
tmux_start() {
	export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen
	tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 "sleep 3600"
	rm -f "$W/wait.in" "$W/wait.out"
	mkfifo "$W/wait.in" "$W/wait.out"
	${PYTHON:-python3} "$here/tmux_wait.py" "$SOCK" <"$W/wait.in" >"$W/wait.out" &
	exec 8>"$W/wait.in" 9<"$W/wait.out"
	read -r _ <&9	# "ready": attached
}

# wait_for PANE MARKER START: waits until MARKER is on PANE's screen (60 s at most);
# prints the ms since START (a now_ms value), or "timeout".
wait_for() {
	[ "${TMUX_WAIT:-}" = poll ] && { poll_for "$@"; return; }
	printf '%s\t%s\t%s\n' "$1" "$3" "$2" >&8
	read -r ms <&9 || ms=timeout	# the wait's process is gone
	echo "$ms"
	[ "$ms" != timeout ]
}

# poll_for PANE MARKER START: wait_for as it was, a loop of captures with no sleep.
poll_for() {
	while [ $(( $(now_ms) - $3 )) -lt 60000 ]; do
		if tmux -L "$SOCK" capture-pane -p -t "$1" 2>/dev/null | grep -qF -- "$2"; then
			echo $(( $(now_ms) - $3 ))
			return 0
		fi
	done
	echo timeout
	return 1
}

# pane_kb PANE: the peak RSS (VmHWM, kB) of PANE's process.
pane_kb() {
	pid=$(tmux -L "$SOCK" display -p -t "$1" '#{pane_pid}' 2>/dev/null)
	kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	echo "${kb:-?}"
}

# open_pane MARKER CMD: starts CMD in a new window; prints "PANE MS" once MARKER is
# on its screen (MS is "timeout" if it never was).
open_pane() {
	marker=$1
	shift
	start=$(now_ms)
	pane=$(tmux -L "$SOCK" new-window -d -P -F '#{pane_id}' "exec $*")
	echo "$pane $(wait_for "$pane" "$marker" "$start")"
}

# press PANE MARKER KEYS...: sends KEYS (tmux key names) to PANE; prints the ms until
# MARKER is on its screen.
press() {
	p=$1 marker=$2
	shift 2
	start=$(now_ms)
	tmux -L "$SOCK" send-keys -t "$p" "$@"
	wait_for "$p" "$marker" "$start"
}

# first_paint MARKER CMD: prints "MS KB" (time to MARKER on screen, peak RSS then).
first_paint() {
	set -- $(open_pane "$@")
	kb=$(pane_kb "$1")
	tmux -L "$SOCK" kill-pane -t "$1" 2>/dev/null
	[ "$2" != timeout ] && echo "$2 $kb" || echo "timeout ?"
}

# median_of FILE: the median line of FILE, sorted by its first number.
median_of() { sort -n "$1" | sed -n "$(( ($(wc -l <"$1") + 1) / 2 ))p"; }

# median_col FILE EXPR: the median of the awk expression EXPR ('$1', '$1 - $2') over
# FILE's lines; "timeout" if a line holds one.
median_col() {
	if grep -q timeout "$1"; then echo timeout; return; fi
	awk "{ print $2 }" "$1" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# median_paint MARKER CMD: the median of RUNS first_paint runs, "MS KB".
median_paint() {
	i=0
	: >"$W/runs"
	while [ $i -lt "$RUNS" ]; do
		first_paint "$@" >>"$W/runs"
		i=$((i + 1))
	done
	median_of "$W/runs"
}

floor_once() { set -- $(first_paint "tmux floor" "sh -c 'echo tmux floor; sleep 5'"); echo "$1"; }

# floor: the median time to a shell's first line, "MS".
floor() {
	i=0
	: >"$W/runs"
	while [ $i -lt "$RUNS" ]; do
		floor_once >>"$W/runs"
		i=$((i + 1))
	done
	median_of "$W/runs"
}

# key_floor_once: the time from a key to a shell's line in answer, "MS".
key_floor_once() {
	set -- $(open_pane "ready" "sh -c 'echo ready; read x; echo key floor; sleep 5'")
	press "$1" "key floor" Enter
	tmux -L "$SOCK" kill-pane -t "$1" 2>/dev/null
}

# paired_paint MARKER CMD: RUNS rounds of the floor then first_paint MARKER CMD, so that
# both see the same load; prints "MS FLOOR DIFF KB": the medians of CMD's times, of the
# floor's and of the differences round by round, and the largest peak RSS.
paired_paint() {
	pm=$1
	shift
	pc=$*
	i=0
	: >"$W/pairs"
	while [ $i -lt "$RUNS" ]; do
		f=$(floor_once)
		echo "$(first_paint "$pm" "$pc") $f" >>"$W/pairs"
		i=$((i + 1))
	done
	echo "$(median_col "$W/pairs" '$1') $(median_col "$W/pairs" '$3')" \
		"$(median_col "$W/pairs" '$1 - $3') $(awk '{ print $2 }' "$W/pairs" | sort -n | tail -n 1)"
}
