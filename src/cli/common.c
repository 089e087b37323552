/* Options every subcommand shares (-c, -d), loading the config and store, clean output fields. */
#include <stdlib.h>
#include <string.h>

#include "byline/cli_common.h"

static int
take_value(const char *cmd, const char *shortopt, const char *longopt, int argc, char **argv,
	   int *i, const char **out)
{
	const char *a = argv[*i];
	size_t ln = strlen(longopt);

	if (!strcmp(a, shortopt) || !strcmp(a, longopt)) {
		if (*i + 1 >= argc || !*argv[*i + 1]) {
			fprintf(stderr, "byline %s: %s needs a FILE\n", cmd, a);
			return -1;
		}
		*out = argv[++*i];
		return 1;
	}
	if (!strncmp(a, longopt, ln) && a[ln] == '=') {
		*out = a + ln + 1;
		return 1;
	}
	if (!strncmp(a, shortopt, 2) && a[2]) {
		*out = a + 2;
		return 1;
	}
	return 0;
}

int
cli_common_option(const char *cmd, int argc, char **argv, int *i, struct cli_common *co)
{
	int r = take_value(cmd, "-c", "--config", argc, argv, i, &co->config_path);

	if (r)
		return r;
	return take_value(cmd, "-d", "--db", argc, argv, i, &co->db_path);
}

struct config *
cli_load_config(const struct cli_common *co, bool quiet)
{
	struct bl_err err = {0};
	struct config *cfg;
	bool defaults;
	char *where;

	cfg = config_load(co->config_path, &defaults, &err);
	if (!cfg) {
		fprintf(stderr, "byline: %s\n", err.msg);
		return NULL;
	}
	if (defaults && !quiet) {
		where = config_default_path();
		fprintf(stderr, "byline: no config file at %s; using the built-in feeds. "
				"Write yours there (see byline-config(5)).\n", where);
		free(where);
	}
	return cfg;
}

struct store *
cli_open_store(const struct cli_common *co)
{
	struct bl_err err = {0};
	struct store *s = store_open(co->db_path, &err);

	if (!s)
		fprintf(stderr, "byline: %s\n", err.msg);
	return s;
}

/* Decodes one UTF-8 character; returns its length, 0 when invalid. */
static size_t
utf8_decode(const unsigned char *p, unsigned *cp)
{
	size_t len, i;

	if (p[0] < 0x80)
		return *cp = p[0], 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, *cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, *cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, *cp = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && *cp < 0x800) || (len == 4 && (*cp < 0x10000 || *cp > 0x10ffff)) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return len;
}

static bool
is_bidi_control(unsigned cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

void
cli_clean_field(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	size_t n;

	while (p && *p) {
		n = utf8_decode(p, &cp);
		if (!n) {
			buf_puts(b, "\xef\xbf\xbd");
			p++;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			buf_putc(b, ' ');
			p += n;
		} else {
			if (!is_bidi_control(cp))
				buf_append(b, p, n);
			p += n;
		}
	}
}
