#!/bin/sh
# make bench, parser section: byline parse side by side with xmllint --stream,
# a bare libxml2 SAX pass (the floor) and sfeed, on feeds this script
# generates (1,000 and 10,000 items) -- median wall time of RUNS runs and
# peak memory (maximum resident set, /usr/bin/time %M).
# Usage: sh bench/parse.sh BYLINE   Environment: RUNS (default 5);
# INSTR=1 also counts instructions with valgrind (slow, but the same on a
# busy machine, where wall times are not).
byline=${1:-./byline}
runs=${RUNS:-5}
out=bench/out
mkdir -p "$out"

for n in 1000 10000; do
	[ -s "$out/feed-$n.xml" ] || python3 bench/gen_feed.py "$n" >"$out/feed-$n.xml"
done
cc -O2 -o "$out/sax_bare" bench/sax_bare.c $(pkg-config --cflags --libs libxml-2.0) || exit 1

# measure NAME CMD...: prints "median_seconds peak_kib" over $runs runs.
measure() {
	times="" peak=0
	i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null 2>&1
		read -r t m <"$out/time"
		times="$times $t"
		[ "$m" -gt "$peak" ] && peak=$m
		i=$((i + 1))
	done
	med=$(printf '%s\n' $times | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
	echo "$med $peak"
}

row() {	# LABEL FILE CMD...
	label=$1 file=$2
	shift 2
	instr="" ir=""
	if [ -n "$INSTR" ] && command -v valgrind >/dev/null 2>&1; then
		ir=$(valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=/dev/null \
			"$@" 2>&1 >/dev/null | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' |
			awk '{s += $1} END {print s}')
		instr=$(awk "BEGIN{printf \"%8.0f M instructions\", $ir / 1e6}")
	fi
	last_ir=$ir
	set -- $(measure "$@")
	printf '  %-28s %8s s %10s MiB  %s\n' "$label" "$1" "$(awk "BEGIN{printf \"%.1f\", $2/1024}")" "$instr"
}

for n in 1000 10000; do
	f=$out/feed-$n.xml
	size=$(awk "BEGIN{printf \"%.1f\", $(wc -c <"$f")/1048576}")
	echo "parse: $f ($n items, $size MiB), median of $runs runs, peak RSS"
	row "byline parse" "$f" "$byline" parse "$f"
	byline_ir=$last_ir
	row "bare libxml2 SAX (floor)" "$f" "$out/sax_bare" "$f"
	# instructions are the same on a busy machine: the ratio that load cannot move
	[ -n "$byline_ir" ] && [ -n "$last_ir" ] &&
		awk "BEGIN{printf \"  instructions, byline parse / bare SAX: x%.3f\\n\", $byline_ir / $last_ir}"
	row "xmllint --stream --noout" "$f" xmllint --stream --noout "$f"
	if command -v sfeed >/dev/null 2>&1; then
		row "sfeed" "$f" sh -c "sfeed <'$f'"
	else
		echo "  sfeed                        not installed"
	fi
done

# The goal is a ratio, and /usr/bin/time rounds to 10 ms: the ratio comes from
# bench/paired.py, which runs the commands in turn so a passing load slows both.
f=$out/feed-10000.xml
echo "parse: interleaved, 20 rounds (bench/paired.py; the last column is the ratio to bare SAX):"
if command -v sfeed >/dev/null 2>&1; then
	python3 bench/paired.py 20 "$byline parse $f" "xmllint --stream --noout $f" "sfeed < $f" \
		"$out/sax_bare $f" | sed 's/^/  /'
else
	python3 bench/paired.py 20 "$byline parse $f" "xmllint --stream --noout $f" \
		"$out/sax_bare $f" | sed 's/^/  /'
fi
