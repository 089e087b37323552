/* Unit tests for the query language's parser: every term, precedence, every mistake with its caret. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/query.h"

/* The tree of src as query_dump writes it (caller frees), or NULL. */
static char *
dump(const char *src)
{
	struct query_error e;
	struct query *q = query_parse(src, &e);
	struct buf b = {0};

	if (!q) {
		print_message("unexpected mistake in [%s] at %zu: %s\n", src, e.pos, e.msg);
		return NULL;
	}
	query_dump(&b, q->root);
	query_free(&q);
	return buf_steal(&b);
}

static void
expect(const char *src, const char *tree)
{
	char *d = dump(src);

	if (!d || strcmp(d, tree))
		print_message("query [%s]\n   got  %s\n   want %s\n", src, d ? d : "(error)", tree);
	assert_non_null(d);
	assert_string_equal(d, tree);
	free(d);
}

static void
test_terms(void **state)
{
	(void)state;
	expect("rust", "any:\"rust\"");
	expect("rust*", "any:\"rust*\"");
	expect("\"a phrase\"", "any:\"a phrase\"");
	expect("title:Rust", "title:\"Rust\"");
	expect("author:ann", "author:\"ann\"");
	expect("text:kernel", "text:\"kernel\"");
	expect("link:example", "link:\"example\"");
	expect("title:\"two words\"", "title:\"two words\"");
	expect("TITLE:x", "title:\"x\"");
	expect("feed:Hacker", "feed:\"hacker\"");
	expect("tag:科技/AI", "tag:\"科技/AI\"");
	expect("unread", "unread");
	expect("read", "read");
	expect("starred", "starred");
	expect("Unread", "unread");
	expect("\"unread\"", "any:\"unread\"");
	expect("after:2024-10-01", "after:1727740800");
	expect("before:1970-01-02", "before:86400");
	expect("newer:7d", "newer:604800");
	expect("older:12h", "older:43200");
	expect("newer:30m", "newer:1800");
	expect("newer:45s", "newer:45");
	expect("older:2w", "older:1209600");
	expect("has:enclosure", "has:enclosure");
	expect("has:fulltext", "has:fulltext");
	expect("苹果", "any:\"苹果\"");
	expect("10:30", "any:\"10:30\"");
	expect("c++:x", "any:\"c++:x\"");
	expect("e-mail", "any:\"e-mail\"");
}

static void
test_nfc(void **state)
{
	(void)state;
	/* "café" with a combining acute accent comes out precomposed. */
	expect("cafe\xcc\x81", "any:\"caf\xc3\xa9\"");
	expect("feed:CAFE\xcc\x81", "feed:\"caf\xc3\xa9\"");
}

static void
test_precedence(void **state)
{
	(void)state;
	expect("a b", "(and any:\"a\" any:\"b\")");
	expect("a AND b", "(and any:\"a\" any:\"b\")");
	expect("a OR b", "(or any:\"a\" any:\"b\")");
	expect("a b OR c", "(or (and any:\"a\" any:\"b\") any:\"c\")");
	expect("a OR b c", "(or any:\"a\" (and any:\"b\" any:\"c\"))");
	expect("a OR b OR c", "(or (or any:\"a\" any:\"b\") any:\"c\")");
	expect("-a b", "(and (not any:\"a\") any:\"b\")");
	expect("NOT a OR b", "(or (not any:\"a\") any:\"b\")");
}

static void
test_groups(void **state)
{
	(void)state;
	expect("(a OR b) c", "(and (or any:\"a\" any:\"b\") any:\"c\")");
	expect("-(a OR b) unread", "(and (not (or any:\"a\" any:\"b\")) unread)");
	expect("NOT NOT a", "(not (not any:\"a\"))");
	expect("((a))", "any:\"a\"");
	expect("unread (tag:tech OR feed:lwn) -title:sponsored newer:7d",
	       "(and (and (and unread (or tag:\"tech\" feed:\"lwn\")) (not title:\"sponsored\")) "
	       "newer:604800)");
	/* or and not in small letters are words, as are quoted capitals */
	expect("a or b", "(and (and any:\"a\" any:\"or\") any:\"b\")");
	expect("\"OR\"", "any:\"OR\"");
	expect("a\xe3\x80\x80" "b", "(and any:\"a\" any:\"b\")");	/* an ideographic space */
	expect("a\tb", "(and any:\"a\" any:\"b\")");
	expect("a-b", "any:\"a-b\"");
}

/* src's mistake: the reason holds want, and the caret (display columns) is at col. */
static void
mistake(const char *src, size_t pos, const char *want, int col)
{
	struct query_error e;
	struct query *q = query_parse(src, &e);
	struct buf b = {0};
	char caret[64];
	const char *line2;

	if (q)
		print_message("query [%s] parsed, wanted a mistake\n", src);
	assert_null(q);
	if (e.pos != pos || !strstr(e.msg, want))
		print_message("query [%s]: at %zu \"%s\", want at %zu \"%s\"\n", src, e.pos, e.msg,
			      pos, want);
	assert_int_equal(e.pos, pos);
	assert_non_null(strstr(e.msg, want));
	query_error_format(&b, src, &e, "  ");
	line2 = strchr(buf_cstr(&b), '\n');
	assert_non_null(line2);
	snprintf(caret, sizeof(caret), "\n  %*s^\n", col, "");
	if (strncmp(line2, caret, strlen(caret)))
		print_message("query [%s]: caret\n%s\n", src, buf_cstr(&b));
	assert_memory_equal(line2, caret, strlen(caret));
	assert_non_null(strstr(buf_cstr(&b), e.msg));
	buf_free(&b);
}

