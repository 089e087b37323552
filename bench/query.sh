#!/bin/sh
# Query bench: a store of N generated articles in FEEDS feeds (bench/scale_gen.c), every
# article indexed, then a query view's first screen (count, unread count, 60 rows) for
# each shape of query: state only, one Latin word, one CJK word of 2 characters, a field
# word, a date range, OR, NOT, has:, feed:.
# usage: sh bench/query.sh [BYLINE]
# environment: SCALE_N (default 100000), SCALE_FEEDS (2000), RUNS (5),
#              QUERY_DB (a store scale_gen made, kept between runs; default: a new one)
# Figures are wall times in ms (median and max over RUNS) on a shared machine: doc/QUERY.md.

BYLINE=${1:-./byline}
N=${SCALE_N:-100000}
FEEDS=${SCALE_FEEDS:-2000}
RUNS=${RUNS:-5}
BUILD=${BUILD:-build}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

make -s "$BUILD/bench/scale_probe" >/dev/null || exit 1
DB=${QUERY_DB:-$W/byline.db}
sh "$(dirname "$0")/query_store.sh" "$DB" "${DB%.db}.conf" "$N" "$FEEDS" || exit 1
echo "query bench: $(sqlite3 "$DB" 'SELECT count(*) FROM item') articles in $(sqlite3 "$DB" 'SELECT count(*) FROM feed') feeds ($(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null), load $(cut -d ' ' -f 1 /proc/loadavg))"
echo "first screen of a query (count + unread count + 60 rows; ms: median, max over $RUNS runs; the three medians):"
"$BUILD/bench/scale_probe" query "$DB" "$RUNS" \
	unread starred kernel 芯片 東京 title:kernel title:芯片 \
	"after:2025-01-01 before:2025-02-01" "newer:60w" \
	"kernel OR 芯片" "芯片 unread" "unread -kernel" "-kernel" \
	"kernel OR starred" "kernel OR unread" "kernel OR read" "kernel OR (starred read)" \
	"NOT (kernel OR starred)" "older:1d" "unread older:1d" "before:2025-01-01" read \
	"has:enclosure" "has:enclosure unread" \
	"-has:enclosure" "feed:f001"
