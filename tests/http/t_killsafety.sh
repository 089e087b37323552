# Crash safety: SIGKILL byline refresh at random moments; the database stays sound and keeps every read and star flag.
. tests/http/lib.sh

FEEDS=40
ROUNDS=30
start_server

# gen_round N: every feed gets 20 new articles (and keeps no old ones).
gen_round() {
	python3 - "$DOC" "$FEEDS" "$1" <<'EOF'
import sys
doc, feeds, rnd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for k in range(feeds):
    items = "".join('<item><guid>%d-%d-%d</guid><title>feed %d round %d item %d</title>'
                    '<description>&lt;p&gt;%s&lt;/p&gt;</description></item>'
                    % (k, rnd, i, k, rnd, i, "text " * 200) for i in range(20))
    with open("%s/k%d.xml" % (doc, k), "w") as fp:
        fp.write('<?xml version="1.0"?><rss version="2.0"><channel><title>feed %d</title>%s</channel></rss>'
                 % (k, items))
EOF
}

lines="set max-per-host 8"
k=0
while [ $k -lt $FEEDS ]; do
	lines="$lines
feed $BASE/plain/k$k.xml"
	k=$((k + 1))
done
config "$lines"

gen_round 0
t0=$(date +%s.%N)
refresh
# Kill moments are drawn over the length of a whole refresh, so (almost) every kill lands mid-refresh.
span=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { d = (b - a) * 0.9; printf "%.3f", d < 0.05 ? 0.05 : d }')
check "first refresh complete" test "$RC" = 0 -a "$(q 'SELECT count(*) FROM item;')" = $((FEEDS * 20))
q "UPDATE item_state SET read = 1 WHERE id % 3 = 0;"
q "UPDATE item_state SET starred = 1 WHERE id % 7 = 1;"

# flag_set COLUMN: the ids of the articles with that flag (read or starred) set.
flag_set() { q "SELECT id FROM item_state WHERE $1 = 1 ORDER BY id;" | sort; }
read_set() { flag_set read; }
star_set() { flag_set starred; }
killed=0
lost=0
lost_stars=0
round=1
while [ $round -le $ROUNDS ]; do
	gen_round $round
	read_set >"$T_TMP/read.before"
	star_set >"$T_TMP/star.before"
	$BYLINE refresh -c "$CONF" -d "$DB" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v seed="$round$$" -v span="$span" 'BEGIN { srand(seed); printf "%.3f", rand() * span }')"
	kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	read_set >"$T_TMP/read.now"
	[ -z "$(comm -23 "$T_TMP/read.before" "$T_TMP/read.now")" ] || lost=$((lost + 1))
	star_set >"$T_TMP/star.now"
	[ -z "$(comm -23 "$T_TMP/star.before" "$T_TMP/star.now")" ] || lost_stars=$((lost_stars + 1))
	# The user reads and stars a few more between runs (as the reader would).
	q "UPDATE item_state SET read = 1 WHERE id IN (SELECT id FROM item_state WHERE read = 0 ORDER BY random() LIMIT 5);"
	q "UPDATE item_state SET starred = 1 WHERE id IN (SELECT id FROM item_state WHERE starred = 0 ORDER BY random() LIMIT 3);"
	round=$((round + 1))
done
echo "# killed mid-refresh $killed of $ROUNDS times (kill moments drawn over ${span} s)"
check "killed while running at least once" test "$killed" -gt 0
check "no kill lost a read flag" test "$lost" = 0
check "no kill lost a star flag" test "$lost_stars" = 0

read_set >"$T_TMP/read.before"
star_set >"$T_TMP/star.before"
check "integrity_check after $ROUNDS kills" test "$(q 'PRAGMA integrity_check;')" = ok
refresh
check "a refresh after the kills completes" test "$RC" = 0
check "integrity_check after the last refresh" test "$(q 'PRAGMA integrity_check;')" = ok
read_set >"$T_TMP/read.after"
check "every read flag is still set" cmp -s "$T_TMP/read.before" "$T_TMP/read.after"
check "read flags were there to lose" test "$(wc -l <"$T_TMP/read.before")" -gt $((FEEDS * 20 / 3))
star_set >"$T_TMP/star.after"
check "every star flag is still set" cmp -s "$T_TMP/star.before" "$T_TMP/star.after"
# the first refresh's stars, and three more after each of the $ROUNDS kills
check "star flags were there to lose" test "$(wc -l <"$T_TMP/star.before")" -ge $((FEEDS * 20 / 7 + ROUNDS * 3))
check "no article stored twice" \
	test "$(q 'SELECT count(*) FROM item;')" = "$(q "SELECT count(*) FROM (SELECT DISTINCT feed_id, title FROM item);")"
check "the last round is complete" \
	test "$(q "SELECT count(*) FROM item WHERE title LIKE '% round $ROUNDS item %';")" = $((FEEDS * 20))

finish
