/* The configuration: user file or built-in defaults (config.example, compiled in). */
#ifndef BYLINE_CONFIG_H
#define BYLINE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/buf.h"
#include "byline/err.h"

/*
 * One `feed` line. Per-feed options (byline-config(5)): interval=, charset=,
 * fulltext=, ignore=. A tag may be a path of folders: "科技/AI".
 */
struct config_feed {
	char *url;
	char *title;		/* title="…" from the config, or NULL */
	char **tags;
	size_t ntags;
	int interval_s;		/* interval=: the feed's own refresh period; 0: refresh-interval */
	char *charset;		/* charset=: read the bytes as this, whatever they declare; or NULL */
	int fulltext;		/* fulltext=yes/no: 1 (new articles' web pages fetched for their full text), -1, or 0 unset */
	char *ignore;		/* ignore="A|B": articles whose title holds A or B (any case) are skipped */
	int line;		/* line in the config file, for messages */
};

struct config_bind {
	char *view;		/* NULL = every view */
	char *key;		/* key name as written: "j", "Down", "C-l", "Space", ... */
	/*
	 * The action: a name ("next", "page-down", ...), a name and its argument
	 * ("pipe less"), or a macro: several of those separated by ';'.
	 */
	char *action;
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

/* `query "NAME" EXPR`: a virtual feed of the articles a query matches (byline-config(5), QUERIES). */
struct config_query {
	char *name;
	char *expr;		/* the query's text, checked when the config was read */
	int line;
	const char *file;	/* file of `line`, for messages (owned by the config) */
};

/*
 * `ignore EXPR`: articles the query matches when they arrive are stored
 * hidden (byline-config(5), IGNORE; doc/QUERY.md, The killfile).
 */
struct config_ignore {
	char *expr;		/* the query's text, as written: the rule a hidden article remembers */
	struct query *q;	/* parsed, its tag: and feed: terms resolved against the feed lines */
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
	struct config_query *queries;	/* virtual feeds, in config order */
	size_t nqueries;
	struct config_ignore *ignores;	/* ignore lines, in config order */
	size_t nignores;

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
	char *save_dir;		/* where save writes articles ("~/" is the home directory) */
	char *download_dir;	/* where download puts enclosures */
	char *player;		/* command that plays an enclosure, or NULL: none set */
	/* Lines that read but are likely not what was meant: "FILE:LINE: ..." */
	char **warnings;
	size_t nwarnings;
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

/* One step of a bind line's action: a name and its argument (NULL when none). */
struct config_step {
	char *name;
	char *arg;
};

/*
 * Splits a bind line's action into its steps: at each ';' outside '…' and
 * "…" quotes; a step's first word is its name, the rest (trimmed) its
 * argument. Returns the number of steps (*steps is the caller's, freed with
 * config_steps_free), or 0 with *why set when a step is empty.
 */
size_t config_split_actions(const char *action, struct config_step **steps, const char **why);
void config_steps_free(struct config_step **steps, size_t n);

/* The feed with this URL, or NULL. */
const struct config_feed *config_find_feed(const struct config *cfg, const char *url);
/*
 * Fills the query's tag: terms with the URLs of the config's feeds carrying
 * the tag (or a folder under it), its feed: terms with those whose title=
 * holds the text (query_resolve_feeds).
 */
struct query;
void config_query_feeds(const struct config *cfg, struct query *q);
/*
 * Appends the line `feed URL TAG... title="…" OPTION=...` for f, quoting as
 * needed, ending with a newline.
 */
void config_format_feed(struct buf *b, const struct config_feed *f);
/* Appends f's per-feed options as written on its line ("interval=2h charset=GBK"), or nothing. */
void config_format_options(struct buf *b, const struct config_feed *f);
/*
 * Sets one per-feed option of f from NAME=VALUE text (name and value apart):
 * title, interval, charset, fulltext or ignore; an empty value clears it.
 * Returns why it cannot be (static text), or NULL when set.
 */
const char *config_feed_option(struct config_feed *f, const char *name, const char *value);
/* Whether f's ignore= skips an article of this title. */
bool config_feed_ignores(const struct config_feed *f, const char *title);
/* A deep copy of f (config_feed_clear frees it). */
void config_feed_copy(struct config_feed *dst, const struct config_feed *src);
void config_feed_clear(struct config_feed *f);
/* Where a user's messages say the built-in defaults come from. */
#define CONFIG_BUILTIN_NAME "config.example (built in)"

#endif
