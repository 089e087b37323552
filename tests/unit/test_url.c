/* Unit tests for URL resolution: RFC 3986 section 5.4 and the links feeds carry. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "byline/url.h"

struct case_ {
	const char *base;
	const char *ref;
	const char *want;	/* NULL: no URL */
};

#define RFC_BASE "http://a/b/c/d;p?q"

/* RFC 3986 section 5.4.1, "normal examples". */
static const struct case_ rfc_normal[] = {
	{RFC_BASE, "g:h", "g:h"},
	{RFC_BASE, "g", "http://a/b/c/g"},
	{RFC_BASE, "./g", "http://a/b/c/g"},
	{RFC_BASE, "g/", "http://a/b/c/g/"},
	{RFC_BASE, "/g", "http://a/g"},
	{RFC_BASE, "//g", "http://g"},
	{RFC_BASE, "?y", "http://a/b/c/d;p?y"},
	{RFC_BASE, "g?y", "http://a/b/c/g?y"},
	{RFC_BASE, "#s", "http://a/b/c/d;p?q#s"},
	{RFC_BASE, "g#s", "http://a/b/c/g#s"},
	{RFC_BASE, "g?y#s", "http://a/b/c/g?y#s"},
	{RFC_BASE, ";x", "http://a/b/c/;x"},
	{RFC_BASE, "g;x", "http://a/b/c/g;x"},
	{RFC_BASE, "g;x?y#s", "http://a/b/c/g;x?y#s"},
	{RFC_BASE, "", "http://a/b/c/d;p?q"},
	{RFC_BASE, ".", "http://a/b/c/"},
	{RFC_BASE, "./", "http://a/b/c/"},
	{RFC_BASE, "..", "http://a/b/"},
	{RFC_BASE, "../", "http://a/b/"},
	{RFC_BASE, "../g", "http://a/b/g"},
	{RFC_BASE, "../..", "http://a/"},
	{RFC_BASE, "../../", "http://a/"},
	{RFC_BASE, "../../g", "http://a/g"},
};

/* RFC 3986 section 5.4.2, "abnormal examples" (strict parser for "http:g"). */
static const struct case_ rfc_abnormal[] = {
	{RFC_BASE, "../../../g", "http://a/g"},
	{RFC_BASE, "../../../../g", "http://a/g"},
	{RFC_BASE, "/./g", "http://a/g"},
	{RFC_BASE, "/../g", "http://a/g"},
	{RFC_BASE, "g.", "http://a/b/c/g."},
	{RFC_BASE, ".g", "http://a/b/c/.g"},
	{RFC_BASE, "g..", "http://a/b/c/g.."},
	{RFC_BASE, "..g", "http://a/b/c/..g"},
	{RFC_BASE, "./../g", "http://a/b/g"},
	{RFC_BASE, "./g/.", "http://a/b/c/g/"},
	{RFC_BASE, "g/./h", "http://a/b/c/g/h"},
	{RFC_BASE, "g/../h", "http://a/b/c/h"},
	{RFC_BASE, "g;x=1/./y", "http://a/b/c/g;x=1/y"},
	{RFC_BASE, "g;x=1/../y", "http://a/b/c/y"},
	{RFC_BASE, "g?y/./x", "http://a/b/c/g?y/./x"},
	{RFC_BASE, "g?y/../x", "http://a/b/c/g?y/../x"},
	{RFC_BASE, "g#s/./x", "http://a/b/c/g#s/./x"},
	{RFC_BASE, "g#s/../x", "http://a/b/c/g#s/../x"},
	{RFC_BASE, "http:g", "http:g"},
};

