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

/* The reason a line is not valid UTF-8 or holds control characters, or NULL. */
const char *cfg_check_bytes(const char *line, size_t len);

/* Syntax checks; each returns NULL when fine, else why (static text). */
const char *cfg_check_key(const char *key);
const char *cfg_check_name(const char *what);	/* view, action, element: [a-z][a-z0-9-]* */

/* The `sync` line (config_sync.c); at->file and at->line are where it stands. */
enum bl_status cfg_line_sync(struct config *cfg, const struct cfg_words *ws, const char *file,
			     int line, struct bl_err *err);
void cfg_sync_free(struct config_sync **sp);

#endif
