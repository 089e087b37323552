/* The page's tree: libxml2's HTML parser with nesting bounded, tags, attributes and walks. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include "byline/mem.h"
#include "extract_int.h"

static const struct {
	const char *name;
	unsigned flags;
} tags[] = {
	{ "", 0 },
#define EX_TAG_ROW(id, name, flags) { name, flags },
	EX_TAGS(EX_TAG_ROW)
#undef EX_TAG_ROW
};

enum ex_tag
ex_tag_of_name(const char *name)
{
	size_t lo = 1, hi = T_COUNT;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, tags[mid].name);

		if (!c)
			return (enum ex_tag)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return T_NONE;
}

enum ex_tag
ex_tag(xmlNode *n)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return T_NONE;
	/* libxml2 leaves `extra` alone outside XSLT: the tag + 1, 0 until looked up */
	if (!n->extra)
		n->extra = (unsigned short)(ex_tag_of_name((const char *)n->name) + 1);
	return (enum ex_tag)(n->extra - 1);
}

unsigned
ex_tag_flags(enum ex_tag t)
{
	return t < T_COUNT ? tags[t].flags : 0;
}

bool
ex_has_flag(xmlNode *n, unsigned flags)
{
	return (ex_tag_flags(ex_tag(n)) & flags) != 0;
}

/* ---- parsing ---- */

/* The parse's state beside libxml2's: how deep we are, and how many deeper elements were not kept. */
struct depth {
	int open;
	size_t flat;
};

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	htmlParserCtxtPtr ctxt = ctx;
	struct depth *dp = ctxt->_private;

	if (dp->open >= EX_MAX_DEPTH) {
		dp->flat++;	/* its text goes to the deepest kept element */
		return;
	}
	dp->open++;
	xmlSAX2StartElement(ctx, name, atts);
}

static void
on_end(void *ctx, const xmlChar *name)
{
	htmlParserCtxtPtr ctxt = ctx;
	struct depth *dp = ctxt->_private;

	if (dp->flat) {
		dp->flat--;
		return;
	}
	if (dp->open > 0)
		dp->open--;
	xmlSAX2EndElement(ctx, name);
}

/*
 * libxml2 halts the whole parse at a text node of more than 10,000,000
 * bytes: past EX_MAX_TEXT the rest of such a node is left out instead.
 */
static void
on_chars(void *ctx, const xmlChar *ch, int len)
{
	htmlParserCtxtPtr ctxt = ctx;
	xmlNode *last = ctxt->node ? ctxt->node->last : NULL;

	if (last && last->type == XML_TEXT_NODE && ctxt->nodemem > 0 &&
	    (size_t)ctxt->nodelen + (size_t)len > EX_MAX_TEXT)
		return;
	xmlSAX2Characters(ctx, ch, len);
}

static xmlNode *
find_child(xmlNode *n, enum ex_tag t)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (ex_tag(n) == t)
			return n;
	return NULL;
}

bool
ex_doc_parse(struct ex_doc *d, const char *html, size_t len)
{
	htmlParserCtxtPtr ctxt;
	struct depth depth = {0};

	memset(d, 0, sizeof *d);
	if (len > INT_MAX)
		len = INT_MAX;
	ctxt = htmlCreateMemoryParserCtxt(len ? html : " ", len ? (int)len : 1);
	if (!ctxt)
		return false;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
	ctxt->_private = &depth;
	/* libxml2's builder stops the parse past 256 open elements: we stop nesting first */
	ctxt->sax->startElement = on_start;
	ctxt->sax->endElement = on_end;
	ctxt->sax->characters = on_chars;
	/* the input is clean UTF-8 (ex_decode): no <meta charset> may switch it */
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	if (ctxt->input->encoding)
		xmlFree((xmlChar *)ctxt->input->encoding);
	ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	htmlParseDocument(ctxt);
	d->doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	htmlFreeParserCtxt(ctxt);
	if (!d->doc)
		return false;
	d->doc->_private = d;
	d->body = find_child(xmlDocGetRootElement(d->doc), T_BODY);
	if (!d->body) {
		/* a frameset page, or one that is all head: give it an empty body */
		xmlNode *root = xmlDocGetRootElement(d->doc);

		if (!root) {
			root = ex_new_elem(d->doc, "html");
			xmlDocSetRootElement(d->doc, root);
		}
		d->body = xmlAddChild(root, ex_new_elem(d->doc, "body"));
	}
	return true;
}

/*
 * The copy n of the nodes from: their tags as looked up already (libxml2 does not
 * copy `extra`), no _private pointer (those point into the original's pool).
 */
static void
copied(xmlNode *n, const xmlNode *from)
{
	for (; n && from; n = n->next, from = from->next) {
		n->_private = NULL;
		if (n->type == XML_ELEMENT_NODE) {
			n->extra = from->extra;
			copied(n->children, from->children);
		}
	}
}

xmlNode *
ex_doc_copy(struct ex_doc *d, const xmlNode *from)
{
	xmlNode *root, *body, *n;

	memset(d, 0, sizeof *d);
	if (!(d->doc = htmlNewDocNoDtD(NULL, NULL)))
		return NULL;
	d->doc->_private = d;
	/* the names are the original's, shared (not one malloc each) */
	if (from->doc->dict) {
		d->doc->dict = from->doc->dict;
		xmlDictReference(d->doc->dict);
	}
	root = xmlNewDocNode(d->doc, NULL, (const xmlChar *)"html", NULL);
	xmlDocSetRootElement(d->doc, root);
	body = xmlNewDocNode(d->doc, NULL, (const xmlChar *)"body", NULL);
	n = xmlDocCopyNode((xmlNode *)from, d->doc, 1);
	if (!root || !body || !n) {
		xmlFreeNode(body);
		xmlFreeNode(n);
		ex_doc_free(d);
		return NULL;
	}
	xmlAddChild(root, body);
	d->body = body;
	xmlAddChild(body, n);
	n->extra = from->extra;
	n->_private = NULL;
	copied(n->children, from->children);
	return n;
}

