/* byline import / export: OPML into the config file (atomically) and out of it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/mem.h"
#include "byline/opml.h"
#include "byline/text.h"
#include "byline/xdg.h"

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
			printf("usage: byline %s [-c FILE]%s\n\n%s\n\n" CLI_CONFIG_HELP
			       CLI_HELP_HELP, cmd, file ? " FILE.opml" : "", file ?
			       "Adds the feeds of an OPML file to the config file (folders become\n"
			       "tags; feeds already there are skipped)." :
			       "Prints the subscriptions as OPML 2.0 (tags become folders).");
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
		fprintf(stderr, "byline %s: which OPML file? (byline import FILE.opml)\n", cmd);
		return 1;
	}
	return 0;
}

int
cmd_export(int argc, char **argv)
{
	struct cli_common co = {0};
	struct config *cfg;
	struct buf b = {0};
	int rc = opml_args("export", argc, argv, &co, NULL);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (!(cfg = cli_load_config(&co, false)))
		return 1;
	opml_write(&b, cfg);
	rc = fwrite(b.data, 1, b.len, stdout) == b.len && !fflush(stdout) ? 0 : 1;
	buf_free(&b);
	config_free(&cfg);
	return rc;
}

/* The config file's text, "" when it does not exist yet; NULL after printing an error. */
static char *
read_config_text(const char *path, mode_t *mode)
{
	struct buf b = {0};
	char chunk[8192];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*mode = 0600;
	if (fd < 0 && errno == ENOENT)
		return xstrdup("");
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "byline import: %s: cannot read the config file: %s\n", path,
			fd < 0 ? strerror(errno) : "not a regular file");
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	*mode = st.st_mode & 07777;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_append(&b, chunk, (size_t)n);
	close(fd);
	return buf_steal(&b);
}

/* Writes text to path through a temporary file and rename: never half a config. */
static int
write_atomic(const char *path, const char *text, size_t len, mode_t mode)
{
	struct bl_err err = {0};
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = -1, rc = 1;

	if (xdg_make_parents(path, &err)) {
		fprintf(stderr, "byline import: %s\n", err.msg);
		goto out;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		fprintf(stderr, "byline import: cannot create %s: %s\n", tmp, strerror(errno));
		goto out;
	}
	if (fchmod(fd, mode) || write(fd, text, len) != (ssize_t)len || fsync(fd) ||
	    close(fd) || rename(tmp, path)) {
		fprintf(stderr, "byline import: cannot write %s: %s (the config is unchanged)\n",
			path, strerror(errno));
		unlink(tmp);
		fd = -1;
		goto out;
	}
	fd = -1;
	rc = 0;
out:
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

/* Appends the OPML's new feeds to text; returns how many. */
static size_t
append_new(struct buf *text, const struct config *cfg, const struct opml *o, const char *file)
{
	char date[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t i, added = 0;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	for (i = 0; i < o->nfeeds; i++) {
		if (config_find_feed(cfg, o->feeds[i].url))
			continue;
		if (!added) {
			if (text->len && text->data[text->len - 1] != '\n')
				buf_putc(text, '\n');
			buf_puts(text, "\n# Imported from ");
			text_clean_message_append(text, file, strlen(file));
			buf_printf(text, " on %s\n", date);
		}
		config_format_feed(text, &o->feeds[i]);
		added++;
	}
	return added;
}

static int
import_into(const char *path, const struct opml *o, const char *file)
{
	struct bl_err err = {0};
	struct config *cfg = NULL, *check = NULL;
	struct buf text = {0};
	char *old;
	mode_t mode;
	size_t added;
	int rc = 1;

	if (!(old = read_config_text(path, &mode)))
		return 1;
	if (!(cfg = config_parse(old, path, &err))) {
		fprintf(stderr, "byline import: %s\nbyline import: fix the config first; nothing "
				"was imported\n", err.msg);
		goto out;
	}
	if (!*old)
		buf_puts(&text, "# byline configuration: see byline-config(5) and config.example.\n");
	else
		buf_puts(&text, old);
	added = append_new(&text, cfg, o, file);
	/* What we write must read back: never leave the user a broken config. */
	if (added && !(check = config_parse(buf_cstr(&text), path, &err))) {
		fprintf(stderr, "byline import: internal error, nothing written: %s\n", err.msg);
		goto out;
	}
	if (added && write_atomic(path, text.data, text.len, mode))
		goto out;
	fprintf(stderr, "byline: %zu feed%s added to %s, %zu already there\n", added,
		added == 1 ? "" : "s", path, o->nfeeds - added);
	rc = 0;
out:
	config_free(&check);
	config_free(&cfg);
	buf_free(&text);
	free(old);
	return rc;
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
	if (!(o = opml_read(file, &err))) {
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
