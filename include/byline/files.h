/* Files byline writes for the user (saved articles, downloads): safe names, never overwriting. */
#ifndef BYLINE_FILES_H
#define BYLINE_FILES_H

#include <stddef.h>

#include "byline/buf.h"
#include "byline/err.h"

/* Longest name files_safe_name makes, in bytes: room left for " (999)" and ".part". */
#define FILES_NAME_MAX 200

/*
 * Appends a file name made from `title` (n bytes, any bytes, from a feed):
 * one line of clean UTF-8 whatever the script; no '/', '\\' or control
 * character; the characters Windows refuses (: * ? " < > |) as '_'; blanks
 * squeezed; no leading '.', '-' or blank, no trailing '.' or blank; cut
 * between grapheme clusters to at most FILES_NAME_MAX bytes with `ext`
 * (".txt", or "" for none) after it. `fallback` stands in for a title that
 * leaves nothing. The result is never "", "." or "..".
 */
void files_safe_name(struct buf *out, const char *title, size_t n, const char *ext,
		     const char *fallback);

/* Writes all `len` bytes to fd (again after EINTR); -1 with errno when a write fails. */
int files_write_all(int fd, const char *data, size_t len);

/* `path` with a leading "~" or "~/" made the home directory (caller frees). */
char *files_expand_home(const char *path);

/* Creates `dir` and its parents when missing (mode 0755, less the umask). */
enum bl_status files_make_dir(const char *dir, struct bl_err *err);

/*
 * Gives the file `tmp` (in `dir`) its name: DIR/STEM EXT, or when that
 * exists DIR/STEM (2) EXT, (3) ... up to (999); never replaces a file.
 * *path gets the name given (caller frees). On error tmp is left as it was.
 */
enum bl_status files_place(const char *tmp, const char *dir, const char *stem, const char *ext,
			   char **path, struct bl_err *err);

/*
 * Writes `len` bytes into a new file DIR/STEM EXT (see files_place), made
 * whole first under a temporary name and synced: a full disk or a crash
 * leaves no file, or no half one, and replaces nothing. *path gets the
 * file's name (caller frees).
 */
enum bl_status files_write_new(const char *dir, const char *stem, const char *ext,
			       const char *data, size_t len, char **path, struct bl_err *err);

#endif
