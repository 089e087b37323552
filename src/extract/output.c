/* The article out: clean HTML (known elements, safe attributes, absolute links) and plain text. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "byline/text.h"
#include "byline/url.h"
#include "extract_int.h"

/* ---- URLs ---- */

static bool
has_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);

	return !strncasecmp(url, scheme, n) && url[n] == ':';
}

char *
ex_safe_url(const char *base, const char *ref)
{
	char *url;

	if (!ref)
		return NULL;
	url = url_resolve(base, ref);
	/* as the renderer: script and inline-data links lead nowhere a reader should go */
	if (url && (!*url || has_scheme(url, "javascript") || has_scheme(url, "vbscript") ||
		    has_scheme(url, "data"))) {
		free(url);
		url = NULL;
	}
	return url;
}

/* The first URL of a srcset ("a.jpg 1x, b.jpg 2x"), or NULL. */
static char *
srcset_first(const char *s)
{
	size_t n;

	while (*s && isspace((unsigned char)*s))
		s++;
	n = strcspn(s, " \t\n,");
	return n ? xstrndup(s, n) : NULL;
}

static bool
looks_like_image(const char *v)
{
	static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", NULL };
	size_t i;

	if (strchr(v, ' ') || strchr(v, '<'))
		return false;
	for (i = 0; exts[i]; i++) {
		const char *p = strcasestr(v, exts[i]);
		char after = p ? p[strlen(exts[i])] : 'x';

		if (p && (after == '\0' || after == '?' || after == '#'))
			return true;
	}
	return false;
}

/* An image's picture: src, unless it is a placeholder, else where lazy loading keeps it. */
static char *
image_source(const xmlNode *img)
{
	static const char *const lazy[] = {
		"data-src", "data-original", "data-lazy-src", "data-url", "data-hi-res-src", NULL,
	};
	const char *src = ex_attr(img, "src"), *v;
	const xmlAttr *a;
	size_t i;

	if (src && *src && strncasecmp(src, "data:", 5))
		return xstrdup(src);
	for (i = 0; lazy[i]; i++)
		if ((v = ex_attr(img, lazy[i])) && *v)
			return xstrdup(v);
	if ((v = ex_attr(img, "data-srcset")) || (v = ex_attr(img, "srcset")))
		return srcset_first(v);
	for (a = img->properties; a; a = a->next)
		if (a->children && a->children->content &&
		    looks_like_image((const char *)a->children->content))
			return xstrdup((const char *)a->children->content);
	return NULL;
}

/* ---- HTML ---- */

struct hw {
	const char *base;
	struct buf *out;
	struct buf tmp;
};

/* Clean text (no controls, no bidi controls), escaped for HTML. */
static void
put_escaped(struct hw *w, const char *s, size_t n, bool attr)
{
	const char *p;

	buf_reset(&w->tmp);
	if (attr)
		text_clean_append(&w->tmp, s, n, TEXT_EMOJI_PASSTHROUGH, true);
	else
		text_clean_append(&w->tmp, s, n, TEXT_EMOJI_PASSTHROUGH, false);
	for (p = buf_cstr(&w->tmp); *p; p++) {
		switch (*p) {
		case '&': buf_puts(w->out, "&amp;"); break;
		case '<': buf_puts(w->out, "&lt;"); break;
		case '>': buf_puts(w->out, "&gt;"); break;
		case '"': buf_puts(w->out, attr ? "&quot;" : "\""); break;
		default: buf_putc(w->out, *p); break;
		}
	}
}

static void
put_attr(struct hw *w, const char *name, const char *value)
{
	if (!value)
		return;
	buf_putc(w->out, ' ');
	buf_puts(w->out, name);
	buf_puts(w->out, "=\"");
	put_escaped(w, value, strlen(value), true);
	buf_putc(w->out, '"');
}

static void
put_url_attr(struct hw *w, const char *name, const char *ref)
{
	char *url = ex_safe_url(w->base, ref);

	put_attr(w, name, url);
	free(url);
}

/* An attribute whose value is a small number (colspan, start ...). */
static void
put_number_attr(struct hw *w, const xmlNode *n, const char *name)
{
	const char *v = ex_attr(n, name);
	char *end;
	long k;

	if (!v)
		return;
	k = strtol(v, &end, 10);
	if (end != v && k > -100000 && k < 100000)
		buf_printf(w->out, " %s=\"%ld\"", name, k);
}

