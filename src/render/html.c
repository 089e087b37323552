/* HTML to a light tree: libxml2's HTML parser driven by SAX, building the tree its SAX2 builder would. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "walk_int.h"

/* libxml2's xmlParserMaxDepth: its tree builder halts the parser past this many open elements. */
#define MAX_OPEN 256
/* Distinct element names remembered (names beyond are copied and looked up each time). */
#define NAME_SLOTS 256
#define NAME_MAX_KEPT (NAME_SLOTS * 3 / 4)

struct hdoc {
	struct arena arena;	/* the nodes and their strings */
	struct hnode *first;	/* first child of the document */
	struct hnode *last;	/* last child of the document */
	bool dtd;		/* a DOCTYPE was seen: libxml2 puts it first in the document */
	struct hnode *cur;	/* the open element (libxml2's ctxt->node) */
	size_t open;		/* open elements (libxml2's ctxt->nodeNr) */
	size_t flat;		/* elements opened beyond MAX_OPEN: not kept, see on_start */
	int text_type;		/* type of the pending text, 0 when none */
	struct buf text;	/* text of the current node's last child, still growing */
	/* element names met so far (open addressing): one copy and one tag lookup per name */
	struct name_slot {
		const char *name;
		enum html_tag tag;
	} names[NAME_SLOTS];
	size_t nnames;
};

static struct hnode *
new_node(struct hdoc *d, int type)
{
	struct hnode *n = arena_alloc(&d->arena, sizeof *n);

	memset(n, 0, sizeof *n);
	n->type = type;
	return n;
}

static void
append_child(struct hnode *parent, struct hnode *n)
{
	n->parent = parent;
	if (parent->last)
		parent->last->next = n;
	else
		parent->children = n;
	parent->last = n;
}

static void
append_doc(struct hdoc *d, struct hnode *n)
{
	if (d->last)
		d->last->next = n;
	else
		d->first = n;
	d->last = n;
}

/* The pending text becomes the current node's last child (no more can be added to it). */
static void
flush_text(struct hdoc *d)
{
	struct hnode *n;

	if (!d->text_type)
		return;
	n = new_node(d, d->text_type);
	n->content = arena_strndup(&d->arena, d->text.data ? d->text.data : "", d->text.len);
	n->len = (uint32_t)d->text.len;
	append_child(d->cur, n);
	d->text_type = 0;
	buf_reset(&d->text);
}

static struct hdoc *
doc_of(void *ctx)
{
	return ((htmlParserCtxtPtr)ctx)->_private;
}

/* Where libxml2 links a node that has no open parent: the document, or its first child. */
static void
link_orphan(struct hdoc *d, struct hnode *n)
{
	if (!d->first && !d->dtd)
		append_doc(d, n);
	else if (!d->dtd && d->first->type == XML_ELEMENT_NODE)
		append_child(d->first, n);
	else
		append_doc(d, n);
}

/* The element name libxml2's builder keeps: what follows a namespace prefix (xmlSplitQName). */
static const char *
local_name(const char *name)
{
	const char *colon = name[0] == ':' ? NULL : strchr(name, ':');

	return colon && colon[1] ? colon + 1 : name;
}

/* Sets the name (a copy owned by the tree, shared by its elements) and tag of element n. */
static void
set_name(struct hdoc *d, struct hnode *n, const char *name)
{
	size_t i = render_hash(name) & (NAME_SLOTS - 1);

	for (; d->names[i].name; i = (i + 1) & (NAME_SLOTS - 1)) {
		if (!strcmp(d->names[i].name, name)) {
			n->name = d->names[i].name;
			n->tag = d->names[i].tag;
			return;
		}
	}
	n->name = arena_strndup(&d->arena, name, strlen(name));
	n->tag = html_tag_of(n->name);
	if (d->nnames < NAME_MAX_KEPT) {
		d->names[i] = (struct name_slot){ n->name, n->tag };
		d->nnames++;
	}
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct hdoc *d = doc_of(ctx);
	struct hnode *n;
	size_t na = 0, i;

	if (d->open > MAX_OPEN) {
		/*
		 * libxml2's own builder stops the whole parse here ("Excessive
		 * depth"), and the rest of the article was lost. Deeper elements
		 * are not kept: their text joins the deepest kept one.
		 */
		d->flat++;
		return;
	}
	flush_text(d);
	n = new_node(d, XML_ELEMENT_NODE);
	set_name(d, n, local_name((const char *)name));
	while (atts && atts[na])
		na += 2;
	if (na) {
		n->attrs = arena_alloc(&d->arena, (na + 1) * sizeof *n->attrs);
		for (i = 0; i < na; i++) {
			const xmlChar *v = atts[i];

			/* libxml2 gives a boolean attribute without value its name as value */
			if (!v && (i & 1) && htmlIsBooleanAttr(atts[i - 1]))
				v = atts[i - 1];
			n->attrs[i] = v ? arena_strndup(&d->arena, (const char *)v, strlen((const char *)v)) : NULL;
		}
		n->attrs[na] = NULL;
		n->nattrs = (uint32_t)(na / 2);
	}
	if (d->cur)
		append_child(d->cur, n);
	else
		link_orphan(d, n);
	d->cur = n;
	d->open++;
}

