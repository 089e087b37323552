/* Syntax checks for bind and color lines: keys and names (colors: byline/colorname.h). */
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
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

/* The end of one step of a macro: the next ';' outside quotes, or the end. */
static const char *
step_end(const char *p)
{
	char q = 0;

	for (; *p; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '\'' || *p == '"')
			q = *p;
		else if (*p == ';')
			break;
	}
	return p;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

size_t
config_split_actions(const char *action, struct config_step **steps, const char **why)
{
	const char *p = action, *end, *name_end, *arg;
	size_t n = 0;

	*steps = NULL;
	for (;;) {
		end = step_end(p);
		while (p < end && is_blank(*p))
			p++;
		for (name_end = p; name_end < end && !is_blank(*name_end); name_end++)
			;
		if (name_end == p) {
			config_steps_free(steps, n);
			*why = "an action is empty (write NAME, NAME ARGUMENT, or several separated by ;)";
			return 0;
		}
		for (arg = name_end; arg < end && is_blank(*arg); arg++)
			;
		while (end > arg && is_blank(end[-1]))
			end--;
		*steps = xreallocarray(*steps, n + 1, sizeof(**steps));
		(*steps)[n].name = xstrndup(p, (size_t)(name_end - p));
		(*steps)[n++].arg = arg < end ? xstrndup(arg, (size_t)(end - arg)) : NULL;
		p = step_end(p);
		if (!*p)
			return n;
		p++;
	}
}

void
config_steps_free(struct config_step **steps, size_t n)
{
	size_t i;

	for (i = 0; *steps && i < n; i++) {
		free((*steps)[i].name);
		free((*steps)[i].arg);
	}
	free(*steps);
	*steps = NULL;
}

const char *
cfg_check_actions(const char *what)
{
	struct config_step *steps;
	const char *why = NULL;
	size_t n = config_split_actions(what, &steps, &why), i;

	for (i = 0; i < n && !why; i++)
		why = cfg_check_name(steps[i].name);
	config_steps_free(&steps, n);
	return why;
}
