/* byline feeds: the config's feeds with their tags, counts and last refresh, as lines or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/json.h"
#include "byline/mem.h"

struct feeds_opts {
	struct cli_common co;
	bool failed, json;
};

/* What the store knows of a feed, copied out of store_feed_rows. */
struct stored {
	char *url, *title, *error;
	int64_t error_at, last_ok;
	struct feed_counts counts;
};

struct stored_set {
	struct stored *s;
	size_t n;
};

static void
feeds_usage(FILE *fp)
{
	fprintf(fp, "usage: byline feeds [-c FILE] [-d FILE] [--failed] [--json]\n\n"
		    "Prints the config's feeds, one a line: title, URL, tags, unread/total and the\n"
		    "last refresh (ok, or why it failed and since when), separated by tabs; or a\n"
		    "JSON array with --json.\n\n"
		    CLI_COMMON_HELP
		    "  --failed            only the feeds whose last refresh failed\n"
		    "  --json              a JSON array of objects\n"
		    CLI_HELP_HELP);
}

/* Returns 0 to go on, else the exit status (-1: --help). */
static int
feeds_parse(int argc, char **argv, struct feeds_opts *o)
{
	int i, r;

	for (i = 1; i < argc; i++) {
		r = cli_common_option("feeds", argc, argv, &i, &o->co);
		if (r < 0)
			return 1;
		if (r)
			continue;
		if (!strcmp(argv[i], "--failed"))
			o->failed = true;
		else if (!strcmp(argv[i], "--json"))
			o->json = true;
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			feeds_usage(stdout);
			return -1;
		} else {
			fprintf(stderr, "byline feeds: unknown option '%s'\n", argv[i]);
			feeds_usage(stderr);
			return 1;
		}
	}
	return 0;
}

static void
stored_add(void *ud, const struct feed_row *r)
{
	struct stored_set *set = ud;

	set->s = xreallocarray(set->s, set->n + 1, sizeof(*set->s));
	set->s[set->n++] = (struct stored){
		.url = xstrdup(r->url), .title = xstrdup_null(r->title),
		.error = xstrdup_null(r->last_error), .error_at = r->last_error_at,
		.last_ok = r->last_fetch, .counts = r->counts,
	};
}

static int
stored_cmp(const void *a, const void *b)
{
	return strcmp(((const struct stored *)a)->url, ((const struct stored *)b)->url);
}

static const struct stored *
stored_find(const struct stored_set *set, const char *url)
{
	struct stored key = { .url = (char *)url };

	return set->n ? bsearch(&key, set->s, set->n, sizeof(*set->s), stored_cmp) : NULL;
}

static void
stored_free(struct stored_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		free(set->s[i].url);
		free(set->s[i].title);
		free(set->s[i].error);
	}
	free(set->s);
}

/* ISO 8601 in UTC, or NULL for 0. */
static const char *
iso(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || !gmtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return NULL;
	return buf;
}

/* ,"key":"value" or ,"key":null */
static void
put_or_null(struct buf *b, const char *key, const char *value)
{
	buf_printf(b, ",\"%s\":", key);
	if (value)
		json_put_string(b, value, strlen(value));
	else
		buf_puts(b, "null");
}

static void
put_json(struct buf *b, const struct config_feed *cf, const char *title, const struct stored *st)
{
	struct feed_counts c = st ? st->counts : (struct feed_counts){ 0 };
	const char *error = st ? st->error : NULL;
	char since[32], ok[32];
	size_t i;

	buf_puts(b, "{\"title\":");
	json_put_string(b, title, strlen(title));
	put_or_null(b, "url", cf->url);
	buf_puts(b, ",\"tags\":[");
	for (i = 0; i < cf->ntags; i++) {
		if (i)
			buf_putc(b, ',');
		json_put_string(b, cf->tags[i], strlen(cf->tags[i]));
	}
	buf_printf(b, "],\"unread\":%lld,\"total\":%lld,\"ok\":%s", (long long)c.unread,
		   (long long)c.total, error ? "false" : "true");
	put_or_null(b, "error", error);
	put_or_null(b, "failed_since", error ? iso(st->error_at, since, sizeof(since)) : NULL);
	put_or_null(b, "last_success", st ? iso(st->last_ok, ok, sizeof(ok)) : NULL);
	buf_putc(b, '}');
}

static void
put_line(struct buf *b, const struct config_feed *cf, const char *title, const struct stored *st)
{
	struct feed_counts c = st ? st->counts : (struct feed_counts){ 0 };
	char since[32], ok[32];
	const char *s;
	size_t i;

	cli_clean_field(b, title);
	buf_putc(b, '\t');
	cli_clean_field(b, cf->url);
	buf_putc(b, '\t');
	for (i = 0; i < cf->ntags; i++) {
		if (i)
			buf_putc(b, ' ');
		cli_clean_field(b, cf->tags[i]);
	}
	buf_printf(b, "\t%lld/%lld\t", (long long)c.unread, (long long)c.total);
	if (st && st->error) {
		s = iso(st->error_at, since, sizeof(since));
		buf_printf(b, "failed since %s: ", s ? s : "?");
		cli_clean_field(b, st->error);
		s = iso(st->last_ok, ok, sizeof(ok));
		buf_printf(b, " (last success %s)", s ? s : "never");
	} else
		buf_puts(b, st && st->last_ok ? "ok" : "not refreshed yet");
	buf_putc(b, '\n');
}

static int
feeds_print(const struct config *cfg, const struct stored_set *set, const struct feeds_opts *o)
{
	struct buf b = {0};
	size_t i, shown = 0;

	if (o->json)
		buf_putc(&b, '[');
	for (i = 0; i < cfg->nfeeds; i++) {
		const struct config_feed *cf = &cfg->feeds[i];
		const struct stored *st = stored_find(set, cf->url);
		const char *title = cf->title ? cf->title :
				    st && st->title && *st->title ? st->title : cf->url;

		if (o->failed && !(st && st->error))
			continue;
		if (o->json) {
			if (shown)
				buf_puts(&b, ",\n");
			put_json(&b, cf, title, st);
		} else
			put_line(&b, cf, title, st);
		shown++;
	}
	if (o->json)
		buf_puts(&b, "]\n");
	if (b.len)
		fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	if (o->failed && !shown)
		fprintf(stderr, "byline feeds: no feed failed\n");
	return fflush(stdout) ? 1 : 0;
}

int
cmd_feeds(int argc, char **argv)
{
	struct feeds_opts o = {0};
	struct stored_set set = {0};
	struct config *cfg = NULL;
	struct store *s = NULL;
	struct bl_err err = {0};
	int rc = feeds_parse(argc, argv, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	rc = 1;
	if (!(cfg = cli_load_config(&o.co, true)) || !(s = cli_open_store(&o.co, cfg)))
		goto out;
	if (store_feed_rows(s, stored_add, &set, &err)) {
		fprintf(stderr, "byline: %s\n", err.msg);
		goto out;
	}
	if (set.n)
		qsort(set.s, set.n, sizeof(*set.s), stored_cmp);
	rc = feeds_print(cfg, &set, &o);
out:
	stored_free(&set);
	store_close(&s);
	config_free(&cfg);
	return rc;
}
