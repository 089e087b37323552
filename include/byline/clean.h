/* Cleaning strangers' text into one safe line: valid UTF-8, no controls, no bidi overrides. */
#ifndef BYLINE_CLEAN_H
#define BYLINE_CLEAN_H

#include <stddef.h>

#include "byline/buf.h"

/*
 * Appends s (len bytes, may hold anything) to b as one line: invalid UTF-8
 * becomes U+FFFD; tabs, newlines, other C0 and C1 controls and DEL become
 * spaces; bidi controls are dropped.
 */
void clean_line(struct buf *b, const char *s, size_t len);

#endif
