/* byline's version, as printed by --version and sent as the User-Agent. */
#ifndef BYLINE_VERSION_H
#define BYLINE_VERSION_H

#define BYLINE_VERSION "0.1.0"

#endif
