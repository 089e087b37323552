/* Feed discovery: a page's address to the feeds it offers (its links, then the usual places), each previewed. */
#include <libxml/HTMLparser.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "byline/discover.h"
#include "byline/fetch.h"
#include "byline/mem.h"
#include "byline/parse.h"
#include "byline/refresh.h"
#include "byline/url.h"

#define DISCOVER_MAX_LINKS 8
#define DISCOVER_PAGE_MAX (8 << 20)

static const char *const usual_places[] = {
	"/feed", "/rss.xml", "/atom.xml", "/index.xml", "/feed.json", NULL,
};

enum phase { PH_PAGE, PH_LINKED, PH_USUAL, PH_DONE };

/* One address fetched: the page, a feed it links, or a usual place. */
struct probe {
	struct discover *d;
	char *url;
	char *label;		/* as said in messages: the URL, or "/feed" */
	char *link_title;	/* the <link>'s title, or NULL */
	struct buf body;
	char *doc_url, *charset;
	enum fetch_outcome outcome;
	long status;
	char *error;
	char *permanent;	/* where every redirect was permanent, or NULL */
};

/* A feed found: the public part and the strings it points to. */
struct found {
	struct discover_feed pub;
	char *url, *title, *format, *first[3];
};

struct discover {
	struct fetcher *f;
	char *url;
	enum phase phase;
	struct probe **probes;
	size_t nprobes, pending, first_of_phase;
	size_t nlinks;		/* feeds the page linked */
	struct found *found;
	size_t nfound;
	char *problem;
};

/* ---- fetching ---- */

static enum bl_status
probe_body(void *ud, const char *buf, size_t len, const char *doc_url, const char *charset,
	   struct bl_err *err)
{
	struct probe *p = ud;

	if (p->body.len + len > DISCOVER_PAGE_MAX)
		return bl_err_set(err, "larger than %d MiB", DISCOVER_PAGE_MAX >> 20);
	if (!p->doc_url && doc_url)
		p->doc_url = xstrdup(doc_url);
	if (!p->charset && charset)
		p->charset = xstrdup(charset);
	buf_append(&p->body, buf, len);
	return BL_OK;
}

static void
probe_done(void *ud, const struct fetch_result *res)
{
	struct probe *p = ud;

	p->outcome = res->outcome;
	p->status = res->status;
	if (res->error)
		p->error = xstrdup(res->error);
	if (res->permanent_url)
		p->permanent = xstrdup(res->permanent_url);
	if (!p->doc_url && res->effective_url)
		p->doc_url = xstrdup(res->effective_url);
	p->d->pending--;
}

static void
probe_add(struct discover *d, const char *url, const char *label, const char *link_title)
{
	static const struct fetch_callbacks cbs = { probe_body, probe_done };
	struct fetch_request req = { .url = url };
	struct probe *p = xcalloc(1, sizeof(*p));
	size_t i;

	for (i = 0; i < d->nprobes; i++)
		if (!strcmp(d->probes[i]->url, url)) {
			free(p);
			return;
		}
	p->d = d;
	p->url = xstrdup(url);
	p->label = xstrdup(label ? label : url);
	p->link_title = link_title ? xstrdup(link_title) : NULL;
	d->probes = xreallocarray(d->probes, d->nprobes + 1, sizeof(*d->probes));
	d->probes[d->nprobes++] = p;
	d->pending++;
	fetcher_add(d->f, &req, &cbs, p);
}

static void
probe_free(struct probe *p)
{
	free(p->url);
	free(p->label);
	free(p->link_title);
	buf_free(&p->body);
	free(p->doc_url);
	free(p->charset);
	free(p->error);
	free(p->permanent);
	free(p);
}

/* ---- reading a feed ---- */


static void
on_item(void *ud, const struct item *it)
{
	struct found *fo = ud;
	int64_t t = it->published != BL_NO_DATE ? it->published : it->updated;

	if (fo->pub.nitems < 3 && it->title)
		fo->first[fo->pub.nitems] = xstrdup(it->title);
	fo->pub.nitems++;
	if (t != BL_NO_DATE && (fo->pub.newest == BL_NO_DATE || t > fo->pub.newest))
		fo->pub.newest = t;
}

static void
found_free(struct found *fo)
{
	free(fo->url);
	free(fo->title);
	free(fo->format);
	for (int i = 0; i < 3; i++)
		free(fo->first[i]);
}

