/* Options every subcommand shares (-c, -d), loading the config and store, clean output fields. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline/cli_common.h"
#include "byline/clock.h"
#include "byline/config.h"
#include "byline/mem.h"
#include "byline/store.h"
#include "byline/text.h"
#include "byline/ui.h"

static int
take_value(const char *cmd, const char *shortopt, const char *longopt, int argc, char **argv,
	   int *i, const char **out)
{
	const char *a = argv[*i];
	size_t ln = strlen(longopt);

	if (!strcmp(a, shortopt) || !strcmp(a, longopt)) {
		if (*i + 1 >= argc || !*argv[*i + 1]) {
			fprintf(stderr, "byline%s%s: %s needs a FILE\n", *cmd ? " " : "", cmd, a);
			return -1;
		}
		*out = argv[++*i];
		return 1;
	}
	if (!strncmp(a, longopt, ln) && a[ln] == '=') {
		*out = a + ln + 1;
		return 1;
	}
	if (!strncmp(a, shortopt, 2) && a[2]) {
		*out = a + 2;
		return 1;
	}
	return 0;
}

int
cli_common_option(const char *cmd, int argc, char **argv, int *i, struct cli_common *co)
{
	int r = take_value(cmd, "-c", "--config", argc, argv, i, &co->config_path);

	if (r)
		return r;
	return take_value(cmd, "-d", "--db", argc, argv, i, &co->db_path);
}

struct config *
cli_load_config(const struct cli_common *co, bool quiet)
{
	struct bl_err err = {0};
	struct config *cfg;
	bool defaults;
	char *where;
	size_t i;

	cfg = config_load(co->config_path, &defaults, &err);
	if (!cfg || ui_config_check(cfg, &err)) {
		fprintf(stderr, "byline: %s\n", err.msg);
		config_free(&cfg);
		return NULL;
	}
	for (i = 0; i < cfg->nwarnings; i++)
		fprintf(stderr, "byline: warning: %s\n", cfg->warnings[i]);
	if (defaults && !quiet) {
		where = config_default_path();
		fprintf(stderr, "byline: no config file at %s; using the built-in feeds. "
				"Write yours there (see byline-config(5)).\n", where);
		free(where);
	}
	return cfg;
}

/* How a long step of opening (an upgrade) is told: nothing in its first second. */
struct open_progress {
	int64_t t0_ms;
	int64_t last_ms;
	bool tty;
	bool open_line;		/* a line written without its end (a terminal's) */
	bool step_told;		/* a step of unknown length was said to run */
};

static void
open_progress(void *ud, const char *what, int64_t done, int64_t total)
{
	struct open_progress *p = ud;
	int64_t ms = clock_ms() - p->t0_ms;
	bool end = done >= total;

	if (total < 0 || (total == 0 && done == 0)) {
		/* A step of unknown length: said once after its first second, then its end. */
		if (total < 0 && ms >= 1000 && !p->step_told) {
			p->step_told = true;
			p->open_line = p->tty;
			fprintf(stderr, "byline: %s ...%s", what, p->tty ? "" : "\n");
		} else if (total == 0 && p->step_told) {
			p->step_told = false;
			p->open_line = false;
			if (p->tty)
				fputs(" done\n", stderr);
			else
				fprintf(stderr, "byline: %s: done\n", what);
		}
		return;
	}
	/* A line a second to a file or pipe; the same line, rewritten, on a terminal. */
	if (ms < 1000 || (!p->tty && !end && ms - p->last_ms < 1000) || (end && !p->last_ms))
		return;
	p->last_ms = ms;
	p->open_line = p->tty && !end;
	fprintf(stderr, "%sbyline: %s: %" PRId64 " of %" PRId64 " articles (%d%%)%s",
		p->tty ? "\r" : "", what, done, total,
		total ? (int)(done * 100 / total) : 100, p->tty && !end ? "" : "\n");
}

struct store *
cli_open_store(const struct cli_common *co, const struct config *cfg)
{
	struct bl_err err = {0};
	struct open_progress p = { .tty = isatty(STDERR_FILENO) };
	struct store_options o = { .plain_vfs = !cfg->gather_writes, .progress = open_progress,
				   .progress_ud = &p };
	struct store *s;

	p.t0_ms = clock_ms();
	s = store_open_with(co->db_path, &o, &err);
	if (p.open_line)
		fputc('\n', stderr);	/* the upgrade failed before its end */
	if (s && cfg->nignores) {
		struct store_rule *r = xreallocarray(NULL, cfg->nignores, sizeof(*r));
		size_t i;

		for (i = 0; i < cfg->nignores; i++)
			r[i] = (struct store_rule){ cfg->ignores[i].expr, cfg->ignores[i].q };
		if (store_set_ignore(s, r, cfg->nignores, &err))
			store_close(&s);
		free(r);
	} else if (s && store_set_ignore(s, NULL, 0, &err)) {
		store_close(&s);
	}
	if (!s)
		fprintf(stderr, "byline: %s\n", err.msg);
	return s;
}

void
cli_clean_field(struct buf *b, const char *s)
{
	if (s)
		text_clean_message_append(b, s, strlen(s));
}

void
cli_put_clean(FILE *fp, const char *s)
{
	struct buf b = {0};

	cli_clean_field(&b, s);
	fputs(buf_cstr(&b), fp);
	buf_free(&b);
}

void
cli_line_init(struct cli_line *l)
{
	*l = (struct cli_line){ .tty = isatty(STDERR_FILENO) };
}

bool
cli_line_start(struct cli_line *l, bool force)
{
	double now = clock_s();

	if (!l->tty || (!force && now - l->last < 0.1))
		return false;
	l->last = now;
	l->shown = true;
	fputs("\r\033[K", stderr);
	return true;
}

void
cli_line_clear(struct cli_line *l)
{
	if (l->shown) {
		fputs("\r\033[K", stderr);
		l->shown = false;
	}
}
