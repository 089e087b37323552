/* Error reporting: a status enum plus a caller-owned message buffer. */
#ifndef BYLINE_ERR_H
#define BYLINE_ERR_H

enum bl_status {
	BL_OK = 0,
	BL_ERR = 1,
};

/*
 * A message for the user, in words: which feed or file, what happened,
 * what to do. Owned by the caller, usually on the stack; functions that can
 * fail take a `struct bl_err *` (which may be NULL) and fill it on failure.
 */
struct bl_err {
	char msg[1024];
};

/* Formats into err->msg (if err is not NULL) and returns BL_ERR. */
enum bl_status bl_err_set(struct bl_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Clears err->msg. For tests: byline's own callers start from a fresh struct bl_err. */
void bl_err_clear(struct bl_err *err);

#endif
