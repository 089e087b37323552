/* Tests of the JSON Feed reader: every field of 1.0 and 1.1, detection by content, syntax errors, hostile JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "parse_helper.h"
#include "../../src/parse/parse_int.h"

#define V11 "\"version\":\"https://jsonfeed.org/version/1.1\""
#define V10 "\"version\":\"https://jsonfeed.org/version/1\""

static const char feed11[] =
	"{" V11 ",\"title\":\"Feed & <co>\",\"home_page_url\":\"https://example.org/\","
	"\"feed_url\":\"https://example.org/feed.json\",\"description\":\"One.\\n\\nTwo & three\","
	"\"icon\":\"/icon.png\",\"favicon\":\"/favicon.ico\",\"language\":\"zh-CN\","
	"\"authors\":[{\"name\":\"Feed Author\",\"url\":\"https://example.org/me\"}],"
	"\"_custom\":{\"about\":\"https://example.org/ext\",\"items\":[{\"id\":\"not an item\"}]},"
	"\"items\":["
	"{\"id\":\"a1\",\"url\":\"https://example.org/1\",\"external_url\":\"https://other.example/x\","
	"\"title\":\"First &amp; <b>best</b>\",\"content_html\":\"<p>Hi <a href=\\\"/rel\\\">there</a></p>\","
	"\"content_text\":\"ignored: content_html wins\",\"summary\":\"Short <one>\","
	"\"date_published\":\"2010-02-07T14:04:00-05:00\",\"date_modified\":\"2010-02-08T10:00:00.5Z\","
	"\"tags\":[\"科技\",\"news\",\"科技\"],"
	"\"authors\":[{\"name\":\"Ann\"},{\"name\":\"Bo\",\"avatar\":\"https://example.org/b.png\"}],"
	"\"author\":{\"name\":\"Old style\"},"
	"\"attachments\":[{\"url\":\"ep1.mp3\",\"mime_type\":\"audio/mpeg\",\"title\":\"Episode\","
	"\"size_in_bytes\":12345678,\"duration_in_seconds\":3600.4},"
	"{\"url\":\"https://example.org/ep1.ogg\",\"mime_type\":\"audio/ogg\"}],"
	"\"_ext\":{\"deep\":[1,2,{\"title\":\"not the title\"}]},\"image\":\"https://example.org/i.png\"},"
	"{\"id\":42,\"content_text\":\"Line one\\nline two\\n\\nSecond paragraph <x> & y\","
	"\"external_url\":\"https://other.example/only\"}"
	"]}";

static void
test_feed_11_fields(void **state)
{
	struct parsed *r = parse_str(feed11);
	struct item *a = &r->items[0], *b = &r->items[1];

	assert_int_equal(r->status, BL_OK);
	assert_int_equal(r->nwarnings, 0);
	assert_int_equal(r->nitems, 2);
	/* the feed */
	assert_string_equal(r->final.format, "json");
	assert_string_equal(r->final.version, "1.1");
	assert_string_equal(r->final.title, "Feed & <co>");	/* plain text, as written */
	assert_string_equal(r->final.link, "https://example.org/");
	assert_string_equal(r->final.description, "<p>One.</p><p>Two &amp; three</p>");
	assert_string_equal(r->final.language, "zh-CN");
	assert_string_equal(r->final.image, "https://example.org/icon.png");	/* icon beats favicon */
	/* every field of the first item */
	assert_string_equal(a->id, "a1");
	assert_string_equal(a->link, "https://example.org/1");	/* url beats external_url */
	assert_string_equal(a->title, "First &amp; <b>best</b>");
	assert_string_equal(a->content, "<p>Hi <a href=\"https://example.org/rel\">there</a></p>");
	assert_string_equal(a->summary, "Short &lt;one&gt;");
	assert_int_equal(a->published, 1265569440);
	assert_int_equal(a->updated, 1265623200);
	assert_int_equal(a->ncategories, 2);
	assert_string_equal(a->categories[0], "科技");
	assert_string_equal(a->categories[1], "news");
	assert_string_equal(a->author, "Ann, Bo");	/* 1.1 authors beat 1.0 author */
	assert_int_equal(a->nenclosures, 2);
	assert_string_equal(a->enclosures[0].url, "https://example.org/ep1.mp3");
	assert_string_equal(a->enclosures[0].type, "audio/mpeg");
	assert_int_equal(a->enclosures[0].length, 12345678);
	assert_int_equal(a->enclosures[0].duration, 3600);
	assert_int_equal(a->enclosures[1].length, -1);
	assert_int_equal(a->enclosures[1].duration, -1);
	/* the second: a number id, plain text with its paragraphs, the feed's author */
	assert_string_equal(b->id, "42");
	assert_null(b->title);
	assert_string_equal(b->link, "https://other.example/only");
	assert_string_equal(b->content,
			    "<p>Line one<br>line two</p><p>Second paragraph &lt;x&gt; &amp; y</p>");
	assert_string_equal(b->author, "Feed Author");
	assert_int_equal(b->published, BL_NO_DATE);
	assert_int_equal(b->nenclosures, 0);
	parsed_free(&r);
}

