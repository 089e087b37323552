/* `byline sync`: two-way sync with the feed server of the config's sync line, from the command line (cron). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/buf.h"
#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/sync.h"

struct sync_cli {
	struct cli_common co;
	struct sync_options opt;
	bool quiet;
	struct cli_line bar;	/* what it does, on one line */
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
	fprintf(fp, "usage: byline sync [-c FILE] [-d FILE] [--full] [-q]\n"
		    "                   [--subscribe URL [--folder NAME]] [--unsubscribe URL]\n\n"
		    "Syncs with the feed server of the config's sync line (Google Reader API or\n"
		    "Tiny Tiny RSS): sends the read and star marks made here, then brings the\n"
		    "server's subscriptions, new articles and read and starred state. Exit\n"
		    "status: 0 synced, 2 synced with warnings, 1 failed (marks made here are\n"
		    "kept for the next sync).\n\n"
		    CLI_COMMON_HELP
		    "  --full              compare every article's flags, not only what changed\n"
		    "  --subscribe URL     subscribe to the feed URL on the server first\n"
		    "  --folder NAME       with --subscribe: the folder (category) for it\n"
		    "  --unsubscribe URL   unsubscribe from the feed URL on the server first\n"
		    "  -q, --quiet         no summary line (errors and warnings still go to stderr)\n"
		    CLI_HELP_HELP);
}

/* --NAME VALUE or --NAME=VALUE: 1 taken, 0 not this option, -1 missing value (said). */
static int
take(const char *name, int argc, char **argv, int *i, const char **out)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) || (argv[*i][n] && argv[*i][n] != '='))
		return 0;
	if (argv[*i][n] == '=') {
		*out = argv[*i] + n + 1;
		return 1;
	}
	if (*i + 1 >= argc || !*argv[*i + 1]) {
		fprintf(stderr, "byline sync: %s needs a value\n", name);
		return -1;
	}
	*out = argv[++*i];
	return 1;
}

static int
take_values(struct sync_cli *c, int argc, char **argv, int *i)
{
	int r;

	if ((r = take("--subscribe", argc, argv, i, &c->opt.subscribe)))
		return r;
	if ((r = take("--folder", argc, argv, i, &c->opt.folder)))
		return r;
	return take("--unsubscribe", argc, argv, i, &c->opt.unsubscribe);
}

/* Returns -1 when the arguments are fine, else the exit status. */
static int
parse_args(struct sync_cli *c, int argc, char **argv)
{
	int i, r;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(a, "--full")) {
			c->opt.full = true;
			continue;
		}
		if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			c->quiet = true;
			continue;
		}
		if ((r = cli_common_option("sync", argc, argv, &i, &c->co)) ||
		    (r = take_values(c, argc, argv, &i))) {
			if (r < 0)
				return 1;
			continue;
		}
		fprintf(stderr, "byline sync: unknown argument '%s'\n", a);
		usage(stderr);
		return 1;
	}
	if (c->opt.folder && !c->opt.subscribe) {
		fprintf(stderr, "byline sync: --folder goes with --subscribe URL\n");
		return 1;
	}
	return -1;
}

static void
bar_draw(struct sync_cli *c, const struct sync *y)
{
	struct sync_progress p;

	if (!cli_line_start(&c->bar, false))
		return;
	sync_get_progress(y, &p);
	fprintf(stderr, "byline sync: %s (%zu requests, %zu new articles)", p.doing,
		p.requests, p.new_items);
	fflush(stderr);
}

static void
summary(const struct sync_progress *p, const struct config *cfg)
{
	printf("synced with ");
	cli_put_clean(stdout, cfg->sync->url);
	printf(": %zu feeds", p->feeds);
	if (p->feeds_added || p->feeds_removed)
		printf(" (%zu new, %zu removed)", p->feeds_added, p->feeds_removed);
	printf(", %zu new articles, %zu marks sent, %zu flags changed by the server, "
	       "%zu requests\n", p->new_items, p->marks_sent, p->flags_changed, p->requests);
}

static int
report(struct sync_cli *c, struct sync *y, const struct config *cfg)
{
	struct sync_progress p;
	struct bl_err err = { "" };
	enum bl_status st = sync_finish(y, &err);
	size_t i;

	sync_get_progress(y, &p);
	for (i = 0; i < p.warnings; i++) {
		fputs("byline sync: warning: ", stderr);
		cli_put_clean(stderr, sync_warning(y, i));
		fputc('\n', stderr);
	}
	if (st) {
		fputs("byline sync: ", stderr);
		cli_put_clean(stderr, err.msg);
		fprintf(stderr, "; nothing was lost (%zu mark%s made here wait%s for the next sync)\n",
			p.marks_waiting, p.marks_waiting == 1 ? "" : "s",
			p.marks_waiting == 1 ? "s" : "");
		return 1;
	}
	if (!c->quiet)
		summary(&p, cfg);
	return p.warnings ? 2 : 0;
}

static int
run(struct sync_cli *c, struct store *s, const struct config *cfg)
{
	struct bl_err err = { "" };
	struct sync *y = sync_start(s, cfg, &c->opt, &err);
	int rc;

	if (!y) {
		fputs("byline sync: ", stderr);
		cli_put_clean(stderr, err.msg);
		fputc('\n', stderr);
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!sync_done(y) && !interrupted) {
		sync_wait(y, -1, 100, NULL);
		sync_step(y);
		bar_draw(c, y);
	}
	cli_line_clear(&c->bar);
	if (interrupted) {
		fprintf(stderr, "byline sync: interrupted; what was synced stays, the rest waits "
				"for the next sync\n");
		rc = 130;
	} else {
		rc = report(c, y, cfg);
	}
	sync_free(&y);
	return rc;
}

int
cmd_sync(int argc, char **argv)
{
	struct sync_cli c = { 0 };
	struct config *cfg = NULL;
	struct store *s = NULL;
	int rc;

	rc = parse_args(&c, argc, argv);
	if (rc >= 0)
		return rc;
	rc = 1;
	cfg = cli_load_config(&c.co, true);
	if (!cfg)
		goto out;
	s = cli_open_store(&c.co, cfg);
	if (!s)
		goto out;
	cli_line_init(&c.bar);
	rc = run(&c, s, cfg);
out:
	store_close(&s);
	config_free(&cfg);
	return rc;
}
