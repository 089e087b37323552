/* Unit tests for polite scheduling: the due-time rule, HTTP freshness, and the feed hints the parser reads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "byline/schedule.h"
#include "parse_helper.h"

#define T0 1796637600	/* Monday 2026-12-07 10:00 UTC */
#define H 3600

/* Degenerate: no hint at all is due at once; negative values count as none. */
static void
test_nothing_given(void **state)
{
	struct schedule_hints h = { .http_fresh = -1 };
	enum schedule_why why = WHY_HTTP;

	(void)state;
	assert_int_equal(schedule_due(&h, T0, &why), T0);
	assert_int_equal(why, WHY_FLOOR);
	h.floor = h.ttl = h.update_period = -5;
	assert_int_equal(schedule_due(&h, T0, NULL), T0);
}

/* The latest hint wins; the floor is never undercut; each hint of the feed or server a day at most. */
static void
test_latest_wins_bounded(void **state)
{
	struct schedule_hints h = { .floor = 30 * 60, .http_fresh = 60 };
	enum schedule_why why;

	(void)state;
	assert_int_equal(schedule_due(&h, T0, &why), T0 + 30 * 60);
	assert_int_equal(why, WHY_FLOOR);
	h.ttl = 2 * H;
	assert_int_equal(schedule_due(&h, T0, &why), T0 + 2 * H);
	assert_int_equal(why, WHY_TTL);
	h.update_period = 6 * H;
	assert_int_equal(schedule_due(&h, T0, &why), T0 + 6 * H);
	assert_int_equal(why, WHY_SY);
	h.http_fresh = 999999;
	assert_int_equal(schedule_due(&h, T0, &why), T0 + SCHEDULE_HINT_MAX);
	assert_int_equal(why, WHY_HTTP);
	h.ttl = 365 * 24 * H;
	assert_int_equal(schedule_due(&h, T0, NULL), T0 + SCHEDULE_HINT_MAX);
	h.floor = 3 * 24 * H;	/* the user's own interval= is not bounded */
	assert_int_equal(schedule_due(&h, T0, &why), T0 + 3 * 24 * H);
	assert_int_equal(why, WHY_FLOOR);
}

/* skipHours and skipDays (UTC) move the due time to the first hour they do not list. */
static void
test_skips(void **state)
{
	struct schedule_hints h = { .http_fresh = -1 };

	(void)state;
	h.skip_hours = 1u << 10 | 1u << 11;
	assert_int_equal(schedule_due(&h, T0 + 90, NULL), T0 + 2 * H);
	h.skip_hours = 1u << 9;	/* an hour that is not now: no change */
	assert_int_equal(schedule_due(&h, T0 + 90, NULL), T0 + 90);
	h.skip_hours = 0;
	h.skip_days = 1u << 1 | 1u << 2;	/* Monday, Tuesday: Wednesday 00:00 */
	assert_int_equal(schedule_due(&h, T0, NULL), T0 + 14 * H + 24 * H);
	h.skip_days = 1u << 1;
	h.skip_hours = 0xffffffu;	/* every hour: the hours are ignored, the day is not */
	assert_int_equal(schedule_due(&h, T0, NULL), T0 + 14 * H);
	h.skip_days = 0x7f;	/* every day: ignored */
	h.skip_hours = 1u << 10;
	assert_int_equal(schedule_due(&h, T0, NULL), T0 + H);
}

