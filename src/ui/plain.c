/* Article bodies as plain text, until the HTML renderer takes over. */
#define _GNU_SOURCE	/* strcasestr */
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "plain.h"

struct plain {
	struct buf out;
	char **links;
	size_t nlinks;
	int in_link;		/* number of the open <a>, 0 = none */
	bool space;		/* a space is pending */
};

static void
put_utf8(struct buf *b, unsigned long c)
{
	char u[4];

	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	if (c < 0x80) {
		buf_putc(b, (char)c);
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3f));
		buf_append(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12), u[1] = (char)(0x80 | (c >> 6 & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		buf_append(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | c >> 18), u[1] = (char)(0x80 | (c >> 12 & 0x3f));
		u[2] = (char)(0x80 | (c >> 6 & 0x3f)), u[3] = (char)(0x80 | (c & 0x3f));
		buf_append(b, u, 4);
	}
}

static const struct {
	const char *name;
	unsigned long cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
	{ "nbsp", 0xa0 }, { "mdash", 0x2014 }, { "ndash", 0x2013 }, { "hellip", 0x2026 },
	{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201c }, { "rdquo", 0x201d },
	{ "copy", 0xa9 }, { NULL, 0 },
};

/* Decodes the entity at p ('&'); returns the bytes consumed (0: not an entity). */
static size_t
entity(const char *p, struct buf *b)
{
	const char *semi = strchr(p, ';');
	size_t len, i;

	if (!semi || semi - p > 12)
		return 0;
	len = (size_t)(semi - p) + 1;
	if (p[1] == '#') {
		char *end;
		unsigned long c = (p[2] == 'x' || p[2] == 'X') ? strtoul(p + 3, &end, 16)
							       : strtoul(p + 2, &end, 10);
		if (end != semi)
			return 0;
		put_utf8(b, c);
		return len;
	}
	for (i = 0; entities[i].name; i++)
		if (strlen(entities[i].name) == len - 2 && !strncmp(p + 1, entities[i].name, len - 2)) {
			put_utf8(b, entities[i].cp);
			return len;
		}
	return 0;
}

static void
newline(struct plain *pl, int n)
{
	size_t have = 0;

	pl->space = false;
	while (have < pl->out.len && pl->out.data[pl->out.len - 1 - have] == '\n')
		have++;
	if (pl->out.len == 0)
		return;
	for (; (int)have < n; have++)
		buf_putc(&pl->out, '\n');
}

/* The value of attribute `name` inside a tag's text [p, end), or NULL. */
static char *
attr_value(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	const char *q;

	for (q = p; q + n < end; q++) {
		if (strncasecmp(q, name, n) || (q > p && !isspace((unsigned char)q[-1])))
			continue;
		const char *v = q + n;
		while (v < end && isspace((unsigned char)*v))
			v++;
		if (v >= end || *v != '=')
			continue;
		v++;
		while (v < end && isspace((unsigned char)*v))
			v++;
		char quote = (*v == '"' || *v == '\'') ? *v++ : 0;
		const char *e = v;
		while (e < end && (quote ? *e != quote : !isspace((unsigned char)*e)))
			e++;
		struct buf b = {0};
		const char *s;
		for (s = v; s < e; s++) {
			size_t k = *s == '&' ? entity(s, &b) : 0;
			if (k)
				s += k - 1;
			else
				buf_putc(&b, *s);
		}
		return buf_steal(&b);
	}
	return NULL;
}

static bool
name_is(const char *name, size_t len, const char *const *set)
{
	for (; *set; set++)
		if (strlen(*set) == len && !strncasecmp(name, *set, len))
			return true;
	return false;
}

static const char *const paragraph_tags[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table",
	"figure", NULL,
};
static const char *const line_tags[] = {
	"br", "div", "li", "tr", "dt", "dd", "figcaption", "hr", "section", "article", NULL,
};
static const char *const skipped_tags[] = { "script", "style", "template", "svg", "math",
					     NULL };

/* Handles the tag at p ('<'); returns where the text goes on. */
static const char *
tag(struct plain *pl, const char *p)
{
	const char *end = strchr(p, '>'), *name;
	bool closing;
	size_t len;

	if (!end)
		return p + strlen(p);
	if (!strncmp(p, "<!--", 4)) {
		const char *c = strstr(p, "-->");
		return c ? c + 3 : p + strlen(p);
	}
	closing = p[1] == '/';
	name = p + 1 + closing;
	for (len = 0; name + len < end && isalnum((unsigned char)name[len]); len++)
		;
	if (!closing && name_is(name, len, skipped_tags)) {
		char close[16];
		snprintf(close, sizeof(close), "</%.*s", (int)len, name);
		const char *c = strcasestr(end, close);
		return c ? (strchr(c, '>') ? strchr(c, '>') + 1 : c + strlen(c)) : p + strlen(p);
	}
	if (name_is(name, len, paragraph_tags))
		newline(pl, 2);
	else if (name_is(name, len, line_tags))
		newline(pl, 1);
	else if (len == 1 && (*name == 'a' || *name == 'A')) {
		if (closing && pl->in_link) {
			buf_printf(&pl->out, "[%d]", pl->in_link);
			pl->in_link = 0;
		} else if (!closing) {
			char *href = attr_value(name + 1, end, "href");
			if (href && *href) {
				pl->links = xreallocarray(pl->links, pl->nlinks + 1, sizeof(char *));
				pl->links[pl->nlinks++] = href;
				pl->in_link = (int)pl->nlinks;
			} else
				free(href);
		}
	}
	return end + 1;
}

char *
plain_from_html(const char *html, char ***links, size_t *nlinks)
{
	struct plain pl = {0};
	const char *p = html ? html : "";

	while (*p) {
		if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!')) {
			p = tag(&pl, p);
			continue;
		}
		if (isspace((unsigned char)*p)) {
			pl.space = pl.out.len > 0 && pl.out.data[pl.out.len - 1] != '\n';
			p++;
			continue;
		}
		if (pl.space)
			buf_putc(&pl.out, ' ');
		pl.space = false;
		size_t k = *p == '&' ? entity(p, &pl.out) : 0;
		if (k)
			p += k;
		else
			buf_putc(&pl.out, *p++);
	}
	while (pl.out.len && pl.out.data[pl.out.len - 1] == '\n')
		buf_truncate(&pl.out, pl.out.len - 1);
	*links = pl.links;
	*nlinks = pl.nlinks;
	return buf_steal(&pl.out);
}
