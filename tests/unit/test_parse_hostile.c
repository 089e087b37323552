/* Tests of the feed parser against hostile documents: XXE, entity bombs, depth, size, NUL bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include <cmocka.h>

#include "parse_helper.h"
#include "../../src/parse/parse_int.h"

/* True when the secret appears in any field the parser reported. */
static int
leaked(const struct parsed *r, const char *secret)
{
	size_t i;

	if (r->final.title && strstr(r->final.title, secret))
		return 1;
	for (i = 0; i < r->nitems && i < MAX_ITEMS; i++)
		if ((r->items[i].title && strstr(r->items[i].title, secret)) ||
		    (r->items[i].summary && strstr(r->items[i].summary, secret)))
			return 1;
	return strstr(buf_cstr(&r->warnings), secret) != NULL;
}

static void
test_xxe(void **state)
{
	char path[] = "/tmp/byline-xxe-XXXXXX", doc[1024];
	int fd = mkstemp(path);
	struct parsed *r;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "TOP-SECRET-42", 13), 13);
	close(fd);
	snprintf(doc, sizeof(doc),
		 "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY f SYSTEM 'file://%s'>"
		 "<!ENTITY w SYSTEM 'http://127.0.0.1:9/x'><!ENTITY %% p SYSTEM 'file://%s'> %%p;]>"
		 "<rss><channel><title>[&f;]</title><item><title>&w;</title>"
		 "<description>&f;</description></item></channel></rss>", path, path);
	r = parse_str(doc);
	assert_int_equal(r->status, BL_OK);
	assert_false(leaked(r, "TOP-SECRET"));
	assert_string_equal(r->final.title, "[&f;]");
	assert_true(warned(r, "declared in the document is ignored"));
	parsed_free(&r);
	/* an external DTD is never loaded either */
	snprintf(doc, sizeof(doc), "<!DOCTYPE rss SYSTEM 'file://%s'><rss><channel><title>t</title></channel></rss>",
		 path);
	r = parse_str(doc);
	assert_string_equal(r->final.title, "t");
	assert_false(leaked(r, "TOP-SECRET"));
	parsed_free(&r);
	unlink(path);
}

static void
test_billion_laughs(void **state)
{
	struct buf doc = { 0 };
	struct parsed *r;
	int i, j;

	buf_puts(&doc, "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY lol0 'lol'>");
	for (i = 1; i < 10; i++) {
		buf_printf(&doc, "<!ENTITY lol%d '", i);
		for (j = 0; j < 10; j++)
			buf_printf(&doc, "&lol%d;", i - 1);
		buf_puts(&doc, "'>");
	}
	buf_puts(&doc, "]><rss><channel><title>&lol9;</title><item><title>after</title></item></channel></rss>");
	r = parse_str(doc.data);
	assert_int_equal(r->status, BL_OK);
	assert_string_equal(r->final.title, "&lol9;");	/* never expanded */
	assert_int_equal(r->nitems, 1);
	assert_string_equal(r->items[0].title, "after");
	parsed_free(&r);
	buf_free(&doc);
}

static void
test_quadratic_blowup(void **state)
{
	struct buf doc = { 0 };
	struct parsed *r;
	int i;

	buf_puts(&doc, "<!DOCTYPE rss [<!ENTITY a '");
	for (i = 0; i < 100000; i++)
		buf_putc(&doc, 'x');
	buf_puts(&doc, "'>]><rss><channel><item><title>");
	for (i = 0; i < 100000; i++)
		buf_puts(&doc, "&a;");
	buf_puts(&doc, "</title></item></channel></rss>");
	r = parse_str(doc.data);
	assert_int_equal(r->nitems, 1);
	assert_true(strlen(r->items[0].title) <= PARSE_MAX_LINE_FIELD);
	assert_null(strstr(r->items[0].title, "xxxx"));
	assert_true(warned(r, "cut short"));
	parsed_free(&r);
	buf_free(&doc);
}

