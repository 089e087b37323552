/* Bump allocation for the renderer: a tree's nodes, a document's span texts, freed all at once. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "render_int.h"

#define ARENA_CHUNK 65536
/* Allocations larger than this get a chunk of their own, behind the one in use. */
#define ARENA_BIG (ARENA_CHUNK / 4)

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

static struct arena_chunk *
new_chunk(size_t size)
{
	struct arena_chunk *c = xmalloc(sizeof *c + size);

	c->used = 0;
	c->size = size;
	c->next = NULL;
	return c;
}

static void *
alloc_in(struct arena *a, size_t n, size_t align)
{
	struct arena_chunk *c = a->chunks;
	size_t at;

	if (n > ARENA_BIG) {
		struct arena_chunk *big = new_chunk(n);

		big->used = n;
		if (c) {	/* the current chunk keeps serving the small ones */
			big->next = c->next;
			c->next = big;
		} else {
			a->chunks = big;
		}
		return big->data;
	}
	at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (!c || at + n > c->size) {
		c = new_chunk(ARENA_CHUNK);
		c->next = a->chunks;
		a->chunks = c;
		at = 0;
	}
	c->used = at + n;
	return (char *)c->data + at;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return alloc_in(a, n ? n : 1, sizeof(max_align_t));
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = alloc_in(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

bool
arena_grow(struct arena *a, void *p, size_t old, size_t want)
{
	struct arena_chunk *c = a->chunks;

	if (!c || (char *)p + old != (char *)c->data + c->used ||
	    want - old > c->size - c->used || want < old)
		return false;
	c->used += want - old;
	return true;
}

void
arena_free(struct arena *a)
{
	while (a->chunks) {
		struct arena_chunk *c = a->chunks;

		a->chunks = c->next;
		free(c);
	}
}
