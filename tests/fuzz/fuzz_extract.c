/* libFuzzer target for the extractor: byte 0 = the HTTP charset and URL chosen, the rest is the page. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "byline/extract.h"

static const char *const charsets[] = { NULL, "utf-8", "gbk", "shift_jis", "big5", "euc-kr",
					"windows-1252", "no-such-charset" };

/* Valid UTF-8; no C0 control (`lines`: 1 newline allowed, 2 newline and tab), no DEL, C1 or bidi control. */
static void
check_clean(const char *s, int lines)
{
	const uint8_t *p = (const uint8_t *)s, *end;
	ucs4_t c;
	int n;

	if (!s)
		return;
	end = p + strlen(s);
	if (u8_check(p, (size_t)(end - p)))
		abort();
	while (p < end) {
		n = u8_mbtouc(&c, p, (size_t)(end - p));
		if ((c < 0x20 && !(lines && c == '\n') && !(lines == 2 && c == '\t')) ||
		    (c >= 0x7f && c <= 0x9f))
			abort();
		if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e ||
		    c == 0x200f || c == 0x061c)
			abort();
		p += n;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_article *a = NULL;
	struct bl_err err;
	size_t i;

	if (size < 1)
		return 0;
	if (extract_page((const char *)data + 1, size - 1,
			 data[0] & 8 ? "https://example.org/news/a.html" : NULL,
			 charsets[data[0] & 7], &a, &err)) {
		if (a || !err.msg[0] || strchr(err.msg, '\n'))
			abort();	/* a failure is one line, and nothing else */
		return 0;
	}
	check_clean(a->url, 0);
	check_clean(a->title, 0);
	check_clean(a->author, 0);
	check_clean(a->site, 0);
	check_clean(a->lang, 0);
	check_clean(a->html, 2);
	check_clean(a->text, 1);
	for (i = 0; i < a->nwarnings; i++)
		check_clean(a->warnings[i], 0);
	if (!a->html || !a->text || strstr(a->html, "<script"))
		abort();
	extract_article_free(&a);
	return 0;
}
