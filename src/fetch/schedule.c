/* Polite scheduling: a feed's next due time (byline-config(5), "When a feed is due"). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "byline/date.h"
#include "byline/schedule.h"

static int64_t
bounded(int64_t v)
{
	return v < 0 ? 0 : v > SCHEDULE_HINT_MAX ? SCHEDULE_HINT_MAX : v;
}

/* All 24 hours, or all 7 days: a skip list that would never let the feed be fetched. */
#define ALL_HOURS 0xffffffu
#define ALL_DAYS 0x7fu

static int
skipped(const struct schedule_hints *h, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	if ((h->skip_days & ALL_DAYS) != ALL_DAYS && (h->skip_days >> tm.tm_wday & 1))
		return 1;
	return (h->skip_hours & ALL_HOURS) != ALL_HOURS && (h->skip_hours >> tm.tm_hour & 1);
}

int64_t
schedule_due(const struct schedule_hints *h, int64_t now, enum schedule_why *why)
{
	int64_t period = h->floor > 0 ? h->floor : 0, due;
	enum schedule_why w = WHY_FLOOR;
	int i;

	if (bounded(h->ttl) > period)
		period = bounded(h->ttl), w = WHY_TTL;
	if (bounded(h->update_period) > period)
		period = bounded(h->update_period), w = WHY_SY;
	if (bounded(h->http_fresh) > period)
		period = bounded(h->http_fresh), w = WHY_HTTP;
	due = now + period;
	/* to the start of the next hour until one is not skipped: a week at most */
	for (i = 0; i < 24 * 8 && skipped(h, due); i++)
		due = (due / 3600 + 1) * 3600;
	if (why)
		*why = w;
	return due;
}

/* The max-age=N of a Cache-Control value: N, 0 for no-cache or no-store, -1 for none. */
static int64_t
max_age(const char *cc)
{
	const char *p;
	char *end;
	long long v;

	if (!cc)
		return -1;
	for (p = cc; *p; p++) {
		if (p != cc && p[-1] != ' ' && p[-1] != ',' && p[-1] != '\t')
			continue;
		if (!strncasecmp(p, "no-store", 8) || !strncasecmp(p, "no-cache", 8))
			return 0;
		if (!strncasecmp(p, "max-age", 7)) {
			p += 7;
			while (*p == ' ')
				p++;
			if (*p++ != '=')
				return -1;
			while (*p == ' ')
				p++;
			if (*p == '"')
				p++;
			v = strtoll(p, &end, 10);
			return end == p || v < 0 ? -1 : (int64_t)v;
		}
	}
	return -1;
}

int64_t
schedule_http_fresh(const char *cache_control, const char *expires, const char *date,
		    int64_t now)
{
	int64_t age = max_age(cache_control), exp, at;

	if (age >= 0)
		return age;
	if (!expires)
		return -1;
	if (!date_parse(expires, &exp))
		return 0;	/* RFC 9111 5.3: an invalid Expires ("0") is in the past */
	if (!date || !date_parse(date, &at))
		at = now;	/* the server's own clock when it says, so a skewed clock does not matter */
	return exp > at ? exp - at : 0;
}

int64_t
schedule_now(void)
{
	const char *env = getenv("BYLINE_NOW");
	char *end;
	long long v;

	if (env && *env) {
		v = strtoll(env, &end, 10);
		if (!*end && v > 0)
			return (int64_t)v;
	}
	return (int64_t)time(NULL);
}