/* What feeds actually put in <link>, <guid>, enclosures and xml:base. */
static const struct case_ feed_cases[] = {
	/* a base without a path */
	{"http://example.com", "foo", "http://example.com/foo"},
	{"http://example.com", "", "http://example.com"},
	{"http://example.com", "?p=1", "http://example.com?p=1"},
	{"http://example.com?x", "#top", "http://example.com?x#top"},
	/* the feed's own URL as the base */
	{"https://www.ifanr.com/feed", "/1600000", "https://www.ifanr.com/1600000"},
	{"https://www.ifanr.com/feed", "1600000", "https://www.ifanr.com/1600000"},
	{"http://example.com/blog/feed/", "../post?id=1#c", "http://example.com/blog/post?id=1#c"},
	{"http://example.com/feed.xml#frag", "", "http://example.com/feed.xml"},
	{"http://example.com/a/b?q#f", "#g", "http://example.com/a/b?q#g"},
	{"http://example.com/a/b?q", "?", "http://example.com/a/b?"},
	{"http://example.com/a/b", "#", "http://example.com/a/b#"},
	{"http://u:pw@example.com:8080/a/b", "c", "http://u:pw@example.com:8080/a/c"},
	{"http://[2001:db8::1]:8080/a/b", "../c", "http://[2001:db8::1]:8080/c"},
	/* network-path references take the base's scheme */
	{"https://example.com/feed", "//cdn.example.com/img.png", "https://cdn.example.com/img.png"},
	{"http://example.com/feed", "//cdn.example.com/a/../img.png", "http://cdn.example.com/img.png"},
	{"https://example.com/feed", "//cdn.example.com", "https://cdn.example.com"},
	/*
	 * absolute references: dot segments removed from hierarchical paths,
	 * nothing else touched; opaque paths (data:, mailto:) kept as written
	 */
	{"http://example.com/", "HTTP://Example.COM/a/./b/../c?x=%41", "HTTP://Example.COM/a/c?x=%41"},
	{"http://example.com/", "https://other.org", "https://other.org"},
	{"http://example.com/", "mailto:someone@example.com", "mailto:someone@example.com"},
	{"http://example.com/", "data:image/png;base64,iVBOR/../w0", "data:image/png;base64,iVBOR/../w0"},
	{"http://example.com/", "javascript:alert(1)", "javascript:alert(1)"},
	{"http://example.com/", "tel:+1-555", "tel:+1-555"},
	/* blanks and wrapping around and inside links */
	{"http://example.com/", "\n   http://example.com/a\n  ", "http://example.com/a"},
	{"  http://example.com/x/ \n", "  y ", "http://example.com/x/y"},
	{"http://example.com/", "http://exa\nmple.com/pa\tth", "http://example.com/path"},
	/* no base, or a base that is not absolute */
	{NULL, "http://x/a/../b", "http://x/b"},
	{NULL, "/relative/path", "/relative/path"},
	{"", "page.html", "page.html"},
	{"/feeds/x.xml", "y", "/feeds/y"},
	{"/feeds/x.xml", "../y", "/y"},
	/* xml:base style chains resolved one step at a time happen in a test below */
	/* nothing to return */
	{NULL, NULL, NULL},
	{NULL, "", NULL},
	{"", "", NULL},
	{"http://a/b#f", NULL, "http://a/b"},
	{"http://a/b", "  \n", "http://a/b"},
};

static void
run_cases(const struct case_ *cases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *got = url_resolve(cases[i].base, cases[i].ref);
		bool same = (!got && !cases[i].want)
			|| (got && cases[i].want && strcmp(got, cases[i].want) == 0);
		if (!same)
			fail_msg("resolve(\"%s\", \"%s\") = \"%s\", want \"%s\"",
				 cases[i].base ? cases[i].base : "(null)",
				 cases[i].ref ? cases[i].ref : "(null)",
				 got ? got : "(null)",
				 cases[i].want ? cases[i].want : "(null)");
		free(got);
	}
}

static void
test_rfc_normal(void **state)
{
	run_cases(rfc_normal, sizeof rfc_normal / sizeof rfc_normal[0]);
}

static void
test_rfc_abnormal(void **state)
{
	run_cases(rfc_abnormal, sizeof rfc_abnormal / sizeof rfc_abnormal[0]);
}

static void
test_feed_cases(void **state)
{
	run_cases(feed_cases, sizeof feed_cases / sizeof feed_cases[0]);
}

/* Nested xml:base: each level resolves against the one above. */
static void
test_xml_base_chain(void **state)
{
	char *a = url_resolve("http://example.org/feed.xml", "/dir/");
	char *b = url_resolve(a, "sub/");
	char *c = url_resolve(b, "../page.html?x#y");

	assert_string_equal(a, "http://example.org/dir/");
	assert_string_equal(b, "http://example.org/dir/sub/");
	assert_string_equal(c, "http://example.org/dir/page.html?x#y");
	free(a);
	free(b);
	free(c);
}

