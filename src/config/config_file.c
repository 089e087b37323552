/* The user's config file changed in place (feed lines), checked and written back atomically. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "byline/buf.h"
#include "byline/config_file.h"
#include "byline/mem.h"
#include "byline/xdg.h"
#include "config_int.h"

#define CONFIG_FILE_MAX (16 << 20)

struct config_file {
	char *path;		/* as given: for messages */
	char *target;		/* what is written: the link's target when path is a symlink */
	char *orig;		/* the bytes read, to notice a change on disk; NULL: no file */
	size_t orig_len;
	mode_t mode;
	struct buf text;
	struct config *cfg;	/* what text reads as */
};

/* The whole file into *out; 1 when it does not exist, 0 read, -1 error (said). */
static int
slurp(const char *path, struct buf *out, mode_t *mode, struct bl_err *err)
{
	char chunk[8192];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT)
		return 1;
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		bl_err_set(err, "%s: cannot read the config file: %s", path,
			   fd < 0 ? strerror(errno) : "not a regular file");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (mode)
		*mode = st.st_mode & 07777;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0 && out->len < CONFIG_FILE_MAX)
		buf_append(out, chunk, (size_t)n);
	close(fd);
	if (n < 0 || out->len >= CONFIG_FILE_MAX) {
		bl_err_set(err, "%s: cannot read the config file: %s", path,
			   n < 0 ? strerror(errno) : "larger than 16 MiB");
		return -1;
	}
	return 0;
}

/*
 * A new file: a header and, at the default location (where a missing file
 * means the built-in feeds are read), those feeds.
 */
static void
new_text(struct buf *b, bool builtin_feeds)
{
	struct bl_err err = {0};
	struct config *def = config_parse(config_example_text, CONFIG_BUILTIN_NAME, &err);
	size_t i;

	buf_puts(b, "# byline configuration: see byline-config(5); config.example has every\n"
		    "# setting with its default.\n");
	if (builtin_feeds)
		buf_puts(b, "# Written by byline from the feeds you read.\n\n");
	for (i = 0; builtin_feeds && def && i < def->nfeeds; i++)
		config_format_feed(b, &def->feeds[i]);
	config_free(&def);
}

static enum bl_status
reparse(struct config_file *cf, struct bl_err *err)
{
	struct config *c = config_parse(buf_cstr(&cf->text), cf->path, err);

	if (!c)
		return BL_ERR;
	config_free(&cf->cfg);
	cf->cfg = c;
	return BL_OK;
}

/* The target of a symbolic link chain, so that a dotfiles link stays a link. */
static char *
write_target(const char *path)
{
	char *real = realpath(path, NULL);

	return real ? real : xstrdup(path);
}

struct config_file *
config_file_open(const char *path, struct bl_err *err)
{
	struct config_file *cf = xcalloc(1, sizeof(*cf));
	int r;

	cf->path = path ? xstrdup(path) : config_default_path();
	cf->target = write_target(cf->path);
	cf->mode = 0600;
	r = slurp(cf->target, &cf->text, &cf->mode, err);
	if (r < 0)
		goto fail;
	if (r == 0) {
		cf->orig_len = cf->text.len;
		cf->orig = xmalloc(cf->orig_len + 1);
		memcpy(cf->orig, cf->text.data ? cf->text.data : "", cf->orig_len);
	} else {
		new_text(&cf->text, !path);
	}
	if (reparse(cf, err))
		goto fail;
	return cf;
fail:
	config_file_close(&cf);
	return NULL;
}

const char *
config_file_path(const struct config_file *cf)
{
	return cf->path;
}

bool
config_file_is_new(const struct config_file *cf)
{
	return !cf->orig;
}

const struct config *
config_file_config(const struct config_file *cf)
{
	return cf->cfg;
}

/* Where line `n` (1-based) starts, and its end without the newline; false past the end. */
static bool
line_span(const struct buf *t, int n, size_t *start, size_t *end)
{
	size_t i = 0;
	const char *nl;

	for (; n > 1 && i < t->len; n--) {
		nl = memchr(t->data + i, '\n', t->len - i);
		if (!nl)
			return false;
		i = (size_t)(nl - t->data) + 1;
	}
	if (n > 1 || i >= t->len)
		return false;
	nl = memchr(t->data + i, '\n', t->len - i);
	*start = i;
	*end = nl ? (size_t)(nl - t->data) : t->len;
	if (*end > *start && t->data[*end - 1] == '\r')
		(*end)--;
	return true;
}

static void
text_splice(struct buf *t, size_t start, size_t end, const char *with, size_t n)
{
	struct buf b = {0};

	buf_append(&b, t->data, start);
	buf_append(&b, with, n);
	buf_append(&b, t->data + end, t->len - end);
	buf_free(t);
	*t = b;
}

/* Ends the text with a newline, so an appended line starts a line. */
static void
text_end_line(struct buf *t)
{
	if (t->len && t->data[t->len - 1] != '\n')
		buf_putc(t, '\n');
}

