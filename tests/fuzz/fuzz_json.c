/* libFuzzer target for the JSON Feed path of the feed parser: any bytes after '{', split into chunks the input chooses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline/parse.h"

/* The item model's promise: valid UTF-8 without C0 controls (bodies may keep \n and \t), DEL or C1. */
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
				abort();
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
			abort();
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				abort();
			c = (c << 6) | (p[i] & 0x3f);
		}
		if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
		    (c >= 0xd800 && c <= 0xdfff) || (c >= 0x80 && c < 0xa0))
			abort();
		p += len;
	}
}

static void
on_item(void *ud, const struct item *it)
{
	size_t i;

	if (!it->id)
		abort();	/* every item gets an id */
	check_text(it->id, 0);
	check_text(it->title, 0);
	check_text(it->link, 0);
	check_text(it->author, 0);
	check_text(it->summary, 1);
	check_text(it->content, 1);
	for (i = 0; i < it->ncategories; i++)
		check_text(it->categories[i], 0);
	for (i = 0; i < it->nenclosures; i++) {
		check_text(it->enclosures[i].url, 0);
		check_text(it->enclosures[i].type, 0);
		if (it->enclosures[i].length < -1 || it->enclosures[i].duration < -1)
			abort();
	}
}

static void
on_feed(void *ud, const struct feed_info *fi)
{
	check_text(fi->title, 0);
	check_text(fi->link, 0);
	check_text(fi->language, 0);
	check_text(fi->image, 0);
	check_text(fi->description, 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_callbacks cb = { .on_feed = on_feed, .on_item = on_item };
	struct feed_parser *p;
	struct bl_err err;
	char *buf;
	size_t off = 0, seed, n;

	if (size < 1)
		return 0;
	/* the first byte picks the chunk pattern; a '{' starts the document, so it is JSON */
	seed = data[0];
	n = size;
	buf = malloc(n + 1);
	if (!buf)
		return 0;
	buf[0] = '{';
	memcpy(buf + 1, data + 1, size - 1);
	buf[n] = '\0';
	p = feed_parser_new(seed & 1 ? "http://example.com/dir/feed.json" : NULL, NULL, &cb, NULL);
	while (off < n) {
		size_t k = 1 + (seed * 2654435761u + off) % (seed & 0x80 ? 4096 : 7);

		if (k > n - off)
			k = n - off;
		if (feed_parser_push(p, buf + off, k, &err) != BL_OK)
			break;
		off += k;
	}
	feed_parser_finish(p, &err);
	check_text(feed_parser_info(p)->title, 0);
	check_text(feed_parser_info(p)->image, 0);
	feed_parser_free(&p);
	free(buf);
	return 0;
}
