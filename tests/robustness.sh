#!/bin/sh
# make robustness: the long version of the hardening tests, and its figures.
# Usage: sh tests/robustness.sh   (environment: BYLINE, FUZZ_SECONDS default 60,
# KILLS default 30 reader kills, HOSTILE_STORE_ITEMS default 200000).
# Runs the hostile feed catalogue at full size, every fuzz target, the kill
# tests and the hostile servers; prints the figures; exits 1 on any failure.

: "${BYLINE:=./byline}"
export BYLINE
BYLINE_ABS=$(cd "$(dirname "$BYLINE")" && pwd)/$(basename "$BYLINE")
export BYLINE_ABS
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
status=0

run() {	# run NAME SCRIPT [ENV=VALUE...]: one test script, its lines kept in $OUT/NAME
	name=$1 script=$2
	shift 2
	echo "== $script $*" >&2
	env "$@" sh "$script" >"$OUT/$name" 2>&1 || status=1
	grep '^not ok' "$OUT/$name" >&2
}

run feeds tests/hostile/t_feeds.sh HOSTILE_STORE_ITEMS="${HOSTILE_STORE_ITEMS:-200000}" HOSTILE_SECONDS=900
run reader tests/hostile/t_reader.sh
run servers tests/hostile/t_servers.sh
run refresh tests/http/t_refresh.sh
run killrefresh tests/http/t_killsafety.sh
run store tests/hostile/t_store.sh STORE_KILLS="${KILLS:-30}"
echo "== make fuzz FUZZ_SECONDS=${FUZZ_SECONDS:-60}" >&2
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}" >"$OUT/fuzz" 2>&1 || status=1

cases=$(grep -c '^ok parse .*: exit\|^not ok parse .*:' "$OUT/feeds" | head -n 1)
crashes=$(cat "$OUT/feeds" "$OUT/reader" "$OUT/servers" | grep -c 'crashed or failed')
hangs=$(cat "$OUT/feeds" "$OUT/reader" "$OUT/servers" | grep -c 'still running after [0-9]* s (killed)')
checks_ok=$(cat "$OUT/feeds" "$OUT/reader" | grep -c '^ok ')
checks_bad=$(cat "$OUT/feeds" "$OUT/reader" | grep -c '^not ok ')
echo
echo "hostile feeds: $cases tried; $crashes crashes, $hangs hangs; $checks_ok checks passed, $checks_bad failed"
grep '^ok parse .*: exit' "$OUT/feeds" | sed 's/^ok parse /  parse /'
grep '^ok refresh of one feed' "$OUT/feeds" | sed 's/^ok /  /'

echo "fuzzing (${FUZZ_SECONDS:-60} s a target):"
sed -n 's/^\(fuzz_[a-z]*\): \([0-9]*\) executions.*, \([0-9]*\) findings$/  \1: \2 executions, \3 findings/p' "$OUT/fuzz"
grep 'FAILED' "$OUT/fuzz" | sed 's/^/  /'

killed=$(sed -n 's/^# killed mid-refresh \([0-9]*\) of.*/\1/p' "$OUT/killrefresh")
rlost=0
grep -q '^not ok no kill lost a \(read\|star\) flag' "$OUT/killrefresh" && rlost="some"
ukills=$(sed -n 's/^ROBUSTNESS kills=\([0-9]*\).*/\1/p' "$OUT/store")
ulost=$(sed -n 's/^ROBUSTNESS kills=[0-9]* lost=\([0-9]*\)/\1/p' "$OUT/store")
echo "kills: ${killed:-0} during refresh (read/star flags lost: $rlost), ${ukills:-0} during marking in the reader (read/star flags lost: ${ulost:-?})"
echo "store: $(grep -c '^ok \(full disk\|read-only database\|newer database\)' "$OUT/store") of $(grep -c '^\(not \)*ok \(full disk\|read-only database\|newer database\)' "$OUT/store") full-disk, read-only and newer-schema checks passed"

# Hostile-server cases: each passes when every check naming it passed.
srv_ok=0 srv_all=0
for c in /loop/ /trickle/ /endless /hang /noheaders /reset/ /bomb "64 GiB gzip bomb|gzip bomb:" "self-signed"; do
	lines=$(cat "$OUT/refresh" "$OUT/servers" | grep -E "^(not )?ok .*($c)")
	[ -z "$lines" ] && continue
	srv_all=$((srv_all + 1))
	echo "$lines" | grep -q '^not ok' || srv_ok=$((srv_ok + 1))
done
echo "hostile servers: $srv_ok of $srv_all cases passed (redirect loop, 1 byte/s, endless body, no answer, headers never sent, reset, 16 MiB and 64 GiB gzip bombs, self-signed TLS)"
[ "$status" = 0 ] && echo "robustness: all passed" || echo "robustness: FAILURES (above)"
exit $status
