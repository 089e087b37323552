/* The table of color and attribute names that `color` lines use (see byline/colorname.h). */
#include <stdlib.h>
#include <string.h>

#include "byline/colorname.h"

/* 0-7, in the order of the terminal's color numbers; "bright" before one is 8-15. */
static const char *const basic[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const char *const attr_names[CA_COUNT] = {
	[CA_NORMAL] = "normal",
	[CA_BOLD] = "bold",
	[CA_DIM] = "dim",
	[CA_UNDERLINE] = "underline",
	[CA_REVERSE] = "reverse",
	[CA_STANDOUT] = "standout",
	[CA_BLINK] = "blink",
	[CA_ITALIC] = "italic",
};

const char colorname_color_hint[] = "use default, black, red, green, yellow, blue, magenta, "
				    "cyan, white, brightblack ... brightwhite or color0 ... "
				    "color255";
const char colorname_attr_hint[] = "use normal, bold, dim, underline, reverse, standout, "
				   "blink or italic";

static int
basic_color(const char *name)
{
	int i;

	for (i = 0; i < 8; i++)
		if (!strcmp(name, basic[i]))
			return i;
	return COLORNAME_BAD;
}

int
colorname_color(const char *name)
{
	char *end;
	long n;
	int c;

	if (!strcmp(name, "default"))
		return COLORNAME_DEFAULT;
	if ((c = basic_color(name)) >= 0)
		return c;
	if (!strncmp(name, "bright", 6) && (c = basic_color(name + 6)) >= 0)
		return c + 8;
	if (!strncmp(name, "color", 5) && name[5] >= '0' && name[5] <= '9') {
		n = strtol(name + 5, &end, 10);
		if (!*end && n >= 0 && n <= 255)
			return (int)n;
	}
	return COLORNAME_BAD;
}

int
colorname_attr(const char *name)
{
	int i;

	for (i = 0; i < CA_COUNT; i++)
		if (!strcmp(name, attr_names[i]))
			return i;
	return -1;
}
