/* Streaming feed parser: RSS/Atom through libxml2's SAX2 push parser, hardened; JSON Feed handed to json_feed.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/hash.h>

#include "byline/mem.h"
#include "byline/parse.h"
#include "byline/url.h"
#include "json_feed_int.h"
#include "parse_int.h"
#include "feed_parser_int.h"
#include "sax_setup_int.h"

/* ---- warnings ---------------------------------------------------------- */

void
fp_warn(struct feed_parser *p, const char *fmt, ...)
{
	char msg[512];
	int n = 0;
	va_list ap;

	if (p->nwarn > PARSE_MAX_WARNINGS)
		return;
	if (p->nwarn++ == PARSE_MAX_WARNINGS) {
		if (p->cb.on_warning)
			p->cb.on_warning(p->ud, "too many problems; the rest are not listed");
		return;
	}
	if (p->json)
		n = json_feed_where(p->json, msg, sizeof(msg));
	else if (p->ctxt)
		n = snprintf(msg, sizeof(msg), "line %d: ", xmlSAX2GetLineNumber(p->ctxt));
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	if (p->cb.on_warning)
		p->cb.on_warning(p->ud, msg);
}

/* Encoding problems are found before libxml2 counts lines: no line number. */
static void
transcode_warning(void *ud, const char *msg)
{
	struct feed_parser *p = ud;

	if (p->nwarn++ < PARSE_MAX_WARNINGS && p->cb.on_warning)
		p->cb.on_warning(p->ud, msg);
}

/* libxml2's own errors and warnings, reworded where its words mislead. */
static void
xml_error(void *ud, xmlErrorPtr e)
{
	struct feed_parser *p = ud;
	char msg[300];
	size_t n;

	if (!e || p->nwarn > PARSE_MAX_WARNINGS)
		return;
	if (e->code == XML_NS_ERR_UNDEFINED_NAMESPACE)
		return;	/* undeclared_prefix says it, in words that tell what was read */
	if ((e->code == XML_ERR_UNDECLARED_ENTITY || e->code == XML_WAR_UNDECLARED_ENTITY) && e->str1)
		snprintf(msg, sizeof(msg), "undefined entity &%s;", e->str1);
	else if (e->message && strstr(e->message, "Excessive depth"))
		snprintf(msg, sizeof(msg), "elements nested too deep; the rest of the document is ignored");
	else
		snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "XML error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	p->nwarn++;
	if (p->nwarn > PARSE_MAX_WARNINGS) {
		if (p->cb.on_warning)
			p->cb.on_warning(p->ud, "too many problems; the rest are not listed");
		return;
	}
	{
		char line[400];

		snprintf(line, sizeof(line), "line %d: %s", e->line, msg);
		if (p->cb.on_warning)
			p->cb.on_warning(p->ud, line);
	}
}

/* ---- entities: never expand DTD entities, decode HTML ones ------------- */

static void
free_entity(void *payload, const xmlChar *name)
{
	xmlEntityPtr e = payload;

	xmlFree((xmlChar *)e->name);
	xmlFree(e->content);
	xmlFree(e->orig);
	xmlFree(e);
}

/*
 * Only the five XML entities and the HTML table exist. They are returned
 * as predefined entities, so libxml2 inlines their text and never parses
 * or expands anything a document declared (XXE, billion laughs).
 */
static xmlEntityPtr
sax_get_entity(void *ud, const xmlChar *name)
{
	struct feed_parser *p = ud;
	xmlEntityPtr e;
	const char *val;
	char utf[8], lit[64];

	/*
	 * Inside the DTD libxml2 asks only to hang the declared value on what
	 * we return (and would keep it there): nothing declared exists.
	 */
	if (p->ctxt && p->ctxt->inSubset)
		return NULL;
	if ((e = xmlGetPredefinedEntity(name)))
		return e;
	if (p->ents && (e = xmlHashLookup(p->ents, name)))
		return e;
	if (!(val = entity_lookup((const char *)name, utf))) {
		/* unknown: keep "&name;" as text rather than lose it */
		fp_warn(p, "undefined entity &%s; kept as text", (const char *)name);
		snprintf(lit, sizeof(lit), "&%.60s;", (const char *)name);
		val = lit;
	}
	if (!p->ents)
		p->ents = xmlHashCreate(64);
	e = xmlMalloc(sizeof(*e));
	if (!e)
		return NULL;
	memset(e, 0, sizeof(*e));
	e->type = XML_ENTITY_DECL;
	e->etype = XML_INTERNAL_PREDEFINED_ENTITY;
	e->name = xmlStrdup(name);
	e->content = xmlStrdup((const xmlChar *)val);
	e->length = (int)strlen(val);
	if (xmlHashAddEntry(p->ents, name, e) != 0) {
		free_entity(e, name);
		return NULL;
	}
	return e;
}

