/* JSON output helpers: strings are always emitted as valid UTF-8 JSON. */
#ifndef BYLINE_JSON_H
#define BYLINE_JSON_H

#include <stddef.h>

#include "byline/buf.h"

/*
 * Appends `s` (n bytes, may hold anything) as a quoted JSON string.
 * Invalid UTF-8 becomes U+FFFD; control characters are \u-escaped.
 */
void json_put_string(struct buf *b, const char *s, size_t n);
/*
 * The same for text already known to be valid UTF-8 (the feed parser's
 * fields): only quotes, backslashes and control characters are escaped,
 * without validating every byte again.
 */
void json_put_valid_string(struct buf *b, const char *s, size_t n);
/* Appends `"key":` then the string value; skips NULL or empty values. */
void json_put_field(struct buf *b, const char *key, const char *value, int *first);

#endif
