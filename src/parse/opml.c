/* OPML: a safe streaming reader (SAX, no entities, no DTD, no network) and the OPML 2.0 writer. */
#define _GNU_SOURCE	/* memmem, strcasestr */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "byline/mem.h"
#include "byline/opml.h"
#include "byline/text.h"
#include "byline/url.h"
#include "sax_setup_int.h"

#define OPML_MAX_BYTES (16 << 20)
#define OPML_MAX_FEEDS 20000
#define OPML_MAX_DEPTH 64	/* nested folders */

struct opml_reader {
	const char *path;
	xmlParserCtxtPtr ctxt;
	struct opml *out;
	char *folders[OPML_MAX_DEPTH];	/* tag of each open outline, NULL if none */
	int depth;			/* open outline elements */
	bool too_many;
};

/* The attribute `name` (case-insensitive) as a new, decoded string, or NULL. */
static char *
attr_get(const xmlChar **attrs, int nattrs, const char *name)
{
	struct buf b = {0};
	const char *v, *end, *amp;
	int i;

	for (i = 0; i < nattrs; i++) {
		if (strcasecmp((const char *)attrs[i * 5], name))
			continue;
		v = (const char *)attrs[i * 5 + 3];
		end = (const char *)attrs[i * 5 + 4];
		/* Without entity substitution libxml2 hands '&' back as "&#38;". */
		while ((amp = memmem(v, (size_t)(end - v), "&#38;", 5))) {
			buf_append(&b, v, (size_t)(amp - v));
			buf_putc(&b, '&');
			v = amp + 5;
		}
		buf_append(&b, v, (size_t)(end - v));
		return buf_steal(&b);
	}
	return NULL;
}

/* Cleans a title or folder name to one trimmed line; NULL when empty. */
static char *
clean_field(const char *s)
{
	struct buf b = {0};
	size_t start = 0;

	if (!s)
		return NULL;
	text_clean_message_append(&b, s, strlen(s));
	while (b.len && b.data[b.len - 1] == ' ')
		buf_truncate(&b, b.len - 1);
	while (start < b.len && b.data[start] == ' ')
		start++;
	if (start == b.len) {
		buf_free(&b);
		return NULL;
	}
	if (start)
		memmove(b.data, b.data + start, b.len - start + 1), b.len -= start;
	return buf_steal(&b);
}

static void
warn(struct opml_reader *r, const char *what, const char *why)
{
	struct opml *o = r->out;

	o->warnings = xreallocarray(o->warnings, o->nwarnings + 1, sizeof(char *));
	o->warnings[o->nwarnings++] = xasprintf("%s:%d: skipped %s: %s", r->path,
						xmlSAX2GetLineNumber(r->ctxt), what, why);
}

static struct config_feed *
feed_find(struct opml *o, const char *url)
{
	size_t i;

	for (i = 0; i < o->nfeeds; i++)
		if (!strcmp(o->feeds[i].url, url))
			return &o->feeds[i];
	return NULL;
}

static void
feed_add_tag(struct config_feed *f, const char *tag)
{
	size_t i;

	for (i = 0; i < f->ntags; i++)
		if (!strcmp(f->tags[i], tag))
			return;
	f->tags = xreallocarray(f->tags, f->ntags + 1, sizeof(char *));
	f->tags[f->ntags++] = xstrdup(tag);
}

/* s is as text_clean_message_append leaves it: valid UTF-8, no control or bidi character. */
static bool
line_is_clean(const char *s)
{
	struct buf b = {0};
	bool same;

	text_clean_message_append(&b, s, strlen(s));
	same = !strcmp(buf_cstr(&b), s);
	buf_free(&b);
	return same;
}

/* Why an outline cannot become a feed, or NULL. */
static const char *
feed_problem(const char *url, const xmlChar **attrs, int nattrs)
{
	int i;

	if (!strncasecmp(url, "exec:", 5) || !strncasecmp(url, "filter:", 7) ||
	    !strncasecmp(url, "query:", 6))
		return "it asks to run a command or a query (byline never runs commands from OPML)";
	for (i = 0; i < nattrs; i++)
		if (strcasestr((const char *)attrs[i * 5], "cmd") ||
		    !strcasecmp((const char *)attrs[i * 5], "command"))
			return "it carries a command to run (byline never runs commands from OPML)";
	if (!line_is_clean(url))
		return "the URL holds a control character or is not valid UTF-8";
	return url_feed_problem(url, false);
}

