/* byline import / export: OPML into the config file (config_file.c writes it) and out of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/config_file.h"
#include "byline/mem.h"
#include "byline/opml.h"
#include "byline/store.h"
#include "byline/text.h"

/* Returns 0 to go on, -1 for --help, else the exit status; *file gets the operand. */
static int
opml_args(const char *cmd, int argc, char **argv, struct cli_common *co, const char **file)
{
	int i, r;

	for (i = 1; i < argc; i++) {
		if ((r = cli_common_option(cmd, argc, argv, &i, co)) < 0)
			return 1;
		if (r)
			continue;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: byline %s [-c FILE]%s\n\n%s\n\n" CLI_CONFIG_HELP "%s"
			       CLI_HELP_HELP, cmd, file ? " FILE.opml|urls" : " [-d FILE]", file ?
			       "Adds the feeds of an OPML file, or of newsboat's urls file, to the\n"
			       "config file (folders and tags become tags, nested folders one tag\n"
			       "path such as 科技/AI; feeds already there are skipped)." :
			       "Prints the subscriptions as OPML 2.0 (tags become folders, a tag\n"
			       "path nested folders; each feed once, with its own title).",
			       file ? "" : CLI_DB_HELP);
			return -1;
		}
		if (argv[i][0] == '-' || !file || *file) {
			fprintf(stderr, "byline %s: unexpected argument '%s' (see byline %s --help)\n",
				cmd, argv[i], cmd);
			return 1;
		}
		*file = argv[i];
	}
	if (file && !*file) {
		fprintf(stderr, "byline %s: which file? (byline import FILE.opml, or newsboat's "
			"urls file)\n", cmd);
		return 1;
	}
	return 0;
}

/* The feeds' own titles, as the store has them: titles[i] for cfg->feeds[i]. */
struct titles {
	const struct config *cfg;
	char **titles;
};

static void
on_feed_row(void *ud, const struct feed_row *r)
{
	struct titles *t = ud;
	size_t i;

	for (i = 0; r->title && i < t->cfg->nfeeds; i++)
		if (!t->titles[i] && !strcmp(t->cfg->feeds[i].url, r->url))
			t->titles[i] = xstrdup(r->title);
}

/* The feeds' stored titles; without a database (never refreshed) none, and no database is made. */
static char **
stored_titles(const struct cli_common *co, const struct config *cfg)
{
	struct titles t = { cfg, xcalloc(cfg->nfeeds + 1, sizeof(char *)) };
	char *path = co->db_path ? xstrdup(co->db_path) : store_default_path();
	struct bl_err err = {0};
	struct store *s = NULL;

	if (access(path, F_OK) == 0 && (s = cli_open_store(co, cfg)) &&
	    store_feed_rows(s, on_feed_row, &t, &err))
		fprintf(stderr, "byline export: %s (the feeds' own titles are left out)\n", err.msg);
	store_close(&s);
	free(path);
	return t.titles;
}

int
cmd_export(int argc, char **argv)
{
	struct cli_common co = {0};
	struct config *cfg;
	struct buf b = {0};
	char **titles;
	size_t i;
	int rc = opml_args("export", argc, argv, &co, NULL);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (!(cfg = cli_load_config(&co, false)))
		return 1;
	titles = stored_titles(&co, cfg);
	opml_write(&b, cfg, (const char *const *)titles);
	rc = fwrite(b.data, 1, b.len, stdout) == b.len && !fflush(stdout) ? 0 : 1;
	for (i = 0; i < cfg->nfeeds; i++)
		free(titles[i]);
	free(titles);
	buf_free(&b);
	config_free(&cfg);
	return rc;
}

/* Adds the OPML's new feeds to the config file, its comments and order kept. */
static int
import_into(const char *path, const struct opml *o, const char *file)
{
	struct bl_err err = {0};
	struct config_file *cf = config_file_open(path, &err);
	struct buf note = {0};
	char date[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t i, added = 0;

	if (!cf) {
		fprintf(stderr, "byline import: %s\nbyline import: fix the config first; nothing "
				"was imported\n", err.msg);
		return 1;
	}
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	for (i = 0; i < o->nfeeds; i++) {
		if (config_find_feed(config_file_config(cf), o->feeds[i].url))
			continue;
		if (!added++) {
			buf_puts(&note, "\n# Imported from ");
			text_clean_message_append(&note, file, strlen(file));
			buf_printf(&note, " on %s", date);
			if (config_file_insert(cf, 0, buf_cstr(&note), &err))
				break;
		}
		if (config_file_add(cf, &o->feeds[i], &err))
			break;
	}
	buf_free(&note);
	if (i < o->nfeeds || (added && config_file_commit(cf, &err))) {
		fprintf(stderr, "byline import: %s (nothing was imported)\n", err.msg);
		config_file_close(&cf);
		return 1;
	}
	fprintf(stderr, "byline: %zu feed%s added to %s, %zu already there\n", added,
		added == 1 ? "" : "s", config_file_path(cf), o->nfeeds - added);
	config_file_close(&cf);
	return 0;
}

/* An OPML file starts with '<' (after a BOM and blanks); anything else is read as newsboat's urls. */
static bool
looks_like_xml(const char *path)
{
	unsigned char lead[512];
	size_t n, i = 0;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return true;	/* opml_read says why it cannot be read */
	n = fread(lead, 1, sizeof(lead), fp);
	fclose(fp);
	if (n >= 3 && lead[0] == 0xef && lead[1] == 0xbb && lead[2] == 0xbf)
		i = 3;
	while (i < n && (lead[i] == ' ' || lead[i] == '\t' || lead[i] == '\r' || lead[i] == '\n'))
		i++;
	return i == n || lead[i] == '<';
}

int
cmd_import(int argc, char **argv)
{
	struct cli_common co = {0};
	struct bl_err err = {0};
	const char *file = NULL;
	struct opml *o;
	char *path;
	size_t i;
	int rc = opml_args("import", argc, argv, &co, &file);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (!(o = looks_like_xml(file) ? opml_read(file, &err) : urls_read(file, &err))) {
		fprintf(stderr, "byline import: %s\n", err.msg);
		return 1;
	}
	for (i = 0; i < o->nwarnings; i++)
		fprintf(stderr, "byline import: %s\n", o->warnings[i]);
	path = co.config_path ? xstrdup(co.config_path) : config_default_path();
	rc = import_into(path, o, file);
	if (!rc && o->nwarnings)
		rc = 2;
	free(path);
	opml_free(&o);
	return rc;
}
