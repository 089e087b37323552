/* Paragraph wrapping: greedy filling over UAX #14 break opportunities, cluster-safe. */
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "text_int.h"

struct wrapper {
	const uint8_t *s;
	size_t n;
	char *lb;		/* u8_possible_linebreaks */
	char *gb;		/* u8_grapheme_breaks of the piece being split */
	int *pw;		/* text_prefix_widths: widths computed once per paragraph */
	size_t gb_base, gb_end;	/* ... which is [gb_base, gb_end) */
	int width;
	struct text_line *lines;
	size_t nlines;
	size_t ls, le;		/* current line: start, end of its content */
	int lw;			/* width of [ls, le) */
	int lw_total;		/* ... plus the trailing spaces after le */
	bool has;		/* something was put on the current line */
	size_t next_at;		/* next_break's last break (0: none) ... */
	ucs4_t next_cp;		/* ... the code point there */
	size_t next_len;	/* ... and its length */
};

static int
span_width(const struct wrapper *w, size_t a, size_t b)
{
	return w->pw[b] - w->pw[a];
}

static void
emit(struct wrapper *w)
{
	if (!(w->nlines & (w->nlines - 1)))	/* 0, 1, 2, 4 ...: double */
		w->lines = xreallocarray(w->lines, w->nlines ? w->nlines * 2 : 1, sizeof *w->lines);
	w->lines[w->nlines++] = (struct text_line){ w->ls, w->le, w->lw };
	w->has = false;
	w->lw = w->lw_total = 0;
}

static void
start_line(struct wrapper *w, size_t at)
{
	w->ls = w->le = at;
	w->lw = w->lw_total = 0;
	w->has = true;
}

/* Next cluster boundary after `i` (or the end). */
static size_t
cluster_end(const struct wrapper *w, size_t i, size_t end)
{
	do
		i++;
	while (i < end && !w->gb[i - w->gb_base]);
	return i;
}

/* Previous cluster boundary before `i` (i > 0). */
static size_t
cluster_start(const struct wrapper *w, size_t i)
{
	do
		i--;
	while (i > w->gb_base && !w->gb[i - w->gb_base]);
	return i;
}

/*
 * Whether UAX #14 forbids a break between `before` and `after` (asked of
 * libunistring with an ideograph on the other side, so only the class of
 * the cluster matters): closing punctuation and small kana cannot start a
 * line, opening punctuation cannot end one.
 */
static bool
glued(const uint8_t *before, size_t nb, const uint8_t *after, size_t na)
{
	uint8_t tmp[64];
	char p[64];

	if (nb + na > sizeof tmp)
		return false;
	memcpy(tmp, before, nb);
	memcpy(tmp + nb, after, na);
	u8_possible_linebreaks(tmp, nb + na, "UTF-8", p);
	return p[nb] == UC_BREAK_PROHIBITED;
}

#define IDEOGRAPH ((const uint8_t *)"\xe4\xb8\x80")	/* U+4E00 */

/* An emergency break before the cluster at x keeps kinsoku. */
static bool
kinsoku_ok(const struct wrapper *w, size_t x)
{
	size_t next = cluster_end(w, x, w->gb_end), prev = cluster_start(w, x);

	return !glued(IDEOGRAPH, 3, w->s + x, next - x) &&
	       !glued(w->s + prev, x - prev, IDEOGRAPH, 3);
}

/* Where to cut before cluster `a`: a, or up to 3 clusters earlier for kinsoku. */
static size_t
emergency_break(const struct wrapper *w, size_t a)
{
	size_t x = a;
	int k;

	if (kinsoku_ok(w, a))
		return a;
	for (k = 0; k < 3; k++) {
		x = cluster_start(w, x);
		if (x <= w->ls)
			break;
		if (kinsoku_ok(w, x))
			return x;
	}
	return a;
}

