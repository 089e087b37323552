/* Opening links: the browser command split into words, the URL one argument, no shell. */
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

/* Splits the command into words (whitespace; "..." and '...' group); %u becomes the URL. */
static char **
command_words(const char *cmd, const char *url)
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
				if (p[0] == '%' && p[1] == 'u') {
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
	if (!has_url)
		argv[n++] = xstrdup(url);
	argv[n] = NULL;
	return argv;
}

static void
words_free(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* Runs argv with the terminal handed over; returns 0, or an errno / exit status message. */
static enum act_result
run_browser(struct app *a, char **argv)
{
	int pfd[2], status = 0, child_errno = 0;
	struct sigaction ignore, old_int, old_quit;
	pid_t pid;
	ssize_t got;

	if (pipe2(pfd, O_CLOEXEC) < 0) {
		app_message(a, true, "could not start %s: %s", argv[0], strerror(errno));
		return AR_ERROR;
	}
	def_prog_mode();
	endwin();
	/* Ctrl-C while a console browser runs is the browser's, not a quit (as system(3)). */
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	ignore.sa_flags = 0;
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	if ((pid = fork()) == 0) {
		close(pfd[0]);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGWINCH, SIG_DFL);
		execvp(argv[0], argv);
		child_errno = errno;
		if (write(pfd[1], &child_errno, sizeof(child_errno)) < 0)
			_exit(127);
		_exit(127);
	}
	close(pfd[1]);
	if (pid > 0) {
		while ((got = read(pfd[0], &child_errno, sizeof(child_errno))) < 0 && errno == EINTR)
			;
		if (got != (ssize_t)sizeof(child_errno))
			child_errno = 0;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	} else
		child_errno = errno;
	close(pfd[0]);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	app_changed(a, CH_LAYOUT);
	if (child_errno) {
		app_message(a, true, "could not run browser '%s': %s (set browser in the "
			    "config or $BROWSER)", argv[0], strerror(child_errno));
		return AR_ERROR;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		app_message(a, true, "browser '%s' exited with status %d", argv[0],
			    WEXITSTATUS(status));
		return AR_ERROR;
	}
	return AR_HANDLED;
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
		if (!env || !*env) {
			app_message(a, true, "no browser: set browser \"CMD %%u\" in the config or "
				    "$BROWSER");
			return AR_ERROR;
		}
		first = xstrndup(env, strcspn(env, ":"));
		cmd = first;
	}
	argv = command_words(cmd, url);
	free(first);
	if (!argv) {
		app_message(a, true, "the browser setting is empty");
		return AR_ERROR;
	}
	r = run_browser(a, argv);
	words_free(argv);
	return r;
}
