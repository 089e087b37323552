/* The tree walk: libxml2 HTML nodes to layout calls (blocks, inline styles, links, media). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "byline/url.h"
#include "render_int.h"
#include "walk_int.h"

/* Deeper than this, elements are walked for their text only (the stack stays bounded). */
#define MAX_DEPTH 256

const char *
node_attr(const struct hnode *n, const char *name)
{
	size_t i;

	for (i = 0; i < n->nattrs; i++)
		if (!strcmp(n->attrs[2 * i], name))
			return n->attrs[2 * i + 1] ? n->attrs[2 * i + 1] : "";
	return NULL;
}

bool
node_is(const struct hnode *n, enum html_tag tag)
{
	return n && n->type == XML_ELEMENT_NODE && n->tag == tag;
}

struct layout *
walker_layout(struct walker *w)
{
	return w->layout;
}

int
walker_table_depth(struct walker *w)
{
	return w->table_depth;
}

/* Inline style around the children. */
static void
walk_styled(struct walker *w, struct hnode *n, unsigned add)
{
	int link;
	unsigned old = layout_style_get(w->layout, &link);

	layout_style_set(w->layout, old | add, link);
	walk_children(w, n);
	layout_style_set(w->layout, old, link);
}

static void
walk_block(struct walker *w, struct hnode *n)
{
	layout_block_begin(w->layout);
	walk_children(w, n);
	layout_block_end(w->layout);
}

static void
walk_heading(struct walker *w, struct hnode *n, int level)
{
	int link;
	unsigned old = layout_style_get(w->layout, &link);

	layout_block_begin(w->layout);
	layout_style_set(w->layout, old | RS_HEADING | RS_BOLD, link);
	walk_children(w, n);
	layout_heading_end(w->layout, level);
	layout_style_set(w->layout, old, link);
	layout_block_end(w->layout);
}

static void
walk_quote(struct walker *w, struct hnode *n)
{
	layout_block_begin(w->layout);
	layout_push_quote(w->layout);
	walk_children(w, n);
	layout_pop(w->layout);
	layout_block_end(w->layout);
}

static void
walk_pre(struct walker *w, struct hnode *n)
{
	layout_block_begin(w->layout);
	layout_pre_begin(w->layout);
	walk_children(w, n);
	layout_pre_end(w->layout);
	layout_block_end(w->layout);
}

static void
walk_dd(struct walker *w, struct hnode *n)
{
	layout_tight_begin(w->layout);
	layout_push_item(w->layout, "    ", "    ");
	walk_children(w, n);
	layout_pop(w->layout);
	layout_tight_end(w->layout);
}

static void
walk_dt(struct walker *w, struct hnode *n)
{
	layout_tight_begin(w->layout);
	walk_styled(w, n, RS_BOLD);
	layout_tight_end(w->layout);
}

static void
walk_quoted_inline(struct walker *w, struct hnode *n, const char *open, const char *close)
{
	layout_text(w->layout, open, strlen(open));
	walk_children(w, n);
	layout_text(w->layout, close, strlen(close));
}

/* What an element is to the walk. */
enum tag_kind {
	TAG_NONE = 0,		/* transparent: its children are walked */
	TAG_DROP,		/* content never shows: scripts, styles, metadata, form controls */
	TAG_BLOCK,		/* separated from its neighbours by a blank line */
	TAG_STYLE,		/* inline style around the children */
	TAG_HEADING, TAG_QUOTE, TAG_PRE, TAG_UL, TAG_OL, TAG_LI, TAG_DL, TAG_DT, TAG_DD,
	TAG_TABLE, TAG_CELL, TAG_HR, TAG_BR, TAG_WBR, TAG_A, TAG_IMG, TAG_MEDIA, TAG_Q, TAG_RT,
};

struct tag {
	const char *name;
	enum tag_kind kind;
	unsigned style;		/* of TAG_STYLE; the level of TAG_HEADING */
};

/* Indexed by enum html_tag; unknown elements are transparent. */
static const struct tag tags[HT_COUNT] = {
#define HT_ROW(id, name, kind, arg) [HT_##id] = { name, kind, arg },
	HTML_TAGS(HT_ROW)
#undef HT_ROW
};

static int
tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag *)elem)->name);
}

enum html_tag
html_tag_of(const char *name)
{
	/* HTML_TAGS is sorted by name; tags[0] is HT_UNKNOWN's */
	const struct tag *t = bsearch(name, tags + 1, HT_COUNT - 1, sizeof tags[0], tag_cmp);

	return t ? (enum html_tag)(t - tags) : HT_UNKNOWN;
}