static void
sax_entity_decl(void *ud, const xmlChar *name, int type, const xmlChar *public_id,
		const xmlChar *system_id, xmlChar *content)
{
	struct feed_parser *p = ud;

	if (!p->warned_dtd_entity) {
		p->warned_dtd_entity = 1;
		fp_warn(p, "entity &%s; declared in the document is ignored", (const char *)name);
	}
}

/* ---- SAX callbacks ----------------------------------------------------- */

/* Warns once per document per namespace about a URI read as the one it stands for. */
static void
warn_near_ns(struct feed_parser *p, enum fp_ns ns, const char *uri, const char *canon)
{
	if (p->warned_ns & (1u << ns))
		return;
	p->warned_ns |= 1u << ns;
	fp_warn(p, "namespace '%.100s' read as '%s' (it differs only in blanks, http/https, "
		   "letter case or a trailing slash)", uri, canon);
}

/* fp_ns_of, remembering the last few namespaces: a feed uses only a handful. */
static enum fp_ns
ns_lookup(struct feed_parser *p, const char *uri)
{
	const size_t n = sizeof(p->ns_seen) / sizeof(p->ns_seen[0]);
	size_t i;
	enum fp_ns ns;
	const char *canon;

	if (!uri || !*uri)
		return fp_ns_of(uri, &canon);
	for (i = 0; i < n; i++)
		if (p->ns_seen[i].uri && !strcmp(p->ns_seen[i].uri, uri))
			return p->ns_seen[i].ns;
	ns = fp_ns_of(uri, &canon);
	if (canon)
		warn_near_ns(p, ns, uri, canon);
	i = p->ns_next++ % n;
	free(p->ns_seen[i].uri);
	p->ns_seen[i].uri = xstrdup(uri);
	p->ns_seen[i].ns = ns;
	return ns;
}

/*
 * An element whose prefix has no xmlns declaration (<content:encoded> in a
 * feed that never declared content): read by what the prefix always means,
 * warned once per namespace; an unknown prefix is no namespace we read
 * (the first one met is warned about).
 */
static void
undeclared_prefix(struct feed_parser *p, struct elem *el, const char *prefix)
{
	el->uri = fp_prefix_uri(prefix, &el->ns);
	if (p->warned_prefix & (1u << el->ns))
		return;
	p->warned_prefix |= 1u << el->ns;
	if (el->uri)
		fp_warn(p, "prefix '%s:' used without its xmlns declaration; read as %s", prefix, el->uri);
	else
		fp_warn(p, "prefix '%.40s:' of <%.40s:%.60s> is not declared; the element is not read",
			prefix, prefix, el->name);
}

static void
sax_start(void *ud, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
	  int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
	  const xmlChar **attrs)
{
	struct feed_parser *p = ud;
	struct elem el = {
		.name = (const char *)localname,
		.ns = ns_lookup(p, (const char *)uri),
		.uri = (const char *)uri,
		.nattrs = nb_attributes,
		.attrs = attrs,
		.nb_namespaces = nb_namespaces,
		.namespaces = namespaces,
	};

	if (p->halted)
		return;
	if (!uri && prefix)
		undeclared_prefix(p, &el, (const char *)prefix);
	if (el.ns == NS_OTHER && p->atom_uri && uri && !strcmp(p->atom_uri, (const char *)uri))
		el.ns = NS_ATOM03;
	if (p->depth >= PARSE_MAX_DEPTH) {
		fp_warn(p, "elements nested more than %d deep; the rest of the document is ignored",
			PARSE_MAX_DEPTH);
		fp_halt(p);
		return;
	}
	fp_push_frame(p, &el);
	fp_element_start(p, &el);
}