/* ---- score data ---- */

#define POOL_CHUNK 256

struct ex_pool {
	struct ex_pool *next;
	size_t used;
	union ex_slot items[POOL_CHUNK];
};

union ex_slot *
ex_slot(struct ex_doc *d, xmlNode *n)
{
	union ex_slot *s;

	if (!d->pool || d->pool->used == POOL_CHUNK) {
		struct ex_pool *p = xcalloc(1, sizeof *p);

		p->next = d->pool;
		d->pool = p;
	}
	s = &d->pool->items[d->pool->used++];
	n->_private = s;
	return s;
}

struct ex_score *
ex_score_of(struct ex_doc *d, xmlNode *n)
{
	return n->_private ? n->_private : &ex_slot(d, n)->score;
}

void
ex_doc_free(struct ex_doc *d)
{
	ex_log_commit(d);
	while (d->pool) {
		struct ex_pool *next = d->pool->next;

		free(d->pool);
		d->pool = next;
	}
	if (d->doc)
		xmlFreeDoc(d->doc);
	d->doc = NULL;
	d->body = NULL;
}

/* ---- attributes ---- */

const char *
ex_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name))
			continue;
		/* the HTML parser gives an attribute one text child; a bare one has none */
		if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

void
ex_class_id(const xmlNode *n, struct buf *out)
{
	const char *c = ex_attr(n, "class"), *id = ex_attr(n, "id");

	size_t i;

	buf_reset(out);
	if (c)
		buf_puts(out, c);
	buf_putc(out, ' ');
	if (id)
		buf_puts(out, id);
	for (i = 0; i < out->len; i++)
		out->data[i] = (char)tolower((unsigned char)out->data[i]);
}

/* ---- walks ---- */

xmlNode *
ex_first_elem(const xmlNode *n)
{
	xmlNode *c;

	for (c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNode *
ex_next_elem(const xmlNode *n)
{
	xmlNode *c;

	for (c = n ? n->next : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

size_t
ex_count_elems(const xmlNode *n)
{
	size_t k = 0;
	xmlNode *c;

	for (c = ex_first_elem(n); c; c = ex_next_elem(c))
		k++;
	return k;
}

xmlNode *
ex_next_under(xmlNode *n, const xmlNode *root, bool skip_kids)
{
	if (!skip_kids && n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

xmlNode *
ex_next(xmlNode *n, bool skip_kids)
{
	return ex_next_under(n, NULL, skip_kids);
}

xmlNode *
ex_remove(xmlNode *n, const xmlNode *root)
{
	xmlNode *next = ex_next_under(n, root, true);

	ex_drop(n);
	return next;
}

xmlNode *
ex_unwrap(xmlNode *n)
{
	xmlNode *first = n->children, *c, *next;

	for (c = first; c; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(n, c);
	}
	if (!first)
		return ex_remove(n, NULL);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	return first;
}

bool
ex_has_ancestor(const xmlNode *n, enum ex_tag t, int max_depth)
{
	int depth = 0;

	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (max_depth > 0 && depth++ >= max_depth)
			return false;
		if (ex_tag((xmlNode *)n) == t)
			return true;
	}
	return false;
}

bool
ex_is_whitespace(const xmlNode *n)
{
	const xmlChar *s;

	if (n->type == XML_TEXT_NODE) {
		for (s = n->content; s && *s; s++)
			if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f')
				return false;
		return true;
	}
	return ex_tag((xmlNode *)n) == T_BR;
}

size_t
ex_find(xmlNode *root, enum ex_tag t, xmlNode ***out)
{
	xmlNode *n, **v = NULL;
	size_t k = 0, cap = 0;

	for (n = root->children ? root->children : NULL; n; n = ex_next_under(n, root, false)) {
		if (ex_tag(n) != t)
			continue;
		if (k == cap) {
			cap = cap ? 2 * cap : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[k++] = n;
	}
	*out = v;
	return k;
}

bool
ex_is_phrasing(xmlNode *n)
{
	enum ex_tag t;
	xmlNode *c;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return true;
	if (n->type != XML_ELEMENT_NODE)
		return false;
	t = ex_tag(n);
	if (t != T_A && t != T_DEL && t != T_INS)
		return ex_tag_flags(t) & PHR;
	for (c = n->children; c; c = c->next)
		if (!ex_is_phrasing(c))
			return false;
	return true;
}

bool
ex_single_child(xmlNode *n, enum ex_tag t)
{
	xmlNode *c, *only = NULL;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && !ex_is_whitespace(c))
			return false;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (only)
			return false;
		only = c;
	}
	return only && ex_tag(only) == t;
}

bool
ex_is_empty_elem(xmlNode *n)
{
	xmlNode *c;

	if (n->type != XML_ELEMENT_NODE || ex_has_text(n))
		return false;
	for (c = ex_first_elem(n); c; c = ex_next_elem(c))
		if (ex_tag(c) != T_BR && ex_tag(c) != T_HR)
			return false;
	return true;
}
