#!/bin/sh
# Runs every test: the cmocka binaries given as arguments, then every
# tests/*/t_*.sh script (CLI, integration, screen tests). Prints a total.
# Environment: BYLINE (the binary under test), BUILD (the build directory).
#
# A script reports each check as a line "ok NAME" or "not ok NAME: why" and
# exits non-zero when any check failed.

: "${BYLINE:=./byline}"
export BYLINE
BYLINE_ABS=$(cd "$(dirname "$BYLINE")" && pwd)/$(basename "$BYLINE")
export BYLINE_ABS
passed=0
failed=0
failures=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for bin in "$@"; do
	"$bin" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" != 0 ] && [ -z "$f" ]; then
		failed=$((failed + 1))	# crashed before cmocka's summary
		echo "[  FAILED  ] $bin exited with status $rc"
	fi
	[ "$rc" != 0 ] && failures="$failures $bin"
done

for script in $(ls tests/*/t_*.sh 2>/dev/null | sort); do
	echo "[==========] $script"
	sh "$script" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		failed=$((failed + 1))
		echo "not ok $script exited with status $rc"
	fi
	[ "$rc" != 0 ] && failures="$failures $script"
done

echo
[ -n "$failures" ] && echo "failing:$failures"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ -z "$failures" ]