static void
on_end(void *ctx, const xmlChar *name)
{
	struct hdoc *d = doc_of(ctx);

	if (!d->open)
		return;
	if (d->flat) {
		d->flat--;
		return;
	}
	flush_text(d);
	d->open--;
	/* an element linked under the document's first child was opened with none open */
	d->cur = d->open ? d->cur->parent : NULL;
}

static void
add_text(void *ctx, const xmlChar *s, int len, int type)
{
	struct hdoc *d = doc_of(ctx);

	if (!d->cur || len <= 0)
		return;
	/*
	 * libxml2 merges text into the last child when that is text of the same
	 * type; the last child can only be such text while it is still pending.
	 */
	if (d->text_type != type) {
		flush_text(d);
		d->text_type = type;
	}
	buf_append(&d->text, s, (size_t)len);
}

static void
on_chars(void *ctx, const xmlChar *s, int len)
{
	add_text(ctx, s, len, XML_TEXT_NODE);
}

static void
on_cdata(void *ctx, const xmlChar *s, int len)
{
	add_text(ctx, s, len, XML_CDATA_SECTION_NODE);
}

/* Comments and processing instructions: not shown, but they separate text nodes. */
static void
add_other(void *ctx)
{
	struct hdoc *d = doc_of(ctx);
	struct hnode *n;

	flush_text(d);
	n = new_node(d, XML_COMMENT_NODE);
	if (d->cur)
		append_child(d->cur, n);
	else
		append_doc(d, n);
}

static void
on_comment(void *ctx, const xmlChar *value)
{
	add_other(ctx);
}

static void
on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	add_other(ctx);
}

static void
on_subset(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	doc_of(ctx)->dtd = true;
}

struct hdoc *
hdoc_parse(const char *html, size_t len)
{
	struct hdoc *d;
	htmlParserCtxtPtr ctxt;

	if (len > INT_MAX)
		len = INT_MAX;
	ctxt = htmlCreateMemoryParserCtxt(html, (int)len);
	if (!ctxt)
		return NULL;
	d = xcalloc(1, sizeof *d);
	ctxt->_private = d;
	/* what htmlReadMemory does, with our builder in place of libxml2's */
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					 HTML_PARSE_NONET);
	ctxt->html = 1;
	ctxt->sax->startElement = on_start;
	ctxt->sax->endElement = on_end;
	ctxt->sax->characters = on_chars;
	ctxt->sax->cdataBlock = on_cdata;
	ctxt->sax->comment = on_comment;
	ctxt->sax->processingInstruction = on_pi;
	ctxt->sax->internalSubset = on_subset;
	/*
	 * The input is valid UTF-8 (render_html cleans it): declare it so, as
	 * htmlReadMemory(..., "UTF-8", ...) does, but without the UTF-8 to
	 * UTF-8 encoder it installs, which copies the whole input once more.
	 * Setting input->encoding keeps <meta charset> from switching.
	 */
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	if (ctxt->input->encoding)
		xmlFree((xmlChar *)ctxt->input->encoding);
	ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	htmlParseDocument(ctxt);
	flush_text(d);
	buf_free(&d->text);
	/* the tree holds copies of everything: the parser and its copy of the input can go */
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	htmlFreeParserCtxt(ctxt);
	return d;
}

struct hnode *
hdoc_root(const struct hdoc *d)
{
	struct hnode *n;

	for (n = d->first; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

void
hdoc_free(struct hdoc **dp)
{
	struct hdoc *d = *dp;

	if (!d)
		return;
	arena_free(&d->arena);
	free(d);
	*dp = NULL;
}
