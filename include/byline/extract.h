/* Reader mode: the article of a web page (title, byline, date, clean HTML and plain text). */
#ifndef BYLINE_EXTRACT_H
#define BYLINE_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "byline/err.h"

/* Largest page extract_page reads (as the feed parser's PARSE_MAX_DOC). */
#define EXTRACT_MAX_PAGE ((size_t)64 << 20)

/*
 * An extracted article. Every string is valid UTF-8 owned by the article
 * (freed by extract_article_free) and holds no control character and no
 * bidi control: the one-line fields (title, author, site, lang, url) hold
 * neither tab nor newline, `text` holds newlines only. A field the page
 * does not give is NULL; `published` is then BL_NO_DATE (item.h).
 *
 * html: the article as a clean HTML fragment: headings, paragraphs, lists,
 *   tables, block quotes, pre/code, figures with captions, images with
 *   their alt text, links; no script, style, form, frame, class or style
 *   attribute. Links and images are absolute (resolved against the page's
 *   URL and its <base>); javascript:, vbscript: and data: links are gone.
 * text: the article as plain text, as `byline extract` prints it: one
 *   paragraph a line (not wrapped), blocks separated by a blank line,
 *   headings and list items on lines of their own; ends with a newline.
 * warnings: what was changed on the way (a charset the page did not
 *   declare, a wrong label, ...), one line each.
 */
struct extract_article {
	char *url;		/* where links resolve against: the page's <base>, else its URL */
	char *title;
	char *author;
	char *site;		/* the site's name ("The Guardian"), not its host */
	char *lang;		/* as the page declares it ("en", "zh-CN"), or NULL */
	int64_t published;	/* seconds since the epoch, UTC, or BL_NO_DATE */
	char *charset;		/* the encoding the page was read in ("UTF-8", "GB18030") */
	char *html;
	char *text;
	char **warnings;
	size_t nwarnings;
};

/*
 * Finds the article in a web page: `data` (len bytes, any bytes, at most
 * EXTRACT_MAX_PAGE) is the page as received, `url` its URL after
 * redirects (NULL: links stay relative unless the page has a <base>),
 * `charset` the HTTP Content-Type's charset (NULL when none; a byte order
 * mark wins over it, and a label that the bytes contradict is overridden
 * with a warning).
 *
 * A pure function: no network, no file, no global state; the page's
 * scripts never run. On success sets *out (free with extract_article_free)
 * and returns BL_OK. Otherwise returns BL_ERR with a one-line reason in
 * err, e.g. "no article found: the page holds 3 short blocks, none above
 * 25 words", "not a web page: a PDF document"; the caller names the page.
 */
enum bl_status extract_page(const char *data, size_t len, const char *url, const char *charset,
			    struct extract_article **out, struct bl_err *err);

/* Frees an article and clears the pointer; accepts NULL and a NULL *ap. */
void extract_article_free(struct extract_article **ap);

#endif
