/* The query language: which articles a list shows, parsed into a tree the store compiles to SQL (doc/QUERY.md). */
#ifndef BYLINE_QUERY_H
#define BYLINE_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/buf.h"

/* The longest query read (bytes) and the deepest nesting of parentheses and negations. */
#define QUERY_MAX_LEN 4096
#define QUERY_MAX_DEPTH 32

enum query_kind {
	QUERY_AND,		/* a and b */
	QUERY_OR,		/* a or b */
	QUERY_NOT,		/* not a */
	QUERY_WORD,		/* text in field (a phrase when it holds blanks; a prefix when it ends in '*') */
	QUERY_FEED,		/* the feed's title or URL holds text (any case) */
	QUERY_TAG,		/* the feed carries tag text (its urls, filled by query_resolve_feeds) */
	QUERY_UNREAD,
	QUERY_READ,
	QUERY_STARRED,
	QUERY_AFTER,		/* date >= value (seconds since the epoch, UTC) */
	QUERY_BEFORE,		/* date < value */
	QUERY_NEWER,		/* date >= now - value (value in seconds) */
	QUERY_OLDER,		/* date < now - value */
	QUERY_HAS_ENCLOSURE,
	QUERY_HAS_FULLTEXT,
};

/* The fields a word term looks in (those of the store's word index). */
enum query_field {
	QUERY_FIELD_ANY,	/* title, author, summary and content, link */
	QUERY_FIELD_TITLE,
	QUERY_FIELD_AUTHOR,
	QUERY_FIELD_TEXT,
	QUERY_FIELD_LINK,
};

struct query_node {
	enum query_kind kind;
	enum query_field field;		/* QUERY_WORD */
	char *text;			/* WORD (NFC), FEED (NFC, folded), TAG */
	int64_t value;			/* AFTER, BEFORE, NEWER, OLDER */
	char **urls;			/* TAG, FEED: feeds the config names (query_resolve_feeds) */
	size_t nurls;
	struct query_node *a, *b;	/* AND, OR: both; NOT: a */
	size_t pos;			/* where the term starts in the query, bytes */
};

/* A parsed query: its tree (owned) and its text. */
struct query {
	struct query_node *root;
	char *src;
};

/* Where a query is wrong and why. */
struct query_error {
	size_t pos;		/* byte offset into the query of the mistake */
	char msg[256];		/* the reason, and a suggestion where there is one */
};

/*
 * Parses src (UTF-8). Returns the query (free with query_free) or NULL with
 * *e filled. Nothing of src is kept but a copy.
 */
struct query *query_parse(const char *src, struct query_error *e);
void query_free(struct query **qp);

/*
 * The message for a mistake: the query, a caret under the place (by display
 * width, control characters shown as '?'), the reason, on three lines with
 * `indent` before the first two. Appended to out, without a final newline.
 */
void query_error_format(struct buf *out, const char *src, const struct query_error *e,
			const char *indent);
/* The one-line form: "column N: reason" (the reader's status line). */
void query_error_line(struct buf *out, const char *src, const struct query_error *e);

/*
 * What only the caller knows, the config: fn is called once for every tag:
 * term (the feeds carrying the tag) and every feed: term (the feeds whose
 * title in the config holds the text, folded) and appends xstrdup'ed URLs
 * to *urls (grown with xreallocarray). A tag no feed carries matches
 * nothing; a feed: term also matches the feed's own title and URL.
 */
typedef void (*query_feeds_fn)(void *ud, enum query_kind kind, const char *text, char ***urls,
			       size_t *n);
void query_resolve_feeds(struct query *q, query_feeds_fn fn, void *ud);

/* Whether the tree holds a word term (the store then asks its word index). */
bool query_has_words(const struct query_node *n);

/*
 * Case folding and NFC of text, as feed: terms compare (a copy, caller frees;
 * NULL in, "" out).
 */
char *query_fold(const char *s);

/* The tree as text, fully parenthesized: for tests and the fuzz target. */
void query_dump(struct buf *out, const struct query_node *n);

#endif
