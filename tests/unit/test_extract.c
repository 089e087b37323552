/* Unit tests for the article extractor: small pages written for the purpose, in English, Chinese, Japanese, Hindi and legacy charsets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/buf.h"
#include "byline/extract.h"
#include "byline/item.h"
#include "../../src/extract/extract_int.h"
#include <libxml/HTMLtree.h>

#define URL "https://example.org/news/2024/wolves.html"

static struct extract_article *
extract_ok(const char *page, size_t len, const char *url, const char *charset)
{
	struct extract_article *a = NULL;
	struct bl_err err = { "" };

	if (extract_page(page, len, url, charset, &a, &err) != BL_OK)
		fail_msg("no article: %s", err.msg);
	assert_non_null(a);
	return a;
}

static struct extract_article *
extract_str(const char *page)
{
	return extract_ok(page, strlen(page), URL, NULL);
}

/* The error extract_page gives for page (it must fail). */
static void
assert_refused(const char *page, size_t len, const char *want)
{
	struct extract_article *a = NULL;
	struct bl_err err = { "" };

	assert_int_equal(extract_page(page, len, URL, NULL, &a, &err), BL_ERR);
	assert_null(a);
	if (!strstr(err.msg, want))
		fail_msg("wanted '%s' in '%s'", want, err.msg);
}

static void
assert_has(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("'%s' not in:\n%s", needle, hay);
}

static void
assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("'%s' should not be in:\n%s", needle, hay);
}

/* Appends the page to b in the encoding `to` (iconv's name). */
static void
encode(struct buf *b, const char *utf8, const char *to)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	char *in = (char *)utf8, *out, *start;
	size_t il = strlen(utf8), ol = 4 * il + 16;

	assert_true(cd != (iconv_t)-1);
	start = out = malloc(ol);
	assert_non_null(out);
	assert_true(iconv(cd, &in, &il, &out, &ol) != (size_t)-1);
	buf_append(b, start, (size_t)(out - start));
	free(start);
	iconv_close(cd);
}

/* ---- an English news page with everything around the article ---- */

static const char english[] =
	"<!DOCTYPE html><html lang=\"en\"><head>"
	"<title>Wolves return to the valley | The Valley Times</title>"
	"<meta property=\"og:site_name\" content=\"The Valley Times\">"
	"<meta name=\"author\" content=\"Ada Lovelace\">"
	"<meta property=\"article:published_time\" content=\"2024-03-05T10:20:30Z\">"
	"<script>document.write('tracking pixel')</script><style>p { color: red }</style>"
	"</head><body>"
	"<div class=\"cookie-banner\">We use cookies to improve your experience. <button>Accept</button></div>"
	"<nav class=\"menu\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>"
	"<li><a href=\"/sport\">Sport</a></li><li><a href=\"/weather\">Weather</a></li></ul></nav>"
	"<div class=\"sidebar\"><h3>Most popular</h3><ul>"
	"<li><a href=\"/a\">Council approves the new bridge over the river</a></li>"
	"<li><a href=\"/b\">Local bakery wins a national prize for its bread</a></li>"
	"<li><a href=\"/c\">School choir sings at the cathedral on Sunday</a></li></ul></div>"
	"<article><h1>Wolves return to the valley</h1>"
	"<p>For the first time in a century, a pack of wolves has settled in the upper valley, "
	"rangers said on Tuesday, after months of tracks, sightings and camera traps.</p>"
	"<p>The pack, four adults and at least two pups, was first seen in November, when a "
	"farmer reported prints in the snow near the old mill, and has since been followed closely.</p>"
	"<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet this</a></div>"
	"<p>Biologists say the return is good news for the forest, where deer have grazed young "
	"trees for decades, but farmers worry about their sheep, and the council will meet in April.</p>"
	"<figure><img src=\"/img/wolf.jpg\" alt=\"A grey wolf\"><figcaption>A grey wolf in the snow, "
	"photographed by a camera trap.</figcaption></figure>"
	"<h2>What happens next</h2>"
	"<p>Rangers will fit two of the adults with collars this spring, so that the pack's range, "
	"its hunting and its meetings with people can be studied over the next five years.</p>"
	"<ul><li>Keep dogs on a lead in the upper valley.</li><li>Report sightings to the rangers.</li></ul>"
	"<p>Read <a href=\"/more/wolves\">more about wolves</a>, or <a href=\"javascript:alert(1)\">"
	"watch the video</a> of the pack crossing the river at dawn, filmed by a volunteer.</p>"
	"<p style=\"display:none\">Hidden text that no reader should see in the article at all.</p>"
	"</article>"
	"<div id=\"comments\"><h2>Comments</h2><div class=\"comment\"><p>Great article, thanks for "
	"writing it, I loved it, and I hope the wolves stay, as they belong here, truly.</p></div></div>"
	"<footer>Copyright 2024 The Valley Times. All rights reserved. Contact us.</footer>"
	"</body></html>";

static void
test_english_article(void **state)
{
	struct extract_article *a = extract_str(english);

	assert_has(a->text, "For the first time in a century");
	assert_has(a->text, "farmers worry about their sheep");
	assert_has(a->text, "studied over the next five years");
	assert_has(a->text, "A grey wolf in the snow");
	assert_lacks(a->text, "cookies");
	assert_lacks(a->text, "Home");
	assert_lacks(a->text, "Council approves");
	assert_lacks(a->text, "Share on Facebook");
	assert_lacks(a->text, "Great article");
	assert_lacks(a->text, "Copyright");
	assert_lacks(a->text, "Hidden text");
	assert_lacks(a->text, "tracking pixel");
	assert_string_equal(a->title, "Wolves return to the valley");
	assert_string_equal(a->author, "Ada Lovelace");
	assert_string_equal(a->site, "The Valley Times");
	assert_string_equal(a->lang, "en");
	assert_string_equal(a->url, URL);
	assert_int_equal(a->published, 1709634030);
	assert_string_equal(a->charset, "UTF-8");
	extract_article_free(&a);
	assert_null(a);
}

