/* A small bounded JSON reader for JSON-LD scripts: the article object's headline, author, date, body. */
#include <stdlib.h>
#include <string.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "byline/utf8.h"
#include "extract_int.h"

#define JSON_MAX_INPUT (2u << 20)	/* a bigger script is not read */
#define JSON_MAX_DEPTH 32
#define JSON_MAX_VALUES 50000

enum jtype { J_NULL, J_SCALAR, J_STRING, J_ARRAY, J_OBJECT };

struct jval {
	enum jtype type;
	char *key;		/* the member name, in an object */
	char *str;		/* a string's text */
	struct jval *kids, *last, *next;
};

struct jparse {
	const char *p, *end;
	int depth;
	size_t nvalues;
	bool failed;
};

static void
skip_ws(struct jparse *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static unsigned
hex4(const char *p)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return 0xfffd;
	}
	return v;
}

static void
put_cp(struct buf *b, unsigned c)
{
	unsigned char o[4];

	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	buf_append(b, o, utf8_encode(c, o));
}

/* A \u escape at j->p (after the backslash and u), with a surrogate pair if one follows. */
static void
unicode_escape(struct jparse *j, struct buf *b)
{
	unsigned c;

	if (j->end - j->p < 4) {
		j->failed = true;
		return;
	}
	c = hex4(j->p);
	j->p += 4;
	if (c >= 0xd800 && c <= 0xdbff && j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
		unsigned lo = hex4(j->p + 2);

		if (lo >= 0xdc00 && lo <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
			j->p += 6;
		}
	}
	put_cp(b, c);
}

static char *
parse_string(struct jparse *j)
{
	struct buf b = {0};
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";

	j->p++;		/* the opening quote */
	while (j->p < j->end && *j->p != '"') {
		const char *e;

		if (*j->p != '\\') {
			size_t run = 0;

			while (j->p + run < j->end && j->p[run] != '"' && j->p[run] != '\\')
				run++;
			buf_append(&b, j->p, run);
			j->p += run;
			continue;
		}
		if (++j->p >= j->end)
			break;
		if (*j->p == 'u') {
			j->p++;
			unicode_escape(j, &b);
			continue;
		}
		e = strchr(esc_in, *j->p);
		buf_putc(&b, e && *j->p ? esc_out[e - esc_in] : *j->p);
		j->p++;
	}
	if (j->p >= j->end)
		j->failed = true;
	else
		j->p++;
	return buf_steal(&b);
}

static struct jval *parse_value(struct jparse *j);

static void
add_kid(struct jval *v, struct jval *k)
{
	if (v->last)
		v->last->next = k;
	else
		v->kids = k;
	v->last = k;
}

/* The members of an object or elements of an array, up to the closing bracket. */
static void
parse_members(struct jparse *j, struct jval *v, char close)
{
	j->p++;
	for (;;) {
		char *key = NULL;
		struct jval *k;

		skip_ws(j);
		if (j->p >= j->end || *j->p == close)
			break;
		if (v->type == J_OBJECT) {
			if (*j->p != '"') {
				j->failed = true;
				return;
			}
			key = parse_string(j);
			skip_ws(j);
			if (j->p < j->end && *j->p == ':')
				j->p++;
		}
		k = parse_value(j);
		if (!k) {
			free(key);
			return;
		}
		k->key = key;
		add_kid(v, k);
		skip_ws(j);
		if (j->p < j->end && *j->p == ',')
			j->p++;
		else if (j->p < j->end && *j->p != close)
			j->failed = true;
		if (j->failed)
			return;
	}
	if (j->p >= j->end)
		j->failed = true;
	else
		j->p++;
}

static struct jval *
parse_value(struct jparse *j)
{
	struct jval *v;

	skip_ws(j);
	if (j->failed || j->p >= j->end || j->depth >= JSON_MAX_DEPTH ||
	    ++j->nvalues > JSON_MAX_VALUES) {
		j->failed = true;
		return NULL;
	}
	v = xcalloc(1, sizeof *v);
	if (*j->p == '{' || *j->p == '[') {
		v->type = *j->p == '{' ? J_OBJECT : J_ARRAY;
		j->depth++;
		parse_members(j, v, *j->p == '{' ? '}' : ']');
		j->depth--;
	} else if (*j->p == '"') {
		v->type = J_STRING;
		v->str = parse_string(j);
	} else {
		/* a number, true, false or null: its text is not needed */
		v->type = J_SCALAR;
		while (j->p < j->end && !strchr(",]} \t\r\n", *j->p))
			j->p++;
	}
	return v;
}

static void
jval_free(struct jval *v)
{
	while (v) {
		struct jval *next = v->next;

		jval_free(v->kids);
		free(v->key);
		free(v->str);
		free(v);
		v = next;
	}
}

static struct jval *
member(const struct jval *v, const char *key)
{
	struct jval *k;

	if (!v || v->type != J_OBJECT)
		return NULL;
	for (k = v->kids; k; k = k->next)
		if (k->key && !strcmp(k->key, key))
			return k;
	return NULL;
}

