/* Tables: columns sized by display width, the widest shrunk and wrapped when too wide. */
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "walk_int.h"

/* Tables inside tables inside tables ... past this are laid out as plain blocks. */
#define MAX_TABLE_DEPTH 3

struct cell {
	struct hnode *node;
	bool self;		/* stray content: render the node itself, not its children */
	bool header;
	struct line_list lines;
	int natural;
};

struct row {
	struct cell *cells;
	size_t n;
};

struct table {
	struct row *rows;
	size_t nrows;
	size_t ncols;
	int *colw;
};

static bool
is_blank_text(const struct hnode *n)
{
	const char *s = (const char *)n->content;

	return n->type != XML_ELEMENT_NODE &&
	       (n->type != XML_TEXT_NODE || !s || strspn(s, " \t\n\r\f") == strlen(s));
}

static void
add_cell(struct row *r, struct hnode *n, bool self)
{
	r->cells = xreallocarray(r->cells, r->n + 1, sizeof *r->cells);
	r->cells[r->n++] = (struct cell){ .node = n, .self = self,
					  .header = node_is(n, HT_TH) };
}

static struct row *
add_row(struct table *t)
{
	t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof *t->rows);
	memset(&t->rows[t->nrows], 0, sizeof t->rows[0]);
	return &t->rows[t->nrows++];
}

static void
collect_row(struct table *t, struct hnode *tr)
{
	struct row *r = add_row(t);
	struct hnode *c;

	for (c = tr->children; c; c = c->next) {
		if (node_is(c, HT_TD) || node_is(c, HT_TH))
			add_cell(r, c, false);
		else if (!is_blank_text(c))
			add_cell(r, c, true);
	}
	if (r->n > t->ncols)
		t->ncols = r->n;
}

static void
collect_rows(struct table *t, struct hnode *parent, int level)
{
	struct hnode *c;

	for (c = parent->children; c; c = c->next) {
		if (node_is(c, HT_TR))
			collect_row(t, c);
		else if (level == 0 && (node_is(c, HT_THEAD) || node_is(c, HT_TBODY) ||
					node_is(c, HT_TFOOT)))
			collect_rows(t, c, 1);
		else if (node_is(c, HT_CAPTION) || node_is(c, HT_COLGROUP) || node_is(c, HT_COL) ||
			 is_blank_text(c))
			continue;
		else {
			add_cell(add_row(t), c, true);	/* stray content: a row of its own */
			if (t->ncols < 1)
				t->ncols = 1;
		}
	}
}

static void
render_cell(struct walker *w, struct cell *c, int width)
{
	size_t i;

	line_list_clear(&c->lines);
	walk_sub(w, c->node, c->self, width, c->header ? RS_BOLD : 0, &c->lines);
	c->natural = 0;
	for (i = 0; i < c->lines.n; i++)
		if (c->lines.v[i].width > c->natural)
			c->natural = c->lines.v[i].width;
}

static void
size_columns(struct walker *w, struct table *t, int avail, int cap)
{
	size_t r, i, widest;
	int total;

	t->colw = xcalloc(t->ncols, sizeof *t->colw);
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->rows[r].n; i++) {
			struct cell *c = &t->rows[r].cells[i];

			render_cell(w, c, cap);
			if (c->natural > t->colw[i])
				t->colw[i] = c->natural > cap ? cap : c->natural;
		}
	}
	total = 3 * (int)t->ncols + 1;
	for (i = 0; i < t->ncols; i++) {
		if (t->colw[i] < 1)
			t->colw[i] = 1;
		total += t->colw[i];
	}
	for (; total > avail; total--) {
		for (widest = 0, i = 1; i < t->ncols; i++)
			if (t->colw[i] > t->colw[widest])
				widest = i;
		t->colw[widest]--;
	}
}

static void
put_rule(struct layout *l, const struct table *t)
{
	struct render_line ln = {0};
	struct buf b = {0};
	size_t i;
	int k;

	buf_putc(&b, '+');
	for (i = 0; i < t->ncols; i++) {
		for (k = 0; k < t->colw[i] + 2; k++)
			buf_putc(&b, '-');
		buf_putc(&b, '+');
	}
	line_add_span(&layout_doc(l)->arena, &ln, b.data, b.len, 0, 0);
	layout_put_line(l, &ln, false);
	buf_free(&b);
}

