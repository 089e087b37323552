/* The user's config file changed in place: feed lines added, replaced, removed; written back atomically. */
#ifndef BYLINE_CONFIG_FILE_H
#define BYLINE_CONFIG_FILE_H

#include <stdbool.h>

#include "byline/config.h"
#include "byline/err.h"

/*
 * The text of the config file as read, with the changes made so far. Only
 * the lines changed differ when it is written back: every comment, blank
 * line and the order stay. A file that does not exist yet starts as a
 * short header, and at the default location (where the built-in feeds are
 * read without a file) with the built-in feeds: the ones the user reads.
 */
struct config_file;

/* Reads path (NULL: the default location); NULL with a message when it cannot be read or parsed. */
struct config_file *config_file_open(const char *path, struct bl_err *err);
/* The file's path (owned by cf); true when it did not exist when opened. */
const char *config_file_path(const struct config_file *cf);
bool config_file_is_new(const struct config_file *cf);
/* The config the current text reads as (owned by cf, valid until the next change). */
const struct config *config_file_config(const struct config_file *cf);
/* Appends f's line. BL_ERR when the URL is already there (on which line). */
enum bl_status config_file_add(struct config_file *cf, const struct config_feed *f,
			       struct bl_err *err);
/*
 * Replaces the line of `url` by f's (its comment kept), or removes it when
 * f is NULL; *line (may be NULL) gets the line number it was on and
 * *old_line (may be NULL) the line's whole text (caller frees).
 */
enum bl_status config_file_set(struct config_file *cf, const char *url,
			       const struct config_feed *f, int *line, char **old_line,
			       struct bl_err *err);
/* Puts `text` (one line, no newline) back as line number `line` (1-based; past the end: last). */
enum bl_status config_file_insert(struct config_file *cf, int line, const char *text,
				  struct bl_err *err);
/*
 * Writes the text back: refused (BL_ERR, the file untouched) when the file
 * changed on disk since it was read; else through a temporary file in the
 * same folder, fsync, rename (the file's mode kept; a symbolic link's
 * target is written), so a crash leaves the old file or the new one.
 */
enum bl_status config_file_commit(struct config_file *cf, struct bl_err *err);
void config_file_close(struct config_file **cfp);

#endif
