/* Polite scheduling: when a feed is next due, from its interval, the feed's hints and the server's headers. */
#ifndef BYLINE_SCHEDULE_H
#define BYLINE_SCHEDULE_H

#include <stdint.h>

/* The longest a hint of the feed or the server holds a feed back (the user's interval= may be longer). */
#define SCHEDULE_HINT_MAX (24 * 3600)

/* What decides a feed's next due time; 0 in a field: not given. */
struct schedule_hints {
	int64_t floor;		/* s: interval= of the feed, else refresh-interval */
	int64_t ttl;		/* s: RSS <ttl> */
	int64_t update_period;	/* s: sy:updatePeriod / sy:updateFrequency */
	int64_t http_fresh;	/* s: Cache-Control max-age, else Expires - Date; -1 none */
	uint32_t skip_hours;	/* bit h: hour h UTC is skipped */
	uint32_t skip_days;	/* bit d: day d (0 Sunday) UTC is skipped */
};

/* Which hint decided a due time (for messages). */
enum schedule_why {
	WHY_FLOOR, WHY_TTL, WHY_SY, WHY_HTTP,
};

/*
 * The rule (byline-config(5), "When a feed is due"): the latest of
 * now + floor, now + ttl, now + update period and now + HTTP freshness,
 * each hint of the feed or server bounded by SCHEDULE_HINT_MAX; then moved
 * on to the first hour that skipHours and skipDays (UTC) do not list (a
 * feed that skips every hour or every day has its skips ignored). *why (may
 * be NULL) is set to the hint that decided.
 */
int64_t schedule_due(const struct schedule_hints *h, int64_t now, enum schedule_why *why);

/*
 * The seconds an HTTP response stays fresh: Cache-Control max-age
 * (no-cache, no-store: 0), else Expires less Date (else less now); -1
 * when neither says. Any argument may be NULL.
 */
int64_t schedule_http_fresh(const char *cache_control, const char *expires, const char *date,
			    int64_t now);

/*
 * The clock of the scheduler, in epoch seconds: time(NULL), or
 * BYLINE_NOW from the environment when set (for tests, doc/TESTING.md).
 */
int64_t schedule_now(void);

#endif
