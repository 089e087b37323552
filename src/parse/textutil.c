/* Text helpers of the parser: HTML escaping and stripping, whitespace, cleaning, URLs inside HTML. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "byline/url.h"
#include "byline/utf8.h"
#include "parse_int.h"

#define REPLACEMENT "\xef\xbf\xbd"

void
parse_put_utf8(struct buf *out, unsigned c)
{
	unsigned char o[4];

	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		buf_puts(out, REPLACEMENT);
	else
		buf_append(out, o, utf8_encode(c, o));
}

void
parse_escape_html(struct buf *out, const char *s, size_t n)
{
	size_t i, run = 0;
	const char *rep;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: continue;
		}
		buf_append(out, s + run, i - run);
		buf_puts(out, rep);
		run = i + 1;
	}
	buf_append(out, s + run, n - run);
}

/* Decodes an entity reference at s (s[0] == '&'); returns bytes used, 0 if none. */
static size_t
decode_entity(struct buf *out, const char *s, size_t n)
{
	char name[40], utf[8];
	const char *val;
	unsigned long c = 0;
	size_t i = 1, digits = 0;

	if (n > 2 && s[1] == '#') {
		int hex = (s[2] == 'x' || s[2] == 'X');

		for (i = hex ? 3 : 2; i < n && digits < 8; i++, digits++) {
			int d = hex ? (isxdigit((unsigned char)s[i]) ? (isdigit((unsigned char)s[i]) ? s[i] - '0' : (s[i] | 32) - 'a' + 10) : -1)
				    : (isdigit((unsigned char)s[i]) ? s[i] - '0' : -1);
			if (d < 0)
				break;
			c = c * (hex ? 16 : 10) + (unsigned long)d;
		}
		if (digits == 0)
			return 0;
		if (c >= 0x80 && c < 0xa0)	/* windows-1252, as feeds mean it */
			c = text_cp1252((unsigned)c) ? text_cp1252((unsigned)c) : 0xfffd;
		parse_put_utf8(out, c > 0x10ffff ? 0xfffd : (unsigned)c);
		return (i < n && s[i] == ';') ? i + 1 : i;
	}
	while (i < n && i < sizeof(name) && isalnum((unsigned char)s[i]))
		i++;
	if (i == 1 || i >= n || s[i] != ';' || i >= sizeof(name))
		return 0;
	memcpy(name, s + 1, i - 1);
	name[i - 1] = '\0';
	if (!strcmp(name, "amp")) val = "&";
	else if (!strcmp(name, "lt")) val = "<";
	else if (!strcmp(name, "gt")) val = ">";
	else if (!strcmp(name, "quot")) val = "\"";
	else val = entity_lookup(name, utf);
	if (!val)
		return 0;
	buf_puts(out, val);
	return i + 1;
}

/* True when s[i] follows '=' (spaces between allowed): where an attribute value starts. */
static int
after_equals(const char *s, size_t i)
{
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n' || s[i - 1] == '\r'))
		i--;
	return i > 0 && s[i - 1] == '=';
}

/* Skips a tag, comment or declaration starting at s[0] == '<'; bytes used, 0 if not markup. */
static size_t
skip_markup(const char *s, size_t n, char *name, size_t namelen)
{
	size_t i = 1, k = 0;
	char q = 0;

	name[0] = '\0';
	if (n >= 4 && !memcmp(s, "<!--", 4)) {
		const char *e = memmem(s + 4, n - 4, "-->", 3);
		return e ? (size_t)(e - s) + 3 : n;
	}
	if (n < 2 || !(isalpha((unsigned char)s[1]) || s[1] == '/' || s[1] == '!' || s[1] == '?'))
		return 0;
	if (s[1] == '/')
		i = 2;
	while (i < n && isalnum((unsigned char)s[i]) && k + 1 < namelen)
		name[k++] = (char)tolower((unsigned char)s[i++]);
	name[k] = '\0';
	/* a quote opens a value only right after '=': in `href=x"` it is a character */
	for (; i < n; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
		} else if ((s[i] == '"' || s[i] == '\'') && after_equals(s, i)) {
			q = s[i];
		} else if (s[i] == '>') {
			return i + 1;
		}
	}
	return n;
}

