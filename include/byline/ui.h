/* The interactive reader (ncursesw): `byline` with no subcommand. */
#ifndef BYLINE_UI_H
#define BYLINE_UI_H

#include "byline/config.h"
#include "byline/err.h"
#include "byline/store.h"

/*
 * Runs the reader on the terminal until the user quits. cfg and s are
 * borrowed and must outlive the call. Bind and color lines are checked
 * before the screen is touched: a bad one returns BL_ERR with
 * "FILE:LINE: ..." in err, and so does a terminal that cannot be used.
 *
 * Environment: NO_COLOR (no colors, attributes only), BROWSER (when the
 * config sets no browser), BYLINE_EXIT_AFTER_PAINT (quit right after the
 * first screen is drawn: for measuring start-up).
 */
enum bl_status ui_run(const struct config *cfg, struct store *s, struct bl_err *err);

/*
 * The checks ui_run makes of the config before it touches the screen (bind
 * keys, actions and views, color elements, layout), for every command to
 * refuse the same mistakes: BL_ERR with "FILE:LINE: ..." in err.
 */
enum bl_status ui_config_check(const struct config *cfg, struct bl_err *err);

/* The name of color element i (as in `color` lines), or NULL past the last. */
const char *ui_color_element(size_t i);

#endif
