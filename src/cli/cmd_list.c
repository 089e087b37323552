/* byline list: stored articles, newest first, as tab-separated lines or JSON lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/json.h"
#include "byline/mem.h"
#include "byline/query.h"

#define LIST_PAGE 256

struct list_opts {
	struct cli_common co;
	struct item_filter filter;
	const char *feed_url;
	const char *query;	/* --query EXPR, or NULL */
	bool json;
	bool ignored;		/* --ignored: the articles ignore lines hid */
	long long limit;	/* 0: all */
};

/* Config titles by feed row, so `title=` in the config wins over the feed's own. */
struct title_map {
	int64_t *ids;
	const char **titles;
	size_t n;
};

static void
list_usage(FILE *fp)
{
	fprintf(fp, "usage: byline list [-c FILE] [-d FILE] [--unread] [--starred] [--feed URL]\n"
		    "                   [--search WORDS] [--query EXPR] [--limit N] [--json]\n\n"
		    "Prints stored articles, newest first: date, feed, title and link separated\n"
		    "by tabs, or one JSON object a line with --json.\n\n"
		    CLI_COMMON_HELP
		    "  --unread            only articles not read yet\n"
		    "  --starred           only starred articles\n"
		    "  --feed URL          only the articles of this feed\n"
		    "  --search WORDS      only articles holding every word (CJK words too)\n"
		    "  --query EXPR        only articles the query matches (byline-config(5))\n"
		    "  --ignored           the articles ignore lines hid, each with its rule\n"
		    "  --limit N           at most N articles\n"
		    "  --json              one JSON object a line\n"
		    CLI_HELP_HELP);
}

/* Returns 0 to go on, else the exit status. */
static int
list_parse(int argc, char **argv, struct list_opts *o)
{
	int i, r;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		r = cli_common_option("list", argc, argv, &i, &o->co);
		if (r < 0)
			return 1;
		if (r)
			continue;
		if (!strcmp(a, "--unread"))
			o->filter.unread_only = true;
		else if (!strcmp(a, "--starred"))
			o->filter.starred_only = true;
		else if (!strcmp(a, "--json"))
			o->json = true;
		else if (!strcmp(a, "--ignored"))
			o->ignored = true;
		else if ((!strcmp(a, "--feed") || !strcmp(a, "--search") ||
			  !strcmp(a, "--limit") || !strcmp(a, "--query")) && i + 1 < argc) {
			if (a[2] == 'q')
				o->query = argv[++i];
			else if (a[2] == 'f')
				o->feed_url = argv[++i];
			else if (a[2] == 's')
				o->filter.search = argv[++i];
			else if ((o->limit = atoll(argv[++i])) <= 0) {
				fprintf(stderr, "byline list: --limit needs a positive number\n");
				return 1;
			}
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			list_usage(stdout);
			return -1;
		} else {
			fprintf(stderr, "byline list: unknown or incomplete option '%s'\n", a);
			list_usage(stderr);
			return 1;
		}
	}
	return 0;
}

static void
title_map_build(struct title_map *m, const struct config *cfg, struct store *s)
{
	struct bl_err err;
	int64_t id;
	size_t i;

	m->ids = xcalloc(cfg->nfeeds + 1, sizeof(*m->ids));
	m->titles = xcalloc(cfg->nfeeds + 1, sizeof(*m->titles));
	for (i = 0; i < cfg->nfeeds; i++)
		if (cfg->feeds[i].title && !store_feed_lookup(s, cfg->feeds[i].url, &id, &err) &&
		    id) {
			m->ids[m->n] = id;
			m->titles[m->n++] = cfg->feeds[i].title;
		}
}

static const char *
title_map_get(const struct title_map *m, int64_t id, const char *fallback)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->ids[i] == id)
			return m->titles[i];
	return fallback;
}

static void
format_date(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, n, "%lld", (long long)t);
}

/* ,"enclosures":[{"url":…,"type":…,"length":N,"duration":N}, …] when the article has any. */
static void
put_enclosures(struct buf *b, const struct item *it)
{
	size_t i;
	int first;

	for (i = 0; i < it->nenclosures; i++) {
		const struct enclosure *e = &it->enclosures[i];

		buf_puts(b, i ? ",{" : ",\"enclosures\":[{");
		first = 1;
		json_put_field(b, "url", e->url, &first);
		json_put_field(b, "type", e->type, &first);
		if (e->length >= 0)
			buf_printf(b, "%s\"length\":%lld", first ? "" : ",", (long long)e->length),
				first = 0;
		if (e->duration >= 0)
			buf_printf(b, "%s\"duration\":%lld", first ? "" : ",", (long long)e->duration);
		buf_puts(b, i + 1 == it->nenclosures ? "}]" : "}");
	}
}

