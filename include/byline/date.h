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

/* Formats t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void date_format_iso(int64_t t, char *out, size_t outlen);

#endif
