/* Options every subcommand shares (-c, -d), loading the config and store, clean output fields. */
#include <stdlib.h>
#include <string.h>

#include "byline/cli_common.h"
#include "byline/text.h"

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
cli_open_store(const struct cli_common *co, const struct config *cfg)
{
	struct bl_err err = {0};
	struct store_options o = { .plain_vfs = !cfg->gather_writes };
	struct store *s = store_open_with(co->db_path, &o, &err);

	if (!s)
		fprintf(stderr, "byline: %s\n", err.msg);
	return s;
}

void
cli_clean_field(struct buf *b, const char *s)
{
	if (s)
		text_clean_message_append(b, s, strlen(s));
}
