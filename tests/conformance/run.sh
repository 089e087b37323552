#!/bin/sh
# make conformance: scores byline parse against the peers' expectations in
# ../shared/corpus (feedparser, gofeed, newsboat, NetNewsWire's checks on
# realworld/kc0011.rss) and sweeps the W3C validator cases for crashes and
# hangs. Usage: run.sh BYLINE [OUTDIR]
# CORPUS names another place for the corpus (a worktree has no ../shared).
# Prints one "NAME RATE PASS/TOTAL" line per measure; OUTDIR/summary keeps them.
byline=${1:-./byline}
out=${2:-build/conformance}
corpus=${CORPUS:-../shared/corpus}
tools=$corpus/tools
mkdir -p "$out"
: >"$out/summary"

python3 "$tools/compare_dump.py" feedparser --out "$out/feedparser.tsv" \
	--dump "sh tests/conformance/dump.sh $byline {ct} {base} {file}" >"$out/feedparser.txt" || exit 1
python3 "$tools/compare_dump.py" gofeed --out "$out/gofeed.tsv" \
	--dump "$byline parse {file}" >"$out/gofeed.txt" || exit 1
python3 "$tools/compare_dump.py" newsboat --out "$out/newsboat.tsv" \
	--dump "$byline parse {file}" >"$out/newsboat.txt" || exit 1
ngofeed=$(ls "$corpus"/gofeed/testdata/translator/rss/*.xml "$corpus"/gofeed/testdata/translator/atom/*.xml | wc -l)
{
	python3 tests/conformance/score.py feedparser "$out/feedparser.tsv" "$corpus" \
		"sh tests/conformance/dump.sh $byline {ct} {base} {file}"
	python3 tests/conformance/score.py feedparser-extended "$corpus" \
		"sh tests/conformance/dump.sh $byline {ct} {base} {file}"
	python3 tests/conformance/score.py gofeed "$out/gofeed.tsv" "$ngofeed" "$corpus" "$byline parse {file}"
	python3 tests/conformance/score.py gofeed-json "$corpus" "$byline parse {file}"
	python3 tests/conformance/score.py newsboat "$out/newsboat.tsv"
	python3 tests/conformance/score.py realworld "$corpus" "$byline parse {file}"
} >>"$out/summary" || exit 1

# Never-crash sweep: every validator case, 10 s each. Exit 0 and 1 are
# answers (a feed, or not a feed); anything else is a crash or a hang.
total=0 bad=0
: >"$out/w3c-failures"
for f in $(find "$corpus/w3c-feedvalidator" -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.atom' -o -name '*.rdf' \) | sort); do
	total=$((total + 1))
	timeout 10 "$byline" parse "$f" >/dev/null 2>&1
	rc=$?
	if [ "$rc" -gt 1 ]; then
		bad=$((bad + 1))
		echo "$rc $f" >>"$out/w3c-failures"
	fi
done
echo "w3c-no-crash $(awk "BEGIN{printf \"%.4f\", ($total-$bad)/$total}") $((total - bad))/$total" >>"$out/summary"
cat "$out/summary"
