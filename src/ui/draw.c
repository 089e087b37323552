/* Drawing: the only way text reaches the terminal; no control character gets through. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "byline/text.h"
#include "byline/utf8.h"
#include "draw_int.h"

/* The emoji policy of the config; set once at start like the colors. */
static enum text_emoji emoji_policy = TEXT_EMOJI_SAFE;

void
draw_set_emoji(const char *policy)
{
	if (!policy || !text_emoji_parse(policy, &emoji_policy))
		emoji_policy = TEXT_EMOJI_SAFE;
}

#define REPLACEMENT 0xfffd
#define MAX_COMBINING 4

/* Format characters that must not reach a terminal: bidi controls, soft hyphen, BOM. */
static bool
dropped(unsigned c)
{
	return c == 0xad || c == 0xfeff || c == 0x200e || c == 0x200f ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200b || c == 0x2060 || c == 0xfe0e || c == 0xfe0f;
}

/*
 * What one code point shows as: controls become caret notation ("^[" for
 * ESC, "^?" for DEL) so an escape sequence is seen, never obeyed; C1 and
 * anything wcwidth() rejects becomes U+FFFD. Returns the number of code
 * points written to out (0 = dropped).
 */
static int
visible(unsigned c, wchar_t out[2])
{
	if (c < 0x20 || c == 0x7f) {
		out[0] = '^';
		out[1] = c == 0x7f ? '?' : (wchar_t)(c + 0x40);
		return 2;
	}
	if (dropped(c))
		return 0;
	if ((c >= 0x80 && c < 0xa0) || wcwidth((wchar_t)c) < 0)
		c = REPLACEMENT;
	out[0] = (wchar_t)c;
	return 1;
}

static void
put_cell(struct draw *d, const wchar_t *cell, int n, int width, int attr)
{
	cchar_t cc;
	wchar_t w[MAX_COMBINING + 2];

	if (n <= 0)
		return;
	wmemcpy(w, cell, n);
	w[n] = 0;
	setcchar(&cc, w, attr & ~A_COLOR, PAIR_NUMBER(attr), NULL);
	mvadd_wch(d->y, d->x + d->col, &cc);
	d->col += width;
}

/* Draws s cell by cell; stops before a cell that does not fit before column `limit`. */
static void
walk(struct draw *d, const char *s, int limit, int attr)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	wchar_t cell[MAX_COMBINING + 2], vis[2];
	int ncell = 0, cellw = 0, i, n;
	uint32_t cp;
	size_t len;

	while (p < end) {
		/* A byte that starts no UTF-8 character shows as U+FFFD, on its own. */
		if (!(len = utf8_decode(p, (size_t)(end - p), &cp))) {
			cp = REPLACEMENT;
			len = 1;
		}
		p += len;
		n = visible(cp, vis);
		for (i = 0; i < n; i++) {
			int w = wcwidth(vis[i]);
			if (w == 0) {	/* a mark joins the cell before it */
				if (ncell > 0 && ncell <= MAX_COMBINING)
					cell[ncell++] = vis[i];
				continue;
			}
			put_cell(d, cell, ncell, cellw, attr);
			ncell = 0;
			if (d->col + w > limit)
				return;
			cell[ncell++] = vis[i];
			cellw = w;
		}
	}
	put_cell(d, cell, ncell, cellw, attr);
}

static int
attr_of(const struct draw *d, enum elem el)
{
	return d->selected ? color_attr(EL_SELECTED) : color_attr(el);
}

int
draw_width(const char *s)
{
	char *c = text_clean_line(s, s ? strlen(s) : 0, emoji_policy);
	int w = text_width(c);

	free(c);
	return w;
}

static void
pad_to(struct draw *d, int limit, enum elem el)
{
	int attr = attr_of(d, el);

	if (limit > d->w)
		limit = d->w;
	while (d->col < limit)
		put_cell(d, L" ", 1, 1, attr);
}

