#!/bin/sh
# make bench: every section side by side with the peers. Usage: sh bench/run.sh BYLINE
# Each section is its own script (sh bench/SECTION.sh BYLINE); add yours to the list.
status=0
for section in parse parse_json refresh render ui sync scale extract query; do
	echo "== $section"
	sh "bench/$section.sh" "$@" || status=1
	echo
done
exit $status
