/* byline parse: reads one RSS, Atom or JSON Feed document and prints it as JSON, items streamed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline/buf.h"
#include "byline/cli.h"
#include "byline/date.h"
#include "byline/json.h"
#include "byline/parse.h"

#define READ_CHUNK 65536
#define OUT_FLUSH (256u << 10)	/* output held at most, should one read hold many items */

struct parse_out {
	struct buf out;		/* JSON not yet written: the items of the last read */
	struct buf warnings;	/* JSON array body */
	size_t nitems;
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: byline parse [--url URL] [--charset NAME] [FILE|-]\n"
		    "\nReads an RSS, Atom or JSON Feed document (standard input when FILE is -\n"
		    "or absent) and prints it as one JSON object: the feed's fields, its items\n"
		    "and the problems found on the way (warnings).\n\n"
		    "  --url URL           the document's own URL, for relative links\n"
		    "  --charset NAME      the HTTP charset; overrides the XML declaration\n"
		    "  -h, --help          this help\n");
}

/*
 * A field of the parser's (valid UTF-8 by its contract); skipped when
 * absent. key is one of ours: plain ASCII that needs no escaping.
 */
static void
put_field(struct buf *b, const char *key, const char *value, int *first)
{
	if (!value || !*value)
		return;
	buf_append(b, *first ? "\"" : ",\"", *first ? 1 : 2);
	*first = 0;
	buf_puts(b, key);
	buf_append(b, "\":", 2);
	json_put_valid_string(b, value, strlen(value));
}

static void
put_date(struct buf *b, const char *key, int64_t t, int *first)
{
	char iso[32];

	if (t == BL_NO_DATE)
		return;
	date_format_iso(t, iso, sizeof(iso));
	put_field(b, key, iso, first);
}

static void
put_list_start(struct buf *b, const char *key, int *first)
{
	if (!*first)
		buf_putc(b, ',');
	*first = 0;
	json_put_string(b, key, strlen(key));
	buf_puts(b, ":[");
}

