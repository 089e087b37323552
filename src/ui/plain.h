/* Article bodies as plain text, until the HTML renderer takes over (no curses types). */
#ifndef BYLINE_UI_PLAIN_H
#define BYLINE_UI_PLAIN_H

#include <stddef.h>

/*
 * Turns HTML into plain text: tags dropped, blocks become line breaks, the
 * common entities decoded, script/style skipped, each link's target
 * collected and marked "[N]" after its text. Returns the text (caller
 * frees; not yet cleaned for the terminal) and sets *links to a new array
 * of *nlinks new strings (caller frees each and the array).
 */
char *plain_from_html(const char *html, char ***links, size_t *nlinks);

#endif
