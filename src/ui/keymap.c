/* Key names, the action table and the key -> action map built from `bind` lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/keymap.h"
#include "byline/mem.h"
#include "byline/utf8.h"

/* The rows of ACTION_LIST (byline/keymap.h), in its order: action_table[id - 1] is id's. */
const struct action_info action_table[] = {
#define ACTION_ROW(id, name, pre, handler, help) { ACT_##id, name, help, pre },
	ACTION_LIST(ACTION_ROW)
#undef ACTION_ROW
	{ ACT_NONE, NULL, NULL, 0 },
};

const char *const keymap_views[] = { "feeds", "articles", "article", "help", "tags", "downloads", NULL };

const struct action_info *
action_find(const char *name)
{
	const struct action_info *a;

	for (a = action_table; a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

const struct action_info *
action_get(enum action id)
{
	return id > ACT_NONE && id < ACT_COUNT ? &action_table[id - 1] : NULL;
}

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Space", ' ' }, { "Enter", KC_ENTER }, { "Tab", '\t' }, { "Esc", KC_ESC },
	{ "Backspace", KC_BACKSPACE }, { "Delete", KC_DELETE }, { "Insert", KC_INSERT },
	{ "Up", KC_UP }, { "Down", KC_DOWN }, { "Left", KC_LEFT }, { "Right", KC_RIGHT },
	{ "Home", KC_HOME }, { "End", KC_END }, { "PgUp", KC_PGUP }, { "PgDn", KC_PGDN },
	{ NULL, 0 },
};

/* The code point of a string that is one printable character; -1 if it is not. */
static int
utf8_single(const char *s)
{
	size_t n = strlen(s);
	uint32_t cp;

	if (!n || utf8_decode((const unsigned char *)s, n, &cp) != n)
		return -1;
	if (cp <= 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return -1;	/* controls, space, DEL, C1 controls */
	return (int)cp;
}

int
key_parse(const char *name)
{
	int i, n;

	if (!name || !*name)
		return -1;
	for (i = 0; key_names[i].name; i++)
		if (!strcasecmp(name, key_names[i].name))
			return key_names[i].key;
	if (!strcasecmp(name, "PageDown"))
		return KC_PGDN;
	if (!strcasecmp(name, "PageUp"))
		return KC_PGUP;
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3]) {
		char c = name[2];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return KC_CTRL(c);
		return -1;
	}
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		n = atoi(name + 1);
		if (n >= 1 && n <= 12 && strlen(name) <= 3 && (n >= 10) == (name[2] != 0))
			return KC_F1 + n - 1;
	}
	return utf8_single(name);
}

void
key_describe(int key, char *buf, size_t size)
{
	int i;

	for (i = 0; key_names[i].name; i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return;
		}
	if (key >= KC_F1 && key <= KC_F12)
		snprintf(buf, size, "F%d", key - KC_F1 + 1);
	else if (key >= 1 && key <= 26)
		snprintf(buf, size, "C-%c", 'a' + key - 1);
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else if (key >= 0xa0 && key < KEY_SPECIAL_BASE) {
		unsigned char u[4];
		snprintf(buf, size, "%.*s", (int)utf8_encode((uint32_t)key, u), (const char *)u);
	} else
		snprintf(buf, size, "<%d>", key);
}

struct binding {
	int view;		/* index in keymap_views, -1 = every view */
	int key;
	enum action act;	/* the first step's (ACT_NONE: `none`) */
	struct keymap_step *steps;	/* a macro's steps, or one */
	size_t nsteps;
	char *text;		/* the action as the bind line wrote it */
};

struct keymap {
	struct binding *b;
	size_t n;
};

static int
view_index(const char *name)
{
	int i;

	for (i = 0; keymap_views[i]; i++)
		if (!strcmp(keymap_views[i], name))
			return i;
	return -1;
}

/* The steps of a bind line's action, checked: known actions, arguments only where one is taken. */
static enum bl_status
steps_make(struct binding *b, const struct config_bind *cb, const char *path,
	   struct bl_err *err)
{
	struct config_step *cs;
	const struct action_info *a;
	const char *why = NULL;
	size_t n = config_split_actions(cb->action, &cs, &why), i;
	enum bl_status st = BL_OK;