static void
put_enclosures(struct buf *b, const struct item *it, int *first)
{
	size_t i;

	if (it->nenclosures == 0)
		return;
	put_list_start(b, "enclosures", first);
	for (i = 0; i < it->nenclosures; i++) {
		const struct enclosure *e = &it->enclosures[i];
		int f = 1;

		buf_puts(b, i ? ",{" : "{");
		put_field(b, "url", e->url, &f);
		put_field(b, "type", e->type, &f);
		if (e->length >= 0)
			buf_printf(b, "%s\"length\":%lld", f ? "" : ",", (long long)e->length), f = 0;
		if (e->duration >= 0)
			buf_printf(b, "%s\"duration\":%lld", f ? "" : ",", (long long)e->duration);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void
put_item(struct buf *b, const struct item *it)
{
	int first = 1;
	size_t i;

	buf_putc(b, '{');
	put_field(b, "id", it->id, &first);
	put_field(b, "title", it->title, &first);
	put_field(b, "link", it->link, &first);
	put_field(b, "author", it->author, &first);
	put_date(b, "published", it->published, &first);
	put_date(b, "updated", it->updated, &first);
	put_field(b, "summary", it->summary, &first);
	put_field(b, "content", it->content, &first);
	if (it->ncategories) {
		put_list_start(b, "categories", &first);
		for (i = 0; i < it->ncategories; i++) {
			if (i)
				buf_putc(b, ',');
			json_put_valid_string(b, it->categories[i], strlen(it->categories[i]));
		}
		buf_putc(b, ']');
	}
	put_enclosures(b, it, &first);
	buf_putc(b, '}');
}

/* Writes what is held: after each read, so a reader on a pipe gets each item before byline waits for more input. */
static void
flush_out(struct parse_out *po)
{
	const char *s = po->out.data;
	size_t n = po->out.len;
	ssize_t w;

	/* one write(2) each time: stdio would cut it into its 4 KiB blocks */
	fflush(stdout);
	while (n > 0 && ((w = write(STDOUT_FILENO, s, n)) > 0 || (w < 0 && errno == EINTR)))
		if (w > 0)
			s += w, n -= (size_t)w;
	buf_reset(&po->out);
}

static void
on_item(void *ud, const struct item *it)
{
	struct parse_out *po = ud;

	if (po->nitems++)
		buf_putc(&po->out, ',');
	put_item(&po->out, it);
	if (po->out.len >= OUT_FLUSH)
		flush_out(po);
}

static void
on_warning(void *ud, const char *msg)
{
	struct parse_out *po = ud;

	if (po->warnings.len)
		buf_putc(&po->warnings, ',');
	json_put_string(&po->warnings, msg, strlen(msg));
}

/* The feed-level fields and warnings, after the items. */
static void
put_tail(struct parse_out *po, const struct feed_info *fi)
{
	struct buf *b = &po->out;
	int first = 0;

	buf_putc(b, ']');
	put_field(b, "format", fi->format, &first);
	put_field(b, "version", fi->version, &first);
	put_field(b, "title", fi->title, &first);
	put_field(b, "link", fi->link, &first);
	put_field(b, "description", fi->description, &first);
	put_field(b, "language", fi->language, &first);
	put_field(b, "image", fi->image, &first);
	if (po->warnings.len) {
		buf_puts(b, ",\"warnings\":[");
		buf_append(b, po->warnings.data, po->warnings.len);
		buf_putc(b, ']');
	}
	buf_puts(b, "}\n");
	flush_out(po);
}

/* Feeds the whole of fp to the parser, writing items as they come; BL_ERR with a message on failure. */
static enum bl_status
read_all(FILE *fp, struct feed_parser *p, struct parse_out *po, struct bl_err *err)
{
	static char chunk[READ_CHUNK];
	ssize_t n;

	/* read(2), not fread: bytes are parsed as soon as they arrive */
	while ((n = read(fileno(fp), chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return bl_err_set(err, "cannot read: %s", strerror(errno));
		if (feed_parser_push(p, chunk, (size_t)n, err) != BL_OK)
			return BL_ERR;
		flush_out(po);
	}
	return feed_parser_finish(p, err);
}

static int
parse_args(int argc, char **argv, const char **url, const char **charset, const char **file)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if ((!strcmp(argv[i], "--url") || !strcmp(argv[i], "--charset")) && i + 1 < argc) {
			*(argv[i][2] == 'u' ? url : charset) = argv[i + 1];
			i++;
		} else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "-")) {
			fprintf(stderr, "byline parse: unknown option '%s' (try byline parse --help)\n", argv[i]);
			return 1;
		} else if (*file) {
			fprintf(stderr, "byline parse: one file at a time (got '%s' and '%s')\n", *file, argv[i]);
			return 1;
		} else {
			*file = argv[i];
		}
	}
	return -1;
}

int
cmd_parse(int argc, char **argv)
{
	const char *url = NULL, *charset = NULL, *file = NULL;
	struct parse_out po = { 0 };
	struct parse_callbacks cb = { .on_item = on_item, .on_warning = on_warning };
	struct feed_parser *p = NULL;
	struct bl_err err = { "" };
	FILE *fp = stdin;
	int rc;

	if ((rc = parse_args(argc, argv, &url, &charset, &file)) >= 0)
		return rc;
	if (file && strcmp(file, "-") && !(fp = fopen(file, "rb"))) {
		fprintf(stderr, "byline parse: %s: %s\n", file, strerror(errno));
		return 1;
	}
	p = feed_parser_new(url, charset, &cb, &po);
	buf_puts(&po.out, "{\"items\":[");
	rc = read_all(fp, p, &po, &err) == BL_OK ? 0 : 1;
	put_tail(&po, feed_parser_info(p));
	if (rc)
		fprintf(stderr, "byline parse: %s: %s\n", file && strcmp(file, "-") ? file : "<stdin>", err.msg);
	feed_parser_free(&p);
	if (fp != stdin)
		fclose(fp);
	buf_free(&po.out);
	buf_free(&po.warnings);
	return rc;
}
