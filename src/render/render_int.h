/* Internals of the renderer: lines, the link registry, the layout engine, the tree walk. */
#ifndef BYLINE_RENDER_INT_H
#define BYLINE_RENDER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/render.h"

/*
 * A bump allocator: many small pieces freed together by arena_free (the
 * pointers handed out stay valid until then). Zero-initialise to start.
 */
struct arena_chunk;
struct arena {
	struct arena_chunk *chunks;
};

/* n bytes aligned for any type. */
void *arena_alloc(struct arena *a, size_t n);
/* A NUL-terminated copy of the n bytes at s. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/*
 * Grows the last piece handed out (p, of `old` bytes) to `want` bytes in
 * place; false, nothing changed, when p is not the last or there is no room.
 */
bool arena_grow(struct arena *a, void *p, size_t old, size_t want);
void arena_free(struct arena *a);

/* A growable list of lines (the document's, or one table cell's). */
struct line_list {
	struct render_line *v;
	size_t n, cap;
};

void line_list_push(struct line_list *ll, struct render_line *ln);
/* Forgets the lines (their spans and texts stay in the document's arena). */
void line_list_clear(struct line_list *ll);
/*
 * Lines are built with spans and texts from the document's arena `a`
 * (freed with the document: a line needs no freeing).
 * Appends a span (copies the n bytes of s, clean text) and its width;
 * merges with the last span when styles match. line_add_span_w takes the
 * width when the caller knows it (it must be text_width_n(s, n)).
 */
void line_add_span(struct arena *a, struct render_line *ln, const char *s, size_t n,
		   unsigned style, int link);
void line_add_span_w(struct arena *a, struct render_line *ln, const char *s, size_t n, int width,
		     unsigned style, int link);
/* Moves every span of `src` to the end of `dst`; src is left empty. */
void line_move_spans(struct arena *a, struct render_line *dst, struct render_line *src);
/* Drops trailing spaces and sets the line's width (the sum of its spans'). */
void line_finish(struct render_line *ln);

/* The document: options, lines, links. */
struct link_index;
struct render_doc {
	struct arena arena;	/* the lines' spans and texts */
	struct render_opts opts;
	struct line_list lines;
	struct render_link *links;
	size_t nlinks, links_cap;
	struct link_index *index;
};

/* FNV-1a of a string: the link registry's and the tree's name table's hash. */
uint64_t render_hash(const char *s);

/* The number of `url` (taken over by the registry), a new one on first sight. */
int doc_link_number(struct render_doc *d, char *url);
void doc_links_free(struct render_doc *d);

/*
 * The layout engine: inline text gathered with its styles, then wrapped into
 * lines under a stack of containers (quotes, list items, indents) whose
 * prefixes start each line. Blocks are separated by one blank line, except
 * inside list items and definitions, which are tight.
 */
struct layout;

struct layout *layout_new(struct render_doc *d, int width, struct line_list *out);
/* Flushes what is pending and frees the layout (the lines stay in `out`). */
void layout_free(struct layout **lp);
struct render_doc *layout_doc(const struct layout *l);
/* Columns left for text after the containers' prefixes. */
int layout_avail(const struct layout *l);

/* Text from the document (any bytes): cleaned, whitespace collapsed unless in pre. */
void layout_text(struct layout *l, const char *s, size_t n);
/* A line break (<br>). */
void layout_break(struct layout *l);
/* The [N] marker of a link, glued to the text before it with a word joiner. */
void layout_link_marker(struct layout *l, int number);
/* Current inline style: layout_style_set returns the previous one for restoring. */
unsigned layout_style_get(const struct layout *l, int *link);
void layout_style_set(struct layout *l, unsigned style, int link);

/* Block structure. */
void layout_flush(struct layout *l);
void layout_block_begin(struct layout *l);
void layout_block_end(struct layout *l);
void layout_tight_begin(struct layout *l);
void layout_tight_end(struct layout *l);
void layout_push_quote(struct layout *l);
/* first: prefix of the first line (e.g. " 9. "), rest: of the others; same width. */
void layout_push_item(struct layout *l, const char *first, const char *rest);
void layout_pop(struct layout *l);
void layout_pre_begin(struct layout *l);
void layout_pre_end(struct layout *l);
/* Ends a heading: flushes it and underlines levels 1 and 2. */
void layout_heading_end(struct layout *l, int level);
void layout_hr(struct layout *l);
/* Puts a finished line (its spans are moved) under the containers' prefixes. */
void layout_put_line(struct layout *l, struct render_line *content, bool nowrap);

/* The tree walk (walk.c, table.c). `node` is a libxml2 xmlNode. */
struct walker;
void walk_document(struct render_doc *d, void *root, struct layout *l, const char *base);
void walk_children(struct walker *w, void *node);
void walk_table(struct walker *w, void *table);
/* Renders a node's children (or the node itself) into `out` at `width`, fresh layout. */
void walk_sub(struct walker *w, void *node, bool self, int width, unsigned style,
	      struct line_list *out);
struct layout *walker_layout(struct walker *w);
int walker_table_depth(struct walker *w);

#endif