	if (!n)
		return bl_err_set(err, "%s:%d: %s", path, cb->line, why);
	b->steps = xcalloc(n, sizeof(*b->steps));
	for (i = 0; i < n && !st; i++) {
		if (!(a = action_find(cs[i].name)) && (n > 1 || strcmp(cs[i].name, "none")))
			st = bl_err_set(err, "%s:%d: unknown action '%s' in bind (byline's help, "
					"key ?, lists every action)", path, cb->line, cs[i].name);
		else if (a && cs[i].arg && !(a->pre & ARG_COMMAND))
			st = bl_err_set(err, "%s:%d: %s takes no argument (only pipe, pipe-html "
					"and play take a command)", path, cb->line, a->name);
		else {
			b->steps[i].act = a ? a->id : ACT_NONE;
			b->steps[i].arg = cs[i].arg;
			cs[i].arg = NULL;
			b->nsteps++;
		}
	}
	config_steps_free(&cs, n);
	b->act = b->steps[0].act;
	return st;
}

static void
binding_free(struct binding *b)
{
	size_t i;

	for (i = 0; i < b->nsteps; i++)
		free(b->steps[i].arg);
	free(b->steps);
	free(b->text);
}

static enum bl_status
keymap_add(struct keymap *km, const struct config_bind *cb, const char *path,
	   struct bl_err *err)
{
	struct binding b = {0};
	int key, view = -1;

	if (cb->view && (view = view_index(cb->view)) < 0)
		return bl_err_set(err, "%s:%d: unknown view '%s' in bind (views: feeds, "
				  "articles, article, help)", path, cb->line, cb->view);
	if ((key = key_parse(cb->key)) < 0)
		return bl_err_set(err, "%s:%d: unknown key '%s' in bind (see byline-config(5) "
				  "for key names)", path, cb->line, cb->key);
	if (steps_make(&b, cb, path, err)) {
		binding_free(&b);
		return BL_ERR;
	}
	b.view = view;
	b.key = key;
	b.text = xstrdup(cb->action);
	km->b = xreallocarray(km->b, km->n + 1, sizeof(*km->b));
	km->b[km->n++] = b;
	return BL_OK;
}

struct keymap *
keymap_create(const struct config_bind *binds, size_t n, const char *config_path,
	      struct bl_err *err)
{
	struct keymap *km = xcalloc(1, sizeof(*km));
	size_t i;

	for (i = 0; i < n; i++)
		if (keymap_add(km, &binds[i], binds[i].file ? binds[i].file
					      : config_path ? config_path : "config", err)) {
			keymap_destroy(&km);
			return NULL;
		}
	return km;
}

void
keymap_destroy(struct keymap **kp)
{
	size_t i;

	if (!kp || !*kp)
		return;
	for (i = 0; i < (*kp)->n; i++)
		binding_free(&(*kp)->b[i]);
	free((*kp)->b);
	free(*kp);
	*kp = NULL;
}

/* The binding `key` has in `view`, or NULL. */
static const struct binding *
binding_of(const struct keymap *km, const char *view, int key)
{
	int v = view ? view_index(view) : -1;
	size_t i;

	/* Later lines win; a view's own binding beats a global one. */
	for (i = km->n; i-- > 0;)
		if (km->b[i].key == key && v >= 0 && km->b[i].view == v)
			return &km->b[i];
	for (i = km->n; i-- > 0;)
		if (km->b[i].key == key && km->b[i].view < 0)
			return &km->b[i];
	return NULL;
}

enum action
keymap_lookup(const struct keymap *km, const char *view, int key)
{
	const struct binding *b = binding_of(km, view, key);

	return b && b->nsteps == 1 && !b->steps[0].arg ? b->act : ACT_NONE;
}

const struct keymap_step *
keymap_steps(const struct keymap *km, const char *view, int key, size_t *n)
{
	const struct binding *b = binding_of(km, view, key);

	*n = b && b->act != ACT_NONE ? b->nsteps : 0;
	return *n ? b->steps : NULL;
}

bool
keymap_macro(const struct keymap *km, const char *view, size_t *i, char *key, size_t size,
	     const char **text)
{
	const struct binding *b;

	for (; *i < km->n; ++*i) {
		b = &km->b[*i];
		if (b->act == ACT_NONE || (b->nsteps == 1 && !b->steps[0].arg) ||
		    binding_of(km, view, b->key) != b)
			continue;
		key_describe(b->key, key, size);
		*text = b->text;
		++*i;
		return true;
	}
	return false;
}

size_t
keymap_keys(const struct keymap *km, const char *view, enum action act, char *buf,
	    size_t size)
{
	size_t i, j, count = 0, len = 0;
	char name[16];

	if (size)
		buf[0] = 0;
	for (i = 0; i < km->n; i++) {
		int key = km->b[i].key;
		for (j = 0; j < i; j++)
			if (km->b[j].key == key)
				break;
		if (j < i || keymap_lookup(km, view, key) != act)
			continue;	/* seen already, or not what this key does here */
		key_describe(key, name, sizeof(name));
		if (len + strlen(name) + 3 < size)
			len += snprintf(buf + len, size - len, "%s%s", count ? ", " : "", name);
		count++;
	}
	return count;
}
