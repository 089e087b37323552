/* Options every subcommand shares (-c/--config, -d/--db) and loading what they name. */
#ifndef BYLINE_CLI_COMMON_H
#define BYLINE_CLI_COMMON_H

#include <stdbool.h>
#include <stdio.h>

#include "byline/buf.h"
#include "byline/config.h"
#include "byline/store.h"

struct cli_common {
	const char *config_path;	/* -c/--config FILE, or NULL (default location) */
	const char *db_path;		/* -d/--db FILE, or NULL (default location) */
};

/*
 * Looks at argv[*i]: -c FILE, -cFILE, --config FILE, --config=FILE and the
 * same for -d/--db. Returns 1 when it took the option (advancing *i past a
 * separate argument), 0 when argv[*i] is not one of them, -1 after printing
 * "byline CMD: -c needs a FILE" to stderr.
 */
int cli_common_option(const char *cmd, int argc, char **argv, int *i, struct cli_common *co);

/*
 * Help lines for a subcommand's --help. Every --help has one shape: the
 * usage line, a blank line, what the command does, a blank line, then one
 * line per option with its description from column 23.
 */
#define CLI_CONFIG_HELP \
	"  -c, --config FILE   config file (default $XDG_CONFIG_HOME/byline/config)\n"
#define CLI_DB_HELP \
	"  -d, --db FILE       database (default $XDG_DATA_HOME/byline/byline.db)\n"
#define CLI_HELP_HELP "  -h, --help          this help\n"
#define CLI_COMMON_HELP CLI_CONFIG_HELP CLI_DB_HELP

/*
 * Loads the config named by co (or the default). Without a user file it
 * says on stderr where the file would go and that the built-in feeds are
 * used (unless quiet). Prints "byline: FILE:LINE: ..." and returns NULL on error.
 */
struct config *cli_load_config(const struct cli_common *co, bool quiet);
/*
 * Opens the store named by co (or the default) as cfg says (gather-writes);
 * prints the error and returns NULL.
 */
struct store *cli_open_store(const struct cli_common *co, const struct config *cfg);

/*
 * Appends s as one line-safe field: invalid UTF-8 becomes U+FFFD, tabs,
 * newlines and other C0/C1 controls and DEL become spaces, bidi controls
 * are dropped. NULL appends nothing.
 */
void cli_clean_field(struct buf *b, const char *s);
/* Writes s to fp as cli_clean_field makes it: outside text never reaches a terminal raw. */
void cli_put_clean(FILE *fp, const char *s);

/*
 * A line of progress on stderr, rewritten in place while stderr is a
 * terminal, never written to a file or pipe. cli_line_start returns true
 * when a new line is due (force, or 0.1 s since the last) after erasing the
 * old one; the caller then writes the line and flushes stderr.
 * cli_line_clear erases the line, before a message that has a line of its own.
 */
struct cli_line {
	bool tty;	/* stderr is a terminal */
	bool shown;	/* a line is on the screen, without its end */
	double last;	/* s: when it was written */
};

void cli_line_init(struct cli_line *l);
bool cli_line_start(struct cli_line *l, bool force);
void cli_line_clear(struct cli_line *l);

#endif