static void
test_english_html(void **state)
{
	struct extract_article *a = extract_str(english);

	/* the heading repeating the title goes; the others stay */
	assert_lacks(a->html, "<h1>");
	assert_has(a->html, "<h2>What happens next</h2>");
	assert_has(a->html, "<img src=\"https://example.org/img/wolf.jpg\" alt=\"A grey wolf\">");
	assert_has(a->html, "<figure>");
	assert_has(a->html, "<figcaption>");
	assert_has(a->html, "<a href=\"https://example.org/more/wolves\">more about wolves</a>");
	assert_has(a->html, "<li>Keep dogs on a lead in the upper valley.</li>");
	assert_lacks(a->html, "javascript");
	assert_has(a->html, "watch the video");
	assert_lacks(a->html, "<script");
	assert_lacks(a->html, "style=");
	assert_lacks(a->html, "class=");
	extract_article_free(&a);
}

/* Plain text: a paragraph a line, blank lines between blocks, list items on lines of their own. */
static void
test_text_format(void **state)
{
	struct extract_article *a = extract_str(english);

	assert_has(a->text, "dawn, filmed by a volunteer.\n");
	assert_has(a->text, "\n\nWhat happens next\n\nRangers will fit");
	assert_has(a->text, "years.\n\n- Keep dogs on a lead in the upper valley.\n"
			    "- Report sightings to the rangers.\n\nRead more about wolves");
	assert_true(a->text[strlen(a->text) - 1] == '\n');
	assert_lacks(a->text, "\n\n\n");
	extract_article_free(&a);
}

/* ---- the signals ---- */

/* Text inside links weighs less: a long list of links loses to shorter prose. */
static void
test_link_density(void **state)
{
	struct buf b = {0};
	struct extract_article *a;
	int i;

	buf_puts(&b, "<html><body><div id=\"x1\">");
	for (i = 0; i < 30; i++)
		buf_printf(&b, "<p><a href=\"/s%d\">A headline of another story that runs on, number %d, "
			       "with words, and more words, to be long</a></p>", i, i);
	buf_puts(&b, "</div><div id=\"x2\">");
	for (i = 0; i < 5; i++)
		buf_printf(&b, "<p>This is paragraph %d of the story itself, with commas, clauses, and "
			       "enough words to count as prose, which the reader came for.</p>", i);
	buf_puts(&b, "</div></body></html>");
	a = extract_ok(b.data, b.len, URL, NULL);
	assert_has(a->text, "paragraph 4 of the story itself");
	assert_lacks(a->text, "A headline of another story");
	extract_article_free(&a);
	buf_free(&b);
}

/* itemprop="articleBody" and JSON-LD give the article and its metadata. */
static void
test_jsonld_metadata(void **state)
{
	const char *page =
		"<html><head><title>Ignored title - Site</title>"
		"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
		"{\"@type\":\"WebSite\",\"name\":\"Not this\"},"
		"{\"@type\":[\"NewsArticle\"],\"headline\":\"The \\u201cheadline\\u201d from JSON-LD\","
		"\"author\":[{\"@type\":\"Person\",\"name\":\"Grace Hopper\"},{\"name\":\"Alan Turing\"}],"
		"\"datePublished\":\"2023-11-02T08:00:00+01:00\",\"inLanguage\":\"fr\","
		"\"publisher\":{\"@type\":\"Organization\",\"name\":\"Le Journal\"}}]}</script>"
		"</head><body><div itemprop=\"articleBody\">"
		"<p>Le premier paragraphe de l'article, avec des virgules, des mots, et assez de texte pour "
		"compter comme un vrai paragraphe, car un article a toujours au moins un paragraphe long.</p>"
		"<p>Le second paragraphe, tout aussi long, avec encore des virgules, et une fin claire.</p>"
		"</div></body></html>";
	struct extract_article *a = extract_str(page);

	assert_string_equal(a->title, "The \xe2\x80\x9cheadline\xe2\x80\x9d from JSON-LD");
	assert_string_equal(a->author, "Grace Hopper, Alan Turing");
	assert_string_equal(a->site, "Le Journal");
	assert_string_equal(a->lang, "fr");
	assert_int_equal(a->published, 1698908400);
	assert_has(a->text, "Le second paragraphe");
	extract_article_free(&a);
}

/* A page whose own text is a teaser, but whose JSON-LD holds the whole articleBody. */
static void
test_jsonld_body(void **state)
{
	const char *page =
		"<html><head><script type=\"application/ld+json\">"
		"{\"@type\":\"Article\",\"headline\":\"Long read\",\"articleBody\":\"The whole article is "
		"here, in the structured data, because the page builds its text with scripts, which "
		"byline never runs, and so the structured data is all there is to read.\\nIts second "
		"paragraph goes on, with more words, and ends here & now."
		"\"}</script></head><body><div id=\"app\">Loading...</div></body></html>";
	struct extract_article *a = extract_str(page);

	assert_string_equal(a->title, "Long read");
	assert_string_equal(a->text, "The whole article is here, in the structured data, because "
		"the page builds its text with scripts, which byline never runs, and so the structured "
		"data is all there is to read.\n\n"
		"Its second paragraph goes on, with more words, and ends here & now.\n");
	assert_has(a->html, "<p>Its second paragraph goes on, with more words, and ends here &amp; now.</p>");
	assert_int_equal(a->nwarnings, 1);
	assert_has(a->warnings[0], "JSON-LD");
	extract_article_free(&a);
}

/* Links resolve against <base>; lazy images find their picture; data: and javascript: go. */
/* The page shows a teaser of its article (one paragraph, a "subscribe" box); JSON-LD holds the whole: that is taken. */
static void
test_jsonld_body_stronger(void **state)
{
	const char *page =
		"<html><head><script type=\"application/ld+json\">"
		"{\"@type\":\"NewsArticle\",\"headline\":\"Night trains\",\"articleBody\":\""
		"Ten years ago the night train in Europe looked finished, one service after another cut by "
		"budget airlines, by fast day trains and by the cost of keeping old sleeping cars on the "
		"rails.\\n"
		"Today the map looks very different: sleepers run from Vienna to nine countries, and new "
		"operators have started services between the Netherlands and Germany.\\n"
		"The reasons are partly political, since governments that promised to cut emissions will pay "
		"for trains that fares alone would not keep running.\\n"
		"JSONLD-LAST The trouble is the carriages, which are expensive, used once a day, and built by "
		"very few factories anywhere in the world.\"}</script></head><body>"
		"<div class=\"article\"><h1>Night trains</h1><p>Ten years ago the night train in Europe looked "
		"finished, one service after another cut by budget airlines, by fast day trains and by the "
		"cost of keeping old sleeping cars on the rails.</p>"
		"<div class=\"paywall\">Subscribe to read the rest.</div></div></body></html>";
	struct extract_article *a = extract_str(page);

	assert_has(a->text, "Today the map looks very different");
	assert_has(a->text, "JSONLD-LAST The trouble is the carriages");
	assert_has(a->warnings[0], "JSON-LD");
	extract_article_free(&a);
}

