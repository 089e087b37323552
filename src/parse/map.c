/* RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 elements mapped onto the item model, by namespace URI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/date.h"
#include "byline/mem.h"
#include "byline/url.h"
#include "parse_internal.h"
#include "parser_state.h"

#define XML_NS "http://www.w3.org/XML/1998/namespace"

static const struct {
	const char *uri;
	enum fp_ns ns;
} namespaces[] = {
	{ "http://purl.org/rss/1.0/", NS_RSS },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS },
	{ "http://backend.userland.com/rss2", NS_RSS },
	{ "http://backend.userland.com/rss", NS_RSS },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_RSS },
	{ "http://www.w3.org/2005/Atom", NS_ATOM },
	{ "http://purl.org/atom/ns#", NS_ATOM03 },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/elements/1.0/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "https://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
};

enum fp_ns
fp_ns_of(const char *uri)
{
	size_t i;

	if (!uri || !*uri)
		return NS_RSS;	/* RSS 0.9x/2.0 elements have no namespace */
	if (!strncmp(uri, "http://backend.userland.com/rss", 31))
		return NS_RSS;	/* every Userland RSS 2.x namespace */
	for (i = 0; i < sizeof(namespaces) / sizeof(namespaces[0]); i++)
		if (!strcasecmp(uri, namespaces[i].uri))
			return namespaces[i].ns;
	return NS_OTHER;
}

/* The value of attribute `name` (in namespace ns_uri, or none), copied; NULL if absent. */
static char *
attr_dup(const struct elem *el, const char *name, const char *ns_uri)
{
	int i;

	for (i = 0; i < el->nattrs; i++) {
		const xmlChar **a = el->attrs + 5 * i;

		if (strcmp((const char *)a[0], name))
			continue;
		if (ns_uri ? (!a[2] || strcmp((const char *)a[2], ns_uri)) : a[2] != NULL)
			continue;
		return xstrndup((const char *)a[3], (size_t)(a[4] - a[3]));
	}
	return NULL;
}

static int
has_attr(const struct elem *el, const char *name)
{
	char *v = attr_dup(el, name, NULL);

	free(v);
	return v != NULL;
}

static int
is(const struct elem *el, const char *name)
{
	return !strcmp(el->name, name);
}

static int
core(const struct elem *el)
{
	return el->ns == NS_RSS || el->ns == NS_ATOM || el->ns == NS_ATOM03;
}

static int
atomish(const struct feed_parser *p, const struct elem *el)
{
	return el->ns == NS_ATOM || el->ns == NS_ATOM03 || (p->is_atom && el->ns == NS_RSS);
}

static const char *
cur_base(const struct feed_parser *p)
{
	return p->nframes ? p->frames[p->nframes - 1].base : p->doc_url;
}

/* A base URL we resolve against: http or https only (never javascript:, file:). */
int
fp_safe_base(const char *u)
{
	return u && (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8));
}

/* ---- frames: depth and xml:base ---------------------------------------- */

void
fp_push_frame(struct feed_parser *p, const struct elem *el)
{
	struct frame *f;
	const char *parent = cur_base(p);
	char *xb = attr_dup(el, "base", XML_NS);

	if (p->nframes == p->frames_cap) {
		p->frames_cap = p->frames_cap ? 2 * p->frames_cap : 32;
		p->frames = xreallocarray(p->frames, p->frames_cap, sizeof(*p->frames));
	}
	f = &p->frames[p->nframes++];
	p->depth++;
	f->own_base = 0;
	f->base = (char *)parent;
	if (xb) {
		char *r = url_resolve(parent, xb);

		if (r && !fp_safe_base(r)) {
			fp_warn(p, "xml:base '%.80s' ignored: not an http or https URL", r);
			free(r);
			r = NULL;
		}
		if (r) {
			f->base = r;
			f->own_base = 1;
		}
		free(xb);
	}
}

void
fp_pop_frame(struct feed_parser *p)
{
	struct frame *f = &p->frames[p->nframes - 1];

	if (f->own_base)
		free(f->base);
	p->nframes--;
	p->depth--;
}

/* ---- setting fields by rank -------------------------------------------- */

/* Stores val (owned) into *dst when rank beats the current one; joins equal-rank authors. */
static void
set_ranked(char **dst, uint8_t *cur, uint8_t rank, char *val, int join)
{
	if (!val || !*val) {
		free(val);
		return;
	}
	if (join && *dst && rank == *cur) {
		char *j = xasprintf("%s, %s", *dst, val);

		free(*dst);
		free(val);
		*dst = j;
		return;
	}
	if (rank >= *cur) {
		free(val);
		return;
	}
	free(*dst);
	*dst = val;
	*cur = rank;
}

static void
set_date(struct feed_parser *p, int64_t *dst, uint8_t *cur, uint8_t rank, const char *s)
{
	int64_t t;

	if (!*s || rank >= *cur)
		return;
	if (!date_parse(s, &t)) {
		fp_warn(p, "unreadable date '%.60s' ignored", s);
		return;
	}
	*dst = t;
	*cur = rank;
}

