/* byline's entry point: picks the subcommand and runs it. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "byline/cli.h"
#include "byline/version.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "refresh", cmd_refresh, "fetch every feed (or the given ones) and store new articles" },
	{ "list", cmd_list, "print stored articles, newest first" },
	{ "import", cmd_import, "add the feeds of an OPML file to the config" },
	{ "export", cmd_export, "print the subscriptions as OPML" },
	{ "parse", cmd_parse, "read one RSS or Atom document and print it as JSON" },
	{ "render", cmd_render, "render an HTML article as terminal text" },
	{ NULL, NULL, NULL },	/* ends the table */
};

static void
usage(FILE *fp)
{
	const struct command *c;

	fprintf(fp, "usage: byline [-c FILE] [-d FILE]    the reader\n       byline COMMAND [OPTIONS]\n\ncommands:\n");
	for (c = commands; c->name; c++)
		fprintf(fp, "  %-10s %s\n", c->name, c->summary);
	fprintf(fp, "\n  byline COMMAND --help    options of one command\n"
		    "  byline --version         print the version\n"
		    "\nSee byline(1) and byline-config(5).\n");
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
	for (c = commands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->run(argc - 1, argv + 1);
	if (argv[1][0] == '-')
		return cmd_reader(argc, argv);
	fprintf(stderr, "byline: unknown command '%s' (try byline --help)\n", argv[1]);
	return 1;
}
