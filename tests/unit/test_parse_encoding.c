/* Tests of the feed parser's encodings and entities: legacy charsets, BOMs, RFC 7303, bad bytes. */
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "parse_helper.h"

/* utf8 converted to `to` with iconv(3); *len gets the size. */
static char *
encode(const char *utf8, const char *to, size_t *len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t il = strlen(utf8), ol = 4 * il + 16;
	char *out = xmalloc(ol), *ip = (char *)utf8, *op = out;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(op - out);
	return out;
}

static void
check_charset(const char *decl, const char *iconv_name, const char *title)
{
	char doc[512];
	char *bytes;
	size_t len, chunk;

	snprintf(doc, sizeof(doc), "<?xml version=\"1.0\" encoding=\"%s\"?>\n<rss version=\"2.0\">"
		 "<channel><title>%s</title><item><title>%s</title></item></channel></rss>", decl,
		 title, title);
	bytes = encode(doc, iconv_name, &len);
	for (chunk = 0; chunk < 4; chunk++) {	/* whole, and split inside characters */
		struct parsed *r = parse_chunked(bytes, len, chunk, NULL, NULL);

		assert_int_equal(r->status, BL_OK);
		assert_string_equal(r->final.title, title);
		assert_string_equal(r->items[0].title, title);
		assert_int_equal(r->nwarnings, 0);
		parsed_free(&r);
	}
	free(bytes);
}

static void
test_legacy_charsets(void **state)
{
	check_charset("gb2312", "GB2312", "爱范儿：科技快讯");
	check_charset("GBK", "GBK", "镕铖 GBK 扩展字");
	check_charset("gb18030", "GB18030", "中文 𠀀 四字节");
	check_charset("big5", "BIG5", "愛範兒 科技新聞");
	check_charset("Shift_JIS", "SHIFT_JIS", "日本語のニュース");
	check_charset("euc-jp", "EUC-JP", "東京の天気");
	check_charset("euc-kr", "EUC-KR", "한국어 뉴스");
	check_charset("iso-8859-5", "ISO-8859-5", "Новости дня");
	check_charset("windows-1251", "WINDOWS-1251", "Привет");
	check_charset("iso-8859-1", "ISO-8859-1", "Café à Zürich");
	check_charset("windows-1252", "WINDOWS-1252", "“Quotes” – €5");
}

static void
test_utf16_32(void **state)
{
	static const char doc[] = "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><channel>"
				  "<title>混合 हिन्दी English</title></channel></rss>";
	static const char *const encs[] = { "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE" };
	size_t i, len;

	for (i = 0; i < 4; i++) {
		char *bytes = encode(doc, encs[i], &len);	/* the BOM comes along */
		struct parsed *r = parse_chunked(bytes, len, 3, NULL, NULL);

		assert_string_equal(r->final.title, "混合 हिन्दी English");
		parsed_free(&r);
		/* without a BOM, found from how "<?" is laid out */
		r = parse_chunked(bytes + (i < 2 ? 2 : 4), len - (i < 2 ? 2 : 4), 5, NULL, NULL);
		assert_string_equal(r->final.title, "混合 हिन्दी English");
		parsed_free(&r);
		free(bytes);
	}
	/* UTF-8 with a BOM */
	{
		struct parsed *r = parse_str("\xef\xbb\xbf<rss><channel><title>bom</title></channel></rss>");

		assert_string_equal(r->final.title, "bom");
		parsed_free(&r);
	}
}

/* RFC 7303: the charset from outside wins over the declaration; a BOM over both. */
static void
test_external_charset(void **state)
{
	static const char bom_doc[] = "\xef\xbb\xbf<rss><channel><title>\xe6\xa0\x87</title></channel></rss>";
	static const char plain_doc[] = "<rss><channel><title>x</title></channel></rss>";
	size_t len;
	char *gbk = encode("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>标题</title></channel></rss>",
			   "GBK", &len);
	struct parsed *r = parse_chunked(gbk, len, 0, NULL, "gbk");

	assert_string_equal(r->final.title, "标题");
	parsed_free(&r);
	free(gbk);
	r = parse_chunked(bom_doc, sizeof(bom_doc) - 1, 0, NULL, "iso-8859-1");
	assert_string_equal(r->final.title, "标");
	parsed_free(&r);
	r = parse_chunked(plain_doc, sizeof(plain_doc) - 1, 0, NULL, "no-such-charset");
	assert_string_equal(r->final.title, "x");
	assert_true(warned(r, "unknown charset 'no-such-charset'"));
	parsed_free(&r);
}

