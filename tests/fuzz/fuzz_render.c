/* libFuzzer target for the renderer: byte 0 = width, byte 1 = options, the rest is HTML. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unistr.h>

#include "byline/buf.h"
#include "byline/render.h"
#include "byline/text.h"

/* Widest grapheme cluster of s. */
static int
widest_cluster(const char *s)
{
	size_t n = strlen(s), a = 0, b;
	char *brk = malloc(n + 1);
	int widest = 0;

	if (!brk)
		abort();
	u8_grapheme_breaks((const uint8_t *)s, n, brk);
	while (a < n) {
		int w;

		for (b = a + 1; b < n && !brk[b]; b++)
			;
		w = text_width_n(s + a, b - a);
		if (w > widest)
			widest = w;
		a = b;
	}
	free(brk);
	return widest;
}

static void
check_line(const struct render_line *l, int width)
{
	struct buf t = {0};
	size_t i;
	const unsigned char *p;

	for (i = 0; i < l->nspans; i++) {
		if (text_width(l->spans[i].text) != l->spans[i].width)
			abort();
		buf_puts(&t, l->spans[i].text);
	}
	if (u8_check((const uint8_t *)buf_cstr(&t), t.len) || text_width(buf_cstr(&t)) != l->width)
		abort();
	for (p = (const unsigned char *)buf_cstr(&t); *p; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			abort();	/* a control character would reach the terminal */
	/* lines fit, unless a single cluster is wider than a line can be */
	if (!l->nowrap && l->width > width && widest_cluster(buf_cstr(&t)) <= (width < 8 ? width : 8))
		abort();
	buf_free(&t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct render_opts o = {0};
	struct render_doc *d;
	struct buf out = {0};
	char *html;
	size_t i;

	if (size < 2)
		return 0;
	o.width = 1 + data[0] % 120;
	o.emoji = data[1] & 1 ? TEXT_EMOJI_PASSTHROUGH : TEXT_EMOJI_SAFE;
	o.base = data[1] & 2 ? "https://example.com/a/b?c" : NULL;
	o.no_link_list = data[1] & 4;
	html = malloc(size - 1);
	if (!html)
		return 0;
	memcpy(html, data + 2, size - 2);
	html[size - 2] = '\0';
	d = render_html(html, size - 2, &o, NULL);
	if (!d)
		abort();
	for (i = 0; i < render_nlines(d); i++)
		check_line(render_line_at(d, i), o.width);
	for (i = 0; i < render_nlinks(d); i++)
		if (render_link_at(d, i)->number != (int)i + 1)
			abort();
	render_write(d, &out, data[1] & 8);
	buf_free(&out);
	render_free(&d);
	free(html);
	return 0;
}
