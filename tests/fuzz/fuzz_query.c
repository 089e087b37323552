/* libFuzzer target for query_parse: no crash; a mistake has a place inside the query and a reason; a query means the same in parentheses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline/query.h"

/* Every node starts inside the query; a pair has both sides, NOT one. */
static void
check_tree(const struct query_node *n, size_t len)
{
	if (!n)
		abort();
	if (n->pos >= len)
		abort();
	if (n->kind == QUERY_AND || n->kind == QUERY_OR) {
		check_tree(n->a, len);
		check_tree(n->b, len);
	} else if (n->kind == QUERY_NOT) {
		if (n->b)
			abort();
		check_tree(n->a, len);
	} else if (n->a || n->b) {
		abort();
	} else if ((n->kind == QUERY_WORD || n->kind == QUERY_FEED || n->kind == QUERY_TAG) &&
		   (!n->text || !*n->text)) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 3);
	struct query_error e;
	struct query *q, *q2;
	struct buf a = {0}, b = {0};

	if (!s)
		return 0;
	memcpy(s + 1, data, size);
	s[size + 1] = '\0';
	size = strlen(s + 1);	/* the query ends at a NUL, as a C string does */
	q = query_parse(s + 1, &e);
	if (!q) {
		if (!e.msg[0] || e.pos > size)
			abort();	/* a mistake without a reason, or placed outside the query */
		query_error_format(&a, s + 1, &e, "  ");
		query_error_line(&b, s + 1, &e);
		if (!strstr(a.data, "^\n") || !strstr(b.data, e.msg))
			abort();
	} else {
		check_tree(q->root, size);
		query_dump(&a, q->root);
		/* the same query in parentheses is the same tree */
		s[0] = '(';
		s[size + 1] = ')';
		s[size + 2] = '\0';
		q2 = query_parse(s, &e);
		if (q2) {
			query_dump(&b, q2->root);
			if (strcmp(a.data, b.data))
				abort();
		} else if (!strstr(e.msg, "nested too deeply") && !strstr(e.msg, "longer than") &&
			   !strstr(e.msg, "quote is not closed")) {
			abort();
		}
		query_free(&q2);
	}
	query_free(&q);
	buf_free(&a);
	buf_free(&b);
	free(s);
	return 0;
}
