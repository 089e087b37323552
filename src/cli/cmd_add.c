/* byline add / remove: a feed found from any page's address, previewed, written into the config file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/config_file.h"
#include "byline/date.h"
#include "byline/discover.h"
#include "byline/mem.h"
#include "byline/sync.h"
#include "byline/text.h"
#include "byline/ui.h"

struct add_cli {
	struct cli_common co;
	struct config_feed feed;	/* url, tags, title= and options as given */
	bool yes;			/* -y: no question */
	bool no_refresh;
};

static void
usage(FILE *fp, bool add)
{
	if (add)
		fprintf(fp, "usage: byline add [-c FILE] [-d FILE] [-y] [--no-refresh] URL [TAG ...]\n"
			    "           [title=\"...\"] [interval=...] [charset=...] [ignore=...]\n\n"
			    "Adds a feed to the config file by the address of any page: a feed is\n"
			    "previewed; a web page's feeds are found (its links, then /feed,\n"
			    "/rss.xml, /atom.xml, /index.xml, /feed.json) and offered. Then the feed\n"
			    "is refreshed. Comments and the order of the file stay as they are.\n\n"
			    CLI_COMMON_HELP
			    "  -y, --yes           add without asking (the first feed when there are\n"
			    "                      several); without a terminal nothing is asked\n"
			    "  --no-refresh        only write the config\n" CLI_HELP_HELP);
	else
		fprintf(fp, "usage: byline remove [-c FILE] [-d FILE] URL\n\n"
			    "Removes the feed's line from the config file (its articles stay in the\n"
			    "database: byline add brings them back with their marks).\n\n"
			    CLI_COMMON_HELP CLI_HELP_HELP);
}

/* A word of the command line: an option of ours, NAME=VALUE, a tag or the URL. */
static int
take_word(struct add_cli *c, const char *cmd, char *w)
{
	char *eq = strchr(w, '=');
	const char *why;

	if (!strcmp(w, "-y") || !strcmp(w, "--yes"))
		return c->yes = true, 0;
	if (!strcmp(w, "--no-refresh"))
		return c->no_refresh = true, 0;
	if (w[0] == '-') {
		fprintf(stderr, "byline %s: unknown option '%s' (see byline %s --help)\n", cmd, w, cmd);
		return 1;
	}
	if (!c->feed.url) {
		c->feed.url = xstrdup(w);
		return 0;
	}
	if (eq && eq > w) {
		*eq = '\0';
		why = config_feed_option(&c->feed, w, eq + 1);
		*eq = '=';
		if (why) {
			fprintf(stderr, "byline %s: %s: %s\n", cmd, w, why);
			return 1;
		}
		return 0;
	}
	c->feed.tags = xreallocarray(c->feed.tags, c->feed.ntags + 1, sizeof(*c->feed.tags));
	c->feed.tags[c->feed.ntags++] = xstrdup(w);
	return 0;
}

/* 0 to go on, -1 after --help, else the exit status. */
static int
parse_args(struct add_cli *c, const char *cmd, int argc, char **argv)
{
	int i, r;

	for (i = 1; i < argc; i++) {
		if ((r = cli_common_option(cmd, argc, argv, &i, &c->co)) < 0)
			return 1;
		if (r)
			continue;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout, !strcmp(cmd, "add"));
			return -1;
		}
		if (take_word(c, cmd, argv[i]))
			return 1;
	}
	if (!c->feed.url) {
		fprintf(stderr, "byline %s: which address? (byline %s URL%s)\n", cmd, cmd,
			strcmp(cmd, "add") ? "" : " [TAG ...]");
		return 1;
	}
	if (strcmp(cmd, "add") && (c->feed.ntags || c->feed.title)) {
		fprintf(stderr, "byline remove: takes one URL only\n");
		return 1;
	}
	return 0;
}

static void
preview(FILE *fp, size_t n, const struct discover_feed *df)
{
	char date[32];
	int k;

	if (n)
		fprintf(fp, "%2zu. ", n);
	cli_put_clean(fp, df->title ? df->title : "(no title)");
	fprintf(fp, " (%s, %zu article%s", strcmp(df->format, "json") ? df->format : "JSON Feed",
		df->nitems, df->nitems == 1 ? "" : "s");
	if (df->newest != BL_NO_DATE) {
		date_format_iso(df->newest, date, sizeof(date));
		fprintf(fp, ", newest %.10s", date);
	}
	fputs(")\n    ", fp);
	cli_put_clean(fp, df->url);
	fputc('\n', fp);
	for (k = 0; k < 3 && df->first[k]; k++) {
		fputs("      · ", fp);
		cli_put_clean(fp, df->first[k]);
		fputc('\n', fp);
	}
}

/* Reads an answer line from the terminal; NULL at end of input. */
static char *
ask(const char *question)
{
	static char line[64];

	fputs(question, stderr);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return NULL;
	line[strcspn(line, "\r\n")] = '\0';
	return line;
}

