/* RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 structure mapped onto the item model, by namespace URI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/date.h"
#include "byline/mem.h"
#include "byline/url.h"
#include "parse_int.h"
#include "feed_parser_int.h"

#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

static const struct {
	const char *uri;
	enum fp_ns ns;
	const char *prefix;	/* the prefix feeds write it with, for one used undeclared */
} namespaces[] = {
	{ "http://purl.org/rss/1.0/", NS_RSS, NULL },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS, NULL },
	{ "http://channel.netscape.com/rdf/simple/0.9/", NS_RSS, NULL },
	{ "http://backend.userland.com/rss2", NS_RSS, NULL },
	{ "http://backend.userland.com/rss", NS_RSS, NULL },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_RSS, NULL },
	{ "http://www.w3.org/2005/Atom", NS_ATOM, "atom" },
	{ "http://purl.org/atom/ns#", NS_ATOM03, NULL },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT, "content" },
	{ "http://purl.org/dc/elements/1.1/", NS_DC, "dc" },
	{ "http://purl.org/dc/elements/1.0/", NS_DC, NULL },
	{ "http://purl.org/dc/terms/", NS_DCTERMS, "dcterms" },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA, "media" },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES, "itunes" },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF, "rdf" },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML, "xhtml" },
	{ "http://purl.org/rss/1.0/modules/syndication/", NS_SY, "sy" },
};

#define NNAMESPACES (sizeof(namespaces) / sizeof(namespaces[0]))

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s (n bytes) without blanks around, "http://" or "https://", and a trailing slash. */
static const char *
ns_core(const char *s, size_t *n)
{
	while (*n && is_blank(*s))
		s++, (*n)--;
	while (*n && is_blank(s[*n - 1]))
		(*n)--;
	if (*n >= 7 && !strncasecmp(s, "http://", 7))
		s += 7, *n -= 7;
	else if (*n >= 8 && !strncasecmp(s, "https://", 8))
		s += 8, *n -= 8;
	if (*n && s[*n - 1] == '/')
		(*n)--;
	return s;
}

/*
 * uri names the canonical namespace as feeds write it by mistake: with
 * blanks around it, https for http (or the reverse), another letter case,
 * a trailing slash added or left out.
 */
static int
ns_near(const char *uri, size_t un, const char *canon)
{
	size_t cn = strlen(canon);
	const char *c = ns_core(canon, &cn);

	uri = ns_core(uri, &un);
	return un == cn && !strncasecmp(uri, c, cn);
}

enum fp_ns
fp_ns_of(const char *uri, const char **canon)
{
	size_t i, n;

	*canon = NULL;
	if (!uri || !*uri)
		return NS_RSS;	/* RSS 0.9x/2.0 elements have no namespace */
	if (!strncmp(uri, "http://backend.userland.com/rss", 31))
		return NS_RSS;	/* every Userland RSS 2.x namespace */
	for (i = 0; i < NNAMESPACES; i++)
		if (!strcmp(uri, namespaces[i].uri))
			return namespaces[i].ns;
	n = strlen(uri);
	for (i = 0; i < NNAMESPACES; i++)
		if (ns_near(uri, n, namespaces[i].uri)) {
			*canon = namespaces[i].uri;
			return namespaces[i].ns;
		}
	return NS_OTHER;
}

const char *
fp_prefix_uri(const char *prefix, enum fp_ns *ns)
{
	size_t i;

	for (i = 0; prefix && i < NNAMESPACES; i++)
		if (namespaces[i].prefix && !strcmp(prefix, namespaces[i].prefix)) {
			*ns = namespaces[i].ns;
			return namespaces[i].uri;
		}
	*ns = NS_OTHER;
	return NULL;
}

/*
 * An attribute value, copied. libxml2 (which never replaces entities for
 * us) writes "&amp;" in an attribute as "&#38;": undo that.
 */
