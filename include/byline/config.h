/* The configuration: user file or built-in defaults (config.example, compiled in). */
#ifndef BYLINE_CONFIG_H
#define BYLINE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/buf.h"
#include "byline/err.h"

struct config_feed {
	char *url;
	char *title;		/* title="…" from the config, or NULL */
	char **tags;
	size_t ntags;
	bool fulltext;		/* fulltext=yes: new articles' web pages are fetched for their full text */
	int line;		/* line in the config file, for messages */
};

struct config_bind {
	char *view;		/* NULL = every view */
	char *key;		/* key name as written: "j", "Down", "C-l", "Space", ... */
	char *action;		/* action name: "next", "page-down", ... */
	int line;
	const char *file;	/* file of `line`, for messages (owned by the config) */
};

struct config_color {
	char *element;		/* "title", "status", "selected", ... */
	char *fg, *bg;		/* color names as written ("default", "red", "color123") */
	char **attrs;		/* "bold", "underline", "reverse", ... */
	size_t nattrs;
	int line;
	const char *file;	/* file of `line`, for messages (owned by the config) */
};

/*
 * `sync KIND URL user=NAME password-command="CMD" | password-file=FILE`:
 * a feed server to sync with. The password itself is never in the config.
 */
struct config_sync {
	char *kind;		/* "greader" or "ttrss" */
	char *url;		/* the API's base URL */
	char *user;
	char *password_command;	/* split into words once, run without a shell; or NULL */
	char *password_file;	/* a file only the user may read; or NULL */
	int line;
	const char *file;	/* file of `line`, for messages (owned by the config) */
};

/*
 * An immutable, fully validated configuration. Settings start from the
 * built-in defaults (config.example) and are overridden by the user file.
 * Bindings are the defaults followed by the user's (later lines win).
 */
struct config {
	char *path;		/* file read, or NULL when only built-in defaults */
	struct config_feed *feeds;
	size_t nfeeds;
	struct config_bind *binds;
	size_t nbinds;
	struct config_color *colors;
	size_t ncolors;
	struct config_sync *sync;	/* NULL: no feed server */

	int max_connections;
	int max_per_host;
	int timeout;		/* seconds a transfer may stall */
	int64_t max_size;	/* bytes */
	char *user_agent;
	char *proxy;		/* NULL: from the environment */
	int keep_days;		/* 0 = forever */
	bool refresh_on_start;
	int refresh_interval_s;	/* seconds between the reader's refreshes, 0 = never */
	char *layout;		/* "list", "split", "auto" */
	char *browser;		/* NULL: $BROWSER */
	char *emoji;		/* "safe" or "passthrough" */
	bool gather_writes;	/* false: the store opens with SQLite's default VFS */
};

/* The built-in defaults: the text of config.example. */
extern const char config_example_text[];

/*
 * Reads `path`; NULL means the default location ($XDG_CONFIG_HOME/byline/config).
 * A missing default file gives the built-in feeds and settings (with
 * *used_defaults set); a missing explicit file is an error. Errors are
 * "FILE:LINE: what is wrong". Returns NULL on error.
 */
struct config *config_load(const char *path, bool *used_defaults, struct bl_err *err);
/*
 * Parses config text (name is used in messages and kept as cfg->path) on
 * top of the built-in settings and bindings; the feeds are only the text's.
 */
struct config *config_parse(const char *text, const char *name, struct bl_err *err);
/* The name of setting i (in table order), or NULL past the last: for `byline --list settings`. */
const char *config_setting_name(size_t i);
/* The default location of the user's file (owned by the caller). */
char *config_default_path(void);
void config_free(struct config **cp);

/*
 * Bind lines are checked here for syntax only (argument count, a key that
 * is one character or a name like PgDn or C-l, names in [a-z0-9-]). Whether
 * a key name, view or action exists is the reader's business: keymap_create
 * reports those as FILE:LINE using config_bind.file. Likewise color element
 * names; color names and attributes are checked here.
 */

/* The feed with this URL, or NULL. */
const struct config_feed *config_find_feed(const struct config *cfg, const char *url);
/* Appends the line `feed URL TAG... title="…"` for f, quoting as needed. */
void config_format_feed(struct buf *b, const struct config_feed *f);
/* Where a user's messages say the built-in defaults come from. */
#define CONFIG_BUILTIN_NAME "config.example (built in)"

#endif
