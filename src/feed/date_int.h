/* Date parsing's internal pieces (date.c, date_words.c); not part of the public API. */
#ifndef BYLINE_DATE_INT_H
#define BYLINE_DATE_INT_H

#include <stdbool.h>

/* Longer strings are not dates; this also bounds all the work on one. */
#define DATE_MAX_LEN 160

/*
 * Rewrites a date written in another language into the English forms
 * date.c reads: month names of French, German, Italian, Spanish,
 * Portuguese, Dutch and Russian become "jan".."dec"; a leading weekday and
 * words such as "de", "um", "Uhr", "г." go; "1." and "1er" become "1",
 * "08h30" becomes "08:30"; CJK "2024年10月1日 08时30分" becomes
 * "2024-10-1 08:30", 星期二 / (火) go, 上午 / 下午 become am / pm.
 * in is at most DATE_MAX_LEN bytes; out has room for as many plus one.
 * Returns false when nothing was rewritten (no other try is worth it).
 */
bool date_translate(const char *in, char *out);

#endif