static void
test_links_and_images(void **state)
{
	const char *page =
		"<html><head><base href=\"https://cdn.example.net/blog/\"></head><body><article>"
		"<p>A paragraph that links <a href=\"post/2\">the next post</a>, <a href=\"#notes\">its "
		"notes</a> and <a href=\"data:text/html,<script>x</script>\">nothing</a>, long enough.</p>"
		"<p><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"pics/lazy.jpg\" "
		"alt=\"lazy\"> <img src=\"data:image/png;base64,AAAA\" alt=\"inline\"> "
		"<img srcset=\"a.webp 1x, b.webp 2x\"> and a second sentence to make the paragraph count.</p>"
		"<p>A third paragraph, so that the article is long enough to be one, with words and commas, "
		"and a reference to <a href=\"vbscript:msgbox\">a script</a> that must go.</p>"
		"</article></body></html>";
	struct extract_article *a = extract_str(page);

	assert_string_equal(a->url, "https://cdn.example.net/blog/");
	assert_has(a->html, "href=\"https://cdn.example.net/blog/post/2\"");
	assert_has(a->html, "href=\"https://cdn.example.net/blog/#notes\"");
	assert_has(a->html, "<img src=\"https://cdn.example.net/blog/pics/lazy.jpg\" alt=\"lazy\">");
	assert_has(a->html, "<img alt=\"inline\">");
	assert_has(a->html, "<img src=\"https://cdn.example.net/blog/a.webp\">");
	assert_lacks(a->html, "data:");
	assert_lacks(a->html, "vbscript");
	assert_has(a->html, "nothing");
	extract_article_free(&a);
}

/* hidden, aria-hidden, display:none and visibility:hidden elements are not read. */
static void
test_hidden(void **state)
{
	const char *page =
		"<html><body><div>"
		"<p>The visible story starts here, with a sentence long enough, and with commas, to count, "
		"because an article needs at least one paragraph of some length to be an article.</p>"
		"<p hidden>One hidden paragraph that must never appear in the extracted text, ever.</p>"
		"<p aria-hidden=\"true\">Another hidden paragraph, for screen readers hidden, and for us.</p>"
		"<div style=\"VISIBILITY : hidden\">A third hidden block with a long sentence in it.</div>"
		"<p>The visible story ends here, again with enough words to count as a paragraph of prose.</p>"
		"</div></body></html>";
	struct extract_article *a = extract_str(page);

	assert_has(a->text, "story starts here");
	assert_has(a->text, "story ends here");
	assert_lacks(a->text, "hidden");
	extract_article_free(&a);
}

/* No control character nor bidi control reaches text, html or the one-line fields. */
static void
test_controls(void **state)
{
	const char *page =
		"<html><head><title>Evil\x1b]0;pwned\x07 title\xe2\x80\xae</title>"
		"<meta name=\"author\" content=\"Mallory\x1b[2J\r\nEve\"></head><body><article>"
		"<p>A paragraph with an escape \x1b[31m sequence and a \xe2\x80\xae bidi override, and a "
		"C1 \xc2\x9b control, in a sentence long enough to count as an article paragraph.</p>"
		"<p>And a second paragraph &#x1b;[0m with a reference to an escape, also long enough, yes.</p>"
		"</article></body></html>";
	struct extract_article *a = extract_str(page);
	const char *fields[] = { a->text, a->html, a->title, a->author };
	size_t i;
	const unsigned char *p;

	for (i = 0; i < sizeof fields / sizeof *fields; i++) {
		assert_non_null(fields[i]);
		for (p = (const unsigned char *)fields[i]; *p; p++) {
			assert_false(*p < 0x20 && *p != '\n');
			assert_false(*p == 0x7f);
			assert_false(p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0);
			assert_false(p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae);
		}
		if (i >= 2)
			assert_null(strchr(fields[i], '\n'));
	}
	extract_article_free(&a);
}

/*
 * itemprop="articleBody" marks the article's body: a wrapper whose class says
 * "unlikely" (remark, role=complementary) does not take it away, even when
 * the rest of the page holds enough prose to be taken instead.
 */
static void
test_declared_body(void **state)
{
	static const char *const wrappers[] = {
		"<div class=\"remark-wrapper\">", "<div role=\"complementary\">",
	};
	struct buf b = {0};
	size_t i;

	for (i = 0; i < sizeof wrappers / sizeof *wrappers; i++) {
		struct extract_article *a;

		buf_reset(&b);
		buf_printf(&b, "<html><body>%s<div itemprop=\"isPartOf articleBody\">"
			   "<p>DECLARED-BODY The harbour works began on Monday, and the council expects "
			   "the new sea wall, which will run for two kilometres along the old quay, to be "
			   "finished before the winter storms arrive next year.</p>"
			   "<p>Engineers say the wall will be three metres higher than the old one, built "
			   "of concrete blocks faced with local stone, so that it looks like the harbour "
			   "the town has known for two centuries.</p></div></div>"
			   "<div class=\"more-stories\"><p>The summer festival returns in July, with music "
			   "on the green every evening, a market on Saturday mornings, and the regatta, "
			   "which draws boats from all along the coast, on the last Sunday.</p>"
			   "<p>The library will open on Sunday afternoons from next month, after a petition "
			   "signed by more than a thousand readers, and the reading room will stay open "
			   "until eight on weekdays.</p><p>The bus company has changed its timetable for "
			   "the coastal route, with an earlier first bus and a later last one, and a new "
			   "stop by the hospital, which patients had asked for.</p></div></body></html>",
			   wrappers[i]);
		a = extract_str(b.data);
		assert_has(a->text, "DECLARED-BODY The harbour works began on Monday");
		assert_has(a->text, "known for two centuries.");
		extract_article_free(&a);
	}
	buf_free(&b);
}