static void
add_category(struct feed_parser *p, char *term)
{
	struct item *it = &p->it;
	size_t i;

	if (!term || !*term) {
		free(term);
		return;
	}
	for (i = 0; i < it->ncategories; i++)
		if (!strcmp(it->categories[i], term)) {
			free(term);
			return;
		}
	if (it->ncategories == p->cat_cap) {
		p->cat_cap = p->cat_cap ? 2 * p->cat_cap : 4;
		it->categories = xreallocarray(it->categories, p->cat_cap, sizeof(char *));
	}
	it->categories[it->ncategories++] = term;
}

static void
add_enclosure(struct feed_parser *p, char *url, char *type, const char *length)
{
	struct item *it = &p->it;
	struct enclosure *e;
	size_t i;

	if (!url || !*url)
		goto drop;
	for (i = 0; i < it->nenclosures; i++)
		if (!strcmp(it->enclosures[i].url, url))
			goto drop;
	if (it->nenclosures == p->enc_cap) {
		p->enc_cap = p->enc_cap ? 2 * p->enc_cap : 2;
		it->enclosures = xreallocarray(it->enclosures, p->enc_cap, sizeof(*e));
	}
	e = &it->enclosures[it->nenclosures++];
	e->url = url;
	e->type = (type && *type) ? type : (free(type), NULL);
	e->length = -1;
	if (length) {
		char *end;
		long long v = strtoll(length, &end, 10);

		if (end != length && v >= 0)
			e->length = v;
	}
	return;
drop:
	free(url);
	free(type);
}

