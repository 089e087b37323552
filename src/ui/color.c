/* Colors: `color ELEMENT FG BG [ATTR...]` lines into curses attributes; NO_COLOR honoured. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "byline/colorname.h"
#include "byline/ui.h"
#include "draw_int.h"

/* The elements' names in `color` lines. */
static const char *const elem_names[EL_COUNT] = {
	[EL_NORMAL] = "normal",
	[EL_TITLE] = "title",
	[EL_STATUS] = "status",
	[EL_SELECTED] = "selected",
	[EL_UNREAD] = "unread",
	[EL_STARRED] = "starred",
	[EL_ERROR] = "error",
	[EL_DATE] = "date",
	[EL_FEED] = "feed",
	[EL_HEADER] = "header",
	[EL_LINK] = "link",
	[EL_QUOTE] = "quote",
	[EL_CODE] = "code",
	[EL_KEY] = "key",
	[EL_DIVIDER] = "divider",
};

/* The curses attribute of each name of byline/colorname.h. */
static const int curses_attr[CA_COUNT] = {
	[CA_NORMAL] = A_NORMAL,
	[CA_BOLD] = A_BOLD,
	[CA_DIM] = A_DIM,
	[CA_UNDERLINE] = A_UNDERLINE,
	[CA_REVERSE] = A_REVERSE,
	[CA_STANDOUT] = A_STANDOUT,
	[CA_BLINK] = A_BLINK,
	[CA_ITALIC] = A_ITALIC,
};

/* Attributes per element; static because curses itself is one global screen. */
static int elem_attr[EL_COUNT];

static int
elem_find(const char *name)
{
	int i;

	for (i = 0; i < EL_COUNT; i++)
		if (!strcmp(elem_names[i], name))
			return i;
	return -1;
}

/* The config has checked the colors and attributes (byline/colorname.h); the elements are ours. */
enum bl_status
color_check(const struct config *cfg, struct bl_err *err)
{
	size_t i;

	for (i = 0; i < cfg->ncolors; i++) {
		const struct config_color *c = &cfg->colors[i];
		const char *path = c->file ? c->file : cfg->path ? cfg->path : "config";
		if (elem_find(c->element) < 0)
			return bl_err_set(err, "%s:%d: unknown element '%s' in color (see "
					  "byline-config(5))", path, c->line, c->element);
	}
	return BL_OK;
}

/*
 * A color the terminal can show: a bright one (8-15) on an 8-color terminal
 * is its basic color; any other it lacks is the terminal's default.
 */
static int
usable(int c)
{
	if (c < 0)
		return -1;
	return c >= COLORS ? (c >= 8 && c < 16 && COLORS >= 8 ? c - 8 : -1) : c;
}

void
color_setup(const struct config *cfg)
{
	const char *no_color = getenv("NO_COLOR");
	bool colors = has_colors() && !(no_color && *no_color);
	size_t i, j;

	memset(elem_attr, 0, sizeof(elem_attr));
	if (colors) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < cfg->ncolors; i++) {
		const struct config_color *c = &cfg->colors[i];
		int el = elem_find(c->element), attr = 0, ca;
		if (el < 0)
			continue;
		for (j = 0; j < c->nattrs; j++)
			if ((ca = colorname_attr(c->attrs[j])) >= 0)
				attr |= curses_attr[ca];
		int fg = usable(colorname_color(c->fg)), bg = usable(colorname_color(c->bg));
		if (colors && (fg >= 0 || bg >= 0) && el + 1 < COLOR_PAIRS) {
			init_pair((short)(el + 1), (short)fg, (short)bg);
			attr |= COLOR_PAIR(el + 1);
		}
		elem_attr[el] = attr;	/* later lines win */
	}
}

int
color_attr(enum elem el)
{
	return el >= 0 && el < EL_COUNT ? elem_attr[el] : 0;
}

const char *
ui_color_element(size_t i)
{
	return i < EL_COUNT ? elem_names[i] : NULL;
}