static void
add_feed(struct opml_reader *r, char *url, const xmlChar **attrs, int nattrs)
{
	struct config_feed *f = feed_find(r->out, url);
	char *title = NULL, *text;
	int i;

	if (!f) {
		if (r->out->nfeeds >= OPML_MAX_FEEDS) {
			r->too_many = true;
			xmlStopParser(r->ctxt);
			free(url);
			return;
		}
		text = attr_get(attrs, nattrs, "title");
		title = clean_field(text);
		free(text);
		text = attr_get(attrs, nattrs, "text");
		if (!title && text && strcmp(text, url))
			title = clean_field(text);
		free(text);
		r->out->feeds = xreallocarray(r->out->feeds, r->out->nfeeds + 1,
					      sizeof(*r->out->feeds));
		f = &r->out->feeds[r->out->nfeeds++];
		*f = (struct config_feed){ .url = url, .title = title,
					   .line = xmlSAX2GetLineNumber(r->ctxt) };
	} else
		free(url);
	for (i = 0; i < r->depth && i < OPML_MAX_DEPTH; i++)
		if (r->folders[i])
			feed_add_tag(f, r->folders[i]);
}

static void
on_start(void *ud, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
	 const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	struct opml_reader *r = ud;
	struct buf shown = {0};
	char *url, *label, *why_url;
	const char *why;

	if (strcmp((const char *)name, "outline"))
		return;
	url = attr_get(attrs, nattrs, "xmlUrl");
	if (r->depth < OPML_MAX_DEPTH)
		r->folders[r->depth] = NULL;
	if (!url) {
		label = attr_get(attrs, nattrs, "title");
		if (!label || !*label) {
			free(label);
			label = attr_get(attrs, nattrs, "text");
		}
		if (r->depth < OPML_MAX_DEPTH)
			r->folders[r->depth] = clean_field(label);
		free(label);
		r->depth++;
		return;
	}
	r->depth++;
	if ((why = feed_problem(url, attrs, nattrs))) {
		/* the URL goes to the terminal in the warning: cleaned, like titles */
		text_clean_message_append(&shown, url, strnlen(url, 200));
		why_url = xasprintf("feed '%s'", buf_cstr(&shown));
		buf_free(&shown);
		warn(r, why_url, why);
		free(why_url);
		free(url);
		return;
	}
	add_feed(r, url, attrs, nattrs);
}

static void
on_end(void *ud, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	struct opml_reader *r = ud;

	if (strcmp((const char *)name, "outline") || r->depth == 0)
		return;
	r->depth--;
	if (r->depth < OPML_MAX_DEPTH) {
		free(r->folders[r->depth]);
		r->folders[r->depth] = NULL;
	}
}

static void
on_error(void *ud, xmlErrorPtr e)
{
}

/* Only the five predefined entities exist: no DTD is loaded, no declared entity expanded. */
static void
sax_init(xmlSAXHandler *sax)
{
	sax_hardened_init(sax);
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->serror = on_error;
}

void
opml_free(struct opml **op)
{
	struct opml *o = op ? *op : NULL;
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->nfeeds; i++)
		config_feed_clear(&o->feeds[i]);
	free(o->feeds);
	for (i = 0; i < o->nwarnings; i++)
		free(o->warnings[i]);
	free(o->warnings);
	free(o);
	*op = NULL;
}

/* Streams the file into the parser; returns BL_ERR with a message on any failure. */
static enum bl_status
feed_parser(struct opml_reader *r, int fd, struct bl_err *err)
{
	char chunk[65536];
	ssize_t n;
	size_t total = 0;

	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		total += (size_t)n;
		if (total > OPML_MAX_BYTES)
			return bl_err_set(err, "%s: too large for an OPML file (the limit is 16 MiB)",
					  r->path);
		if (xmlParseChunk(r->ctxt, chunk, (int)n, 0) || r->too_many)
			break;
	}
	if (n < 0)
		return bl_err_set(err, "%s: cannot read: %s", r->path, strerror(errno));
	if (!r->too_many)
		xmlParseChunk(r->ctxt, NULL, 0, 1);
	if (r->too_many)
		return bl_err_set(err, "%s: more than %d feeds; split the file", r->path,
				  OPML_MAX_FEEDS);
	if (!r->ctxt->wellFormed) {
		xmlErrorPtr e = xmlCtxtGetLastError(r->ctxt);
		struct buf msg = {0};
		if (e && e->message)
			text_clean_message_append(&msg, e->message, strlen(e->message));
		while (msg.len && msg.data[msg.len - 1] == ' ')
			buf_truncate(&msg, msg.len - 1);
		bl_err_set(err, "%s:%d: not well-formed XML (%s); is this an OPML file?", r->path,
			   e ? e->line : 0, msg.len ? buf_cstr(&msg) : "unknown error");
		buf_free(&msg);
		return BL_ERR;
	}
	return BL_OK;
}

