/* Tests of parser behaviours found by scoring against feedparser's corpus: each one a bug it showed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "parse_helper.h"

#define ATOM "<feed xmlns='http://www.w3.org/2005/Atom'>"

/* A quote inside an unquoted attribute value is a character, not the start of a value. */
static void
test_html_title_stray_quote(void **state)
{
	struct parsed *r = parse_str(ATOM "<title type='html'><![CDATA[<a href=http://e.com/\">example</a> end]]>"
				     "</title></feed>");

	assert_non_null(r->final.title);
	assert_string_equal(r->final.title, "example end");
	parsed_free(&r);
}

/* RFC 4287 4.1.3.3: content of a type that is neither text nor XML is base64. */
static void
test_atom_base64_types(void **state)
{
	struct parsed *r = parse_str(
		ATOM "<title type='application/octet-stream'>RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>"
		"<entry><content type='application/octet-stream'>\n  RXhhbXBsZSA8Yj5BdG9tPC9iPg==\n</content>"
		"<summary type='application/octet-stream'>RXhhbXBsZSA8Yj5BdG9tPC9iPg==</summary></entry>"
		"<entry><content type='image/png'>iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==</content></entry>"
		"</feed>");

	assert_string_equal(r->final.title, "Example <b>Atom</b>");	/* text, shown as written */
	assert_string_equal(r->items[0].content, "Example &lt;b&gt;Atom&lt;/b&gt;");
	assert_string_equal(r->items[0].summary, "Example &lt;b&gt;Atom&lt;/b&gt;");
	assert_null(r->items[1].content);	/* binary: nothing to show */
	parsed_free(&r);
}

/* itunes:category nests a subcategory; both are terms. */
static void
test_itunes_nested_category(void **state)
{
	struct parsed *r = parse_str(
		"<rss xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'><channel><item>"
		"<itunes:category text='Technology'><itunes:category text='Gadgets'/></itunes:category>"
		"</item></channel></rss>");

	assert_int_equal(r->items[0].ncategories, 2);
	assert_string_equal(r->items[0].categories[0], "Technology");
	assert_string_equal(r->items[0].categories[1], "Gadgets");
	parsed_free(&r);
}

/* RSS element names without a namespace are matched whatever their case. */
static void
test_rss_names_any_case(void **state)
{
	struct parsed *r = parse_str("<rss><channel><TiTlE>Feed</TiTlE><ITEM><Title>One</Title>"
				     "<PubDate>Tue, 01 Oct 2024 08:30:00 GMT</PubDate></ITEM></channel></rss>");

	assert_string_equal(r->final.title, "Feed");
	assert_int_equal(r->nitems, 1);
	assert_string_equal(r->items[0].title, "One");
	assert_true(r->items[0].published == 1727771400);
	parsed_free(&r);
}

/* Microsoft's CDF, as feedparser reads it: HREF is the link, ABSTRACT the summary. */
static void
test_cdf(void **state)
{
	struct parsed *r = parse_str(
		"<CHANNEL HREF='http://www.example.org/'><TITLE>Chan</TITLE><ABSTRACT>About</ABSTRACT>"
		"<ITEM HREF='http://www.example.org/one' LASTMOD='2004-04-06T23:05:43-05:00'><TITLE>One</TITLE>"
		"<ABSTRACT>Sum</ABSTRACT></ITEM></CHANNEL>");

	assert_int_equal(r->status, BL_OK);
	assert_string_equal(r->final.format, "cdf");
	assert_string_equal(r->final.title, "Chan");
	assert_string_equal(r->final.link, "http://www.example.org/");
	assert_string_equal(r->final.description, "About");
	assert_int_equal(r->nitems, 1);
	assert_string_equal(r->items[0].title, "One");
	assert_string_equal(r->items[0].link, "http://www.example.org/one");
	assert_string_equal(r->items[0].summary, "Sum");
	assert_true(r->items[0].updated == 1081310743);
	parsed_free(&r);
}

/* The same date element twice: the later one stands, as feedparser and gofeed read it. */
static void
test_repeated_date_last_wins(void **state)
{
	struct parsed *r = parse_str(ATOM "<entry><updated>2010-12-01T10:14:55Z</updated>"
				     "<updated>2003-12-31T10:14:55Z</updated></entry></feed>");

	assert_true(r->items[0].updated == 1072865695);
	assert_false(warned(r, "date"));
	parsed_free(&r);
}

/* &#128;..&#159; inside HTML are the windows-1252 characters they were meant as. */
static void
test_html_c1_references(void **state)
{
	struct parsed *r = parse_str("<rss><channel><item><description>don&amp;#146;t &amp;#x93;q&amp;#x94; "
				     "&amp;#8217; &amp;#12;</description></item></channel></rss>");

	assert_string_equal(r->items[0].summary, "don&#x2019;t &#x201c;q&#x201d; &#8217; &#12;");
	parsed_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_title_stray_quote),
		cmocka_unit_test(test_atom_base64_types),
		cmocka_unit_test(test_itunes_nested_category),
		cmocka_unit_test(test_rss_names_any_case),
		cmocka_unit_test(test_cdf),
		cmocka_unit_test(test_repeated_date_last_wins),
		cmocka_unit_test(test_html_c1_references),
	};

	return cmocka_run_group_tests_name("parse_peers", tests, NULL, NULL);
}