static void
sax_end(void *ud, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	struct feed_parser *p = ud;

	if (p->halted || p->depth == 0)
		return;
	fp_element_end(p, (const char *)localname);
	fp_pop_frame(p);
}

static void
sax_characters(void *ud, const xmlChar *ch, int len)
{
	struct feed_parser *p = ud;

	/* libxml2 drops even &amp; once a document is known to be ill-formed */
	if (p->ctxt)
		p->ctxt->wellFormed = 1;
	if (!p->halted && p->cap.active)
		fp_capture_text(p, (const char *)ch, (size_t)len);
}

static void
sax_init(xmlSAXHandler *h)
{
	sax_hardened_init(h);
	h->getEntity = sax_get_entity;	/* the HTML entities too; still nothing declared */
	h->entityDecl = sax_entity_decl;	/* drops the declaration, with a warning */
	h->startElementNs = sax_start;
	h->endElementNs = sax_end;
	h->characters = sax_characters;
	h->cdataBlock = sax_characters;
	h->ignorableWhitespace = sax_characters;
	h->serror = xml_error;
}

/* ---- public API -------------------------------------------------------- */

void
fp_halt(struct feed_parser *p)
{
	p->halted = 1;
	if (p->ctxt)
		xmlStopParser(p->ctxt);
}