static void
print_row(const struct item_row *r, const char *feed, const struct item *encs, struct buf *b)
{
	bool json = encs != NULL;
	char date[32];
	int first = 1;

	buf_reset(b);
	format_date(r->date, date, sizeof(date));
	if (json) {
		buf_printf(b, "{\"id\":%lld,", (long long)r->rowid);
		json_put_field(b, "date", date, &first);
		json_put_field(b, "feed", feed, &first);
		json_put_field(b, "title", r->title, &first);
		json_put_field(b, "link", r->link, &first);
		buf_printf(b, ",\"read\":%s,\"starred\":%s", r->read ? "true" : "false",
			   r->starred ? "true" : "false");
		put_enclosures(b, encs);
		buf_puts(b, "}\n");
	} else {
		buf_printf(b, "%s\t", date);
		cli_clean_field(b, feed);
		buf_putc(b, '\t');
		cli_clean_field(b, r->title);
		buf_putc(b, '\t');
		cli_clean_field(b, r->link);
		buf_putc(b, '\n');
	}
	fwrite(b->data, 1, b->len, stdout);
}

/* One hidden article: date, feed, title, link and the rule, or a JSON object. */
static void
print_hidden(void *ud, const struct hidden_row *r)
{
	bool json = *(const bool *)ud;
	struct buf b = {0};
	char date[32];
	int first = 1;

	format_date(r->date, date, sizeof(date));
	if (json) {
		buf_printf(&b, "{\"id\":%lld,", (long long)r->rowid);
		json_put_field(&b, "date", date, &first);
		json_put_field(&b, "feed", r->feed_title, &first);
		json_put_field(&b, "title", r->title, &first);
		json_put_field(&b, "link", r->link, &first);
		json_put_field(&b, "rule", r->rule, &first);
		buf_puts(&b, "}\n");
	} else {
		buf_printf(&b, "%s\t", date);
		cli_clean_field(&b, r->feed_title);
		buf_putc(&b, '\t');
		cli_clean_field(&b, r->title);
		buf_putc(&b, '\t');
		cli_clean_field(&b, r->link);
		buf_puts(&b, "\tignore ");
		cli_clean_field(&b, r->rule);
		buf_putc(&b, '\n');
	}
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

/* Prints every row the filter matches, a page at a time. */
static int
list_print(struct store *s, const struct list_opts *o, const struct title_map *m)
{
	struct item_row rows[LIST_PAGE];
	struct bl_err err = {0};
	struct buf b = {0};
	int64_t offset = 0;
	size_t n, i, want;

	for (;;) {
		want = LIST_PAGE;
		if (o->limit && o->limit - offset < LIST_PAGE)
			want = (size_t)(o->limit - offset);
		if (!want)
			break;
		if (store_list(s, &o->filter, offset, want, rows, &n, &err)) {
			fprintf(stderr, "byline: %s\n", err.msg);
			buf_free(&b);
			return 1;
		}
		for (i = 0; i < n; i++) {
			struct item encs;

			if (o->json && store_item_enclosures(s, rows[i].rowid, &encs, &err))
				fprintf(stderr, "byline: %s\n", err.msg);	/* the row without them */
			print_row(&rows[i], title_map_get(m, rows[i].feed_id, rows[i].feed_title),
				  o->json ? &encs : NULL, &b);
			if (o->json)
				item_clear(&encs);
			item_row_clear(&rows[i]);
		}
		offset += (int64_t)n;
		if (n < want)
			break;
	}
	buf_free(&b);
	return fflush(stdout) ? 1 : 0;
}

/* The query of --query, tags resolved by the config; NULL (and the status 2) on a mistake. */
static struct query *
list_query(const char *src, const struct config *cfg)
{
	struct query_error qe;
	struct query *q = query_parse(src, &qe);
	struct buf b = {0};

	if (!q) {
		query_error_format(&b, src, &qe, "  ");
		fprintf(stderr, "byline list: a mistake in --query:\n%s\n", buf_cstr(&b));
		buf_free(&b);
		return NULL;
	}
	config_query_feeds(cfg, q);
	return q;
}

int
cmd_list(int argc, char **argv)
{
	struct query *q = NULL;
	struct list_opts o = {0};
	struct title_map m = {0};
	struct config *cfg = NULL;
	struct store *s = NULL;
	struct bl_err err = {0};
	int rc = list_parse(argc, argv, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	rc = 1;
	if (!(cfg = cli_load_config(&o.co, true)))
		goto out;
	if (o.query && !(o.filter.query = q = list_query(o.query, cfg))) {
		rc = 2;
		goto out;
	}
	if (!(s = cli_open_store(&o.co, cfg)))
		goto out;
	if (o.feed_url) {
		if (store_feed_lookup(s, o.feed_url, &o.filter.feed_id, &err)) {
			fprintf(stderr, "byline: %s\n", err.msg);
			goto out;
		}
		if (!o.filter.feed_id) {
			rc = config_find_feed(cfg, o.feed_url) ? 0 : 1;
			if (rc)
				fprintf(stderr, "byline list: %s is neither in the config nor in the "
						"database (see byline list without --feed)\n", o.feed_url);
			goto out;
		}
	}
	if (o.ignored) {
		rc = store_hidden_rows(s, print_hidden, &o.json, &err) ? 1 : 0;
		if (rc)
			fprintf(stderr, "byline: %s\n", err.msg);
		goto out;
	}
	title_map_build(&m, cfg, s);
	rc = list_print(s, &o, &m);
out:
	free(m.ids);
	free(m.titles);
	store_close(&s);
	query_free(&q);
	config_free(&cfg);
	return rc;
}
