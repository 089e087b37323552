/* Display width (libc wcwidth, as ncursesw counts) and truncation to N columns. */
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unigbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "text_int.h"

/* text_decode's way out: libunistring's U+FFFD and the length of the bad sequence. */
size_t
text_decode_bad(const uint8_t *s, size_t n, ucs4_t *uc)
{
	int bad = u8_mbtouc(uc, s, n);

	return bad > 0 ? (size_t)bad : 1;
}

/* The process's LC_CTYPE is process-wide state anyway; we only record what we found. */
static int init_state;		/* 0 unknown, 1 UTF-8, -1 no UTF-8 locale */

static bool
ctype_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

bool
text_init(void)
{
	if (init_state)
		return init_state > 0;
	if (!ctype_is_utf8() && !setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	init_state = ctype_is_utf8() ? 1 : -1;
	return init_state > 0;
}

/*
 * wcwidth() of the first planes, cached: rendering a 1 MB article asks for
 * millions of widths, and libc's goes through the locale each time. The
 * cache holds what libc answered (the locale is set once, in text_init).
 */
#define CACHED_CPS TEXT_CACHED_CPS
signed char text_width_cache[CACHED_CPS];	/* width + 2; 0: not asked yet */

static int
libc_width(ucs4_t uc)
{
	if (init_state > 0)
		return wcwidth((wchar_t)uc);
	/* No UTF-8 locale at all: libunistring's table is the best guess. */
	return uc_width(uc, "UTF-8");
}

int
text_cp_width(ucs4_t uc)
{
	if (uc >= 0x20 && uc < 0x7f)
		return 1;
	if (uc >= CACHED_CPS)
		return libc_width(uc);
	if (!text_width_cache[uc]) {
		text_init();
		text_width_cache[uc] = (signed char)(libc_width(uc) + 2);
	}
	return text_width_cache[uc] - 2;
}

/* Width of one decoded code point as cleaning would show it. */
static int
shown_width_slow(ucs4_t uc)
{
	int w;

	if (uc < 0x2000) {
		if (uc == 0x00AD || uc == 0x061C || uc == '\n')
			return 0;
		if (uc == '\t')
			return 1;
	} else if (uc <= 0x2069) {
		if (uc == 0x200E || uc == 0x200F || (uc >= 0x202A && uc <= 0x202E) || uc >= 0x2066)
			return 0;
	} else if (uc == 0xFEFF) {
		return 0;
	}
	w = text_cp_width(uc);
	return w < 0 ? 1 : w;
}

/*
 * Whether uc is shown with its cached width as it is: no control, soft
 * hyphen, U+061C, format character of U+2000..U+206F or BOM (the common
 * case: letters, ideographs, marks, emoji of the first planes).
 */
static inline bool
plain_cached(ucs4_t uc)
{
	return uc >= 0xA0 && uc < CACHED_CPS && text_width_cache[uc] && uc != 0x00AD &&
	       uc != 0x061C && (uc < 0x2000 || uc >= 0x2070) && uc != 0xFEFF;
}

static inline int
shown_width(ucs4_t uc)
{
	if (plain_cached(uc)) {
		int w = text_width_cache[uc] - 2;

		return w < 0 ? 1 : w;
	}
	return shown_width_slow(uc);
}

int
text_width_n(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	int w = 0;

	text_init();
	while (i < n) {
		ucs4_t uc;

		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			w++;
			continue;
		}
		i += text_decode(p + i, n - i, &uc);
		w += shown_width(uc);
	}
	return w;
}

bool
text_prefix_widths(const char *s, size_t n, int *pw)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	bool mandatory = false;
	int w = 0;

	text_init();
	pw[0] = 0;
	while (i < n) {
		ucs4_t uc;
		size_t len, k;

		if (p[i] >= 0x20 && p[i] < 0x7f) {
			pw[++i] = ++w;
			continue;
		}
		len = text_decode(p + i, n - i, &uc);
		/* the mandatory breaks are none of the plain ones */
		if (!plain_cached(uc) &&
		    (uc == '\n' || uc == '\r' || uc == '\v' || uc == '\f' || uc == 0x85 ||
		     uc == 0x2028 || uc == 0x2029))
			mandatory = true;
		for (k = 1; k < len; k++)
			pw[i + k] = w;
		w += shown_width(uc);
		i += len;
		pw[i] = w;
	}
	return mandatory;
}

int
text_width(const char *s)
{
	return s ? text_width_n(s, strlen(s)) : 0;
}

void
text_truncate_append(struct buf *out, const char *s, size_t n, int cols,
		     enum text_emoji emoji)
{
	char *clean = text_clean_line(s, n, emoji);
	size_t len = strlen(clean), i = 0, start = 0;
	char *brk = xmalloc(len + 1);
	int w = 0;

	u8_grapheme_breaks((const uint8_t *)clean, len, brk);
	/* Walk clusters: [start, i) is the cluster being measured. */
	while (start < len) {
		int cw = 0;

		i = start;
		do {
			ucs4_t uc;

			i += text_decode((const uint8_t *)clean + i, len - i, &uc);
			cw += shown_width(uc);
		} while (i < len && !brk[i]);
		if (w + cw > cols)
			break;
		buf_append(out, clean + start, i - start);
		w += cw;
		start = i;
	}
	for (; w < cols; w++)
		buf_putc(out, ' ');
	free(brk);
	free(clean);
}

char *
text_truncate(const char *s, int cols, enum text_emoji emoji)
{
	struct buf b = {0};

	text_truncate_append(&b, s, s ? strlen(s) : 0, cols, emoji);
	return buf_steal(&b);
}

size_t
text_cut_bytes(const char *s, size_t n, size_t max)
{
	char *brk;
	size_t i;

	if (n <= max)
		return n;
	brk = xmalloc(n);
	u8_grapheme_breaks((const uint8_t *)s, n, brk);
	for (i = max; i > 0 && !brk[i]; i--)
		;
	free(brk);
	return i;
}

/* The whole algorithm (u8_grapheme_prev looks at pairs only: 👍🏽 would be two). */
size_t
text_last_cluster(const char *s, size_t len)
{
	return len ? text_cut_bytes(s, len, len - 1) : 0;
}
