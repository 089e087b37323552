/* The sync password: from a command run without a shell, or a file only the user may read; never echoed. */
#define _GNU_SOURCE	/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "byline/mem.h"
#include "sync_int.h"

#define SECRET_MAX 4096

extern char **environ;

void
sync_secret_free(char **p)
{
	if (!*p)
		return;
	explicit_bzero(*p, strlen(*p));
	free(*p);
	*p = NULL;
}

/* The first line of buf (len bytes): what a password command or file holds. */
static char *
first_line(char *buf, size_t len, const char *from, struct bl_err *err)
{
	char *nl = memchr(buf, '\n', len);
	size_t n = nl ? (size_t)(nl - buf) : len;

	if (n && buf[n - 1] == '\r')
		n--;
	if (n == 0) {
		bl_err_set(err, "%s gave an empty password", from);
		return NULL;
	}
	if (memchr(buf, '\0', n)) {
		bl_err_set(err, "%s gave a password holding a NUL byte", from);
		return NULL;
	}
	return xstrndup(buf, n);
}

/* Reads fd to its end, up to SECRET_MAX bytes; *len; false on a read error. */
static bool
read_all(int fd, char *buf, size_t *len)
{
	ssize_t r;

	*len = 0;
	while (*len < SECRET_MAX) {
		r = read(fd, buf + *len, SECRET_MAX - *len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return false;
		if (r == 0)
			break;
		*len += (size_t)r;
	}
	return true;
}

static char *
from_file(const char *path, struct bl_err *err)
{
	char buf[SECRET_MAX], *pw = NULL;
	struct stat st;
	size_t len;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0) {
		bl_err_set(err, "password-file %s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		bl_err_set(err, "password-file %s: not a regular file", path);
	else if (st.st_mode & (S_IRWXG | S_IRWXO))
		bl_err_set(err, "password-file %s: others can read or change it (mode %03o); "
			   "byline uses a password file only you can read: chmod 600 %s",
			   path, (unsigned)(st.st_mode & 0777), path);
	else if (st.st_uid != geteuid())
		bl_err_set(err, "password-file %s: owned by another user; byline uses only a "
			   "file of yours", path);
	else if (!read_all(fd, buf, &len))
		bl_err_set(err, "password-file %s: cannot read: %s", path, strerror(errno));
	else
		pw = first_line(buf, len, "password-file", err);
	close(fd);
	explicit_bzero(buf, sizeof(buf));
	return pw;
}

/* The command split into words once: blanks separate, "..." and '...' group. */
static char **
words(const char *cmd, size_t *n)
{
	char **argv = NULL;
	const char *p = cmd;
	char q;

	*n = 0;
	while (*p) {
		struct buf w = {0};

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '"' || *p == '\'') {
				for (q = *p++; *p && *p != q; p++)
					buf_putc(&w, *p);
				if (*p)
					p++;
			} else {
				buf_putc(&w, *p++);
			}
		}
		argv = xreallocarray(argv, *n + 2, sizeof(*argv));
		argv[(*n)++] = buf_steal(&w);
		argv[*n] = NULL;
	}
	return argv;
}

static void
words_free(char **argv, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(argv[i]);
	free(argv);
}

/* Runs argv with stdout to a pipe; *pid, the pipe's read end; -1 with err set. */
static int
spawn(char **argv, pid_t *pid, struct bl_err *err)
{
	posix_spawn_file_actions_t fa;
	int fds[2], rc;

	if (pipe2(fds, O_CLOEXEC)) {
		bl_err_set(err, "password-command: cannot make a pipe: %s", strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	rc = posix_spawnp(pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc) {
		close(fds[0]);
		bl_err_set(err, "password-command: cannot run %s: %s", argv[0], strerror(rc));
		return -1;
	}
	return fds[0];
}

static char *
from_command(const char *cmd, struct bl_err *err)
{
	char buf[SECRET_MAX], *pw = NULL, **argv;
	size_t n, len = 0;
	pid_t pid;
	int fd, status = 0;
	bool ok;

	argv = words(cmd, &n);
	if (!n) {
		bl_err_set(err, "password-command is empty");
		words_free(argv, n);
		return NULL;
	}
	fd = spawn(argv, &pid, err);
	if (fd >= 0) {
		ok = read_all(fd, buf, &len);
		close(fd);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			bl_err_set(err, "password-command %s failed (%s %d); run it yourself to see "
				   "why", argv[0], WIFEXITED(status) ? "exit status" : "signal",
				   WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		else if (!ok)
			bl_err_set(err, "password-command %s: cannot read what it printed", argv[0]);
		else
			pw = first_line(buf, len, "password-command", err);
	}
	explicit_bzero(buf, sizeof(buf));
	words_free(argv, n);
	return pw;
}

char *
sync_password(const struct config_sync *cs, struct bl_err *err)
{
	if (cs->password_file)
		return from_file(cs->password_file, err);
	return from_command(cs->password_command, err);
}
