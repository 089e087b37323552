/* libFuzzer target for the feed parser: any bytes, split into chunks the input chooses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline/parse.h"

/*
 * The item model's promise: valid UTF-8, no C0 control (but newline and
 * tab in bodies), no DEL, no C1 control, anywhere.
 */
static void
check_text(const char *s, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c;
	int len, i;

	if (!s)
		return;
	while (*p) {
		if (*p < 0x80) {
			if ((*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t'))) || *p == 0x7f)
				abort();	/* a control character */
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			len = 2, c = *p & 0x1f;
		else if (*p >= 0xe0 && *p <= 0xef)
			len = 3, c = *p & 0x0f;
		else if (*p >= 0xf0 && *p <= 0xf4)
			len = 4, c = *p & 0x07;
		else
			abort();	/* not UTF-8 */
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				abort();
			c = (c << 6) | (p[i] & 0x3f);
		}
		if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
		    (c >= 0xd800 && c <= 0xdfff) || (c >= 0x80 && c < 0xa0))
			abort();	/* overlong, surrogate, out of range, C1 control */
		p += len;
	}
}

static void
check_line(const char *s)
{
	check_text(s, 0);
}

static void
on_item(void *ud, const struct item *it)
{
	size_t i;

	check_line(it->title);
	check_line(it->link);
	check_line(it->author);
	if (!it->id)
		abort();	/* every item gets an id */
	for (i = 0; i < it->ncategories; i++)
		check_line(it->categories[i]);
	for (i = 0; i < it->nenclosures; i++)
		check_line(it->enclosures[i].url);
	check_line(it->id);
	check_text(it->summary, 1);
	check_text(it->content, 1);
	for (i = 0; i < it->nenclosures; i++)
		check_line(it->enclosures[i].type);
}

static void
on_feed(void *ud, const struct feed_info *fi)
{
	check_line(fi->title);
	check_line(fi->link);
	check_line(fi->language);
	check_text(fi->description, 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_callbacks cb = { .on_feed = on_feed, .on_item = on_item };
	struct feed_parser *p;
	struct bl_err err;
	char *buf;
	size_t off = 0, seed;

	if (size < 1)
		return 0;
	/* the first byte picks the chunk pattern; the rest is the document */
	seed = data[0];
	buf = malloc(size);
	if (!buf)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	p = feed_parser_new(seed & 1 ? "http://example.com/dir/feed.xml" : NULL,
			    seed & 2 ? "gb18030" : NULL, &cb, NULL);
	while (off < size - 1) {
		size_t n = 1 + (seed * 2654435761u + off) % (seed & 0x80 ? 4096 : 7);

		if (n > size - 1 - off)
			n = size - 1 - off;
		if (feed_parser_push(p, buf + off, n, &err) != BL_OK)
			break;
		off += n;
	}
	feed_parser_finish(p, &err);
	check_line(feed_parser_info(p)->title);
	feed_parser_free(&p);
	free(buf);
	return 0;
}
