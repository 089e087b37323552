/* Subcommands: each takes the arguments after its name, returns the exit status. */
#ifndef BYLINE_CLI_H
#define BYLINE_CLI_H


#endif
