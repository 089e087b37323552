/* The query language's terms: words and phrases, field:value, states, dates, has:. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <uninorm.h>

#include "byline/mem.h"
#include "query_int.h"

/* The names before ':' and what they make. */
static const struct field_name {
	const char *name;
	enum query_kind kind;
	enum query_field field;
} fields[] = {
	{ "title", QUERY_WORD, QUERY_FIELD_TITLE },
	{ "author", QUERY_WORD, QUERY_FIELD_AUTHOR },
	{ "text", QUERY_WORD, QUERY_FIELD_TEXT },
	{ "link", QUERY_WORD, QUERY_FIELD_LINK },
	{ "feed", QUERY_FEED, QUERY_FIELD_ANY },
	{ "tag", QUERY_TAG, QUERY_FIELD_ANY },
	{ "after", QUERY_AFTER, QUERY_FIELD_ANY },
	{ "before", QUERY_BEFORE, QUERY_FIELD_ANY },
	{ "newer", QUERY_NEWER, QUERY_FIELD_ANY },
	{ "older", QUERY_OLDER, QUERY_FIELD_ANY },
	{ "has", QUERY_HAS_ENCLOSURE, QUERY_FIELD_ANY },
};

static const char *const has_names[] = { "enclosure", "fulltext" };
static const char *const state_names[] = { "unread", "read", "starred" };

static struct query_node *
term_fail(struct query_error *e, size_t pos, const char *fmt, ...)
{
	va_list ap;

	e->pos = pos;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return NULL;
}

/* Edit distance of a and b (ASCII, short), capped at 9. */
static int
distance(const char *a, size_t na, const char *b)
{
	size_t nb = strlen(b), i, j;
	int row[32], prev, t;

	if (na > 30 || nb > 30)
		return 9;
	for (j = 0; j <= nb; j++)
		row[j] = (int)j;
	for (i = 1; i <= na; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= nb; j++) {
			int c = (a[i - 1] | 0x20) == b[j - 1] ? 0 : 1;

			t = row[j];
			row[j] = prev + c;
			if (row[j] > row[j - 1] + 1)
				row[j] = row[j - 1] + 1;
			if (row[j] > t + 1)
				row[j] = t + 1;
			prev = t;
		}
	}
	return row[nb] > 9 ? 9 : row[nb];
}

/* The name of names[] nearest to s (at most 2 edits away), or NULL. */
static const char *
nearest(const char *s, size_t n, const char *const *names, size_t count)
{
	const char *best = NULL;
	int d, bd = 3;
	size_t i;

	for (i = 0; i < count; i++)
		if ((d = distance(s, n, names[i])) < bd)
			bd = d, best = names[i];
	return best;
}

static const struct field_name *
field_find(const char *s, size_t n, struct query_error *e, size_t pos)
{
	const char *names[sizeof(fields) / sizeof(fields[0])], *near;
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		names[i] = fields[i].name;
		if (strlen(fields[i].name) == n && !strncasecmp(s, fields[i].name, n))
			return &fields[i];
	}
	near = nearest(s, n, names, i);
	if (near)
		term_fail(e, pos, "unknown field \"%.*s:\" \xe2\x80\x94 did you mean %s:?", (int)n,
			  s, near);
	else
		term_fail(e, pos, "unknown field \"%.*s:\" (fields: title: author: text: link: "
			  "feed: tag: after: before: newer: older: has:; put a word with \":\" "
			  "in quotes)", (int)n, s);
	return NULL;
}

/* NFC of s[0..n), a copy. */
static char *
nfc(const char *s, size_t n)
{
	size_t len = 0;
	uint8_t *out = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &len);
	char *r;

	if (!out)
		return xstrndup(s, n);
	r = xstrndup((const char *)out, len);
	free(out);
	return r;
}

