#!/bin/sh
# Runs each unit-test binary under valgrind: any invalid access, use of
# uninitialised memory or definite leak fails it. Prints "ok NAME" or
# "not ok NAME: why" per binary and a total; exits 1 on any failure.
# Usage: sh tests/valgrind.sh build/tests/test_X...

failed=0
passed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for bin in "$@"; do
	name=$(basename "$bin")
	valgrind -q --error-exitcode=99 --suppressions=tests/valgrind.supp --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--track-origins=yes "$bin" >"$log" 2>&1
	rc=$?
	if [ "$rc" = 0 ]; then
		echo "ok $name under valgrind"
		passed=$((passed + 1))
		continue
	fi
	grep -E '^==[0-9]+==' "$log" | head -n 40
	grep -E '^\[  (FAILED|ERROR) ' "$log" | head -n 10
	if [ "$rc" = 99 ]; then
		echo "not ok $name: valgrind reported errors or definite leaks (above)"
	else
		echo "not ok $name: exited with status $rc under valgrind"
	fi
	failed=$((failed + 1))
done
echo "$passed passed, $failed failed under valgrind"
[ "$failed" = 0 ]
