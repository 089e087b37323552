#!/bin/sh
# The store of the query benches (bench/query.sh, bench/ui.sh): N generated articles in
# FEEDS feeds (bench/scale_gen.c), with its config beside it; one feed in 50 carries
# enclosures (the generator's articles have none), so that has:enclosure finds some (2 %).
# usage: sh bench/query_store.sh DB CONF N FEEDS    (a DB already made is kept; BUILD: build)

DB=$1 CONF=$2 N=$3 FEEDS=$4
BUILD=${BUILD:-build}
make -s "$BUILD/bench/scale_gen" >/dev/null || exit 1
if [ ! -s "$DB" ]; then
	"$BUILD/bench/scale_gen" store "$DB" "$CONF" "$N" "$FEEDS" >/dev/null || exit 1
fi
sqlite3 "$DB" "UPDATE item SET enclosures = link || 'episode.mp3' || char(31) || 'audio/mpeg' ||
	char(31) || '1000000' WHERE feed_id % 50 = 0 AND enclosures IS NULL" || exit 1
