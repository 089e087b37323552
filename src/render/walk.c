/* The tree walk: libxml2 HTML nodes to layout calls (blocks, inline styles, links, media). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "byline/mem.h"
#include "byline/url.h"
#include "render_impl.h"
#include "walk_impl.h"

/* Deeper than this, elements are walked for their text only (the stack stays bounded). */
#define MAX_DEPTH 256

const char *
node_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next) {
		if (a->name && !strcasecmp((const char *)a->name, name)) {
			const xmlNode *t = a->children;

			while (t && t->type != XML_TEXT_NODE)
				t = t->next;
			return t && t->content ? (const char *)t->content : "";
		}
	}
	return NULL;
}

bool
node_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       !strcasecmp((const char *)n->name, name);
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
walk_styled(struct walker *w, xmlNode *n, unsigned add)
{
	int link;
	unsigned old = layout_style_get(w->layout, &link);

	layout_style_set(w->layout, old | add, link);
	walk_children(w, n);
	layout_style_set(w->layout, old, link);
}

static void
walk_block(struct walker *w, xmlNode *n)
{
	layout_block_begin(w->layout);
	walk_children(w, n);
	layout_block_end(w->layout);
}

static void
walk_heading(struct walker *w, xmlNode *n, int level)
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
walk_quote(struct walker *w, xmlNode *n)
{
	layout_block_begin(w->layout);
	layout_push_quote(w->layout);
	walk_children(w, n);
	layout_pop(w->layout);
	layout_block_end(w->layout);
}

static void
walk_pre(struct walker *w, xmlNode *n)
{
	layout_block_begin(w->layout);
	layout_pre_begin(w->layout);
	walk_children(w, n);
	layout_pre_end(w->layout);
	layout_block_end(w->layout);
}

static void
walk_dd(struct walker *w, xmlNode *n)
{
	layout_tight_begin(w->layout);
	layout_push_item(w->layout, "    ", "    ");
	walk_children(w, n);
	layout_pop(w->layout);
	layout_tight_end(w->layout);
}

static void
walk_dt(struct walker *w, xmlNode *n)
{
	layout_tight_begin(w->layout);
	walk_styled(w, n, RS_BOLD);
	layout_tight_end(w->layout);
}

static void
walk_quoted_inline(struct walker *w, xmlNode *n, const char *open, const char *close)
{
	layout_text(w->layout, open, strlen(open));
	walk_children(w, n);
	layout_text(w->layout, close, strlen(close));
}

/* Elements whose content never shows: scripts, styles, metadata, form controls. */
static const char *const dropped[] = {
	"script", "style", "template", "svg", "math", "noscript", "head", "title",
	"meta", "link", "base", "input", "button", "select", "textarea", "option",
	"optgroup", "datalist", "keygen", "param", "map", "area", "frame",
	"frameset", "applet", "canvas", "track", "rp", NULL,
};

/* Blocks with nothing special: separated from their neighbours by a blank line. */
static const char *const plain_blocks[] = {
	"p", "div", "section", "article", "header", "footer", "nav", "aside", "main",
	"figure", "figcaption", "address", "details", "summary", "center", "hgroup",
	"fieldset", "legend", "form", "caption", "tr", NULL,
};

static bool
in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (!strcasecmp(*list, name))
			return true;
	return false;
}

