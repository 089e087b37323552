/* What the in-process benches share: a monotonic clock in ms and the order of timings for medians. */
#ifndef BYLINE_BENCH_H
#define BYLINE_BENCH_H

#include <time.h>

static inline double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* qsort's comparison of two doubles, smallest first. */
static inline int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

#endif
