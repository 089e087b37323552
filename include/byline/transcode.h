/* Whole documents in any declared encoding to clean UTF-8 (the feed parser's transcoder). */
#ifndef BYLINE_TRANSCODE_H
#define BYLINE_TRANSCODE_H

#include <stddef.h>

/* Called with each warning, e.g. "bytes that are not valid UTF-8 were read as windows-1252". */
typedef void (*transcode_warn_fn)(void *ud, const char *msg);

/*
 * Decodes `in` (len bytes) to UTF-8 as the feed parser does: a byte order
 * mark wins, then `charset` (NULL: none), then an XML declaration, else
 * UTF-8 (where bytes that are not UTF-8 are read as windows-1252). What
 * cannot be read, and control characters other than tab, LF and CR,
 * become U+FFFD. Returns the text (owned by the caller, NUL-terminated),
 * its length in *outlen, how many sequences were replaced or reread in
 * *nbad (NULL: not wanted), and the encoding used (a new string, e.g.
 * "GB18030") in *encoding (NULL: not wanted). warn may be NULL.
 */
char *transcode_all(const char *in, size_t len, const char *charset, size_t *outlen,
		    size_t *nbad, char **encoding, transcode_warn_fn warn, void *ud);

#endif
