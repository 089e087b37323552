/* byline import / export: OPML in and out of the config file. */
#include <stdio.h>

#include "byline/cli.h"

int
cmd_import(int argc, char **argv)
{
	fprintf(stderr, "byline import: not yet\n");
	return 1;
}

int
cmd_export(int argc, char **argv)
{
	fprintf(stderr, "byline export: not yet\n");
	return 1;
}
