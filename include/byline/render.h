/* Article rendering: HTML in, wrapped lines of styled spans plus a numbered link list out. */
#ifndef BYLINE_RENDER_H
#define BYLINE_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "byline/buf.h"
#include "byline/err.h"
#include "byline/text.h"

/* Styles of a span, combined as bits. The reader maps them to colors. */
enum render_style {
	RS_BOLD = 1 << 0,
	RS_ITALIC = 1 << 1,
	RS_UNDERLINE = 1 << 2,
	RS_HEADING = 1 << 3,	/* heading text and its underline */
	RS_LINK = 1 << 4,	/* link text and the [N] markers */
	RS_QUOTE = 1 << 5,	/* inside a blockquote, prefix included */
	RS_CODE = 1 << 6,	/* pre, code, kbd, samp */
};

/*
 * A run of text in one style. `text` is clean UTF-8 for the terminal (no
 * control characters, no tabs, no newline); `width` its display width.
 * `link` is the number of the link the span belongs to (1-based), 0 if none.
 */
struct render_span {
	char *text;
	int width;
	unsigned style;
	int link;
};

/*
 * One screen line. `width` is the sum of its spans' widths; it is at most
 * the render width except for lines of `pre` blocks and of the link list
 * (URLs are never wrapped), where `nowrap` is set.
 */
struct render_line {
	struct render_span *spans;
	size_t nspans;
	int width;
	bool nowrap;
};

/*
 * A numbered link, in order of first appearance. `url` is the resolved
 * URL as the document gave it (not checked: validate it before launching
 * anything); `shown` is the same cleaned for one-line display.
 */
struct render_link {
	int number;
	char *url;
	char *shown;
};

struct render_opts {
	int width;		/* columns, at least 1 (values < 1 mean 80) */
	const char *base;	/* URL relative links resolve against, or NULL */
	enum text_emoji emoji;	/* TEXT_EMOJI_SAFE by default */
	bool no_link_list;	/* leave the "Links:" list out of the lines */
};

struct render_doc;

/*
 * Renders the HTML `html` (len bytes, any bytes: invalid UTF-8 is cleaned
 * first). Never fails on bad HTML (libxml2 recovers); returns NULL with a
 * message only when the parser cannot run at all. Free with render_free.
 */
struct render_doc *render_html(const char *html, size_t len, const struct render_opts *opts,
			       struct bl_err *err);
void render_free(struct render_doc **dp);

/* The lines and links; pointers stay owned by the document. */
size_t render_nlines(const struct render_doc *d);
const struct render_line *render_line_at(const struct render_doc *d, size_t i);
size_t render_nlinks(const struct render_doc *d);
const struct render_link *render_link_at(const struct render_doc *d, size_t i);

/*
 * Appends every line with "\n": plain text, or with ANSI SGR styling when
 * `ansi` is true. For tests (unit and fuzz): byline itself prints with
 * render_print.
 */
void render_write(const struct render_doc *d, struct buf *out, bool ansi);
/* The same, written to fp line by line (byline render); -1 when writing fails. */
int render_print(const struct render_doc *d, FILE *fp, bool ansi);

/* ---- export.c: an article leaving byline (save, pipe) ---- */
struct item;
struct enclosure;

/*
 * The article as plain text: a header (Title, Feed, Author, Date, Link),
 * the body wrapped to `width` with its link list, then its enclosures.
 * Control characters never pass. BL_ERR only when the HTML parser cannot run.
 */
enum bl_status render_item_text(const struct item *it, const char *feed_title, int width,
				struct buf *out, struct bl_err *err);
/*
 * The article as a standalone HTML page: its title and header escaped, the
 * feed's HTML as it came, and a Content-Security-Policy that lets no script run.
 */
void render_item_html(const struct item *it, const char *feed_title, struct buf *out);
/* "audio/mpeg, 24.5 MB, 42:10": an enclosure's type, size and duration, as known. */
void render_enclosure_describe(const struct enclosure *e, struct buf *out);

#endif