/* Which found feed to add: 0-based index, or -1 to add none (said). */
static long
choose(struct add_cli *c, const struct discover *d)
{
	size_t n = discover_count(d), i;
	bool tty = isatty(STDIN_FILENO);
	char *a, *end;
	long k = 0;

	for (i = 0; i < n; i++)
		preview(stdout, n > 1 ? i + 1 : 0, discover_get(d, i));
	fflush(stdout);
	if (n > 1 && !tty && !c->yes) {
		fprintf(stderr, "byline add: %zu feeds on this page; add one by its URL "
				"(or -y for the first)\n", n);
		return -1;
	}
	if (c->yes || !tty)
		return 0;
	a = ask(n > 1 ? "Add which one? (number, Enter for 1, q to add none) " :
			"Add it? [Y/n] ");
	if (!a || *a == 'q' || *a == 'n' || *a == 'N')
		return fputs("byline add: nothing added\n", stderr), -1;
	if (n > 1 && *a) {
		k = strtol(a, &end, 10) - 1;
		if (*end || k < 0 || (size_t)k >= n)
			return fprintf(stderr, "byline add: '%s' is not 1 to %zu; nothing added\n",
				       a, n), -1;
	}
	return k;
}

/* In sync mode the server holds the subscriptions: subscribe there. */
static int
add_on_server(struct add_cli *c, const struct config *cfg, const char *url)
{
	struct bl_err err = {0};
	struct store *s = cli_open_store(&c->co, cfg);
	enum bl_status st = BL_ERR;

	if (s)
		st = sync_subscribe(s, cfg, url, c->feed.ntags ? c->feed.tags[0] : NULL, &err);
	if (s && st)
		fprintf(stderr, "byline add: %s\n", err.msg);
	else if (s)
		fprintf(stderr, "byline: subscribed to %s on the feed server and synced\n", url);
	store_close(&s);
	return st ? 1 : 0;
}

static int
refresh_one(struct add_cli *c, const char *path, const char *url)
{
	char *args[8];
	int n = 0;

	args[n++] = "refresh";
	args[n++] = "-c";
	args[n++] = (char *)path;
	if (c->co.db_path) {
		args[n++] = "-d";
		args[n++] = (char *)c->co.db_path;
	}
	args[n++] = (char *)url;
	args[n] = NULL;
	return cmd_refresh(n, args);
}

static int
add_found(struct add_cli *c, struct config_file *cf, const struct discover_feed *df)
{
	struct bl_err err = {0};
	const struct config_feed *line;
	bool made = config_file_is_new(cf);

	free(c->feed.url);
	c->feed.url = xstrdup(df->url);
	if (config_file_config(cf)->sync)
		return add_on_server(c, config_file_config(cf), df->url);
	if (config_file_add(cf, &c->feed, &err) || config_file_commit(cf, &err)) {
		fputs("byline add: ", stderr);
		cli_put_clean(stderr, err.msg);
		fputc('\n', stderr);
		return 1;
	}
	line = config_find_feed(config_file_config(cf), df->url);
	fprintf(stderr, "byline: added %s to %s%s (line %d)\n", df->url, config_file_path(cf),
		made ? ", a new config file with the feeds read until now" : "",
		line ? line->line : 0);
	return c->no_refresh ? 0 : refresh_one(c, config_file_path(cf), df->url);
}

int
cmd_add(int argc, char **argv)
{
	struct add_cli c = {0};
	struct bl_err err = {0};
	struct config_file *cf = NULL;
	struct discover *d = NULL;
	long k;
	int rc = parse_args(&c, "add", argc, argv);

	if (rc)
		goto out;
	rc = 1;
	text_init();
	if (!(cf = config_file_open(c.co.config_path, &err)) ||
	    ui_config_check(config_file_config(cf), &err))
		goto fail;
	if (config_find_feed(config_file_config(cf), c.feed.url)) {
		fprintf(stderr, "byline add: %s is already in %s\n", c.feed.url,
			config_file_path(cf));
		goto out;
	}
	fprintf(stderr, "byline: looking for feeds at %s ...\n", c.feed.url);
	if (!(d = discover_run(config_file_config(cf), c.feed.url, &err)))
		goto fail;
	if (!discover_count(d)) {
		fputs("byline add: ", stderr);
		cli_put_clean(stderr, discover_problem(d));
		fputc('\n', stderr);
		goto out;
	}
	if ((k = choose(&c, d)) >= 0)
		rc = add_found(&c, cf, discover_get(d, (size_t)k));
	goto out;
fail:
	fputs("byline add: ", stderr);
	cli_put_clean(stderr, err.msg);
	fputc('\n', stderr);
out:
	discover_free(&d);
	config_file_close(&cf);
	config_feed_clear(&c.feed);
	return rc < 0 ? 0 : rc;
}

int
cmd_remove(int argc, char **argv)
{
	struct add_cli c = {0};
	struct bl_err err = {0};
	struct config_file *cf = NULL;
	int line = 0, rc = parse_args(&c, "remove", argc, argv);

	if (rc)
		goto out;
	rc = 1;
	if (!(cf = config_file_open(c.co.config_path, &err)))
		goto fail;
	if (config_file_is_new(cf)) {
		fprintf(stderr, "byline remove: there is no config file at %s (the built-in feeds "
				"are read): byline add or an editor makes one\n", config_file_path(cf));
		goto out;
	}
	if (config_file_set(cf, c.feed.url, NULL, &line, NULL, &err) ||
	    config_file_commit(cf, &err))
		goto fail;
	fprintf(stderr, "byline: removed %s (line %d of %s)\n", c.feed.url, line,
		config_file_path(cf));
	rc = 0;
	goto out;
fail:
	fputs("byline remove: ", stderr);
	cli_put_clean(stderr, err.msg);
	fputc('\n', stderr);
out:
	config_file_close(&cf);
	config_feed_clear(&c.feed);
	return rc < 0 ? 0 : rc;
}
