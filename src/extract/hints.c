/* Class and id hints: the words sites use for boilerplate and for articles, as every extractor reads them. */
#define _GNU_SOURCE
#include <ctype.h>
#include <string.h>

#include "extract_int.h"

/* Parts of the page that are rarely the article: navigation, comments, ads, banners. */
static const char *const unlikely[] = {
	"-ad-", "ad-break", "agegate", "ai2html", "banner", "breadcrumbs", "combx", "comment",
	"community", "consent", "cookie", "cover-wrap", "disqus", "extra", "footer", "gdpr",
	"header", "legends", "menu", "newsletter", "pager", "pagination", "popup", "related",
	"remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
	"supplemental", "yom-remote", NULL,
};
/* ... unless the name also says it holds the content. */
static const char *const maybe[] = {
	"and", "article", "body", "column", "content", "main", "shadow", NULL,
};
static const char *const positive[] = {
	"article", "blog", "body", "content", "entry", "h-entry", "hentry", "main", "page",
	"pagination", "post", "story", "text", NULL,
};
static const char *const negative[] = {
	"-ad-", "banner", "com-", "combx", "comment", "contact", "foot", "gdpr", "hidden",
	"masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
	"shopping", "shoutbox", "sidebar", "skyscraper", "sponsor", "tags", "tool", "widget",
	NULL,
};
static const char *const byline[] = {
	"author", "byline", "dateline", "p-author", "writtenby", NULL,
};
static const char *const junk[] = {
	"advert", "consent", "cookie", "gdpr", "newsletter", "paywall", "popup", "subscribe",
	NULL,
};

/* s is in lower case (ex_class_id makes it so), as the words are. */
static bool
any_in(const char *s, const char *const *words)
{
	/* most elements have neither class nor id: " " holds no word */
	if (!s[strspn(s, " ")])
		return false;
	for (; *words; words++)
		if (strstr(s, *words))
			return true;
	return false;
}

/* "hid" as a whole space-separated word. */
static bool
has_hid(const char *s)
{
	const char *p;

	for (p = strstr(s, "hid"); p; p = strstr(p + 1, "hid"))
		if ((p == s || p[-1] == ' ') && (p[3] == ' ' || p[3] == '\0'))
			return true;
	return false;
}

bool
ex_hint_unlikely(const char *s)
{
	return any_in(s, unlikely) && !any_in(s, maybe);
}

static int
weight_of(const char *name)
{
	char s[256];
	size_t i;
	int w = 0;

	if (!name || !*name)
		return 0;
	for (i = 0; name[i] && i + 1 < sizeof s; i++)
		s[i] = (char)tolower((unsigned char)name[i]);
	s[i] = '\0';
	if (any_in(s, negative) || has_hid(s))
		w -= 25;
	if (any_in(s, positive))
		w += 25;
	return w;
}

int
ex_class_weight(const xmlNode *n)
{
	return weight_of(ex_attr(n, "class")) + weight_of(ex_attr(n, "id"));
}

/* itemprop holds the word articleBody. */
static bool
is_declared_body(const xmlNode *n)
{
	const char *v = ex_attr(n, "itemprop"), *p;

	for (p = v ? strcasestr(v, "articlebody") : NULL; p; p = strcasestr(p + 1, "articlebody"))
		if ((p == v || isspace((unsigned char)p[-1])) && (!p[11] || isspace((unsigned char)p[11])))
			return true;
	return false;
}

bool
ex_holds_declared_body(xmlNode *n)
{
	xmlNode *c;

	for (c = n; c; c = ex_next_under(c, n, false))
		if (c->type == XML_ELEMENT_NODE && is_declared_body(c))
			return true;
	return false;
}

bool
ex_hint_byline(const char *s)
{
	return any_in(s, byline);
}

bool
ex_hint_junk(const char *s)
{
	return any_in(s, junk);
}

static bool
word_char(char c)
{
	return isalnum((unsigned char)c);
}

/* "share" (or "sharedaddy") not inside a longer word: share-bar, post_share, but not shareholder. */
bool
ex_hint_share(const char *s)
{
	const char *p;

	for (p = strstr(s, "share"); p; p = strstr(p + 1, "share")) {
		const char *e = p + 5;

		if (!strncmp(e, "daddy", 5))
			e += 5;
		if ((p == s || !word_char(p[-1])) && !word_char(*e))
			return true;
	}
	return false;
}

bool
ex_is_video_url(const char *s)
{
	static const char *const hosts[] = {
		"//www.youtube.com/", "//youtube.com/", "//www.youtube-nocookie.com/",
		"//youtube-nocookie.com/", "//player.vimeo.com/", "//www.dailymotion.com/",
		"//dailymotion.com/", "//v.qq.com/", "//archive.org/", "//upload.wikimedia.org/",
		"//player.twitch.tv/", "//player.bilibili.com/", NULL,
	};

	const char *const *h;

	for (h = hosts; s && *h; h++)
		if (strcasestr(s, *h))
			return true;
	return false;
}