/* lang and dir, when they are what those attributes may hold. */
static void
put_global_attrs(struct hw *w, const xmlNode *n)
{
	const char *lang = ex_attr(n, "lang"), *dir = ex_attr(n, "dir");

	if (lang && *lang && strlen(lang) < 36 &&
	    strspn(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") ==
		    strlen(lang))
		put_attr(w, "lang", lang);
	if (dir && (!strcasecmp(dir, "rtl") || !strcasecmp(dir, "ltr") || !strcasecmp(dir, "auto")))
		put_attr(w, "dir", dir);
}

static void write_children(struct hw *w, const xmlNode *n);

/* The element name written for a known element that is not kept as itself (NULL: its children only). */
static const char *
written_as(enum ex_tag t)
{
	switch (t) {
	case T_ARTICLE: case T_SECTION: case T_MAIN: case T_HEADER: case T_FOOTER: case T_CENTER:
	case T_ADDRESS: case T_DETAILS: case T_SUMMARY: case T_HGROUP: case T_ASIDE: case T_NAV:
	case T_FORM: case T_FIELDSET: case T_LEGEND: case T_DIALOG:
		return "div";
	case T_MENU: case T_DIR:
		return "ul";
	case T_LISTING: case T_PLAINTEXT: case T_XMP:
		return "pre";
	case T_TT:
		return "code";
	case T_STRIKE:
		return "s";
	default:
		return NULL;
	}
}

static void
write_img(struct hw *w, const xmlNode *n)
{
	char *src = image_source(n);
	const char *alt = ex_attr(n, "alt"), *title = ex_attr(n, "title");

	if (src || (alt && *alt)) {
		buf_puts(w->out, "<img");
		put_url_attr(w, "src", src);
		put_attr(w, "alt", alt);
		put_attr(w, "title", title);
		buf_putc(w->out, '>');
	}
	free(src);
}

/* iframe, video, audio: the player's address, nothing of what it holds. */
static void
write_media(struct hw *w, const xmlNode *n, const char *name)
{
	const char *src = ex_attr(n, "src");
	const xmlNode *c;
	char *url;

	for (c = n->children; !src && c; c = c->next)
		if (ex_tag((xmlNode *)c) == T_SOURCE)
			src = ex_attr(c, "src");
	url = ex_safe_url(w->base, src);
	if (url && url_kind(url) == URL_WEB && (strcmp(name, "iframe") || ex_is_video_url(url))) {
		buf_printf(w->out, "<%s", name);
		put_attr(w, "src", url);
		buf_printf(w->out, "></%s>", name);
	}
	free(url);
}

static void
write_attrs(struct hw *w, const xmlNode *n, enum ex_tag t)
{
	put_global_attrs(w, n);
	switch (t) {
	case T_A:
		put_attr(w, "title", ex_attr(n, "title"));
		break;
	case T_ABBR:
		put_attr(w, "title", ex_attr(n, "title"));
		break;
	case T_TD: case T_TH:
		put_number_attr(w, n, "colspan");
		put_number_attr(w, n, "rowspan");
		break;
	case T_OL:
		put_number_attr(w, n, "start");
		break;
	case T_LI:
		put_number_attr(w, n, "value");
		break;
	case T_TIME:
		put_attr(w, "datetime", ex_attr(n, "datetime"));
		break;
	case T_BLOCKQUOTE: case T_Q: case T_DEL: case T_INS:
		put_url_attr(w, "cite", ex_attr(n, "cite"));
		break;
	default:
		break;
	}
}

static void
write_elem(struct hw *w, const xmlNode *n)
{
	enum ex_tag t = ex_tag((xmlNode *)n);
	unsigned f = ex_tag_flags(t);
	const char *name = (const char *)n->name;
	char *href = NULL;

	if (f & DROP || t == T_INPUT || t == T_COL || t == T_COLGROUP || t == T_HEAD)
		return;
	if (t == T_IMG) {
		write_img(w, n);
		return;
	}
	if (t == T_IFRAME || t == T_VIDEO || t == T_AUDIO) {
		write_media(w, n, name);
		return;
	}
	/* unknown elements, spans, fonts, links that lead nowhere: what they hold */
	if ((!(f & OUT) && !(name = written_as(t))) ||
	    (t == T_A && !(href = ex_safe_url(w->base, ex_attr(n, "href"))))) {
		write_children(w, n);
		return;
	}
	buf_putc(w->out, '<');
	buf_puts(w->out, name);
	put_attr(w, "href", href);
	free(href);
	write_attrs(w, n, t);
	buf_putc(w->out, '>');
	if (f & VOID)
		return;
	write_children(w, n);
	buf_puts(w->out, "</");
	buf_puts(w->out, name);
	buf_putc(w->out, '>');
}

static void
write_children(struct hw *w, const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				put_escaped(w, (const char *)c->content, strlen((const char *)c->content), false);
		} else if (c->type == XML_ELEMENT_NODE) {
			write_elem(w, c);
		}
	}
}

void
ex_write_html(const xmlNode *content, const char *base, struct buf *out)
{
	struct hw w = { .base = base, .out = out };

	write_children(&w, content);
	buf_free(&w.tmp);
}

/* ---- plain text ---- */

enum brk { BRK_NONE, BRK_LINE, BRK_BLANK };

