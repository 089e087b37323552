/* Links, images and embedded media: [N] markers, [img: alt], [video] blocks. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/mem.h"
#include "byline/url.h"
#include "walk_int.h"

/* href without surrounding whitespace and without the tabs and newlines URLs ignore. */
static char *
strip_url(const char *href)
{
	struct buf b = {0};
	size_t n;

	while (*href && isspace((unsigned char)*href))
		href++;
	for (; *href; href++)
		if (*href != '\t' && *href != '\n' && *href != '\r')
			buf_putc(&b, *href);
	n = b.len;
	while (n && isspace((unsigned char)b.data[n - 1]))
		n--;
	buf_truncate(&b, n);
	return buf_steal(&b);
}

static bool
has_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);

	return !strncasecmp(url, scheme, n) && url[n] == ':';
}

/* Resolved URL of a link target worth numbering (owned by the caller), or NULL. */
static char *
walk_link_target(const struct walker *w, const char *href)
{
	char *url, *resolved;

	if (!href)
		return NULL;
	url = strip_url(href);
	if (!*url || *url == '#' || has_scheme(url, "javascript") ||
	    has_scheme(url, "vbscript") || has_scheme(url, "data")) {
		free(url);
		return NULL;
	}
	resolved = url_resolve(w->base, url);
	if (resolved) {
		free(url);
		return resolved;
	}
	return url;
}

static int
number_of(struct walker *w, const char *href)
{
	char *url = walk_link_target(w, href);

	return url ? doc_link_number(layout_doc(w->layout), url) : 0;
}

void
walk_link(struct walker *w, struct hnode *n)
{
	int number = number_of(w, node_attr(n, "href"));
	int saved_link, link;
	unsigned style;

	if (!number) {
		walk_children(w, n);
		return;
	}
	style = layout_style_get(w->layout, &link);
	saved_link = w->link;
	w->link = number;
	layout_style_set(w->layout, style | RS_LINK, number);
	walk_children(w, n);
	layout_style_set(w->layout, style, link);
	w->link = saved_link;
	layout_link_marker(w->layout, number);
}

/* "[kind]" or "[kind: what]" as text of the current block. */
static void
put_label(struct walker *w, const char *kind, const char *what)
{
	struct buf b = {0};

	buf_putc(&b, '[');
	buf_puts(&b, kind);
	if (what) {
		size_t start = b.len + 2;

		buf_puts(&b, ": ");
		buf_puts(&b, what);
		/* alt text of whitespace alone is no alt text */
		if (strspn(b.data + start, " \t\n\r\f") == b.len - start)
			buf_truncate(&b, start - 2);
	}
	buf_putc(&b, ']');
	layout_text(w->layout, b.data, b.len);
	buf_free(&b);
}

static const char *
img_src(const struct hnode *n)
{
	static const char *const lazy[] = { "data-src", "data-original", "data-lazy-src" };
	const char *src = node_attr(n, "src");
	size_t i;

	if (src && *src && strncasecmp(src, "data:", 5))
		return src;
	/* lazy loading: a placeholder in src, the picture elsewhere */
	for (i = 0; i < sizeof lazy / sizeof lazy[0]; i++) {
		const char *alt = node_attr(n, lazy[i]);

		if (alt && *alt)
			return alt;
	}
	return src;
}

void
walk_img(struct walker *w, struct hnode *n)
{
	const char *alt = node_attr(n, "alt");
	int number;

	put_label(w, "img", alt && *alt ? alt : NULL);
	if (w->link)
		return;		/* the enclosing link's number says where it goes */
	number = number_of(w, img_src(n));
	if (number)
		layout_link_marker(w->layout, number);
	walk_children(w, n);	/* nothing in HTML, but libxml2 may nest here */
}

/* The first <source src> below n (libxml2 2.9 nests sources in each other). */
static const char *
first_source(const struct hnode *n)
{
	const struct hnode *c;

	for (c = n->children; c; c = c->next) {
		const char *src;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (node_is(c, HT_SOURCE) && (src = node_attr(c, "src")) && *src)
			return src;
		if ((src = first_source(c)))
			return src;
	}
	return NULL;
}

void
walk_media(struct walker *w, struct hnode *n, const char *name)
{
	const char *src = node_attr(n, "src");
	const char *title = !strcmp(name, "iframe") ? node_attr(n, "title") : NULL;
	int number;

	if ((!src || !*src) && strcmp(name, "iframe") && strcmp(name, "embed"))
		src = first_source(n);
	layout_block_begin(w->layout);
	put_label(w, name, title && *title ? title : NULL);
	number = w->link ? 0 : number_of(w, src);
	if (number)
		layout_link_marker(w->layout, number);
	layout_block_end(w->layout);
	/* fallback content ("your browser does not support ...") is not shown */
}
