/* libFuzzer target for the feed parser: any bytes, split into chunks the input chooses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline/parse.h"

/* Checks what the parser hands out: strings must be NUL-terminated UTF-8 without C0 controls in titles. */
static void
check_line(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s)
		return;
	for (; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			abort();	/* a C0, DEL or C1 control in a single-line field */
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
	for (i = 0; i < it->nenclosures; i++) {
		check_line(it->enclosures[i].url);
		check_line(it->enclosures[i].type);
	}
	if (it->summary)
		(void)strlen(it->summary);
	if (it->content)
		(void)strlen(it->content);
}

static void
on_feed(void *ud, const struct feed_info *fi)
{
	check_line(fi->title);
	check_line(fi->link);
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
