/* Tests of the feed parser: each format, namespaces, text constructs, xml:base, ids, streaming. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "parse_helper.h"

#define CONTENT_NS "http://purl.org/rss/1.0/modules/content/"

static void
test_not_a_feed(void **state)
{
	struct parsed *r = parse_str("<html><body><p>hello</p></body></html>");

	assert_int_equal(r->status, BL_ERR);
	assert_non_null(strstr(r->err.msg, "not a feed I can read: the root element is <html>"));
	assert_non_null(strstr(r->err.msg, "html"));
	parsed_free(&r);
	r = parse_str("");
	assert_int_equal(r->status, BL_ERR);
	assert_non_null(strstr(r->err.msg, "empty"));
	parsed_free(&r);
	r = parse_str("this is plain text, no markup at all");
	assert_int_equal(r->status, BL_ERR);
	parsed_free(&r);
}

static const char rss20_doc[] =
	"<?xml version='1.0'?><rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
	"<channel><title>Feed</title><link>http://example.com/</link>"
	"<description>About &lt;b&gt;us&lt;/b&gt;</description><language>en-GB</language>"
	"<image><title>Logo title</title><link>http://example.com/logo</link></image>"
	"<item><title>First</title><link>/a/1</link><guid isPermaLink='false'>g-1</guid>"
	"<author>editor@example.com (Editor)</author><dc:creator>Ann</dc:creator>"
	"<pubDate>Tue, 01 Oct 2024 08:30:00 +0800</pubDate>"
	"<description>&lt;p&gt;Summary&lt;/p&gt;</description>"
	"<category>News</category><category>Tech</category><category>News</category>"
	"<enclosure url='media/ep1.mp3' type='audio/mpeg' length='123'/></item>"
	"<item><title>Second</title></item></channel></rss>";

static void
test_rss20_fields(void **state)
{
	struct parsed *r = parse_chunked(rss20_doc, sizeof(rss20_doc) - 1, 7,
					 "http://example.com/feed/rss.xml", NULL);

	assert_int_equal(r->status, BL_OK);
	assert_string_equal(r->final.format, "rss");
	assert_string_equal(r->final.version, "2.0");
	assert_string_equal(r->final.title, "Feed");	/* not the image's title */
	assert_string_equal(r->final.link, "http://example.com/");
	assert_string_equal(r->final.description, "About <b>us</b>");
	assert_string_equal(r->final.language, "en-GB");
	assert_int_equal(r->nitems, 2);
	assert_string_equal(r->items[0].title, "First");
	assert_string_equal(r->items[0].link, "http://example.com/a/1");
	assert_string_equal(r->items[0].id, "g-1");
	assert_string_equal(r->items[0].author, "Ann");	/* dc:creator before author */
	assert_int_equal(r->items[0].published, 1727742600);
	assert_true(r->items[0].updated == BL_NO_DATE);
	assert_string_equal(r->items[0].summary, "<p>Summary</p>");
	assert_null(r->items[0].content);
	assert_int_equal(r->items[0].ncategories, 2);	/* the repeated one once */
	assert_string_equal(r->items[0].categories[1], "Tech");
	assert_int_equal(r->items[0].nenclosures, 1);
	assert_string_equal(r->items[0].enclosures[0].url, "http://example.com/feed/media/ep1.mp3");
	assert_string_equal(r->items[0].enclosures[0].type, "audio/mpeg");
	assert_int_equal(r->items[0].enclosures[0].length, 123);
	assert_string_equal(r->items[1].title, "Second");
	/* the feed is reported once, before the first item */
	assert_int_equal(r->feed_calls, 1);
	assert_int_equal(r->items_before_feed, 0);
	assert_string_equal(r->fi.title, "Feed");
	parsed_free(&r);
}

