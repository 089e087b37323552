/* Date parsing for feeds: RFC 822/2822, RFC 3339/ISO 8601 and common garbage. */
#ifndef BYLINE_DATE_H
#define BYLINE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Parses `s` into seconds since the epoch, UTC, independent of the TZ
 * environment. Returns false (and leaves *out alone) for anything it cannot
 * read with certainty: never a wrong date.
 */
bool date_parse(const char *s, int64_t *out);

#define DATE_NO_ZONE (-100000)

/*
 * date_parse for a string that may name no zone ("2024-10-01 08:30"): it
 * is then read at default_zone, minutes east of UTC. Names of months and
 * weekdays may be French, German, Italian, Spanish, Portuguese, Dutch or
 * Russian, and CJK forms ("2024年10月1日 08:30") are read. *zone (may be
 * NULL) gets the zone the string named, or DATE_NO_ZONE.
 */
bool date_parse_in(const char *s, int default_zone, int64_t *out, int *zone);

/* Formats t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void date_format_iso(int64_t t, char *out, size_t outlen);

#endif
