/* byline's entry point: picks the subcommand and runs it. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/mem.h"
#include "byline/version.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "refresh", cmd_refresh, "fetch every feed (or the given ones) and store new articles" },
	{ "sync", cmd_sync, "sync with the feed server of the config's sync line" },
	{ "add", cmd_add, "add a feed by the address of any page (its feeds are found)" },
	{ "remove", cmd_remove, "remove a feed from the config file" },
	{ "list", cmd_list, "print stored articles, newest first" },
	{ "feeds", cmd_feeds, "print the feeds: tags, counts, last refresh (--failed: failing ones)" },
	{ "import", cmd_import, "add the feeds of an OPML file to the config" },
	{ "export", cmd_export, "print the subscriptions as OPML" },
	{ "parse", cmd_parse, "read one RSS, Atom or JSON Feed document and print it as JSON" },
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
		    "Reads RSS, Atom and JSON Feed feeds in the terminal. Without a COMMAND, starts the\n"
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

static const struct command *
command_find(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(name, c->name))
			return c;
	return NULL;
}

/*
 * `byline -c FILE -d DB COMMAND ...`: the global options written before the
 * command move after its name, where every command reads them. Returns the
 * command's exit status, or -1 when argv does not have that shape.
 */
static int
run_after_options(int argc, char **argv)
{
	struct cli_common co = {0};
	const struct command *c;
	char **args;
	int i, r, rc;

	for (i = 1; i < argc; i++) {
		r = cli_common_option("", argc, argv, &i, &co);
		if (r < 0)
			return 1;
		if (r == 0)
			break;
	}
	if (i >= argc || !(c = command_find(argv[i])))
		return -1;
	args = xcalloc((size_t)argc + 1, sizeof(*args));
	args[0] = argv[i];
	memcpy(args + 1, argv + 1, (size_t)(i - 1) * sizeof(*args));
	memcpy(args + i, argv + i + 1, (size_t)(argc - i - 1) * sizeof(*args));
	rc = c->run(argc - 1, args);
	free(args);
	return rc;
}

int
main(int argc, char **argv)
{
	const struct command *c;
	int rc;

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
	if ((c = command_find(argv[1])))
		return c->run(argc - 1, argv + 1);
	if (argv[1][0] == '-') {
		if ((rc = run_after_options(argc, argv)) >= 0)
			return rc;
		return cmd_reader(argc, argv);
	}
	fprintf(stderr, "byline: unknown command '%s' (try byline --help)\n", argv[1]);
	return 1;
}