/* 100,000 nested elements around the article: bounded, and the text is still there. */
static void
test_deep_nesting(void **state)
{
	struct buf b = {0};
	struct extract_article *a;
	int i;

	buf_puts(&b, "<html><body>");
	for (i = 0; i < 100000; i++)
		buf_puts(&b, "<div>");
	buf_puts(&b, "<p>Deep inside, a paragraph of the article, with commas, words and a full stop.</p>"
		     "<p>And a second paragraph, deep too, which also has enough words to be counted.</p>");
	for (i = 0; i < 100000; i++)
		buf_puts(&b, "</div>");
	buf_puts(&b, "<p>After the deep part, a last paragraph, long enough, with commas, to count too.</p>"
		     "</body></html>");
	a = extract_ok(b.data, b.len, URL, NULL);
	assert_has(a->text, "Deep inside, a paragraph");
	extract_article_free(&a);
	buf_free(&b);
}

/* ---- scripts other than Latin ---- */

/*
 * Short Chinese paragraphs (24 characters, under Readability's 25) beside
 * a longer English notice: counted by characters alone, the paragraphs
 * would not count and the notice would win; Chinese characters count
 * double, so the article does.
 */
static void
test_chinese(void **state)
{
	static const char *const lines[] = {
		"苹果公司今天发布了新一代手机，新机采用钛金属边框。",
		"库克表示，这是苹果迄今为止最好的产品之一，令人期待。",
		"新机的续航提升明显，重量也比上一代轻了不少，手感更好。",
		"相机系统全面升级，夜景拍摄的效果有了很大的进步。",
		"售价与上一代持平，下周五起在全国各地的商店发售。",
		"分析人士认为，新机将帮助苹果在中国市场夺回份额。",
	};
	struct buf b = {0};
	struct extract_article *a;
	size_t i;

	buf_puts(&b, "<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>苹果发布新手机_科技频道</title>"
		     "</head><body><div class=\"c1\"><ul>");
	for (i = 0; i < 12; i++)
		buf_printf(&b, "<li><a href=\"/n%zu\">热门新闻标题第%zu条</a></li>", i, i);
	buf_puts(&b, "</ul></div><div class=\"c2\">");
	for (i = 0; i < 2 * sizeof lines / sizeof *lines; i++)
		buf_printf(&b, "<p>%s</p>", lines[i % (sizeof lines / sizeof *lines)]);
	buf_puts(&b, "</div><div class=\"c3\"><div><p>Notice: this site uses the English terms of "
		     "service of its parent company for every reader of the site.</p><img src=\"x.png\">"
		     "</div></div>"
		     "<div class=\"c4\">版权所有 © 2024 科技频道</div></body></html>");
	a = extract_ok(b.data, b.len, NULL, NULL);
	for (i = 0; i < sizeof lines / sizeof *lines; i++)
		assert_has(a->text, lines[i]);
	assert_lacks(a->text, "热门新闻");
	assert_lacks(a->text, "版权所有");
	assert_lacks(a->text, "terms of service");
	assert_string_equal(a->lang, "zh-CN");
	extract_article_free(&a);
	buf_free(&b);
}

static const char japanese_body[] =
	"<div class=\"k\"><p>今日は朝から雨が降っていましたが、午後には晴れて、公園を散歩しました。</p>"
	"<p>桜の花が咲き始めていて、多くの人が写真を撮っていました。とても楽しかったです。</p>"
	"<p>帰りに駅の近くの喫茶店に寄って、友達と一緒にコーヒーを飲みました。</p>"
	"<p>来週は「花見」をする予定です。天気が良ければいいのですが、どうでしょうか。</p>"
	"<p>週末にはまた別の公園に行って、満開の桜を見たいと思っています。桜の季節は短いので、"
	"できるだけ多くの場所を訪れて、写真をたくさん撮り、家族や友達と一緒に楽しみたいです。</p></div>"
	"<div class=\"m\"><a href=\"/1\">ホーム</a> <a href=\"/2\">ニュース</a> <a href=\"/3\">お問い合わせ</a></div>";

static void
test_japanese(void **state)
{
	struct buf b = {0};
	struct extract_article *a;

	buf_printf(&b, "<html><body>%s</body></html>", japanese_body);
	a = extract_ok(b.data, b.len, NULL, NULL);
	assert_has(a->text, "桜の花が咲き始めていて");
	assert_has(a->text, "来週は「花見」をする予定です。");
	assert_lacks(a->text, "お問い合わせ");
	extract_article_free(&a);
	buf_free(&b);
}

static void
test_hindi(void **state)
{
	const char *page =
		"<html lang=\"hi\"><body><div class=\"nav\"><a href=\"/\">मुखपृष्ठ</a> <a href=\"/n\">समाचार</a> "
		"<a href=\"/s\">खेल</a> <a href=\"/c\">संपर्क करें</a></div><div class=\"story\">"
		"<p>हिन्दी विकिपीडिया एक मुक्त ज्ञानकोश है। इसमें कोई भी व्यक्ति लेख लिख सकता है और उन्हें सुधार भी सकता है।</p>"
		"<p>भारत में मानसून जून के महीने में आता है, और सितंबर तक रहता है। किसान इसका इंतज़ार करते हैं।</p>"
		"<p>इस साल बारिश सामान्य से अधिक हुई, जिससे फसलें अच्छी हुईं और गाँवों में खुशी का माहौल है। "
		"सरकार ने किसानों के लिए नई योजनाओं की घोषणा भी की है, जिनसे उन्हें और मदद मिलेगी।</p>"
		"</div></body></html>";
	struct extract_article *a = extract_str(page);

	assert_has(a->text, "हिन्दी विकिपीडिया एक मुक्त ज्ञानकोश है।");
	assert_has(a->text, "गाँवों में खुशी का माहौल है।");
	assert_lacks(a->text, "संपर्क करें");
	assert_string_equal(a->lang, "hi");
	extract_article_free(&a);
}

