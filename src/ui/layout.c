/* Screen layout: a pure function of the terminal size and the layout mode. */
#include <string.h>

#include "byline/layout.h"

bool
layout_parse_mode(const char *s, enum layout_mode *mode)
{
	if (!s)
		return false;
	if (!strcmp(s, "list"))
		*mode = LAYOUT_LIST;
	else if (!strcmp(s, "split"))
		*mode = LAYOUT_SPLIT;
	else if (!strcmp(s, "auto"))
		*mode = LAYOUT_AUTO;
	else
		return false;
	return true;
}

static bool
wants_split(int cols, enum layout_mode mode, bool can_split)
{
	if (!can_split || cols < LAYOUT_MIN_SPLIT_COLS)
		return false;
	return mode == LAYOUT_SPLIT || (mode == LAYOUT_AUTO && cols >= LAYOUT_AUTO_SPLIT_COLS);
}

void
layout_compute(int cols, int rows, enum layout_mode mode, bool can_split, struct layout *out)
{
	int body_y = 0, body_h;

	memset(out, 0, sizeof(*out));
	if (cols <= 0 || rows <= 0)
		return;
	/* The status line goes first, then the title, then the body. */
	out->status = (struct rect){ rows - 1, 0, 1, cols };
	if (rows >= 3) {
		out->title = (struct rect){ 0, 0, 1, cols };
		body_y = 1;
	}
	body_h = rows - 1 - body_y;
	if (body_h <= 0)
		return;
	out->main = (struct rect){ body_y, 0, body_h, cols };
	if (!wants_split(cols, mode, can_split))
		return;
	/* The list gets two fifths: enough for date, flags and a title. */
	int left = cols * 2 / 5;
	out->split = true;
	out->main.w = left;
	out->divider = (struct rect){ body_y, left, body_h, 1 };
	out->side = (struct rect){ body_y, left + 1, body_h, cols - left - 1 };
}

int
layout_status_rows(struct layout *l, int rows)
{
	int take;

	if (!l->status.h || rows <= 1)
		return l->status.h;
	take = rows - l->status.h;
	if (take > l->main.h - 1)
		take = l->main.h > 1 ? l->main.h - 1 : 0;
	l->main.h -= take;
	if (l->split) {
		l->divider.h -= take;
		l->side.h -= take;
	}
	l->status.y -= take;
	l->status.h += take;
	return l->status.h;
}