static void
pad(struct arena *a, struct render_line *ln, int n)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		int k = n > 32 ? 32 : n;

		line_add_span(a, ln, spaces, (size_t)k, 0, 0);
		n -= k;
	}
}

/* One cell line, padded (or cut) to exactly w columns. */
static void
put_cell_line(struct arena *a, struct render_line *ln, struct render_line *src, int w)
{
	size_t i;

	if (!src) {
		pad(a, ln, w);
		return;
	}
	if (src->width <= w) {
		int width = src->width;

		line_move_spans(a, ln, src);
		pad(a, ln, w - width);
		return;
	}
	struct buf flat = {0}, cut = {0};

	for (i = 0; i < src->nspans; i++)
		buf_puts(&flat, src->spans[i].text);
	text_truncate_append(&cut, flat.data, flat.len, w, TEXT_EMOJI_PASSTHROUGH);
	line_add_span(a, ln, cut.data, cut.len, src->nspans ? src->spans[0].style : 0, 0);
	buf_free(&flat);
	buf_free(&cut);
}

static void
put_row(struct layout *l, struct table *t, struct row *r)
{
	struct arena *a = &layout_doc(l)->arena;
	size_t h = 1, k, i;

	for (i = 0; i < r->n; i++)
		if (r->cells[i].lines.n > h)
			h = r->cells[i].lines.n;
	for (k = 0; k < h; k++) {
		struct render_line ln = {0};

		for (i = 0; i < t->ncols; i++) {
			struct cell *c = i < r->n ? &r->cells[i] : NULL;

			line_add_span(a, &ln, i ? " | " : "| ", i ? 3 : 2, 0, 0);
			put_cell_line(a, &ln, c && k < c->lines.n ? &c->lines.v[k] : NULL, t->colw[i]);
		}
		line_add_span(a, &ln, " |", 2, 0, 0);
		layout_put_line(l, &ln, false);
	}
	put_rule(l, t);
}

static void
free_table(struct table *t)
{
	size_t r, i;

	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->rows[r].n; i++)
			line_list_clear(&t->rows[r].cells[i].lines);
		free(t->rows[r].cells);
	}
	free(t->rows);
	free(t->colw);
}

static void
walk_caption(struct walker *w, struct hnode *table)
{
	struct hnode *c;

	for (c = table->children; c; c = c->next) {
		if (node_is(c, HT_CAPTION)) {
			layout_block_begin(walker_layout(w));
			walk_children(w, c);
			layout_block_end(walker_layout(w));
		}
	}
}

/* Too narrow or too deep for columns: rows as blocks, cells as lines. */
static void
walk_table_flat(struct walker *w, struct hnode *table)
{
	layout_block_begin(walker_layout(w));
	walk_children(w, table);
	layout_block_end(walker_layout(w));
}

void
walk_cell_flat(struct walker *w, struct hnode *n)
{
	layout_flush(walker_layout(w));
	walk_children(w, n);
	layout_flush(walker_layout(w));
}

void
walk_table(struct walker *w, void *node)
{
	struct hnode *table = node;
	struct layout *l = walker_layout(w);
	struct table t = {0};
	int avail = layout_avail(l), cap;
	size_t r, i;

	collect_rows(&t, table, 0);
	cap = avail - (3 * (int)t.ncols + 1) - ((int)t.ncols - 1);
	if (walker_table_depth(w) >= MAX_TABLE_DEPTH || cap < 1 || !t.ncols) {
		free_table(&t);
		walk_table_flat(w, table);
		return;
	}
	walk_caption(w, table);
	size_columns(w, &t, avail, cap);
	for (r = 0; r < t.nrows; r++)
		for (i = 0; i < t.rows[r].n; i++)
			if (t.rows[r].cells[i].natural > t.colw[i])
				render_cell(w, &t.rows[r].cells[i], t.colw[i]);
	layout_block_begin(l);
	put_rule(l, &t);
	for (r = 0; r < t.nrows; r++)
		put_row(l, &t, &t.rows[r]);
	layout_block_end(l);
	free_table(&t);
}