/* Sets the text and rereads it; on a mistake puts the old text back. */
static enum bl_status
text_take(struct config_file *cf, struct buf *next, struct bl_err *err)
{
	struct buf old = cf->text;

	cf->text = *next;
	if (reparse(cf, err)) {
		cf->text = old;
		buf_free(next);
		return BL_ERR;
	}
	buf_free(&old);
	return BL_OK;
}

enum bl_status
config_file_add(struct config_file *cf, const struct config_feed *f, struct bl_err *err)
{
	const struct config_feed *have = config_find_feed(cf->cfg, f->url);
	struct buf next = {0};

	if (have)
		return bl_err_set(err, "%s is already in %s (line %d)", f->url, cf->path,
				  have->line);
	buf_append(&next, cf->text.data, cf->text.len);
	text_end_line(&next);
	config_format_feed(&next, f);
	return text_take(cf, &next, err);
}

enum bl_status
config_file_set(struct config_file *cf, const char *url, const struct config_feed *f,
		int *line, char **old_line, struct bl_err *err)
{
	const struct config_feed *have = config_find_feed(cf->cfg, url);
	struct buf next = {0}, repl = {0};
	size_t start, end, keep;

	if (!have || !line_span(&cf->text, have->line, &start, &end))
		return bl_err_set(err, "%s is not in %s", url, cf->path);
	if (line)
		*line = have->line;
	if (old_line)
		*old_line = xstrndup(cf->text.data + start, end - start);
	buf_append(&next, cf->text.data, cf->text.len);
	if (f) {
		config_format_feed(&repl, f);
		buf_truncate(&repl, repl.len - 1);	/* its newline: the line keeps its own */
		keep = start + cfg_comment_start(cf->text.data + start, end - start);
		buf_append(&repl, cf->text.data + keep, end - keep);
		text_splice(&next, start, end, repl.data, repl.len);
	} else {
		while (end < next.len && next.data[end] != '\n')
			end++;
		text_splice(&next, start, end < next.len ? end + 1 : end, "", 0);
	}
	buf_free(&repl);
	return text_take(cf, &next, err);
}

enum bl_status
config_file_insert(struct config_file *cf, int line, const char *text, struct bl_err *err)
{
	struct buf next = {0};
	size_t start, end;

	buf_append(&next, cf->text.data, cf->text.len);
	if (line >= 1 && line_span(&next, line, &start, &end)) {
		text_splice(&next, start, start, text, strlen(text));
		text_splice(&next, start + strlen(text), start + strlen(text), "\n", 1);
	} else {
		text_end_line(&next);
		buf_puts(&next, text);
		buf_putc(&next, '\n');
	}
	return text_take(cf, &next, err);
}

/* Whether the file on disk is still what was read. */
static bool
unchanged_on_disk(const struct config_file *cf, struct bl_err *err)
{
	struct buf now = {0};
	int r = slurp(cf->target, &now, NULL, err);
	bool same;

	if (r < 0)
		same = false;
	else if (r == 1)
		same = !cf->orig;
	else
		same = cf->orig && now.len == cf->orig_len &&
		       (!now.len || !memcmp(now.data, cf->orig, now.len));
	buf_free(&now);
	if (!same && r >= 0)
		bl_err_set(err, "%s changed on disk since byline read it (edited by hand?); "
			   "nothing was written: try again to apply the change to the new file",
			   cf->path);
	return same;
}

/* fsync of the folder holding path, so the rename itself is on disk. */
static void
sync_parent(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

static enum bl_status
write_atomic(const char *path, const char *shown, const struct buf *t, mode_t mode,
	     struct bl_err *err)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd;
	enum bl_status st = BL_ERR;

	if (xdg_make_parents(path, err))
		goto out;
	if ((fd = mkstemp(tmp)) < 0) {
		bl_err_set(err, "cannot create %s: %s (%s is unchanged)", tmp, strerror(errno),
			   shown);
		goto out;
	}
	if (fchmod(fd, mode) || write(fd, t->data ? t->data : "", t->len) != (ssize_t)t->len ||
	    fsync(fd)) {
		bl_err_set(err, "cannot write %s: %s (%s is unchanged)", tmp,
			   errno ? strerror(errno) : "short write", shown);
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) || rename(tmp, path)) {
		bl_err_set(err, "cannot write %s: %s (it is unchanged)", shown, strerror(errno));
		unlink(tmp);
		goto out;
	}
	sync_parent(path);
	st = BL_OK;
out:
	free(tmp);
	return st;
}

enum bl_status
config_file_commit(struct config_file *cf, struct bl_err *err)
{
	if (!unchanged_on_disk(cf, err))
		return BL_ERR;
	if (write_atomic(cf->target, cf->path, &cf->text, cf->mode, err))
		return BL_ERR;
	free(cf->orig);
	cf->orig_len = cf->text.len;
	cf->orig = xmalloc(cf->orig_len + 1);
	memcpy(cf->orig, cf->text.data ? cf->text.data : "", cf->orig_len);
	return BL_OK;
}

void
config_file_close(struct config_file **cfp)
{
	struct config_file *cf = cfp ? *cfp : NULL;

	if (!cf)
		return;
	free(cf->path);
	free(cf->target);
	free(cf->orig);
	buf_free(&cf->text);
	config_free(&cf->cfg);
	free(cf);
	*cfp = NULL;
}
