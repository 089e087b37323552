/* Screen layout: a pure function of the terminal size and the layout mode. */
#ifndef BYLINE_LAYOUT_H
#define BYLINE_LAYOUT_H

#include <stdbool.h>

enum layout_mode {
	LAYOUT_LIST,		/* one view fills the screen */
	LAYOUT_SPLIT,		/* article list and article side by side */
	LAYOUT_AUTO,		/* split when the terminal is wide enough */
};

/* `auto` splits from this many columns on; `split` needs at least the minimum. */
#define LAYOUT_AUTO_SPLIT_COLS 140
#define LAYOUT_MIN_SPLIT_COLS 60

struct rect {
	int y, x, h, w;		/* h or w 0: not shown */
};

struct layout {
	bool split;		/* side is in use */
	struct rect title;	/* top line: where you are */
	struct rect main;	/* the list (left pane when split) */
	struct rect divider;	/* the column between the panes */
	struct rect side;	/* the article (right pane when split) */
	struct rect status;	/* bottom line: position, messages, progress, prompt */
};

/* "list", "split", "auto" -> mode; returns false for anything else. */
bool layout_parse_mode(const char *s, enum layout_mode *mode);
/*
 * Computes the rectangles for a cols x rows terminal. `can_split` says
 * whether the views on screen can share it (an article list with its
 * open article, or on top with a preview of its selected one). Degenerate sizes give empty rectangles, never negative ones.
 */
void layout_compute(int cols, int rows, enum layout_mode mode, bool can_split,
		    struct layout *out);
/*
 * Gives the status line `rows` rows (a long message wrapped), taken from the
 * bottom of the body, which keeps at least one row; rows past that are not
 * given. Returns the status line's rows.
 */
int layout_status_rows(struct layout *l, int rows);

#endif