static void
test_feed_10(void **state)
{
	struct parsed *r = parse_str(
		"{" V10 ",\"title\":\"Old\",\"author\":{\"name\":\"Feed Person\"},\"favicon\":\"https://e.example/f.ico\","
		"\"items\":[{\"id\":\"1\",\"title\":\"t\",\"author\":{\"name\":\"Jo\",\"url\":\"https://jo.example\"},"
		"\"content_html\":\"<p>x</p>\",\"date_published\":\"2017-05-17T08:02:12Z\"},"
		"{\"id\":\"2\",\"author\":{\"url\":\"https://only-url.example/\"},\"content_text\":\"y\"},"
		"{\"id\":\"3\",\"content_text\":\"z\"}]}");

	assert_int_equal(r->status, BL_OK);
	assert_int_equal(r->nwarnings, 0);
	assert_string_equal(r->final.version, "1.0");
	assert_string_equal(r->final.image, "https://e.example/f.ico");
	assert_int_equal(r->nitems, 3);
	assert_string_equal(r->items[0].author, "Jo");
	assert_int_equal(r->items[0].published, 1495008132);
	assert_string_equal(r->items[1].author, "https://only-url.example/");	/* no name: its URL */
	assert_string_equal(r->items[1].content, "y");
	assert_string_equal(r->items[2].author, "Feed Person");
	parsed_free(&r);
}

/* The item model's ids: id, else the link, else a hash of title and date. */
static void
test_ids(void **state)
{
	struct parsed *r = parse_str(
		"{" V11 ",\"items\":[{\"url\":\"https://e.example/p\",\"title\":\"a\"},"
		"{\"title\":\"no id nor url\",\"date_published\":\"2020-01-01T00:00:00Z\"},"
		"{\"title\":\"no id nor url\",\"date_published\":\"2020-01-01T00:00:00Z\"},"
		"{\"id\":\"\",\"url\":\"https://e.example/q\"},{\"id\":1.5e3}]}");

	assert_int_equal(r->nitems, 5);
	assert_string_equal(r->items[0].id, "https://e.example/p");
	assert_non_null(strstr(r->items[1].id, "byline:"));
	assert_string_equal(r->items[1].id, r->items[2].id);	/* stable */
	assert_string_equal(r->items[3].id, "https://e.example/q");	/* an empty id is none */
	assert_string_equal(r->items[4].id, "1.5e3");	/* a number as written */
	parsed_free(&r);
}

/* Relative links: the document's URL, else feed_url, else home_page_url. */
static void
test_relative_links(void **state)
{
	const char *doc = "{" V11 ",\"home_page_url\":\"https://home.example/blog/\","
			  "\"feed_url\":\"https://feeds.example/f/feed.json\","
			  "\"items\":[{\"id\":\"1\",\"url\":\"p/1\",\"content_html\":\"<img src=\\\"i.png\\\">\"}]}";
	const char *home = "{" V11 ",\"home_page_url\":\"https://home.example/blog/\","
			   "\"items\":[{\"id\":\"1\",\"url\":\"p/1\"}]}";
	struct parsed *r = parse_chunked(doc, strlen(doc), 0, "https://fetched.example/x/feed", NULL);

	assert_string_equal(r->items[0].link, "https://fetched.example/x/p/1");
	assert_non_null(strstr(r->items[0].content, "https://fetched.example/x/i.png"));
	parsed_free(&r);
	r = parse_str(doc);
	assert_string_equal(r->items[0].link, "https://feeds.example/f/p/1");
	assert_non_null(strstr(r->items[0].content, "https://feeds.example/f/i.png"));
	parsed_free(&r);
	r = parse_str(home);
	assert_string_equal(r->items[0].link, "https://home.example/blog/p/1");
	parsed_free(&r);
	/* a base that is no web URL is never used */
	r = parse_str("{" V11 ",\"feed_url\":\"javascript:alert(1)//\",\"items\":[{\"id\":\"1\",\"url\":\"p\"}]}");
	assert_string_equal(r->items[0].link, "p");
	parsed_free(&r);
}

