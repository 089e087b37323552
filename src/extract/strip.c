/* Before parsing: scripts', styles' and comments' contents cut out of the page's text (half of a page's bytes). */
#define _GNU_SOURCE
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

/* Limits on a tag: libxml2 compares every attribute with every other (quadratic). */
#define MAX_ATTRS 256
#define MAX_VALUE (64u << 10)
/* Contents kept of a raw element (a title, a textarea) and of a JSON-LD script. */
#define MAX_RAW (64u << 10)
#define MAX_JSONLD (2u << 20)

/* The writer of the compacted text: never ahead of the reader (o <= i). */
struct cut {
	char *s;
	size_t n, i, o;
};

static void
keep_bytes(struct cut *c, size_t k)
{
	memmove(c->s + c->o, c->s + c->i, k);
	c->o += k;
	c->i += k;
}

/* k bytes from i, shortened to a UTF-8 character boundary. */
static size_t
utf8_cut(const char *s, size_t i, size_t k)
{
	while (k > 0 && ((unsigned char)s[i + k] & 0xc0) == 0x80)
		k--;
	return k;
}

/* One attribute value (after '='): at most MAX_VALUE bytes of it stay. */
static void
copy_value(struct cut *c, bool keep)
{
	char q = c->i < c->n && (c->s[c->i] == '"' || c->s[c->i] == '\'') ? c->s[c->i] : 0;
	size_t start = c->i + (q ? 1 : 0), e = start, len;

	while (e < c->n && (q ? c->s[e] != q : !isspace((unsigned char)c->s[e]) && c->s[e] != '>'))
		e++;
	if (!keep) {
		c->i = e < c->n && q ? e + 1 : e;
		return;
	}
	if (q)
		keep_bytes(c, 1);
	len = e - start;
	if (len > MAX_VALUE) {
		keep_bytes(c, utf8_cut(c->s, c->i, MAX_VALUE));
		c->i = e;
	} else {
		keep_bytes(c, len);
	}
	if (q && c->i < c->n)
		keep_bytes(c, 1);
}

/* Copies the tag at c->i ('<' and a letter), its attributes and their values capped. */
static void
copy_tag(struct cut *c)
{
	size_t nattrs = 0;

	keep_bytes(c, 1);
	while (c->i < c->n && !isspace((unsigned char)c->s[c->i]) && c->s[c->i] != '>' &&
	       c->s[c->i] != '/')
		keep_bytes(c, 1);
	while (c->i < c->n && c->s[c->i] != '>') {
		bool keep;
		size_t e;

		if (isspace((unsigned char)c->s[c->i]) || c->s[c->i] == '/') {
			keep_bytes(c, 1);
			continue;
		}
		keep = nattrs++ < MAX_ATTRS;
		for (e = c->i; e < c->n && !isspace((unsigned char)c->s[e]) && c->s[e] != '=' &&
			       c->s[e] != '>' && (e == c->i || c->s[e] != '/'); e++)
			;
		if (keep)
			keep_bytes(c, e - c->i);
		else
			c->i = e;
		for (e = c->i; e < c->n && isspace((unsigned char)c->s[e]); e++)
			;
		if (e < c->n && c->s[e] == '=') {
			if (keep)
				keep_bytes(c, e + 1 - c->i);
			else
				c->i = e + 1;
			while (c->i < c->n && isspace((unsigned char)c->s[c->i]))
				c->i++;
			copy_value(c, keep);
		}
	}
	if (c->i < c->n)
		keep_bytes(c, 1);
}

/* Where the tag starting at s[i] == '<' ends (after its '>'), quoted attribute values skipped. */
static size_t
tag_end(const char *s, size_t n, size_t i)
{
	bool after_eq = false;

	for (i++; i < n; i++) {
		char c = s[i];

		if (c == '>')
			return i + 1;
		if (after_eq && (c == '"' || c == '\'')) {
			const char *q = memchr(s + i + 1, c, n - i - 1);

			if (!q)
				return n;
			i = (size_t)(q - s);
			after_eq = false;
		} else if (c == '=') {
			after_eq = true;
		} else if (!isspace((unsigned char)c)) {
			after_eq = false;
		}
	}
	return n;
}

/* Offset of the next "</name" (any case) at or after i, or n. */
static size_t
find_close(const char *s, size_t n, size_t i, const char *name, size_t k)
{
	const char *p;

	while (i < n && (p = memchr(s + i, '<', n - i))) {
		i = (size_t)(p - s);
		if (i + 2 + k <= n && s[i + 1] == '/' && !strncasecmp(s + i + 2, name, k) &&
		    (i + 2 + k == n || !isalnum((unsigned char)s[i + 2 + k])))
			return i;
		i++;
	}
	return n;
}

/* The elements whose content is not markup: dropped (script, style) or kept as it is. */
static const struct {
	const char *name;
	bool drop;
} raw[] = {
	{ "script", true }, { "style", true }, { "textarea", false }, { "title", false },
	{ "xmp", false }, { "noembed", true }, { "noframes", true },
};

static int
raw_element(const char *s, size_t n, size_t i)
{
	size_t k;
	unsigned r;

	for (r = 0; r < sizeof raw / sizeof *raw; r++) {
		k = strlen(raw[r].name);
		if (i + 1 + k < n && !strncasecmp(s + i + 1, raw[r].name, k) &&
		    !isalnum((unsigned char)s[i + 1 + k]) && s[i + 1 + k] != '-')
			return (int)r;
	}
	return -1;
}

/* A JSON-LD script: its content is metadata the extractor reads. */
static bool
is_jsonld(const char *tag, size_t n)
{
	const char *t = tag, *end = tag + n;

	for (; t + 19 <= end; t++)
		if (!strncasecmp(t, "application/ld+json", 19))
			return true;
	return false;
}

/* The contents of a raw element, up to its closing tag: dropped, capped or kept. */
static void
copy_raw(struct cut *c, int r, bool jsonld)
{
	size_t close = find_close(c->s, c->n, c->i, raw[r].name, strlen(raw[r].name));
	size_t len = close - c->i, max = jsonld ? MAX_JSONLD : MAX_RAW;

	if ((raw[r].drop && !jsonld) || (jsonld && len > max)) {
		c->i = close;
		return;
	}
	keep_bytes(c, len > max ? utf8_cut(c->s, c->i, max) : len);
	c->i = close;
}

size_t
ex_strip_raw(char *s, size_t n)
{
	struct cut c = { .s = s, .n = n };

	while (c.i < n) {
		const char *lt = memchr(s + c.i, '<', n - c.i);
		size_t tag = lt ? (size_t)(lt - s) : n;
		bool jsonld;
		int r;

		keep_bytes(&c, tag - c.i);
		if (c.i >= n)
			break;
		if (c.i + 3 < n && !memcmp(s + c.i, "<!--", 4)) {
			const char *e = c.i + 4 < n ? memmem(s + c.i + 4, n - c.i - 4, "-->", 3) : NULL;

			c.i = e ? (size_t)(e - s) + 3 : n;	/* a comment: gone */
			continue;
		}
		if (c.i + 1 >= n || !isalpha((unsigned char)s[c.i + 1])) {
			keep_bytes(&c, 1);
			continue;
		}
		r = raw_element(s, n, c.i);
		jsonld = r == 0 && is_jsonld(s + c.i, tag_end(s, n, c.i) - c.i);
		copy_tag(&c);
		if (r >= 0)
			copy_raw(&c, r, jsonld);
	}
	return c.o;
}
