/* The reader's drawing: screen elements, their colors, and the only way text reaches the terminal. */
#ifndef BYLINE_UI_DRAW_INT_H
#define BYLINE_UI_DRAW_INT_H

#include <stdbool.h>

#include "byline/config.h"
#include "byline/err.h"

/* What the screen shows, each with its own `color` line. */
enum elem {
	EL_NORMAL,
	EL_TITLE,	/* top line */
	EL_STATUS,	/* bottom line */
	EL_SELECTED,	/* the selected row */
	EL_UNREAD,	/* unread articles, feeds with unread articles */
	EL_STARRED,
	EL_ERROR,	/* failed feeds, error messages */
	EL_DATE,
	EL_FEED,	/* feed names in mixed lists, counts */
	EL_HEADER,	/* the article's header lines */
	EL_LINK,
	EL_QUOTE,	/* quoted text in an article */
	EL_CODE,	/* code and preformatted text */
	EL_KEY,		/* keys in the help view */
	EL_DIVIDER,	/* between the panes of the split layout */
	EL_COUNT
};

/* ---- draw.c ---- */
/* Where a row is being drawn: screen row y, columns x .. x+w, the next column col. */
struct draw {
	int y, x, w, col;
	bool selected;		/* the selection bar overrides every element's color */
};
/* The emoji policy ("safe", "passthrough") for everything drawn. */
void draw_set_emoji(const char *policy);
/* Display width of s as draw_text would draw it. */
int draw_width(const char *s);
/* Draws text from a feed or anywhere: controls become visible, width from the text layer. */
void draw_text(struct draw *d, const char *s, enum elem el);
/* Draws s in exactly `cols` columns: truncated by display width, then padded. */
void draw_fixed(struct draw *d, const char *s, int cols, enum elem el);
/* The same, a text that does not fit cut at a cluster boundary and ended with "…". */
void draw_fixed_ellipsis(struct draw *d, const char *s, int cols, enum elem el);
/*
 * Status lines that wrap: the rows `left` takes wrapped at UAX #14 breaks into
 * w columns (`right` on the last row beside it), and drawing them at (y, x),
 * at most `rows` rows (the last one cut).
 */
int draw_wrapped_rows(const char *left, const char *right, int w);
void draw_wrapped(int y, int x, int w, int rows, const char *left, const char *right,
		  enum elem el);
/* Pads with spaces to the end of the row. */
void draw_fill(struct draw *d, enum elem el);
/* Columns left on the row. */
int draw_left(const struct draw *d);
/* Draws a whole line at (y, x) of width w, e.g. the title or status line. */
void draw_line(int y, int x, int w, const char *left, const char *right, enum elem el);

/* ---- color.c (and ui_color_element of byline/ui.h: the elements' names) ---- */
/* Checks the elements of the color lines (the config checked their colors): FILE:LINE error. */
enum bl_status color_check(const struct config *cfg, struct bl_err *err);
/* Sets the curses attributes of every element (after initscr). */
void color_setup(const struct config *cfg);
/* The curses attribute of an element, as an int (chtype bits). */
int color_attr(enum elem el);

#endif