/* JSON by content: a BOM, blanks, any chunk size; an external charset changes nothing. */
static void
test_detection(void **state)
{
	const char doc[] = "\xef\xbb\xbf \r\n\t{" V11 ",\"title\":\"标题\",\"items\":[{\"id\":\"1\",\"title\":\"é\"}]}";
	size_t chunk;

	for (chunk = 1; chunk <= 7; chunk++) {
		struct parsed *r = parse_chunked(doc, sizeof(doc) - 1, chunk, NULL, chunk == 3 ? "iso-8859-1" : NULL);

		assert_int_equal(r->status, BL_OK);
		assert_string_equal(r->final.format, "json");
		assert_string_equal(r->final.title, "标题");
		assert_int_equal(r->nitems, 1);
		assert_string_equal(r->items[0].title, "é");
		parsed_free(&r);
	}
	/* XML after the same blanks is still XML */
	{
		const char xml[] = "  \n<rss version=\"2.0\"><channel><title>x</title></channel></rss>";
		struct parsed *r = parse_chunked(xml, sizeof(xml) - 1, 1, NULL, NULL);

		assert_string_equal(r->final.format, "rss");
		assert_string_equal(r->final.title, "x");
		parsed_free(&r);
	}
}

static void
assert_same_items(const struct parsed *a, const struct parsed *b)
{
	size_t i;

	assert_int_equal(a->nitems, b->nitems);
	assert_int_equal(a->nwarnings, b->nwarnings);
	for (i = 0; i < a->nitems && i < MAX_ITEMS; i++) {
		assert_string_equal(a->items[i].id, b->items[i].id);
		assert_string_equal(a->items[i].title ? a->items[i].title : "", b->items[i].title ? b->items[i].title : "");
		assert_string_equal(a->items[i].content ? a->items[i].content : "",
				    b->items[i].content ? b->items[i].content : "");
	}
}

/* Any chunking reads the same, raw controls, escapes and multi-byte characters split anywhere. */
static void
test_chunking(void **state)
{
	static const char raw[] = "{" V11 ",\"items\":[{\"id\":\"c\",\"title\":\"t\x01\tab \\\"q\\\" \\u00e9 é 😀 9\","
		"\"attachments\":[{\"url\":\"https://e.example/a\",\"size_in_bytes\":1234567}]}]}";
	const char *docs[] = { feed11, raw };
	size_t d, chunk;

	for (d = 0; d < 2; d++) {
		struct parsed *whole = parse_str(docs[d]);

		for (chunk = 1; chunk <= 13; chunk++) {
			struct parsed *r = parse_chunked(docs[d], strlen(docs[d]), chunk, NULL, NULL);

			assert_same_items(whole, r);
			parsed_free(&r);
		}
		if (d == 1) {
			assert_string_equal(whole->items[0].title, "t\xef\xbf\xbd ab \"q\" é é 😀 9");
			assert_int_equal(whole->items[0].enclosures[0].length, 1234567);
		}
		parsed_free(&whole);
	}
}

/* Streamed: on_feed comes with the first item; fields after the items are in feed_parser_info. */
static void
test_fields_after_items(void **state)
{
	struct parsed *r = parse_str("{\"home_page_url\":\"https://e.example/\",\"items\":[{\"id\":\"1\"},"
				     "{\"id\":\"2\"}],\"title\":\"Sorted keys\"," V11 "}");

	assert_int_equal(r->feed_calls, 1);
	assert_int_equal(r->items_before_feed, 0);
	assert_string_equal(r->fi.link, "https://e.example/");
	assert_null(r->fi.title);
	assert_string_equal(r->final.title, "Sorted keys");
	assert_string_equal(r->final.version, "1.1");
	assert_int_equal(r->nitems, 2);
	assert_int_equal(r->nwarnings, 0);
	parsed_free(&r);
}

