/* The monotonic clock, for timing, pacing and timeouts (not the calendar: see schedule_now). */
#ifndef BYLINE_CLOCK_H
#define BYLINE_CLOCK_H

#include <stdint.h>

/* Milliseconds on the monotonic clock. */
int64_t clock_ms(void);

/* Seconds on the monotonic clock. */
double clock_s(void);

#endif