static int
open_regular(const char *path, struct bl_err *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		bl_err_set(err, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		bl_err_set(err, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	return fd;
}

struct opml *
opml_read(const char *path, struct bl_err *err)
{
	struct opml_reader r = { .path = path };
	xmlSAXHandler sax;
	enum bl_status st = BL_ERR;
	int fd, i;

	if ((fd = open_regular(path, err)) < 0)
		return NULL;
	sax_init(&sax);
	r.out = xcalloc(1, sizeof(*r.out));
	r.ctxt = sax_hardened_ctxt(&sax, &r, path, 0);
	if (!r.ctxt) {
		bl_err_set(err, "%s: cannot start the XML parser", path);
		goto out;
	}
	st = feed_parser(&r, fd, err);
	if (!st && !r.out->nfeeds && !r.out->nwarnings)
		st = bl_err_set(err, "%s: no feeds found (no <outline> with an xmlUrl)", path);
out:
	for (i = 0; i < r.depth && i < OPML_MAX_DEPTH; i++)
		free(r.folders[i]);
	sax_hardened_free(&r.ctxt);
	close(fd);
	if (st)
		opml_free(&r.out);
	return r.out;
}

/* Appends s escaped for an XML attribute value. */
static void
put_attr(struct buf *b, const char *name, const char *s)
{
	buf_printf(b, " %s=\"", name);
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default:
			if ((unsigned char)*s < 0x20)
				buf_printf(b, "&#%d;", *s);
			else
				buf_putc(b, *s);
		}
	}
	buf_putc(b, '"');
}

static void
put_feed(struct buf *b, const struct config_feed *f, const char *indent)
{
	buf_printf(b, "%s<outline type=\"rss\"", indent);
	put_attr(b, "text", f->title ? f->title : f->url);
	if (f->title)
		put_attr(b, "title", f->title);
	put_attr(b, "xmlUrl", f->url);
	buf_puts(b, "/>\n");
}

static bool
has_tag(const struct config_feed *f, const char *tag)
{
	size_t i;

	for (i = 0; i < f->ntags; i++)
		if (!strcmp(f->tags[i], tag))
			return true;
	return false;
}

/* Is this tag's folder already written: by an earlier feed, or earlier in f's own tags? */
static bool
folder_written(const struct config *cfg, size_t fi, size_t tj)
{
	const char *tag = cfg->feeds[fi].tags[tj];
	size_t i;

	for (i = 0; i < fi; i++)
		if (has_tag(&cfg->feeds[i], tag))
			return true;
	for (i = 0; i < tj; i++)
		if (!strcmp(cfg->feeds[fi].tags[i], tag))
			return true;
	return false;
}

static void
put_folder(struct buf *b, const struct config *cfg, const char *tag)
{
	size_t i;

	buf_puts(b, "    <outline");
	put_attr(b, "text", tag);
	put_attr(b, "title", tag);
	buf_puts(b, ">\n");
	for (i = 0; i < cfg->nfeeds; i++)
		if (has_tag(&cfg->feeds[i], tag))
			put_feed(b, &cfg->feeds[i], "      ");
	buf_puts(b, "    </outline>\n");
}

void
opml_write(struct buf *b, const struct config *cfg)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	size_t i, j;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n"
		      "  <head>\n    <title>byline subscriptions</title>\n"
		      "    <dateCreated>%s</dateCreated>\n  </head>\n  <body>\n", date);
	for (i = 0; i < cfg->nfeeds; i++) {
		const struct config_feed *f = &cfg->feeds[i];
		if (!f->ntags)
			put_feed(b, f, "    ");
		for (j = 0; j < f->ntags; j++)
			if (!folder_written(cfg, i, j))
				put_folder(b, cfg, f->tags[j]);
	}
	buf_puts(b, "  </body>\n</opml>\n");
}
