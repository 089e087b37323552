/* Subcommands: each takes the arguments after its name, returns the exit status. */
#ifndef BYLINE_CLI_H
#define BYLINE_CLI_H

/* byline refresh [-c FILE] [-d FILE] [URL ...]: 0 all ok, 2 some failed, 1 nothing done. */
int cmd_refresh(int argc, char **argv);

#endif
