/* The layout engine: inline text with styles, wrapped under quote and list prefixes. */
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "render_int.h"

#define WORD_JOINER "\xe2\x81\xa0"
/* A container is not indented when that would leave fewer columns than this. */
#define MIN_TEXT 8

struct container {
	char *first, *rest;	/* prefix pieces; NULL when not indented */
	int width;
	bool used_first;
	unsigned style;
};

/* A style change in the inline buffer, from byte `start` on. */
struct run {
	size_t start;
	unsigned style;
	int link;
};

struct layout {
	struct render_doc *doc;
	struct line_list *out;
	int width;
	struct container *stack;
	size_t depth, cap;
	int prefix_width;	/* of the indented containers */
	int quotes;		/* blockquote depth */
	int tight;		/* inside list items or definitions */

	struct buf text;	/* inline text of the current block */
	struct buf scratch;	/* reused for cleaning and for building spans */
	struct run *runs;
	size_t nruns, runs_cap;
	unsigned style;
	int link;
	bool last_space;	/* collapse: the text ends in whitespace (or is empty) */
	int pre;		/* inside pre */
	bool pre_fresh;		/* the next newline in pre is the one dropped */

	bool any_output;
	bool want_blank;
	size_t blank_keep;	/* containers the blank line keeps */
	int last_block_width;	/* widest line of the last flushed block */
};

struct layout *
layout_new(struct render_doc *d, int width, struct line_list *out)
{
	struct layout *l = xcalloc(1, sizeof *l);

	l->doc = d;
	l->out = out;
	l->width = width < 1 ? 1 : width;
	l->last_space = true;
	return l;
}

void
layout_free(struct layout **lp)
{
	struct layout *l = *lp;

	if (!l)
		return;
	layout_flush(l);
	while (l->depth)
		layout_pop(l);
	free(l->stack);
	free(l->runs);
	buf_free(&l->text);
	buf_free(&l->scratch);
	free(l);
	*lp = NULL;
}

struct render_doc *
layout_doc(const struct layout *l)
{
	return l->doc;
}

int
layout_avail(const struct layout *l)
{
	int a = l->width - l->prefix_width;

	return a < 1 ? 1 : a;
}

unsigned
layout_style_get(const struct layout *l, int *link)
{
	if (link)
		*link = l->link;
	return l->style;
}

void
layout_style_set(struct layout *l, unsigned style, int link)
{
	l->style = style;
	l->link = link;
}

/* Makes sure the run in force at the end of the text has the current style. */
static void
mark_run(struct layout *l)
{
	unsigned style = l->style | (l->quotes ? RS_QUOTE : 0) | (l->pre ? RS_CODE : 0);
	struct run *last = l->nruns ? &l->runs[l->nruns - 1] : NULL;

	if (last && last->style == style && last->link == l->link)
		return;
	if (last && last->start == l->text.len) {
		last->style = style;
		last->link = l->link;
		return;
	}
	if (l->nruns == l->runs_cap) {
		l->runs_cap = l->runs_cap ? l->runs_cap * 2 : 16;
		l->runs = xreallocarray(l->runs, l->runs_cap, sizeof *l->runs);
	}
	l->runs[l->nruns++] = (struct run){ l->text.len, style, l->link };
}

