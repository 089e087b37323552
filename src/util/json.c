/* JSON string output that stays valid UTF-8 whatever bytes come in. */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "byline/json.h"
#include "byline/utf8.h"

/* Appends ASCII byte c (a quote, backslash or control character) escaped. */
static void
put_escape(struct buf *b, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', (char)c };
	size_t len = 2;

	if (c == '\n') {
		e[1] = 'n';
	} else if (c == '\t') {
		e[1] = 't';
	} else if (c == '\r') {
		e[1] = 'r';
	} else if (c != '"' && c != '\\') {
		memcpy(e + 1, "u00", 3);
		e[4] = hex[c >> 4];
		e[5] = hex[c & 15];
		len = 6;
	}
	buf_append(b, e, len);
}

/* ASCII control characters, DEL, quote and backslash: the bytes JSON escapes. */
static int
json_special(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\' || c == 0x7f;
}

#ifdef UTF8_AVX2
/* A bit for each byte of the 32 at p that JSON escapes. */
__attribute__((target("avx2"))) static inline unsigned
special_mask_avx2(const unsigned char *p)
{
	__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
	__m256i ctl = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1f)), v);
	__m256i bad = _mm256_or_si256(_mm256_or_si256(ctl, _mm256_cmpeq_epi8(v, _mm256_set1_epi8('"'))),
		_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\')),
				_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7f))));

	return (unsigned)_mm256_movemask_epi8(bad);
}

/*
 * plain_len 32 bytes at a time, n >= 32: the last bytes are looked at in
 * the 32 that end at p + n, so there is no byte-by-byte tail.
 */
__attribute__((target("avx2"))) static size_t
plain_len_avx2(const unsigned char *p, size_t n)
{
	size_t i;
	unsigned m;

	for (i = 0; i + 32 <= n; i += 32)
		if ((m = special_mask_avx2(p + i)))
			return i + (size_t)__builtin_ctz(m);
	if (i == n)
		return n;
	/* bytes n-32 .. i-1 are known plain: keep the bits of i .. n-1 */
	m = special_mask_avx2(p + n - 32) & (~0u << (32 - (n - i)));
	return m ? n - 32 + (size_t)__builtin_ctz(m) : n;
}
#endif

/* Bytes at p before the first that JSON escapes (in UTF-8 text, only ASCII ones). */
static size_t
plain_len(const unsigned char *p, size_t n)
{
	size_t i = 0;

#ifdef UTF8_AVX2
	if (n >= 32 && __builtin_cpu_supports("avx2"))
		return plain_len_avx2(p, n);
#endif
#ifdef __SSE2__
	const __m128i lim = _mm_set1_epi8(0x1f), q = _mm_set1_epi8('"');
	const __m128i bs = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7f);

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, lim), v);	/* v <= 0x1f */
		__m128i bad = _mm_or_si128(_mm_or_si128(ctl, _mm_cmpeq_epi8(v, q)),
					   _mm_or_si128(_mm_cmpeq_epi8(v, bs), _mm_cmpeq_epi8(v, del)));
		int m = _mm_movemask_epi8(bad);

		if (m)
			return i + (size_t)__builtin_ctz((unsigned)m);
	}
#endif
	while (i < n && !json_special(p[i]))
		i++;
	return i;
}

void
json_put_string(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run, k;

	buf_putc(b, '"');
	while (i < n) {
		/* the valid UTF-8 first, then what in it needs escaping */
		run = i;
		i += utf8_valid_len(p + i, n - i, 0);
		while (run < i) {
			k = plain_len(p + run, i - run);
			buf_append(b, p + run, k);
			run += k;
			if (run < i)
				put_escape(b, p[run++]);
		}
		if (i < n) {
			buf_append(b, "\xef\xbf\xbd", 3);	/* invalid UTF-8 */
			i++;
		}
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

#ifdef UTF8_AVX2
/*
 * Copies the bytes of s before the first that JSON escapes to d, 32 at a
 * time, n >= 32; returns how many. d has room for n bytes: whole blocks
 * are stored, and the last bytes are copied again with the 32 that end
 * at s + n.
 */
__attribute__((target("avx2"))) static size_t
copy_plain_avx2(unsigned char *d, const unsigned char *s, size_t n)
{
	size_t i;
	unsigned m;

	for (i = 0; i + 32 <= n; i += 32) {
		_mm256_storeu_si256((__m256i *)(void *)(d + i),
				    _mm256_loadu_si256((const __m256i *)(const void *)(s + i)));
		if ((m = special_mask_avx2(s + i)))
			return i + (size_t)__builtin_ctz(m);
	}
	if (i == n)
		return n;
	_mm256_storeu_si256((__m256i *)(void *)(d + n - 32),
			    _mm256_loadu_si256((const __m256i *)(const void *)(s + n - 32)));
	m = special_mask_avx2(s + n - 32) & (~0u << (32 - (n - i)));
	return m ? n - 32 + (size_t)__builtin_ctz(m) : n;
}
#endif

/* Appends the bytes of s before the first that JSON escapes; returns how many. */
static size_t
put_plain(struct buf *b, const unsigned char *s, size_t n)
{
	size_t k;

#ifdef UTF8_AVX2
	if (n >= 32 && __builtin_cpu_supports("avx2")) {
		/* scanned and copied in one pass */
		buf_reserve(b, n);
		k = copy_plain_avx2((unsigned char *)b->data + b->len, s, n);
		b->len += k;
		b->data[b->len] = '\0';
		return k;
	}
#endif
	k = plain_len(s, n);
	buf_append(b, s, k);
	return k;
}

void
json_put_valid_string(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	buf_putc(b, '"');
	while (i < n) {
		i += put_plain(b, p + i, n - i);
		if (i < n)
			put_escape(b, p[i++]);
	}
	buf_putc(b, '"');
}
