/* The renderer's HTML tree (SAX-built, src/render/html.c) is the tree libxml2's own builder makes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/HTMLparser.h>

#include "byline/buf.h"
#include "../../src/render/walk_int.h"

/* Both trees written the same way: elements with attributes, text, CDATA, '#' for comments/PIs. */
static void
dump_xml(struct buf *b, const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			const xmlAttr *a;

			buf_printf(b, "<%s", (const char *)n->name);
			for (a = n->properties; a; a = a->next) {
				const xmlNode *t = a->children;

				while (t && t->type != XML_TEXT_NODE)
					t = t->next;
				buf_printf(b, " %s=[%s]", (const char *)a->name,
					   t && t->content ? (const char *)t->content : "");
			}
			buf_puts(b, ">");
			dump_xml(b, n->children);
			buf_puts(b, "</>");
		} else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			buf_printf(b, "%c[%s]", n->type == XML_TEXT_NODE ? 'T' : 'C',
				   n->content ? (const char *)n->content : "");
		} else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			buf_puts(b, "#");
		} else {
			buf_printf(b, "?%d", (int)n->type);
		}
	}
}

static void
dump_ours(struct buf *b, const struct hnode *n)
{
	size_t i;

	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			buf_printf(b, "<%s", n->name);
			for (i = 0; i < n->nattrs; i++)
				buf_printf(b, " %s=[%s]", n->attrs[2 * i],
					   n->attrs[2 * i + 1] ? n->attrs[2 * i + 1] : "");
			buf_puts(b, ">");
			dump_ours(b, n->children);
			buf_puts(b, "</>");
		} else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			buf_printf(b, "%c[%s]", n->type == XML_TEXT_NODE ? 'T' : 'C', n->content);
		} else {
			buf_puts(b, "#");
		}
	}
}

/* Whether libxml2's last parse stopped at its depth limit ("Excessive depth in document"). */
static bool
depth_halted(void)
{
	const xmlError *e = xmlGetLastError();

	return e && e->message && strstr(e->message, "Excessive depth");
}

/* The root element's subtree (what the renderer walks) of both parsers must be equal. */
static void
assert_same_tree(const char *html, size_t len)
{
	htmlDocPtr doc;
	bool halted;

	xmlResetLastError();
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
			     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				     HTML_PARSE_NONET);
	halted = depth_halted();
	struct hdoc *ours = hdoc_parse(html, len);
	struct buf want = {0}, got = {0};
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	struct hnode *hroot;

	/* no document at all (empty input) for both, or for neither */
	assert_int_equal(ours == NULL, doc == NULL);
	hroot = ours ? hdoc_root(ours) : NULL;
	if (root) {
		xmlNode *next = root->next;

		root->next = NULL;
		dump_xml(&want, root);
		root->next = next;
	}
	if (hroot) {
		struct hnode *next = hroot->next;

		hroot->next = NULL;
		dump_ours(&got, hroot);
		hroot->next = next;
	}
	if (halted) {
		/*
		 * libxml2's builder stopped at its depth limit and dropped the
		 * rest; ours keeps the rest's text in the deepest element kept.
		 * Up to there the trees are the same.
		 */
		while (want.len >= 3 && !memcmp(want.data + want.len - 3, "</>", 3))
			want.len -= 3;
		if (want.len && want.data[want.len - 1] == ']')
			want.len--;	/* the last text goes on in ours */
		if (strncmp(buf_cstr(&want), buf_cstr(&got), want.len) || got.len <= want.len)
			fail_msg("trees differ before the depth limit for '%.100s':\nlibxml2: ...%.300s"
				 "\nours:    ...%.300s", html,
				 buf_cstr(&want) + (want.len > 300 ? want.len - 300 : 0),
				 buf_cstr(&got) + (want.len > 300 ? want.len - 300 : 0));
	} else if (strcmp(buf_cstr(&want), buf_cstr(&got)))
		fail_msg("trees differ for '%.200s':\nlibxml2: %.400s\nours:    %.400s", html,
			 buf_cstr(&want), buf_cstr(&got));
	buf_free(&want);
	buf_free(&got);
	hdoc_free(&ours);
	xmlFreeDoc(doc);
}

static void
same(const char *html)
{
	assert_same_tree(html, strlen(html));
}

static void
test_tricky_documents(void **state)
{
	struct buf deep = {0};
	int i;

	same("");
	same("   ");
	same("plain text");
	same("<p>a<!-- c -->b</p>");	/* a comment keeps two text nodes apart */
	same("<p>a<?pi x?>b&amp;c&#x4e2d;&bogus; d</p>");
	same("<p>a<!DOCTYPE html>b</p>");	/* a late DOCTYPE does not split text */
	same("<atom:link href=x>t</atom:link><dc:creator>c</dc:creator><a:>x</a:><:y>z</:y>");
	same("<html><body><p>x</p></body></html> after the end <b>bold</b>");
	same("<!DOCTYPE html><html><body><p>x</p></body></html> after the end <b>b</b>");
	same("<!-- first --><html><body>x</body></html><p>late</p>");
	same("<td nowrap>x</td><input checked><ol reversed start=3><li>a</ol>");
	same("<p xml:base='http://a/b/' title=\"t\" title=dup>x</p>");
	same("<script>if (a<b) x()</script><style>p{}</style>text");
	same("<p>one<source>two<track>three<wbr>four</p>");
	same("<table><tr><td>a<td>b</table> <ul><li>x<li>y</ul>");
	same("<frameset><frame></frameset><noscript>n</noscript>");
	for (i = 0; i < 300; i++)	/* libxml2's builder gives up past 256 open elements */
		buf_puts(&deep, i % 2 ? "<div>" : "<b>");
	buf_puts(&deep, "deep text<p>more</p>");
	same(buf_cstr(&deep));
	buf_free(&deep);
}

/* Token soups: the cases no one would write by hand. */
static void
test_token_soup(void **state)
{
	static const char *const toks[] = {
		"<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<a href=x>", "</a>", "<table>",
		"<tr>", "<td>", "</td>", "</table>", "<ul>", "<li>", "</ul>", "<html>", "</html>",
		"<body>", "</body>", "<head>", "</head>", "<title>t</title>", "<!-- c -->", "<?pi?>",
		"<!DOCTYPE html>", "<![CDATA[x]]>", "<script>a<b</script>", "<svg:rect>",
		"</svg:rect>", "<source>", "<wbr>", "<br>", "<img src=a alt='b c'>", "text", " ",
		" \n ", "&amp;", "&nbsp;", "&bogus;", "&", "<", ">", "中文", "<pre>", "</pre>",
		"<textarea>", "<select><option>o</select>", "<noscript>", "<iframe src=f>",
		"<dl><dt>", "<dd>", "<blockquote>", "<form>", "<object>", "<plaintext>", "<math>",
		"<template>", "<font>", "<hr>", "<meta charset=utf-8>", "<span>", "</span>",
		"<ruby>x<rt>y</rt></ruby>",
	};
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	int doc;

	for (doc = 0; doc < 400; doc++) {
		struct buf b = {0};
		int n, k;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		n = 1 + (int)((seed >> 33) % 120);
		if (doc % 10 == 0)
			for (k = 0; k < 250 + doc % 20; k++)
				buf_puts(&b, "<div>");
		for (k = 0; k < n; k++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			buf_puts(&b, toks[(seed >> 33) % (sizeof toks / sizeof toks[0])]);
		}
		assert_same_tree(b.data ? b.data : "", b.len);
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tricky_documents),
		cmocka_unit_test(test_token_soup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