/* Whether the element n is one whose content never shows. */
static bool
walk_is_dropped(const struct hnode *n)
{
	return tags[n->tag].kind == TAG_DROP;
}

static void
walk_wbr(struct walker *w, struct hnode *n)
{
	layout_text(w->layout, "\xe2\x80\x8b", 3);	/* ZWSP: a break opportunity */
	walk_children(w, n);	/* libxml2 2.9 nests the following siblings */
}

static void
walk_tag(struct walker *w, struct hnode *n, const struct tag *t)
{
	switch (t->kind) {
	case TAG_NONE: walk_children(w, n); break;	/* span, mark, unknown elements, source ... */
	case TAG_DROP: break;
	case TAG_BLOCK: walk_block(w, n); break;
	case TAG_STYLE: walk_styled(w, n, t->style); break;
	case TAG_HEADING: walk_heading(w, n, (int)t->style); break;
	case TAG_QUOTE: walk_quote(w, n); break;
	case TAG_PRE: walk_pre(w, n); break;
	case TAG_UL: walk_list(w, n, false); break;
	case TAG_OL: walk_list(w, n, true); break;
	case TAG_LI: walk_stray_item(w, n); break;
	case TAG_DL: walk_block(w, n); break;
	case TAG_DT: walk_dt(w, n); break;
	case TAG_DD: walk_dd(w, n); break;
	case TAG_TABLE: walk_table(w, n); break;
	case TAG_CELL: walk_cell_flat(w, n); break;
	case TAG_HR: layout_hr(w->layout); break;
	case TAG_BR: layout_break(w->layout); break;
	case TAG_WBR: walk_wbr(w, n); break;
	case TAG_A: walk_link(w, n); break;
	case TAG_IMG: walk_img(w, n); break;
	case TAG_MEDIA: walk_media(w, n, t->name); break;
	case TAG_Q: walk_quoted_inline(w, n, "\"", "\""); break;
	case TAG_RT: walk_quoted_inline(w, n, "(", ")"); break;
	}
}

static void
walk_element(struct walker *w, struct hnode *n)
{
	const struct tag *t = &tags[n->tag];
	const char *xbase;
	char *saved_base = NULL;

	if (t->kind == TAG_DROP)
		return;
	xbase = n->nattrs ? node_attr(n, "xml:base") : NULL;
	if (xbase) {
		saved_base = w->base;
		w->base = url_resolve(saved_base, xbase);
		if (!w->base)
			w->base = xstrdup_null(saved_base);
	}
	walk_tag(w, n, t);
	if (xbase) {
		free(w->base);
		w->base = saved_base;
	}
}

void
walk_one(struct walker *w, struct hnode *n)
{
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content)
			layout_text(w->layout, n->content, n->len);
		break;
	case XML_ELEMENT_NODE:
		if (w->depth >= MAX_DEPTH)
			walk_children(w, n);
		else
			walk_element(w, n);
		break;
	default:
		break;
	}
}

/* Past the depth limit: every text below, without recursion. */
static void
walk_text_only(struct walker *w, struct hnode *top)
{
	struct hnode *n = top->children;

	while (n && n != top) {
		if (n->type == XML_TEXT_NODE && n->content)
			layout_text(w->layout, n->content, n->len);
		if (n->children && n->type == XML_ELEMENT_NODE &&
		    !walk_is_dropped(n)) {
			n = n->children;
			continue;
		}
		while (n && n != top && !n->next)
			n = n->parent;
		if (n && n != top)
			n = n->next;
	}
}

void
walk_children(struct walker *w, void *node)
{
	struct hnode *c;

	w->depth++;
	if (w->depth > MAX_DEPTH) {
		walk_text_only(w, node);
	} else {
		for (c = ((struct hnode *)node)->children; c; c = c->next)
			walk_one(w, c);
	}
	w->depth--;
}

void
walk_sub(struct walker *w, void *node, bool self, int width, unsigned style,
	 struct line_list *out)
{
	struct walker sub = *w;

	sub.layout = layout_new(layout_doc(w->layout), width, out);
	layout_style_set(sub.layout, style, 0);
	sub.table_depth++;
	sub.list_depth = 0;
	if (self)
		walk_one(&sub, node);
	else
		walk_children(&sub, node);
	layout_free(&sub.layout);
}

void
walk_document(struct render_doc *d, void *root, struct layout *l, const char *base)
{
	struct walker w = { .layout = l };

	(void)d;
	w.base = xstrdup_null(base);
	if (root)
		walk_one(&w, root);
	layout_flush(l);
	free(w.base);
}
