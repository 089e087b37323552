/* UTF-8 decoding, validation and the byte scans over text: one copy for every module, inline. */
#ifndef BYLINE_UTF8_H
#define BYLINE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * The vector paths of byline live here, each beside its scalar twin
 * (test_util holds one to the other). -DBYLINE_NO_SIMD builds without
 * them, to measure what they earn.
 */
#if defined(__SSE2__) && !defined(BYLINE_NO_SIMD)
#include <emmintrin.h>
#define UTF8_SSE2 1
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(BYLINE_NO_SIMD)
#include <immintrin.h>
#define UTF8_AVX2 1
#endif

/* utf8_valid_len flag: also stop at what XML 1.0 cannot carry (see there). */
#define UTF8_XML 1u

/*
 * Length (1-4) of the well-formed UTF-8 sequence at s (n > 0 bytes
 * readable) and its code point in *cp; 0 when the bytes are not UTF-8 or
 * the sequence is cut short by n. Overlong forms, surrogates and code
 * points past U+10FFFF are not UTF-8 (RFC 3629).
 */
static inline size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		if (n < 2 || (s[1] & 0xc0) != 0x80)
			return 0;
		*cp = ((uint32_t)(c & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (c >= 0xe0 && c <= 0xef) {
		uint32_t v;

		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		v = ((uint32_t)(c & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		if (v < 0x800 || (v >= 0xd800 && v <= 0xdfff))
			return 0;
		*cp = v;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		uint32_t v;

		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		v = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
		    ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
		if (v < 0x10000 || v > 0x10ffff)
			return 0;
		*cp = v;
		return 4;
	}
	return 0;
}

/* Length of the valid sequence at s, as utf8_decode without the code point. */
static inline size_t
utf8_seq_len(const unsigned char *s, size_t n)
{
	uint32_t cp;

	return utf8_decode(s, n, &cp);
}

/*
 * True when s[0..n) is the start of a well-formed sequence that n cut
 * short: more bytes may complete it (a streaming reader waits for them).
 */
static inline int
utf8_incomplete(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2, i;

	if (c < 0xc2 || c > 0xf4 || n >= need)
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* the second byte alone can already rule out overlongs, surrogates, > U+10FFFF */
	if (n >= 2 && ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) ||
		       (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f)))
		return 0;
	return 1;
}

/*
 * The bytes a scan stops at: those below `below`, those at or above
 * `from` (unless it is 0) and a, b, c and d (each unless it is 0: NUL is
 * found through below).
 */
struct utf8_stop {
	unsigned char below, from, a, b, c, d;
};

static inline int
utf8_stops_at(unsigned char x, struct utf8_stop k)
{
	return x < k.below || (k.from && x >= k.from) || (k.a && x == k.a) || (k.b && x == k.b) ||
	       (k.c && x == k.c) || (k.d && x == k.d);
}

/* utf8_span one byte at a time: its tail, and the twin the tests hold it to. */
static inline size_t
utf8_span_scalar(const unsigned char *s, size_t n, struct utf8_stop k)
{
	size_t i = 0;

	while (i < n && !utf8_stops_at(s[i], k))
		i++;
	return i;
}

/*
 * Index of the first byte of s that k stops at, or n: 16 bytes at a time.
 * Inlined with a constant k, only the comparisons k asks for are left.
 * s may be NULL when n is 0 (so is it for every scan below).
 */
static inline size_t
utf8_span(const unsigned char *s, size_t n, struct utf8_stop k)
{
	size_t i = 0;

#ifdef UTF8_SSE2
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_setzero_si128();
		int bits;

		if (k.below)	/* v <= below - 1 */
			m = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8((char)(k.below - 1))), v);
		if (k.from)	/* v >= from */
			m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8((char)k.from)), v));
		if (k.a)
			m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)k.a)));
		if (k.b)
			m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)k.b)));
		if (k.c)
			m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)k.c)));
		if (k.d)
			m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)k.d)));
		if ((bits = _mm_movemask_epi8(m)))
			return i + (size_t)__builtin_ctz((unsigned)bits);
	}
	if (i)
		return i + utf8_span_scalar(s + i, n - i, k);
#endif
	return utf8_span_scalar(s, n, k);
}

/* Number of bytes at s before the first that is not ASCII (>= 0x80). */
static inline size_t
utf8_ascii_len(const unsigned char *s, size_t n)
{
	return utf8_span(s, n, (struct utf8_stop){ .from = 0x80 });
}

