/* extract_page: a web page's bytes in, its article out (or the reason there is none). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "byline/date.h"
#include "byline/extract.h"
#include "byline/item.h"
#include "byline/mem.h"
#include "byline/text.h"
#include "byline/url.h"
#include "extract_int.h"

#define CHAR_THRESHOLD 500	/* weighted characters an attempt must reach to be taken at once */
#define ATTEMPTS 4
#define JSONLD_GAIN 2.0		/* a JSON-LD articleBody this many times the page's article replaces it */
#define LOOSER_GAIN 2.0		/* a looser attempt must find this many times the text to be taken */
#define FOUND_BLOCK_WORDS 25	/* an article has a block this long ... */
#define FOUND_TOTAL_WORDS 80	/* ... or this many words in all */
#define SHORT_BLOCK_WORDS 8	/* a short article's paragraph has this many words or more ... */
#define SHORT_TOTAL_WORDS 30	/* ... and its paragraphs this many in all */
#define LOGIN_WALL_WORDS 150	/* at most this many words beside a password field: a login wall */
#define FIELD_MAX 2048		/* bytes kept of a one-line field */

struct attempt {
	struct ex_doc doc;	/* the content's own document, or none when it is in the page */
	xmlNode *content;
	double len;
};

struct run {
	const char *utf8;
	size_t len;
	struct ex_meta meta;
	char *title;		/* the title as the scoring sees it */
	char *byline;		/* a byline element's text */
	char **warnings;
	size_t nwarnings;
	struct ex_doc page;	/* parsed and prepared once; each attempt works on it and is undone */
	struct attempt tries[ATTEMPTS];
	size_t ntries;
};

static void
add_warning(void *ud, const char *msg)
{
	struct run *r = ud;

	if (r->nwarnings >= EX_MAX_WARNINGS)
		return;
	r->warnings = xreallocarray(r->warnings, r->nwarnings + 1, sizeof *r->warnings);
	r->warnings[r->nwarnings++] = text_clean_line(msg, strlen(msg), TEXT_EMOJI_PASSTHROUGH);
}

/* ---- what is not a web page ---- */

static bool
starts(const char *s, size_t n, const char *magic, size_t k)
{
	return n >= k && !memcmp(s, magic, k);
}

/* More than one in 20 of the first bytes are controls (NUL, C0 but tab, newlines, form feed
 * and escape), as in images and archives; a stray NUL in a text page is not enough. */
static bool
is_binary(const char *s, size_t n)
{
	size_t k = n < 1024 ? n : 1024, i, ctl = 0;

	if (starts(s, n, "\xff\xfe", 2) || starts(s, n, "\xfe\xff", 2))
		return false;
	for (i = 0; i < k; i++) {
		unsigned char c = (unsigned char)s[i];

		ctl += c == 0 || (c < 0x20 && !strchr("\t\n\r\f\x1b", c));
	}
	return ctl * 20 > k;
}

