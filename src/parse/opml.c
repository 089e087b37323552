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

/*
 * A tag path as byline writes it: components joined by '/', none empty
 * ("/科技//AI/" is "科技/AI"). Appended to b, after a '/' when b holds one.
 */
static void
path_append(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		for (j = i; j < n && s[j] != '/'; j++)
			;
		if (j > i) {
			if (b->len)
				buf_putc(b, '/');
			buf_append(b, s + i, j - i);
		}
		i = j + 1;
	}
}

/* The enclosing folders as one tag path ("科技/AI"), or NULL when there are none. */
static char *
folder_path(const struct opml_reader *r)
{
	struct buf b = {0};
	int i;

	for (i = 0; i < r->depth && i < OPML_MAX_DEPTH; i++)
		if (r->folders[i])
			path_append(&b, r->folders[i], strlen(r->folders[i]));
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* OPML 2.0 category="/科技/AI,/news": more tags of the feed (byline's export writes them). */
static void
add_categories(struct config_feed *f, const xmlChar **attrs, int nattrs)
{
	char *cat = attr_get(attrs, nattrs, "category"), *clean = clean_field(cat);
	struct buf b = {0};
	const char *p, *end;

	for (p = clean; p && *p; p = *end ? end + 1 : end) {
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		buf_reset(&b);
		path_append(&b, p, (size_t)(end - p));
		while (b.len && b.data[b.len - 1] == ' ')
			buf_truncate(&b, b.len - 1);
		if (b.len && b.data[0] != ' ')
			feed_add_tag(f, buf_cstr(&b));
	}
	buf_free(&b);
	free(clean);
	free(cat);
}

static void
add_feed(struct opml_reader *r, char *url, const xmlChar **attrs, int nattrs)
{
	struct config_feed *f = feed_find(r->out, url);
	char *title = NULL, *text, *path;

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
	if ((path = folder_path(r)))
		feed_add_tag(f, path);
	free(path);
	add_categories(f, attrs, nattrs);
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

/* The name a feed goes by: its title= in the config, else the feed's own title, else NULL. */
static const char *
feed_name(const struct config *cfg, const char *const *titles, size_t i)
{
	if (cfg->feeds[i].title)
		return cfg->feeds[i].title;
	return titles && titles[i] && *titles[i] ? titles[i] : NULL;
}

/* A tag that the category attribute cannot carry (its list is comma-separated). */
static bool
tags_fit_category(const struct config_feed *f)
{
	size_t i;

	for (i = 0; i < f->ntags; i++)
		if (strchr(f->tags[i], ','))
			return false;
	return true;
}

static void
put_feed(struct buf *b, const struct config *cfg, const char *const *titles, size_t fi,
	 int depth)
{
	const struct config_feed *f = &cfg->feeds[fi];
	const char *name = feed_name(cfg, titles, fi);
	struct buf cat = {0};
	size_t i;

	buf_printf(b, "%*s<outline type=\"rss\"", 4 + 2 * depth, "");
	put_attr(b, "text", name ? name : f->url);
	if (name)
		put_attr(b, "title", name);
	put_attr(b, "xmlUrl", f->url);
	if (f->ntags > 1 && tags_fit_category(f)) {
		for (i = 0; i < f->ntags; i++)
			buf_printf(&cat, "%s/%s", i ? "," : "", f->tags[i]);
		put_attr(b, "category", buf_cstr(&cat));
		buf_free(&cat);
	}
	buf_puts(b, "/>\n");
}

/* Where a feed is listed: the folder path (normalized, "" at the top). */
struct place {
	size_t feed;
	char *path;
};

/*
 * The folders each feed is listed in, in order: its first tag's, so it is
 * listed once (its other tags go in category=); each of its tags' when one
 * holds a comma, which category= cannot carry.
 */
static struct place *
places_of(const struct config *cfg, size_t *np)
{
	struct place *pl = NULL;
	struct buf b = {0};
	size_t i, k, n, cap = 0;

	*np = 0;
	for (i = 0; i < cfg->nfeeds; i++) {
		const struct config_feed *f = &cfg->feeds[i];

		n = !f->ntags ? 1 : tags_fit_category(f) ? 1 : f->ntags;
		for (k = 0; k < n; k++) {
			if (*np == cap) {
				cap = cap ? 2 * cap : 16;
				pl = xreallocarray(pl, cap, sizeof(*pl));
			}
			buf_reset(&b);
			if (f->ntags)
				path_append(&b, f->tags[k], strlen(f->tags[k]));
			pl[*np].feed = i;
			pl[(*np)++].path = xstrdup(buf_cstr(&b));
		}
	}
	buf_free(&b);
	return pl;
}

/* What of path is below the folder dir (dn bytes; 0: the top), or NULL when it is not in it. */
static const char *
below(const char *path, const char *dir, size_t dn)
{
	if (!dn)
		return path;
	if (strncmp(path, dir, dn) || (path[dn] && path[dn] != '/'))
		return NULL;
	return path[dn] ? path + dn + 1 : path + dn;
}

/*
 * Writes the folder dir (dn bytes of a tag path; 0: the body): in the
 * order of first use, the feeds listed directly in it and its subfolders,
 * nested ("科技/AI" is the outline AI in the outline 科技).
 */
static void
put_level(struct buf *b, const struct config *cfg, const char *const *titles,
	  const struct place *pl, size_t np, const char *dir, size_t dn, int depth)
{
	size_t i, j, n;
	const char *rest, *r2;
	char *name;

	for (i = 0; i < np; i++) {
		if (!(rest = below(pl[i].path, dir, dn)))
			continue;
		if (!*rest) {
			put_feed(b, cfg, titles, pl[i].feed, depth);
			continue;
		}
		n = strcspn(rest, "/");
		for (j = 0; j < i; j++)	/* the subfolder is written where it is first used */
			if ((r2 = below(pl[j].path, dir, dn)) && strcspn(r2, "/") == n &&
			    !strncmp(r2, rest, n))
				break;
		if (j < i)
			continue;
		name = xstrndup(rest, n);
		buf_printf(b, "%*s<outline", 4 + 2 * depth, "");
		put_attr(b, "text", name);
		put_attr(b, "title", name);
		buf_puts(b, ">\n");
		put_level(b, cfg, titles, pl, np, pl[i].path, (size_t)(rest - pl[i].path) + n,
			  depth + 1);
		buf_printf(b, "%*s</outline>\n", 4 + 2 * depth, "");
		free(name);
	}
}

void
opml_write(struct buf *b, const struct config *cfg, const char *const *titles)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	struct place *pl;
	size_t i, np;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n"
		      "  <head>\n    <title>byline subscriptions</title>\n"
		      "    <dateCreated>%s</dateCreated>\n  </head>\n  <body>\n", date);
	pl = places_of(cfg, &np);
	put_level(b, cfg, titles, pl, np, "", 0, 0);
	for (i = 0; i < np; i++)
		free(pl[i].path);
	free(pl);
	buf_puts(b, "  </body>\n</opml>\n");
}

/* ---- newsboat's urls file ---- */

#define URLS_MAX_LINE 65536

struct urls_reader {
	const char *path;
	int line;
	struct opml *out;
};

/* A warning "FILE:LINE: " fmt (arg cleaned in its %s), then tail (may be NULL). */
static void
urls_note(struct urls_reader *r, const char *fmt, const char *arg, const char *tail)
{
	struct opml *o = r->out;
	struct buf shown = {0};
	char *msg;

	text_clean_message_append(&shown, arg, strnlen(arg, 200));
	msg = xasprintf(fmt, buf_cstr(&shown));
	o->warnings = xreallocarray(o->warnings, o->nwarnings + 1, sizeof(char *));
	o->warnings[o->nwarnings++] = xasprintf("%s:%d: %s%s", r->path, r->line, msg,
						tail ? tail : "");
	free(msg);
	buf_free(&shown);
}

/*
 * The next word of a urls line: up to a blank, or "quoted" (\" and \\
 * inside); *p moves past it. NULL at the end of the line; *bad is set on
 * an unclosed quote.
 */
static char *
urls_word(const char **p, bool *bad)
{
	struct buf b = {0};
	const char *s = *p;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s || *s == '#') {	/* a comment may follow the words */
		*p = s + strlen(s);
		return NULL;
	}
	if (*s == '"') {
		for (s++; *s && *s != '"'; s++) {
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			buf_putc(&b, *s);
		}
		if (*s != '"')
			*bad = true;
		else
			s++;
	} else {
		while (*s && *s != ' ' && *s != '\t')
			buf_putc(&b, *s++);
	}
	*p = s;
	return buf_steal(&b);
}

