/* Syntax checks for bind and color lines: keys and names (colors: byline/colorname.h). */
#include <stdlib.h>
#include <string.h>

#include "byline/utf8.h"
#include "config_int.h"

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