/* A URL attribute or text, trimmed, cleaned and resolved against the current base. */
static char *
resolve_url(struct feed_parser *p, const char *raw)
{
	struct buf b = { 0 };
	char *r;

	if (!raw)
		return NULL;
	buf_puts(&b, raw);
	text_trim(&b);
	text_clean(&b, false);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	r = url_resolve(cur_base(p), buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* ---- capture: collecting an element's text ----------------------------- */

static void
capture_start(struct feed_parser *p, enum fp_target tgt, uint8_t rank, enum fp_ctype ct)
{
	struct capture *c = &p->cap;

	buf_reset(&c->buf);
	c->active = 1;
	c->depth = p->depth;
	c->tgt = tgt;
	c->rank = rank;
	c->ctype = ct;
	c->serialize = (ct == CT_HTML || ct == CT_XHTML);
	c->skip_div = 0;
	c->div_depth = 0;
	c->base64 = 0;
	c->open_tag = 0;
	c->cut = 0;
	c->limit = (tgt == TG_SUMMARY || tgt == TG_CONTENT || tgt == TG_FEED_DESC)
			   ? PARSE_MAX_HTML_FIELD : PARSE_MAX_LINE_FIELD;
}

static void
capture_append(struct feed_parser *p, const char *s, size_t n, int escape)
{
	struct capture *c = &p->cap;

	if (c->cut)
		return;
	if (c->buf.len + n > c->limit + 4) {
		c->cut = 1;
		fp_warn(p, "text longer than %zu KiB cut short", c->limit >> 10);
		n = c->limit + 4 > c->buf.len ? c->limit + 4 - c->buf.len : 0;
	}
	if (escape)
		text_escape_html(&c->buf, s, n);
	else
		buf_append(&c->buf, s, n);
}

static void
close_open_tag(struct feed_parser *p)
{
	if (p->cap.open_tag) {
		buf_putc(&p->cap.buf, '>');
		p->cap.open_tag = 0;
	}
}

void
fp_capture_text(struct feed_parser *p, const char *s, size_t n)
{
	close_open_tag(p);
	capture_append(p, s, n, p->cap.ctype == CT_XHTML);
}

static int
is_void(const char *name)
{
	static const char *const v[] = { "br", "hr", "img", "input", "meta", "link", "area",
		"base", "col", "embed", "param", "source", "track", "wbr", NULL };
	int i;

	for (i = 0; v[i]; i++)
		if (!strcmp(name, v[i]))
			return 1;
	return 0;
}

static int
html_target(enum fp_target t)
{
	return t == TG_SUMMARY || t == TG_CONTENT || t == TG_FEED_DESC;
}

/* A child element inside captured markup: written out as HTML (or dropped for text). */
static void
capture_child_start(struct feed_parser *p, const struct elem *el)
{
	struct capture *c = &p->cap;
	int i;

	close_open_tag(p);
	if (!c->serialize && c->ctype == CT_TEXT && html_target(c->tgt)) {
		/* markup inside a text construct (Atom 0.3 "naked markup"): keep it */
		struct buf esc = { 0 };

		text_escape_html(&esc, c->buf.data ? c->buf.data : "", c->buf.len);
		buf_free(&c->buf);
		c->buf = esc;
		c->ctype = CT_XHTML;
		c->serialize = 1;
	}
	if (!c->serialize || c->cut)
		return;
	if (c->skip_div && p->depth == c->depth + 1 && is(el, "div") && el->ns == NS_XHTML &&
	    c->buf.len == 0 && !c->div_depth) {
		c->div_depth = p->depth;
		return;
	}
	buf_putc(&c->buf, '<');
	buf_puts(&c->buf, el->name);
	for (i = 0; i < el->nattrs; i++) {
		const xmlChar **a = el->attrs + 5 * i;
		char *v = xstrndup((const char *)a[3], (size_t)(a[4] - a[3]));
		int url = !strcmp((const char *)a[0], "href") || !strcmp((const char *)a[0], "src");
		char *r = url ? url_resolve(cur_base(p), v) : NULL;

		if (a[2] && !strcmp((const char *)a[2], XML_NS))
			goto next;
		buf_putc(&c->buf, ' ');
		buf_puts(&c->buf, (const char *)a[0]);
		buf_puts(&c->buf, "=\"");
		text_escape_html(&c->buf, r ? r : v, strlen(r ? r : v));
		buf_putc(&c->buf, '"');
next:
		free(r);
		free(v);
	}
	c->open_tag = 1;
}

static void
capture_child_end(struct feed_parser *p, const char *name)
{
	struct capture *c = &p->cap;

	if (!c->serialize || c->cut)
		return;
	if (c->div_depth == p->depth) {
		close_open_tag(p);
		c->div_depth = -1;	/* only the first wrapper is dropped */
		return;
	}
	if (c->open_tag) {
		c->open_tag = 0;
		if (is_void(name)) {
			buf_puts(&c->buf, " />");
			return;
		}
		buf_putc(&c->buf, '>');
	}
	buf_puts(&c->buf, "</");
	buf_puts(&c->buf, name);
	buf_putc(&c->buf, '>');
}

/* "jo@example.com (Jo Doe)" or "Jo Doe <jo@example.com>" in RSS: the name alone. */
static char *
rss_author_name(char *s)
{
	char *open, *name = NULL;
	size_t n;

	if (!s || !(n = strlen(s)))
		return s;
	open = strstr(s, " (");
	if (open && s[n - 1] == ')' && memchr(s, '@', (size_t)(open - s)) &&
	    !memchr(s, ' ', (size_t)(open - s)))
		name = xstrndup(open + 2, (size_t)(s + n - 1 - (open + 2)));
	open = strstr(s, " <");
	if (!name && open && s[n - 1] == '>' && strchr(open, '@'))
		name = xstrndup(s, (size_t)(open - s));
	if (!name || !*name) {
		free(name);
		return s;
	}
	free(s);
	return name;
}

/* Plain text for a title-like field, from whatever type it was given in. */
static char *
finish_plain(struct feed_parser *p, struct buf *b, enum fp_ctype ct)
{
	struct buf out = { 0 };

	if (ct == CT_HTML || ct == CT_XHTML || (ct == CT_GUESS && text_looks_like_html(b->data, b->len))) {
		text_html_to_text(&out, b->data ? b->data : "", b->len);
	} else {
		out = *b;
		memset(b, 0, sizeof(*b));
	}
	text_clean(&out, false);
	text_collapse_ws(&out);
	return buf_steal(&out);
}

static char *
finish_html(struct feed_parser *p, struct buf *b, enum fp_ctype ct)
{
	struct buf out = { 0 };
	char *r;

	text_trim(b);
	if (ct == CT_TEXT)
		text_escape_html(&out, b->data ? b->data : "", b->len);
	else
		out = *b, memset(b, 0, sizeof(*b));
	text_clean(&out, true);
	if (out.len == 0) {
		buf_free(&out);
		return NULL;
	}
	if (!cur_base(p) || !memchr(out.data, '<', out.len))
		return buf_steal(&out);
	r = text_html_resolve(out.data, cur_base(p));
	buf_free(&out);
	return r;
}

static char *
finish_single(struct buf *b)
{
	struct buf out = *b;

	memset(b, 0, sizeof(*b));
	text_clean(&out, false);
	text_collapse_ws(&out);
	return buf_steal(&out);
}

/* An attribute value (owned, may be NULL) cleaned to one line like any text field. */
static char *
clean_attr(char *v)
{
	struct buf b = { 0 };

	if (!v)
		return NULL;
	buf_puts(&b, v);
	free(v);
	return finish_single(&b);
}

static void
deliver_item_field(struct feed_parser *p, enum fp_target tgt, uint8_t rank, enum fp_ctype ct,
		   struct buf *b)
{
	struct item *it = &p->it;

	switch (tgt) {
	case TG_TITLE:
		set_ranked(&it->title, &p->rank[SLOT_TITLE], rank, finish_plain(p, b, ct), 0);
		break;
	case TG_LINK:
		set_ranked(&it->link, &p->rank[SLOT_LINK], rank, resolve_url(p, buf_cstr(b)), 0);
		break;
	case TG_ID:
		text_trim(b);
		if (rank == 1 && !p->guid)
			p->guid = xstrdup(buf_cstr(b));
		set_ranked(&it->id, &p->rank[SLOT_ID], rank, finish_single(b), 0);
		break;
	case TG_AUTHOR:
		set_ranked(&it->author, &p->rank[SLOT_AUTHOR], rank,
			   rank == 3 ? rss_author_name(finish_plain(p, b, ct)) : finish_plain(p, b, ct), 1);
		break;
	case TG_PUBLISHED:
		text_trim(b);
		set_date(p, &it->published, &p->rank[SLOT_PUBLISHED], rank, buf_cstr(b));
		break;
	case TG_UPDATED:
		text_trim(b);
		set_date(p, &it->updated, &p->rank[SLOT_UPDATED], rank, buf_cstr(b));
		break;
	case TG_SUMMARY:
		set_ranked(&it->summary, &p->rank[SLOT_SUMMARY], rank, finish_html(p, b, ct), 0);
		break;
	case TG_CONTENT:
		set_ranked(&it->content, &p->rank[SLOT_CONTENT], rank, finish_html(p, b, ct), 0);
		break;
	case TG_CATEGORY:
		add_category(p, finish_plain(p, b, ct));
		break;
	default:
		break;
	}
}

static void
deliver_feed_field(struct feed_parser *p, enum fp_target tgt, uint8_t rank, enum fp_ctype ct,
		   struct buf *b)
{
	struct feed_info *fi = &p->fi;

	switch (tgt) {
	case TG_FEED_TITLE:
		set_ranked(&fi->title, &p->frank[FSLOT_TITLE], rank, finish_plain(p, b, ct), 0);
		break;
	case TG_FEED_LINK:
		set_ranked(&fi->link, &p->frank[FSLOT_LINK], rank, resolve_url(p, buf_cstr(b)), 0);
		break;
	case TG_FEED_DESC:
		set_ranked(&fi->description, &p->frank[FSLOT_DESC], rank, finish_html(p, b, ct), 0);
		break;
	case TG_FEED_LANG:
		text_trim(b);
		set_ranked(&fi->language, &p->frank[FSLOT_LANG], rank, finish_single(b), 0);
		break;
	default:
		break;
	}
}

/* Decodes base64 in place (Atom 0.3 mode="base64"); bad characters are skipped. */
static void
base64_decode(struct buf *b)
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, o = 0;
	unsigned acc = 0;
	int bits = 0;

	for (i = 0; i < b->len; i++) {
		const char *q = b->data[i] ? strchr(alpha, b->data[i]) : NULL;

		if (!q)
			continue;
		acc = (acc << 6) | (unsigned)(q - alpha);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			b->data[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	buf_truncate(b, o);
}

static void
capture_end(struct feed_parser *p)
{
	struct capture *c = &p->cap;
	struct buf b = c->buf;

	memset(&c->buf, 0, sizeof(c->buf));
	c->active = 0;
	close_open_tag(p);
	if (c->ctype == CT_SKIP) {
		buf_free(&b);
		return;
	}
	if (c->base64)
		base64_decode(&b);
	text_cap(&b, c->limit);
	if (c->tgt == TG_PERSON_NAME || c->tgt == TG_PERSON_EMAIL) {
		text_trim(&b);
		buf_reset(c->tgt == TG_PERSON_NAME ? &p->pname : &p->pemail);
		buf_append(c->tgt == TG_PERSON_NAME ? &p->pname : &p->pemail, b.data, b.len);
	} else if (c->tgt >= TG_FEED_TITLE) {
		deliver_feed_field(p, c->tgt, c->rank, c->ctype, &b);
	} else if (p->item_depth >= 0) {
		deliver_item_field(p, c->tgt, c->rank, c->ctype, &b);
	}
	buf_free(&b);
}

/* ---- text constructs ---------------------------------------------------- */

/* The content type of an Atom text construct (1.0 type, 0.3 type and mode). */
static enum fp_ctype atom_ctype(const struct elem *el, enum fp_ctype dflt);

/* Captures an Atom text construct; only Atom 1.0 xhtml drops its wrapping div. */
static void
capture_construct(struct feed_parser *p, const struct elem *el, enum fp_target tgt, uint8_t rank)
{
	enum fp_ctype ct = atom_ctype(el, CT_TEXT);

	char *mode = attr_dup(el, "mode", NULL);

	capture_start(p, tgt, rank, ct);
	p->cap.skip_div = (ct == CT_XHTML && el->ns == NS_ATOM);
	if (mode && !strcasecmp(mode, "base64") && ct != CT_SKIP) {
		p->cap.base64 = 1;
		p->cap.serialize = 0;
	}
	free(mode);
}

static enum fp_ctype
atom_ctype(const struct elem *el, enum fp_ctype dflt)
{
	char *type = attr_dup(el, "type", NULL), *mode = attr_dup(el, "mode", NULL);
	enum fp_ctype ct = dflt;

	if (type) {
		if (!strcasecmp(type, "plain"))
			ct = CT_TEXT;	/* Media RSS */
		else if (!strcasecmp(type, "html") || !strcasecmp(type, "text/html"))
			ct = CT_HTML;
		else if (!strcasecmp(type, "xhtml") || !strcasecmp(type, "application/xhtml+xml"))
			ct = CT_XHTML;
		else if (!strcasecmp(type, "text") || !strncasecmp(type, "text/", 5))
			ct = CT_TEXT;
		else if (strstr(type, "xml"))
			ct = CT_XHTML;
		else
			ct = CT_SKIP;	/* base64 media we cannot show */
	}
	if (mode && !strcasecmp(mode, "xml") && ct == CT_SKIP)
		ct = CT_XHTML;
	else if (mode && !strcasecmp(mode, "escaped") && ct == CT_XHTML)
		ct = CT_HTML;
	else if (mode && !strcasecmp(mode, "xml") && ct == CT_TEXT && el->ns == NS_ATOM03)
		ct = CT_TEXT;
	free(type);
	free(mode);
	return ct;
}

/* ---- links, enclosures, categories from attributes ---------------------- */

static void
atom_link(struct feed_parser *p, const struct elem *el, int in_item)
{
	char *rel = attr_dup(el, "rel", NULL), *href = attr_dup(el, "href", NULL);
	char *type = attr_dup(el, "type", NULL);
	uint8_t rank = atomish(p, el) && p->is_atom ? 1 : 2;
	char *url;

	if (!href) {
		/* Atom 0.3 feeds in the wild put the URL in the text */
		if (!rel || !strcasecmp(rel, "alternate"))
			capture_start(p, in_item ? TG_LINK : TG_FEED_LINK, 3, CT_TEXT);
		goto out;
	}
	url = resolve_url(p, href);
	if (!rel || !strcasecmp(rel, "alternate") ||
	    !strcasecmp(rel, "http://www.iana.org/assignments/relation/alternate")) {
		if (type && strcasecmp(type, "text/html") && strcasecmp(type, "application/xhtml+xml"))
			rank++;	/* an alternate of another type only if nothing better */
		if (in_item)
			set_ranked(&p->it.link, &p->rank[SLOT_LINK], rank, url, 0);
		else
			set_ranked(&p->fi.link, &p->frank[FSLOT_LINK], rank, url, 0);
	} else if (!strcasecmp(rel, "enclosure") && in_item) {
		char *len = attr_dup(el, "length", NULL);

		add_enclosure(p, url, clean_attr(type), len);
		type = NULL;
		free(len);
	} else {
		free(url);
	}
out:
	free(rel);
	free(href);
	free(type);
}

static void
rss_enclosure(struct feed_parser *p, const struct elem *el)
{
	char *url = attr_dup(el, "url", NULL), *len = attr_dup(el, "length", NULL);

	add_enclosure(p, resolve_url(p, url), clean_attr(attr_dup(el, "type", NULL)), len);
	free(url);
	free(len);
}

static void
media_element(struct feed_parser *p, const struct elem *el)
{
	char *url, *len;

	if (is(el, "content") || is(el, "thumbnail")) {
		url = attr_dup(el, "url", NULL);
		len = attr_dup(el, "fileSize", NULL);
		add_enclosure(p, resolve_url(p, url), clean_attr(attr_dup(el, "type", NULL)), len);
		free(url);
		free(len);
	} else if (is(el, "title")) {
		capture_start(p, TG_TITLE, 5, atom_ctype(el, CT_TEXT));
	} else if (is(el, "description")) {
		capture_start(p, TG_SUMMARY, 7, atom_ctype(el, CT_TEXT));
	} else if (is(el, "category")) {
		capture_start(p, TG_CATEGORY, 1, CT_TEXT);
	} else if (is(el, "player")) {
		url = attr_dup(el, "url", NULL);
		set_ranked(&p->it.link, &p->rank[SLOT_LINK], 9, resolve_url(p, url), 0);
		free(url);
	}
}

static void
atom_category(struct feed_parser *p, const struct elem *el)
{
	char *term = attr_dup(el, "term", NULL);
	struct buf b = { 0 };

	if (!term)
		term = attr_dup(el, "label", NULL);
	if (!term) {
		capture_start(p, TG_CATEGORY, 1, CT_TEXT);	/* Atom 0.3 style text */
		return;
	}
	buf_puts(&b, term);
	free(term);
	add_category(p, finish_single(&b));
	buf_free(&b);
}

/* ---- items --------------------------------------------------------------- */

static void
report_feed(struct feed_parser *p)
{
	if (p->feed_reported)
		return;
	p->feed_reported = 1;
	if (p->cb.on_feed)
		p->cb.on_feed(p->ud, &p->fi);
}

static void
item_start(struct feed_parser *p)
{
	report_feed(p);
	item_clear(&p->it);
	memset(p->rank, RANK_NONE, sizeof(p->rank));
	p->item_depth = p->depth;
	p->guid_permalink = 1;
	p->source_depth = -1;
	buf_reset(&p->source_authors);
	free(p->guid);
	p->guid = NULL;
	p->cat_cap = p->enc_cap = 0;
}

/* A stable id for an item that has neither guid nor link: FNV-1a of title and date. */
static char *
hash_id(const struct item *it)
{
	uint64_t h = 14695981039346656037ULL;
	char date[32] = "";
	const char *parts[3];
	size_t i;
	const unsigned char *s;

	if (it->published != BL_NO_DATE || it->updated != BL_NO_DATE)
		snprintf(date, sizeof(date), "%lld",
			 (long long)(it->published != BL_NO_DATE ? it->published : it->updated));
	parts[0] = it->title ? it->title : "";
	parts[1] = date;
	parts[2] = (!it->title && !*date) ? (it->summary ? it->summary : it->content ? it->content : "") : "";
	for (i = 0; i < 3; i++) {
		for (s = (const unsigned char *)parts[i]; *s; s++)
			h = (h ^ *s) * 1099511628211ULL;
		h = (h ^ 0x1f) * 1099511628211ULL;
	}
	return xasprintf("byline:%016llx", (unsigned long long)h);
}

static void
item_end(struct feed_parser *p)
{
	struct item *it = &p->it;

	if (!it->link && p->guid && p->guid_permalink &&
	    (!strncasecmp(p->guid, "http://", 7) || !strncasecmp(p->guid, "https://", 8)))
		it->link = resolve_url(p, p->guid);
	if (!it->author && (p->source_authors.len || p->feed_authors.len))
		it->author = xstrdup(buf_cstr(p->source_authors.len ? &p->source_authors : &p->feed_authors));
	if (!it->id && it->link)
		it->id = xstrdup(it->link);
	if (!it->id)
		it->id = hash_id(it);
	p->nitems++;
	if (p->cb.on_item)
		p->cb.on_item(p->ud, it);
	item_clear(it);
	p->item_depth = -1;
	p->person_depth = -1;
}

/* ---- element dispatch ------------------------------------------------------ */

static void
person_child(struct feed_parser *p, const struct elem *el)
{
	if (p->depth != p->person_depth + 1 || !atomish(p, el))
		return;
	if (is(el, "name"))
		capture_start(p, TG_PERSON_NAME, 1, CT_TEXT);
	else if (is(el, "email"))
		capture_start(p, TG_PERSON_EMAIL, 1, CT_TEXT);
}

static void
append_name(struct buf *list, const struct buf *name)
{
	if (name->len == 0)
		return;
	if (list->len)
		buf_puts(list, ", ");
	buf_append(list, name->data, name->len);
}

static void
person_start(struct feed_parser *p, int kind)
{
	p->person_depth = p->depth;
	p->person_kind = kind;
	buf_reset(&p->pname);
	buf_reset(&p->pemail);
}

/* An atom:author ended: the entry's own, its source's, or the feed's (RFC 4287 4.2.1). */
static void
person_end(struct feed_parser *p)
{
	struct buf b = { 0 };

	if (p->pname.len)
		buf_append(&b, p->pname.data, p->pname.len);
	else if (p->pemail.len)
		buf_append(&b, p->pemail.data, p->pemail.len);
	text_clean(&b, false);
	text_collapse_ws(&b);
	p->person_depth = -1;
	if (p->person_kind == PERSON_FEED)
		append_name(&p->feed_authors, &b);
	else if (p->person_kind == PERSON_SOURCE)
		append_name(&p->source_authors, &b);
	else if (p->item_depth >= 0)
		set_ranked(&p->it.author, &p->rank[SLOT_AUTHOR], 1, finish_single(&b), 1);
	buf_free(&b);
}


static void
item_core_child(struct feed_parser *p, const struct elem *el)
{
	int atom = atomish(p, el);
	uint8_t r = (atom && !p->is_atom) ? 2 : 1;	/* atom:* inside RSS yields to RSS */

	if (is(el, "title"))
		if (atom)
			capture_construct(p, el, TG_TITLE, r);
		else
			capture_start(p, TG_TITLE, r, CT_GUESS);
	else if (is(el, "link") && (atom || has_attr(el, "href")))
		atom_link(p, el, 1);
	else if (is(el, "link"))
		capture_start(p, TG_LINK, 1, CT_TEXT);
	else if (is(el, "guid") || (is(el, "id") && atom)) {
		char *pl = attr_dup(el, "isPermaLink", NULL);

		p->guid_permalink = !(pl && !strcasecmp(pl, "false")) && is(el, "guid");
		free(pl);
		capture_start(p, TG_ID, 1, CT_TEXT);
	} else if (is(el, "description") && !atom)
		capture_start(p, TG_SUMMARY, 1, CT_HTML);
	else if (is(el, "summary") && atom)
		capture_construct(p, el, TG_SUMMARY, r);
	else if (is(el, "content") && atom) {
		char *src = attr_dup(el, "src", NULL);

		capture_construct(p, el, TG_CONTENT, src ? RANK_NONE : r);
		free(src);
	} else if (is(el, "author") && atom)
		person_start(p, PERSON_ITEM);
	else if (is(el, "source") && atom)
		p->source_depth = p->depth;
	else if (is(el, "author"))
		capture_start(p, TG_AUTHOR, 3, CT_GUESS);
	else if (is(el, "pubDate") || (is(el, "published") && atom))
		capture_start(p, TG_PUBLISHED, 1, CT_TEXT);
	else if (is(el, "issued") && atom)
		capture_start(p, TG_PUBLISHED, 2, CT_TEXT);
	else if (is(el, "created") && atom)
		capture_start(p, TG_PUBLISHED, 3, CT_TEXT);
	else if (is(el, "updated") && atom)
		capture_start(p, TG_UPDATED, r, CT_TEXT);
	else if (is(el, "modified") && atom)
		capture_start(p, TG_UPDATED, 2, CT_TEXT);
	else if (is(el, "category") && atom)
		atom_category(p, el);
	else if (is(el, "category"))
		capture_start(p, TG_CATEGORY, 1, CT_GUESS);
	else if (is(el, "enclosure"))
		rss_enclosure(p, el);
	else if (is(el, "body") && !atom)
		capture_start(p, TG_CONTENT, 2, CT_XHTML);	/* XHTML body without its namespace */
	else if (is(el, "fullitem") && !atom)
		capture_start(p, TG_CONTENT, 3, CT_HTML);
}

static void
item_module_child(struct feed_parser *p, const struct elem *el)
{
	if (el->ns == NS_CONTENT && is(el, "encoded"))
		capture_start(p, TG_CONTENT, 1, CT_HTML);
	else if (el->ns == NS_XHTML && is(el, "body"))
		capture_start(p, TG_CONTENT, 2, CT_XHTML), p->cap.skip_div = 0;
	else if (el->ns == NS_DC && is(el, "title"))
		capture_start(p, TG_TITLE, 3, CT_GUESS);
	else if (el->ns == NS_DC && (is(el, "creator") || is(el, "author")))
		capture_start(p, TG_AUTHOR, 2, CT_GUESS);
	else if (el->ns == NS_DC && is(el, "date"))
		capture_start(p, TG_PUBLISHED, 4, CT_TEXT);
	else if (el->ns == NS_DC && is(el, "subject"))
		capture_start(p, TG_CATEGORY, 1, CT_GUESS);
	else if (el->ns == NS_DC && is(el, "description"))
		capture_start(p, TG_SUMMARY, 3, CT_HTML);
	else if (el->ns == NS_DC && is(el, "identifier"))
		capture_start(p, TG_ID, 3, CT_TEXT);
	else if (el->ns == NS_DCTERMS && is(el, "modified"))
		capture_start(p, TG_UPDATED, 3, CT_TEXT);
	else if (el->ns == NS_DCTERMS && is(el, "issued"))
		capture_start(p, TG_PUBLISHED, 5, CT_TEXT);
	else if (el->ns == NS_DCTERMS && is(el, "created"))
		capture_start(p, TG_PUBLISHED, 6, CT_TEXT);
	else if (el->ns == NS_ITUNES && is(el, "author"))
		capture_start(p, TG_AUTHOR, 4, CT_TEXT);
	else if (el->ns == NS_ITUNES && is(el, "summary"))
		capture_start(p, TG_SUMMARY, 5, CT_TEXT);
	else if (el->ns == NS_ITUNES && is(el, "title"))
		capture_start(p, TG_TITLE, 4, CT_TEXT);
	else if (el->ns == NS_ITUNES && is(el, "category"))
		add_category(p, clean_attr(attr_dup(el, "text", NULL)));
}

static void
item_child(struct feed_parser *p, const struct elem *el)
{
	if (p->source_depth >= 0) {
		if (p->depth == p->source_depth + 1 && is(el, "author") && atomish(p, el))
			person_start(p, PERSON_SOURCE);
		return;
	}
	if (el->ns == NS_MEDIA) {
		media_element(p, el);	/* at any depth: media:group holds them */
		return;
	}
	if (p->depth != p->item_depth + 1)
		return;
	if (core(el))
		item_core_child(p, el);
	else
		item_module_child(p, el);
}

static void
feed_child(struct feed_parser *p, const struct elem *el)
{
	int atom = atomish(p, el);

	if (core(el) && is(el, "title"))
		atom ? capture_construct(p, el, TG_FEED_TITLE, 1)
		     : capture_start(p, TG_FEED_TITLE, 1, CT_GUESS);
	else if (core(el) && is(el, "link") && (atom || has_attr(el, "href")))
		atom_link(p, el, 0);
	else if (core(el) && is(el, "link"))
		capture_start(p, TG_FEED_LINK, 1, CT_TEXT);
	else if (core(el) && !atom && is(el, "description"))
		capture_start(p, TG_FEED_DESC, 1, CT_HTML);
	else if (atom && (is(el, "subtitle") || is(el, "tagline")))
		capture_construct(p, el, TG_FEED_DESC, 1);
	else if (core(el) && is(el, "language"))
		capture_start(p, TG_FEED_LANG, 1, CT_TEXT);
	else if (el->ns == NS_DC && is(el, "title"))
		capture_start(p, TG_FEED_TITLE, 2, CT_GUESS);
	else if (el->ns == NS_DC && is(el, "description"))
		capture_start(p, TG_FEED_DESC, 2, CT_HTML);
	else if (el->ns == NS_DC && is(el, "language"))
		capture_start(p, TG_FEED_LANG, 2, CT_TEXT);
	else if (el->ns == NS_ITUNES && is(el, "summary"))
		capture_start(p, TG_FEED_DESC, 3, CT_TEXT);
	else if (el->ns == NS_ITUNES && is(el, "subtitle"))
		capture_start(p, TG_FEED_DESC, 4, CT_TEXT);
	else if (atom && is(el, "author"))
		person_start(p, PERSON_FEED);
}

static void
set_format(struct feed_parser *p, const char *format, const char *version)
{
	free(p->fi.format);
	free(p->fi.version);
	p->fi.format = xstrdup(format);
	p->fi.version = xstrdup_null(version);
}

static int
declares(const struct elem *el, const char *uri)
{
	int i;

	for (i = 0; i < el->nb_namespaces; i++)
		if (el->namespaces[2 * i + 1] && !strcmp((const char *)el->namespaces[2 * i + 1], uri))
			return 1;
	return 0;
}

static void
root_element(struct feed_parser *p, const struct elem *el)
{
	char *v, *lang;

	p->root_seen = 1;
	if (el->ns == NS_RSS && is(el, "rss")) {
		v = attr_dup(el, "version", NULL);
		set_format(p, "rss", v && *v ? v : NULL);
		free(v);
	} else if (el->ns == NS_RDF && is(el, "RDF")) {
		set_format(p, "rss", declares(el, "http://my.netscape.com/rdf/simple/0.9/") ? "0.90" : "1.0");
	} else if ((el->ns == NS_ATOM || el->ns == NS_ATOM03 || el->ns == NS_RSS) &&
		   (is(el, "feed") || is(el, "entry"))) {
		p->is_atom = 1;
		set_format(p, "atom", el->ns == NS_ATOM03 ? "0.3" : el->ns == NS_ATOM ? "1.0" : NULL);
		if (is(el, "feed"))
			p->feed_depth = p->depth;
		lang = attr_dup(el, "lang", XML_NS);
		if (lang)
			set_ranked(&p->fi.language, &p->frank[FSLOT_LANG], 3, lang, 0);
	} else if (el->ns == NS_OTHER && is(el, "feed") && el->uri) {
		/* a <feed> in a namespace nobody knows: read it as Atom 0.3 would be */
		p->is_atom = 1;
		p->atom_uri = xstrdup(el->uri);
		p->feed_depth = p->depth;
		set_format(p, "atom", NULL);
	} else if (el->ns == NS_RSS && is(el, "channel")) {
		set_format(p, "rss", NULL);
	} else {
		p->not_feed = 1;
		snprintf(p->fail_msg, sizeof(p->fail_msg),
			 "not an RSS or Atom feed: the document is <%.100s>", el->name);
		fp_halt(p);
	}
}

void
fp_element_start(struct feed_parser *p, const struct elem *el)
{
	if (p->cap.active) {
		capture_child_start(p, el);
		return;
	}
	if (!p->root_seen) {
		root_element(p, el);
		if (p->not_feed)
			return;
		if (is(el, "entry"))
			item_start(p);
		else if (is(el, "channel"))
			p->feed_depth = p->depth;
		return;
	}
	if (p->person_depth >= 0) {
		person_child(p, el);
	} else if (p->item_depth >= 0) {
		item_child(p, el);
	} else if (core(el) && (is(el, "item") || (is(el, "entry") && atomish(p, el)))) {
		char *about = attr_dup(el, "about", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");

		item_start(p);
		if (about)
			set_ranked(&p->it.id, &p->rank[SLOT_ID], 4, about, 0);
	} else if (core(el) && is(el, "channel") && !p->is_atom) {
		p->feed_depth = p->depth;
	} else if (p->feed_depth >= 0 && p->depth == p->feed_depth + 1) {
		feed_child(p, el);
	}
}

void
fp_element_end(struct feed_parser *p, const char *name)
{
	if (p->cap.active) {
		if (p->depth == p->cap.depth)
			capture_end(p);
		else
			capture_child_end(p, name);
		return;
	}
	if (p->depth == p->person_depth)
		person_end(p);
	else if (p->depth == p->source_depth)
		p->source_depth = -1;
	else if (p->depth == p->item_depth)
		item_end(p);
	else if (p->depth == p->feed_depth && !p->is_atom)
		p->feed_depth = -1;
}

/* ---- lifecycle ------------------------------------------------------------ */

void
fp_state_init(struct feed_parser *p)
{
	p->feed_depth = p->item_depth = p->person_depth = p->source_depth = -1;
	memset(p->frank, RANK_NONE, sizeof(p->frank));
	memset(p->rank, RANK_NONE, sizeof(p->rank));
	p->it.published = p->it.updated = BL_NO_DATE;
}

/* The document ended: keep what an unterminated item already had. */
void
fp_state_finish(struct feed_parser *p)
{
	if (p->not_feed)
		return;
	if (p->cap.active)
		capture_end(p);
	if (p->person_depth >= 0)
		person_end(p);
	if (p->item_depth >= 0)
		item_end(p);
	if (p->root_seen)
		report_feed(p);
}

void
fp_state_free(struct feed_parser *p)
{
	while (p->nframes > 0)
		fp_pop_frame(p);
	free(p->frames);
	free(p->atom_uri);
	item_clear(&p->it);
	free(p->guid);
	buf_free(&p->cap.buf);
	buf_free(&p->pname);
	buf_free(&p->pemail);
	buf_free(&p->source_authors);
	buf_free(&p->feed_authors);
}