/* Index of the first byte of s equal to a or b (neither NUL), or n. */
static inline size_t
utf8_find2(const unsigned char *s, size_t n, unsigned char a, unsigned char b)
{
	return utf8_span(s, n, (struct utf8_stop){ .a = a, .b = b });
}

#ifdef UTF8_AVX2
/* The bytes k places before each byte of in, prev holding the 32 bytes before in. */
#define UTF8_PREV(in, prev, k) \
	_mm256_alignr_epi8((in), _mm256_permute2x128_si256((prev), (in), 0x21), 16 - (k))
#define UTF8_TBL(...) _mm256_setr_epi8(__VA_ARGS__, __VA_ARGS__)

/*
 * Errors in the 32 bytes of in (non-zero bytes) given the 32 before, by
 * Keiser and Lemire's lookup method ("Validating UTF-8 in less than one
 * instruction per byte", 2021): three table lookups on nibbles of each
 * byte and the one before classify every two-byte window; prev2/prev3
 * say where a third or fourth byte must be.
 */
/* The byte constants of utf8_block_errors, each in all 32 lanes. */
struct utf8_k {
	__m256i nib, x60, x70, x80, c2, a0, x7f, ef, bf, one;
};

/*
 * Fills k. The empty asm makes each value opaque to the compiler, so the
 * loop reads them from registers or the stack instead of rebuilding every
 * broadcast (three instructions each) in each round.
 */
__attribute__((target("avx2"))) static inline void
utf8_k_init(struct utf8_k *k)
{
	k->nib = _mm256_set1_epi8(0x0f);
	k->x60 = _mm256_set1_epi8(0x60);
	k->x70 = _mm256_set1_epi8(0x70);
	k->x80 = _mm256_set1_epi8((char)0x80);
	k->c2 = _mm256_set1_epi8((char)0xc2);
	k->a0 = _mm256_set1_epi8((char)0xa0);
	k->x7f = _mm256_set1_epi8(0x7f);
	k->ef = _mm256_set1_epi8((char)0xef);
	k->bf = _mm256_set1_epi8((char)0xbf);
	k->one = _mm256_set1_epi8(1);
	__asm__("" : "+m"(*k));
}

__attribute__((target("avx2"))) static inline __m256i
utf8_block_errors(__m256i in, __m256i prev, unsigned flags, const struct utf8_k *k)
{
	enum { SHORT = 1, LONG = 2, OVL3 = 4, LARGE = 8, SURR = 16, OVL2 = 32, L1000 = 64,
	       CONTS = 128, CARRY = SHORT | LONG | CONTS };
	const __m256i nib = k->nib;
	__m256i p1 = UTF8_PREV(in, prev, 1), p2 = UTF8_PREV(in, prev, 2), p3 = UTF8_PREV(in, prev, 3);
	__m256i hi1 = _mm256_shuffle_epi8(UTF8_TBL(LONG, LONG, LONG, LONG, LONG, LONG, LONG, LONG,
		CONTS, CONTS, CONTS, CONTS, SHORT | OVL2, SHORT, SHORT | OVL3 | SURR,
		SHORT | LARGE | L1000 /* OVL4 shares L1000's bit */ ),
		_mm256_and_si256(_mm256_srli_epi16(p1, 4), nib));
	__m256i lo1 = _mm256_shuffle_epi8(UTF8_TBL(CARRY | OVL3 | OVL2 | L1000, CARRY | OVL2,
		CARRY, CARRY, CARRY | LARGE, CARRY | LARGE | L1000, CARRY | LARGE | L1000,
		CARRY | LARGE | L1000, CARRY | LARGE | L1000, CARRY | LARGE | L1000,
		CARRY | LARGE | L1000, CARRY | LARGE | L1000, CARRY | LARGE | L1000,
		CARRY | LARGE | L1000 | SURR, CARRY | LARGE | L1000, CARRY | LARGE | L1000),
		_mm256_and_si256(p1, nib));
	__m256i hi2 = _mm256_shuffle_epi8(UTF8_TBL(SHORT, SHORT, SHORT, SHORT, SHORT, SHORT, SHORT, SHORT,
		LONG | OVL2 | CONTS | OVL3 | L1000, LONG | OVL2 | CONTS | OVL3 | LARGE,
		LONG | OVL2 | CONTS | SURR | LARGE, LONG | OVL2 | CONTS | SURR | LARGE,
		SHORT, SHORT, SHORT, SHORT),
		_mm256_and_si256(_mm256_srli_epi16(in, 4), nib));
	__m256i must23 = _mm256_and_si256(_mm256_or_si256(_mm256_subs_epu8(p2, k->x60),
		_mm256_subs_epu8(p3, k->x70)), k->x80);
	__m256i err = _mm256_xor_si256(must23, _mm256_and_si256(_mm256_and_si256(hi1, lo1), hi2));

	if (flags & UTF8_XML) {
		/* bytes 0x00..0x0f but tab, LF, CR: a lookup on in + 0x70 (0x10 and up saturate to zero) */
		__m256i c0 = _mm256_shuffle_epi8(UTF8_TBL(-1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, -1, -1,
			0, -1, -1), _mm256_adds_epu8(in, k->x70));
		__m256i hin = _mm256_and_si256(_mm256_srli_epi16(in, 4), nib);
		__m256i c1x = _mm256_or_si256(_mm256_cmpeq_epi8(hin, k->one),
			_mm256_cmpeq_epi8(in, k->x7f));
		/* C2 80..9F (C1 controls); EF BF BE, EF BF BF (U+FFFE, U+FFFF) */
		__m256i c1 = _mm256_and_si256(_mm256_cmpeq_epi8(p1, k->c2),
			_mm256_cmpgt_epi8(k->a0, in));
		__m256i nc = _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(p2, k->ef),
			_mm256_cmpeq_epi8(p1, k->bf)),
			_mm256_cmpeq_epi8(_mm256_or_si256(in, k->one), k->bf));

		err = _mm256_or_si256(_mm256_or_si256(err, c0), _mm256_or_si256(c1x, _mm256_or_si256(c1, nc)));
	}
	return err;
}

