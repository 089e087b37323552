/* Internals of the config reader shared by its files (not a public interface). */
#ifndef BYLINE_CONFIG_INT_H
#define BYLINE_CONFIG_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "byline/config.h"

/* One word of a config line after quotes and escapes are resolved. */
struct cfg_word {
	char *text;
	bool bare_option;	/* starts with an unquoted NAME= (e.g. title=) */
	size_t option_len;	/* length of NAME when bare_option */
	bool quoted;		/* some of it was in "…" */
	size_t start, end;	/* where it stands in the line: bytes [start, end) */
};

struct cfg_words {
	struct cfg_word *w;
	size_t n, cap;
};

/*
 * Splits one line (len bytes, no newline) into words: blanks separate,
 * "…" quotes with \" and \\ escapes, # at a word start begins a comment.
 * On error returns false with *why set to a static message.
 */
bool cfg_lex_line(const char *line, size_t len, struct cfg_words *out, const char **why);
void cfg_words_clear(struct cfg_words *ws);

/*
 * Where the line's comment starts (a # at a word start, outside quotes),
 * with the blanks before it: len when there is none. For a line that lexes.
 */
size_t cfg_comment_start(const char *line, size_t len);

/* The reason a line is not valid UTF-8 or holds control characters, or NULL. */
const char *cfg_check_bytes(const char *line, size_t len);

/* Syntax checks; each returns NULL when fine, else why (static text). */
const char *cfg_check_key(const char *key);
const char *cfg_check_name(const char *what);	/* view, action, element: [a-z][a-z0-9-]* */
/* A bind line's action: NAME [ARG...], or several of those separated by ';' (a macro). */
const char *cfg_check_actions(const char *what);

/* Appends s as one config word, quoted when it must be (or always: force_quotes). */
void cfg_put_word(struct buf *b, const char *s, bool force_quotes, bool is_tag);
/* "N" minutes, or N with s, m or h, in seconds; yes/no, true/false, on/off. */
bool cfg_parse_duration(const char *v, int64_t *out);
bool cfg_parse_bool(const char *v, bool *out);

/*
 * config_feed.c: fills f from the words ws->w[first...] of a feed line
 * (tags, title= and the per-feed options); errors are FILE:LINE: ...
 */
enum bl_status cfg_feed_args(struct config_feed *f, const struct cfg_words *ws, size_t first,
			     const char *file, int line, struct bl_err *err);
/* Adds to cfg->warnings what in f's line reads but is likely not what was meant. */
void cfg_feed_warn(struct config *cfg, const struct config_feed *f, const struct cfg_words *ws,
		   const char *file, int line);

/* The `sync` line (config_sync.c); at->file and at->line are where it stands. */
enum bl_status cfg_line_sync(struct config *cfg, const struct cfg_words *ws, const char *file,
			     int line, struct bl_err *err);
void cfg_sync_free(struct config_sync **sp);

/*
 * The `query "NAME" EXPR` line (config_query.c): line[0..len) as written,
 * its words ws. A mistake in EXPR is FILE:LINE: column N: reason.
 */
enum bl_status cfg_line_query(struct config *cfg, const char *line, size_t len,
			      const struct cfg_words *ws, const char *file, int lineno,
			      struct bl_err *err);
void cfg_queries_free(struct config *cfg);
enum bl_status cfg_line_ignore(struct config *cfg, const char *line, size_t len,
			       const struct cfg_words *ws, const char *file, int lineno,
			       struct bl_err *err);
/* Resolves the ignore lines' tag: and feed: terms once every feed line is read. */
void cfg_ignores_resolve(struct config *cfg);

#endif
