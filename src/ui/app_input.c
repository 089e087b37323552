/* Input: keys from the terminal, the prompt line, and signals (resize, continue, quit, SIGHUP: reload the config). */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "byline/clock.h"
#include "byline/text.h"
#include "app_int.h"

/* Set by the signal handlers, read by the loop: nothing else happens in a handler. */
static volatile sig_atomic_t sig_winch, sig_quit, sig_cont, sig_hup;

static void on_winch(int sig) { (void)sig; sig_winch = 1; }
static void on_quit(int sig) { (void)sig; sig_quit = 1; }
static void on_cont(int sig) { (void)sig; sig_cont = 1; }
static void on_hup(int sig) { (void)sig; sig_hup = 1; }

/* ---- the prompt ---- */

void
app_prompt(struct app *a, const char *label, const char *initial, prompt_done_fn done)
{
	a->prompting = true;
	snprintf(a->prompt_label, sizeof(a->prompt_label), "%s", label);
	buf_reset(&a->prompt);
	buf_puts(&a->prompt, initial ? initial : "");
	a->prompt_done = done;
	app_changed(a, CH_STATUS);
}

static void
prompt_key(struct app *a, int key)
{
	prompt_done_fn done = a->prompt_done;
	char *text;

	app_changed(a, CH_STATUS);
	if (key == KC_ENTER || key == KC_ESC || key == KC_CTRL('g')) {
		a->prompting = false;
		text = buf_steal(&a->prompt);
		done(a, key == KC_ENTER ? text : NULL);
		free(text);
		return;
	}
	if (key == KC_BACKSPACE || key == KC_CTRL('h')) {
		/* a whole grapheme cluster: an accent typed as its own code point, 👍🏽, a flag */
		buf_truncate(&a->prompt, text_last_cluster(a->prompt.data, a->prompt.len));
		return;
	}
	if (key >= 0x20 && key != 0x7f && key < KEY_SPECIAL_BASE && a->prompt.len < 512) {
		char u[8];
		key_describe(key, u, sizeof(u));
		buf_puts(&a->prompt, key == ' ' ? " " : u);
	}
}

/* ---- keys and signals ---- */

static int
translate(int rc, wint_t wc)
{
	static const struct { int curses, key; } special[] = {
		{ KEY_UP, KC_UP }, { KEY_DOWN, KC_DOWN }, { KEY_LEFT, KC_LEFT },
		{ KEY_RIGHT, KC_RIGHT }, { KEY_HOME, KC_HOME }, { KEY_END, KC_END },
		{ KEY_PPAGE, KC_PGUP }, { KEY_NPAGE, KC_PGDN }, { KEY_BACKSPACE, KC_BACKSPACE },
		{ KEY_DC, KC_DELETE }, { KEY_IC, KC_INSERT }, { KEY_ENTER, KC_ENTER },
		{ KEY_RESIZE, KC_RESIZE },
	};
	size_t i;

	if (rc == KEY_CODE_YES) {
		for (i = 0; i < sizeof(special) / sizeof(special[0]); i++)
			if ((int)wc == special[i].curses)
				return special[i].key;
		if ((int)wc >= KEY_F(1) && (int)wc <= KEY_F(12))
			return KC_F1 + (int)wc - KEY_F(1);
		return -1;
	}
	if (wc == '\n')
		return KC_ENTER;
	if (wc == 0x7f)
		return KC_BACKSPACE;
	return (int)wc;
}

static void
relayout(struct app *a)
{
	a->cols = COLS;
	a->rows = LINES;
	clearok(curscr, TRUE);
	app_changed(a, CH_LAYOUT);
}

/* After SIGWINCH or SIGCONT: the terminal's size, asked of the terminal. */
static void
resize(struct app *a)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
	relayout(a);
}

void
app_read_keys(struct app *a)
{
	wint_t wc;
	int rc, key;

	while (!a->quit && !sig_quit && (rc = get_wch(&wc)) != ERR) {
		a->last_key = clock_ms();
		key = translate(rc, wc);
		if (key != KC_RESIZE)
			a->keyed = true;
		if (key == KC_RESIZE)
			relayout(a);	/* curses has resized already: resizing again loops */
		else if (key < 0)
			continue;
		else if (a->prompting)
			prompt_key(a, key);
		else
			app_dispatch(a, key);
	}
}

void
app_handle_signals(struct app *a)
{
	if (sig_quit)
		a->quit = true;
	if (sig_winch) {
		sig_winch = 0;
		resize(a);
	}
	if (sig_cont) {
		sig_cont = 0;
		resize(a);
	}
	if (sig_hup) {	/* a lost terminal is seen by the loop's poll; SIGHUP itself reloads */
		sig_hup = 0;
		app_config_reload(a, true);
	}
}

void
app_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_cont;
	sigaction(SIGCONT, &sa, NULL);
	sa.sa_handler = on_quit;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	/* Past a file-size limit a write fails (EFBIG) and is said, not the reader killed. */
	signal(SIGXFSZ, SIG_IGN);
}