/* Elements with their own handling; false when `n` is not one of them. */
static bool
walk_special(struct walker *w, xmlNode *n, const char *name)
{
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2])
		walk_heading(w, n, name[1] - '0');
	else if (!strcmp(name, "blockquote"))
		walk_quote(w, n);
	else if (!strcmp(name, "pre") || !strcmp(name, "listing") || !strcmp(name, "xmp") ||
		 !strcmp(name, "plaintext"))
		walk_pre(w, n);
	else if (!strcmp(name, "ul") || !strcmp(name, "menu") || !strcmp(name, "dir"))
		walk_list(w, n, false);
	else if (!strcmp(name, "ol"))
		walk_list(w, n, true);
	else if (!strcmp(name, "li"))
		walk_stray_item(w, n);
	else if (!strcmp(name, "dl"))
		walk_block(w, n);
	else if (!strcmp(name, "dt"))
		walk_dt(w, n);
	else if (!strcmp(name, "dd"))
		walk_dd(w, n);
	else if (!strcmp(name, "table"))
		walk_table(w, n);
	else if (!strcmp(name, "td") || !strcmp(name, "th"))
		walk_cell_flat(w, n);
	else if (!strcmp(name, "hr"))
		layout_hr(w->layout);
	else if (!strcmp(name, "br"))
		layout_break(w->layout);
	else if (!strcmp(name, "wbr")) {
		layout_text(w->layout, "\xe2\x80\x8b", 3);	/* ZWSP: a break opportunity */
		walk_children(w, n);	/* libxml2 2.9 nests the following siblings */
	} else if (!strcmp(name, "a"))
		walk_link(w, n);
	else if (!strcmp(name, "img"))
		walk_img(w, n);
	else if (!strcmp(name, "iframe") || !strcmp(name, "video") || !strcmp(name, "audio") ||
		 !strcmp(name, "embed"))
		walk_media(w, n, name);
	else if (!strcmp(name, "q"))
		walk_quoted_inline(w, n, "\"", "\"");
	else if (!strcmp(name, "rt"))
		walk_quoted_inline(w, n, "(", ")");
	else
		return false;
	return true;
}

static unsigned
inline_style(const char *name)
{
	static const struct { const char *name; unsigned style; } styles[] = {
		{ "b", RS_BOLD }, { "strong", RS_BOLD },
		{ "i", RS_ITALIC }, { "em", RS_ITALIC }, { "cite", RS_ITALIC },
		{ "dfn", RS_ITALIC }, { "var", RS_ITALIC },
		{ "u", RS_UNDERLINE }, { "ins", RS_UNDERLINE },
		{ "code", RS_CODE }, { "kbd", RS_CODE }, { "samp", RS_CODE }, { "tt", RS_CODE },
	};
	size_t i;

	for (i = 0; i < sizeof styles / sizeof styles[0]; i++)
		if (!strcmp(styles[i].name, name))
			return styles[i].style;
	return 0;
}

static void
walk_element(struct walker *w, xmlNode *n)
{
	const char *name = (const char *)n->name;
	const char *xbase = node_attr(n, "xml:base");
	char *saved_base = NULL;
	unsigned style;

	if (!name || in_list(dropped, name))
		return;
	if (xbase) {
		saved_base = w->base;
		w->base = url_resolve(saved_base, xbase);
		if (!w->base)
			w->base = xstrdup_null(saved_base);
	}
	if (in_list(plain_blocks, name))
		walk_block(w, n);
	else if (!walk_special(w, n, name)) {
		style = inline_style(name);
		if (style)
			walk_styled(w, n, style);
		else
			walk_children(w, n);	/* span, mark, unknown elements, source ... */
	}
	if (xbase) {
		free(w->base);
		w->base = saved_base;
	}
}

void
walk_one(struct walker *w, xmlNode *n)
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
	xmlNode *c;

	w->depth++;
	if (w->depth > MAX_DEPTH) {
		walk_text_only(w, node);
	} else {
		for (c = ((xmlNode *)node)->children; c; c = c->next)
			walk_one(w, c);
	}
	w->depth--;
}

/* Past the depth limit: every text below, without recursion. */
void
walk_text_only(struct walker *w, xmlNode *top)
{
	xmlNode *n = top->children;

	while (n && n != top) {
		if (n->type == XML_TEXT_NODE && n->content)
			layout_text(w->layout, (const char *)n->content,
				    strlen((const char *)n->content));
		if (n->children && n->type == XML_ELEMENT_NODE &&
		    !in_list(dropped, (const char *)n->name)) {
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
