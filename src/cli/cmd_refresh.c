/* `byline refresh`: refresh every feed of the config (or the given ones) from the command line. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/buf.h"
#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/config.h"
#include "byline/fulltext.h"
#include "byline/refresh.h"
#include "byline/store.h"

#define BAR_WIDTH 30

struct refresh_cli {
	struct cli_common co;
	char **urls;
	size_t nurls;
	bool force;		/* -f: every feed, due or not */
	struct cli_line bar;	/* the progress bar */
	struct fulltext *pages;	/* new articles' pages of fulltext=yes feeds, or NULL */
	int64_t since;		/* s: when the refresh started */
};

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: byline refresh [-f] [-c FILE] [-d FILE] [URL ...]\n\n"
		    "Fetches every feed of the config that is due (or only the URLs given,\n"
		    "due or not) and stores new articles. Exit status: 0 all feeds refreshed\n"
		    "(or not due), 2 some failed, 1 nothing could be done.\n\n"
		    CLI_COMMON_HELP
		    "  -f, --force         fetch every feed, due or not\n"
		    "  URL ...             refresh only these feeds of the config\n"
		    CLI_HELP_HELP);
}

/* Returns -1 when the arguments are fine, else the exit status. */
static int
parse_args(struct refresh_cli *c, int argc, char **argv)
{
	int i, r;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		}
		r = cli_common_option("refresh", argc, argv, &i, &c->co);
		if (r < 0)
			return 1;
		if (r > 0)
			continue;
		if (!strcmp(a, "-f") || !strcmp(a, "--force")) {
			c->force = true;
			continue;
		}
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (a[0] == '-') {
			fprintf(stderr, "byline refresh: unknown option '%s'\n", a);
			usage(stderr);
			return 1;
		}
		break;
	}
	c->urls = argv + i;
	c->nurls = (size_t)(argc - i);
	return -1;
}