/*
 * The plain URL of a filter: or exec: line (newsboat runs a program on the
 * feed, or instead of fetching it): filter:PROGRAM:URL gives URL; exec:
 * the first http(s) URL among the command's words; NULL when none.
 */
static char *
command_url(const char *spec)
{
	const char *p, *end;

	if (!strncasecmp(spec, "filter:", 7)) {
		p = strchr(spec + 7, ':');
		return p && p[1] ? xstrdup(p + 1) : NULL;
	}
	for (p = spec + 5; (p = strcasestr(p, "http")); p++)
		if (!strncasecmp(p, "http://", 7) || !strncasecmp(p, "https://", 8)) {
			end = p + strcspn(p, " \t'\"");
			return xstrndup(p, (size_t)(end - p));
		}
	return NULL;
}

/* One line: URL, then tags, "quoted tags" and "~the title". */
static void
urls_line(struct urls_reader *r, const char *text)
{
	const char *p = text, *why;
	char *url, *w, *plain;
	bool bad = false;
	struct config_feed *f;

	if (!(url = urls_word(&p, &bad)))
		return;	/* blank or a comment */
	if (!strncasecmp(url, "query:", 6)) {
		urls_note(r, "skipped '%s': a query feed (newsboat's own search), not a feed "
			  "address", url, NULL);
		free(url);
		return;
	}
	if (!strncasecmp(url, "filter:", 7) || !strncasecmp(url, "exec:", 5)) {
		/* exec:"cmd args": the whole line's first word may be quoted */
		plain = command_url(url);
		if (!plain) {
			urls_note(r, "skipped '%s': it runs a command and names no feed address "
				  "(byline never runs commands from an import)", url, NULL);
			free(url);
			return;
		}
		urls_note(r, "'%s': imported as its plain URL, without the command (byline "
			  "never runs commands from an import)", url, NULL);
		free(url);
		url = plain;
	}
	if ((why = !line_is_clean(url) ? "the URL holds a control character or is not valid UTF-8"
				       : url_feed_problem(url, false))) {
		urls_note(r, "skipped '%s': ", url, why);
		free(url);
		return;
	}
	if (!(f = feed_find(r->out, url))) {
		r->out->feeds = xreallocarray(r->out->feeds, r->out->nfeeds + 1,
					      sizeof(*r->out->feeds));
		f = &r->out->feeds[r->out->nfeeds++];
		*f = (struct config_feed){ .url = url, .line = r->line };
	} else {
		free(url);
	}
	while ((w = urls_word(&p, &bad))) {
		char *clean = clean_field(w[0] == '~' ? w + 1 : w);

		if (clean && w[0] == '~' && !f->title)
			f->title = clean, clean = NULL;
		else if (clean && w[0] != '~' && strcmp(w, "!"))	/* "!": hidden in newsboat */
			feed_add_tag(f, clean);
		free(clean);
		free(w);
	}
	if (bad)
		urls_note(r, "a quote is not closed (read to the end of the line): %s", text, NULL);
}

