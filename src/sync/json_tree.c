/* Servers' JSON answers as a tree built over yajl's callbacks: bounded in depth and values, one arena a document. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "byline/mem.h"
#include "sync_int.h"

#define JSON_MAX_DEPTH 64		/* deeper nesting is refused: no answer needs it */
#define JSON_MAX_VALUES (4u << 20)	/* values a document may hold (a 10,000-id list: 20,000) */
#define CHUNK (64u << 10)		/* arena chunk; a larger string gets a chunk of its own */

/* The arena of one document: every node, string and list of it; freed at once. */
struct sync_json_doc {
	struct chunk *chunks;
	unsigned refs;
};

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

static void *
arena_alloc(struct sync_json_doc *d, size_t n)
{
	struct chunk *c = d->chunks;
	size_t al = sizeof(max_align_t), size;
	void *p;

	n = (n + al - 1) / al * al;
	if (!c || c->size - c->used < n) {
		size = n > CHUNK / 4 ? n : CHUNK;
		c = xmalloc(sizeof(*c) + size);
		c->used = 0;
		c->size = size;
		if (n > CHUNK / 4 && d->chunks) {	/* a big one: keep the open chunk open */
			c->next = d->chunks->next;
			d->chunks->next = c;
		} else {
			c->next = d->chunks;
			d->chunks = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

static void
doc_free(struct sync_json_doc *d)
{
	struct chunk *c, *next;

	for (c = d->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	free(d);
}

/* ---- reading ---- */

struct sync_json *
sync_json_get(const struct sync_json *v, const char *key)
{
	size_t i;

	if (!v || v->type != SJ_OBJECT)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (!strcmp(v->keys[i], key))
			return v->items[i];
	return NULL;
}

size_t
sync_json_len(const struct sync_json *v)
{
	return v && v->type == SJ_ARRAY ? v->n : 0;
}

struct sync_json *
sync_json_at(const struct sync_json *v, size_t i)
{
	return i < sync_json_len(v) ? v->items[i] : NULL;
}

bool
sync_json_is(const struct sync_json *v, enum sync_json_type type)
{
	return v && v->type == type;
}

const char *
sync_json_string(const struct sync_json *v)
{
	return v && v->type == SJ_STRING ? v->str : NULL;
}

struct sync_json *
sync_json_keep(struct sync_json *v)
{
	if (v)
		v->doc->refs++;
	return v;
}

void
sync_json_drop(struct sync_json *v)
{
	if (v && --v->doc->refs == 0)
		doc_free(v->doc);
}

/* ---- building, over yajl's callbacks ---- */

/* A list or an object being read: its members so far. */
struct frame {
	struct sync_json *node;
	struct sync_json **items;
	char **keys;
	size_t n, cap;
};

struct builder {
	struct sync_json_doc *doc;
	struct frame fr[JSON_MAX_DEPTH];
	int depth;
	size_t values;
	char *key;		/* the key of the member that comes next */
	struct sync_json *root;
	const char *refused;	/* a bound was passed: why */
};

static char *
arena_strdup(struct sync_json_doc *d, const unsigned char *s, size_t n)
{
	char *p = arena_alloc(d, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* A new value, put in the list or object it is in. NULL when too many. */
static struct sync_json *
value(struct builder *b, enum sync_json_type type)
{
	struct sync_json *v;
	struct frame *f;

	if (++b->values > JSON_MAX_VALUES) {
		b->refused = "with too many values";
		return NULL;
	}
	v = arena_alloc(b->doc, sizeof(*v));
	memset(v, 0, sizeof(*v));
	v->type = type;
	v->doc = b->doc;
	if (b->depth == 0) {
		b->root = v;
		return v;
	}
	f = &b->fr[b->depth - 1];
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		/* Both: a frame is used by lists and objects in turn. */
		f->items = xreallocarray(f->items, f->cap, sizeof(*f->items));
		f->keys = xreallocarray(f->keys, f->cap, sizeof(*f->keys));
	}
	if (f->node->type == SJ_OBJECT)
		f->keys[f->n] = b->key;
	f->items[f->n++] = v;
	return v;
}

static int
on_null(void *ctx)
{
	return value(ctx, SJ_NULL) != NULL;
}

static int
on_boolean(void *ctx, int yes)
{
	struct sync_json *v = value(ctx, SJ_BOOL);

	if (v)
		v->b = yes;
	return v != NULL;
}

/* A number as written: an integer when it is one that fits, else a double. */
static int
on_number(void *ctx, const char *s, size_t n)
{
	struct builder *b = ctx;
	struct sync_json *v = value(b, SJ_INT);
	char tmp[64], *end;

	if (!v)
		return 0;
	if (n >= sizeof(tmp)) {
		v->type = SJ_DOUBLE;	/* longer than any int64 or double needs: not an id */
		return 1;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	v->i = strtoll(tmp, &end, 10);
	if (errno || *end) {
		v->type = SJ_DOUBLE;
		v->d = strtod(tmp, NULL);
	}
	return 1;
}

static int
on_string(void *ctx, const unsigned char *s, size_t n)
{
	struct builder *b = ctx;
	struct sync_json *v = value(b, SJ_STRING);

	if (v) {
		v->str = arena_strdup(b->doc, s, n);
		v->n = n;
	}
	return v != NULL;
}

static int
on_start(struct builder *b, enum sync_json_type type)
{
	struct sync_json *v;
	struct frame *f;

	if (b->depth == JSON_MAX_DEPTH) {
		b->refused = "nested too deeply";
		return 0;
	}
	if (!(v = value(b, type)))
		return 0;
	f = &b->fr[b->depth++];
	f->node = v;
	f->n = 0;
	return 1;
}

static int
on_start_map(void *ctx)
{
	return on_start(ctx, SJ_OBJECT);
}

static int
on_start_array(void *ctx)
{
	return on_start(ctx, SJ_ARRAY);
}

static int
on_key(void *ctx, const unsigned char *s, size_t n)
{
	struct builder *b = ctx;

	b->key = arena_strdup(b->doc, s, n);
	return 1;
}

/* A list or object ends: its members move to the arena. */
static int
on_end(void *ctx)
{
	struct builder *b = ctx;
	struct frame *f = &b->fr[--b->depth];
	struct sync_json *v = f->node;

	v->n = f->n;
	if (f->n) {
		v->items = arena_alloc(b->doc, f->n * sizeof(*v->items));
		memcpy(v->items, f->items, f->n * sizeof(*v->items));
	}
	if (f->n && v->type == SJ_OBJECT) {
		v->keys = arena_alloc(b->doc, f->n * sizeof(*v->keys));
		memcpy(v->keys, f->keys, f->n * sizeof(*v->keys));
	}
	return 1;
}

static const yajl_callbacks callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_boolean,
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = on_start_map,
	.yajl_map_key = on_key,
	.yajl_end_map = on_end,
	.yajl_start_array = on_start_array,
	.yajl_end_array = on_end,
};

/* A document being read, piece by piece as it arrives. */
struct sync_json_parser {
	struct builder b;
	yajl_handle h;
	size_t fed;		/* bytes so far */
	size_t bad_at;		/* where it broke, once it did */
	bool broken;
};

struct sync_json_parser *
sync_json_parser_new(void)
{
	struct sync_json_parser *p = xcalloc(1, sizeof(*p));

	p->b.doc = xcalloc(1, sizeof(*p->b.doc));
	if (!(p->h = yajl_alloc(&callbacks, NULL, &p->b)))
		abort();	/* out of memory, as xmalloc would */
	/* Bodies may carry invalid UTF-8: the text layer cleans what is kept. */
	yajl_config(p->h, yajl_dont_validate_strings, 1);
	return p;
}

void
sync_json_parser_feed(struct sync_json_parser *p, const char *buf, size_t len)
{
	if (!p->broken && yajl_parse(p->h, (const unsigned char *)buf, len) != yajl_status_ok) {
		p->broken = true;
		p->bad_at = p->fed + yajl_get_bytes_consumed(p->h);
	}
	p->fed += len;
}

void
sync_json_parser_free(struct sync_json_parser **pp)
{
	struct sync_json_parser *p = *pp;
	int i;

	if (!p)
		return;
	yajl_free(p->h);
	for (i = 0; i < JSON_MAX_DEPTH; i++) {
		free(p->b.fr[i].items);
		free(p->b.fr[i].keys);
	}
	if (p->b.doc)
		doc_free(p->b.doc);
	free(p);
	*pp = NULL;
}

struct sync_json *
sync_json_parser_end(struct sync_json_parser **pp, size_t *bad_at, const char **why)
{
	struct sync_json_parser *p = *pp;
	struct sync_json *root = NULL;

	if (!p->broken && yajl_complete_parse(p->h) != yajl_status_ok) {
		p->broken = true;
		p->bad_at = p->fed;
	}
	if (!p->broken && p->b.root) {
		root = p->b.root;
		root->doc->refs = 1;
		p->b.doc = NULL;	/* the caller's now */
	} else {
		*bad_at = p->bad_at;
		*why = p->b.refused ? p->b.refused : "cut off or garbled";
	}
	sync_json_parser_free(pp);
	return root;
}

struct sync_json *
sync_json_parse(const char *buf, size_t len, size_t *bad_at, const char **why)
{
	struct sync_json_parser *p = sync_json_parser_new();

	sync_json_parser_feed(p, buf, len);
	return sync_json_parser_end(&p, bad_at, why);
}
