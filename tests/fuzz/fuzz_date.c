/* libFuzzer target for date_parse: no crash, every date it accepts survives a round trip, and a default zone moves only zoneless dates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline/date.h"

/* 1900-01-01 and 9999-12-31 23:59:60, widened by the largest offset (18 h). */
#define T_MIN (-2208988800LL - 18 * 3600)
#define T_MAX (253402300800LL + 18 * 3600)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	int64_t t = 0, back = 0;
	int zone;
	char iso[32];

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &t)) {
		if (t < T_MIN || t > T_MAX)
			abort();	/* a date outside the accepted years */
		date_format_iso(t, iso, sizeof iso);
		if (!date_parse(iso, &back) || back != t)
			abort();	/* our own output must read back the same */
		/* another default zone moves only a date that names none, by that much */
		if (!date_parse_in(s, 480, &back, &zone))
			abort();
		if (back != (zone == DATE_NO_ZONE ? t - 480 * 60 : t))
			abort();
	} else if (t != 0 || date_parse_in(s, 480, &t, &zone)) {
		abort();		/* a failed parse wrote its output, or the zone changed the verdict */
	}
	free(s);
	return 0;
}