char *
fp_attr_value(const xmlChar **a)
{
	char *v = xstrndup((const char *)a[3], (size_t)(a[4] - a[3]));
	char *r = v, *w = v;

	if (!strstr(v, "&#38;"))
		return v;
	while (*r) {
		if (!strncmp(r, "&#38;", 5)) {
			*w++ = '&';
			r += 5;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return v;
}

/* The value of attribute `name` (in namespace ns_uri, or none), copied; NULL if absent. */
char *
fp_attr_dup(const struct elem *el, const char *name, const char *ns_uri)
{
	int i;

	for (i = 0; i < el->nattrs; i++) {
		const xmlChar **a = el->attrs + 5 * i;
		const char *auri = (const char *)a[2];
		enum fp_ns ns;

		if (strcmp((const char *)a[0], name))
			continue;
		if (!auri && a[1])	/* rdf:about with no xmlns:rdf */
			auri = fp_prefix_uri((const char *)a[1], &ns);
		if (ns_uri ? (!auri || strcmp(auri, ns_uri)) : auri != NULL)
			continue;
		return fp_attr_value(a);
	}
	return NULL;
}

static int
fp_has_attr(const struct elem *el, const char *name)
{
	char *v = fp_attr_dup(el, name, NULL);

	free(v);
	return v != NULL;
}

/* True when attribute `name` (in no namespace) is `value`, whatever its case. */
static int
fp_attr_is(const struct elem *el, const char *name, const char *value)
{
	char *v = fp_attr_dup(el, name, NULL);
	int is = v && !strcasecmp(v, value);

	free(v);
	return is;
}

/*
 * RSS names are matched whatever their case (<pubdate>, <TITLE>), as
 * feedparser does. name starts with a letter, so first bytes that differ
 * in more than case settle most calls without a string compare.
 */
int
fp_is(const struct elem *el, const char *name)
{
	if ((el->name[0] | 0x20) != (name[0] | 0x20))
		return 0;
	return el->ns == NS_RSS ? !strcasecmp(el->name, name) : !strcmp(el->name, name);
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

const char *
fp_cur_base(const struct feed_parser *p)
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
	const char *parent = fp_cur_base(p);
	char *xb = fp_attr_dup(el, "base", XML_NS);

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

/* ---- links, enclosures, categories from attributes ---------------------- */

static void
atom_link(struct feed_parser *p, const struct elem *el, int in_item)
{
	char *rel = fp_attr_dup(el, "rel", NULL), *href = fp_attr_dup(el, "href", NULL);
	char *type = fp_attr_dup(el, "type", NULL);
	/* a bare <link href> in RSS is one of its links; atom:link there comes after them */
	int rss = !p->is_atom && el->ns == NS_RSS;
	uint8_t rank = (atomish(p, el) && p->is_atom) || rss ? 1 : 2;
	char *url;

	if (!href) {
		/* Atom 0.3 feeds in the wild put the URL in the text */
		if (!rel || !strcasecmp(rel, "alternate"))
			fp_capture_start(p, in_item ? TG_LINK : TG_FEED_LINK, 3, CT_TEXT);
		goto out;
	}
	url = fp_resolve_url(p, href);
	if (!rel || !strcasecmp(rel, "alternate") ||
	    !strcasecmp(rel, "http://www.iana.org/assignments/relation/alternate")) {
		if (type && strcasecmp(type, "text/html") && strcasecmp(type, "application/xhtml+xml"))
			rank++;	/* an alternate of another type only if nothing better */
		if (in_item)
			fp_set_ranked(&p->it.link, &p->rank[SLOT_LINK], rank, url, rss ? FP_LAST : FP_FIRST);
		else
			fp_set_ranked(&p->fi.link, &p->frank[FSLOT_LINK], rank, url, rss ? FP_LAST : FP_FIRST);
	} else if (!strcasecmp(rel, "enclosure") && in_item) {
		char *len = fp_attr_dup(el, "length", NULL);

		fp_add_enclosure(p, url, type, len);
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
	char *url = fp_attr_dup(el, "url", NULL), *len = fp_attr_dup(el, "length", NULL);

	fp_add_enclosure(p, fp_resolve_url(p, url), fp_attr_dup(el, "type", NULL), len);
	free(url);
	free(len);
}

static void
media_element(struct feed_parser *p, const struct elem *el)
{
	char *url, *len;

	if (fp_is(el, "content") || fp_is(el, "thumbnail")) {
		url = fp_attr_dup(el, "url", NULL);
		len = fp_attr_dup(el, "fileSize", NULL);
		fp_add_enclosure(p, fp_resolve_url(p, url), fp_attr_dup(el, "type", NULL), len);
		free(url);
		free(len);
	} else if (fp_is(el, "title")) {
		fp_capture_start(p, TG_TITLE, 5, fp_atom_ctype(el, CT_TEXT));
	} else if (fp_is(el, "description")) {
		fp_capture_start(p, TG_SUMMARY, 7, fp_atom_ctype(el, CT_TEXT));
	} else if (fp_is(el, "category")) {
		fp_capture_start(p, TG_CATEGORY, 1, CT_TEXT);
	} else if (fp_is(el, "keywords")) {
		fp_capture_start(p, TG_KEYWORDS, 1, CT_TEXT);
	} else if (fp_is(el, "player")) {
		url = fp_attr_dup(el, "url", NULL);
		fp_set_ranked(&p->it.link, &p->rank[SLOT_LINK], 9, fp_resolve_url(p, url), 0);
		free(url);
	}
}

static void
atom_category(struct feed_parser *p, const struct elem *el)
{
	char *term = fp_attr_dup(el, "term", NULL);
	struct buf b = { 0 };

	if (!term)
		term = fp_attr_dup(el, "label", NULL);
	if (!term) {
		fp_capture_start(p, TG_CATEGORY, 1, CT_TEXT);	/* Atom 0.3 style text */
		return;
	}
	buf_puts(&b, term);
	free(term);
	fp_add_category(p, fp_finish_single(p, &b));
	buf_free(&b);
}

/* CDF (Microsoft's Channel Definition Format): HREF is the link, LASTMOD the update time. */
static void
cdf_attrs(struct feed_parser *p, const struct elem *el, int in_item)
{
	int i;

	for (i = 0; el->uri == NULL && i < el->nattrs; i++) {
		const xmlChar **a = el->attrs + 5 * i;
		char *v;

		if (a[2] || (strcasecmp((const char *)a[0], "href") && strcasecmp((const char *)a[0], "lastmod")))
			continue;
		v = fp_attr_value(a);
		if (!strcasecmp((const char *)a[0], "lastmod")) {
			if (in_item)
				fp_set_date(p, TG_UPDATED, 4, v);
		} else if (in_item)
			fp_set_ranked(&p->it.link, &p->rank[SLOT_LINK], 4, fp_resolve_url(p, v), 0);
		else
			fp_set_ranked(&p->fi.link, &p->frank[FSLOT_LINK], 4, fp_resolve_url(p, v), 0);
		free(v);
	}
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
	p->duration = -1;
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
		it->link = fp_resolve_url(p, p->guid);
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
	if (fp_is(el, "name"))
		fp_capture_start(p, TG_PERSON_NAME, 1, CT_TEXT);
	else if (fp_is(el, "email"))
		fp_capture_start(p, TG_PERSON_EMAIL, 1, CT_TEXT);
}

static void
append_name(struct buf *list, const char *name)
{
	if (!name || !*name)
		return;
	if (list->len)
		buf_puts(list, ", ");
	buf_puts(list, name);
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
	char *name;

	if (p->pname.len)
		buf_append(&b, p->pname.data, p->pname.len);
	else if (p->pemail.len)
		buf_append(&b, p->pemail.data, p->pemail.len);
	name = fp_person_name(fp_finish_single(p, &b));
	p->person_depth = -1;
	if (p->person_kind == PERSON_FEED)
		append_name(&p->feed_authors, name);
	else if (p->person_kind == PERSON_SOURCE)
		append_name(&p->source_authors, name);
	else if (p->item_depth >= 0)
		fp_set_ranked(&p->it.author, &p->rank[SLOT_AUTHOR], 1, name, FP_JOIN), name = NULL;
	free(name);
	buf_free(&b);
}


static void
item_core_child(struct feed_parser *p, const struct elem *el)
{
	int atom = atomish(p, el);
	uint8_t r = (atom && !p->is_atom) ? 2 : 1;	/* atom:* inside RSS yields to RSS */

	if (fp_is(el, "title"))
		if (atom)
			fp_capture_construct(p, el, TG_TITLE, r);
		else
			fp_capture_start(p, TG_TITLE, r, CT_GUESS);
	else if (fp_is(el, "link") && (atom || fp_has_attr(el, "href")))
		atom_link(p, el, 1);
	else if (fp_is(el, "link"))
		fp_capture_start(p, TG_LINK, 1, CT_TEXT);
	else if (fp_is(el, "guid") || (fp_is(el, "id") && atom)) {
		char *pl = fp_attr_dup(el, "isPermaLink", NULL);

		p->guid_permalink = !(pl && !strcasecmp(pl, "false")) && fp_is(el, "guid");
		free(pl);
		fp_capture_start(p, TG_ID, 1, CT_TEXT);
	} else if (fp_is(el, "description") && !atom)
		fp_capture_start(p, TG_SUMMARY, 1, CT_HTML);
	else if (fp_is(el, "summary") && atom)
		fp_capture_construct(p, el, TG_SUMMARY, r);
	else if (fp_is(el, "content") && atom) {
		char *src = fp_attr_dup(el, "src", NULL);

		fp_capture_construct(p, el, TG_CONTENT, src ? RANK_NONE : r);
		free(src);
	} else if (fp_is(el, "author") && atom)
		person_start(p, PERSON_ITEM);
	else if (fp_is(el, "source") && atom)
		p->source_depth = p->depth;
	else if (fp_is(el, "author"))
		fp_capture_start(p, TG_AUTHOR, 3, CT_GUESS);
	else if (fp_is(el, "pubDate") || (fp_is(el, "published") && atom))
		fp_capture_start(p, TG_PUBLISHED, 1, CT_TEXT);
	else if (fp_is(el, "issued") && atom)
		fp_capture_start(p, TG_PUBLISHED, 2, CT_TEXT);
	else if (fp_is(el, "created") && atom)
		fp_capture_start(p, TG_PUBLISHED, 3, CT_TEXT);
	else if (fp_is(el, "updated") && atom)
		fp_capture_start(p, TG_UPDATED, r, CT_TEXT);
	else if (fp_is(el, "modified") && atom)
		fp_capture_start(p, TG_UPDATED, 2, CT_TEXT);
	else if (fp_is(el, "category") && atom)
		atom_category(p, el);
	else if (fp_is(el, "category"))
		fp_capture_start(p, TG_CATEGORY, 1, CT_GUESS);
	else if (fp_is(el, "enclosure"))
		rss_enclosure(p, el);
	else if (fp_is(el, "body") && !atom)
		fp_capture_start(p, TG_CONTENT, 2, CT_XHTML);	/* XHTML body without its namespace */
	else if (fp_is(el, "fullitem") && !atom)
		fp_capture_start(p, TG_CONTENT, 3, CT_HTML);
	else if (fp_is(el, "abstract") && !atom)
		fp_capture_start(p, TG_SUMMARY, 2, CT_TEXT);	/* CDF */
}

static void
item_module_child(struct feed_parser *p, const struct elem *el)
{
	if (el->ns == NS_CONTENT && fp_is(el, "encoded"))
		fp_capture_start(p, TG_CONTENT, 1, CT_HTML);
	else if (el->ns == NS_XHTML && (fp_is(el, "body") || fp_is(el, "div")))
		fp_capture_start(p, TG_CONTENT, 2, CT_XHTML);	/* its children are the body */
	else if (el->ns == NS_DC && fp_is(el, "title"))
		fp_capture_start(p, TG_TITLE, 3, CT_GUESS);
	else if (el->ns == NS_DC && (fp_is(el, "creator") || fp_is(el, "author")))
		fp_capture_start(p, TG_AUTHOR, 2, CT_GUESS);
	else if (el->ns == NS_DC && fp_is(el, "date"))
		fp_capture_start(p, TG_DC_DATE, 4, CT_TEXT);
	else if (el->ns == NS_DC && fp_is(el, "subject"))
		fp_capture_start(p, TG_CATEGORY, 1, CT_GUESS);
	else if (el->ns == NS_DC && fp_is(el, "description"))
		fp_capture_start(p, TG_SUMMARY, 3, CT_HTML);
	else if (el->ns == NS_DC && fp_is(el, "identifier"))
		fp_capture_start(p, TG_ID, 3, CT_TEXT);
	else if (el->ns == NS_DCTERMS && fp_is(el, "modified"))
		fp_capture_start(p, TG_UPDATED, 3, CT_TEXT);
	else if (el->ns == NS_DCTERMS && fp_is(el, "issued"))
		fp_capture_start(p, TG_PUBLISHED, 5, CT_TEXT);
	else if (el->ns == NS_DCTERMS && fp_is(el, "created"))
		fp_capture_start(p, TG_PUBLISHED, 6, CT_TEXT);
	else if (el->ns == NS_ITUNES && fp_is(el, "author"))
		fp_capture_start(p, TG_AUTHOR, 4, CT_TEXT);
	else if (el->ns == NS_ITUNES && fp_is(el, "summary"))
		fp_capture_start(p, TG_SUMMARY, 5, CT_TEXT);
	else if (el->ns == NS_ITUNES && fp_is(el, "title"))
		fp_capture_start(p, TG_TITLE, 4, CT_TEXT);
	else if (el->ns == NS_ITUNES && fp_is(el, "keywords"))
		fp_capture_start(p, TG_KEYWORDS, 1, CT_TEXT);
	else if (el->ns == NS_ITUNES && fp_is(el, "duration"))
		fp_capture_start(p, TG_DURATION, 1, CT_TEXT);
}

static void
item_child(struct feed_parser *p, const struct elem *el)
{
	if (p->source_depth >= 0) {
		if (p->depth == p->source_depth + 1 && fp_is(el, "author") && atomish(p, el))
			person_start(p, PERSON_SOURCE);
		return;
	}
	if (el->ns == NS_MEDIA) {
		media_element(p, el);	/* at any depth: media:group holds them */
		return;
	}
	if (el->ns == NS_ITUNES && fp_is(el, "category")) {
		fp_add_category(p, fp_attr_dup(el, "text", NULL));	/* subcategories nest */
		return;
	}
	if (p->depth != p->item_depth + 1)
		return;
	if (core(el))
		item_core_child(p, el);
	else
		item_module_child(p, el);
}

/* The feed's image from an attribute (itunes:image href, RSS 1.0 image rdf:resource). */
static void
feed_image_attr(struct feed_parser *p, const struct elem *el, const char *name, uint8_t rank)
{
	char *v = fp_attr_dup(el, name, !strcmp(name, "resource") ? RDF_NS : NULL);

	fp_set_ranked(&p->fi.image, &p->frank[FSLOT_IMAGE], rank, fp_resolve_url(p, v), 0);
	free(v);
}

/* Channel Media RSS: a media:thumbnail, or a media:content that is an image, is the feed's
 * image when the feed names none (ranked after the Atom icon). */
static void
channel_media_image(struct feed_parser *p, const struct elem *el)
{
	char *medium = fp_attr_dup(el, "medium", NULL), *type = fp_attr_dup(el, "type", NULL);

	if (fp_is(el, "thumbnail") || (medium && !strcasecmp(medium, "image")) ||
	    (!medium && type && !strncasecmp(type, "image/", 6)))
		feed_image_attr(p, el, "url", 4);
	free(medium);
	free(type);
}

/* An RSS <image> of the channel (in RSS 1.0, beside it): its <url> is the feed's image. */
static void
rss_image_child(struct feed_parser *p, const struct elem *el)
{
	if (p->depth == p->image_depth + 1 && core(el) && fp_is(el, "url"))
		fp_capture_start(p, TG_FEED_IMAGE, 1, CT_TEXT);
}

static void
feed_child(struct feed_parser *p, const struct elem *el)
{
	int atom = atomish(p, el);

	if (core(el) && fp_is(el, "title"))
		atom ? fp_capture_construct(p, el, TG_FEED_TITLE, 1)
		     : fp_capture_start(p, TG_FEED_TITLE, 1, CT_GUESS);
	else if (core(el) && fp_is(el, "link") && (atom || fp_has_attr(el, "href")))
		atom_link(p, el, 0);
	else if (core(el) && fp_is(el, "link"))
		fp_capture_start(p, TG_FEED_LINK, 1, CT_TEXT);
	else if (core(el) && !atom && fp_is(el, "description"))
		fp_capture_start(p, TG_FEED_DESC, 1, CT_HTML);
	else if (core(el) && !atom && fp_is(el, "abstract"))
		fp_capture_start(p, TG_FEED_DESC, 2, CT_TEXT);	/* CDF */
	else if (atom && (fp_is(el, "subtitle") || fp_is(el, "tagline")))
		fp_capture_construct(p, el, TG_FEED_DESC, 1);
	else if (core(el) && fp_is(el, "language"))
		fp_capture_start(p, TG_FEED_LANG, 1, CT_TEXT);
	else if (el->ns == NS_DC && fp_is(el, "title"))
		fp_capture_start(p, TG_FEED_TITLE, 2, CT_GUESS);
	else if (el->ns == NS_DC && fp_is(el, "description"))
		fp_capture_start(p, TG_FEED_DESC, 2, CT_HTML);
	else if (el->ns == NS_DC && fp_is(el, "language"))
		fp_capture_start(p, TG_FEED_LANG, 2, CT_TEXT);
	else if (el->ns == NS_ITUNES && fp_is(el, "summary"))
		fp_capture_start(p, TG_FEED_DESC, 3, CT_TEXT);
	else if (el->ns == NS_ITUNES && fp_is(el, "subtitle"))
		fp_capture_start(p, TG_FEED_DESC, 4, CT_TEXT);
	else if (atom && fp_is(el, "author"))
		person_start(p, PERSON_FEED);
	else if (atom && (fp_is(el, "logo") || fp_is(el, "icon")))
		fp_capture_start(p, TG_FEED_IMAGE, fp_is(el, "logo") ? 1 : 3, CT_TEXT);
	else if (el->ns == NS_ITUNES && fp_is(el, "image"))	/* url: href written as RSS's <url> */
		feed_image_attr(p, el, fp_has_attr(el, "href") ? "href" : "url", 2);
	else if (el->ns == NS_ITUNES && fp_is(el, "link") && fp_attr_is(el, "rel", "image"))
		feed_image_attr(p, el, "href", 2);	/* the old iTunes form of itunes:image */
	else if (core(el) && !atom && fp_is(el, "ttl"))
		fp_capture_start(p, TG_FEED_TTL, 1, CT_TEXT);
	else if (core(el) && !atom && (fp_is(el, "skipHours") || fp_is(el, "skipDays")))
		p->skip_depth = p->depth;
	else if (el->ns == NS_SY && (fp_is(el, "updatePeriod") || fp_is(el, "updateFrequency")))
		fp_capture_start(p, fp_is(el, "updatePeriod") ? TG_FEED_SY_PERIOD : TG_FEED_SY_FREQ,
				 1, CT_TEXT);
	else if (el->ns == NS_MEDIA && (fp_is(el, "content") || fp_is(el, "thumbnail")))
		channel_media_image(p, el);
	else if ((core(el) && (fp_is(el, "pubDate") || fp_is(el, "lastBuildDate") ||
			       (atom && (fp_is(el, "updated") || fp_is(el, "modified"))))) ||
		 (el->ns == NS_DC && fp_is(el, "date")))
		fp_capture_start(p, TG_FEED_DATE, 1, CT_TEXT);	/* its zone is the feed's */
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
	if (el->ns == NS_RSS && fp_is(el, "rss")) {
		v = fp_attr_dup(el, "version", NULL);
		set_format(p, "rss", v && *v ? v : NULL);
		free(v);
	} else if (el->ns == NS_RDF && fp_is(el, "RDF")) {
		set_format(p, "rss", declares(el, "http://my.netscape.com/rdf/simple/0.9/") ||
				     declares(el, "http://channel.netscape.com/rdf/simple/0.9/") ? "0.90" : "1.0");
	} else if ((el->ns == NS_ATOM || el->ns == NS_ATOM03 || el->ns == NS_RSS) &&
		   (fp_is(el, "feed") || fp_is(el, "entry"))) {
		p->is_atom = 1;
		set_format(p, "atom", el->ns == NS_ATOM03 ? "0.3" : el->ns == NS_ATOM ? "1.0" : NULL);
		if (fp_is(el, "feed"))
			p->feed_depth = p->depth;
		lang = fp_attr_dup(el, "lang", XML_NS);
		if (lang)
			fp_set_language(p, 3, lang);
	} else if (el->ns == NS_OTHER && fp_is(el, "feed") && el->uri) {
		/* a <feed> in a namespace nobody knows: read it as Atom 0.3 would be */
		p->is_atom = 1;
		p->atom_uri = xstrdup(el->uri);
		p->feed_depth = p->depth;
		set_format(p, "atom", NULL);
	} else if (el->ns == NS_RSS && fp_is(el, "channel")) {
		/* a bare channel is RSS 0.9x gone astray, or CDF (which writes CHANNEL HREF=) */
		set_format(p, !strcmp(el->name, "CHANNEL") ? "cdf" : "rss", NULL);
	} else {
		p->not_feed = 1;
		snprintf(p->fail_msg, sizeof(p->fail_msg),
			 "not a feed I can read: the root element is <%.100s>%s%.100s", el->name,
			 el->uri ? " in namespace " : "", el->uri ? el->uri : "");
		fp_halt(p);
	}
	if (!p->not_feed)
		snprintf(p->root_desc, sizeof(p->root_desc), "<%.100s>%s%.100s", el->name,
			 el->uri ? " in namespace " : "", el->uri ? el->uri : "");
}

void
fp_element_start(struct feed_parser *p, const struct elem *el)
{
	if (p->cap.active) {
		fp_capture_child_start(p, el);
		return;
	}
	if (!p->root_seen) {
		root_element(p, el);
		if (p->not_feed)
			return;
		if (fp_is(el, "entry"))
			item_start(p);
		else if (fp_is(el, "channel"))
			p->feed_depth = p->depth, cdf_attrs(p, el, 0);
		return;
	}
	if (p->person_depth >= 0) {
		person_child(p, el);
	} else if (p->item_depth >= 0) {
		item_child(p, el);
	} else if (core(el) && (fp_is(el, "item") || (fp_is(el, "entry") && atomish(p, el)))) {
		char *about = fp_attr_dup(el, "about", RDF_NS);

		item_start(p);
		if (about)
			fp_set_ranked(&p->it.id, &p->rank[SLOT_ID], 4, about, 0);
		cdf_attrs(p, el, 1);
	} else if (core(el) && fp_is(el, "channel") && !p->is_atom) {
		p->feed_depth = p->depth;
		cdf_attrs(p, el, 0);
	} else if (p->image_depth >= 0) {
		rss_image_child(p, el);
	} else if (core(el) && fp_is(el, "image") && !p->is_atom) {
		p->image_depth = p->depth;
		feed_image_attr(p, el, "resource", 2);
	} else if (p->skip_depth >= 0) {
		if (p->depth == p->skip_depth + 1 && core(el) && (fp_is(el, "hour") || fp_is(el, "day")))
			fp_capture_start(p, fp_is(el, "hour") ? TG_FEED_SKIP_HOUR : TG_FEED_SKIP_DAY,
					 1, CT_TEXT);
	} else if (p->feed_depth >= 0 && p->depth == p->feed_depth + 1) {
		feed_child(p, el);
	}
}

void
fp_element_end(struct feed_parser *p, const char *name)
{
	if (p->cap.active) {
		if (p->depth == p->cap.depth)
			fp_capture_end(p);
		else
			fp_capture_child_end(p, name);
		return;
	}
	if (p->depth == p->person_depth)
		person_end(p);
	else if (p->depth == p->source_depth)
		p->source_depth = -1;
	else if (p->depth == p->item_depth)
		item_end(p);
	else if (p->depth == p->image_depth)
		p->image_depth = -1;
	else if (p->depth == p->skip_depth)
		p->skip_depth = -1;
	else if (p->depth == p->feed_depth && !p->is_atom)
		p->feed_depth = -1;
}

/* ---- lifecycle ------------------------------------------------------------ */

void
fp_state_init(struct feed_parser *p)
{
	p->feed_depth = p->item_depth = p->person_depth = p->source_depth = p->image_depth =
		p->skip_depth = -1;
	p->zone = DATE_NO_ZONE;
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
		fp_capture_end(p);
	if (p->person_depth >= 0)
		person_end(p);
	if (p->item_depth >= 0)
		item_end(p);
	if (p->root_seen && p->nitems == 0 && !p->fi.title) {
		/* an empty success would hide a format we do not read */
		p->not_feed = 1;
		if (!p->root_desc[0])	/* JSON: no root element to name */
			snprintf(p->fail_msg, sizeof(p->fail_msg),
				 "not a feed I can read: a JSON Feed with no title and no item");
		else
			snprintf(p->fail_msg, sizeof(p->fail_msg),
				 "not a feed I can read: the root element is %.200s, but it holds no "
				 "channel title and no item", p->root_desc);
		return;
	}
	if (p->root_seen)
		report_feed(p);
}

void
fp_item_open(struct feed_parser *p)
{
	item_start(p);
}

void
fp_item_close(struct feed_parser *p)
{
	item_end(p);
}

void
fp_state_free(struct feed_parser *p)
{
	size_t i;

	while (p->nframes > 0)
		fp_pop_frame(p);
	free(p->frames);
	free(p->atom_uri);
	for (i = 0; i < sizeof(p->ns_seen) / sizeof(p->ns_seen[0]); i++)
		free(p->ns_seen[i].uri);
	item_clear(&p->it);
	free(p->guid);
	buf_free(&p->cap.buf);
	buf_free(&p->pname);
	buf_free(&p->pemail);
	buf_free(&p->source_authors);
	buf_free(&p->feed_authors);
}
