/* The names `color` lines use for colors and attributes: one table, for the config and the reader. */
#ifndef BYLINE_COLORNAME_H
#define BYLINE_COLORNAME_H

#define COLORNAME_DEFAULT (-1)	/* "default": the terminal's own color */
#define COLORNAME_BAD (-2)	/* not a color name */

/*
 * The color a name means: COLORNAME_DEFAULT for "default"; 0-7 for black,
 * red, green, yellow, blue, magenta, cyan, white; 8-15 for their bright
 * forms brightblack ... brightwhite; N for colorN (0-255); else
 * COLORNAME_BAD. Names are lower case. A terminal with 8 colors shows 8-15
 * as 0-7 (brightred as red); what a terminal lacks otherwise is its
 * default (the reader decides, in src/ui/color.c).
 */
int colorname_color(const char *name);

/* The attributes a color line may add, terminal-independent. */
enum color_attr {
	CA_NORMAL,
	CA_BOLD,
	CA_DIM,
	CA_UNDERLINE,
	CA_REVERSE,
	CA_STANDOUT,
	CA_BLINK,
	CA_ITALIC,
	CA_COUNT
};

/* The attribute a name means (enum color_attr), or -1 when it names none. */
int colorname_attr(const char *name);

/* What to write instead of a bad name, for error messages: "use default, black, ..." */
extern const char colorname_color_hint[];
extern const char colorname_attr_hint[];

#endif
