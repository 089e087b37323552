/* Files byline writes for the user: names made safe from feed text, written whole, never overwriting. */
#define _GNU_SOURCE	/* renameat2 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "byline/files.h"
#include "byline/mem.h"
#include "byline/text.h"
#include "byline/xdg.h"

/* What stands for a character a file name cannot hold, or 0 to keep it. */
static char
name_replacement(unsigned char c)
{
	if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
	    c == '>' || c == '|')
		return '_';
	return 0;
}

void
files_safe_name(struct buf *out, const char *title, size_t n, const char *ext,
		const char *fallback)
{
	struct buf clean = {0}, name = {0};
	const char *p;
	size_t len, max = FILES_NAME_MAX - strlen(ext);
	char r;

	/* Controls, tabs and newlines become blanks; invalid UTF-8 becomes U+FFFD. */
	text_clean_message_append(&clean, title ? title : "", title ? n : 0);
	for (p = buf_cstr(&clean); *p; p++) {
		bool blank = *p == ' ';
		if (blank && (!name.len || name.data[name.len - 1] == ' '))
			continue;	/* squeezed, none leading */
		if (!name.len && (*p == '.' || *p == '-'))
			continue;	/* no hidden file, nothing that reads as an option */
		r = name_replacement((unsigned char)*p);
		buf_putc(&name, r ? r : *p);
	}
	len = text_cut_bytes(buf_cstr(&name), name.len, max);
	while (len && (name.data[len - 1] == ' ' || name.data[len - 1] == '.'))
		len--;
	if (!len) {
		buf_reset(&name);
		buf_puts(&name, fallback);
		len = name.len;
	}
	buf_append(out, name.data, len);
	buf_puts(out, ext);
	buf_free(&clean);
	buf_free(&name);
}

char *
files_expand_home(const char *path)
{
	if (path[0] != '~' || (path[1] && path[1] != '/'))
		return xstrdup(path);
	return xasprintf("%s%s", xdg_home(), path + 1);
}

enum bl_status
files_make_dir(const char *dir, struct bl_err *err)
{
	char *p = xasprintf("%s/", dir), *q;
	enum bl_status st = BL_OK;
	struct stat sb;

	for (q = p + 1; (q = strchr(q, '/')); q++) {
		*q = '\0';
		if (mkdir(p, 0755) && errno != EEXIST) {
			st = bl_err_set(err, "cannot create the folder %s: %s", p, strerror(errno));
			break;
		}
		*q = '/';
	}
	if (!st && (stat(dir, &sb) || !S_ISDIR(sb.st_mode)))
		st = bl_err_set(err, "%s is not a folder", dir);
	free(p);
	return st;
}

/* Links tmp to path unless path exists: link(2), else renameat2 where links are not had. */
static int
place_once(const char *tmp, const char *path)
{
	if (link(tmp, path) == 0)
		return unlink(tmp), 0;
	if (errno == EEXIST)
		return -1;
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 0;
	return -1;
}

enum bl_status
files_place(const char *tmp, const char *dir, const char *stem, const char *ext, char **path,
	    struct bl_err *err)
{
	char *p;
	int i;

	for (i = 1; i <= 999; i++) {
		p = i == 1 ? xasprintf("%s/%s%s", dir, stem, ext)
			   : xasprintf("%s/%s (%d)%s", dir, stem, i, ext);
		if (place_once(tmp, p) == 0) {
			*path = p;
			return BL_OK;
		}
		free(p);
		if (errno != EEXIST)
			return bl_err_set(err, "cannot name the file %s/%s%s: %s", dir, stem, ext,
					  strerror(errno));
	}
	return bl_err_set(err, "%s/%s%s and 998 more like it exist already: nothing was "
			  "replaced (clear some out of %s)", dir, stem, ext, dir);
}

int
files_write_all(int fd, const char *data, size_t len)
{
	ssize_t w;

	while (len) {
		if ((w = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

enum bl_status
files_write_new(const char *dir, const char *stem, const char *ext, const char *data,
		size_t len, char **path, struct bl_err *err)
{
	char *tmp;
	int fd, e;
	mode_t um;
	enum bl_status st;

	if (files_make_dir(dir, err))
		return BL_ERR;
	tmp = xasprintf("%s/.byline-XXXXXX", dir);
	if ((fd = mkstemp(tmp)) < 0) {
		st = bl_err_set(err, "cannot write into %s: %s", dir, strerror(errno));
		free(tmp);
		return st;
	}
	um = umask(0);	/* mkstemp made it 0600: the mode any new file gets */
	umask(um);
	fchmod(fd, 0666 & ~um);
	if (files_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return bl_err_set(err, "cannot write into %s: %s%s; nothing was saved", dir,
				  strerror(e), e == ENOSPC || e == EDQUOT ? " (the disk is full)" : "");
	}
	close(fd);
	st = files_place(tmp, dir, stem, ext, path, err);
	if (st)
		unlink(tmp);
	free(tmp);
	return st;
}