static int
is_block(const char *name)
{
	static const char *const blocks[] = { "br", "p", "div", "li", "tr", "td", "th", "h1", "h2",
		"h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "hr", "table", "dd", "dt", NULL };
	int i;

	for (i = 0; blocks[i]; i++)
		if (!strcmp(name, blocks[i]))
			return 1;
	return 0;
}

void
parse_html_to_text(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, used;
	char name[16];

	while (i < n) {
		size_t run = i;

		while (i < n && s[i] != '<' && s[i] != '&')
			i++;
		buf_append(out, s + run, i - run);
		if (i >= n)
			break;
		if (s[i] == '&') {
			used = decode_entity(out, s + i, n - i);
			if (!used)
				buf_putc(out, '&'), used = 1;
			i += used;
			continue;
		}
		used = skip_markup(s + i, n - i, name, sizeof(name));
		if (!used) {
			buf_putc(out, '<');
			i++;
			continue;
		}
		i += used;
		if (is_block(name))
			buf_putc(out, ' ');
		if ((!strcmp(name, "script") || !strcmp(name, "style")) && s[i - used + 1] != '/') {
			const char *e = strcasestr(s + i, !strcmp(name, "script") ? "</script" : "</style");
			i = (e && (size_t)(e - s) < n) ? (size_t)(e - s) : n;
		}
	}
}

size_t
parse_until_markup(const char *s, size_t n)
{
	return utf8_find2((const unsigned char *)s, n, '&', '<');
}

bool
parse_looks_like_html(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		i += parse_until_markup(s + i, n - 1 - i);
		if (i + 1 >= n)
			break;
		if (s[i] == '<' && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
			if (memchr(s + i, '>', n - i))
				return true;
		} else if (s[i] == '&') {
			size_t j = i + 1;

			if (s[j] == '#')
				j++;
			while (j < n && isalnum((unsigned char)s[j]))
				j++;
			if (j < n && s[j] == ';' && j > i + 1)
				return true;
		}
	}
	return false;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Bytes at s before the first at or below ' ' (whitespace is among them). */
static size_t
until_low(const char *s, size_t n)
{
	return utf8_span((const unsigned char *)s, n, (struct utf8_stop){ .below = ' ' + 1 });
}

void
parse_collapse_ws(struct buf *b)
{
	char *d = b->data;
	size_t i = 0, o = 0, k, n = b->len;
	int sp = 0;

	while (i < n) {
		/* a run without whitespace, moved down only when something was dropped */
		k = i + until_low(d + i, n - i);
		while (k < n && !is_space((unsigned char)d[k]))
			k++;
		if (k > i) {
			if (sp && o > 0)
				d[o++] = ' ';
			sp = 0;
			if (o != i)
				memmove(d + o, d + i, k - i);
			o += k - i;
			i = k;
		}
		if (i < n) {
			sp = 1;
			i++;
		}
	}
	buf_truncate(b, o);
}

void
parse_trim(struct buf *b)
{
	size_t s = 0, e = b->len;

	while (s < e && is_space((unsigned char)b->data[s]))
		s++;
	while (e > s && is_space((unsigned char)b->data[e - 1]))
		e--;
	if (s > 0)
		memmove(b->data, b->data + s, e - s);
	buf_truncate(b, e - s);
}

/*
 * Whether the byte at s[i], one of those parse_clean stops at, means the
 * text needs parse_clean_untrusted: C0 controls and DEL (bodies keep \n
 * and \t), C1 controls (C2 80..9F) and, on one line, the bidi controls
 * U+061C (D8 9C), U+200E/F (E2 80 8E/8F), U+202A..E (E2 80 AA..AE) and
 * U+2066..9 (E2 81 A6..A9). Anything unexpected counts as needing it.
 */
static int
needs_cleaning(const unsigned char *s, size_t i, size_t n, bool multiline)
{
	unsigned char c = s[i], c1 = i + 1 < n ? s[i + 1] : 0, c2 = i + 2 < n ? s[i + 2] : 0;

	if (c == 0xc2)
		return c1 < 0xa0;
	if (c == 0xd8)
		return !multiline && (c1 == 0x9c || c1 == 0);
	if (c == 0xe2)
		return !multiline && (c2 == 0 || (c1 == 0x80 && (c2 == 0x8e || c2 == 0x8f ||
								  (c2 >= 0xaa && c2 <= 0xae))) ||
				      (c1 == 0x81 && c2 >= 0xa6 && c2 <= 0xa9));
	if (c < 0x20)
		return !multiline || (c != '\n' && c != '\t');
	return c == 0x7f;
}

/* What cleaning valid UTF-8 s will change beyond whitespace (see needs_cleaning). */
static unsigned
clean_findings(const unsigned char *s, size_t n, bool multiline)
{
	unsigned found = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!needs_cleaning(s, i, n, multiline))
			continue;
		if (s[i] == 0xd8 || s[i] == 0xe2)
			found |= PARSE_CLEANED_BIDI;
		else if (s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
			found |= PARSE_CLEANED_CONTROL;
	}
	return found;
}

