/* Allocation wrappers that abort with a message when memory runs out. */
#ifndef BYLINE_MEM_H
#define BYLINE_MEM_H

#include <stddef.h>

/* All return memory owned by the caller (free with free()); never NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array to hold at least `need` elements of `size` bytes. */
void *xreallocarray(void *p, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xstrdup of a possibly NULL string: NULL stays NULL. */
char *xstrdup_null(const char *s);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
