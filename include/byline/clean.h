/* Cleaning strangers' text: valid UTF-8, no controls, no bidi overrides (one line or several). */
#ifndef BYLINE_CLEAN_H
#define BYLINE_CLEAN_H

#include <stddef.h>

#include "byline/buf.h"

/* Flags of clean_append: how its two callers' rules differ. */
enum clean_flags {
	/*
	 * Several lines (the feed parser's bodies): tab and LF are kept, CR
	 * becomes LF, bidi controls are kept (HTML bodies may need them).
	 */
	CLEAN_MULTILINE = 1,
	/*
	 * The feed parser's rules: C1 controls become the windows-1252
	 * characters they were meant as (a mislabelled feed), other controls
	 * U+FFFD, so that something visibly stood there.
	 */
	CLEAN_FEED = 2,
};

/*
 * Appends s (len bytes, may hold anything) to b, cleaned: invalid UTF-8
 * becomes U+FFFD, one for each byte that starts no valid sequence. Without
 * flags: tabs, newlines, other C0 and C1 controls and DEL become spaces and
 * bidi controls (U+061C, U+200E/F, U+202A..E, U+2066..9) are dropped.
 * flags change this as enum clean_flags says.
 */
void clean_append(struct buf *b, const char *s, size_t len, unsigned flags);

/* clean_append without flags: one line for a status bar or message. */
void clean_line(struct buf *b, const char *s, size_t len);

/* The windows-1252 character for a C1 control c (0x80..0x9f); 0 where it has none. */
unsigned clean_cp1252(unsigned c);

#endif
