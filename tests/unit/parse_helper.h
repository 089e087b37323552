/* Test helper: runs the feed parser over a string and keeps what it reports. */
#ifndef BYLINE_TEST_PARSE_HELPER_H
#define BYLINE_TEST_PARSE_HELPER_H

#include <stdlib.h>
#include <string.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "byline/parse.h"

#define MAX_ITEMS 64

struct parsed {
	struct item items[MAX_ITEMS];
	size_t nitems;
	struct feed_info fi;		/* as on_feed saw it */
	struct feed_info final;		/* feed_parser_info() at the end */
	int feed_calls;
	size_t items_before_feed;
	struct buf warnings;		/* one per line */
	size_t nwarnings;
	enum bl_status status;
	struct bl_err err;
};

static char **
copy_strv(char **v, size_t n)
{
	char **o = n ? xcalloc(n, sizeof(char *)) : NULL;
	size_t i;

	for (i = 0; i < n; i++)
		o[i] = xstrdup(v[i]);
	return o;
}

static void
copy_item(struct item *dst, const struct item *it)
{
	size_t i;

	dst->id = xstrdup_null(it->id);
	dst->title = xstrdup_null(it->title);
	dst->link = xstrdup_null(it->link);
	dst->author = xstrdup_null(it->author);
	dst->published = it->published;
	dst->updated = it->updated;
	dst->summary = xstrdup_null(it->summary);
	dst->content = xstrdup_null(it->content);
	dst->categories = copy_strv(it->categories, it->ncategories);
	dst->ncategories = it->ncategories;
	dst->nenclosures = it->nenclosures;
	dst->enclosures = it->nenclosures ? xcalloc(it->nenclosures, sizeof(struct enclosure)) : NULL;
	for (i = 0; i < it->nenclosures; i++) {
		dst->enclosures[i].url = xstrdup_null(it->enclosures[i].url);
		dst->enclosures[i].type = xstrdup_null(it->enclosures[i].type);
		dst->enclosures[i].length = it->enclosures[i].length;
		dst->enclosures[i].duration = it->enclosures[i].duration;
	}
}

static void
copy_feed(struct feed_info *dst, const struct feed_info *fi)
{
	feed_info_clear(dst);
	dst->format = xstrdup_null(fi->format);
	dst->version = xstrdup_null(fi->version);
	dst->title = xstrdup_null(fi->title);
	dst->link = xstrdup_null(fi->link);
	dst->description = xstrdup_null(fi->description);
	dst->language = xstrdup_null(fi->language);
	dst->image = xstrdup_null(fi->image);
	dst->ttl = fi->ttl;
	dst->update_period = fi->update_period;
	dst->skip_hours = fi->skip_hours;
	dst->skip_days = fi->skip_days;
}

static void
h_on_feed(void *ud, const struct feed_info *fi)
{
	struct parsed *r = ud;

	r->feed_calls++;
	r->items_before_feed = r->nitems;
	copy_feed(&r->fi, fi);
}

static void
h_on_item(void *ud, const struct item *it)
{
	struct parsed *r = ud;

	if (r->nitems < MAX_ITEMS)
		copy_item(&r->items[r->nitems], it);
	r->nitems++;
}

static void
h_on_warning(void *ud, const char *msg)
{
	struct parsed *r = ud;

	buf_puts(&r->warnings, msg);
	buf_putc(&r->warnings, '\n');
	r->nwarnings++;
}

/* Parses len bytes of doc, pushed in chunks of `chunk` bytes (0: all at once). */
static struct parsed *
parse_chunked(const char *doc, size_t len, size_t chunk, const char *url, const char *charset)
{
	struct parsed *r = xcalloc(1, sizeof(*r));
	struct parse_callbacks cb = { .on_feed = h_on_feed, .on_item = h_on_item,
				      .on_warning = h_on_warning };
	struct feed_parser *p = feed_parser_new(url, charset, &cb, r);
	size_t off = 0, n;

	r->status = BL_OK;
	while (off < len && r->status == BL_OK) {
		n = chunk && len - off > chunk ? chunk : len - off;
		r->status = feed_parser_push(p, doc + off, n, &r->err);
		off += n;
	}
	if (r->status == BL_OK)
		r->status = feed_parser_finish(p, &r->err);
	copy_feed(&r->final, feed_parser_info(p));
	feed_parser_free(&p);
	return r;
}

static struct parsed *
parse_str(const char *doc)
{
	return parse_chunked(doc, strlen(doc), 0, NULL, NULL);
}

static void
parsed_free(struct parsed **rp)
{
	struct parsed *r = *rp;
	size_t i;

	for (i = 0; i < r->nitems && i < MAX_ITEMS; i++)
		item_clear(&r->items[i]);
	feed_info_clear(&r->fi);
	feed_info_clear(&r->final);
	buf_free(&r->warnings);
	free(r);
	*rp = NULL;
}

/* True when some warning contains needle. */
static int
warned(const struct parsed *r, const char *needle)
{
	return strstr(buf_cstr(&r->warnings), needle) != NULL;
}

#endif