static void
bar_draw(struct refresh_cli *c, const struct refresh *r, bool force)
{
	struct refresh_progress p;
	size_t fill, i;

	if (!cli_line_start(&c->bar, force))
		return;
	refresh_get_progress(r, &p);
	fill = p.total ? p.done * BAR_WIDTH / p.total : 0;
	fputc('[', stderr);
	for (i = 0; i < BAR_WIDTH; i++)
		fputc(i < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %zu/%zu feeds, %zu new", p.done, p.total, p.new_items);
	if (p.failed)
		fprintf(stderr, ", %zu failed", p.failed);
	fflush(stderr);
}

static void
on_result(void *ud, const struct refresh_result *res)
{
	struct refresh_cli *c = ud;
	struct bl_err err;

	if (res->new_items && c->pages &&
	    fulltext_add_new(c->pages, res->feed_id, res->url, c->since, &err)) {
		cli_line_clear(&c->bar);
		fprintf(stderr, "byline refresh: %s\n", err.msg);
	}
	if (res->ok && (!res->skipped || res->not_due))
		return;	/* the feeds not due are counted at the end */
	cli_line_clear(&c->bar);
	fputs("byline: ", stderr);
	cli_put_clean(stderr, res->url);
	fputs(": ", stderr);
	cli_put_clean(stderr, res->error ? res->error : "failed");
	fputc('\n', stderr);
}

/* A page of a fulltext=yes feed's article that gave no article: said, the refresh goes on. */
static void
on_page(void *ud, const struct fulltext_result *r)
{
	struct refresh_cli *c = ud;

	if (r->ok)
		return;
	cli_line_clear(&c->bar);
	fputs("byline: ", stderr);
	cli_put_clean(stderr, r->url);
	fputs(": no full text: ", stderr);
	cli_put_clean(stderr, r->error);
	fputc('\n', stderr);
}

/* The queue of pages, when a feed of the config is fulltext=yes. */
static void
pages_start(struct refresh_cli *c, struct store *s, const struct config *cfg)
{
	struct bl_err err;
	size_t i;

	for (i = 0; i < cfg->nfeeds && cfg->feeds[i].fulltext <= 0; i++)
		;
	c->since = (int64_t)time(NULL) - 1;
	if (i < cfg->nfeeds && !(c->pages = fulltext_create(s, cfg, on_page, c, &err)))
		fprintf(stderr, "byline refresh: no full texts: %s\n", err.msg);
}

/* Each URL on the command line must be a feed of the config. */
static bool
urls_configured(const struct refresh_cli *c, const struct config *cfg)
{
	size_t i, j;
	bool ok = true;

	for (i = 0; i < c->nurls; i++) {
		for (j = 0; j < cfg->nfeeds; j++)
			if (!strcmp(c->urls[i], cfg->feeds[j].url))
				break;
		if (j == cfg->nfeeds) {
			fputs("byline refresh: ", stderr);
			cli_put_clean(stderr, c->urls[i]);
			fprintf(stderr, " is not a feed of %s (add a line: feed URL)\n",
				cfg->path ? cfg->path : "the built-in configuration");
			ok = false;
		}
	}
	return ok;
}

/*
 * A damaged database is refused before anything is fetched (a writer would
 * add to the damage), and so is one nobody may write.
 */
static bool
store_sound(struct store *s)
{
	struct bl_err err = { "" };

	if (store_read_only(s))
		bl_err_set(&err, "%s: the database is read-only (a read-only file system?); "
			   "a refresh must write to it. Reading it works: byline, byline list",
			   store_path(s));
	else if (store_check(s, &err) == BL_OK)
		return true;
	fputs("byline refresh: ", stderr);
	cli_put_clean(stderr, err.msg);
	fputc('\n', stderr);
	return false;
}

/* How many feeds were not due and when the next is, on stderr. */
static void
put_not_due(const struct refresh_progress *p)
{
	time_t t = (time_t)p->next_due;
	struct tm tm;
	char when[40] = "";

	if (!p->not_due)
		return;
	gmtime_r(&t, &tm);
	if (p->next_due)
		strftime(when, sizeof(when), " (the next at %Y-%m-%d %H:%M UTC)", &tm);
	fprintf(stderr, "byline refresh: %zu of %zu feed%s not due yet, not fetched%s; "
		"--force fetches them\n", p->not_due, p->total, p->total == 1 ? "" : "s", when);
}

/* The run's own problem (keep-days), if it had one, on stderr; whether it had. */
static bool
put_problem(const struct refresh *r)
{
	if (!refresh_error(r))
		return false;
	fputs("byline refresh: ", stderr);
	cli_put_clean(stderr, refresh_error(r));
	fputc('\n', stderr);
	return true;
}

static int
run(struct refresh_cli *c, struct store *s, const struct config *cfg)
{
	struct refresh_progress p;
	struct refresh *r;
	bool problem;
	struct bl_err err = { "" };

	pages_start(c, s, cfg);
	r = refresh_start(s, cfg, c->nurls ? (const char *const *)c->urls : NULL, c->nurls,
			  c->force ? REFRESH_FORCE : 0, on_result, c, &err);
	if (!r) {
		fprintf(stderr, "byline refresh: %s\n", err.msg);
		fulltext_destroy(&c->pages);
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!refresh_done(r) && !interrupted) {
		refresh_wait(r, -1, fulltext_count(c->pages) ? 20 : 100, NULL);
		refresh_step(r);
		if (c->pages)
			fulltext_step(c->pages);
		bar_draw(c, r, false);
	}
	/* The feeds are in; the pages still on their way are waited for. */
	while (fulltext_count(c->pages) && !interrupted) {
		fulltext_wait(c->pages, -1, 100, NULL);
		fulltext_step(c->pages);
	}
	fulltext_destroy(&c->pages);
	cli_line_clear(&c->bar);
	refresh_get_progress(r, &p);
	problem = put_problem(r);
	put_not_due(&p);
	refresh_free(&r);
	if (interrupted) {
		fprintf(stderr, "byline refresh: interrupted; %zu of %zu feeds done\n",
			p.done, p.total);
		return 130;
	}
	if (p.failed == 0)
		return problem ? 2 : 0;
	return p.failed == p.total ? 1 : 2;
}

int
cmd_refresh(int argc, char **argv)
{
	struct refresh_cli c = { 0 };
	struct config *cfg = NULL;
	struct store *s = NULL;
	int rc;

	rc = parse_args(&c, argc, argv);
	if (rc >= 0)
		return rc;
	rc = 1;
	cfg = cli_load_config(&c.co, false);
	if (!cfg || !urls_configured(&c, cfg))
		goto out;
	s = cli_open_store(&c.co, cfg);
	if (!s || !store_sound(s))
		goto out;
	cli_line_init(&c.bar);
	rc = run(&c, s, cfg);
out:
	store_close(&s);
	config_free(&cfg);
	return rc;
}
