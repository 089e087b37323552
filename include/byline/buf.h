/* Growable byte buffers, always NUL-terminated. */
#ifndef BYLINE_BUF_H
#define BYLINE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * A zero-initialized `struct buf` is a valid empty buffer. `data` is NULL
 * until the first append; buf_cstr() never returns NULL.
 */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_append(struct buf *b, const void *p, size_t n);
/* Makes room for `extra` more bytes (and the NUL) without changing the contents. */
void buf_reserve(struct buf *b, size_t extra);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* Drops bytes from the end: keeps the first `len`. */
void buf_truncate(struct buf *b, size_t len);
/* Contents as a C string ("" when empty). Valid until the next change. */
const char *buf_cstr(const struct buf *b);
/* Hands the contents to the caller (free with free()); the buffer is emptied. */
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

#endif
