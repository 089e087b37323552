#!/bin/sh
# CI's short fuzz run: builds every libFuzzer target (clang, ASan + UBSan),
# replays its seeds and regression inputs, then fuzzes it for a few seconds
# (FUZZ_SMOKE_SECONDS, default 5). One check per target.
. tests/cli/lib.sh

if ! sh tools/deps.sh fuzz >"$T_TMP/deps" 2>&1 || ! command -v clang >/dev/null 2>&1; then
	ok "fuzz smoke skipped: clang missing ($(tail -n 1 "$T_TMP/deps"))"
	finish
fi

# A calling make (make test, make check-asan) must not pass its variables on.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	make -s fuzz FUZZ_SECONDS="${FUZZ_SMOKE_SECONDS:-5}" >"$T_TMP/out" 2>&1
rc=$?
cat "$T_TMP/out" >&2

targets=$(ls tests/fuzz/fuzz_*.c 2>/dev/null)
[ -n "$targets" ] || fail "fuzz smoke: no targets in tests/fuzz"
for src in $targets; do
	name=$(basename "$src" .c)
	line=$(grep "^$name: [0-9]* executions" "$T_TMP/out")
	if grep -q "^$name: FAILED" "$T_TMP/out"; then
		fail "fuzz $name: $(grep "^$name: FAILED" "$T_TMP/out" | head -n 1)"
	elif [ -n "$line" ] && echo "$line" | grep -q ', 0 findings$'; then
		ok "fuzz $line"
	else
		fail "fuzz $name: no run reported"
	fi
done
[ "$rc" = 0 ] || fail "fuzz smoke: make fuzz exited with status $rc"
finish