struct tw {
	struct buf *out;
	struct buf line;	/* the line being built, whitespace collapsed */
	enum brk pending;	/* what separates the next line from the last */
	bool space;		/* a space is due before the next character */
	int pre;		/* inside pre: text kept as it is */
	int li;			/* inside list items: blocks there are lines, not paragraphs */
	char prefix[16];	/* the list marker of the next line */
	bool cell;		/* a cell was written on the line: the next one is set off */
	struct buf tmp;
};

/* Ends the line being built (if it holds anything) and asks for at least `b` before the next. */
static void
text_break(struct tw *w, enum brk b)
{
	size_t n = w->line.len;

	while (n && w->line.data[n - 1] == ' ')
		n--;
	if (n) {
		if (w->out->len && w->pending == BRK_BLANK)
			buf_putc(w->out, '\n');
		buf_puts(w->out, w->prefix);
		w->prefix[0] = '\0';
		if (memchr(w->line.data, '\t', n))
			text_expand_tabs(w->out, w->line.data, n, 0);
		else
			buf_append(w->out, w->line.data, n);
		buf_putc(w->out, '\n');
		w->pending = BRK_NONE;
	}
	buf_reset(&w->line);
	w->space = false;
	w->cell = false;
	if (b > w->pending)
		w->pending = w->li && b == BRK_BLANK ? BRK_LINE : b;
}

static void
text_chars(struct tw *w, const char *s, size_t n)
{
	size_t i;

	buf_reset(&w->tmp);
	text_clean_append(&w->tmp, s, n, TEXT_EMOJI_PASSTHROUGH, false);
	s = w->tmp.data ? w->tmp.data : "";
	n = w->tmp.len;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (w->pre) {
			if (c == '\n')
				text_break(w, BRK_NONE);
			else
				buf_putc(&w->line, c);
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			w->space = true;
			continue;
		}
		if (w->space && w->line.len)
			buf_putc(&w->line, ' ');
		w->space = false;
		buf_putc(&w->line, c);
	}
}

static void text_children(struct tw *w, xmlNode *n);

/* A list item: a line of its own, after "- " (numbers would be words the page does not have). */
static void
text_list_item(struct tw *w, xmlNode *n)
{
	text_break(w, BRK_LINE);
	snprintf(w->prefix, sizeof w->prefix, "- ");
	w->li++;
	text_children(w, n);
	w->li--;
	text_break(w, BRK_LINE);
}

static void
text_list(struct tw *w, xmlNode *list)
{
	xmlNode *c;

	text_break(w, w->li ? BRK_LINE : BRK_BLANK);
	for (c = list->children; c; c = c->next) {
		if (ex_tag(c) == T_LI)
			text_list_item(w, c);
		else if (c->type == XML_ELEMENT_NODE)
			text_children(w, c);
		else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			text_chars(w, (const char *)c->content, strlen((const char *)c->content));
	}
	text_break(w, w->li ? BRK_LINE : BRK_BLANK);
}

static void
text_elem(struct tw *w, xmlNode *n)
{
	enum ex_tag t = ex_tag(n);

	switch (t) {
	case T_IMG: case T_IFRAME: case T_VIDEO: case T_AUDIO: case T_INPUT:
		return;		/* no text of their own: their alt text is in the HTML */
	case T_BR:
		text_break(w, BRK_NONE);
		return;
	case T_UL: case T_OL: case T_MENU: case T_DIR:
		text_list(w, n);
		return;
	case T_LI:
		text_list_item(w, n);
		return;
	case T_TR:
		text_break(w, BRK_LINE);
		text_children(w, n);
		text_break(w, BRK_LINE);
		return;
	case T_TD: case T_TH:
		if (w->cell && w->line.len)
			buf_puts(&w->line, " | ");
		w->space = false;
		text_children(w, n);
		w->cell = true;
		return;
	case T_PRE: case T_LISTING: case T_PLAINTEXT: case T_XMP:
		text_break(w, BRK_BLANK);
		w->pre++;
		text_children(w, n);
		w->pre--;
		text_break(w, BRK_BLANK);
		return;
	default:
		break;
	}
	if (ex_tag_flags(t) & BLK || t == T_HR) {
		text_break(w, BRK_BLANK);
		text_children(w, n);
		text_break(w, BRK_BLANK);
		return;
	}
	text_children(w, n);
}

static void
text_children(struct tw *w, xmlNode *n)
{
	xmlNode *c;

	for (c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			text_chars(w, (const char *)c->content, strlen((const char *)c->content));
		else if (c->type == XML_ELEMENT_NODE && !ex_has_flag(c, DROP))
			text_elem(w, c);
	}
}

void
ex_write_text(const xmlNode *content, struct buf *out)
{
	struct tw w = { .out = out };

	text_children(&w, (xmlNode *)content);
	text_break(&w, BRK_NONE);
	buf_free(&w.line);
	buf_free(&w.tmp);
}