/* The measures themselves: wide characters count twice, CJK clause punctuation counts. */
static void
test_measures(void **state)
{
	struct ex_text t = {0}, u = {0}, v = {0};

	ex_text_add(&t, "  hello,   world  ", 18);
	assert_true(t.len == 12);
	assert_int_equal(t.commas, 1);
	assert_true(t.words == 2);
	ex_text_add(&u, "你好，世界。「对」", strlen("你好，世界。「对」"));
	assert_int_equal(u.chars, 9);
	assert_int_equal(u.commas, 3);	/* ， 。 「 */
	assert_true(u.len == 18);
	ex_text_add(&v, "हिन्दी में", strlen("हिन्दी में"));
	assert_true(v.words == 2);
	assert_true(ex_similarity("Wolves return to the valley", "Wolves return to the valley!") == 1);
	assert_true(ex_similarity("苹果发布新手机", "苹果发布新手机") == 1);
	assert_true(ex_similarity("苹果发布新手机", "天气") == 0);
}

/* ---- charsets ---- */

static const char chinese_page[] =
	"<html><head>%s<title>新闻</title></head><body><div>"
	"<p>苹果公司今天发布了新一代手机，新机采用了钛金属边框，重量更轻，续航提升明显。</p>"
	"<p>库克表示，这是苹果迄今为止最好的产品之一，我们对它的市场前景非常有信心。</p>"
	"<p>分析人士认为，新机将帮助苹果在中国市场夺回份额，但竞争依然十分激烈。</p>"
	"<p>新机的相机系统全面升级，夜景拍摄的效果有了很大的进步，视频拍摄也更加稳定，"
	"专业用户可以直接录制更高质量的视频，后期处理更加方便，这也是本次发布会的重点之一。</p>"
	"<p>售价与上一代持平，下周五起在全国各地的商店发售，预计将出现排队的情况。</p>"
	"</div></body></html>";

/* The same in traditional characters, for Big5. */
static const char traditional_page[] =
	"<html><head>%s<title>新聞</title></head><body><div>"
	"<p>蘋果公司今天發布了新一代手機，新機採用了金屬邊框，重量更輕，續航提升明顯。</p>"
	"<p>庫克表示，這是蘋果迄今為止最好的產品之一，我們對它的市場前景非常有信心。</p>"
	"<p>分析人士認為，新機將幫助蘋果在中國市場奪回份額，但競爭依然十分激烈。</p>"
	"<p>新機的相機系統全面升級，夜景拍攝的效果有了很大的進步，視頻拍攝也更加穩定，"
	"專業用戶可以直接錄製更高品質的視頻，後期處理更加方便，這也是本次發布會的重點之一。</p>"
	"<p>售價與上一代持平，下週五起在全國各地的商店發售，預計將出現排隊的情況。</p>"
	"</div></body></html>";

static struct extract_article *
chinese_in(const char *encoding, const char *meta, const char *http)
{
	bool big5 = !strcmp(encoding, "BIG5");
	struct buf utf8 = {0}, b = {0};
	struct extract_article *a;

	buf_printf(&utf8, big5 ? traditional_page : chinese_page, meta);
	encode(&b, utf8.data, encoding);
	a = extract_ok(b.data, b.len, NULL, http);
	assert_has(a->text, big5 ? "蘋果公司今天發布了新一代手機" : "苹果公司今天发布了新一代手机");
	assert_has(a->text, big5 ? "預計將出現排隊的情況。" : "预计将出现排队的情况。");
	buf_free(&utf8);
	buf_free(&b);
	return a;
}

static void
assert_warned(const struct extract_article *a, const char *want)
{
	size_t i;

	for (i = 0; i < a->nwarnings; i++)
		if (strstr(a->warnings[i], want))
			return;
	fail_msg("no warning says '%s' (%zu warnings)", want, a->nwarnings);
}

static void
test_charset_labelled(void **state)
{
	struct extract_article *a = chinese_in("GBK", "<meta charset=\"gbk\">", NULL);

	assert_string_equal(a->charset, "GB18030");
	assert_int_equal(a->nwarnings, 0);
	extract_article_free(&a);
	a = chinese_in("BIG5", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">", NULL);
	assert_string_equal(a->charset, "CP950");
	extract_article_free(&a);
	a = chinese_in("GB18030", "", "gb18030");
	assert_string_equal(a->charset, "GB18030");
	extract_article_free(&a);
}

static void
test_charset_unlabelled(void **state)
{
	struct extract_article *a = chinese_in("GBK", "", NULL);

	assert_string_equal(a->charset, "GB18030");
	assert_warned(a, "declares no charset; read as GB18030");
	extract_article_free(&a);
	a = chinese_in("BIG5", "", NULL);
	assert_string_equal(a->charset, "CP950");
	extract_article_free(&a);
}

static void
test_charset_mislabelled(void **state)
{
	struct extract_article *a = chinese_in("GBK", "", "utf-8");

	assert_string_equal(a->charset, "GB18030");
	assert_warned(a, "labelled utf-8 (HTTP) but does not read as it");
	extract_article_free(&a);
	/* Big5 bytes are all valid GBK: only what they read as tells them apart */
	a = chinese_in("BIG5", "<meta charset=\"gbk\">", NULL);
	assert_string_equal(a->charset, "CP950");
	assert_warned(a, "labelled gbk (<meta>)");
	extract_article_free(&a);
	/* UTF-8 labelled GBK is UTF-8 */
	a = chinese_in("UTF-8", "<meta charset=\"gbk\">", "iso-8859-1");
	assert_string_equal(a->charset, "UTF-8");
	assert_warned(a, "labelled iso-8859-1 (HTTP) but is UTF-8");
	extract_article_free(&a);
}