void
draw_fixed(struct draw *d, const char *s, int cols, enum elem el)
{
	int limit = d->col + cols;
	char *t;

	if (limit > d->w)
		limit = d->w;
	if (limit <= d->col)
		return;
	/*
	 * The text layer cleans (controls become visible U+FFFD) and cuts at
	 * a cluster boundary by display width; walk() is the last guard.
	 */
	t = text_truncate(s ? s : "", limit - d->col, emoji_policy);
	walk(d, t, limit, attr_of(d, el));
	free(t);
	pad_to(d, limit, el);
}

void
draw_text(struct draw *d, const char *s, enum elem el)
{
	int w = draw_width(s);

	draw_fixed(d, s, w < draw_left(d) ? w : draw_left(d), el);
}

void
draw_fill(struct draw *d, enum elem el)
{
	pad_to(d, d->w, el);
}

int
draw_left(const struct draw *d)
{
	return d->w - d->col;
}

void
draw_line(int y, int x, int w, const char *left, const char *right, enum elem el)
{
	struct draw d = { y, x, w, 0, false };
	int rw = right ? draw_width(right) : 0;

	if (rw > 0 && rw + 1 < w) {
		draw_fixed(&d, left, w - rw - 1, el);
		draw_fixed(&d, " ", 1, el);
		draw_fixed(&d, right, rw, el);
	} else
		draw_fixed(&d, left, w, el);
}

void
draw_fixed_ellipsis(struct draw *d, const char *s, int cols, enum elem el)
{
	char *t;
	size_t n;

	if (cols <= 1 || draw_width(s) <= cols) {
		draw_fixed(d, s, cols, el);
		return;
	}
	/* Whole clusters in cols - 1 columns (the padding taken off again), then the ellipsis. */
	t = text_truncate(s ? s : "", cols - 1, emoji_policy);
	n = strlen(t);
	while (n > 0 && t[n - 1] == ' ')
		n--;
	t = xrealloc(t, n + sizeof("\u2026"));
	memcpy(t + n, "\u2026", sizeof("\u2026"));
	draw_fixed(d, t, cols, el);
	free(t);
}

/* The width the left part wraps to: beside `right` when that leaves room enough. */
static int
wrap_width(int w, int rw)
{
	return rw > 0 && rw + 1 < w / 2 ? w - rw - 1 : w;
}

/* left cleaned for one line and wrapped to width; the count of lines (at least 1). */
static size_t
wrap_status(const char *left, int width, char **clean, struct text_line **lines)
{
	size_t n;

	*clean = text_clean_line(left ? left : "", left ? strlen(left) : 0, emoji_policy);
	n = text_wrap(*clean, strlen(*clean), width > 0 ? width : 1, lines);
	return n ? n : 1;
}

int
draw_wrapped_rows(const char *left, const char *right, int w)
{
	char *clean;
	struct text_line *lines = NULL;
	size_t n = wrap_status(left, wrap_width(w, right ? draw_width(right) : 0), &clean, &lines);

	free(clean);
	free(lines);
	return n > 1000 ? 1000 : (int)n;
}

void
draw_wrapped(int y, int x, int w, int rows, const char *left, const char *right, enum elem el)
{
	int rw = right ? draw_width(right) : 0, lw = wrap_width(w, rw), i;
	char *clean;
	struct text_line *lines = NULL;
	size_t n = wrap_status(left, lw, &clean, &lines);
	struct buf piece = {0};

	for (i = 0; i < rows; i++) {
		struct draw d = { y + i, x, w, 0, false };
		bool last_cut = i == rows - 1 && (size_t)rows < n;

		buf_reset(&piece);
		if ((size_t)i < n && lines)
			text_append_visible(&piece, clean + lines[i].start,
					    (last_cut ? strlen(clean) : lines[i].end) - lines[i].start);
		if (last_cut)
			draw_fixed_ellipsis(&d, buf_cstr(&piece), lw, el);
		else
			draw_fixed(&d, buf_cstr(&piece), lw, el);
		if (i == rows - 1 && lw < w) {	/* progress stays on the bottom row */
			draw_fixed(&d, " ", 1, el);
			draw_fixed(&d, right, rw, el);
		}
		draw_fill(&d, el);
	}
	buf_free(&piece);
	free(clean);
	free(lines);
}