static bool
is_collapsible(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/*
 * Collapses runs of ASCII whitespace in the text from byte `from` on to one
 * space, in place (the text before ends in a space when last_space is set).
 */
static void
collapse_from(struct layout *l, size_t from)
{
	char *t = l->text.data;
	size_t r = from, w, len = l->text.len;
	bool space = l->last_space;

	/* nothing moves while words are one space apart */
	for (; r < len; r++) {
		if (!is_collapsible(t[r]))
			space = false;
		else if (t[r] == ' ' && !space)
			space = true;
		else
			break;
	}
	for (w = r; r < len; r++) {
		if (!is_collapsible(t[r])) {
			t[w++] = t[r];
			space = false;
		} else if (!space) {
			t[w++] = ' ';
			space = true;
		}
	}
	l->last_space = space;
	buf_truncate(&l->text, w);
}

void
layout_text(struct layout *l, const char *s, size_t n)
{
	size_t from = l->text.len;

	if (!n)
		return;
	mark_run(l);
	/* cleaned straight onto the block's text, then collapsed (or not, in pre) there */
	text_clean_append(&l->text, s, n, l->doc->opts.emoji, false);
	if (!l->pre) {
		collapse_from(l, from);
		return;
	}
	if (l->pre_fresh && l->text.len > from && l->text.data[from] == '\n') {
		memmove(l->text.data + from, l->text.data + from + 1, l->text.len - from - 1);
		buf_truncate(&l->text, l->text.len - 1);
	}
	if (l->text.len > from)
		l->pre_fresh = false;
}

void
layout_break(struct layout *l)
{
	mark_run(l);
	buf_putc(&l->text, '\n');
	l->last_space = true;
	l->pre_fresh = false;
}

/* "[N]" (without printf: there is one per link in the text) */
static void
put_marker(struct buf *b, int number)
{
	char tmp[16];
	int i = sizeof tmp;
	unsigned v = number < 0 ? 0u - (unsigned)number : (unsigned)number;

	tmp[--i] = ']';
	do
		tmp[--i] = (char)('0' + v % 10);
	while ((v /= 10) && i > 2);
	if (number < 0)
		tmp[--i] = '-';
	tmp[--i] = '[';
	buf_append(b, tmp + i, sizeof tmp - (size_t)i);
}

void
layout_link_marker(struct layout *l, int number)
{
	int link;
	unsigned style = layout_style_get(l, &link);

	layout_style_set(l, style | RS_LINK, number);
	mark_run(l);
	if (l->text.len && !is_collapsible(l->text.data[l->text.len - 1]))
		buf_puts(&l->text, WORD_JOINER);
	put_marker(&l->text, number);
	l->last_space = false;
	layout_style_set(l, style, link);
}

/* Containers */

static void
push_container(struct layout *l, const char *first, const char *rest, unsigned style)
{
	struct container c = { .style = style };
	int w = text_width(first);

	if (l->width - l->prefix_width - w >= MIN_TEXT || w == 0) {
		c.first = xstrdup(first);
		c.rest = xstrdup(rest);
		c.width = w;
		l->prefix_width += w;
	}
	if (l->depth == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->stack = xreallocarray(l->stack, l->cap, sizeof *l->stack);
	}
	l->stack[l->depth++] = c;
}

void
layout_push_quote(struct layout *l)
{
	layout_flush(l);
	push_container(l, "> ", "> ", RS_QUOTE);
	l->quotes++;
}

void
layout_push_item(struct layout *l, const char *first, const char *rest)
{
	layout_flush(l);
	push_container(l, first, rest, 0);
}

void
layout_pop(struct layout *l)
{
	struct container *c;

	layout_flush(l);
	if (!l->depth)
		return;
	c = &l->stack[--l->depth];
	if (c->style & RS_QUOTE)
		l->quotes--;
	l->prefix_width -= c->width;
	free(c->first);
	free(c->rest);
	if (l->want_blank && l->blank_keep > l->depth)
		l->blank_keep = l->depth;
}

/* Blocks */

static void
request_blank(struct layout *l)
{
	if (l->tight)
		return;
	if (!l->want_blank)
		l->blank_keep = l->depth;
	else if (l->blank_keep > l->depth)
		l->blank_keep = l->depth;
	l->want_blank = true;
}

void
layout_block_begin(struct layout *l)
{
	layout_flush(l);
	request_blank(l);
}

void
layout_block_end(struct layout *l)
{
	layout_flush(l);
	request_blank(l);
}

void
layout_tight_begin(struct layout *l)
{
	layout_flush(l);
	l->tight++;
}

void
layout_tight_end(struct layout *l)
{
	layout_flush(l);
	if (l->tight)
		l->tight--;
}

static void
emit_blank(struct layout *l)
{
	struct render_line ln = {0};
	size_t i;

	for (i = 0; i < l->blank_keep && i < l->depth; i++) {
		const struct container *c = &l->stack[i];

		if (c->rest)	/* as wide as c->first */
			line_add_span_w(&l->doc->arena, &ln, c->rest, strlen(c->rest), c->width, c->style, 0);
	}
	line_finish(&ln);
	line_list_push(l->out, &ln);
}

void
layout_put_line(struct layout *l, struct render_line *content, bool nowrap)
{
	struct render_line ln = {0};
	size_t i;

	if (l->want_blank && l->any_output)
		emit_blank(l);
	l->want_blank = false;
	for (i = 0; i < l->depth; i++) {
		struct container *c = &l->stack[i];
		const char *piece = c->used_first ? c->rest : c->first;

		if (piece)
			line_add_span_w(&l->doc->arena, &ln, piece, strlen(piece), c->width, c->style, 0);
		c->used_first = true;
	}
	line_move_spans(&l->doc->arena, &ln, content);
	line_finish(&ln);
	ln.nowrap = nowrap;
	line_list_push(l->out, &ln);
	l->any_output = true;
}

/* Inline flush */

static void
reset_inline(struct layout *l)
{
	buf_reset(&l->text);
	l->nruns = 0;
	l->last_space = true;
}

/*
 * Adds the spans of text [a, b) to a line, starting the run search at *r.
 * `width` is the width of [a, b) when known (wrapped lines), else -1.
 */
static void
add_runs(struct layout *l, struct render_line *ln, size_t a, size_t b, size_t *r,
	 unsigned extra, int *col, int width)
{
	struct buf *tmp = &l->scratch;
	size_t start = a;

	while (*r + 1 < l->nruns && l->runs[*r + 1].start <= a)
		(*r)++;
	while (a < b) {
		size_t end = *r + 1 < l->nruns ? l->runs[*r + 1].start : b;
		int w;

		if (end > b)
			end = b;
		const char *text = l->text.data + a;
		size_t len = end - a;

		buf_reset(tmp);
		if (col) {
			*col = text_expand_tabs(tmp, text, len, *col);
			text = tmp->data, len = tmp->len;
		} else if (!text_is_visible(text, len)) {
			text_append_visible(tmp, text, len);
			text = tmp->data, len = tmp->len;
		}
		/* one run for the whole line: its width is the line's (visible text is as wide) */
		w = width >= 0 && a == start && end == b ? width : text_width_n(text, len);
		line_add_span_w(&l->doc->arena, ln, text, len, w, l->runs[*r].style | extra,
				l->runs[*r].link);
		a = end;
		if (a < b)
			(*r)++;
	}
}

static void
flush_wrapped(struct layout *l, unsigned extra)
{
	struct text_line *lines;
	size_t nl, i, r = 0;

	nl = text_wrap(l->text.data, l->text.len, layout_avail(l), &lines);
	for (i = 0; i < nl; i++) {
		struct render_line ln = {0};

		add_runs(l, &ln, lines[i].start, lines[i].end, &r, extra, NULL, lines[i].width);
		if (lines[i].width > l->last_block_width)
			l->last_block_width = lines[i].width;
		layout_put_line(l, &ln, false);
	}
	free(lines);
}

static void
flush_pre(struct layout *l)
{
	size_t a = 0, r = 0;

	if (l->text.len && l->text.data[l->text.len - 1] == '\n')
		l->text.len--;
	while (a <= l->text.len) {
		const char *nl = memchr(l->text.data + a, '\n', l->text.len - a);
		size_t b = nl ? (size_t)(nl - l->text.data) : l->text.len;
		struct render_line ln = {0};
		int col = 0;

		add_runs(l, &ln, a, b, &r, 0, &col, -1);
		layout_put_line(l, &ln, true);
		a = b + 1;
	}
}

static void
flush_extra(struct layout *l, unsigned extra)
{
	size_t len = l->text.len;

	l->last_block_width = 0;
	if (!len) {
		reset_inline(l);
		return;
	}
	if (l->pre) {
		flush_pre(l);
		reset_inline(l);
		return;
	}
	while (len && is_collapsible(l->text.data[len - 1]))
		len--;
	buf_truncate(&l->text, len);
	while (l->nruns && l->runs[l->nruns - 1].start >= len)
		l->nruns--;
	if (len)
		flush_wrapped(l, extra);
	reset_inline(l);
}

void
layout_flush(struct layout *l)
{
	flush_extra(l, 0);
}

void
layout_pre_begin(struct layout *l)
{
	layout_flush(l);
	l->pre++;
	l->pre_fresh = true;
}

void
layout_pre_end(struct layout *l)
{
	layout_flush(l);
	if (l->pre)
		l->pre--;
}

void
layout_heading_end(struct layout *l, int level)
{
	struct render_line ln = {0};
	struct buf rule = {0};
	int i;

	flush_extra(l, 0);
	if (level > 2 || !l->last_block_width)
		return;
	/* as wide as the heading, but never wider than the line (a wide glyph may overflow) */
	for (i = 0; i < l->last_block_width && i < layout_avail(l); i++)
		buf_putc(&rule, level == 1 ? '=' : '-');
	line_add_span(&l->doc->arena, &ln, rule.data, rule.len, RS_HEADING, 0);
	layout_put_line(l, &ln, false);
	buf_free(&rule);
}

void
layout_hr(struct layout *l)
{
	struct render_line ln = {0};
	struct buf rule = {0};
	int i, n = layout_avail(l);

	layout_block_begin(l);
	for (i = 0; i < n; i++)
		buf_putc(&rule, '-');
	line_add_span(&l->doc->arena, &ln, rule.data, rule.len, 0, 0);
	layout_put_line(l, &ln, false);
	buf_free(&rule);
	layout_block_end(l);
}