struct opml *
urls_read(const char *path, struct bl_err *err)
{
	struct urls_reader r = { .path = path };
	bool failed = false;
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, total = 0;
	ssize_t n;
	int fd = open_regular(path, err);

	if (fd < 0)
		return NULL;
	if (!(fp = fdopen(fd, "r"))) {
		bl_err_set(err, "%s: cannot read: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	r.out = xcalloc(1, sizeof(*r.out));
	while ((n = getline(&line, &cap, fp)) > 0) {
		r.line++;
		total += (size_t)n;
		if (total > OPML_MAX_BYTES || n > URLS_MAX_LINE || r.out->nfeeds >= OPML_MAX_FEEDS) {
			failed = bl_err_set(err, "%s:%d: %s", path, r.line, n > URLS_MAX_LINE
					    ? "a line longer than 64 KiB: is this a urls file?"
					    : "too large for a urls file (16 MiB, 20,000 feeds); split it");
			break;
		}
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		urls_line(&r, r.line == 1 && !strncmp(line, "\xef\xbb\xbf", 3) ? line + 3 : line);
	}
	if (!failed && ferror(fp))
		failed = bl_err_set(err, "%s: cannot read: %s", path, strerror(errno));
	else if (!failed && !r.out->nfeeds && !r.out->nwarnings)
		failed = bl_err_set(err, "%s: no feeds found (no line starts with a URL)", path);
	free(line);
	fclose(fp);
	if (failed)
		opml_free(&r.out);
	return r.out;
}