static const char *
string_member(const struct jval *v, const char *key)
{
	struct jval *k = member(v, key);

	return k && k->type == J_STRING && k->str[0] ? k->str : NULL;
}

/* schema.org types of articles and posts (and the subtypes sites use). */
static bool
article_type_name(const char *t)
{
	static const char *const types[] = {
		"Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
		"AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
		"ReportageNewsArticle", "ReviewNewsArticle", "Report", "SatiricalArticle",
		"ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
		"LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference", NULL,
	};
	size_t i;

	if (!strncmp(t, "http://schema.org/", 18))
		t += 18;
	else if (!strncmp(t, "https://schema.org/", 19))
		t += 19;
	for (i = 0; types[i]; i++)
		if (!strcmp(t, types[i]))
			return true;
	return false;
}

static bool
is_article(const struct jval *v)
{
	struct jval *t = member(v, "@type"), *k;

	if (t && t->type == J_STRING)
		return article_type_name(t->str);
	if (t && t->type == J_ARRAY)
		for (k = t->kids; k; k = k->next)
			if (k->type == J_STRING && article_type_name(k->str))
				return true;
	return false;
}

/* The article object: the value itself, an element of an array, or of its @graph. */
static const struct jval *
find_article(const struct jval *v, int depth)
{
	const struct jval *k, *found;

	if (!v || depth > 3)
		return NULL;
	if (v->type == J_OBJECT && is_article(v))
		return v;
	if (v->type == J_ARRAY) {
		for (k = v->kids; k; k = k->next)
			if ((found = find_article(k, depth + 1)))
				return found;
		return NULL;
	}
	if ((found = find_article(member(v, "@graph"), depth + 1)))
		return found;
	return find_article(member(v, "mainEntity"), depth + 1);
}

/* An author: a string, an object with a name, or an array of them (names joined by ", "). */
static char *
author_of(const struct jval *a)
{
	struct buf b = {0};
	const struct jval *k;

	if (!a)
		return NULL;
	if (a->type == J_STRING)
		return a->str[0] ? xstrdup(a->str) : NULL;
	if (a->type == J_OBJECT)
		return xstrdup_null(string_member(a, "name"));
	if (a->type != J_ARRAY)
		return NULL;
	for (k = a->kids; k; k = k->next) {
		const char *name = k->type == J_STRING ? k->str : string_member(k, "name");

		if (!name || !*name)
			continue;
		if (b.len)
			buf_puts(&b, ", ");
		buf_puts(&b, name);
	}
	return b.len ? buf_steal(&b) : NULL;
}

static void
fill(char **slot, const char *v)
{
	if (!*slot && v && *v)
		*slot = xstrdup(v);
}

/* Drops the CDATA or comment markers some pages wrap their JSON-LD in. */
static void
strip_wrappers(const char **s, size_t *n)
{
	static const char *const open[] = { "<![CDATA[", "//<![CDATA[", "<!--", NULL };
	static const char *const close[] = { "]]>", "//]]>", "-->", NULL };
	size_t i;

	while (*n && strchr(" \t\r\n", **s))
		(*s)++, (*n)--;
	while (*n && strchr(" \t\r\n", (*s)[*n - 1]))
		(*n)--;
	for (i = 0; open[i]; i++) {
		size_t k = strlen(open[i]);

		if (*n >= k && !memcmp(*s, open[i], k))
			*s += k, *n -= k;
	}
	for (i = 0; close[i]; i++) {
		size_t k = strlen(close[i]);

		if (*n >= k && !memcmp(*s + *n - k, close[i], k))
			*n -= k;
	}
}

void
ex_jsonld_read(const char *s, size_t n, struct ex_jsonld *out)
{
	struct jparse j = {0};
	struct jval *root;
	const struct jval *art;

	strip_wrappers(&s, &n);
	if (n == 0 || n > JSON_MAX_INPUT)
		return;
	j.p = s;
	j.end = s + n;
	root = parse_value(&j);
	art = j.failed ? NULL : find_article(root, 0);
	if (art) {
		if (!out->author)
			out->author = author_of(member(art, "author"));
		if (!out->author)
			out->author = author_of(member(art, "creator"));
		fill(&out->headline, string_member(art, "headline"));
		fill(&out->name, string_member(art, "name"));
		fill(&out->published, string_member(art, "datePublished"));
		fill(&out->body, string_member(art, "articleBody"));
		fill(&out->site, string_member(member(art, "publisher"), "name"));
		fill(&out->lang, string_member(art, "inLanguage"));
	}
	jval_free(root);
}

void
ex_jsonld_free(struct ex_jsonld *j)
{
	free(j->headline);
	free(j->name);
	free(j->author);
	free(j->published);
	free(j->body);
	free(j->site);
	free(j->lang);
	memset(j, 0, sizeof *j);
}
