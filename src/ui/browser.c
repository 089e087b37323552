/* Running commands (browser, pipe, player): words split once, execvp, no shell, the terminal handed over. */
#define _GNU_SOURCE	/* pipe2 */
#include <curses.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "byline/files.h"
#include "byline/mem.h"
#include "byline/url.h"
#include "app_int.h"

#define URL_MAX 4096

/* Only http, https and mailto URLs that parse, with a host, no controls or spaces. */
static bool
url_allowed(const char *url, const char **why)
{
	const unsigned char *p;
	CURLU *h;
	char *host = NULL;
	enum url_kind kind;
	bool ok;

	*why = "it has no link";
	if (!url || !*url)
		return false;
	*why = "the link is too long or holds spaces or control characters";
	if (strlen(url) > URL_MAX)
		return false;
	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return false;
	*why = "only http, https and mailto links are opened";
	kind = url_kind(url);
	if (kind == URL_MAILTO)
		return url[7] != '\0';
	if (kind != URL_WEB)
		return false;
	*why = "the link is not a valid URL";
	if (strncmp(strchr(url, ':'), "://", 3))	/* the scheme's colon, then // */
		return false;
	if (!(h = curl_url()))
		return false;
	ok = curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK &&
	     curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK && host && *host;
	curl_free(host);
	curl_url_cleanup(h);
	return ok;
}

char **
app_command_words(const char *cmd, const char *url)
{
	char **argv = NULL;
	size_t n = 0;
	bool has_url = false;
	const char *p = cmd;

	while (*p) {
		struct buf w = {0};
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		while (*p && *p != ' ' && *p != '\t') {
			char q = (*p == '"' || *p == '\'') ? *p++ : 0;
			for (; *p && (q ? *p != q : (*p != ' ' && *p != '\t' && *p != '"' &&
						     *p != '\'')); p++) {
				if (p[0] == '%' && p[1] == 'u' && url) {
					buf_puts(&w, url);
					has_url = true;
					p++;
				} else
					buf_putc(&w, *p);
			}
			if (q && *p == q)
				p++;
		}
		argv = xreallocarray(argv, n + 3, sizeof(char *));
		argv[n++] = buf_steal(&w);
	}
	if (!n) {
		free(argv);
		return NULL;
	}
	if (!has_url && url)
		argv[n++] = xstrdup(url);
	argv[n] = NULL;
	return argv;
}

void
app_words_free(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* The child's side: signals as a new program expects them, `in` as its input; never returns. */
static void
child_exec(char **argv, int errfd, int in)
{
	signal(SIGQUIT, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGWINCH, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGXFSZ, SIG_DFL);
	if (in >= 0 && in != STDIN_FILENO) {
		dup2(in, STDIN_FILENO);
		close(in);
	}
	execvp(argv[0], argv);
	int child_errno = errno;
	if (write(errfd, &child_errno, sizeof(child_errno)) < 0)
		_exit(127);
	_exit(127);
}

/* Feeds input to the child's stdin and closes it; a child that stops reading is fine. */
static void
feed_input(int fd, const char *input, size_t len)
{
	(void)files_write_all(fd, input, len);	/* EPIPE: the command read what it wanted */
	close(fd);
}

/* Starts argv (stdin from a pipe fed `input` when not NULL) and waits; -1 with errno. */
static int
spawn_wait(char **argv, const char *input, size_t len, int *status, int *child_errno)
{
	int efd[2], ifd[2] = { -1, -1 };
	pid_t pid;
	ssize_t got;

	if (pipe2(efd, O_CLOEXEC) < 0)
		return -1;
	if (input && pipe2(ifd, O_CLOEXEC) < 0) {
		close(efd[0]);
		close(efd[1]);
		return -1;
	}
	if ((pid = fork()) == 0) {
		close(efd[0]);
		if (ifd[1] >= 0)
			close(ifd[1]);
		child_exec(argv, efd[1], ifd[0]);
	}
	close(efd[1]);
	if (ifd[0] >= 0)
		close(ifd[0]);
	if (pid < 0) {
		int e = errno;
		close(efd[0]);
		if (ifd[1] >= 0)
			close(ifd[1]);
		errno = e;
		return -1;
	}
	if (ifd[1] >= 0)
		feed_input(ifd[1], input, len);
	while ((got = read(efd[0], child_errno, sizeof(*child_errno))) < 0 && errno == EINTR)
		;
	if (got != (ssize_t)sizeof(*child_errno))
		*child_errno = 0;
	close(efd[0]);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return 0;
}

enum act_result
app_run(struct app *a, char **argv, const char *input, size_t len, const char *what,
	const char *hint)
{
	int status = 0, child_errno = 0;
	struct sigaction ignore, old_int, old_quit, old_pipe;

	def_prog_mode();
	endwin();
	/* Ctrl-C while a console program runs is the program's, not a quit (as system(3)). */
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	ignore.sa_flags = 0;
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	sigaction(SIGPIPE, &ignore, &old_pipe);
	if (spawn_wait(argv, input, len, &status, &child_errno) < 0)
		child_errno = errno;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	reset_prog_mode();
	app_changed(a, CH_LAYOUT);
	if (child_errno) {
		app_message(a, true, "could not run %s '%s': %s%s", what, argv[0],
			    strerror(child_errno), hint ? hint : "");
		return AR_ERROR;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		app_message(a, true, "%s '%s' exited with status %d", what, argv[0],
			    WEXITSTATUS(status));
		return AR_ERROR;
	}
	return AR_HANDLED;
}

/* Tried in this order when neither the config nor $BROWSER names a browser. */
static const char *const fallbacks[] = { "xdg-open", "www-browser", "lynx", "w3m", "elinks" };
#define FALLBACK_NAMES "xdg-open, www-browser, lynx, w3m, elinks"

/* Whether `name` is an executable file in a directory of $PATH. */
static bool
on_path(const char *name)
{
	const char *path = getenv("PATH"), *p, *end;
	struct buf f = {0};
	bool found = false;

	for (p = path ? path : ""; !found && *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, ":");
		buf_reset(&f);
		buf_printf(&f, "%.*s/%s", (int)(end - p), p, name);
		found = end > p && access(buf_cstr(&f), X_OK) == 0;
	}
	buf_free(&f);
	return found;
}

/* The first fallback browser on $PATH (a new string), or NULL. */
static char *
fallback_browser(void)
{
	size_t i;

	for (i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++)
		if (on_path(fallbacks[i]))
			return xstrdup(fallbacks[i]);
	return NULL;
}

enum act_result
app_open_url(struct app *a, const char *url)
{
	const char *cmd = a->cfg->browser, *why;
	char *first = NULL, **argv;
	enum act_result r;

	if (!url_allowed(url, &why)) {
		app_message(a, true, "not opened: %s", why);
		return AR_ERROR;
	}
	if (!cmd || !*cmd) {
		/* $BROWSER may list several commands separated by ':'; the first is used. */
		const char *env = getenv("BROWSER");
		if (env && *env)
			first = xstrndup(env, strcspn(env, ":"));
		else if (!(first = fallback_browser())) {
			app_message(a, true, "no browser: none of %s is on PATH; set browser "
				    "\"CMD %%u\" in the config or $BROWSER", FALLBACK_NAMES);
			return AR_ERROR;
		}
		cmd = first;
	}
	argv = app_command_words(cmd, url);
	free(first);
	if (!argv) {
		app_message(a, true, "the browser setting is empty");
		return AR_ERROR;
	}
	r = app_run(a, argv, NULL, 0, "browser", " (set browser in the config or $BROWSER)");
	app_words_free(argv);
	return r;
}
