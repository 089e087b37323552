#!/bin/sh
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each one.
# Usage: sh tests/fuzz/run.sh SECONDS tests/fuzz/fuzz_NAME.c...
#
# The library is compiled into build-fuzz/ by the Makefile (incrementally);
# each target links into build-fuzz/NAME. A target first replays its seeds
# (tests/fuzz/seeds/NAME/) and its regression inputs (tests/fuzz/regressions/
# NAME/, one file per crash ever found), then fuzzes for SECONDS with a
# corpus kept in build-fuzz/corpus/NAME, so runs build on each other and the
# tree stays clean. Findings go to build-fuzz/findings/NAME/.
# Environment: FUZZ_PKG_CFLAGS, FUZZ_PKG_LIBS (the Makefile passes its own),
# FUZZ_JOBS (make -j, default 2).
# Prints one summary line per target; exits 1 when any target crashed,
# leaked, hung or failed to build.

seconds=${1:?usage: run.sh SECONDS tests/fuzz/fuzz_NAME.c...}
shift
out=build-fuzz
pkgs="libxml-2.0 ncursesw libcurl sqlite3 yajl"
: "${FUZZ_PKG_CFLAGS:=$(pkg-config --cflags $pkgs 2>/dev/null)}"
: "${FUZZ_PKG_LIBS:=$(pkg-config --libs $pkgs 2>/dev/null) -lunistring -lm}"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
status=0

if [ $# = 0 ]; then
	echo "fuzz: no targets (tests/fuzz/fuzz_*.c)"
	exit 0
fi
if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: clang is missing (sh tools/deps.sh fuzz installs it)" >&2
	exit 1
fi

# The library, through the Makefile so dependencies are tracked. Warnings
# are the normal build's business, not the fuzzer's: clang's differ from gcc's.
# A calling make's variables (MAKEFLAGS) must not leak into this build.
build_lib() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -j"${FUZZ_JOBS:-2}" \
		BUILD="$out" CC=clang CFLAGS="-O1 -g" WERROR= \
		EXTRA_CFLAGS="-fsanitize=fuzzer-no-link $san" "$out/libbyline.a"
}

# link SOURCE BINARY: relinks when the source or the library is newer.
link() {
	if [ -f "$2" ] && [ ! "$1" -nt "$2" ] && [ ! "$out/libbyline.a" -nt "$2" ]; then
		return 0
	fi
	clang -std=gnu11 -Iinclude $FUZZ_PKG_CFLAGS -O1 -g -fsanitize=fuzzer $san \
		-o "$2" "$1" "$out/libbyline.a" $FUZZ_PKG_LIBS
}

# replay BINARY NAME: every seed and regression input once; 0 when all pass.
replay() {
	files=$(ls -d tests/fuzz/seeds/"$2"/* tests/fuzz/regressions/"$2"/* 2>/dev/null)
	[ -z "$files" ] && return 0
	mkdir -p "$out/findings/$2"
	# shellcheck disable=SC2086
	"$1" -artifact_prefix="$out/findings/$2/" $files >"$out/logs/$2.replay" 2>&1
}

# fuzz BINARY NAME: one run of SECONDS; prints the summary line.
fuzz() {
	corpus=$out/corpus/$2
	findings=$out/findings/$2
	log=$out/logs/$2.log
	mkdir -p "$corpus" "$findings"
	[ -d tests/fuzz/seeds/"$2" ] && cp -p tests/fuzz/seeds/"$2"/* "$corpus"/ 2>/dev/null
	dict=""
	[ -f tests/fuzz/"$2".dict ] && dict="-dict=tests/fuzz/$2.dict"
	before=$(ls "$findings" | wc -l)
	start=$(date +%s)
	"$1" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$findings/" $dict "$corpus" >"$log" 2>&1
	rc=$?
	elapsed=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	found=$(($(ls "$findings" | wc -l) - before))
	echo "$2: ${execs:-0} executions in ${elapsed} s, corpus $(ls "$corpus" | wc -l) inputs, $found findings"
	if [ "$rc" != 0 ] || [ "$found" != 0 ]; then
		echo "$2: FAILED (exit $rc); log $log, inputs in $findings/:"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -n 12
		return 1
	fi
}

mkdir -p "$out/logs"
if ! build_lib; then
	echo "fuzz: could not build the library with clang" >&2
	exit 1
fi
for src in "$@"; do
	name=$(basename "$src" .c)
	bin=$out/$name
	if ! link "$src" "$bin"; then
		echo "$name: FAILED to build"
		status=1
		continue
	fi
	if ! replay "$bin" "$name"; then
		echo "$name: FAILED on a seed or regression input; log $out/logs/$name.replay"
		grep -E 'ERROR|SUMMARY|runtime error|Running:' "$out/logs/$name.replay" | tail -n 8
		status=1
		continue
	fi
	fuzz "$bin" "$name" || status=1
done
exit $status