static void
assert_refused(const char *doc, const char *words)
{
	struct parsed *r = parse_str(doc);

	assert_int_equal(r->status, BL_ERR);
	if (!strstr(r->err.msg, words))
		fail_msg("'%s' does not say '%s'", r->err.msg, words);
	parsed_free(&r);
}

static void
test_syntax_errors(void **state)
{
	assert_refused("{" V11 ",\n\"items\":[\n  {\"id\": \"a\" \"title\": \"b\"}]}", "at line 3, column ");
	assert_refused("{" V11 ",\n\"items\":[\n  {\"id\": \"a\" \"title\": \"b\"}]}", "not valid JSON");
	assert_refused("{\"items\":[{\"id\":\"1\"},]}", "not valid JSON at line 1, column ");
	assert_refused("{" V11 ",\"items\":[{\"id\":\"1\",", "the JSON ends early, at line 1");
	assert_refused("{\"title\":'single'}", "not valid JSON");
	assert_refused("[{\"id\":1}]", "not a JSON Feed: the document is a JSON array");
	assert_refused("{\"a\":1,\"b\":[]}", "neither \"version\" nor \"items\"");
	assert_refused("{\"version\":\"https://example.com/other\"}", "its \"version\" is 'https://example.com/other'");
}

/* Not quite a JSON Feed, still read: with a warning. */
static void
test_version_warnings(void **state)
{
	struct parsed *r = parse_str("{\"items\":[{\"id\":\"1\"}]}");

	assert_int_equal(r->status, BL_OK);
	assert_int_equal(r->nitems, 1);
	assert_true(warned(r, "no \"version\": read as a JSON Feed"));
	assert_null(r->final.version);
	parsed_free(&r);
	r = parse_str("{\"version\":\"https://jsonfeed.org/version/2\",\"items\":[{\"id\":\"1\"}]}");
	assert_int_equal(r->nitems, 1);
	assert_true(warned(r, "'https://jsonfeed.org/version/2' is no JSON Feed version byline knows"));
	parsed_free(&r);
	r = parse_str("{\"version\":\"http://jsonfeed.org/version/1.1/\",\"items\":[]}");
	assert_string_equal(r->final.version, "1.1");
	assert_int_equal(r->nwarnings, 0);
	parsed_free(&r);
	r = parse_str("{\"version\":\"1.1\",\"items\":[]}");	/* the bare number (gofeed's test feeds) */
	assert_string_equal(r->final.version, "1.1");
	assert_int_equal(r->nwarnings, 0);
	parsed_free(&r);
}

/* ---- hostile JSON ---- */

static void
test_deep_nesting(void **state)
{
	struct buf b = { 0 };
	struct parsed *r;
	int i;

	buf_puts(&b, "{" V11 ",\"items\":[{\"id\":\"before\"},{\"id\":\"deep\",\"_x\":");
	for (i = 0; i < 100000; i++)
		buf_putc(&b, '[');
	r = parse_chunked(b.data, b.len, 4096, NULL, NULL);
	assert_int_equal(r->status, BL_OK);
	assert_true(warned(r, "items[1]: values nested more than 200 deep; the rest of the document is ignored"));
	assert_int_equal(r->nitems, 2);	/* the item holding them is kept */
	assert_string_equal(r->items[1].id, "deep");
	parsed_free(&r);
	buf_free(&b);
	/* 150 deep in an extension is no problem: skipped */
	buf_puts(&b, "{" V11 ",\"items\":[{\"id\":\"1\",\"_x\":");
	for (i = 0; i < 150; i++)
		buf_puts(&b, "{\"a\":");
	buf_puts(&b, "1");
	for (i = 0; i < 150; i++)
		buf_putc(&b, '}');
	buf_puts(&b, "},{\"id\":\"2\"}]}");
	r = parse_str(b.data);
	assert_int_equal(r->nitems, 2);
	assert_int_equal(r->nwarnings, 0);
	parsed_free(&r);
	buf_free(&b);
}