/* after:/before: YYYY-MM-DD, midnight UTC. */
static bool
parse_day(const char *s, size_t n, int64_t *out)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	struct tm tm = {0};
	int y, m, d, used = 0;
	char buf[16];

	if (n != 10)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (sscanf(buf, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 || buf[4] != '-' ||
	    buf[7] != '-' || y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	*out = (int64_t)timegm(&tm);
	return true;
}

/* newer:/older: a number and a unit (s m h d w), in seconds. */
static bool
parse_age(const char *s, size_t n, int64_t *out)
{
	int64_t v = 0, unit;
	size_t i;

	if (n < 2)
		return false;
	for (i = 0; i + 1 < n; i++) {
		if (s[i] < '0' || s[i] > '9' || v > 100000000)
			return false;
		v = v * 10 + (s[i] - '0');
	}
	switch (s[n - 1]) {
	case 's': unit = 1; break;
	case 'm': unit = 60; break;
	case 'h': unit = 3600; break;
	case 'd': unit = 86400; break;
	case 'w': unit = 7 * 86400; break;
	default: return false;
	}
	*out = v * unit;
	return true;
}

struct query_node *
query_node_new(enum query_kind kind, size_t pos)
{
	struct query_node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->pos = pos;
	return n;
}

/* A word or phrase: NFC; a '*' alone or a blank phrase is a mistake. */
static struct query_node *
word_term(const char *v, size_t vlen, enum query_field field, size_t pos, size_t vpos,
	  bool quoted, struct query_error *e)
{
	struct query_node *n;
	size_t i;

	for (i = 0; i < vlen && (v[i] == ' ' || v[i] == '\t' || v[i] == '*'); i++)
		;
	if (i == vlen)
		return term_fail(e, quoted ? pos : vpos, vlen && !quoted ?
				 "a \"*\" needs the start of a word before it (rust* finds rust, rustc ...)" :
				 "nothing to look for here: write a word");
	n = query_node_new(QUERY_WORD, pos);
	n->field = field;
	n->text = nfc(v, vlen);
	return n;
}

static struct query_node *
value_term(const struct field_name *f, const char *src, size_t pos, size_t vpos, size_t vlen,
	   bool quoted, struct query_error *e)
{
	const char *v = src + vpos;
	struct query_node *n;
	int64_t t;
	char *s;

	if (!vlen && !quoted)
		return term_fail(e, vpos, "%s: needs a value right after it, without a blank",
				 f->name);
	switch (f->kind) {
	case QUERY_WORD:
		return word_term(v, vlen, f->field, pos, vpos, quoted, e);
	case QUERY_FEED:
	case QUERY_TAG:
		if (!vlen)
			return term_fail(e, vpos, "%s: needs a value", f->name);
		n = query_node_new(f->kind, pos);
		s = nfc(v, vlen);
		n->text = f->kind == QUERY_FEED ? query_fold(s) : xstrdup(s);
		free(s);
		return n;
	case QUERY_AFTER:
	case QUERY_BEFORE:
		if (!parse_day(v, vlen, &t))
			return term_fail(e, vpos, "%s: takes a day as 2024-10-01", f->name);
		break;
	case QUERY_NEWER:
	case QUERY_OLDER:
		if (!parse_age(v, vlen, &t))
			return term_fail(e, vpos, "%s: takes a number and a unit (s m h d w): "
					 "30m, 12h, 7d, 2w", f->name);
		break;
	default:	/* has: */
		if (vlen == 9 && !strncasecmp(v, "enclosure", 9))
			return query_node_new(QUERY_HAS_ENCLOSURE, pos);
		if (vlen == 8 && !strncasecmp(v, "fulltext", 8))
			return query_node_new(QUERY_HAS_FULLTEXT, pos);
		s = (char *)nearest(v, vlen, has_names, 2);
		return term_fail(e, vpos, "has: takes enclosure or fulltext%s%s%s",
				 s ? " \xe2\x80\x94 did you mean has:" : "", s ? s : "", s ? "?" : "");
	}
	n = query_node_new(f->kind, pos);
	n->value = t;
	return n;
}

struct query_node *
query_term(const char *src, size_t pos, size_t len, size_t vpos, size_t vlen, size_t flen,
	   bool quoted, struct query_error *e)
{
	const struct field_name *f;
	size_t i;

	(void)len;
	if (flen) {
		if (!(f = field_find(src + pos, flen, e, pos)))
			return NULL;
		return value_term(f, src, pos, vpos, vlen, quoted, e);
	}
	if (!quoted)
		for (i = 0; i < 3; i++)
			if (vlen == strlen(state_names[i]) &&
			    !strncasecmp(src + vpos, state_names[i], vlen))
				return query_node_new(i == 0 ? QUERY_UNREAD :
						i == 1 ? QUERY_READ : QUERY_STARRED, pos);
	return word_term(src + vpos, vlen, QUERY_FIELD_ANY, pos, vpos, quoted, e);
}
