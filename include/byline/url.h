/* URL resolution (RFC 3986) and checks on URLs from strangers. */
#ifndef BYLINE_URL_H
#define BYLINE_URL_H

#include <stdbool.h>

/*
 * Resolves `ref` against `base` per RFC 3986 section 5. Either may be NULL.
 * Returns a new string owned by the caller, or NULL when ref is NULL/empty
 * and there is nothing to return. A ref that is already absolute is
 * returned normalized (dot segments removed) and unchanged otherwise.
 */
char *url_resolve(const char *base, const char *ref);

/* The links the reader opens, by scheme (url starts with one and ':'). */
enum url_kind {
	URL_NO_SCHEME,		/* relative, or no valid scheme */
	URL_WEB,		/* http: or https: */
	URL_MAILTO,		/* mailto: */
	URL_REFUSED,		/* any other scheme (javascript:, file:, data: ...) */
};
enum url_kind url_kind(const char *url);

/*
 * Why `url` cannot be a feed URL, or NULL when it can: http, https (and
 * file when allow_file), a host, no blanks or control characters, at most
 * 4096 bytes. The reason is static text.
 */
const char *url_feed_problem(const char *url, bool allow_file);

#endif