/* Cache-Control max-age before Expires; Expires against the server's Date; nonsense is none or now. */
static void
test_http_fresh(void **state)
{
	(void)state;
	assert_int_equal(schedule_http_fresh(NULL, NULL, NULL, T0), -1);
	assert_int_equal(schedule_http_fresh("public, max-age=7200", NULL, NULL, T0), 7200);
	assert_int_equal(schedule_http_fresh("max-age = \"60\"", NULL, NULL, T0), 60);
	assert_int_equal(schedule_http_fresh("s-maxage=5", NULL, NULL, T0), -1);
	assert_int_equal(schedule_http_fresh("no-cache, max-age=600", NULL, NULL, T0), 0);
	assert_int_equal(schedule_http_fresh("max-age=junk", NULL, NULL, T0), -1);
	assert_int_equal(schedule_http_fresh("max-age=60", "Mon, 07 Dec 2026 12:00:00 GMT",
					     NULL, T0), 60);
	assert_int_equal(schedule_http_fresh(NULL, "Mon, 07 Dec 2026 12:00:00 GMT", NULL, T0),
			 2 * H);
	/* the server's clock is an hour behind ours: its Date counts, not our clock */
	assert_int_equal(schedule_http_fresh(NULL, "Mon, 07 Dec 2026 12:00:00 GMT",
					     "Mon, 07 Dec 2026 09:00:00 GMT", T0), 3 * H);
	assert_int_equal(schedule_http_fresh(NULL, "0", NULL, T0), 0);
	assert_int_equal(schedule_http_fresh(NULL, "Mon, 07 Dec 2026 08:00:00 GMT", NULL, T0), 0);
}

/* BYLINE_NOW sets the clock; anything but a positive number is ignored. */
static void
test_clock(void **state)
{
	(void)state;
	setenv("BYLINE_NOW", "1796637600", 1);
	assert_int_equal(schedule_now(), T0);
	setenv("BYLINE_NOW", "soon", 1);
	assert_true(schedule_now() > 1700000000 && schedule_now() != T0);
	unsetenv("BYLINE_NOW");
	assert_true(schedule_now() > 1700000000);
}

/* The parser reads <ttl>, sy:updatePeriod/Frequency, skipHours and skipDays; bad values warn. */
static void
test_parse_hints(void **state)
{
	struct parsed *r;

	(void)state;
	r = parse_str("<rss version=\"2.0\" xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\">"
		      "<channel><title>t</title><ttl> 90 </ttl>"
		      "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>"
		      "<skipHours><hour>0</hour><hour>23</hour><hour>24</hour></skipHours>"
		      "<skipDays><day>Saturday</day><day>sunday</day></skipDays>"
		      "<item><title>a</title></item></channel></rss>");
	assert_int_equal(r->status, BL_OK);
	assert_int_equal(r->final.ttl, 90);
	assert_int_equal(r->final.update_period, 1800);
	assert_int_equal(r->final.skip_hours, 1u << 0 | 1u << 23);
	assert_int_equal(r->final.skip_days, 1u << 6 | 1u << 0);
	assert_int_equal(r->nwarnings, 0);
	parsed_free(&r);
	/* after the items, with the frequency alone (the period is then daily) */
	r = parse_str("<rss version=\"2.0\"><channel><title>t</title><item><title>a</title></item>"
		      "<sy:updateFrequency xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\">"
		      "4</sy:updateFrequency><ttl>soon</ttl><skipHours><hour>25</hour></skipHours>"
		      "<skipDays><day>Caturday</day></skipDays></channel></rss>");
	assert_int_equal(r->status, BL_OK);
	assert_int_equal(r->final.update_period, 6 * H);
	assert_int_equal(r->final.ttl, 0);
	assert_int_equal(r->final.skip_hours, 0);
	assert_int_equal(r->final.skip_days, 0);
	assert_int_equal(r->nwarnings, 3);
	assert_true(warned(r, "<ttl> is not a number of minutes"));
	assert_true(warned(r, "<skipHours> hour is not 0 to 23"));
	parsed_free(&r);
	/* Atom has none of them: an Atom <ttl> is not RSS's */
	r = parse_str("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><ttl>60</ttl>"
		      "<entry><id>1</id><title>a</title></entry></feed>");
	assert_int_equal(r->final.ttl, 0);
	parsed_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_given),
		cmocka_unit_test(test_latest_wins_bounded),
		cmocka_unit_test(test_skips),
		cmocka_unit_test(test_http_fresh),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_parse_hints),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