/* Reads p's body as a feed; true (and one more found) when it is one. */
static bool
probe_read_feed(struct discover *d, struct probe *p)
{
	static const struct parse_callbacks cbs = { NULL, on_item, NULL };
	struct found fo = { .pub.newest = BL_NO_DATE };
	struct bl_err err = {0};
	struct feed_parser *fp;
	const struct feed_info *fi;
	bool ok;

	if (p->outcome != FETCH_OK || !p->body.len)
		return false;
	fp = feed_parser_new(p->doc_url ? p->doc_url : p->url, p->charset, &cbs, &fo);
	ok = !feed_parser_push(fp, p->body.data, p->body.len, &err) &&
	     !feed_parser_finish(fp, &err);
	if (ok) {
		fi = feed_parser_info(fp);
		fo.url = xstrdup(p->permanent ? p->permanent : p->url);
		fo.title = fi->title && *fi->title ? xstrdup(fi->title) :
			   p->link_title ? xstrdup(p->link_title) : NULL;
		fo.format = xstrdup(fi->format ? fi->format : "rss");
		d->found = xreallocarray(d->found, d->nfound + 1, sizeof(*d->found));
		d->found[d->nfound++] = fo;
	} else {
		found_free(&fo);
		free(p->error);
		p->error = xstrdup("is not a feed");
	}
	feed_parser_free(&fp);
	return ok;
}

/* ---- the page's links ---- */

static bool
has_token(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *s = list;

	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
			s++;
		if (!strncasecmp(s, word, n) && (!s[n] || strchr(" \t\n\r\f", s[n])))
			return true;
		while (*s && !strchr(" \t\n\r\f", *s))
			s++;
	}
	return false;
}

static bool
feed_type(const char *type)
{
	static const char *const types[] = {
		"application/rss+xml", "application/atom+xml", "application/rdf+xml",
		"application/feed+json", "application/json", "application/x-rss+xml",
		"text/xml", "application/xml", NULL,
	};
	size_t n = strcspn(type, "; \t");
	int i;

	for (i = 0; types[i]; i++)
		if (strlen(types[i]) == n && !strncasecmp(type, types[i], n))
			return true;
	return false;
}

struct links {
	struct discover *d;
	char *base;
};

static const char *
attr(const xmlChar **atts, const char *name)
{
	for (; atts && atts[0]; atts += 2)
		if (!strcasecmp((const char *)atts[0], name))
			return atts[1] ? (const char *)atts[1] : "";
	return NULL;
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct links *l = ((htmlParserCtxtPtr)ctx)->_private;
	const char *rel, *type, *href;
	char *abs;

	href = attr(atts, "href");
	if (!strcasecmp((const char *)name, "base") && href && !l->d->nlinks) {
		abs = url_resolve(l->base, href);
		free(l->base);
		l->base = abs;
		return;
	}
	if (strcasecmp((const char *)name, "link") || !href || !*href)
		return;
	rel = attr(atts, "rel");
	type = attr(atts, "type");
	if (!rel || !type || !(has_token(rel, "alternate") || has_token(rel, "feed")) ||
	    has_token(rel, "stylesheet") || !feed_type(type))
		return;
	if (l->d->nlinks >= DISCOVER_MAX_LINKS || !(abs = url_resolve(l->base, href)))
		return;
	if (!url_feed_problem(abs, false)) {
		l->d->nlinks++;
		probe_add(l->d, abs, NULL, attr(atts, "title"));
	}
	free(abs);
}

/* Fetches the feeds p's HTML links; returns how many. */
static size_t
follow_links(struct discover *d, struct probe *p)
{
	struct links l = { d, xstrdup(p->doc_url ? p->doc_url : p->url) };
	htmlParserCtxtPtr ctxt;

	if (!p->body.len || p->body.len > INT_MAX)
		goto out;
	ctxt = htmlCreateMemoryParserCtxt(p->body.data, (int)p->body.len);
	if (!ctxt)
		goto out;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				 HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	ctxt->_private = &l;
	memset(ctxt->sax, 0, sizeof(*ctxt->sax));
	ctxt->sax->initialized = 1;
	ctxt->sax->startElement = on_start;
	htmlParseDocument(ctxt);
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	htmlFreeParserCtxt(ctxt);
out:
	free(l.base);
	return d->nlinks;
}

static void
try_usual_places(struct discover *d, const char *base)
{
	char *u;
	int i;

	for (i = 0; usual_places[i]; i++) {
		if ((u = url_resolve(base, usual_places[i]))) {
			probe_add(d, u, usual_places[i], NULL);
			free(u);
		}
	}
}

/* ---- what went wrong, in words ---- */

/* Why probe p gave no feed: "answered 404", "is not a feed", the fetcher's words. */
static void
put_reason(struct buf *b, const struct probe *p)
{
	if (p->outcome == FETCH_OK)
		buf_puts(b, p->error ? p->error : "is not a feed");
	else if (p->status >= 300)
		buf_printf(b, "answered %ld", p->status);
	else
		buf_printf(b, "failed (%s)", p->error ? p->error : "no answer");
}

