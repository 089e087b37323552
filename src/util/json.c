/* JSON string output that stays valid UTF-8 whatever bytes come in. */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "byline/json.h"

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid. */
static size_t
utf8_valid_len(const unsigned char *s, size_t n)
{
	uint32_t c;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	if (c >= 0xd800 && c <= 0xdfff)
		return 0;
	return len;
}

/* Appends ASCII byte c (a quote, backslash or control character) escaped. */
static void
put_escape(struct buf *b, unsigned char c)
{
	if (c == '"' || c == '\\') {
		buf_putc(b, '\\');
		buf_putc(b, (char)c);
	} else if (c == '\n') {
		buf_puts(b, "\\n");
	} else if (c == '\t') {
		buf_puts(b, "\\t");
	} else if (c == '\r') {
		buf_puts(b, "\\r");
	} else {
		buf_printf(b, "\\u%04x", c);
	}
}

/* ASCII bytes that go into a JSON string as they are. */
static const unsigned char json_plain[256] = {
	[0x20 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7e] = 1,
};

/* Length of the valid UTF-8 sequence at p[i], with the common cases inline. */
static size_t
utf8_len_fast(const unsigned char *p, size_t i, size_t n)
{
	unsigned char c = p[i];

	if (c >= 0xc2 && c <= 0xdf && i + 1 < n && (p[i + 1] & 0xc0) == 0x80)
		return 2;
	if (((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef ||
	     (c == 0xe0 && i + 1 < n && p[i + 1] >= 0xa0)) &&
	    i + 2 < n && (p[i + 1] & 0xc0) == 0x80 && (p[i + 2] & 0xc0) == 0x80)
		return 3;
	return utf8_valid_len(p + i, n - i);
}

void
json_put_string(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;

	buf_putc(b, '"');
	while (i < n) {
		size_t run = i;
		unsigned char c;

		/* copy runs that need no escaping in one go */
		while (i < n) {
			c = p[i];
			if (json_plain[c])
				i++;
			else if (c >= 0x80 && (len = utf8_len_fast(p, i, n)) > 0)
				i += len;
			else
				break;
		}
		if (i > run)
			buf_append(b, p + run, i - run);
		if (i >= n)
			break;
		c = p[i];
		if (c >= 0x80)
			buf_puts(b, "\xef\xbf\xbd");	/* invalid UTF-8 */
		else
			put_escape(b, c);
		i++;
	}
	buf_putc(b, '"');
}

void
json_put_field(struct buf *b, const char *key, const char *value, int *first)
{
	if (!value || !*value)
		return;
	if (!*first)
		buf_putc(b, ',');
	*first = 0;
	json_put_string(b, key, strlen(key));
	buf_putc(b, ':');
	json_put_string(b, value, strlen(value));
}

/* ASCII control characters, DEL, quote and backslash: the bytes JSON escapes. */
static int
json_special(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\' || c == 0x7f;
}

/* True when one of the 8 bytes in x is below 0x20, '"', '\\' or DEL. */
static int
word_special(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t lt20 = (x - ones * 0x20) & ~x;
	uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\'), del = x ^ (ones * 0x7f);

	return (((lt20) | ((q - ones) & ~q) | ((bs - ones) & ~bs) | ((del - ones) & ~del)) & high) != 0;
}

#ifdef __SSE2__
/* Bytes at p before the first that JSON escapes, 16 at a time (0 to 15 left for the caller). */
static size_t
sse_plain_run(const unsigned char *p, size_t n)
{
	const __m128i lim = _mm_set1_epi8(0x1f), q = _mm_set1_epi8('"');
	const __m128i bs = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7f);
	size_t i;

	for (i = 0; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, lim), v);	/* v <= 0x1f */
		__m128i bad = _mm_or_si128(_mm_or_si128(ctl, _mm_cmpeq_epi8(v, q)),
					   _mm_or_si128(_mm_cmpeq_epi8(v, bs), _mm_cmpeq_epi8(v, del)));
		int m = _mm_movemask_epi8(bad);

		if (m)
			return i + (size_t)__builtin_ctz((unsigned)m);
	}
	return i;
}
#endif

void
json_put_valid_string(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run;
	uint64_t w;

	buf_putc(b, '"');
	while (i < n) {
		run = i;
#ifdef __SSE2__
		i += sse_plain_run(p + i, n - i);
#endif
		while (i + 8 <= n && (memcpy(&w, p + i, 8), !word_special(w)))
			i += 8;
		while (i < n && !json_special(p[i]))
			i++;
		if (i > run)
			buf_append(b, p + run, i - run);
		if (i < n)
			put_escape(b, p[i++]);
	}
	buf_putc(b, '"');
}