static void
test_mistakes(void **state)
{
	(void)state;
	mistake("", 0, "the query is empty", 0);
	mistake("   ", 0, "the query is empty", 0);
	mistake("titel:rust", 0, "unknown field \"titel:\" \xe2\x80\x94 did you mean title:?", 0);
	mistake("rust auther:x", 5, "did you mean author:?", 5);
	mistake("苹果 titl:x", 7, "did you mean title:?", 5);	/* two wide characters, a blank */
	mistake("zzzzzz:x", 0, "put a word with \":\" in quotes", 0);
	mistake("title:", 6, "title: needs a value", 6);
	mistake("a OR", 4, "OR needs a term after it", 4);
	mistake("OR a", 0, "OR needs a term before it", 0);
	mistake("a OR OR b", 5, "OR needs a term after it", 5);
	mistake("a AND", 5, "AND needs a term after it", 5);
	mistake("a (OR b)", 3, "OR needs a term before it", 3);
	mistake("NOT", 3, "NOT needs a term after it", 3);
	mistake("a NOT", 5, "NOT needs a term after it", 5);
	mistake("-", 0, "- needs a term right after it", 0);
	mistake("a - b", 2, "- needs a term right after it", 2);
	mistake("(a b", 0, "this \"(\" is not closed", 0);
	mistake("a (b (c)", 2, "this \"(\" is not closed", 2);
	mistake("a )", 2, "a \")\" without its \"(\"", 2);
	mistake("()", 0, "nothing between the parentheses", 0);
	mistake("\"a phrase", 0, "this quote is not closed", 0);
	mistake("title:\"a", 6, "this quote is not closed", 6);
	mistake("a title:\"b", 8, "this quote is not closed", 8);
	mistake("a \"b", 2, "this quote is not closed", 2);
	mistake("NOT \"x", 4, "this quote is not closed", 4);
	mistake("\"\"", 0, "nothing to look for", 0);
	mistake("*", 0, "a \"*\" needs the start of a word", 0);
	mistake("after:2024-13-01", 6, "after: takes a day as 2024-10-01", 6);
	mistake("before:2023-02-29", 7, "before: takes a day", 7);
	mistake("after:yesterday", 6, "takes a day", 6);
	mistake("newer:7", 6, "newer: takes a number and a unit", 6);
	mistake("older:d", 6, "older: takes a number and a unit", 6);
	mistake("newer:7y", 6, "(s m h d w)", 6);
	mistake("has:enclosures", 4, "did you mean has:enclosure?", 4);
	mistake("has:pictures", 4, "has: takes enclosure or fulltext", 4);
	mistake("a \x01 b", 2, "a control character (U+0001)", 2);
	mistake("caf\xc3", 3, "not UTF-8", 3);
}

static void
test_limits(void **state)
{
	char deep[QUERY_MAX_DEPTH * 2 + 8], *big;
	struct query_error e;
	struct query *q;
	int i;

	(void)state;
	for (i = 0; i <= QUERY_MAX_DEPTH; i++)
		deep[i] = '(';
	deep[i++] = 'a';
	deep[i] = '\0';
	q = query_parse(deep, &e);
	assert_null(q);
	assert_non_null(strstr(e.msg, "nested too deeply"));
	for (i = 0; i <= QUERY_MAX_DEPTH; i++)
		deep[i] = '-';
	q = query_parse(deep, &e);
	assert_null(q);
	assert_non_null(strstr(e.msg, "nested too deeply"));
	big = malloc(QUERY_MAX_LEN + 2);
	memset(big, 'a', QUERY_MAX_LEN + 1);
	big[QUERY_MAX_LEN + 1] = '\0';
	q = query_parse(big, &e);
	assert_null(q);
	assert_int_equal(e.pos, QUERY_MAX_LEN);
	free(big);
}

static void
test_error_line(void **state)
{
	struct query_error e;
	struct buf b = {0};

	(void)state;
	assert_null(query_parse("苹果 titl:x", &e));
	query_error_line(&b, "苹果 titl:x", &e);
	assert_string_equal(buf_cstr(&b),
			    "column 6: unknown field \"titl:\" \xe2\x80\x94 did you mean title:?");
	buf_free(&b);
}

/* tag: terms learn their feeds from the caller. */
static void
tag_urls(void *ud, enum query_kind kind, const char *tag, char ***urls, size_t *n)
{
	(void)ud;
	if (kind != QUERY_TAG || strcmp(tag, "tech"))
		return;
	*urls = realloc(*urls, 2 * sizeof(**urls));
	(*urls)[(*n)++] = strdup("https://a.example/");
	(*urls)[(*n)++] = strdup("https://b.example/");
}

static void
test_tags_and_words(void **state)
{
	struct query_error e;
	struct query *q = query_parse("tag:tech OR (tag:none unread)", &e);

	(void)state;
	assert_non_null(q);
	query_resolve_feeds(q, tag_urls, NULL);
	assert_int_equal(q->root->a->nurls, 2);
	assert_string_equal(q->root->a->urls[1], "https://b.example/");
	assert_int_equal(q->root->b->a->nurls, 0);
	assert_false(query_has_words(q->root));
	query_free(&q);
	assert_null(q);
	q = query_parse("unread (starred OR -title:x)", &e);
	assert_true(query_has_words(q->root));
	query_free(&q);
	query_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_mistakes),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_error_line),
		cmocka_unit_test(test_tags_and_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
