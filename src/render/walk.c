/* The tree walk: libxml2 HTML nodes to layout calls (blocks, inline styles, links, media). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "byline/url.h"
#include "render_impl.h"
#include "walk_impl.h"

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
node_is(const struct hnode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, name);
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
	TAG_DROP = 1,		/* content never shows: scripts, styles, metadata, form controls */
	TAG_BLOCK,		/* separated from its neighbours by a blank line */
	TAG_STYLE,		/* inline style around the children */
	TAG_HEADING, TAG_QUOTE, TAG_PRE, TAG_UL, TAG_OL, TAG_LI, TAG_DL, TAG_DT, TAG_DD,
	TAG_TABLE, TAG_CELL, TAG_HR, TAG_BR, TAG_WBR, TAG_A, TAG_IMG, TAG_MEDIA, TAG_Q, TAG_RT,
};

struct tag {
	const char *name;
	enum tag_kind kind;
	unsigned style;
};

/* Sorted by name for bsearch; unknown elements are transparent. */
static const struct tag tags[] = {
	{ "a", TAG_A, 0 }, { "address", TAG_BLOCK, 0 }, { "applet", TAG_DROP, 0 },
	{ "area", TAG_DROP, 0 }, { "article", TAG_BLOCK, 0 }, { "aside", TAG_BLOCK, 0 },
	{ "audio", TAG_MEDIA, 0 }, { "b", TAG_STYLE, RS_BOLD }, { "base", TAG_DROP, 0 },
	{ "blockquote", TAG_QUOTE, 0 }, { "br", TAG_BR, 0 }, { "button", TAG_DROP, 0 },
	{ "canvas", TAG_DROP, 0 }, { "caption", TAG_BLOCK, 0 }, { "center", TAG_BLOCK, 0 },
	{ "cite", TAG_STYLE, RS_ITALIC }, { "code", TAG_STYLE, RS_CODE },
	{ "datalist", TAG_DROP, 0 }, { "dd", TAG_DD, 0 }, { "details", TAG_BLOCK, 0 },
	{ "dfn", TAG_STYLE, RS_ITALIC }, { "dir", TAG_UL, 0 }, { "div", TAG_BLOCK, 0 },
	{ "dl", TAG_DL, 0 }, { "dt", TAG_DT, 0 }, { "em", TAG_STYLE, RS_ITALIC },
	{ "embed", TAG_MEDIA, 0 }, { "fieldset", TAG_BLOCK, 0 }, { "figcaption", TAG_BLOCK, 0 },
	{ "figure", TAG_BLOCK, 0 }, { "footer", TAG_BLOCK, 0 }, { "form", TAG_BLOCK, 0 },
	{ "frame", TAG_DROP, 0 }, { "frameset", TAG_DROP, 0 }, { "h1", TAG_HEADING, 1 },
	{ "h2", TAG_HEADING, 2 }, { "h3", TAG_HEADING, 3 }, { "h4", TAG_HEADING, 4 },
	{ "h5", TAG_HEADING, 5 }, { "h6", TAG_HEADING, 6 }, { "head", TAG_DROP, 0 },
	{ "header", TAG_BLOCK, 0 }, { "hgroup", TAG_BLOCK, 0 }, { "hr", TAG_HR, 0 },
	{ "i", TAG_STYLE, RS_ITALIC }, { "iframe", TAG_MEDIA, 0 }, { "img", TAG_IMG, 0 },
	{ "input", TAG_DROP, 0 }, { "ins", TAG_STYLE, RS_UNDERLINE }, { "kbd", TAG_STYLE, RS_CODE },
	{ "keygen", TAG_DROP, 0 }, { "legend", TAG_BLOCK, 0 }, { "li", TAG_LI, 0 },
	{ "link", TAG_DROP, 0 }, { "listing", TAG_PRE, 0 }, { "main", TAG_BLOCK, 0 },
	{ "map", TAG_DROP, 0 }, { "math", TAG_DROP, 0 }, { "menu", TAG_UL, 0 },
	{ "meta", TAG_DROP, 0 }, { "nav", TAG_BLOCK, 0 }, { "noscript", TAG_DROP, 0 },
	{ "ol", TAG_OL, 0 }, { "optgroup", TAG_DROP, 0 }, { "option", TAG_DROP, 0 },
	{ "p", TAG_BLOCK, 0 }, { "param", TAG_DROP, 0 }, { "plaintext", TAG_PRE, 0 },
	{ "pre", TAG_PRE, 0 }, { "q", TAG_Q, 0 }, { "rp", TAG_DROP, 0 }, { "rt", TAG_RT, 0 },
	{ "samp", TAG_STYLE, RS_CODE }, { "script", TAG_DROP, 0 }, { "section", TAG_BLOCK, 0 },
	{ "select", TAG_DROP, 0 }, { "strong", TAG_STYLE, RS_BOLD }, { "style", TAG_DROP, 0 },
	{ "summary", TAG_BLOCK, 0 }, { "svg", TAG_DROP, 0 }, { "table", TAG_TABLE, 0 },
	{ "td", TAG_CELL, 0 }, { "template", TAG_DROP, 0 }, { "textarea", TAG_DROP, 0 },
	{ "th", TAG_CELL, 0 }, { "title", TAG_DROP, 0 }, { "tr", TAG_BLOCK, 0 },
	{ "track", TAG_DROP, 0 }, { "tt", TAG_STYLE, RS_CODE }, { "u", TAG_STYLE, RS_UNDERLINE },
	{ "ul", TAG_UL, 0 }, { "var", TAG_STYLE, RS_ITALIC }, { "video", TAG_MEDIA, 0 },
	{ "wbr", TAG_WBR, 0 }, { "xmp", TAG_PRE, 0 },
};

static int
tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag *)elem)->name);
}

static const struct tag *
tag_of(const char *name)
{
	return bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
}

bool
walk_is_dropped(const char *name)
{
	const struct tag *t = name ? tag_of(name) : NULL;

	return t && t->kind == TAG_DROP;
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
	const struct tag *t = n->name ? tag_of((const char *)n->name) : NULL;
	const char *xbase;
	char *saved_base = NULL;

	if (t && t->kind == TAG_DROP)
		return;
	xbase = n->nattrs ? node_attr(n, "xml:base") : NULL;
	if (xbase) {
		saved_base = w->base;
		w->base = url_resolve(saved_base, xbase);
		if (!w->base)
			w->base = xstrdup_null(saved_base);
	}
	if (t)
		walk_tag(w, n, t);
	else
		walk_children(w, n);	/* span, mark, unknown elements, source ... */
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
			layout_text(w->layout, (const char *)n->content,
				    strlen((const char *)n->content));
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

/* Past the depth limit: every text below, without recursion. */
void
walk_text_only(struct walker *w, struct hnode *top)
{
	struct hnode *n = top->children;

	while (n && n != top) {
		if (n->type == XML_TEXT_NODE && n->content)
			layout_text(w->layout, (const char *)n->content,
				    strlen((const char *)n->content));
		if (n->children && n->type == XML_ELEMENT_NODE &&
		    !walk_is_dropped((const char *)n->name)) {
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