/* Garbage must come back as some string, never a crash or a runaway. */
static void
test_garbage(void **state)
{
	static const char *const junk[] = {
		"::::", "%%%", "http://[::1", "//", "///", "?", "#", ":", "a:",
		"1abc:def", "..", "/..", "../../..", "\x01\x02\x7f", "http://a/%zz/..",
		"\xff\xfe/../\xc3", "http:", "http://",
	};
	size_t i;

	for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		char *r1 = url_resolve("http://a/b/c", junk[i]);
		char *r2 = url_resolve(junk[i], "x/../y");
		char *r3 = url_resolve(junk[i], junk[i]);
		assert_non_null(r1);
		assert_non_null(r2);
		assert_non_null(r3);
		free(r1);
		free(r2);
		free(r3);
	}
	/* "1abc:" is not a scheme (it starts with a digit): a relative path. */
	char *r = url_resolve("http://a/b/c", "1abc:def");
	assert_string_equal(r, "http://a/b/1abc:def");
	free(r);
}

/* Long runs of dot segments collapse in one pass to the right answer. */
static void
test_long_dot_runs(void **state)
{
	size_t n = 200000, i;
	char *ref = malloc(n * 3 + 2);
	char *deep = malloc(n * 2 + 3);
	char *r;

	for (i = 0; i < n; i++)
		memcpy(ref + i * 3, "../", 3);
	strcpy(ref + n * 3, "x");
	r = url_resolve("http://a/b/c/d", ref);
	assert_string_equal(r, "http://a/x");
	free(r);
	for (i = 0; i < n; i++)
		memcpy(deep + i * 2, "a/", 2);
	strcpy(deep + n * 2, "..");
	r = url_resolve("http://h/", deep);
	assert_int_equal(strlen(r), strlen("http://h/") + (n - 1) * 2);
	free(r);
	free(ref);
	free(deep);
}

/* The schemes the reader opens (the browser) and the ones the parser warns about. */
static void
test_kind(void **state)
{
	assert_int_equal(url_kind("https://example.com/"), URL_WEB);
	assert_int_equal(url_kind("HTTP://example.com/"), URL_WEB);
	assert_int_equal(url_kind("mailto:a@example.com"), URL_MAILTO);
	assert_int_equal(url_kind("javascript:alert(1)"), URL_REFUSED);
	assert_int_equal(url_kind("file:///etc/passwd"), URL_REFUSED);
	assert_int_equal(url_kind("httpx://example.com/"), URL_REFUSED);
	assert_int_equal(url_kind("/relative/path"), URL_NO_SCHEME);
	assert_int_equal(url_kind("1http://x"), URL_NO_SCHEME);
	assert_int_equal(url_kind(""), URL_NO_SCHEME);
}

/* The URLs that can be feeds: from the config (file too) and from OPML (the web only). */
static void
test_feed_problem(void **state)
{
	char *huge = malloc(4200);

	assert_null(url_feed_problem("https://example.com/feed", false));
	assert_null(url_feed_problem("HTTP://example.com", false));
	assert_null(url_feed_problem("file:///home/me/feed.xml", true));
	assert_string_equal(url_feed_problem("file:///home/me/feed.xml", false),
			    "only http and https URLs can be feeds");
	assert_string_equal(url_feed_problem("file://home/feed.xml", true),
			    "a file URL needs an absolute path (file:///path)");
	assert_string_equal(url_feed_problem("javascript:alert(1)", true),
			    "only http, https and file URLs can be feeds");
	assert_string_equal(url_feed_problem("https:///path", false), "the URL has no host");
	assert_string_equal(url_feed_problem("http://", false), "the URL has no host");
	assert_string_equal(url_feed_problem("", false), "the URL is empty");
	assert_non_null(strstr(url_feed_problem("https://a.example/x y", false), "blank or control"));
	assert_non_null(strstr(url_feed_problem("https://a.example/\x1b[2J", false), "control"));
	memcpy(huge, "https://a.example/", 18);
	memset(huge + 18, 'a', 4200 - 19);
	huge[4199] = '\0';
	assert_string_equal(url_feed_problem(huge, false), "the URL is longer than 4096 bytes");
	free(huge);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc_normal),
		cmocka_unit_test(test_rfc_abnormal),
		cmocka_unit_test(test_feed_cases),
		cmocka_unit_test(test_xml_base_chain),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_long_dot_runs),
		cmocka_unit_test(test_kind),
		cmocka_unit_test(test_feed_problem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