/* A piece wider than the line: cut it at cluster boundaries. */
static void
split_piece(struct wrapper *w, size_t a, size_t ce, size_t b)
{
	/* a break opportunity is a cluster boundary: the piece's clusters start at a */
	w->gb = xrealloc(w->gb, ce - a);
	w->gb_base = a;
	w->gb_end = ce;
	u8_grapheme_breaks(w->s + a, ce - a, w->gb);
	start_line(w, a);
	while (a < ce) {
		size_t c = cluster_end(w, a, ce);
		int cw = span_width(w, a, c);

		if (w->lw > 0 && w->lw + cw > w->width) {
			size_t x = emergency_break(w, a);
			int moved = span_width(w, x, a);

			if (moved + cw > w->width)
				x = a, moved = 0;
			w->le = x;
			w->lw -= moved;
			emit(w);
			start_line(w, x);
			w->lw = moved;
		}
		w->le = c;
		w->lw += cw;
		a = c;
	}
	w->lw_total = w->lw + span_width(w, ce, b);
}

/* Adds the piece [a, b) whose content (no trailing spaces) ends at ce. */
static void
add_piece(struct wrapper *w, size_t a, size_t ce, size_t b)
{
	int cw = span_width(w, a, ce);

	if (w->has && w->lw_total + cw > w->width)
		emit(w);
	if (!w->has && cw > w->width) {
		split_piece(w, a, ce, b);
		return;
	}
	if (!w->has)
		start_line(w, a);
	w->le = ce;
	w->lw = w->lw_total + cw;
	w->lw_total = w->lw + span_width(w, ce, b);
}

/*
 * Whether a code point's Grapheme_Cluster_Break property is Other, as
 * libunistring says (asked once per code point of the BMP): between two of
 * those there is always a cluster boundary (UAX #29 GB999).
 */
static bool
gcb_is_other(ucs4_t uc)
{
	static unsigned char known[0x10000];	/* 0 not asked, 1 Other, 2 something else */

	if (uc >= 0x10000)
		return false;
	if (!known[uc])
		known[uc] = uc_graphemeclusterbreak_property(uc) == GBP_OTHER ? 1 : 2;
	return known[uc] == 1;
}

/*
 * Whether a break opportunity between `before` and `after` is also a
 * cluster boundary. UAX #14 already keeps flags, ZWJ sequences, modifiers
 * and combining marks together, so the neighbour-only
 * uc_is_grapheme_break() is enough as a second opinion here (it is not
 * used to find clusters: u8_grapheme_breaks does that).
 */
static bool
is_cluster_break(ucs4_t before, ucs4_t after)
{
	if (before < 0x80 && after < 0x80)
		return true;
	if (gcb_is_other(before) && gcb_is_other(after))
		return true;	/* the common case (ideographs, letters): no need to ask */
	return uc_is_grapheme_break(before, after);
}

/*
 * The next break after pos (or n): a mandatory one, or an opportunity that
 * is a cluster boundary. Walks code points, each decoded once; the one
 * found at the break is kept for the next call, which starts there.
 */
static size_t
next_break(struct wrapper *w, size_t pos)
{
	ucs4_t before, after;
	size_t j, len;

	if (w->next_at == pos && pos)
		before = w->next_cp, j = pos + w->next_len;
	else
		j = pos + text_decode(w->s + pos, w->n - pos, &before);
	for (; j < w->n; j += len, before = after) {
		if (w->lb[j] == UC_BREAK_MANDATORY)
			return j;
		len = text_decode(w->s + j, w->n - j, &after);
		if (w->lb[j] == UC_BREAK_POSSIBLE && is_cluster_break(before, after)) {
			w->next_at = j;
			w->next_cp = after;
			w->next_len = len;
			return j;
		}
	}
	return w->n;
}

/*
 * The end of [a, e) without its trailing spaces, unless the first of them
 * belongs to the cluster before it: a Prepend character (U+0600, say)
 * takes the space after it into its cluster (UAX #29 GB9b), so that space
 * stays on the line.
 */
static size_t
content_end(const uint8_t *s, size_t a, size_t e)
{
	size_t ce = e;
	ucs4_t before;

	while (ce > a && s[ce - 1] == ' ')
		ce--;
	if (ce > a && ce < e && s[ce - 1] >= 0x80 && u8_prev(&before, s + ce, s + a) &&
	    !uc_is_grapheme_break(before, ' '))
		ce++;
	return ce;
}

