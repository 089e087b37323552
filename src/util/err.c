/* Error messages for the user, formatted into a caller's buffer. */
#include <stdarg.h>
#include <stdio.h>

#include "byline/err.h"

enum bl_status
bl_err_set(struct bl_err *err, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return BL_ERR;
}

void
bl_err_clear(struct bl_err *err)
{
	if (err)
		err->msg[0] = '\0';
}