static void
test_huge_strings(void **state)
{
	struct buf b = { 0 };
	struct parsed *r;
	size_t i;

	buf_puts(&b, "{" V11 ",\"items\":[{\"id\":\"big\",\"title\":\"");
	for (i = 0; i < (20u << 20); i += 8)
		buf_puts(&b, "TTTTTT\\\"");
	buf_puts(&b, "\",\"content_html\":\"<p>body</p>\"},{\"id\":\"after\",\"title\":\"small after big\"}]}");
	r = parse_chunked(b.data, b.len, 65536, NULL, NULL);
	assert_int_equal(r->status, BL_OK);
	assert_true(warned(r, "a string longer than 8 MiB cut short"));
	assert_true(warned(r, "items[0].title: text longer than 64 KiB cut short"));
	assert_int_equal(r->nitems, 2);
	assert_true(strlen(r->items[0].title) <= PARSE_MAX_LINE_FIELD);
	assert_string_equal(r->items[0].content, "<p>body</p>");	/* the keys after it are read */
	assert_string_equal(r->items[1].title, "small after big");
	parsed_free(&r);
	buf_free(&b);
}

/* Past the document limit, as for XML: what was read stands, with a warning. */
static void
test_document_size_limit(void **state)
{
	struct parse_callbacks cb = { .on_warning = h_on_warning, .on_item = h_on_item };
	struct parsed *r = xcalloc(1, sizeof(*r));
	struct feed_parser *p = feed_parser_new(NULL, NULL, &cb, r);
	static char spaces[1 << 20];
	const char *head = "{" V11 ",\"items\":[{\"id\":\"1\"},", *tail = "{\"id\":\"2\"}]}";
	struct bl_err err;
	int i;

	memset(spaces, ' ', sizeof(spaces));
	assert_int_equal(feed_parser_push(p, head, strlen(head), &err), BL_OK);
	for (i = 0; i < (int)(PARSE_MAX_DOC >> 20) + 2; i++)
		assert_int_equal(feed_parser_push(p, spaces, sizeof(spaces), &err), BL_OK);
	assert_int_equal(feed_parser_push(p, tail, strlen(tail), &err), BL_OK);
	assert_int_equal(feed_parser_finish(p, &err), BL_OK);
	assert_int_equal(r->nitems, 1);	/* the one after the limit is not read */
	assert_true(warned(r, "document larger than"));
	feed_parser_free(&p);
	parsed_free(&r);
}

static void
test_nul_and_bad_utf8(void **state)
{
	static const char doc[] = "{" V11 ",\"title\":\"nul\\u0000title\",\"items\":["
		"{\"id\":\"z1\",\"title\":\"before\\u0000after\",\"content_html\":\"<p>a\\u0000b</p>\"},"
		"{\"id\":\"u1\",\"title\":\"bad \xff\xfe \xc0\xaf \xed\xa0\x80 \xe4\xb8 tail\"},"
		"{\"id\":\"s1\",\"title\":\"lone \\udc00 \\ud800 pair \\ud83d\\ude00\"}]}";
	struct parsed *r = parse_chunked(doc, sizeof(doc) - 1, 0, NULL, NULL);

	assert_int_equal(r->status, BL_OK);
	assert_int_equal(r->nitems, 3);
	assert_string_equal(r->final.title, "nul\xef\xbf\xbdtitle");
	assert_string_equal(r->items[0].title, "before\xef\xbf\xbd" "after");	/* one character, not the rest */
	assert_string_equal(r->items[0].content, "<p>a\xef\xbf\xbd" "b</p>");
	assert_true(warned(r, "NUL characters (\\u0000) replaced by U+FFFD"));
	assert_true(warned(r, "items[1].title: bytes that are not valid UTF-8 (which JSON must be) replaced by U+FFFD"));
	assert_non_null(strstr(r->items[1].title, "bad "));
	assert_non_null(strstr(r->items[1].title, " tail"));
	assert_null(strstr(r->items[1].title, "\xff"));
	assert_null(strstr(r->items[2].title, "\xed"));	/* a lone surrogate is no character */
	assert_non_null(strstr(r->items[2].title, "pair \xf0\x9f\x98\x80"));
	parsed_free(&r);
}