size_t
text_wrap(const char *s, size_t n, int width, struct text_line **lines)
{
	struct wrapper w = { .s = (const uint8_t *)s, .n = n, .width = width < 1 ? 1 : width };
	size_t pos = 0;

	*lines = NULL;
	if (!n)
		return 0;
	w.pw = xmalloc((n + 1) * sizeof *w.pw);
	if (!text_prefix_widths(s, n, w.pw) && w.pw[n] <= w.width) {
		/* it all fits and nothing forces a break: one line, no need to look for breaks */
		start_line(&w, 0);
		w.le = content_end(w.s, 0, n);
		w.lw = w.pw[w.le];
		emit(&w);
		free(w.pw);
		*lines = w.lines;
		return w.nlines;
	}
	w.lb = xmalloc(n);
	u8_possible_linebreaks(w.s, n, "UTF-8", w.lb);
	while (pos < n) {
		size_t j = next_break(&w, pos), ce;
		ucs4_t uc;

		if (w.lb[pos] == UC_BREAK_MANDATORY) {
			/* pos is the line break character itself */
			if (!w.has)
				start_line(&w, pos);
			emit(&w);
			pos += text_decode(w.s + pos, n - pos, &uc);
			continue;
		}
		ce = content_end(w.s, pos, j);
		add_piece(&w, pos, ce, j);
		pos = j;
	}
	if (w.has)
		emit(&w);
	free(w.lb);
	free(w.gb);
	free(w.pw);
	*lines = w.lines;
	return w.nlines;
}

/* Index of the next byte from i that may start U+00A0, U+200B or U+2060 (0xC2, 0xE2), or n. */
static size_t
next_special(const unsigned char *s, size_t i, size_t n)
{
	return i + utf8_find2(s + i, n - i, 0xC2, 0xE2);
}

/* Length of the U+00A0 (2), U+200B or U+2060 (3) at s[i] (of n bytes), 0 for anything else. */
static size_t
special_len(const unsigned char *s, size_t i, size_t n)
{
	if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xA0)
		return 2;
	if (s[i] == 0xE2 && i + 2 < n &&
	    ((s[i + 1] == 0x80 && s[i + 2] == 0x8B) || (s[i + 1] == 0x81 && s[i + 2] == 0xA0)))
		return 3;
	return 0;
}

bool
text_is_visible(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	for (; (i = next_special(p, i, n)) < n; i++)
		if (special_len(p, i, n))
			return false;
	return true;
}

void
text_append_visible(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, skip;

	while ((i = next_special(p, i, n)) < n) {
		if (!(skip = special_len(p, i, n))) {
			i++;
			continue;
		}
		buf_append(out, s + run, i - run);
		if (skip == 2)	/* U+00A0 shows as a space; the others not at all */
			buf_putc(out, ' ');
		i += skip;
		run = i;
	}
	buf_append(out, s + run, n - run);
}

int
text_expand_tabs(struct buf *out, const char *s, size_t n, int col)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;

	text_init();
	while (i < n) {
		ucs4_t uc;
		size_t l = text_decode(p + i, n - i, &uc);

		if (uc == '\t') {
			do
				buf_putc(out, ' ');
			while (++col % 8);
		} else {
			int cw = text_cp_width(uc);

			text_append_visible(out, s + i, l);
			col += cw < 0 ? 1 : cw;
		}
		i += l;
	}
	return col;
}

char *
text_wrap_string(const char *s, size_t n, int width, const char *first, const char *rest,
		 enum text_emoji emoji)
{
	char *clean = text_clean(s, n, emoji);
	int wf, wr, avail;
	struct text_line *lines;
	struct buf out = {0};
	size_t i, nl;

	first = first ? first : "";
	rest = rest ? rest : "";
	wf = text_width(first);
	wr = text_width(rest);
	avail = width - (wf > wr ? wf : wr);
	nl = text_wrap(clean, strlen(clean), avail, &lines);
	for (i = 0; i < nl; i++) {
		size_t mark = out.len;

		buf_puts(&out, i ? rest : first);
		text_append_visible(&out, clean + lines[i].start, lines[i].end - lines[i].start);
		while (out.len > mark && out.data[out.len - 1] == ' ')
			out.len--;
		buf_truncate(&out, out.len);
		buf_putc(&out, '\n');
	}
	free(lines);
	free(clean);
	return buf_steal(&out);
}
