/* `byline` with no subcommand: the interactive reader, with -c FILE and -d FILE. */
#include <stdio.h>
#include <string.h>

#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/text.h"
#include "byline/ui.h"

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: byline [-c FILE] [-d FILE]\n\n"
		    "Starts the reader; ? in it lists the keys. byline --help lists the\n"
		    "commands; byline(1) has everything.\n\n"
		    CLI_COMMON_HELP CLI_HELP_HELP);
}

int
cmd_reader(int argc, char **argv)
{
	struct cli_common co = {0};
	struct config *cfg = NULL;
	struct store *s = NULL;
	struct bl_err err;
	int i, r, rc = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		}
		if ((r = cli_common_option("reader", argc, argv, &i, &co)) < 0)
			return 1;
		if (r == 0) {
			fprintf(stderr, "byline: unknown option or command '%s' (try byline --help)\n",
				argv[i]);
			return 1;
		}
	}
	text_init();
	if (!(cfg = cli_load_config(&co, true)) || !(s = cli_open_store(&co, cfg)))
		goto out;
	if (ui_run(cfg, s, &err)) {
		fprintf(stderr, "byline: %s\n", err.msg);
		goto out;
	}
	rc = 0;
out:
	store_close(&s);
	config_free(&cfg);
	return rc;
}
