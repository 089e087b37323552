/* URL resolution (RFC 3986) and checks on URLs from strangers. */
#ifndef BYLINE_URL_H
#define BYLINE_URL_H

/*
 * Resolves `ref` against `base` per RFC 3986 section 5. Either may be NULL.
 * Returns a new string owned by the caller, or NULL when ref is NULL/empty
 * and there is nothing to return. A ref that is already absolute is
 * returned normalized (dot segments removed) and unchanged otherwise.
 */
char *url_resolve(const char *base, const char *ref);

#endif