static void
test_numbers_out_of_range(void **state)
{
	struct parsed *r = parse_str(
		"{" V11 ",\"items\":[{\"id\":123456789012345678901234567890,\"attachments\":["
		"{\"url\":\"https://e.example/a\",\"size_in_bytes\":1e400,\"duration_in_seconds\":-5},"
		"{\"url\":\"https://e.example/b\",\"size_in_bytes\":99999999999999999999,\"duration_in_seconds\":1e-400},"
		"{\"url\":\"https://e.example/c\",\"size_in_bytes\":\"2048\",\"duration_in_seconds\":12.6}]}]}");

	assert_int_equal(r->status, BL_OK);
	assert_string_equal(r->items[0].id, "123456789012345678901234567890");
	assert_int_equal(r->items[0].nenclosures, 3);
	assert_int_equal(r->items[0].enclosures[0].length, -1);
	assert_int_equal(r->items[0].enclosures[0].duration, -1);
	assert_true(warned(r, "items[0].attachments[0].size_in_bytes: '1e400' is not a count"));
	assert_true(warned(r, "items[0].attachments[0].duration_in_seconds: '-5' is not a count"));
	assert_int_equal(r->items[0].enclosures[1].length, -1);
	assert_true(warned(r, "'99999999999999999999' is not a count"));
	assert_int_equal(r->items[0].enclosures[2].length, 2048);
	assert_true(warned(r, "items[0].attachments[2].size_in_bytes: text where a number was expected"));
	assert_int_equal(r->items[0].enclosures[2].duration, 13);
	parsed_free(&r);
	/* a number of 100,000 digits is cut before yajl holds it */
	{
		struct buf b = { 0 };
		int i;

		buf_puts(&b, "{" V11 ",\"items\":[{\"id\":");
		for (i = 0; i < 100000; i++)
			buf_putc(&b, '7');
		buf_puts(&b, ",\"title\":\"after the long number\"}]}");
		r = parse_chunked(b.data, b.len, 1000, NULL, NULL);
		assert_int_equal(r->status, BL_OK);
		assert_true(warned(r, "a number longer than 64 KiB cut short"));
		assert_true(strlen(r->items[0].id) <= (64u << 10) + 1);
		assert_string_equal(r->items[0].title, "after the long number");
		parsed_free(&r);
		buf_free(&b);
	}
}

static void
test_duplicate_keys(void **state)
{
	struct parsed *r = parse_str(
		"{" V11 ",\"title\":\"first feed\",\"title\":\"second feed\",\"items\":["
		"{\"id\":\"1\",\"title\":\"first\",\"title\":\"second\",\"tags\":[\"a\"],\"tags\":[\"b\"]}],"
		"\"items\":[{\"id\":\"never\"}]}");

	assert_int_equal(r->status, BL_OK);
	assert_string_equal(r->final.title, "first feed");
	assert_int_equal(r->nitems, 1);
	assert_string_equal(r->items[0].title, "first");
	assert_int_equal(r->items[0].ncategories, 1);
	assert_string_equal(r->items[0].categories[0], "a");
	assert_true(warned(r, "title: \"title\" given twice in one object; the first is kept"));
	assert_true(warned(r, "items[0].tags: \"tags\" given twice in one object"));
	assert_true(warned(r, "items: \"items\" given twice"));
	parsed_free(&r);
}