struct feed_parser *
feed_parser_new(const char *doc_url, const char *charset, const struct parse_callbacks *cb,
		void *ud)
{
	struct feed_parser *p = xcalloc(1, sizeof(*p));
	p->doc_url = (doc_url && *doc_url) ? xstrdup(doc_url) : NULL;
	if (p->doc_url && !fp_safe_base(p->doc_url)) {
		free(p->doc_url);	/* no relative link resolves to javascript: or file: */
		p->doc_url = NULL;
	}
	if (cb)
		p->cb = *cb;
	p->ud = ud;
	p->tc = transcoder_new(charset, transcode_warning, p);
	p->fixer = entity_fixer_new(transcode_warning, p);
	sax_init(&p->sax);
	p->ctxt = sax_hardened_ctxt(&p->sax, p, p->doc_url,
				    XML_PARSE_RECOVER | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
	if (!p->ctxt) {
		fprintf(stderr, "byline: out of memory creating the XML parser\n");
		abort();
	}
	xmlSwitchEncoding(p->ctxt, XML_CHAR_ENCODING_UTF8);
	fp_state_init(p);
	return p;
}

static enum bl_status
check_failed(struct feed_parser *p, struct bl_err *err)
{
	if (!p->not_feed)
		return BL_OK;
	return bl_err_set(err, "%s", p->fail_msg);
}

/* Hands a piece of fixed text to libxml2; terminate ends the document. */
static void
parse_xml(struct feed_parser *p, const char *s, size_t n, int terminate)
{
	if (!p->halted && (n > 0 || terminate))
		xmlParseChunk(p->ctxt, n ? s : "", (int)n, terminate);
}

/* Fixes the references in a piece of transcoded text and parses it. */
static void
parse_fixed(struct feed_parser *p, const char *s, size_t n, int terminate)
{
	struct pass_out *f = &p->fixed;

	entity_fixer_push(p->fixer, n ? s : "", n, terminate, f);
	/* what was changed or joined first, then the span of text passed through */
	if (f->buf.len > 0)
		parse_xml(p, f->buf.data, f->buf.len, terminate && !f->span_len);
	if (f->span_len > 0 || (terminate && !f->buf.len))
		parse_xml(p, f->span, f->span_len, terminate);
	pass_reset(f);
}

/* Hands the transcoded text to libxml2, references fixed first. */
static void
parse_utf8(struct feed_parser *p, int terminate)
{
	struct pass_out *c = &p->conv;

	if (c->buf.len > 0)
		parse_fixed(p, c->buf.data, c->buf.len, terminate && !c->span_len);
	if (c->span_len > 0 || (terminate && !c->buf.len))
		parse_fixed(p, c->span, c->span_len, terminate);
	pass_reset(c);
}

/* The document's bytes, once XML or JSON is decided. */
static void
push_doc(struct feed_parser *p, const char *buf, size_t len)
{
	/* in bounded pieces, so one huge chunk does not pile up */
	while (len > 0 && !p->halted && !p->not_feed) {
		size_t n = len > 65536 ? 65536 : len;

		if (p->json) {
			json_feed_push(p->json, buf, n);
		} else {
			transcoder_push(p->tc, buf, n, &p->conv);
			if (p->conv.buf.len > 0 || p->conv.span_len > 0)
				parse_utf8(p, 0);
		}
		buf += n;
		len -= n;
	}
}

/*
 * JSON or XML, by content: a document whose first byte past a UTF-8 byte
 * order mark and blanks is '{' or '[' is JSON, anything else XML (which
 * has its own ways with encodings). The leading bytes wait until they
 * decide; past 64 KiB of blanks, or at the end, the document is XML.
 */
static void
sniff(struct feed_parser *p, const char *buf, size_t len, int final)
{
	const char *s, *e;
	size_t bom;

	if (p->lead.len) {	/* bytes that could not decide wait in lead */
		buf_append(&p->lead, buf, len);
		buf = p->lead.data;
		len = p->lead.len;
	}
	s = len ? buf : "";
	e = s + len;
	bom = len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0;
	if (!bom && !final && len < 3 && !memcmp(s, "\xef\xbb\xbf", len))
		goto wait;	/* perhaps the start of a byte order mark */
	for (s += bom; s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'); s++)
		;
	if (s == e && !final && len < 65536)
		goto wait;
	p->sniffed = 1;
	if (s < e && (*s == '{' || *s == '['))
		p->json = json_feed_new(p);
	if (p->json)
		push_doc(p, buf + bom, len - bom);
	else
		push_doc(p, buf, len);
	buf_free(&p->lead);
	return;
wait:
	if (!p->lead.len)
		buf_append(&p->lead, buf, len);
}

enum bl_status
feed_parser_push(struct feed_parser *p, const char *buf, size_t len, struct bl_err *err)
{
	size_t room;

	if (p->not_feed || p->halted || p->finished)
		return check_failed(p, err);
	room = PARSE_MAX_DOC - p->total_in;
	if (len > room) {
		len = room;
		fp_warn(p, "document larger than %u MiB; the rest is ignored", PARSE_MAX_DOC >> 20);
		p->too_big = 1;
	}
	p->total_in += len;
	if (p->sniffed)
		push_doc(p, buf, len);
	else
		sniff(p, buf, len, 0);
	if (p->too_big)
		p->halted = 1;
	return check_failed(p, err);
}

enum bl_status
feed_parser_finish(struct feed_parser *p, struct bl_err *err)
{
	if (p->finished)
		return check_failed(p, err);
	p->finished = 1;
	if (!p->sniffed)
		sniff(p, "", 0, 1);
	if (!p->not_feed && p->json) {
		json_feed_finish(p->json);
		fp_state_finish(p);
	} else if (!p->not_feed) {
		transcoder_finish(p->tc, &p->conv);
		parse_utf8(p, 1);
		fp_state_finish(p);
	}
	if (!p->not_feed && !p->root_seen) {
		p->not_feed = 1;
		snprintf(p->fail_msg, sizeof(p->fail_msg),
			 p->total_in == 0 ? "empty document, not a feed"
					  : "not a feed: no XML element could be read");
	}
	return check_failed(p, err);
}

const struct feed_info *
feed_parser_info(const struct feed_parser *p)
{
	return &p->fi;
}

void
feed_parser_free(struct feed_parser **pp)
{
	struct feed_parser *p = *pp;

	if (!p)
		return;
	fp_state_free(p);
	json_feed_free(&p->json);
	buf_free(&p->lead);
	sax_hardened_free(&p->ctxt);
	if (p->ents)
		xmlHashFree(p->ents, free_entity);
	transcoder_free(&p->tc);
	entity_fixer_free(&p->fixer);
	buf_free(&p->conv.buf);
	buf_free(&p->fixed.buf);
	feed_info_clear(&p->fi);
	free(p->doc_url);
	free(p);
	*pp = NULL;
}
