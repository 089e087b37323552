/* The page's metadata: meta tags (og:, article:, dc:, twitter:), JSON-LD, <title>, <html lang>, <base>. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "extract_int.h"

/* The meta names we read, after normalising (lower case, no spaces, '.' as ':'). */
enum mkey {
	M_DC_TITLE, M_DCTERM_TITLE, M_OG_TITLE, M_WEIBO_ARTICLE_TITLE, M_WEIBO_WEBPAGE_TITLE,
	M_TITLE, M_TWITTER_TITLE, M_PARSELY_TITLE,
	M_DC_CREATOR, M_DCTERM_CREATOR, M_AUTHOR, M_PARSELY_AUTHOR, M_ARTICLE_AUTHOR,
	M_OG_SITE_NAME, M_APPLICATION_NAME,
	M_ARTICLE_PUBLISHED, M_PARSELY_PUB_DATE, M_DATE_PUBLISHED, M_DC_DATE, M_PUBDATE,
	M_OG_LOCALE, M_CONTENT_LANGUAGE,
	M_COUNT
};

static const char *const mkey_names[M_COUNT] = {
	[M_DC_TITLE] = "dc:title", [M_DCTERM_TITLE] = "dcterm:title", [M_OG_TITLE] = "og:title",
	[M_WEIBO_ARTICLE_TITLE] = "weibo:article:title",
	[M_WEIBO_WEBPAGE_TITLE] = "weibo:webpage:title", [M_TITLE] = "title",
	[M_TWITTER_TITLE] = "twitter:title", [M_PARSELY_TITLE] = "parsely-title",
	[M_DC_CREATOR] = "dc:creator", [M_DCTERM_CREATOR] = "dcterm:creator",
	[M_AUTHOR] = "author", [M_PARSELY_AUTHOR] = "parsely-author",
	[M_ARTICLE_AUTHOR] = "article:author", [M_OG_SITE_NAME] = "og:site_name",
	[M_APPLICATION_NAME] = "application-name", [M_ARTICLE_PUBLISHED] = "article:published_time",
	[M_PARSELY_PUB_DATE] = "parsely-pub-date", [M_DATE_PUBLISHED] = "datepublished",
	[M_DC_DATE] = "dc:date", [M_PUBDATE] = "pubdate", [M_OG_LOCALE] = "og:locale",
	[M_CONTENT_LANGUAGE] = "content-language",
};

struct collect {
	struct ex_doc *d;
	struct ex_meta *m;
	char *values[M_COUNT];
	struct ex_jsonld jsonld;
	char *html_lang;
	struct buf tmp;
};

/* Whitespace collapsed, trimmed, as a new string (NULL when nothing is left). */
static char *
collapsed(const char *s)
{
	struct buf b = {0};
	bool space = false;

	for (; s && *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = true;
			continue;
		}
		if (space && b.len)
			buf_putc(&b, ' ');
		space = false;
		buf_putc(&b, *s);
	}
	return b.len ? buf_steal(&b) : NULL;
}

static void
store_value(struct collect *c, const char *key, size_t n, const char *content)
{
	char norm[64];
	size_t i, k = 0;

	if (n >= sizeof norm)
		return;
	for (i = 0; i < n; i++) {
		char ch = (char)tolower((unsigned char)key[i]);

		if (isspace((unsigned char)ch))
			continue;
		norm[k++] = ch == '.' ? ':' : ch;
	}
	norm[k] = '\0';
	/* dcterms: is as common as dcterm: */
	if (!strncmp(norm, "dcterms:", 8))
		memmove(norm + 6, norm + 7, k - 6);
	for (i = 0; i < M_COUNT; i++) {
		if (strcmp(norm, mkey_names[i]) || c->values[i])
			continue;
		c->values[i] = collapsed(content);
		return;
	}
}

/* Each space-separated name of a property/name/itemprop attribute. */
static void
store_names(struct collect *c, const char *names, const char *content)
{
	const char *p = names;

	while (*p) {
		size_t n;

		while (*p && isspace((unsigned char)*p))
			p++;
		n = strcspn(p, " \t\r\n\f");
		if (n)
			store_value(c, p, n, content);
		p += n;
	}
}

static void
on_meta(struct collect *c, xmlNode *n)
{
	const char *content = ex_attr(n, "content"), *v;

	if (!content || !*content)
		return;
	if ((v = ex_attr(n, "property")))
		store_names(c, v, content);
	if ((v = ex_attr(n, "name")))
		store_names(c, v, content);
	if ((v = ex_attr(n, "itemprop")))
		store_names(c, v, content);
	if ((v = ex_attr(n, "http-equiv")) && !strcasecmp(v, "content-language"))
		store_value(c, "content-language", 16, content);
}

static void
on_script(struct collect *c, xmlNode *n)
{
	const char *type = ex_attr(n, "type");

	if (!type || strcasecmp(type, "application/ld+json"))
		return;
	buf_reset(&c->tmp);
	for (n = n->children; n; n = n->next)
		if (n->content)
			buf_puts(&c->tmp, (const char *)n->content);
	ex_jsonld_read(c->tmp.data ? c->tmp.data : "", c->tmp.len, &c->jsonld);
}