/* "/feed and /rss.xml answered 404, /atom.xml is not a feed" for probes from..n. */
static void
put_reasons(struct buf *b, struct probe **ps, size_t from, size_t n)
{
	struct buf r = {0}, s = {0};
	bool *said = xcalloc(n, sizeof(*said));
	size_t i, j, k, groups = 0;

	for (i = from; i < n; i++) {
		if (said[i])
			continue;
		buf_reset(&r);
		put_reason(&r, ps[i]);
		buf_puts(b, groups++ ? "; " : "");
		for (j = i, k = 0; j < n; j++) {
			buf_reset(&s);
			put_reason(&s, ps[j]);
			if (said[j] || strcmp(buf_cstr(&s), buf_cstr(&r)))
				continue;
			said[j] = true;
			buf_printf(b, "%s%s", k++ ? ", " : "", ps[j]->label);
		}
		buf_printf(b, " %s", buf_cstr(&r));
	}
	free(said);
	buf_free(&r);
	buf_free(&s);
}

static void
say_none(struct discover *d)
{
	struct buf b = {0};
	struct probe *page = d->probes[0];

	if (page->outcome != FETCH_OK) {
		buf_printf(&b, "cannot read %s: ", d->url);
		put_reason(&b, page);
	} else {
		buf_puts(&b, "no feed on this page: ");
		if (!d->nlinks) {
			buf_puts(&b, "it links to none, and ");
		} else {
			buf_printf(&b, "the feed%s it links to: ", d->nlinks == 1 ? "" : "s");
			put_reasons(&b, d->probes, 1, 1 + d->nlinks);
			buf_puts(&b, "; and ");
		}
		put_reasons(&b, d->probes, 1 + d->nlinks, d->nprobes);
	}
	d->problem = buf_steal(&b);
}

/* ---- the run ---- */

static void
next_phase(struct discover *d)
{
	struct probe *page = d->probes[0];
	size_t i;

	for (i = d->first_of_phase; i < d->nprobes; i++)
		probe_read_feed(d, d->probes[i]);
	d->first_of_phase = d->nprobes;
	if (d->nfound || page->outcome != FETCH_OK || d->phase == PH_USUAL) {
		d->phase = PH_DONE;
	} else if (d->phase == PH_PAGE && follow_links(d, page)) {
		d->phase = PH_LINKED;
	} else {
		d->phase = PH_USUAL;
		try_usual_places(d, page->doc_url ? page->doc_url : page->url);
		if (!d->pending)
			d->phase = PH_DONE;
	}
	if (d->phase == PH_DONE && !d->nfound)
		say_none(d);
}

struct discover *
discover_start(const struct config *cfg, const char *url, struct bl_err *err)
{
	const char *why = url_feed_problem(url, true);
	struct discover *d;

	if (why) {
		bl_err_set(err, "cannot read '%s': %s", url, why);
		return NULL;
	}
	d = xcalloc(1, sizeof(*d));
	if (!(d->f = refresh_fetcher_new(cfg, err))) {
		free(d);
		return NULL;
	}
	d->url = xstrdup(url);
	probe_add(d, url, NULL, NULL);
	return d;
}

void
discover_wait(struct discover *d, int extra_fd, int timeout_ms, bool *extra_ready)
{
	if (extra_ready)
		*extra_ready = false;
	if (d->phase != PH_DONE)
		fetcher_wait(d->f, extra_fd, timeout_ms, extra_ready);
}

void
discover_step(struct discover *d)
{
	if (d->phase == PH_DONE)
		return;
	fetcher_step(d->f);
	while (d->phase != PH_DONE && !d->pending)
		next_phase(d);
}

bool
discover_done(const struct discover *d)
{
	return d->phase == PH_DONE;
}

size_t
discover_count(const struct discover *d)
{
	return d->nfound;
}

const struct discover_feed *
discover_get(const struct discover *d, size_t i)
{
	struct found *fo;
	int k;

	if (i >= d->nfound)
		return NULL;
	fo = &d->found[i];
	fo->pub.url = fo->url;
	fo->pub.title = fo->title;
	fo->pub.format = fo->format;
	for (k = 0; k < 3; k++)
		fo->pub.first[k] = fo->first[k];
	return &fo->pub;
}

const char *
discover_problem(const struct discover *d)
{
	return d->problem;
}

struct discover *
discover_run(const struct config *cfg, const char *url, struct bl_err *err)
{
	struct discover *d = discover_start(cfg, url, err);

	while (d && !discover_done(d)) {
		discover_wait(d, -1, 1000, NULL);
		discover_step(d);
	}
	return d;
}

void
discover_free(struct discover **dp)
{
	struct discover *d = dp ? *dp : NULL;
	size_t i;

	if (!d)
		return;
	fetcher_free(&d->f);
	for (i = 0; i < d->nprobes; i++)
		probe_free(d->probes[i]);
	free(d->probes);
	for (i = 0; i < d->nfound; i++)
		found_free(&d->found[i]);
	free(d->found);
	free(d->url);
	free(d->problem);
	free(d);
	*dp = NULL;
}
