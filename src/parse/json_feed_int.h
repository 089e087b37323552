/* The JSON Feed reader inside the feed parser (json_feed.c); not part of the public API. */
#ifndef BYLINE_JSON_FEED_INT_H
#define BYLINE_JSON_FEED_INT_H

#include <stddef.h>

struct feed_parser;

/*
 * A JSON Feed 1.0 or 1.1 document read with yajl's streaming parser. The
 * feed parser makes one when the document's first byte (past a UTF-8 byte
 * order mark and blanks) is '{' or '[', and hands it every byte from there
 * on. It fills the feed parser's fields and delivers items through its
 * callbacks; a document it cannot read sets the feed parser's not_feed and
 * fail_msg. The reader is owned by the feed parser.
 */
struct json_feed;

struct json_feed *json_feed_new(struct feed_parser *p);
/* Reads the next n bytes of the document (any chunk size). */
void json_feed_push(struct json_feed *j, const char *s, size_t n);
/* The document ended: a JSON value left open is a syntax error. */
void json_feed_finish(struct json_feed *j);
/*
 * Where the reader is, as a warning's prefix ("items[3].title: ", or
 * "line 2, column 7: " for problems in the bytes themselves), written into
 * out (size n); returns its length (0 at the top of the document).
 */
int json_feed_where(const struct json_feed *j, char *out, size_t n);
void json_feed_free(struct json_feed **jp);

#endif
