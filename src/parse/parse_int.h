/* Pieces shared by the feed parser's files; not part of the public API. */
#ifndef BYLINE_PARSE_INT_H
#define BYLINE_PARSE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "byline/buf.h"
#include "byline/transcode.h"

/* Limits: past them text is cut (with a warning) or the document stops. */
#define PARSE_MAX_DOC (64u << 20)	/* bytes of input read per document */
#define PARSE_MAX_LINE_FIELD (64u << 10)	/* title, link, id, author ... */
#define PARSE_MAX_HTML_FIELD (8u << 20)	/* summary, content, description */
#define PARSE_MAX_WARNINGS 64		/* warnings reported per document */

/*
 * The output of a stage that mostly passes its input on unchanged (the
 * transcoder, the reference fixer): bytes taken as they are stay a span
 * of the stage's input, not a copy; only what the stage changes, and what
 * comes before it, is copied into buf. The output is buf followed by the
 * span, so the span lives only as long as the input it points into.
 */
struct pass_out {
	struct buf buf;
	const char *span;
	size_t span_len;
};

/* Copies the span into buf: before the input goes away or new bytes follow. */
static inline void
pass_flush(struct pass_out *o)
{
	if (o->span_len) {
		buf_append(&o->buf, o->span, o->span_len);
		o->span_len = 0;
	}
}

/* The buffer to append changed bytes to (the span copied in first). */
static inline struct buf *
pass_buf(struct pass_out *o)
{
	pass_flush(o);
	return &o->buf;
}

/* Passes n unchanged input bytes at s on. */
static inline void
pass_span(struct pass_out *o, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (o->span_len && o->span + o->span_len == s) {
		o->span_len += n;
		return;
	}
	pass_flush(o);
	o->span = s;
	o->span_len = n;
}

static inline void
pass_reset(struct pass_out *o)
{
	buf_reset(&o->buf);
	o->span_len = 0;
}

/*
 * Transcoder: raw feed bytes (any encoding) to clean UTF-8 for libxml2.
 * The encoding is chosen as RFC 7303 says: a byte order mark, else the
 * external charset, else the XML declaration, else UTF-8. Bad byte
 * sequences become U+FFFD and characters XML forbids (C0 controls but
 * tab, LF, CR) become U+FFFD too, so nothing after them is lost.
 */
struct transcoder;

/* external: charset from outside the document (may be NULL). */
struct transcoder *transcoder_new(const char *external, transcode_warn_fn warn, void *ud);
/*
 * Adds the UTF-8 for the next input chunk to out (may add nothing yet);
 * what out holds is valid until in goes away or the next call.
 */
void transcoder_push(struct transcoder *t, const char *in, size_t len, struct pass_out *out);
/* Flushes what is held back (an incomplete sequence becomes U+FFFD). */
void transcoder_finish(struct transcoder *t, struct pass_out *out);
void transcoder_free(struct transcoder **tp);

/* Text helpers (text.c). All append to or return caller-owned memory. */

/* Appends s as HTML text: & < > " escaped. */
void parse_escape_html(struct buf *out, const char *s, size_t n);
/* Appends the text of an HTML fragment: tags dropped, entities decoded. */
void parse_html_to_text(struct buf *out, const char *s, size_t n);
/* Bytes at s before the first '&' or '<'. */
size_t parse_until_markup(const char *s, size_t n);
/* True when s looks like it holds markup or entity references. */
bool parse_looks_like_html(const char *s, size_t n);
/* Collapses whitespace runs to one space and trims, in place. */
void parse_collapse_ws(struct buf *b);
/* Trims leading and trailing whitespace, in place. */
void parse_trim(struct buf *b);
/*
 * Cleans finished field text in place: invalid UTF-8 and C1 controls become
 * U+FFFD; C0 controls become U+FFFD (bodies keep \n and \t when multiline);
 * single-line fields also lose bidi controls and turn \n, \t into spaces.
 * Returns what it changed beyond whitespace: PARSE_CLEANED_* bits, or 0.
 */
enum { PARSE_CLEANED_CONTROL = 1, PARSE_CLEANED_BIDI = 2 };
unsigned parse_clean(struct buf *b, bool multiline);
/* The same for text that may not be valid UTF-8 (decoded base64). */
void parse_clean_untrusted(struct buf *b, bool multiline);
/* Cuts b to at most max bytes on a UTF-8 boundary; true when it cut. */
bool parse_cap(struct buf *b, size_t max);
/* Appends the UTF-8 encoding of code point c. */
void parse_put_utf8(struct buf *out, unsigned c);
/* Rewrites relative URL attributes (href, src, srcset ...) of an HTML fragment against base. */
char *parse_html_resolve(const char *html, const char *base);
/* True for an attribute whose value is one URL (href, src, poster, cite ...). */
int parse_is_url_attr(const char *name, size_t n);
/* A srcset value with each candidate's URL resolved against base (caller frees). */
char *parse_srcset_resolve(const char *srcset, const char *base);

/* HTML named entities (entities.c): the UTF-8 for &name;, or NULL. */
const char *entity_lookup(const char *name, char out[8]);
/* HTML text: references to 128..159 rewritten as the windows-1252 characters'. */
void entity_fix_c1_refs(struct buf *b);

/*
 * The reference fixer: UTF-8 in, UTF-8 out, with every entity reference
 * outside CDATA and comments made safe for libxml2 (see entities.c).
 * Warnings name the output line.
 */
struct entity_fixer;
typedef void (*entity_warn_fn)(void *ud, const char *msg);
struct entity_fixer *entity_fixer_new(entity_warn_fn warn, void *ud);
/*
 * Adds the fixed text to out, valid until s goes away or the next call;
 * final flushes what was held back.
 */
void entity_fixer_push(struct entity_fixer *f, const char *s, size_t n, int final,
		       struct pass_out *out);
void entity_fixer_free(struct entity_fixer **fp);

#endif
