#!/bin/sh
# Reader mode: the quality and speed of `byline extract` on Mozilla Readability's
# test pages (../shared/readability-pages), beside readability-lxml (Debian's
# python3-readability) measured in the same run.
# Quality: score.py's F1 on 4-gram shingles of the article text, as score.py
# reads the expected pages and with them read as UTF-8 (bench/extract_score.py
# says why both). Speed: milliseconds per page inside each process (the page
# read once, then timed; byline median of BENCH_RUNS runs, readability-lxml of
# 3), the median over the pages and over the pages of 150-250 KB, and the
# median per-page ratio. Memory: the largest resident size of one extraction
# of the smallest and the largest page.
# Usage: sh bench/extract.sh [BYLINE]   EXTRACT_BENCH=path of bench/extract_bench.c built
byline=${1:-./byline}
runs=${BENCH_RUNS:-7}
tool=${EXTRACT_BENCH:-build/bench/extract_bench}
pages=${READABILITY_PAGES:-../shared/readability-pages}
py=/usr/bin/python3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

if [ ! -f "$pages/score.py" ]; then
	echo "extract: $pages/score.py is not there (set READABILITY_PAGES): skipped"
	exit 0
fi
if [ ! -x "$tool" ]; then
	echo "extract: $tool is not built (make bench builds it)"
	exit 1
fi
have_rl=yes
$py -c 'import readability' 2>/dev/null || have_rl=

# each_extractor FUNCTION: calls FUNCTION NAME CMD... for byline and readability-lxml ({file}: the page).
each_extractor() {
	"$1" byline "$byline" extract "{file}"
	if [ -n "$have_rl" ]; then
		"$1" readability-lxml $py bench/readability_lxml.py "{file}"
	else
		echo "  readability-lxml: not installed"
	fi
}

pages_score() {
	who=$1
	shift
	a=$($py "$pages/score.py" -- "$@" | tail -n 1)
	b=$($py bench/extract_score.py "$pages/score.py" -- "$@" | tail -n 1)
	printf '  %-17s %s\n  %-17s %s\n' "$who" "$a" "" "$b"
}

heldout_score() {
	who=$1
	shift
	printf '  %-17s %s\n' "$who" "$($py bench/extract_heldout.py "$pages/score.py" -- "$@" | tail -n 1)"
}

echo "quality on $(ls "$pages/pages" | wc -l) pages (F1 precision recall; score.py's reading / UTF-8 reading):"
each_extractor pages_score | sed 's/, median [0-9.]* ms a page//'

echo "quality on the $(ls bench/heldout/src/*.html | wc -l) held-out pages (bench/heldout, never tuned on; F1 precision recall):"
each_extractor heldout_score

ls "$pages"/pages/*/source.html >"$dir/list"
xargs "$tool" "$runs" <"$dir/list" >"$dir/byline.ms"
if [ -n "$have_rl" ]; then
	for r in 1 2 3; do xargs $py bench/readability_lxml.py --time <"$dir/list" >"$dir/rl.$r"; done
fi
$py - "$dir" "$have_rl" <<'PY'
import os, statistics, sys
d, have_rl = sys.argv[1], sys.argv[2]
by = {}
for line in open(os.path.join(d, "byline.ms")):
    ms, size, path = line.split()
    by[path] = (float(ms), int(size))
rl = {}
if have_rl:
    for r in (1, 2, 3):
        for line in open(os.path.join(d, "rl.%d" % r)):
            ms, path = line.split()
            rl.setdefault(path, []).append(float(ms))
    rl = {p: statistics.median(v) for p, v in rl.items()}
mid = [p for p, (ms, size) in by.items() if 150_000 <= size <= 250_000]
def med(f, keys):
    return statistics.median(f(k) for k in keys) if keys else float("nan")
print("speed, ms a page (median over pages):")
print("  %-17s all %d pages %7.2f   %d pages of 150-250 KB %7.2f" % (
    "byline", len(by), med(lambda p: by[p][0], by), len(mid), med(lambda p: by[p][0], mid)))
if rl:
    print("  %-17s all %d pages %7.2f   %d pages of 150-250 KB %7.2f" % (
        "readability-lxml", len(rl), med(lambda p: rl[p], rl), len(mid), med(lambda p: rl[p], mid)))
    both = [p for p in by if p in rl and by[p][0] > 0]
    print("  readability-lxml / byline, median per page: %.1fx" % med(lambda p: rl[p] / by[p][0], both))
PY

small=$(xargs ls -S <"$dir/list" | tail -n 1)
large=$(xargs ls -S <"$dir/list" | head -n 1)
printf 'memory, largest resident size of one extraction (smallest page %s KB, largest %s KB):\n' \
	"$(($(wc -c <"$small") / 1024))" "$(($(wc -c <"$large") / 1024))"
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
printf '  %-17s %s KB / %s KB\n' byline "$(rss "$byline" extract "$small")" "$(rss "$byline" extract "$large")"
[ -n "$have_rl" ] && printf '  %-17s %s KB / %s KB\n' readability-lxml \
	"$(rss $py bench/readability_lxml.py "$small")" "$(rss $py bench/readability_lxml.py "$large")"
exit 0
