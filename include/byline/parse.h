/* Streaming feed parser (RSS, Atom, JSON Feed, decided by the bytes): bytes in (any chunk size), items out. */
#ifndef BYLINE_PARSE_H
#define BYLINE_PARSE_H

#include <stddef.h>

#include "byline/err.h"
#include "byline/item.h"

/*
 * Callbacks. The structs passed in are owned by the parser and valid only
 * during the call; copy what you keep. Any callback may be NULL.
 * on_feed is called once, when the feed-level fields are known (at the
 * first item, or at the end for a feed with no items); fields that only
 * appear after the items are then reported again by feed_parser_info().
 */
struct parse_callbacks {
	void (*on_feed)(void *ud, const struct feed_info *fi);
	void (*on_item)(void *ud, const struct item *it);
	void (*on_warning)(void *ud, const char *msg);
};

struct feed_parser;

/*
 * doc_url: the document's own URL (base for relative links), or NULL.
 * charset: an external charset (HTTP Content-Type or --charset) that
 * overrides the XML declaration (RFC 7303), or NULL; JSON is UTF-8 always.
 */
struct feed_parser *feed_parser_new(const char *doc_url, const char *charset,
				    const struct parse_callbacks *cb, void *ud);
/* Feeds the next chunk. BL_ERR (with a message) when the input cannot be a feed. */
enum bl_status feed_parser_push(struct feed_parser *p, const char *buf, size_t len,
				struct bl_err *err);
/* Ends the document. BL_ERR when it was not a feed at all. */
enum bl_status feed_parser_finish(struct feed_parser *p, struct bl_err *err);
/* The feed-level fields as known so far (owned by the parser). */
const struct feed_info *feed_parser_info(const struct feed_parser *p);
void feed_parser_free(struct feed_parser **pp);

#endif
