/* byline's entry point: picks the subcommand and runs it. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/version.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "refresh", cmd_refresh, "fetch every feed (or the given ones) and store new articles" },
	{ "sync", cmd_sync, "sync with the feed server of the config's sync line" },
	{ "list", cmd_list, "print stored articles, newest first" },
	{ "import", cmd_import, "add the feeds of an OPML file to the config" },
	{ "export", cmd_export, "print the subscriptions as OPML" },
	{ "parse", cmd_parse, "read one RSS or Atom document and print it as JSON" },
	{ "render", cmd_render, "render an HTML article as terminal text" },
	{ "extract", cmd_extract, "the article of a web page, as text, HTML or JSON" },
	{ NULL, NULL, NULL },	/* ends the table */
};

static void
usage(FILE *fp)
{
	const struct command *c;

	fprintf(fp, "usage: byline [-c FILE] [-d FILE]\n"
		    "       byline COMMAND [OPTIONS] [ARGUMENTS]\n\n"
		    "Reads RSS and Atom feeds in the terminal. Without a COMMAND, starts the\n"
		    "reader (? in it lists the keys).\n\n"
		    CLI_COMMON_HELP
		    "  -h, --help          this help (byline COMMAND --help: that command's)\n"
		    "  -V, --version       print the version\n\ncommands:\n");
	for (c = commands; c->name; c++)
		fprintf(fp, "  %-10s %s\n", c->name, c->summary);
	fprintf(fp, "\nSee byline(1) and byline-config(5).\n");
}

/* Hidden `byline --list WHAT` (see cli.h); commands are known here. */
static int
list_names(const char *what)
{
	const struct command *c;

	if (!strcmp(what, "commands")) {
		for (c = commands; c->name; c++)
			printf("%s\n", c->name);
		return 0;
	}
	if (cli_list_names(what, stdout) == 0)
		return 0;
	fprintf(stderr, "byline: --list takes commands, actions, keys, views, settings "
			"or elements, not '%s'\n", what);
	return 1;
}

int
main(int argc, char **argv)
{
	const struct command *c;

	setlocale(LC_ALL, "");
	/* No command, or only options: the reader. */
	if (argc < 2)
		return cmd_reader(argc, argv);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("byline %s\n", BYLINE_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "--list") && argc == 3)
		return list_names(argv[2]);
	for (c = commands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->run(argc - 1, argv + 1);
	if (argv[1][0] == '-')
		return cmd_reader(argc, argv);
	fprintf(stderr, "byline: unknown command '%s' (try byline --help)\n", argv[1]);
	return 1;
}