/* A bad byte sequence costs one character, never the rest of the feed. */
static void
test_bad_bytes(void **state)
{
	size_t l1, l2;
	char *head = encode("<?xml version=\"1.0\" encoding=\"gb2312\"?><rss><channel><item><title>第一</title></item>"
			    "<item><title>坏", "GB2312", &l1);
	char *tail = encode("字</title></item><item><title>第三</title></item></channel></rss>", "GB2312", &l2);
	struct buf doc = { 0 };
	struct parsed *r;

	buf_append(&doc, head, l1);
	buf_append(&doc, "\xff\x30", 2);
	buf_append(&doc, tail, l2);
	r = parse_chunked(doc.data, doc.len, 0, NULL, NULL);
	assert_int_equal(r->nitems, 3);
	assert_string_equal(r->items[1].title, "坏\xef\xbf\xbd" "0字");
	assert_string_equal(r->items[2].title, "第三");
	assert_true(warned(r, "not valid GB18030"));
	parsed_free(&r);
	buf_free(&doc);
	free(head);
	free(tail);
	/* invalid UTF-8 reads as windows-1252 */
	r = parse_str("<rss><channel><item><title>don\x92t caf\xe9</title></item><item><title>ok</title></item></channel></rss>");
	assert_string_equal(r->items[0].title, "don’t café");
	assert_string_equal(r->items[1].title, "ok");
	assert_true(warned(r, "windows-1252"));
	parsed_free(&r);
}

static void
test_html_entities(void **state)
{
	struct parsed *r = parse_str("<rss>\n<channel>\n<title>a&nbsp;b &eacute;t&eacute; &mdash; &hellip; &copy; &apos;</title>\n"
				     "<item><title>x &foo; y</title>\n<description>&lt;p&gt;caf&eacute;&lt;/p&gt; &bar;</description>"
				     "<link>http://e/?a=1&amp;b=2</link></item></channel></rss>");

	assert_int_equal(r->status, BL_OK);
	assert_string_equal(r->final.title, "a\xc2\xa0" "b été — … © '");
	assert_string_equal(r->items[0].title, "x &foo; y");	/* unknown: kept, not lost */
	assert_string_equal(r->items[0].summary, "<p>café</p> &bar;");
	assert_string_equal(r->items[0].link, "http://e/?a=1&b=2");
	assert_true(warned(r, "line 4: undefined entity &foo;"));
	parsed_free(&r);
}

/* References in attributes, bare ampersands, references in CDATA. */
static void
test_references_everywhere(void **state)
{
	struct parsed *r = parse_str(
		"<feed xmlns='http://www.w3.org/2005/Atom'><link href='http://e/caf&eacute;?a=1&amp;b=2&amp;amp;c'/>"
		"<entry><id>1</id><title>AT&T &#X41;&#x42;&#67;</title>"
		"<link href='http://e/?x=1&y=2'/>"
		"<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><a href='p?a=1&amp;b=&eacute;' "
		"title='&lt;&quot;&nbsp;'>t</a></div></content>"
		"<summary type='html'><![CDATA[<p>&eacute; &bogus; kept for the HTML reader</p>]]></summary></entry></feed>");

	assert_string_equal(r->final.link, "http://e/café?a=1&b=2&amp;c");
	assert_string_equal(r->items[0].title, "AT&T ABC");
	assert_string_equal(r->items[0].link, "http://e/?x=1&y=2");
	assert_string_equal(r->items[0].content, "<a href=\"p?a=1&amp;b=é\" title=\"&lt;&quot;\xc2\xa0\">t</a>");
	assert_string_equal(r->items[0].summary, "<p>&eacute; &bogus; kept for the HTML reader</p>");
	assert_true(warned(r, "a bare '&' kept as text"));
	parsed_free(&r);
}

/* Control characters and invalid UTF-8 never reach the fields. */
static void
test_cleaning(void **state)
{
	struct parsed *r = parse_str("<rss><channel><item><title>a&#x202E;b\xc2\x85" "c&#9;d</title>"
				     "<description>line1&#13;line2\tx</description></item></channel></rss>");

	assert_string_equal(r->items[0].title, "ab…c d");	/* bidi dropped, C1 as windows-1252 */
	assert_string_equal(r->items[0].summary, "line1\nline2\tx");
	parsed_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_legacy_charsets),
		cmocka_unit_test(test_utf16_32),
		cmocka_unit_test(test_external_charset),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_html_entities),
		cmocka_unit_test(test_references_everywhere),
		cmocka_unit_test(test_cleaning),
	};

	return cmocka_run_group_tests_name("parse_encoding", tests, NULL, NULL);
}