/* What the bytes are when they are clearly not HTML, or NULL. */
static const char *
not_html(const char *s, size_t n)
{
	size_t i = 0;

	if (starts(s, n, "%PDF-", 5))
		return "a PDF document";
	if (starts(s, n, "\x89PNG", 4) || starts(s, n, "GIF8", 4) || starts(s, n, "\xff\xd8\xff", 3) ||
	    (starts(s, n, "RIFF", 4) && n >= 12 && !memcmp(s + 8, "WEBP", 4)))
		return "an image";
	if (n >= 12 && !memcmp(s + 4, "ftyp", 4))
		return "a video or an image";
	if (starts(s, n, "PK\x03\x04", 4) || starts(s, n, "\x1f\x8b", 2))
		return "an archive or compressed data";
	if (starts(s, n, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < n && strchr(" \t\r\n", s[i]) && s[i])
		i++;
	if (i < n && (s[i] == '{' || s[i] == '['))
		return "JSON data";
	if (is_binary(s, n))
		return "binary data";
	if (!memchr(s, '<', n))
		return "plain text, with no HTML in it";
	return NULL;
}

/* An RSS or Atom feed: byline reads those as feeds. */
static bool
is_feed(const char *s, size_t n)
{
	size_t k = n < 2048 ? n : 2048;

	return (memmem(s, k, "<rss", 4) || memmem(s, k, "<feed", 5) || memmem(s, k, "<rdf:RDF", 8)) &&
	       !memmem(s, k, "<html", 5) && !memmem(s, k, "<HTML", 5);
}

/* ---- the attempts ---- */

/* The page parsed once, its metadata read and its tree prepared; each attempt changes it, logged. */
static bool
parse_page(struct run *r)
{
	if (!ex_doc_parse(&r->page, r->utf8, r->len))
		return false;
	ex_meta_collect(&r->page, &r->meta);
	r->title = r->meta.title ? xstrdup(r->meta.title) : ex_title_from_doc(&r->page, r->meta.doc_title);
	ex_prep(&r->page);
	return true;
}

/* One attempt on the page, as the preparation left it; its changes are logged, to be kept or undone. */
static struct attempt *
run_attempt(struct run *r, unsigned flags)
{
	struct attempt *a = &r->tries[r->ntries++];

	ex_clear_private(r->page.body);
	ex_log_start(&r->page);
	a->content = ex_grab(&r->page, flags, r->title, &r->byline);
	ex_tidy(&r->page, a->content, flags);
	a->len = ex_text_len(a->content);
	return a;
}

/* The attempt's article copied out of the page (it stays the best so far); false when out of memory. */
static bool
keep_attempt(struct attempt *a)
{
	return (a->content = ex_doc_copy(&a->doc, a->content)) != NULL;
}

/*
 * Readability's way: all rules first; while too little is left, again with
 * one rule less. The first attempt long enough keeps its changes to the page;
 * one too short is undone, the best of those so far copied out first.
 */
static struct attempt *
find_article(struct run *r)
{
	static const unsigned flags[ATTEMPTS] = {
		EXF_STRIP_UNLIKELY | EXF_WEIGHT_CLASSES | EXF_CLEAN_CONDITIONALLY,
		EXF_WEIGHT_CLASSES | EXF_CLEAN_CONDITIONALLY,
		EXF_CLEAN_CONDITIONALLY,
		0,
	};
	struct attempt *best = NULL, *a;
	size_t i;

	if (!parse_page(r))
		return NULL;
	for (i = 0; i < ATTEMPTS; i++) {
		a = run_attempt(r, flags[i]);
		if (a->len >= CHAR_THRESHOLD) {
			ex_log_commit(&r->page);
			return a;
		}
		/* the longest so far is kept, the others go at once; a looser attempt
		 * replaces a stricter one only when it finds much more (more of the same
		 * short article is boilerplate the strict rules had cut) */
		if (!best || a->len >= LOOSER_GAIN * best->len) {
			if (!keep_attempt(a)) {
				ex_log_undo(&r->page);
				break;
			}
			if (best)
				ex_doc_free(&best->doc);
			best = a;
		}
		ex_log_undo(&r->page);
	}
	return best;
}

/* ---- is it an article ---- */

struct blocks {
	size_t n;
	double longest, total;
	size_t sentences;	/* blocks of SHORT_BLOCK_WORDS or more holding a sentence's end */
	double sentence_words;	/* the words of those */
};

static void
count_blocks(const char *text, struct blocks *b)
{
	const char *line = text, *nl;

	memset(b, 0, sizeof *b);
	for (; *line; line = nl + 1) {
		struct ex_text t = {0};

		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		ex_text_add(&t, line, (size_t)(nl - line));
		if (t.chars) {
			b->n++;
			b->total += t.words;
			if (t.words > b->longest)
				b->longest = t.words;
			if (t.words >= SHORT_BLOCK_WORDS) {
				char *one = xstrndup(line, (size_t)(nl - line));

				if (ex_has_sentence_end(one)) {
					b->sentences++;
					b->sentence_words += t.words;
				}
				free(one);
			}
		}
		if (!*nl)
			break;
	}
}

static bool
is_article(const char *text)
{
	struct blocks b;

	count_blocks(text, &b);
	return b.longest >= FOUND_BLOCK_WORDS || b.total >= FOUND_TOTAL_WORDS;
}

/*
 * A short article: a page that gives its publication date (so it calls itself an
 * article) whose content is two paragraphs of sentences or more, SHORT_TOTAL_WORDS
 * in all: a notice, a news brief. Without the date, text this short is more often
 * an error page, a cookie wall or a teaser.
 */
static bool
is_short_article(const struct run *r, const char *text)
{
	struct blocks b;

	if (!r->meta.published)
		return false;
	count_blocks(text, &b);
	return b.sentences >= 2 && b.sentence_words >= SHORT_TOTAL_WORDS;
}

static double
count_words(const char *text)
{
	struct blocks b;

	count_blocks(text, &b);
	return b.total;
}

/* Why there is no article, from the whole page's text. */
static void
no_article(struct run *r, struct bl_err *err)
{
	struct buf text = {0};
	struct blocks b = {0};

	ex_write_text(r->page.body, &text);
	count_blocks(buf_cstr(&text), &b);
	buf_free(&text);
	if (r->meta.login_form && b.total < LOGIN_WALL_WORDS)
		bl_err_set(err, "no article: the page asks to log in first (a login form, %zu short "
			   "block%s of text)", b.n, b.n == 1 ? "" : "s");
	else if (b.n == 0)
		bl_err_set(err, "no article found: the page holds no text (one built by scripts, "
			   "which byline does not run?)");
	else if (b.longest < FOUND_BLOCK_WORDS)
		bl_err_set(err, "no article found: the page holds %zu short block%s, none above %d words",
			   b.n, b.n == 1 ? "" : "s", FOUND_BLOCK_WORDS);
	else
		bl_err_set(err, "no article found: the page's %zu blocks of text are scattered, none "
			   "stands out as the article", b.n);
}

/* ---- the article ---- */

/* A one-line field: cleaned, whitespace collapsed, cut to FIELD_MAX bytes; NULL stays NULL. */
static char *
field(const char *s)
{
	struct buf b = {0};
	char *clean;
	size_t n;

	if (!s)
		return NULL;
	clean = text_clean_line(s, strlen(s), TEXT_EMOJI_PASSTHROUGH);
	for (const char *p = clean; *p; p++) {
		if (*p == ' ' && (!b.len || b.data[b.len - 1] == ' '))
			continue;
		buf_putc(&b, *p);
	}
	free(clean);
	n = b.len;
	while (n && b.data[n - 1] == ' ')
		n--;
	if (n > FIELD_MAX)
		for (n = FIELD_MAX; n && ((unsigned char)b.data[n] & 0xc0) == 0x80; n--)
			;
	buf_truncate(&b, n);
	return n ? buf_steal(&b) : (buf_free(&b), NULL);
}

/* The URL links resolve against: the page's <base> (http or https only), else its own. */
static char *
base_of(const char *url, const char *base)
{
	char *b = base ? url_resolve(url, base) : NULL;

	if (b && url_kind(b) == URL_WEB)
		return b;
	free(b);
	return url ? xstrdup(url) : NULL;
}

/* The JSON-LD articleBody as the article: its paragraphs, one a line. */
static void
body_from_jsonld(const char *body, struct buf *html, struct buf *text)
{
	const char *line = body, *nl;
	struct buf tmp = {0};

	for (; *line; line = *nl ? nl + 1 : nl) {
		nl = line + strcspn(line, "\n");
		buf_reset(&tmp);
		text_clean_append(&tmp, line, (size_t)(nl - line), TEXT_EMOJI_PASSTHROUGH, true);
		if (strspn(buf_cstr(&tmp), " ") == tmp.len)
			continue;
		buf_puts(html, "<p>");
		for (const char *p = buf_cstr(&tmp); *p; p++) {
			if (*p == '<')
				buf_puts(html, "&lt;");
			else if (*p == '>')
				buf_puts(html, "&gt;");
			else if (*p == '&')
				buf_puts(html, "&amp;");
			else
				buf_putc(html, *p);
		}
		buf_puts(html, "</p>");
		if (text->len)
			buf_putc(text, '\n');
		buf_puts(text, buf_cstr(&tmp));
		buf_putc(text, '\n');
	}
	buf_free(&tmp);
}

/* The article: the best attempt's content (its text already in text, which is taken), or the JSON-LD body. */
static struct extract_article *
article_of(struct run *r, const struct attempt *best, const char *url, char *charset,
	   struct buf *text)
{
	struct extract_article *a = xcalloc(1, sizeof *a);
	struct buf html = {0};
	int64_t t;

	a->url = base_of(url, r->meta.base);
	a->title = field(r->title);
	a->author = field(r->meta.author ? r->meta.author : r->byline);
	a->site = field(r->meta.site);
	a->lang = field(r->meta.lang);
	a->published = r->meta.published && date_parse(r->meta.published, &t) ? t : BL_NO_DATE;
	a->charset = charset;
	if (r->meta.jsonld_body && (!is_article(buf_cstr(text)) ||
				    (is_article(r->meta.jsonld_body) &&
				     count_words(r->meta.jsonld_body) >= JSONLD_GAIN * count_words(buf_cstr(text))))) {
		buf_reset(text);
		body_from_jsonld(r->meta.jsonld_body, &html, text);
		add_warning(r, "the page's own text is short of its JSON-LD articleBody: the article is that");
	} else {
		ex_write_html(best->content, a->url, &html);
	}
	a->html = html.data ? buf_steal(&html) : xstrdup("");
	a->text = text->data ? buf_steal(text) : xstrdup("");
	a->warnings = r->warnings;
	a->nwarnings = r->nwarnings;
	r->warnings = NULL;
	r->nwarnings = 0;
	return a;
}

static void
run_free(struct run *r)
{
	size_t i;

	for (i = 0; i < r->ntries; i++)
		ex_doc_free(&r->tries[i].doc);
	ex_doc_free(&r->page);
	for (i = 0; i < r->nwarnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	ex_meta_free(&r->meta);
	free(r->title);
	free(r->byline);
}

enum bl_status
extract_page(const char *data, size_t len, const char *url, const char *charset,
	     struct extract_article **out, struct bl_err *err)
{
	struct run r = {0};
	struct attempt *best;
	const char *what;
	char *utf8, *used = NULL;
	size_t n;
	struct buf text = {0};
	enum bl_status st = BL_ERR;

	*out = NULL;
	if (len > EXTRACT_MAX_PAGE)
		return bl_err_set(err, "the page is larger than %zu MiB; not read", EXTRACT_MAX_PAGE >> 20);
	if ((what = not_html(data, len)))
		return bl_err_set(err, "not a web page: %s", what);
	if (is_feed(data, len))
		return bl_err_set(err, "not a web page: an RSS or Atom feed (add it with a feed line)");
	text_init();
	utf8 = ex_decode(data, len, charset, &n, &used, add_warning, &r);
	r.utf8 = utf8;
	r.len = ex_strip_raw(utf8, n);
	best = find_article(&r);
	if (!best) {
		bl_err_set(err, "the page could not be parsed");
		goto out;
	}
	ex_write_text(best->content, &text);
	if (!is_article(buf_cstr(&text)) && !is_short_article(&r, buf_cstr(&text)) &&
	    !(r.meta.jsonld_body && is_article(r.meta.jsonld_body))) {
		no_article(&r, err);
		goto out;
	}
	if (r.meta.login_form && count_words(buf_cstr(&text)) < LOGIN_WALL_WORDS) {
		no_article(&r, err);
		goto out;
	}
	*out = article_of(&r, best, url, used, &text);
	used = NULL;
	st = BL_OK;
out:
	buf_free(&text);
	free(used);
	free(utf8);
	run_free(&r);
	return st;
}

void
extract_article_free(struct extract_article **ap)
{
	struct extract_article *a = *ap;
	size_t i;

	if (!a)
		return;
	free(a->url);
	free(a->title);
	free(a->author);
	free(a->site);
	free(a->lang);
	free(a->charset);
	free(a->html);
	free(a->text);
	for (i = 0; i < a->nwarnings; i++)
		free(a->warnings[i]);
	free(a->warnings);
	free(a);
	*ap = NULL;
}
