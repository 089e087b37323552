/* libFuzzer target for the OPML reader: any file; the feeds read must survive an export/import round trip. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "byline/buf.h"
#include "byline/config.h"
#include "byline/url.h"
#include "byline/opml.h"

/* An in-memory file holding len bytes of data; its path is written to path. */
static int
mem_file(const void *data, size_t len, char *path, size_t pathlen)
{
	int fd = memfd_create("fuzz.opml", MFD_CLOEXEC);

	if (fd < 0)
		abort();
	if (len && write(fd, data, len) != (ssize_t)len)
		abort();
	snprintf(path, pathlen, "/proc/self/fd/%d", fd);
	return fd;
}

/* Single-line fields from a stranger's file: no control byte at all. */
static void
check_line(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			abort();
}

static void
check_feeds(const struct opml *o)
{
	size_t i, j;

	for (i = 0; i < o->nfeeds; i++) {
		/* only http and https feeds come out of a stranger's OPML */
		if (url_feed_problem(o->feeds[i].url, false))
			abort();
		check_line(o->feeds[i].title);
		for (j = 0; j < o->feeds[i].ntags; j++)
			check_line(o->feeds[i].tags[j]);
	}
	for (i = 0; i < o->nwarnings; i++)
		check_line(o->warnings[i]);
}

/* What import does: every feed read becomes a config line that the config reader accepts. */
static void
check_config_lines(const struct opml *o)
{
	struct buf b = {0};
	struct config *cfg;
	struct bl_err err;
	size_t i;

	for (i = 0; i < o->nfeeds; i++) {
		config_format_feed(&b, &o->feeds[i]);
		buf_putc(&b, '\n');
	}
	cfg = config_parse(buf_cstr(&b), "imported", &err);
	if (!cfg || cfg->nfeeds != o->nfeeds)
		abort();
	config_free(&cfg);
	buf_free(&b);
}

/* o holds a feed with f's URL and the same number of tags. */
static int
has_feed(const struct opml *o, const struct config_feed *f)
{
	size_t i;

	for (i = 0; i < o->nfeeds; i++)
		if (!strcmp(o->feeds[i].url, f->url))
			return o->feeds[i].ntags == f->ntags;
	return 0;
}

/* Writing the feeds as OPML and reading that back gives the same feeds (untagged ones move first). */
static void
check_round_trip(const struct opml *o)
{
	struct config cfg = { .feeds = o->feeds, .nfeeds = o->nfeeds };
	struct buf b = {0};
	struct opml *again;
	struct bl_err err;
	char path[64];
	size_t i;
	int fd;

	opml_write(&b, &cfg, NULL);
	fd = mem_file(b.data, b.len, path, sizeof(path));
	again = opml_read(path, &err);
	if (!again || again->nfeeds != o->nfeeds)
		abort();
	for (i = 0; i < o->nfeeds; i++)
		if (!has_feed(again, &o->feeds[i]))
			abort();
	opml_free(&again);
	close(fd);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opml *o;
	struct bl_err err;
	char path[64];
	char *copy = malloc(size + 1);
	int fd;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	fd = mem_file(copy, size, path, sizeof(path));
	o = opml_read(path, &err);
	if (o) {
		check_feeds(o);
		if (o->nfeeds) {
			check_config_lines(o);
			check_round_trip(o);
		}
		opml_free(&o);
	} else {
		check_line(err.msg);
	}
	close(fd);
	free(copy);
	return 0;
}
