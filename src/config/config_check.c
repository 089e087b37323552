/* Syntax checks for bind and color lines: keys, names, colors, attributes. */
#include <stdlib.h>
#include <string.h>

#include "byline/utf8.h"
#include "config_int.h"

static const char *const color_names[] = {
	"default", "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", NULL,
};

static const char *const attr_names[] = {
	"normal", "bold", "dim", "underline", "reverse", "standout", "blink", "italic", NULL,
};

static bool
in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

/* Whether key is one character (cfg_check_bytes has made the line valid UTF-8). */
static bool
is_one_char(const char *key)
{
	size_t n = strlen(key);

	return n && utf8_seq_len((const unsigned char *)key, n) == n;
}

const char *
cfg_check_key(const char *key)
{
	const char *p;

	if (!*key)
		return "the key is empty";
	if (is_one_char(key)) {
		if ((unsigned char)key[0] <= ' ')
			return "a key is one character or a key name (write Space for the space bar)";
		return NULL;
	}
	/* Names: Down, PgDn, F12, C-l ... the reader knows which exist. */
	for (p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-'))
			return "a key is one character or a key name such as Down, PgDn, F5 or C-l";
	return NULL;
}

const char *
cfg_check_name(const char *s)
{
	const char *p;

	if (!(*s >= 'a' && *s <= 'z'))
		return "names are lower case letters, digits and dashes";
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return "names are lower case letters, digits and dashes";
	return NULL;
}

const char *
cfg_check_color(const char *c)
{
	char *end;
	long n;

	if (in_list(color_names, c))
		return NULL;
	if (!strncmp(c, "color", 5) && c[5] >= '0' && c[5] <= '9') {
		n = strtol(c + 5, &end, 10);
		if (!*end && n >= 0 && n <= 255)
			return NULL;
	}
	return "unknown color (use default, black, red, green, yellow, blue, magenta, cyan, "
	       "white or color0 ... color255)";
}

const char *
cfg_check_attr(const char *a)
{
	if (in_list(attr_names, a))
		return NULL;
	return "unknown attribute (use normal, bold, dim, underline, reverse, standout, "
	       "blink or italic)";
}
