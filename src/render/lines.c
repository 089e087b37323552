/* Lines of styled spans, and the registry that numbers links by first appearance. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "render_int.h"

/* Room for one more span: arrays (in the arena) hold 1, 2, 4 ... spans. */
static void
reserve_span(struct arena *a, struct render_line *ln)
{
	size_t n = ln->nspans, sz = sizeof *ln->spans;
	struct render_span *v;

	if (n & (n - 1))	/* not full */
		return;
	if (n && arena_grow(a, ln->spans, n * sz, 2 * n * sz))
		return;
	v = arena_alloc(a, (n ? 2 * n : 1) * sz);
	if (n)
		memcpy(v, ln->spans, n * sz);
	ln->spans = v;
}

/* Appends n bytes to the span's text (in place when it was the arena's last piece). */
static void
extend_span(struct arena *a, struct render_span *sp, const char *s, size_t n)
{
	size_t old = strlen(sp->text);

	if (!arena_grow(a, sp->text, old + 1, old + n + 1)) {
		char *t = arena_alloc(a, old + n + 1);

		memcpy(t, sp->text, old);
		sp->text = t;
	}
	memcpy(sp->text + old, s, n);
	sp->text[old + n] = '\0';
}

void
line_add_span_w(struct arena *a, struct render_line *ln, const char *s, size_t n, int width,
		unsigned style, int link)
{
	struct render_span *last = ln->nspans ? &ln->spans[ln->nspans - 1] : NULL;

	if (!n)
		return;
	if (last && last->style == style && last->link == link) {
		extend_span(a, last, s, n);
		last->width += width;
		return;
	}
	reserve_span(a, ln);
	ln->spans[ln->nspans++] = (struct render_span){ arena_strndup(a, s, n), width, style, link };
}

void
line_add_span(struct arena *a, struct render_line *ln, const char *s, size_t n, unsigned style,
	      int link)
{
	line_add_span_w(a, ln, s, n, text_width_n(s, n), style, link);
}

void
line_move_spans(struct arena *a, struct render_line *dst, struct render_line *src)
{
	size_t i = 0;

	if (!dst->nspans) {	/* the whole array changes hands */
		*dst = *src;
		memset(src, 0, sizeof *src);
		return;
	}
	/* the first span may continue the last one; the others move as they are */
	if (src->nspans) {
		struct render_span *sp = &src->spans[0];

		line_add_span_w(a, dst, sp->text, strlen(sp->text), sp->width, sp->style, sp->link);
		i = 1;
	}
	for (; i < src->nspans; i++) {
		reserve_span(a, dst);
		dst->spans[dst->nspans++] = src->spans[i];
	}
	memset(src, 0, sizeof *src);
}

void
line_finish(struct render_line *ln)
{
	size_t i;

	while (ln->nspans) {
		struct render_span *sp = &ln->spans[ln->nspans - 1];
		size_t len = strlen(sp->text);

		while (len && sp->text[len - 1] == ' ') {
			sp->text[--len] = '\0';
			sp->width--;	/* a space is one column */
		}
		if (len)
			break;
		ln->nspans--;
	}
	ln->width = 0;
	for (i = 0; i < ln->nspans; i++)
		ln->width += ln->spans[i].width;
}

void
line_list_push(struct line_list *ll, struct render_line *ln)
{
	if (ll->n == ll->cap) {
		ll->cap = ll->cap ? ll->cap * 2 : 64;
		ll->v = xreallocarray(ll->v, ll->cap, sizeof *ll->v);
	}
	ll->v[ll->n++] = *ln;
	memset(ln, 0, sizeof *ln);
}

void
line_list_clear(struct line_list *ll)
{
	free(ll->v);
	memset(ll, 0, sizeof *ll);
}

/* Open addressing over link numbers; the table is kept at most half full. */
struct link_index {
	int *slots;		/* link number, 0 = empty */
	size_t cap;
};

uint64_t
render_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static void
index_insert(struct render_doc *d, int number)
{
	struct link_index *ix = d->index;
	size_t i = render_hash(d->links[number - 1].url) & (ix->cap - 1);

	while (ix->slots[i])
		i = (i + 1) & (ix->cap - 1);
	ix->slots[i] = number;
}

static void
index_grow(struct render_doc *d)
{
	struct link_index *ix = d->index;
	size_t i;

	if (!ix)
		ix = d->index = xcalloc(1, sizeof *ix);
	if (ix->cap && d->nlinks * 2 < ix->cap)
		return;
	free(ix->slots);
	ix->cap = ix->cap ? ix->cap * 2 : 64;
	ix->slots = xcalloc(ix->cap, sizeof *ix->slots);
	for (i = 0; i < d->nlinks; i++)
		index_insert(d, (int)i + 1);
}

int
doc_link_number(struct render_doc *d, char *url)
{
	size_t i;
	int n;

	index_grow(d);
	for (i = render_hash(url) & (d->index->cap - 1); (n = d->index->slots[i]);
	     i = (i + 1) & (d->index->cap - 1)) {
		if (!strcmp(d->links[n - 1].url, url)) {
			free(url);
			return n;
		}
	}
	if (d->nlinks == d->links_cap) {
		d->links_cap = d->links_cap ? 2 * d->links_cap : 16;
		d->links = xreallocarray(d->links, d->links_cap, sizeof *d->links);
	}
	n = (int)++d->nlinks;
	d->links[n - 1] = (struct render_link){ n, url,
		text_clean_line(url, strlen(url), TEXT_EMOJI_PASSTHROUGH) };
	index_insert(d, n);
	return n;
}

void
doc_links_free(struct render_doc *d)
{
	size_t i;

	for (i = 0; i < d->nlinks; i++) {
		free(d->links[i].url);
		free(d->links[i].shown);
	}
	free(d->links);
	if (d->index)
		free(d->index->slots);
	free(d->index);
	d->links = NULL;
	d->links_cap = 0;
	d->index = NULL;
	d->nlinks = 0;
}
