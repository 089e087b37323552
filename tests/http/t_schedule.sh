# Polite scheduling: a feed is not fetched again before it is due (interval=, <ttl>, sy:, skipHours, skipDays, max-age, Expires), it is after, --force and a named feed fetch anyway.
. tests/http/lib.sh

start_server
T0=1796637600	# Monday 2026-12-07 10:00 UTC; BYLINE_NOW moves the scheduler's clock
rss() {	# rss FILE EXTRA: a small RSS feed with EXTRA in its channel
	printf '<?xml version="1.0"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>%s</title>%s<item><guid>%s-1</guid><title>one</title></item></channel></rss>\n' \
		"$1" "$2" "$1" >"$DOC/$1"
}
rss floor.xml ''
rss ttl.xml '<ttl>120</ttl>'
rss sy.xml '<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>'
rss skiph.xml '<skipHours><hour>10</hour><hour>11</hour><hour>12</hour></skipHours>'
rss skipd.xml '<ttl>1440</ttl><skipDays><day>Tuesday</day></skipDays>'
rss age.xml ''
rss bigage.xml ''
rss exp.xml ''
config "set refresh-interval 0" \
	"feed $BASE/maxage/60/floor.xml interval=30m" \
	"feed $BASE/f/ttl.xml" \
	"feed $BASE/f/sy.xml" \
	"feed $BASE/f/skiph.xml" \
	"feed $BASE/f/skipd.xml" \
	"feed $BASE/maxage/7200/age.xml" \
	"feed $BASE/maxage/999999/bigage.xml" \
	"feed $BASE/expires/3600/exp.xml"
at() {	# at MINUTES [ARGS]: byline refresh with the clock at T0 + MINUTES
	m=$1
	shift
	BYLINE_NOW=$((T0 + m * 60)) refresh "$@"
}
# counts: the number of requests of each feed, in the config's order
counts() {
	for p in /maxage/60/floor.xml /f/ttl.xml /f/sy.xml /f/skiph.xml /f/skipd.xml \
		/maxage/7200/age.xml /maxage/999999/bigage.xml /expires/3600/exp.xml; do
		printf '%s ' "$(requests "$p")"
	done
}

at 0
check "the first refresh fetches every feed" test "$(counts)" = "1 1 1 1 1 1 1 1 "
at 5
check "5 minutes later nothing is due: nothing fetched" test "$(counts)" = "1 1 1 1 1 1 1 1 "
check "... exit 0" test "$RC" = 0
check "... it says how many were not due and when the next is" \
	err_has "byline refresh: 8 of 8 feeds not due yet, not fetched (the next at 2026-12-07 10:30 UTC); --force fetches them"
check "... and names none of them one by one" test "$(grep -c "not due until" "$T_TMP/err")" = 0
at 35
check "interval=30m is the floor (its max-age=60 is less): fetched after 30 minutes, not before" \
	test "$(counts)" = "2 1 1 1 1 1 1 1 "
at 61
check "Expires an hour ahead: fetched after the hour (and not the others)" \
	test "$(counts)" = "2 1 1 1 1 1 1 2 "
at 121
check "<ttl>120 and max-age=7200: fetched after two hours" test "$(counts)" = "3 2 1 1 1 2 1 3 "
at 150
check "skipHours 10-12 (UTC): not fetched at 12:30, though nothing else holds it" \
	test "$(requests /f/skiph.xml)" = 1
at 181
check "... fetched at 13:01" test "$(requests /f/skiph.xml)" = 2
check "a <ttl> feed that answered 304 keeps its period: not fetched an hour later" \
	test "$(requests /f/ttl.xml)" = 2
at 241
check "... fetched two hours after the 304" test "$(requests /f/ttl.xml)" = 3
at 361
check "sy:updatePeriod daily / sy:updateFrequency 4: fetched after six hours" \
	test "$(requests /f/sy.xml)" = 2
at 1441
check "max-age=999999 holds a feed back a day at most" test "$(requests /maxage/999999/bigage.xml)" = 2
check "skipDays Tuesday: a feed due on Tuesday is not fetched on Tuesday" \
	test "$(requests /f/skipd.xml)" = 1
at 2281
check "... but on Wednesday (00:00 UTC on)" test "$(requests /f/skipd.xml)" = 2

before=$(counts)
at 2282
check "a minute later nothing is fetched" test "$(counts)" = "$before"
at 2282 "$BASE/f/sy.xml"
check "a feed named on the command line is fetched, due or not" \
	test "$(requests /f/sy.xml)" = "$(( $(echo "$before" | cut -d' ' -f3) + 1 ))"
at 2282 --force
check "--force fetches every feed" test "$(counts)" = "$(echo "$before" | awk '{ for (i = 1; i <= NF; i++) printf "%d ", $i + 1 + (i == 3) }')"
check "... and says nothing of due times" sh -c "! grep -q 'not due' '$T_TMP/err'"
at 2282 -f
check "-f is --force" test "$(requests /f/ttl.xml)" = "$(( $(echo "$before" | cut -d' ' -f2) + 2 ))"

# the due time is in the store's feed table (next_fetch), so another process sees it
check "the due time is stored: <ttl>120 after the forced fetch" \
	test "$(feed_col "$BASE/f/ttl.xml" next_fetch)" = "$((T0 + 2282 * 60 + 7200))"
# a failure is due again at once (the network may be this side's)
rm "$DOC/exp.xml"
at 2283 --force
at 2284
check "a feed that failed is fetched again at the next refresh" \
	test "$(requests /expires/3600/exp.xml)" = "$(( $(echo "$before" | cut -d' ' -f8) + 4 ))"
finish
