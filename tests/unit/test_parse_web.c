/* Tests of the parser on feeds as the web writes them (tests/data/web): namespaces, formats, dates, bodies, authors, images. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "parse_helper.h"

#define WEB_DATA "tests/data/web/"

/* The whole of tests/data/web/NAME (caller frees). */
static char *
read_fixture(const char *name, size_t *len)
{
	char path[256];
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	FILE *fp;

	snprintf(path, sizeof(path), WEB_DATA "%s", name);
	fp = fopen(path, "rb");
	if (!fp)
		fail_msg("cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	return buf_steal(&b);
}

/*
 * Parses a fixture whole and in 7-byte pieces; both must give the same
 * items (the second run's result is returned, the first freed).
 */
static struct parsed *
parse_fixture(const char *name, const char *url)
{
	size_t len, i;
	char *doc = read_fixture(name, &len);
	struct parsed *whole = parse_chunked(doc, len, 0, url, NULL);
	struct parsed *r = parse_chunked(doc, len, 7, url, NULL);

	assert_int_equal(whole->status, r->status);
	assert_int_equal(whole->nitems, r->nitems);
	for (i = 0; i < r->nitems && i < MAX_ITEMS; i++) {
		assert_true((whole->items[i].title == NULL) == (r->items[i].title == NULL));
		if (r->items[i].title)
			assert_string_equal(whole->items[i].title, r->items[i].title);
		assert_true(whole->items[i].published == r->items[i].published);
	}
	parsed_free(&whole);
	free(doc);
	return r;
}

/* ---- namespaces as written in the wild ---------------------------------- */

static void
test_undeclared_prefixes(void **state)
{
	struct parsed *r = parse_fixture("undeclared-prefixes.xml", NULL);
	const struct item *it = &r->items[0];

	assert_int_equal(r->status, BL_OK);
	assert_int_equal(r->nitems, 1);
	assert_string_equal(it->title, "First");	/* not foo:title */
	assert_string_equal(it->content, "<p>The body.</p>");
	assert_string_equal(it->author, "Ann Author");
	assert_int_equal(it->published, 1727771400);
	assert_string_equal(it->summary, "A summary from iTunes.");
	assert_int_equal(it->nenclosures, 1);
	assert_string_equal(it->enclosures[0].url, "http://example.org/a.jpg");
	assert_int_equal(it->enclosures[0].length, 1234);
	assert_true(warned(r, "prefix 'content:' used without its xmlns declaration"));
	assert_true(warned(r, "prefix 'dc:' used without"));
	assert_true(warned(r, "prefix 'itunes:' used without"));
	assert_true(warned(r, "prefix 'media:' used without"));
	assert_true(warned(r, "prefix 'foo:' of <foo:title> is not declared"));
	/* one warning per prefix, however often it is used */
	assert_null(strstr(strstr(buf_cstr(&r->warnings), "prefix 'dc:'") + 1, "prefix 'dc:'"));
	assert_false(warned(r, "Namespace prefix"));	/* libxml2's own words are not repeated */
	parsed_free(&r);
}

static void
test_near_namespaces(void **state)
{
	struct parsed *r = parse_fixture("near-namespaces.xml", NULL);
	const struct item *it = &r->items[0];

	assert_int_equal(r->status, BL_OK);
	assert_string_equal(it->content, "<p>Body</p>");
	assert_string_equal(it->author, "Bo");
	assert_string_equal(it->link, "http://example.org/1");
	assert_int_equal(it->nenclosures, 1);
	assert_true(warned(r, "namespace 'https://purl.org/rss/1.0/modules/content' read as "
			      "'http://purl.org/rss/1.0/modules/content/'"));
	assert_true(warned(r, "namespace 'HTTP://PURL.ORG/DC/ELEMENTS/1.1/' read as"));
	assert_true(warned(r, "namespace 'http://search.yahoo.com/mrss' read as"));
	assert_true(warned(r, "namespace ' http://www.w3.org/2005/Atom/ ' read as"));
	parsed_free(&r);

	/* a URI that is more than a near miss is another namespace */
	r = parse_str("<rss version='2.0' xmlns:c='http://purl.org/rss/1.0/modules/contents/'>"
		      "<channel><title>t</title><item><title>i</title><c:encoded>x</c:encoded>"
		      "</item></channel></rss>");
	assert_null(r->items[0].content);
	assert_false(warned(r, "read as"));
	parsed_free(&r);
}

/* ---- formats, and documents that are not feeds ----------------------------- */

static void
test_rss090_channel_netscape(void **state)
{
	struct parsed *r = parse_fixture("rss090-channel-netscape.xml", NULL);

	assert_int_equal(r->status, BL_OK);
	assert_string_equal(r->final.format, "rss");
	assert_string_equal(r->final.version, "0.90");
	assert_string_equal(r->final.title, "Netscape channel");
	assert_string_equal(r->final.link, "http://example.org/");
	assert_int_equal(r->nitems, 2);
	assert_string_equal(r->items[1].title, "Second item");
	assert_string_equal(r->items[1].link, "http://example.org/2");
	parsed_free(&r);
}

static void
test_not_a_feed_says_what_it_found(void **state)
{
	struct parsed *r = parse_fixture("not-a-feed-html.xml", NULL);

	assert_int_equal(r->status, BL_ERR);
	assert_string_equal(r->err.msg, "not a feed I can read: the root element is <html> "
					"in namespace http://www.w3.org/1999/xhtml");
	assert_int_equal(r->nitems, 0);
	parsed_free(&r);

	r = parse_fixture("not-a-feed-empty-rdf.xml", NULL);
	assert_int_equal(r->status, BL_ERR);
	assert_non_null(strstr(r->err.msg, "not a feed I can read: the root element is <RDF> in "
					   "namespace http://www.w3.org/1999/02/22-rdf-syntax-ns#"));
	assert_non_null(strstr(r->err.msg, "no channel title and no item"));
	assert_int_equal(r->feed_calls, 0);	/* never reported as a feed */
	parsed_free(&r);

	/* a feed with a title and no items yet is a feed */
	r = parse_str("<rss version='2.0'><channel><title>New</title></channel></rss>");
	assert_int_equal(r->status, BL_OK);
	parsed_free(&r);
	/* and one with items but no title */
	r = parse_str("<rss version='2.0'><channel><item><title>i</title></item></channel></rss>");
	assert_int_equal(r->status, BL_OK);
	parsed_free(&r);
	r = parse_str("<rss version='2.0'><channel><link>http://e/</link></channel></rss>");
	assert_int_equal(r->status, BL_ERR);
	assert_non_null(strstr(r->err.msg, "the root element is <rss>, but it holds no channel title"));
	parsed_free(&r);
}

/* ---- dates in the languages feeds are written in ------------------------- */

/* Every item of the fixture names 2024-10-01T06:30:00Z, in its own language. */
static void
test_dates_languages(void **state)
{
	struct parsed *r = parse_fixture("dates-languages.xml", NULL);
	size_t i;

	assert_int_equal(r->nitems, 13);
	for (i = 0; i < r->nitems; i++)
		if (r->items[i].published != 1727764200)
			fail_msg("item %s: %lld", r->items[i].title, (long long)r->items[i].published);
	/* the last names no zone: read at the feed's, and said once */
	assert_true(warned(r, "date '1 octobre 2024 08:30' names no time zone: read at UTC+02:00 "
			      "(the zone of the feed's other dates)"));
	assert_false(warned(r, "unreadable date"));
	parsed_free(&r);
}

static void
test_dates_zone_choice(void **state)
{
	struct parsed *r = parse_fixture("dates-cjk.xml", NULL);
	size_t i;

	assert_int_equal(r->nitems, 7);
	for (i = 0; i < r->nitems; i++)	/* 08:30 at UTC+08:00, the zone of zh-CN */
		if (r->items[i].published != 1727742600)
			fail_msg("item %s: %lld", r->items[i].title, (long long)r->items[i].published);
	assert_true(warned(r, "read at UTC+08:00 (the zone of the feed's language)"));
	parsed_free(&r);

	r = parse_fixture("dates-feed-zone.xml", NULL);	/* the channel's date says UTC-04:00 */
	assert_int_equal(r->items[0].published, 1727785800);
	assert_true(warned(r, "read at UTC-04:00 (the zone of the feed's other dates)"));
	parsed_free(&r);

	r = parse_fixture("dates-no-zone.xml", NULL);	/* nothing says: UTC */
	assert_int_equal(r->items[0].published, 1727771400);
	assert_int_equal(r->items[1].published, 1727771400);
	assert_true(warned(r, "read at UTC+00:00"));
	parsed_free(&r);
}

/* ---- text constructs ---------------------------------------------------- */

static void
test_atom_type_other(void **state)
{
	struct parsed *r = parse_fixture("atom-type-other.xml", NULL);

	assert_int_equal(r->nitems, 3);
	/* not base64: the text it is */
	assert_string_equal(r->items[0].title, "test");
	assert_string_equal(r->items[0].summary, "{&quot;a&quot;:1}");
	assert_string_equal(r->items[0].content, "{&quot;a&quot;: [1, 2]}");
	/* base64 of text, blanks and padding and all: decoded */
	assert_string_equal(r->items[1].title, "Hello, world");
	assert_string_equal(r->items[1].content, "Hello, world!");
	/* base64 of an image: nothing to show; words in an image type are words */
	assert_null(r->items[2].content);
	assert_string_equal(r->items[2].summary, "a cat, sitting");
	parsed_free(&r);

	/* Atom 0.3 mode="base64" is decoded when it is base64, else read as it is */
	r = parse_str("<feed xmlns='http://purl.org/atom/ns#' version='0.3'><title>t</title><entry>"
		      "<title mode='base64'>SGk=</title><summary mode='base64'>not base64!</summary>"
		      "</entry></feed>");
	assert_string_equal(r->items[0].title, "Hi");
	assert_string_equal(r->items[0].summary, "not base64!");
	parsed_free(&r);
}

/* ---- bodies --------------------------------------------------------------- */

static void
test_rss_xhtml_bodies(void **state)
{
	struct parsed *r = parse_fixture("rss-xhtml-body.xml", NULL);

	assert_int_equal(r->nitems, 2);
	assert_string_equal(r->items[0].summary, "Short summary");
	assert_string_equal(r->items[0].content,
			    "<p>First <b>bold</b> paragraph.</p><p>Second &amp; last.</p>");
	assert_string_equal(r->items[1].content,
			    "<p>See <a href=\"http://example.org/posts/two.html\">the other post</a>.</p>"
			    "<img src=\"http://example.org/posts/two.png\" alt=\"two\" />");
	parsed_free(&r);
}

static void
test_plain_text_paragraphs(void **state)
{
	struct parsed *r = parse_fixture("plain-paragraphs.xml", NULL);

	assert_string_equal(r->items[0].summary,
			    "<p>First paragraph,\nstill the first.</p><p>Second & paragraph.</p>"
			    "<p>Third: 1 < 2.</p>");
	assert_string_equal(r->items[1].summary, "Only one\nline break here.");
	assert_string_equal(r->items[2].summary, "<p>Already HTML.</p>\n\n<p>Left alone.</p>");
	parsed_free(&r);

	/* an Atom text construct too, escaped first; CRLF blank lines count */
	r = parse_str("<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><entry>"
		      "<summary>a &lt;b&gt;\r\n\r\nc</summary></entry></feed>");
	assert_string_equal(r->items[0].summary, "<p>a &lt;b&gt;</p><p>c</p>");
	parsed_free(&r);
}

static void
test_srcset_resolved(void **state)
{
	struct parsed *r = parse_fixture("srcset-base.xml", NULL);

	assert_string_equal(r->items[0].content,
			    "<img src=\"http://example.org/blog/images/a.jpg\" srcset=\""
			    "http://example.org/blog/images/a-480.jpg 480w, "
			    "http://example.org/blog/images/a-800.jpg 800w, "
			    "http://example.org/abs/a-1x.jpg 1x, https://cdn.example.net/a.jpg 2x\">");
	assert_string_equal(r->items[1].content,
			    "<picture><source srcset=\"http://example.org/blog/b.webp, "
			    "http://example.org/blog/b@2x.webp 2x\" type=\"image/webp\" />"
			    "<img src=\"http://example.org/blog/b.jpg\" "
			    "srcset=\"http://example.org/blog/b@2x.jpg 2x\" /></picture>");
	parsed_free(&r);
}

/* ---- authors ---------------------------------------------------------------- */

static void
test_author_forms(void **state)
{
	static const char *const want[] = {
		"Jo Doe", "Jo Doe", "Jo Doe", "Jo Doe", "Jo Doe", "jo@example.com", "jo@example.com",
		"Jo Doe (Editor)", "Jo Doe", "jo@example.com", "Jo Doe",
	};
	struct parsed *r = parse_fixture("authors.xml", NULL);
	size_t i;

	assert_int_equal(r->nitems, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < r->nitems; i++)
		if (!r->items[i].author || strcmp(r->items[i].author, want[i]))
			fail_msg("%s: author '%s', expected '%s'", r->items[i].title,
				 r->items[i].author ? r->items[i].author : "(none)", want[i]);
	parsed_free(&r);
}

/* ---- feed images ------------------------------------------------------------ */

static void
test_feed_images(void **state)
{
	static const struct { const char *file, *image; } cases[] = {
		{ "feed-image-rss.xml", "http://example.org/images/logo.png" },
		{ "feed-image-itunes.xml", "http://example.org/show.jpg" },
		{ "feed-image-atom.xml", "http://example.org/img/logo.svg" },
		{ "feed-image-rdf.xml", "http://example.org/url.gif" },
		/* channel Media RSS: an image media:content (resolved), never the audio one */
		{ "feed-image-media.xml", "http://example.org/art/cover.png" },
		{ "feed-image-media-thumbnail.xml", "http://example.org/show.jpg" },
		/* itunes:image with url for href; the old itunes:link rel="image" */
		{ "feed-image-itunes-url.xml", "http://example.org/art/show-url.png" },
		{ "feed-image-itunes-link.xml", "http://example.org/old-show.jpg" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed *r = parse_fixture(cases[i].file, "http://example.org/feed.xml");

		assert_int_equal(r->status, BL_OK);
		assert_non_null(r->final.image);
		assert_string_equal(r->final.image, cases[i].image);
		assert_int_equal(r->nitems, 1);
		parsed_free(&r);
	}
	/* the image's title and link are not the feed's */
	{
		struct parsed *r = parse_fixture("feed-image-rss.xml", NULL);

		assert_string_equal(r->final.title, "Feed with an image");
		assert_string_equal(r->final.link, "http://example.org/");
		parsed_free(&r);
	}
}

/* ---- languages -------------------------------------------------------------- */

/* A locale-style language (en_US) is the tag en-US, in RSS and in Atom's xml:lang. */
static void
test_language_underscore(void **state)
{
	static const struct { const char *file, *lang; } cases[] = {
		{ "language-underscore.xml", "en-US" },
		{ "language-underscore-atom.xml", "pt-BR" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed *r = parse_fixture(cases[i].file, NULL);

		assert_int_equal(r->status, BL_OK);
		assert_non_null(r->final.language);
		assert_string_equal(r->final.language, cases[i].lang);
		assert_int_equal(r->nitems, 1);
		parsed_free(&r);
	}
}

/* ---- what the peers agree on ------------------------------------------------ */

static void
test_rss_peer_agreement(void **state)
{
	struct parsed *r = parse_fixture("rss-peer-agreement.xml", NULL);
	const struct item *it = &r->items[0];

	assert_string_equal(r->final.link, "http://example.org/");	/* the last <link> */
	assert_string_equal(it->link, "http://example.org/1-final");
	assert_int_equal(it->published, 1727771400);	/* dc:date, both */
	assert_int_equal(it->updated, 1727771400);
	assert_int_equal(it->ncategories, 3);	/* keywords split, each once */
	assert_string_equal(it->categories[0], "tech");
	assert_string_equal(it->categories[1], "podcasts");
	assert_string_equal(it->categories[2], "news");
	it = &r->items[1];	/* dcterms:modified is the better updated date */
	assert_int_equal(it->published, 1727771400);
	assert_int_equal(it->updated, 1727771400 + 86400);
	parsed_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_undeclared_prefixes),
		cmocka_unit_test(test_near_namespaces),
		cmocka_unit_test(test_rss090_channel_netscape),
		cmocka_unit_test(test_not_a_feed_says_what_it_found),
		cmocka_unit_test(test_dates_languages),
		cmocka_unit_test(test_dates_zone_choice),
		cmocka_unit_test(test_atom_type_other),
		cmocka_unit_test(test_rss_xhtml_bodies),
		cmocka_unit_test(test_plain_text_paragraphs),
		cmocka_unit_test(test_srcset_resolved),
		cmocka_unit_test(test_author_forms),
		cmocka_unit_test(test_feed_images),
		cmocka_unit_test(test_language_underscore),
		cmocka_unit_test(test_rss_peer_agreement),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
