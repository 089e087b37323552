/* Internals shared by the text module's files (not part of the interface). */
#ifndef BYLINE_TEXT_IMPL_H
#define BYLINE_TEXT_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <unistr.h>
#include <unitypes.h>

/*
 * Decodes one code point of (possibly invalid) UTF-8; returns its length
 * (>= 1). Well-formed sequences are decoded inline (the hot path of width
 * and cleaning); anything else goes to libunistring, which gives U+FFFD.
 */
static inline size_t
text_decode(const uint8_t *s, size_t n, ucs4_t *uc)
{
	int len;

	if (s[0] < 0x80) {
		*uc = s[0];
		return 1;
	}
	if (((s[0] >= 0xE1 && s[0] <= 0xEC) || s[0] == 0xEE || s[0] == 0xEF) && n >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		*uc = ((ucs4_t)(s[0] & 0x0F) << 12) | ((ucs4_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*uc = ((ucs4_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	len = u8_mbtouc(uc, s, n);
	return len > 0 ? (size_t)len : 1;
}

/* Columns of one code point as ncursesw counts them: libc wcwidth(). */
int text_cp_width(ucs4_t uc);

/*
 * Widths of every prefix of s (n bytes), as text_width_n counts them:
 * pw[i] is the width of [0, i) (n + 1 entries; inside a code point, the
 * width before it). True when s holds a character UAX #14 breaks after
 * (newline, CR, VT, FF, NEL, U+2028, U+2029).
 */
bool text_prefix_widths(const char *s, size_t n, int *pw);

#endif
