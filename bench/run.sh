#!/bin/sh
# make bench: every benchmark, one line each (sh bench/X.sh "$@").
sh bench/refresh.sh "$@"
# make bench: every section side by side with the peers. Usage: sh bench/run.sh BYLINE
# Each section is its own script (bench/SECTION.sh BYLINE); add yours below.
byline=${1:-./byline}
status=0
for section in parse; do
	echo "== $section"
	sh "bench/$section.sh" "$byline" || status=1
	echo
done
exit $status
