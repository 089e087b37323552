/* Syntax checks for bind and color lines: keys and names (colors: byline/colorname.h). */
#include <stdlib.h>
#include <string.h>

#include "config_int.h"

/* Number of code points in s (which is valid UTF-8 here). */
static size_t
utf8_count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

const char *
cfg_check_key(const char *key)
{
	const char *p;

	if (!*key)
		return "the key is empty";
	if (utf8_count(key) == 1) {
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