unsigned
parse_clean(struct buf *b, bool multiline)
{
	/* C0, DEL, C2 (and D8, E2 on one line): the bytes needs_cleaning looks at */
	static const struct utf8_stop body = { .below = 0x20, .a = 0x7f, .b = 0xc2 },
		line = { .below = 0x20, .a = 0x7f, .b = 0xc2, .c = 0xd8, .d = 0xe2 };
	const unsigned char *s = (const unsigned char *)b->data;
	size_t i = 0, n = b->len;
	unsigned found;

	/* the transcoder hands out valid UTF-8, so only those few bytes need a look */
	for (; i < n; i++) {
		i += multiline ? utf8_span(s + i, n - i, body) : utf8_span(s + i, n - i, line);
		if (i < n && needs_cleaning(s, i, n, multiline))
			break;
	}
	if (i >= n)
		return 0;
	found = clean_findings(s, n, multiline);
	parse_clean_untrusted(b, multiline);
	return found;
}

void
parse_clean_untrusted(struct buf *b, bool multiline)
{
	struct buf out = { 0 };

	text_clean_feed_append(&out, b->data ? b->data : "", b->len, multiline);
	buf_free(b);
	*b = out;
}

bool
parse_cap(struct buf *b, size_t max)
{
	size_t n = max;

	if (b->len <= max)
		return false;
	while (n > 0 && ((unsigned char)b->data[n] & 0xc0) == 0x80)
		n--;
	buf_truncate(b, n);
	return true;
}

int
parse_is_url_attr(const char *s, size_t n)
{
	static const char *const names[] = { "href", "src", "poster", "cite", "background",
		"longdesc", "action", "usemap", NULL };
	int i;

	for (i = 0; names[i]; i++)
		if (strlen(names[i]) == n && !strncasecmp(s, names[i], n))
			return 1;
	return 0;
}

