#!/bin/sh
# make bench, JSON Feed section: byline parse on a 10 MB JSON Feed (bench/gen_feed.py
# --json: the XML bench's items, 3,300 of them) side by side with a bare yajl pass
# (the floor: the library byline reads JSON with, doing nothing), Python's json.load
# and jq (each builds the whole document in memory) -- median wall time of RUNS runs
# and peak memory (maximum resident set, /usr/bin/time %M).
# Usage: sh bench/parse_json.sh BYLINE   Environment: RUNS (default 5).
byline=${1:-./byline}
runs=${RUNS:-5}
out=bench/out
f=$out/feed-json-3300.json
mkdir -p "$out"

[ -s "$f" ] || python3 bench/gen_feed.py --json 3300 >"$f"
cc -O2 -o "$out/yajl_bare" bench/yajl_bare.c $(pkg-config --cflags --libs yajl) || exit 1

# row LABEL CMD...: median wall and CPU seconds of $runs runs, peak RSS.
row() {
	label=$1
	shift
	walls="" cpus="" peak=0 i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f '%e %U %S %M' -o "$out/time" "$@" >/dev/null 2>&1
		read -r t u s m <"$out/time"
		walls="$walls $t"
		cpus="$cpus $(awk "BEGIN{print $u + $s}")"
		[ "$m" -gt "$peak" ] && peak=$m
		i=$((i + 1))
	done
	med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
	printf '  %-28s %6s s %6s s CPU %8s MiB\n' "$label" "$(med $walls)" "$(med $cpus)" \
		"$(awk "BEGIN{printf \"%.1f\", $peak/1024}")"
}

size=$(awk "BEGIN{printf \"%.1f\", $(wc -c <"$f")/1048576}")
echo "parse_json: $f (3,300 items, $size MiB), median of $runs runs, peak RSS"
row "byline parse" "$byline" parse "$f"
row "bare yajl pass (floor)" "$out/yajl_bare" "$f"
row "python3 json.load" /usr/bin/python3 bench/json_load.py "$f"
if command -v jq >/dev/null 2>&1; then
	row "jq -c ." jq -c . "$f"
else
	echo "  jq                           not installed"
fi
echo "parse_json: interleaved, 20 rounds (bench/paired.py; the last column is the ratio to bare yajl):"
python3 bench/paired.py 20 "$byline parse $f" "/usr/bin/python3 bench/json_load.py $f" "jq -c . $f" \
	"$out/yajl_bare $f" | sed 's/^/  /'