static void
test_wrong_types(void **state)
{
	struct parsed *r = parse_str(
		"{" V11 ",\"title\":[\"list\"],\"home_page_url\":7,\"authors\":\"Feed Name\",\"items\":["
		"{\"id\":true,\"url\":5,\"title\":{\"a\":\"b\"},\"content_html\":null,\"tags\":\"solo\","
		"\"authors\":[\"not an object\",{\"name\":\"Real\"}],\"attachments\":{\"url\":\"https://e.example/one\"},"
		"\"date_published\":20240101},\"not an item\",[1,2],"
		"{\"id\":\"ok\",\"attachments\":[{\"mime_type\":\"audio/mpeg\"}],\"tags\":[3,\"t\"]}]}");

	assert_int_equal(r->status, BL_OK);
	assert_null(r->final.title);
	assert_null(r->final.link);
	assert_true(warned(r, "title: a list where text was expected; ignored"));
	assert_true(warned(r, "home_page_url: a number where text was expected; ignored"));
	assert_int_equal(r->nitems, 2);
	assert_true(warned(r, "items[0].id: true where text or a number was expected; ignored"));
	assert_true(warned(r, "items[0].url: a number where text was expected"));
	assert_true(warned(r, "items[0].title: an object where text was expected"));
	assert_true(warned(r, "items[0].tags: text where a list was expected; read as one tag"));
	assert_true(warned(r, "items[0].authors[0]: text where an author object was expected; ignored"));
	assert_true(warned(r, "items[0].date_published: a number where text was expected"));
	assert_true(warned(r, "items[1]: text where an item object was expected; ignored"));
	assert_true(warned(r, "items[2]: a list where an item object was expected; ignored"));
	assert_true(warned(r, "items[3].attachments[0]: an attachment without a \"url\" ignored"));
	assert_true(warned(r, "items[3].tags[0]: a number where text was expected"));
	assert_true(warned(r, "authors: text where an author object was expected; read as the name"));
	assert_string_equal(r->items[0].categories[0], "solo");
	assert_string_equal(r->items[0].author, "Real");
	assert_int_equal(r->items[0].nenclosures, 1);	/* one attachment object for a list of them */
	assert_string_equal(r->items[0].enclosures[0].url, "https://e.example/one");
	assert_null(r->items[0].content);
	assert_string_equal(r->items[1].author, "Feed Name");
	assert_string_equal(r->items[1].categories[0], "t");
	parsed_free(&r);
}

/* Raw controls in strings, escaped ones, bidi, and text after the document. */
static void
test_controls_and_trailing(void **state)
{
	/* the raw CR LF in content_text ends line 2; the second document starts line 4 */
	static const char doc[] = "{" V11 ",\n\"items\":[{\"id\":\"1\",\"title\":\"raw\ttab\x01 and \\u001b[2J esc \\u202eevil\","
		"\"content_text\":\"a\r\nb\"}]}\n{\"title\":\"second document\"}";
	struct parsed *r = parse_str(doc);

	assert_int_equal(r->status, BL_OK);
	assert_int_equal(r->nitems, 1);
	assert_true(warned(r, "line 2, column 32: control characters written raw inside a string"));
	assert_true(warned(r, "control characters replaced by U+FFFD"));
	assert_true(warned(r, "bidi controls removed from a title"));
	assert_true(warned(r, "line 4, column 2: text after the end of the JSON document ignored"));
	assert_null(strchr(r->items[0].title, '\x1b'));
	assert_null(strchr(r->items[0].title, '\t'));
	assert_null(strstr(r->items[0].title, "\xe2\x80\xae"));
	assert_string_equal(r->items[0].content, "<p>a<br>b</p>");
	assert_null(r->final.title);
	parsed_free(&r);
}

/* Garbage after a JSON opening: never a crash, always an answer. */
static void
test_garbage(void **state)
{
	unsigned char junk[3000];
	unsigned seed = 7;
	size_t i;
	int round;

	for (round = 0; round < 50; round++) {
		struct parsed *r;

		for (i = 0; i < sizeof(junk); i++) {
			seed = seed * 1103515245u + 12345u;
			junk[i] = (unsigned char)(seed >> 16);
			if (round & 1)
				junk[i] = (unsigned char)"{}[]\",:\\u0aZ \n"[junk[i] % 15];
		}
		memcpy(junk, "{\"items\":[{\"title\":\"", 20);
		r = parse_chunked((const char *)junk, sizeof(junk), (size_t)round + 1, NULL, NULL);
		if (r->status != BL_OK)	/* refused: always with the reason */
			assert_true(r->err.msg[0] != '\0');
		parsed_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_11_fields),
		cmocka_unit_test(test_feed_10),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_relative_links),
		cmocka_unit_test(test_detection),
		cmocka_unit_test(test_chunking),
		cmocka_unit_test(test_fields_after_items),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_version_warnings),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_huge_strings),
		cmocka_unit_test(test_document_size_limit),
		cmocka_unit_test(test_nul_and_bad_utf8),
		cmocka_unit_test(test_numbers_out_of_range),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_controls_and_trailing),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests_name("parse_json", tests, NULL, NULL);
}