static void
test_deep_nesting(void **state)
{
	struct buf doc = { 0 };
	struct parsed *r;
	int i;

	buf_puts(&doc, "<rss><channel><item><title>before</title></item><item><description>");
	for (i = 0; i < 100000; i++)
		buf_puts(&doc, "<x>");
	for (i = 0; i < 100000; i++)
		buf_puts(&doc, "</x>");
	buf_puts(&doc, "</description></item></channel></rss>");
	r = parse_chunked(doc.data, doc.len, 4096, NULL, NULL);
	assert_int_equal(r->status, BL_OK);
	assert_true(r->nitems >= 1);
	assert_string_equal(r->items[0].title, "before");
	assert_true(warned(r, "nested"));
	parsed_free(&r);
	buf_free(&doc);
}

static void
test_huge_fields(void **state)
{
	struct buf doc = { 0 };
	struct parsed *r;
	size_t i;

	buf_puts(&doc, "<rss><channel><item><title>");
	for (i = 0; i < (20u << 20) / 8; i++)
		buf_puts(&doc, "\xe4\xb8\xad" "AAAAA");	/* cuts must fall between characters */
	buf_puts(&doc, "</title><description>");
	for (i = 0; i < (12u << 20) / 8; i++)
		buf_puts(&doc, "<b>x</b>");
	buf_puts(&doc, "</description></item><item><title>next</title></item></channel></rss>");
	r = parse_chunked(doc.data, doc.len, 65536, NULL, NULL);
	assert_int_equal(r->nitems, 2);
	assert_true(strlen(r->items[0].title) <= PARSE_MAX_LINE_FIELD);
	assert_true(strlen(r->items[0].title) > 1000);
	assert_non_null(r->items[0].summary);
	assert_true(strlen(r->items[0].summary) <= PARSE_MAX_HTML_FIELD);
	assert_string_equal(r->items[1].title, "next");
	assert_true(warned(r, "cut short"));
	parsed_free(&r);
	buf_free(&doc);
}

static void
test_document_size_limit(void **state)
{
	struct parse_callbacks cb = { .on_warning = h_on_warning, .on_item = h_on_item };
	struct parsed *r = xcalloc(1, sizeof(*r));
	struct feed_parser *p = feed_parser_new(NULL, NULL, &cb, r);
	static char spaces[1 << 20];
	const char *item = "<item><title>i</title></item>";
	struct bl_err err;
	int i;

	memset(spaces, ' ', sizeof(spaces));
	assert_int_equal(feed_parser_push(p, "<rss><channel>", 14, &err), BL_OK);
	assert_int_equal(feed_parser_push(p, item, strlen(item), &err), BL_OK);
	for (i = 0; i < (int)(PARSE_MAX_DOC >> 20) + 2; i++)
		assert_int_equal(feed_parser_push(p, spaces, sizeof(spaces), &err), BL_OK);
	assert_int_equal(feed_parser_push(p, item, strlen(item), &err), BL_OK);
	assert_int_equal(feed_parser_finish(p, &err), BL_OK);
	assert_int_equal(r->nitems, 1);	/* the one after the limit is not read */
	assert_true(warned(r, "document larger than"));
	feed_parser_free(&p);
	parsed_free(&r);
}

static void
test_nul_and_controls(void **state)
{
	static const char doc[] = "<rss><channel><item><title>a\0b\x01" "c\x1b[31m</title></item>"
				  "<item><title>second</title></item></channel></rss>";
	struct parsed *r = parse_chunked(doc, sizeof(doc) - 1, 0, NULL, NULL);

	assert_int_equal(r->nitems, 2);
	assert_string_equal(r->items[0].title, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd[31m");
	assert_string_equal(r->items[1].title, "second");
	parsed_free(&r);
}

/* Random bytes after the start of a feed never crash the parser, whatever the chunking. */
static void
test_garbage(void **state)
{
	unsigned char junk[4096];
	unsigned seed = 12345;
	int round;
	size_t i;

	for (round = 0; round < 50; round++) {
		struct parsed *r;

		for (i = 0; i < sizeof(junk); i++) {
			seed = seed * 1103515245u + 12345u;
			junk[i] = (unsigned char)(seed >> 16);
		}
		memcpy(junk, "<rss><channel><item><title>", 27);
		r = parse_chunked((const char *)junk, sizeof(junk), (size_t)round + 1, NULL, NULL);
		assert_int_equal(r->status, BL_OK);
		parsed_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xxe),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_quadratic_blowup),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_huge_fields),
		cmocka_unit_test(test_document_size_limit),
		cmocka_unit_test(test_nul_and_controls),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests_name("parse_hostile", tests, NULL, NULL);
}
