/* Internals shared by the text module's files (not part of the interface). */
#ifndef BYLINE_TEXT_INT_H
#define BYLINE_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <unistr.h>
#include <unitypes.h>

#include "byline/utf8.h"

/*
 * Decodes one code point of (possibly invalid) UTF-8; returns its length
 * (>= 1). Well-formed sequences are decoded inline by utf8.h (the hot path
 * of width and cleaning); anything else goes to libunistring, which gives
 * U+FFFD and says how many bytes the bad sequence spans.
 */
size_t text_decode_bad(const uint8_t *s, size_t n, ucs4_t *uc);

static inline __attribute__((always_inline)) size_t
text_decode(const uint8_t *s, size_t n, ucs4_t *uc)
{
	uint32_t cp;
	size_t len = utf8_decode(s, n, &cp);

	if (!len)
		return text_decode_bad(s, n, uc);
	*uc = cp;
	return len;
}

/* Columns of one code point as ncursesw counts them: libc wcwidth(). */
int text_cp_width(ucs4_t uc);

/*
 * text_cp_width's cache of the first planes (width.c): the width plus 2
 * (1 for -1 ... 4 for 2), 0 until asked. text_cp_width_cached reads it
 * inline, the hot path of cleaning and measuring.
 */
#define TEXT_CACHED_CPS 0x20000
extern signed char text_width_cache[TEXT_CACHED_CPS];

static inline int
text_cp_width_cached(ucs4_t uc)
{
	if (uc < TEXT_CACHED_CPS && text_width_cache[uc])
		return text_width_cache[uc] - 2;
	return text_cp_width(uc);
}

/*
 * Widths of every prefix of s (n bytes), as text_width_n counts them:
 * pw[i] is the width of [0, i) (n + 1 entries; inside a code point, the
 * width before it). True when s holds a character UAX #14 breaks after
 * (newline, CR, VT, FF, NEL, U+2028, U+2029).
 */
bool text_prefix_widths(const char *s, size_t n, int *pw);

#endif