static void
test_charset_japanese_korean(void **state)
{
	static const char korean[] =
		"<html><body><div><p>오늘은 날씨가 좋아서 친구와 함께 공원에 갔습니다. 우리는 오랫동안 이야기를 나누었습니다.</p>"
		"<p>공원에는 사람들이 많았고, 아이들은 즐겁게 뛰어 놀고 있었습니다. 정말 좋은 하루였습니다.</p>"
		"<p>다음 주에는 가족과 함께 바다에 가기로 했습니다. 날씨가 좋기를 바랍니다. 바다에서 수영도 하고 "
		"맛있는 음식도 먹고 사진도 많이 찍을 생각입니다. 아이들도 벌써부터 기대하고 있습니다.</p></div></body></html>";
	struct buf utf8 = {0}, b = {0};
	struct extract_article *a;

	buf_printf(&utf8, "<html><head><meta charset=\"shift_jis\"></head><body>%s</body></html>",
		   japanese_body);
	encode(&b, utf8.data, "SHIFT_JIS");
	a = extract_ok(b.data, b.len, NULL, NULL);
	assert_string_equal(a->charset, "CP932");
	assert_has(a->text, "桜の花が咲き始めていて");
	extract_article_free(&a);
	buf_reset(&b);
	buf_reset(&utf8);
	buf_printf(&utf8, "<html><body>%s</body></html>", japanese_body);
	encode(&b, utf8.data, "SHIFT_JIS");
	a = extract_ok(b.data, b.len, NULL, NULL);
	assert_string_equal(a->charset, "CP932");
	extract_article_free(&a);
	buf_reset(&b);
	encode(&b, utf8.data, "EUC-JP");
	a = extract_ok(b.data, b.len, NULL, NULL);
	assert_string_equal(a->charset, "EUC-JP-MS");
	assert_has(a->text, "来週は「花見」をする予定です。");
	extract_article_free(&a);
	buf_reset(&b);
	encode(&b, korean, "EUC-KR");
	a = extract_ok(b.data, b.len, NULL, NULL);
	assert_string_equal(a->charset, "CP949");
	assert_has(a->text, "정말 좋은 하루였습니다.");
	extract_article_free(&a);
	buf_free(&utf8);
	buf_free(&b);
}

static void
test_charset_latin_and_bom(void **state)
{
	static const char french[] =
		"<html><body><div><p>Le café crème était déjà froid, mais la façade du théâtre, éclairée, "
		"restait très belle à voir, même à minuit, après la pièce.</p>"
		"<p>Une deuxième phrase, naïve peut-être, où l'été revient toujours, à la fenêtre, et où "
		"les élèves du lycée, réunis après les cours, répètent leur rôle avec sérieux.</p>"
		"</div></body></html>";
	struct buf b = {0};
	struct extract_article *a;

	encode(&b, french, "WINDOWS-1252");
	a = extract_ok(b.data, b.len, NULL, NULL);
	assert_string_equal(a->charset, "WINDOWS-1252");
	assert_has(a->text, "Le café crème était déjà froid");
	extract_article_free(&a);
	/* a byte order mark beats the label */
	buf_reset(&b);
	buf_puts(&b, "\xef\xbb\xbf<meta charset=\"iso-8859-1\">");
	buf_puts(&b, french);
	a = extract_ok(b.data, b.len, NULL, "windows-1252");
	assert_string_equal(a->charset, "UTF-8");
	assert_has(a->text, "naïve peut-être");
	extract_article_free(&a);
	buf_free(&b);
}

/*
 * Each legacy CJK encoding with every kind of label: none, its own name in
 * <meta> or in HTTP, and a wrong one (UTF-8, windows-1252, another CJK
 * encoding) in either; then UTF-16 with its byte order mark, whatever the
 * label. The whole text reads right: the last paragraph's words, and no
 * U+FFFD anywhere.
 */
static void
test_charset_matrix(void **state)
{
	static const struct {
		const char *iconv, *name, *other, *first, *last;
	} encs[] = {
		{ "GBK", "gbk", "big5", "苹果公司今天发布了新一代手机", "竞争依然十分激烈。" },
		{ "GB18030", "gb18030", "shift_jis", "苹果公司今天发布了新一代手机",
		  "罕见字𠀀𠀁的四字节编码。" },
		{ "BIG5", "big5", "gbk", "蘋果公司今天發布了新一代手機", "競爭依然十分激烈。" },
		{ "SHIFT_JIS", "shift_jis", "euc-kr", "今日は朝から雨が降っていましたが", "天気が良ければいいのですが。" },
		{ "EUC-KR", "euc-kr", "gbk", "오늘은 날씨가 좋아서 친구와 함께", "날씨가 좋기를 바랍니다." },
	};
	static const char *const bodies[] = {
		"<p>苹果公司今天发布了新一代手机，新机采用了钛金属边框，重量更轻，续航提升明显，库克表示这是"
		"苹果迄今为止最好的产品之一，我们对它的市场前景非常有信心。</p><p>分析人士认为，新机将帮助"
		"苹果在中国市场夺回份额，但竞争依然十分激烈。</p>",
		"<p>苹果公司今天发布了新一代手机，新机采用了钛金属边框，重量更轻，续航提升明显，库克表示这是"
		"苹果迄今为止最好的产品之一，我们对它的市场前景非常有信心。</p><p>罕见字𠀀𠀁的四字节编码。</p>",
		"<p>蘋果公司今天發布了新一代手機，新機採用了鈦金屬邊框，重量更輕，續航提升明顯，庫克表示這是"
		"蘋果迄今為止最好的產品之一，我們對它的市場前景非常有信心。</p><p>分析人士認為，新機將幫助"
		"蘋果在中國市場奪回份額，但競爭依然十分激烈。</p>",
		"<p>今日は朝から雨が降っていましたが、午後になって晴れてきたので、友達と一緒に公園へ散歩に"
		"行きました。桜の花が咲き始めていて、とてもきれいでした。</p><p>来週は「花見」をする予定です。"
		"みんなでお弁当を持って行きます。天気が良ければいいのですが。</p>",
		"<p>오늘은 날씨가 좋아서 친구와 함께 공원에 갔습니다. 우리는 오랫동안 이야기를 나누었습니다. "
		"공원에는 사람들이 많았고, 아이들은 즐겁게 뛰어 놀고 있었습니다. 정말 좋은 하루였습니다.</p>"
		"<p>다음 주에는 가족과 함께 바다에 가기로 했습니다. 날씨가 좋기를 바랍니다.</p>",
	};
	struct buf utf8 = {0}, b = {0};
	struct extract_article *a;
	size_t e, l;

	for (e = 0; e < sizeof encs / sizeof *encs; e++) {
		const char *meta[] = { "", encs[e].name, "", "", "utf-8", "windows-1252", encs[e].other, "" };
		const char *http[] = { NULL, NULL, encs[e].name, "utf-8", NULL, NULL, NULL, encs[e].other };

		for (l = 0; l < sizeof meta / sizeof *meta; l++) {
			buf_reset(&utf8);
			buf_reset(&b);
			buf_puts(&utf8, "<html><head>");
			if (*meta[l])
				buf_printf(&utf8, "<meta charset=\"%s\">", meta[l]);
			buf_printf(&utf8, "</head><body><div>%s</div></body></html>", bodies[e]);
			encode(&b, utf8.data, encs[e].iconv);
			a = extract_ok(b.data, b.len, NULL, http[l]);
			if (!strstr(a->text, encs[e].first) || !strstr(a->text, encs[e].last) ||
			    strstr(a->text, "\xef\xbf\xbd"))
				fail_msg("%s, <meta> '%s', HTTP '%s': read as %s:\n%s", encs[e].iconv, meta[l],
					 http[l] ? http[l] : "", a->charset, a->text);
			extract_article_free(&a);
		}
	}
	for (e = 0; e < 2; e++) {
		buf_reset(&utf8);
		buf_reset(&b);
		buf_printf(&utf8, "\xef\xbb\xbf<html><head><meta charset=\"gbk\"></head><body><div>%s"
			   "</div></body></html>", bodies[1]);
		encode(&b, utf8.data, e ? "UTF-16BE" : "UTF-16LE");
		a = extract_ok(b.data, b.len, NULL, "shift_jis");
		assert_has(a->text, "罕见字𠀀𠀁的四字节编码。");
		assert_lacks(a->text, "\xef\xbf\xbd");
		extract_article_free(&a);
	}
	buf_free(&utf8);
	buf_free(&b);
}