static int
has_scheme(const char *s)
{
	const char *p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

/* Appends attribute value v (n raw bytes) resolved against base, quoted. */
static void
put_resolved(struct buf *out, const char *v, size_t n, const char *base)
{
	struct buf dec = { 0 };
	char *abs;

	parse_html_to_text(&dec, v, n);
	parse_trim(&dec);
	if (has_scheme(buf_cstr(&dec)) || !(abs = url_resolve(base, buf_cstr(&dec)))) {
		buf_putc(out, '"');
		parse_escape_html(out, dec.data ? dec.data : "", dec.len);
		buf_putc(out, '"');
	} else {
		buf_putc(out, '"');
		parse_escape_html(out, abs, strlen(abs));
		buf_putc(out, '"');
		free(abs);
	}
	buf_free(&dec);
}

/* One URL of an attribute, absolute when it was relative (caller frees). */
static char *
resolve_one(const char *u, const char *base)
{
	char *abs = has_scheme(u) ? NULL : url_resolve(base, u);

	return abs ? abs : xstrdup(u);
}

char *
parse_srcset_resolve(const char *v, const char *base)
{
	struct buf out = { 0 };
	size_t n = strlen(v), i = 0, us, ul, ds;

	while (i < n) {
		while (i < n && (is_space((unsigned char)v[i]) || v[i] == ','))
			i++;
		if (i >= n)
			break;
		us = i;
		while (i < n && !is_space((unsigned char)v[i]))
			i++;
		ul = i - us;
		ds = i;
		if (v[us + ul - 1] == ',') {	/* "a.jpg, b.jpg 2x": the comma ends the candidate */
			while (ul > 0 && v[us + ul - 1] == ',')
				ul--;
		} else {
			while (i < n && v[i] != ',')
				i++;
		}
		if (ul == 0)
			continue;
		{
			char *u = xstrndup(v + us, ul), *r = resolve_one(u, base);
			struct buf d = { 0 };

			buf_append(&d, v + ds, i - ds);
			parse_trim(&d);
			buf_printf(&out, "%s%s%s%s", out.len ? ", " : "", r, d.len ? " " : "", buf_cstr(&d));
			buf_free(&d);
			free(r);
			free(u);
		}
	}
	return buf_steal(&out);
}

/* Appends a srcset value (n raw bytes), each candidate's URL resolved against base, quoted. */
static void
put_srcset(struct buf *out, const char *v, size_t n, const char *base)
{
	struct buf dec = { 0 };
	char *r;

	parse_html_to_text(&dec, v, n);
	r = parse_srcset_resolve(buf_cstr(&dec), base);
	buf_putc(out, '"');
	parse_escape_html(out, r, strlen(r));
	buf_putc(out, '"');
	free(r);
	buf_free(&dec);
}

/* Copies one tag (s[0] == '<', ends at '>'), resolving URL attributes; returns bytes used. */
static size_t
resolve_tag(struct buf *out, const char *s, size_t n, const char *base)
{
	size_t i = 1, ns, nl, vs, vl;
	char q;

	while (i < n && s[i] != '>' && !is_space((unsigned char)s[i]))
		i++;
	buf_append(out, s, i);
	while (i < n && s[i] != '>') {
		if (is_space((unsigned char)s[i]) || s[i] == '/') {
			buf_putc(out, s[i++]);
			continue;
		}
		ns = i;
		while (i < n && s[i] != '=' && s[i] != '>' && !is_space((unsigned char)s[i]))
			i++;
		nl = i - ns;
		buf_append(out, s + ns, nl);
		if (i >= n || s[i] != '=')
			continue;
		buf_putc(out, s[i++]);
		q = (i < n && (s[i] == '"' || s[i] == '\'')) ? s[i++] : 0;
		vs = i;
		while (i < n && (q ? s[i] != q : (!is_space((unsigned char)s[i]) && s[i] != '>')))
			i++;
		vl = i - vs;
		if (q && i < n)
			i++;
		if (parse_is_url_attr(s + ns, nl)) {
			put_resolved(out, s + vs, vl, base);
		} else if (nl == 6 && !strncasecmp(s + ns, "srcset", 6)) {
			put_srcset(out, s + vs, vl, base);
		} else {
			if (q)
				buf_putc(out, q);
			buf_append(out, s + vs, vl);
			if (q)
				buf_putc(out, q);
		}
	}
	if (i < n)
		buf_putc(out, s[i++]);
	return i;
}

char *
parse_html_resolve(const char *html, const char *base)
{
	struct buf out = { 0 };
	size_t n = strlen(html), i = 0;
	const char *lt;

	while (i < n) {
		lt = memchr(html + i, '<', n - i);
		if (!lt) {
			buf_append(&out, html + i, n - i);
			break;
		}
		buf_append(&out, html + i, (size_t)(lt - html) - i);
		i = (size_t)(lt - html);
		if (n - i >= 4 && !memcmp(lt, "<!--", 4)) {
			const char *e = memmem(lt + 4, n - i - 4, "-->", 3);
			size_t len = e ? (size_t)(e - lt) + 3 : n - i;

			buf_append(&out, lt, len);
			i += len;
		} else if (n - i > 1 && isalpha((unsigned char)lt[1])) {
			i += resolve_tag(&out, lt, n - i, base);
		} else {
			buf_putc(&out, '<');
			i++;
		}
	}
	return buf_steal(&out);
}