static void
on_element(struct collect *c, xmlNode *n)
{
	struct ex_meta *m = c->m;
	const char *v;

	switch (ex_tag(n)) {
	case T_HTML:
		if (!c->html_lang && (v = ex_attr(n, "lang")) && *v)
			c->html_lang = collapsed(v);
		break;
	case T_TITLE:
		if (!m->doc_title) {
			buf_reset(&c->tmp);
			ex_inner_text(n, &c->tmp);
			m->doc_title = collapsed(buf_cstr(&c->tmp));
		}
		break;
	case T_BASE:
		if (!m->base && (v = ex_attr(n, "href")) && *v)
			m->base = xstrdup(v);
		break;
	case T_META:
		on_meta(c, n);
		break;
	case T_SCRIPT:
		on_script(c, n);
		break;
	case T_INPUT:
		if ((v = ex_attr(n, "type")) && !strcasecmp(v, "password"))
			m->login_form = true;
		break;
	case T_TIME:
		/* a date marked as the publication's, in the page itself */
		if (!c->values[M_DATE_PUBLISHED] && (v = ex_attr(n, "datetime")) &&
		    (ex_attr(n, "pubdate") || ((v = ex_attr(n, "itemprop")) && strstr(v, "datePublished"))))
			c->values[M_DATE_PUBLISHED] = collapsed(ex_attr(n, "datetime"));
		break;
	default:
		break;
	}
}

static char *
first_of(struct collect *c, const char *jsonld, const enum mkey *keys, size_t n)
{
	size_t i;

	if (jsonld && *jsonld)
		return collapsed(jsonld);
	for (i = 0; i < n; i++)
		if (c->values[keys[i]])
			return xstrdup(c->values[keys[i]]);
	return NULL;
}

/* article:author is often a profile URL, not a name. */
static bool
looks_like_url(const char *s)
{
	return s && (!strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8) || s[0] == '/');
}

static char *
lang_of(struct collect *c)
{
	char *l = c->html_lang ? xstrdup(c->html_lang) : NULL, *p;

	if (!l && c->values[M_CONTENT_LANGUAGE])
		l = xstrdup(c->values[M_CONTENT_LANGUAGE]);
	if (!l && c->values[M_OG_LOCALE])
		l = xstrdup(c->values[M_OG_LOCALE]);
	if (!l && c->jsonld.lang)
		l = collapsed(c->jsonld.lang);
	for (p = l; p && *p; p++)
		if (*p == '_')
			*p = '-';	/* og:locale's zh_CN is the tag zh-CN */
	return l;
}

/* JSON-LD's headline or name: when both are there and differ, the one closer to <title>. */
static const char *
jsonld_title(struct collect *c)
{
	const char *h = c->jsonld.headline, *n = c->jsonld.name, *t = c->m->doc_title;

	if (!h || !n || !t || !strcmp(h, n))
		return h ? h : n;
	return ex_similarity(t, n) > ex_similarity(t, h) ? n : h;
}

static void
finish(struct collect *c)
{
	static const enum mkey title_keys[] = {
		M_DC_TITLE, M_DCTERM_TITLE, M_OG_TITLE, M_WEIBO_ARTICLE_TITLE, M_WEIBO_WEBPAGE_TITLE,
		M_TITLE, M_TWITTER_TITLE, M_PARSELY_TITLE,
	};
	static const enum mkey author_keys[] = {
		M_DC_CREATOR, M_DCTERM_CREATOR, M_AUTHOR, M_PARSELY_AUTHOR,
	};
	static const enum mkey site_keys[] = { M_OG_SITE_NAME };
	static const enum mkey date_keys[] = {
		M_ARTICLE_PUBLISHED, M_PARSELY_PUB_DATE, M_DATE_PUBLISHED, M_DC_DATE, M_PUBDATE,
	};
	struct ex_meta *m = c->m;

	m->title = first_of(c, jsonld_title(c), title_keys, sizeof title_keys / sizeof *title_keys);
	m->author = first_of(c, c->jsonld.author, author_keys, sizeof author_keys / sizeof *author_keys);
	if (!m->author && c->values[M_ARTICLE_AUTHOR] && !looks_like_url(c->values[M_ARTICLE_AUTHOR]))
		m->author = xstrdup(c->values[M_ARTICLE_AUTHOR]);
	m->site = first_of(c, c->jsonld.site, site_keys, 1);
	m->published = first_of(c, c->jsonld.published, date_keys, sizeof date_keys / sizeof *date_keys);
	m->lang = lang_of(c);
	m->jsonld_body = c->jsonld.body;
	c->jsonld.body = NULL;
}

void
ex_meta_collect(struct ex_doc *d, struct ex_meta *m)
{
	struct collect c = { .d = d, .m = m };
	xmlNode *root = xmlDocGetRootElement(d->doc), *n;
	size_t i;

	memset(m, 0, sizeof *m);
	for (n = root; n; n = ex_next(n, false))
		if (n->type == XML_ELEMENT_NODE)
			on_element(&c, n);
	finish(&c);
	for (i = 0; i < M_COUNT; i++)
		free(c.values[i]);
	ex_jsonld_free(&c.jsonld);
	free(c.html_lang);
	buf_free(&c.tmp);
}