/* ---- what is not an article ---- */

static void
test_not_html(void **state)
{
	assert_refused("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", 20, "not a web page: a PDF document");
	assert_refused("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "not a web page: an image");
	assert_refused("\xff\xd8\xff\xe0\0\x10JFIF", 10, "not a web page: an image");
	assert_refused("  {\"items\": [1, 2, 3]}", 22, "not a web page: JSON data");
	assert_refused("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>", 65,
		       "an RSS or Atom feed");
	assert_refused("just words, no markup at all", 28, "plain text");
	assert_refused("", 0, "plain text");
}

static void
test_no_article(void **state)
{
	const char *page = "<html><body><div><a href=\"/\">Home</a></div><p>Page not found.</p>"
			   "<div>Try the search box above.</div></body></html>";
	const char *app = "<html><body><div id=\"root\"></div><script src=\"/app.js\"></script></body></html>";
	const char *login =
		"<html><body><h1>Sign in</h1><form><p>Subscribers only: sign in to read this story.</p>"
		"<input name=\"user\"><input type=\"password\" name=\"pw\"><button>Sign in</button></form>"
		"</body></html>";

	assert_refused(page, strlen(page),
		       "no article found: the page holds 3 short blocks, none above 25 words");
	assert_refused(app, strlen(app), "the page holds no text");
	assert_refused(login, strlen(login), "asks to log in first");
}

/* A short article (a notice, a brief): two or three paragraphs of sentences on a page that gives its date. */
static const char short_nav[] =
	"<div class=\"nav\"><a href=\"/\">Home</a> <a href=\"/bins\">Bins and recycling</a> "
	"<a href=\"/parking\">Parking</a> <a href=\"/news\">News</a> <a href=\"/contact\">Contact us</a></div>";

static void
short_page(struct buf *b, const char *lang, bool dated, const char *paragraphs)
{
	buf_reset(b);
	buf_printf(b, "<html lang=\"%s\"><head><title>Notice</title>%s</head><body>%s"
		   "<div class=\"notice\">%s</div><div class=\"foot\"><a href=\"/privacy\">Privacy</a></div>"
		   "</body></html>", lang,
		   dated ? "<meta property=\"article:published_time\" content=\"2024-05-02T10:00:00Z\">" : "",
		   short_nav, paragraphs);
}

static void
test_short_article(void **state)
{
	static const char en[] =
		"<p>The library on Market Street will be closed all day on Monday while its wiring is replaced.</p>"
		"<p>Books due back that day can be returned on Tuesday without a fine.</p>"
		"<p>The mobile library will park outside from 10am to 3pm.</p>";
	static const char zh[] =
		"<p>本周一，市场街图书馆因更换电线将全天闭馆，给读者带来不便，敬请谅解。</p>"
		"<p>当天到期的图书可以在周二归还，不收取任何逾期费用，还书箱照常开放。</p>"
		"<p>流动图书车将于上午十点至下午三点停在图书馆门前，为读者提供借还服务。</p>";
	static const char hi[] =
		"<p>सोमवार को बिजली की मरम्मत के कारण मार्केट स्ट्रीट का पुस्तकालय पूरे दिन बंद रहेगा।</p>"
		"<p>उस दिन लौटाई जाने वाली किताबें मंगलवार को बिना किसी जुर्माने के लौटाई जा सकती हैं।</p>"
		"<p>चलती-फिरती लाइब्रेरी सुबह दस बजे से दोपहर तीन बजे तक बाहर खड़ी रहेगी।</p>";
	struct buf b = {0};
	struct extract_article *a;

	short_page(&b, "en", true, en);
	a = extract_ok(b.data, b.len, URL, NULL);
	assert_has(a->text, "closed all day on Monday while its wiring is replaced.");
	assert_has(a->text, "park outside from 10am to 3pm.");
	assert_lacks(a->text, "Bins and recycling");
	extract_article_free(&a);
	short_page(&b, "zh-CN", true, zh);
	a = extract_ok(b.data, b.len, URL, NULL);
	assert_has(a->text, "当天到期的图书可以在周二归还");
	assert_lacks(a->text, "Parking");
	extract_article_free(&a);
	short_page(&b, "hi", true, hi);
	a = extract_ok(b.data, b.len, URL, NULL);
	assert_has(a->text, "पूरे दिन बंद रहेगा।");
	assert_has(a->text, "तीन बजे तक बाहर खड़ी रहेगी।");
	extract_article_free(&a);
	/* the same text on a page that gives no date is no article: a soft error page looks like it */
	short_page(&b, "en", false, en);
	assert_refused(b.data, b.len, "no article found: the page holds");
	/* nor is one line with a date, however dated */
	short_page(&b, "en", true, "<p>The library is closed on Monday for electrical work.</p>");
	assert_refused(b.data, b.len, "no article found");
	buf_free(&b);
}

/*
 * When every attempt finds less than an article's worth, the strict one is kept unless a
 * looser one finds much more: here the looser rules would add the post's labels and
 * its comments (a short article is no reason to take the comments).
 */
static void
test_short_strict_attempt(void **state)
{
	const char *page =
		"<html lang=\"hi\"><head><title>तुलसी की देखभाल</title>"
		"<meta property=\"article:published_time\" content=\"2023-12-15T09:00:00+05:30\"></head><body>"
		"<div class=\"main-wrapper\"><div class=\"post hentry\"><h3>तुलसी की देखभाल</h3>"
		"<div class=\"post-header\">सुनीता वर्मा द्वारा, 15 दिसंबर 2023</div>"
		"<div class=\"post-body entry-content\">"
		"<p>सर्दियों में तुलसी का पौधा अक्सर सूखने लगता है। इसे बचाने के लिए पानी कम दें और मिट्टी सूखने पर ही सींचें।</p>"
		"<p>रात में पौधे को पाले से बचाने के लिए किसी पतले कपड़े से ढक दें। दिन में उसे चार घंटे धूप मिलनी चाहिए।</p>"
		"</div><div class=\"post-footer\">लेबल: <a href=\"/l/1\">पौधे</a>, <a href=\"/l/2\">सर्दी</a> | "
		"<a href=\"#c\">3 टिप्पणियां</a></div></div>"
		"<div id=\"comments\"><h4>3 टिप्पणियां:</h4><dl><dt>रमेश</dt><dd>बहुत काम की जानकारी, धन्यवाद।</dd>"
		"<dt>अनीता</dt><dd>मेरा पौधा भी सूख रहा था, अब ढककर देखूंगी।</dd></dl></div></div></body></html>";
	struct extract_article *a = extract_str(page);

	assert_has(a->text, "मिट्टी सूखने पर ही सींचें।");
	assert_has(a->text, "चार घंटे धूप मिलनी चाहिए।");
	assert_lacks(a->text, "लेबल");
	assert_lacks(a->text, "धन्यवाद");
	extract_article_free(&a);
}

/* The body as HTML, to compare trees. */
static char *
dump_body(struct ex_doc *d)
{
	xmlBuffer *b = xmlBufferCreate();
	char *s;

	htmlNodeDump(b, d->doc, d->body);
	s = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return s;
}

/*
 * An attempt works on the prepared page itself and its changes are undone
 * for the next one: every kind of change (nodes dropped, moved, wrapped,
 * renamed, text joined, a table unwrapped) comes back as it was, and the
 * looser attempts then find what the strict one dropped.
 */
static void
test_attempt_undone(void **state)
{
	static const unsigned strict = EXF_STRIP_UNLIKELY | EXF_WEIGHT_CLASSES | EXF_CLEAN_CONDITIONALLY;
	const char *page =
		"<html><head><title>Wolves</title></head><body>"
		"<div class=\"sidebar\">Menu <a href=\"/\">Home</a> <a href=\"/a\">About</a></div>"
		"<div><h1>The valley</h1>Loose text before the paragraphs, with a comma, and more of it."
		"<span hidden>hidden</span> Text after the hidden one, joined to it.<br><br>"
		"<p>The wolves came back to the valley in the spring, and the farmers, who had not seen one in forty years, met in the hall to talk about the sheep.</p>"
		"<p>By the summer there were two packs, one on each side of the river, and the deer kept to the high ground.</p>"
		"<table><tr><td><b>Note:</b> the counts are the park's own, made in the spring and the autumn.</td></tr></table></div>"
		"<div class=\"comment\"><p>A comment long enough to count as a paragraph of its own, with commas, and more.</p></div>"
		"<table><tr><td>One cell of text that is the whole of its table, as some sites lay out their notes.</td></tr></table>"
		"<div>A div with no block in it, which becomes a paragraph.</div>"
		"<form><input name=\"q\"></form><h1>A heading</h1><br><p></p></body></html>";
	struct ex_doc d;
	char *before, *changed, *after, *byline = NULL;
	xmlNode *content;

	assert_true(ex_doc_parse(&d, page, strlen(page)));
	ex_prep(&d);
	before = dump_body(&d);
	ex_log_start(&d);
	content = ex_grab(&d, strict, "Wolves", &byline);
	ex_tidy(&d, content, strict);
	changed = dump_body(&d);
	assert_string_not_equal(before, changed);
	ex_log_undo(&d);
	after = dump_body(&d);
	assert_string_equal(before, after);
	free(before);
	free(changed);
	free(after);
	free(byline);
	ex_doc_free(&d);
}

static void
test_free_null(void **state)
{
	struct extract_article *a = NULL;

	extract_article_free(&a);
	assert_null(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_not_html),
		cmocka_unit_test(test_no_article),
		cmocka_unit_test(test_short_article),
		cmocka_unit_test(test_short_strict_attempt),
		cmocka_unit_test(test_attempt_undone),
		cmocka_unit_test(test_measures),
		cmocka_unit_test(test_english_article),
		cmocka_unit_test(test_english_html),
		cmocka_unit_test(test_text_format),
		cmocka_unit_test(test_link_density),
		cmocka_unit_test(test_jsonld_metadata),
		cmocka_unit_test(test_jsonld_body),
		cmocka_unit_test(test_jsonld_body_stronger),
		cmocka_unit_test(test_links_and_images),
		cmocka_unit_test(test_hidden),
		cmocka_unit_test(test_declared_body),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_japanese),
		cmocka_unit_test(test_hindi),
		cmocka_unit_test(test_charset_labelled),
		cmocka_unit_test(test_charset_unlabelled),
		cmocka_unit_test(test_charset_mislabelled),
		cmocka_unit_test(test_charset_japanese_korean),
		cmocka_unit_test(test_charset_latin_and_bom),
		cmocka_unit_test(test_charset_matrix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
