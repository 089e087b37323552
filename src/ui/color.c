/* Colors: `color ELEMENT FG BG [ATTR...]` lines into curses attributes; NO_COLOR honoured. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "draw_int.h"

const char *const elem_names[EL_COUNT] = {
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

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", NULL,
};

static const struct {
	const char *name;
	int attr;
} attr_names[] = {
	{ "bold", A_BOLD }, { "underline", A_UNDERLINE }, { "reverse", A_REVERSE },
	{ "standout", A_STANDOUT }, { "dim", A_DIM }, { "blink", A_BLINK },
	{ "italic", A_ITALIC }, { "normal", A_NORMAL }, { NULL, 0 },
};

/* Attributes per element; static because curses itself is one global screen. */
static int elem_attr[EL_COUNT];

/* -1 = default, 0..255, -2 = not a color. */
static int
parse_color(const char *s)
{
	int i;
	char *end;

	if (!strcmp(s, "default"))
		return -1;
	for (i = 0; color_names[i]; i++)
		if (!strcmp(s, color_names[i]))
			return i;
	if (!strncmp(s, "bright", 6))
		for (i = 0; color_names[i]; i++)
			if (!strcmp(s + 6, color_names[i]))
				return i + 8;
	if (!strncmp(s, "color", 5) && s[5]) {
		long n = strtol(s + 5, &end, 10);
		if (!*end && n >= 0 && n <= 255)
			return (int)n;
	}
	return -2;
}

static int
parse_attr(const char *s)
{
	int i;

	for (i = 0; attr_names[i].name; i++)
		if (!strcmp(s, attr_names[i].name))
			return attr_names[i].attr;
	return -1;
}

static int
elem_find(const char *name)
{
	int i;

	for (i = 0; i < EL_COUNT; i++)
		if (!strcmp(elem_names[i], name))
			return i;
	return -1;
}

enum bl_status
color_check(const struct config *cfg, struct bl_err *err)
{
	size_t i, j;

	for (i = 0; i < cfg->ncolors; i++) {
		const struct config_color *c = &cfg->colors[i];
		const char *path = c->file ? c->file : cfg->path ? cfg->path : "config";
		if (elem_find(c->element) < 0)
			return bl_err_set(err, "%s:%d: unknown element '%s' in color (see "
					  "byline-config(5))", path, c->line, c->element);
		if (parse_color(c->fg) < -1 || parse_color(c->bg) < -1)
			return bl_err_set(err, "%s:%d: unknown color '%s' (use default, black, "
					  "red, ..., white, brightred, color0..color255)", path,
					  c->line, parse_color(c->fg) < -1 ? c->fg : c->bg);
		for (j = 0; j < c->nattrs; j++)
			if (parse_attr(c->attrs[j]) < 0)
				return bl_err_set(err, "%s:%d: unknown attribute '%s' in color "
						  "(bold, underline, reverse, standout, dim, "
						  "blink, italic)", path, c->line, c->attrs[j]);
	}
	return BL_OK;
}

/* A color the terminal cannot show falls back to the terminal's default. */
static int
usable(int c)
{
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
		int el = elem_find(c->element), attr = 0;
		if (el < 0)
			continue;
		for (j = 0; j < c->nattrs; j++)
			attr |= parse_attr(c->attrs[j]) > 0 ? parse_attr(c->attrs[j]) : 0;
		int fg = usable(parse_color(c->fg)), bg = usable(parse_color(c->bg));
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