/* utf8_valid_len's loop, 32 bytes at a time; stops short of a bad block or the last bytes. */
__attribute__((target("avx2"))) static inline size_t
utf8_valid_len_avx2(const unsigned char *s, size_t n, unsigned flags)
{
	const __m256i tail = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		(char)(0xf0 - 1), (char)(0xe0 - 1), (char)(0xc0 - 1));
	__m256i prev = _mm256_setzero_si256(), open = prev;
	struct utf8_k k;
	size_t i = 0, j;

	utf8_k_init(&k);

	for (; i + 32 <= n; i += 32) {
		__m256i in = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));

		if (!(flags & UTF8_XML) && !_mm256_movemask_epi8(in)) {
			if (!_mm256_testz_si256(open, open))	/* a sequence cut by ASCII */
				break;
		} else if (!_mm256_testz_si256(utf8_block_errors(in, prev, flags, &k),
					       _mm256_set1_epi8(-1))) {
			break;
		}
		open = _mm256_subs_epu8(in, tail);	/* a sequence still open at the end */
		prev = in;
	}
	if (i == 0)
		return 0;
	/* back to the start of a character that ends before s[i] */
	for (j = i - 1; j > 0 && (s[j] & 0xc0) == 0x80; j--)
		;
	return j + (size_t)(s[j] >= 0xf0 ? 4 : s[j] >= 0xe0 ? 3 : s[j] >= 0xc0 ? 2 : 1) > i ? j : i;
}
#endif

/* utf8_valid_len without the 32-byte validator: its tail, and the twin the tests hold it to. */
static inline size_t
utf8_valid_len_scalar(const unsigned char *s, size_t n, unsigned flags)
{
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		if (!(flags & UTF8_XML)) {
			i += utf8_ascii_len(s + i, n - i);
			if (i >= n)
				break;
		}
		if (!(len = utf8_decode(s + i, n - i, &cp)))
			break;
		if ((flags & UTF8_XML) && ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
					   (cp >= 0x7f && cp < 0xa0) || cp == 0xfffe || cp == 0xffff))
			break;
		i += len;
	}
	return i;
}

/*
 * Length of the longest prefix of s that is well-formed UTF-8; with
 * UTF8_XML also without C0 controls other than tab, LF and CR, DEL, C1
 * controls (U+0080..U+009F) and U+FFFE, U+FFFF.
 */
static inline size_t
utf8_valid_len(const unsigned char *s, size_t n, unsigned flags)
{
#ifdef UTF8_AVX2
	if (n >= 64 && __builtin_cpu_supports("avx2")) {
		size_t i = utf8_valid_len_avx2(s, n, flags);

		return i + utf8_valid_len_scalar(s + i, n - i, flags);
	}
#endif
	return utf8_valid_len_scalar(s, n, flags);
}

/* Writes the UTF-8 for code point c (< 0x110000, not a surrogate) to o; returns its length. */
static inline size_t
utf8_encode(uint32_t c, unsigned char o[4])
{
	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xc0 | (c >> 6));
		o[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (c >> 12));
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (c >> 18));
	o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

#endif
