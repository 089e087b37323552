/* Internals shared by the text module's files (not part of the interface). */
#ifndef BYLINE_TEXT_IMPL_H
#define BYLINE_TEXT_IMPL_H

#include <unitypes.h>

/* Columns of one code point as ncursesw counts them: libc wcwidth(). */
int text_cp_width(ucs4_t uc);

#endif
