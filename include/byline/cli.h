/* Subcommands: each takes the arguments after its name, returns the exit status. */
#ifndef BYLINE_CLI_H
#define BYLINE_CLI_H

#include <stdio.h>

/* byline refresh [-c FILE] [-d FILE] [URL ...]: 0 all ok, 2 some failed, 1 nothing done. */
int cmd_refresh(int argc, char **argv);
/* byline sync [-c FILE] [-d FILE] [--full] ...: 0 synced, 2 with warnings, 1 failed. */
int cmd_sync(int argc, char **argv);
/* byline add URL [TAG ...] [title=…]: a feed found from a page, into the config file. */
int cmd_add(int argc, char **argv);
/* byline remove URL: the feed's line out of the config file. */
int cmd_remove(int argc, char **argv);
/* byline list: stored articles as tab-separated or JSON lines. */
int cmd_list(int argc, char **argv);
/* byline feeds [--failed] [--json]: the config's feeds, their counts and last refresh. */
int cmd_feeds(int argc, char **argv);
/* byline import FILE.opml: adds the OPML's feeds to the config file. */
int cmd_import(int argc, char **argv);
/* byline export: the subscriptions as OPML 2.0 on stdout. */
int cmd_export(int argc, char **argv);
/* byline parse [--url URL] [--charset NAME] [FILE|-]: one feed document as JSON. */
int cmd_parse(int argc, char **argv);
/* byline [-c FILE] [-d FILE]: the interactive reader; 0 on a normal quit. */
int cmd_reader(int argc, char **argv);
/* byline render [--width N] [--base URL] [--color] [--emoji E] [FILE|-] */
int cmd_render(int argc, char **argv);
/* byline extract [--url URL] [--format text|html|json] FILE|URL|-: 0 found, 1 not, 2 usage. */
int cmd_extract(int argc, char **argv);
/*
 * Hidden `byline --list WHAT`: prints the names byline knows of one kind,
 * one a line: actions, keys, views, settings or elements (commands are
 * main's). Returns -1 for an unknown WHAT. The documentation test reads it.
 */
int cli_list_names(const char *what, FILE *out);

#endif