static void
test_rss_versions(void **state)
{
	static const struct { const char *doc, *version; } cases[] = {
		{ "<rss version='0.91'><channel><title>t</title></channel></rss>", "0.91" },
		{ "<rss version='0.92'><channel><title>t</title></channel></rss>", "0.92" },
		{ "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
		  "xmlns='http://my.netscape.com/rdf/simple/0.9/'><channel><title>t</title></channel>"
		  "<item><title>i</title><link>http://e/1</link></item></rdf:RDF>", "0.90" },
		{ "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
		  "xmlns='http://purl.org/rss/1.0/'><channel rdf:about='http://e/'><title>t</title></channel>"
		  "<item rdf:about='http://e/1'><title>i</title><link>http://e/1</link></item></rdf:RDF>", "1.0" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed *r = parse_str(cases[i].doc);

		assert_int_equal(r->status, BL_OK);
		assert_string_equal(r->final.format, "rss");
		assert_string_equal(r->final.version, cases[i].version);
		assert_string_equal(r->final.title, "t");
		if (i >= 2) {
			assert_int_equal(r->nitems, 1);
			assert_string_equal(r->items[0].title, "i");
			assert_string_equal(r->items[0].link, "http://e/1");
		}
		parsed_free(&r);
	}
}

static void
test_rss10_modules(void **state)
{
	struct parsed *r = parse_str(
		"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'"
		" xmlns:dc='http://purl.org/dc/elements/1.1/'>"
		"<channel rdf:about='http://e/'><title>t</title><dc:language>fr</dc:language></channel>"
		"<item rdf:about='http://e/about'><title>i</title><dc:date>2024-10-01T08:30:00+08:00</dc:date>"
		"<dc:subject>Science</dc:subject><dc:creator>Marie</dc:creator></item></rdf:RDF>");

	assert_string_equal(r->final.language, "fr");
	assert_string_equal(r->items[0].id, "http://e/about");	/* rdf:about */
	assert_int_equal(r->items[0].published, 1727742600);
	assert_string_equal(r->items[0].categories[0], "Science");
	assert_string_equal(r->items[0].author, "Marie");
	parsed_free(&r);
}

static const char atom10_doc[] =
	"<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='de'>"
	"<title type='html'>A &lt;i&gt;feed&lt;/i&gt; &amp;lt;3</title>"
	"<subtitle>x &lt; y</subtitle>"
	"<link rel='self' href='http://e/feed'/><link href='http://e/'/>"
	"<entry><id>urn:uuid:1</id><title type='text'>Plain &lt;tag&gt; title</title>"
	"<link rel='enclosure' href='http://e/a.ogg' type='audio/ogg' length='99'/>"
	"<link rel='alternate' type='application/pdf' href='http://e/1.pdf'/>"
	"<link rel='alternate' type='text/html' href='http://e/1'/>"
	"<author><name>Ada</name><email>ada@e</email></author><author><name>Bob</name></author>"
	"<published>2024-10-01T00:30:00Z</published><updated>2024-10-02T00:00:00Z</updated>"
	"<category term='t1' label='Label one'/>"
	"<summary type='text'>1 &lt; 2 &amp; 3</summary>"
	"<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>Hi <b>there</b><br/></p></div></content>"
	"<source><title>Not this</title></source>"
	"</entry></feed>";

static void
test_atom10(void **state)
{
	struct parsed *r = parse_chunked(atom10_doc, sizeof(atom10_doc) - 1, 3, NULL, NULL);

	assert_int_equal(r->status, BL_OK);
	assert_string_equal(r->final.format, "atom");
	assert_string_equal(r->final.version, "1.0");
	assert_string_equal(r->final.title, "A feed <3");	/* html construct, tags dropped */
	assert_string_equal(r->final.description, "x &lt; y");	/* text construct, escaped */
	assert_string_equal(r->final.link, "http://e/");
	assert_string_equal(r->final.language, "de");
	assert_string_equal(r->items[0].id, "urn:uuid:1");
	assert_string_equal(r->items[0].title, "Plain <tag> title");	/* text stays text */
	assert_string_equal(r->items[0].link, "http://e/1");	/* text/html alternate wins */
	assert_string_equal(r->items[0].author, "Ada, Bob");
	assert_int_equal(r->items[0].published, 1727742600);
	assert_int_equal(r->items[0].updated, 1727827200);
	assert_string_equal(r->items[0].categories[0], "t1");
	assert_string_equal(r->items[0].summary, "1 &lt; 2 &amp; 3");
	assert_string_equal(r->items[0].content, "<p>Hi <b>there</b><br /></p>");
	assert_int_equal(r->items[0].nenclosures, 1);
	assert_int_equal(r->items[0].enclosures[0].length, 99);
	parsed_free(&r);
}

static void
test_atom03(void **state)
{
	struct parsed *r = parse_str(
		"<feed version='0.3' xmlns='http://purl.org/atom/ns#'><title>Old</title>"
		"<tagline mode='escaped' type='text/html'>&lt;em&gt;tag&lt;/em&gt;line</tagline>"
		"<link rel='alternate' type='text/html' href='http://e/'/>"
		"<entry><title>E</title><id>tag:e,2004:1</id><issued>2004-01-01T00:00:00Z</issued>"
		"<modified>2004-01-02T00:00:00Z</modified>"
		"<summary type='text/html' mode='base64'>PGI+Ym9sZDwvYj4=</summary>"
		"<content type='application/xhtml+xml' mode='xml'><div xmlns='http://www.w3.org/1999/xhtml'>x</div></content>"
		"</entry></feed>");

	assert_string_equal(r->final.version, "0.3");
	assert_string_equal(r->final.description, "<em>tag</em>line");
	assert_string_equal(r->items[0].summary, "<b>bold</b>");
	assert_string_equal(r->items[0].content, "<div>x</div>");	/* 0.3 keeps its div */
	assert_int_equal(r->items[0].published, 1072915200);
	assert_int_equal(r->items[0].updated, 1073001600);
	parsed_free(&r);
}

/* Prefixes never matter; namespace URIs do. */
static void
test_namespaces(void **state)
{
	struct parsed *r = parse_str(
		"<rss version='2.0' xmlns:c='" CONTENT_NS "' xmlns:weird='http://www.w3.org/2005/Atom'"
		" xmlns:content='http://example.com/not-content'>"
		"<channel><weird:link rel='alternate' href='http://e/alt'/>"
		"<item><title>i</title><c:encoded>&lt;p&gt;real&lt;/p&gt;</c:encoded>"
		"<content:encoded>fake</content:encoded><weird:id>atom-id</weird:id></item>"
		"<item><title>j</title><content:encoded>only fake</content:encoded></item></channel></rss>");

	assert_string_equal(r->final.link, "http://e/alt");
	assert_string_equal(r->items[0].content, "<p>real</p>");
	assert_string_equal(r->items[0].id, "atom-id");
	assert_null(r->items[1].content);
	parsed_free(&r);
	r = parse_str("<a:feed xmlns:a='http://www.w3.org/2005/Atom'><a:entry><a:title>pfx</a:title>"
		      "<a:id>1</a:id></a:entry></a:feed>");
	assert_string_equal(r->final.format, "atom");
	assert_string_equal(r->items[0].title, "pfx");
	parsed_free(&r);
}

static void
test_titles_plain(void **state)
{
	struct parsed *r = parse_str(
		"<rss><channel><item><title>  Breaking:\n\t&lt;b&gt;big&lt;/b&gt;   news &amp;amp; more </title></item>"
		"<item><title><![CDATA[AT&T <i>wins</i>]]></title></item>"
		"<item><title>AT&amp;T plain</title></item></channel></rss>");

	assert_string_equal(r->items[0].title, "Breaking: big news & more");
	assert_string_equal(r->items[1].title, "AT&T wins");
	assert_string_equal(r->items[2].title, "AT&T plain");
	parsed_free(&r);
}

static void
test_xml_base(void **state)
{
	static const char doc[] =
		"<feed xmlns='http://www.w3.org/2005/Atom' xml:base='http://a.example/base/'>"
		"<link href='home'/>"
		"<entry xml:base='entry/'><id>1</id><link href='page.html'/>"
		"<content type='xhtml' xml:base='../other/'><div xmlns='http://www.w3.org/1999/xhtml'>"
		"<a href='x.html'>x</a><img src='/abs.png'/></div></content>"
		"<summary type='html'>&lt;a href=\"s.html\"&gt;s&lt;/a&gt;</summary></entry>"
		"<entry><id>2</id><link href='two'/></entry></feed>";
	struct parsed *r = parse_chunked(doc, sizeof(doc) - 1, 0, "http://doc.example/feed.xml", NULL);

	assert_string_equal(r->final.link, "http://a.example/base/home");
	assert_string_equal(r->items[0].link, "http://a.example/base/entry/page.html");
	assert_string_equal(r->items[0].content,
			    "<a href=\"http://a.example/base/other/x.html\">x</a>"
			    "<img src=\"http://a.example/abs.png\" />");
	assert_string_equal(r->items[0].summary, "<a href=\"http://a.example/base/entry/s.html\">s</a>");
	assert_string_equal(r->items[1].link, "http://a.example/base/two");
	parsed_free(&r);
	/* no xml:base: the document's URL; a javascript: base is never used */
	r = parse_chunked("<rss><channel><item><link>rel/1</link></item></channel></rss>", 58, 0,
			  "http://doc.example/dir/feed.xml", NULL);
	assert_string_equal(r->items[0].link, "http://doc.example/dir/rel/1");
	parsed_free(&r);
	r = parse_str("<rss><channel xml:base='javascript:alert(1)//'><item><link>x</link></item></channel></rss>");
	assert_string_equal(r->items[0].link, "x");
	assert_true(warned(r, "not an http or https URL"));
	parsed_free(&r);
}

static void
test_id_fallback(void **state)
{
	const char *doc = "<rss><channel>"
			  "<item><guid>G</guid><link>http://e/1</link></item>"
			  "<item><link>http://e/2</link></item>"
			  "<item><guid isPermaLink='true'>http://e/3</guid></item>"
			  "<item><title>T</title><pubDate>Tue, 01 Oct 2024 08:30:00 GMT</pubDate></item>"
			  "<item><title>T</title><pubDate>Wed, 02 Oct 2024 08:30:00 GMT</pubDate></item>"
			  "</channel></rss>";
	struct parsed *a = parse_str(doc), *b = parse_chunked(doc, strlen(doc), 1, NULL, NULL);

	assert_string_equal(a->items[0].id, "G");
	assert_string_equal(a->items[1].id, "http://e/2");
	assert_string_equal(a->items[2].link, "http://e/3");	/* permalink guid */
	assert_non_null(a->items[3].id);
	assert_string_not_equal(a->items[3].id, a->items[4].id);
	assert_string_equal(a->items[3].id, b->items[3].id);	/* stable */
	parsed_free(&a);
	parsed_free(&b);
}

/* Any split into chunks gives the same items as one push. */
static void
test_chunking(void **state)
{
	static const char doc[] =
		"<?xml version='1.0' encoding='utf-8'?><rss version='2.0' xmlns:content='" CONTENT_NS "'>"
		"<channel><title>中文 हिन्दी</title><item><title>标题 &eacute; &#x4E2D;</title>"
		"<content:encoded><![CDATA[<p>正文 नमस्ते</p>]]></content:encoded></item>"
		"<item><title>二</title></item></channel></rss>";
	struct parsed *whole = parse_str(doc);
	size_t chunk;

	for (chunk = 1; chunk < 9; chunk++) {
		struct parsed *r = parse_chunked(doc, sizeof(doc) - 1, chunk, NULL, NULL);

		assert_int_equal(r->nitems, 2);
		assert_string_equal(r->final.title, whole->final.title);
		assert_string_equal(r->items[0].title, "标题 é 中");
		assert_string_equal(r->items[0].content, whole->items[0].content);
		assert_string_equal(r->items[1].title, "二");
		parsed_free(&r);
	}
	parsed_free(&whole);
}

/* A document cut off mid-item keeps the item it had. */
static void
test_truncated(void **state)
{
	struct parsed *r = parse_str("<rss><channel><item><title>one</title></item><item><title>two</ti");

	assert_int_equal(r->status, BL_OK);
	assert_int_equal(r->nitems, 2);
	assert_string_equal(r->items[1].title, "two");
	assert_true(r->nwarnings > 0);
	parsed_free(&r);
}

static void
test_media_itunes(void **state)
{
	struct parsed *r = parse_str(
		"<rss xmlns:media='http://search.yahoo.com/mrss/' xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'>"
		"<channel><itunes:summary>Pod</itunes:summary><item><itunes:author>Host</itunes:author>"
		"<itunes:summary>a &lt; b</itunes:summary>"
		"<media:group><media:content url='http://e/v.mp4' type='video/mp4' fileSize='5'/>"
		"<media:description type='plain'>Desc</media:description></media:group>"
		"<media:thumbnail url='http://e/t.jpg'/><media:title>Media title</media:title></item>"
		"</channel></rss>");

	assert_string_equal(r->final.description, "Pod");
	assert_string_equal(r->items[0].author, "Host");
	assert_string_equal(r->items[0].summary, "a &lt; b");
	assert_string_equal(r->items[0].title, "Media title");
	assert_int_equal(r->items[0].nenclosures, 2);
	assert_string_equal(r->items[0].enclosures[0].url, "http://e/v.mp4");
	assert_int_equal(r->items[0].enclosures[0].length, 5);
	assert_string_equal(r->items[0].enclosures[1].url, "http://e/t.jpg");
	assert_null(r->items[0].enclosures[1].type);
	parsed_free(&r);
}

/* itunes:duration (H:MM:SS, MM:SS or seconds) is the enclosure's running time, before or after it. */
static void
test_itunes_duration(void **state)
{
	struct parsed *r = parse_str(
		"<rss xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'><channel>"
		"<item><itunes:duration>1:02:05</itunes:duration><enclosure url='http://e/a.mp3'/></item>"
		"<item><enclosure url='http://e/b.mp3'/><itunes:duration> 12:30 </itunes:duration></item>"
		"<item><itunes:duration>95</itunes:duration><enclosure url='http://e/c.mp3'/></item>"
		"<item><itunes:duration>soon</itunes:duration><enclosure url='http://e/d.mp3'/></item>"
		"<item><enclosure url='http://e/e.mp3'/></item>"
		"</channel></rss>");

	assert_int_equal(r->nitems, 5);
	assert_int_equal(r->items[0].enclosures[0].duration, 3725);
	assert_int_equal(r->items[1].enclosures[0].duration, 750);
	assert_int_equal(r->items[2].enclosures[0].duration, 95);
	assert_int_equal(r->items[3].enclosures[0].duration, -1);
	assert_int_equal(r->items[4].enclosures[0].duration, -1);	/* not the item before's */
	parsed_free(&r);
}

/* RFC 4287 4.2.1: an entry without an author has its source's, else the feed's. */
static void
test_author_inheritance(void **state)
{
	struct parsed *r = parse_str(
		"<feed xmlns='http://www.w3.org/2005/Atom'><author><name>Feed Person</name></author>"
		"<entry><id>1</id></entry>"
		"<entry><id>2</id><author><email>own@e</email></author></entry>"
		"<entry><id>3</id><source><author><name>Source Person</name></author></source></entry>"
		"</feed>");

	assert_string_equal(r->items[0].author, "Feed Person");
	assert_string_equal(r->items[1].author, "own@e");
	assert_string_equal(r->items[2].author, "Source Person");
	parsed_free(&r);
	r = parse_str("<rss><channel><item><author>jo@e.com (Jo Doe)</author></item>"
		      "<item><author>Jo Doe &lt;jo@e.com&gt;</author></item>"
		      "<item><author>jo@e.com</author></item></channel></rss>");
	assert_string_equal(r->items[0].author, "Jo Doe");
	assert_string_equal(r->items[1].author, "Jo Doe");
	assert_string_equal(r->items[2].author, "jo@e.com");
	parsed_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_a_feed),
		cmocka_unit_test(test_rss20_fields),
		cmocka_unit_test(test_rss_versions),
		cmocka_unit_test(test_rss10_modules),
		cmocka_unit_test(test_atom10),
		cmocka_unit_test(test_atom03),
		cmocka_unit_test(test_namespaces),
		cmocka_unit_test(test_titles_plain),
		cmocka_unit_test(test_xml_base),
		cmocka_unit_test(test_id_fallback),
		cmocka_unit_test(test_chunking),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_media_itunes),
		cmocka_unit_test(test_itunes_duration),
		cmocka_unit_test(test_author_inheritance),
	};

	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