void
ex_meta_free(struct ex_meta *m)
{
	free(m->title);
	free(m->author);
	free(m->site);
	free(m->lang);
	free(m->published);
	free(m->base);
	free(m->doc_title);
	free(m->jsonld_body);
	memset(m, 0, sizeof *m);
}

/* ---- the title from <title> and the headings ---- */

static size_t
word_count(const char *s)
{
	size_t k = 0;
	bool in = false;

	for (; *s; s++) {
		bool sp = isspace((unsigned char)*s);

		if (!sp && !in)
			k++;
		in = !sp;
	}
	return k;
}

/* Separators between a title and the site's name: " | ", " - ", " » " ... */
static const char *const separators[] = {
	"|", "-", "\\", "/", ">", "\xc2\xbb", "\xe2\x80\x93", "\xe2\x80\x94", NULL,
};

/* Where the separator at s ends (s + its length), or NULL when s holds none. */
static const char *
separator_at(const char *s)
{
	size_t i;

	for (i = 0; separators[i]; i++) {
		size_t k = strlen(separators[i]);

		if (!strncmp(s, separators[i], k))
			return s + k;
	}
	return NULL;
}

static bool
hierarchical(const char *s)
{
	return *s == '\\' || *s == '/' || *s == '>' || !strncmp(s, "\xc2\xbb", 2);
}

/* The last " SEP " in t, or NULL. */
static const char *
last_separator(const char *t, bool *hier)
{
	const char *p, *e, *last = NULL;

	for (p = t; *p; p++)
		if (p > t && p[-1] == ' ' && (e = separator_at(p)) && *e == ' ') {
			last = p;
			*hier = *hier || hierarchical(p);
		}
	return last;
}

/* What follows the first separator character in t (spaces around it or not). */
static char *
after_first_separator(const char *t)
{
	const char *p, *e;

	for (p = t; *p; p++)
		if ((e = separator_at(p)))
			return collapsed(e);
	return collapsed(t);
}

static bool
heading_equals(struct ex_doc *d, const char *title)
{
	xmlNode *n;
	struct buf b = {0};
	bool found = false;

	for (n = d->body; n && !found; n = ex_next_under(n, d->body, false)) {
		enum ex_tag t = ex_tag(n);

		if (t != T_H1 && t != T_H2)
			continue;
		buf_reset(&b);
		ex_inner_text(n, &b);
		found = !strcmp(buf_cstr(&b), title);
	}
	buf_free(&b);
	return found;
}

static char *
colon_title(struct ex_doc *d, const char *orig)
{
	const char *last = strrchr(orig, ':'), *first = strchr(orig, ':');
	char *cur, *head;

	if (heading_equals(d, orig))
		return xstrdup(orig);
	cur = collapsed(last + 1);
	if (!cur || word_count(cur) < 3) {
		free(cur);
		return collapsed(first + 1);
	}
	head = xstrndup(orig, (size_t)(first - orig));
	if (word_count(head) > 5) {
		free(cur);
		cur = xstrdup(orig);
	}
	free(head);
	return cur;
}

static char *
single_h1(struct ex_doc *d)
{
	xmlNode **h1s;
	size_t n = ex_find(d->body, T_H1, &h1s);
	char *t = NULL;

	if (n == 1) {
		struct buf b = {0};

		ex_inner_text(h1s[0], &b);
		t = b.len ? buf_steal(&b) : NULL;
		buf_free(&b);
	}
	free(h1s);
	return t;
}

/* Words of t with its separators left out. */
static size_t
words_without_separators(const char *t)
{
	struct buf b = {0};
	const char *p, *e;
	size_t k;

	for (p = t; *p; ) {
		if ((e = separator_at(p))) {
			p = e;
			continue;
		}
		buf_putc(&b, *p++);
	}
	k = word_count(buf_cstr(&b));
	buf_free(&b);
	return k;
}

char *
ex_title_from_doc(struct ex_doc *d, const char *doc_title)
{
	char *orig = collapsed(doc_title), *cur = NULL;
	const char *sep;
	bool hier = false;
	size_t words;

	if (!orig)
		return single_h1(d);
	if ((sep = last_separator(orig, &hier))) {
		char *head = xstrndup(orig, (size_t)(sep - orig));

		cur = collapsed(head);
		free(head);
		if (!cur || word_count(cur) < 3) {
			free(cur);
			cur = after_first_separator(orig);
		}
	} else if (strstr(orig, ": ")) {
		cur = colon_title(d, orig);
	} else if (ex_utf8_chars(orig) > 150 || ex_utf8_chars(orig) < 15) {
		cur = single_h1(d);
	}
	if (!cur)
		cur = xstrdup(orig);
	words = word_count(cur);
	if (words <= 4 && (!hier || words != words_without_separators(orig) - 1)) {
		free(cur);
		cur = xstrdup(orig);
	}
	free(orig);
	return cur;
}
