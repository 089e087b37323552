/* XDG base directories for the config and the database, and creating their parents. */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "byline/mem.h"
#include "byline/xdg.h"

const char *
xdg_home(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home && *home)
		return home;
	pw = getpwuid(getuid());
	return pw && pw->pw_dir ? pw->pw_dir : "/";
}

char *
xdg_path(const char *env, const char *fallback, const char *leaf)
{
	const char *base = getenv(env);

	/* The spec says relative values are invalid and must be ignored. */
	if (base && base[0] == '/')
		return xasprintf("%s/%s", base, leaf);
	return xasprintf("%s/%s/%s", xdg_home(), fallback, leaf);
}

enum bl_status
xdg_make_parents(const char *path, struct bl_err *err)
{
	char *dir = xstrdup(path), *p;
	enum bl_status st = BL_OK;

	for (p = dir + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(dir, 0700) && errno != EEXIST) {
			st = bl_err_set(err, "cannot create the directory %s: %s", dir,
					strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return st;
}
