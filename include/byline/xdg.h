/* Where byline's files live: XDG base directories, and creating their parents. */
#ifndef BYLINE_XDG_H
#define BYLINE_XDG_H

#include "byline/err.h"

/*
 * $ENV/leaf when the variable holds an absolute path, else $HOME/fallback/leaf
 * (HOME from the password database when unset). Owned by the caller.
 * Example: xdg_path("XDG_DATA_HOME", ".local/share", "byline/byline.db").
 */
char *xdg_path(const char *env, const char *fallback, const char *leaf);

/* The home directory: $HOME, else the password database's, else "/". */
const char *xdg_home(void);

/* Creates every missing directory above `path` (mode 0700). */
enum bl_status xdg_make_parents(const char *path, struct bl_err *err);

#endif
