/* The help view: generated from the action table and the current key map. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

struct help_row {
	const struct action_info *act;	/* NULL: a text line */
	char *text;			/* keys, or the text line */
};

struct help {
	char *for_view;
	struct help_row *rows;
	size_t n;
};

static struct help *
priv(const struct view *v)
{
	return v->priv;
}

static void
add(struct help *h, const struct action_info *act, const char *text)
{
	h->rows = xreallocarray(h->rows, h->n + 1, sizeof(*h->rows));
	h->rows[h->n++] = (struct help_row){ act, xstrdup(text) };
}

static void
help_draw_row(struct view *v, struct draw *d, int64_t row)
{
	struct help_row *r = &priv(v)->rows[row];

	if (!r->act) {
		draw_text(d, r->text, EL_HEADER);
		return;
	}
	draw_fixed(d, "", 2, EL_NORMAL);
	draw_fixed(d, r->act->name, 17, EL_NORMAL);
	draw_fixed(d, *r->text ? r->text : "(no key)", 20, EL_KEY);
	draw_text(d, r->act->help, EL_NORMAL);
}

static void
help_title(struct view *v, struct buf *out)
{
	buf_printf(out, "Help: keys of the %s view", priv(v)->for_view);
}

static void
help_status(struct view *v, struct buf *out)
{
	buf_puts(out, "q goes back; keys are set with `bind` lines, see byline-config(5)");
}

/* help again, like back, leaves the help view. */
static enum act_result
close_help(struct view *v, enum action act, int key)
{
	app_pop(v->app);
	return AR_HANDLED;
}

static const view_action_fn help_actions[ACT_COUNT] = {
	[ACT_HELP] = close_help,
	[ACT_OPEN] = view_act_nothing,
};

static void
help_destroy(struct view *v)
{
	struct help *h = priv(v);
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->rows[i].text);
	free(h->rows);
	free(h->for_view);
	free(h);
}

static const struct view_ops help_ops = {
	.name = "help",
	.pager = true,
	.draw_row = help_draw_row,
	.title = help_title,
	.status = help_status,
	.actions = help_actions,
	.destroy = help_destroy,
};

/* The keys bound to commands and macros: "  P       pipe less". */
static void
add_macros(struct help *h, struct app *a, const char *for_view)
{
	size_t i = 0;
	char key[16];
	const char *text;
	struct buf line = {0};

	while (keymap_macro(a->km, for_view, &i, key, sizeof(key), &text)) {
		if (!line.len) {
			add(h, NULL, "");
			add(h, NULL, "  keys that run a command or several actions (macros)");
		}
		buf_reset(&line);
		buf_printf(&line, "  %-8s %s", key, text);
		add(h, NULL, buf_cstr(&line));
	}
	buf_free(&line);
}

/* The query language in short, for search and filter (byline-config(5), QUERIES). */
static void
add_queries(struct help *h)
{
	static const char *const lines[] = {
		"",
		"  Queries (search, filter; byline-config(5), QUERIES):",
		"    rust \"a phrase\" rust*   words (all of them), a phrase, a prefix; CJK words too",
		"    title: author: text: link:   a word in that field only",
		"    feed:lwn tag:tech        the feed's title or URL, the config's tags",
		"    unread read starred      states",
		"    after:2024-10-01 before:2024-11-01 newer:7d older:12h   dates (s m h d w)",
		"    has:enclosure has:fulltext",
		"    a OR b   -a   NOT a   (a OR b) c   either, leave out, group",
	};
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(*lines); i++)
		add(h, NULL, lines[i]);
}

struct view *
help_view_create(struct app *a, const char *for_view)
{
	struct view *v = xmalloc(sizeof(*v));
	struct help *h = xcalloc(1, sizeof(*h));
	const struct action_info *act;
	char keys[128];

	h->for_view = xstrdup(for_view);
	add(h, NULL, "  action           keys                what it does");
	for (act = action_table; act->name; act++) {
		keymap_keys(a->km, for_view, act->id, keys, sizeof(keys));
		add(h, act, keys);
	}
	add_macros(h, a, for_view);
	add(h, NULL, "");
	add(h, NULL, "  In a prompt: Enter accepts, Esc or C-g cancels, Backspace deletes.");
	add_queries(h);
	view_init(v, &help_ops, a, h);
	view_set_rows(v, (int64_t)h->n);
	return v;
}
