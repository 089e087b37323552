/* What the query area's files share. */
#ifndef BYLINE_QUERY_INT_H
#define BYLINE_QUERY_INT_H

#include "byline/query.h"

/*
 * One term: src[pos..pos+len) as written, its value src[vpos..vpos+vlen),
 * the field name's length before ':' (0: none), whether the value was
 * quoted. NULL with *e filled when the term is wrong.
 */
struct query_node *query_term(const char *src, size_t pos, size_t len, size_t vpos,
			      size_t vlen, size_t flen, bool quoted, struct query_error *e);
struct query_node *query_node_new(enum query_kind kind, size_t pos);
void query_node_free(struct query_node *n);

#endif
