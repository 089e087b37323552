/* Servers' JSON fields read with bounds, their text cleaned; item ids in every form; JSON and forms written. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "byline/text.h"
#include "byline/mem.h"
#include "byline/utf8.h"
#include "sync_int.h"

/* Longest title or name kept, and longest article body (the parser's own limits). */
#define PLAIN_MAX (64 * 1024)
#define HTML_MAX (16 * 1024 * 1024)

const char *
sync_json_str(const struct sync_json *doc, const char *key)
{
	return sync_json_string(sync_json_get(doc, key));
}

int64_t
sync_json_int(const struct sync_json *doc, const char *key, int64_t def)
{
	struct sync_json *v = sync_json_get(doc, key);
	const char *s;
	char *end;
	long long n;

	if (sync_json_is(v, SJ_INT))
		return v->i;
	s = sync_json_string(v);
	if (!s || !*s)
		return def;
	errno = 0;
	n = strtoll(s, &end, 10);
	return errno || *end ? def : (int64_t)n;
}

bool
sync_json_bool(const struct sync_json *doc, const char *key)
{
	struct sync_json *v = sync_json_get(doc, key);
	const char *s;

	if (sync_json_is(v, SJ_BOOL))
		return v->b;
	if (sync_json_is(v, SJ_INT))
		return v->i != 0;
	s = sync_json_string(v);
	return s && (!strcmp(s, "true") || !strcmp(s, "1") || !strcmp(s, "t"));
}

/* 16 hex digits as the id's 64 bits (unsigned: two's complement for the signed id). */
static bool
hex_id(const char *s, int64_t *id)
{
	uint64_t v = 0;
	size_t i;

	if (strlen(s) != 16)
		return false;
	for (i = 0; i < 16; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return false;
		v = v << 4 | (uint64_t)(isdigit((unsigned char)s[i]) ? s[i] - '0'
						: tolower((unsigned char)s[i]) - 'a' + 10);
	}
	*id = (int64_t)v;
	return true;
}

bool
sync_item_id(const char *s, int64_t *id)
{
	static const char tag[] = "tag:google.com,2005:reader/item/";
	const char *p;
	char *end;

	if (!s)
		return false;
	if (!strncmp(s, tag, sizeof(tag) - 1))
		return hex_id(s + sizeof(tag) - 1, id);
	/* Bare: decimal unless it cannot be (a hex letter) or is padded as hex is. */
	for (p = *s == '-' ? s + 1 : s; isdigit((unsigned char)*p); p++)
		;
	if (*p || p == s || (strlen(s) == 16 && s[0] == '0'))
		return hex_id(s, id);
	errno = 0;
	*id = (int64_t)strtoll(s, &end, 10);
	return !errno && !*end;
}

/* The character of an entity at s ("amp;", "#39;", "#x4e2d;"), its length in *n; 0 if none. */
static uint32_t
entity(const char *s, size_t *n)
{
	static const struct {
		const char *name;
		uint32_t cp;
	} names[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' },
		{ "apos;", '\'' }, { "nbsp;", 0xa0 },
	};
	char *end;
	unsigned long v;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strncmp(s, names[i].name, strlen(names[i].name))) {
			*n = strlen(names[i].name);
			return names[i].cp;
		}
	if (*s != '#')
		return 0;
	errno = 0;
	v = (s[1] == 'x' || s[1] == 'X') ? strtoul(s + 2, &end, 16) : strtoul(s + 1, &end, 10);
	if (errno || *end != ';' || end == s + 1 || v == 0 || v > 0x10ffff ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*n = (size_t)(end + 1 - s);
	return (uint32_t)v;
}

char *
sync_plain(const char *s)
{
	struct buf dec = {0}, out = {0};
	unsigned char u[4];
	uint32_t cp;
	size_t n;

	if (!s)
		return NULL;
	for (; *s && dec.len < PLAIN_MAX; s++) {
		if (*s == '&' && (cp = entity(s + 1, &n))) {
			buf_append(&dec, u, utf8_encode(cp, u));
			s += n;
		} else {
			buf_putc(&dec, *s);
		}
	}
	text_clean_message_append(&out, buf_cstr(&dec), dec.len);
	buf_free(&dec);
	return buf_steal(&out);
}

char *
sync_html(const char *s)
{
	struct buf out = {0};
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s);
	text_clean_feed_append(&out, s, n < HTML_MAX ? n : HTML_MAX, true);
	return buf_steal(&out);
}

void
sync_urlencode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || strchr("-._~", *p)) {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

void
sync_json_quote(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}
