/* The configuration: user file or built-in defaults (config.example, compiled in). */
#ifndef BYLINE_CONFIG_H
#define BYLINE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/err.h"

struct config_feed {
	char *url;
	char *title;		/* title="…" from the config, or NULL */
	char **tags;
	size_t ntags;
	int line;		/* line in the config file, for messages */
};

struct config_bind {
	char *view;		/* NULL = every view */
	char *key;		/* key name as written: "j", "Down", "C-l", "Space", ... */
	char *action;		/* action name: "next", "page-down", ... */
	int line;
};

struct config_color {
	char *element;		/* "title", "status", "selected", ... */
	char *fg, *bg;		/* color names as written ("default", "red", "color123") */
	char **attrs;		/* "bold", "underline", "reverse", ... */
	size_t nattrs;
	int line;
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

	int max_connections;
	int max_per_host;
	int timeout;		/* seconds a transfer may stall */
	int64_t max_size;	/* bytes */
	char *user_agent;
	char *proxy;		/* NULL: from the environment */
	int keep_days;		/* 0 = forever */
	bool refresh_on_start;
	int refresh_interval;	/* minutes, 0 = never */
	char *layout;		/* "list", "split", "auto" */
	char *browser;		/* NULL: $BROWSER */
	char *emoji;		/* "safe" or "passthrough" */
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
/* Parses config text (name is used in messages). */
struct config *config_parse(const char *text, const char *name, struct bl_err *err);
/* The default location of the user's file (owned by the caller). */
char *config_default_path(void);
void config_free(struct config **cp);

#endif
