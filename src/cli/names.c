/* Hidden `byline --list WHAT`: the names the program knows, one a line, for the docs test. */
#include <stdio.h>
#include <string.h>

#include "byline/cli.h"
#include "byline/config.h"
#include "byline/keymap.h"
#include "byline/ui.h"

static void
list_actions(FILE *out)
{
	const struct action_info *a;

	for (a = action_table; a->name; a++)
		fprintf(out, "%s\n", a->name);
}

/* Every key with a name of its own: Space, Enter, Up, F1, C-a, ... */
static void
list_keys(FILE *out)
{
	char name[16];
	int k;

	for (k = 0; k <= 0x20; k++) {
		key_describe(k, name, sizeof(name));
		if (name[0] != '<')
			fprintf(out, "%s\n", name);
	}
	for (k = KEY_SPECIAL_BASE; k < KC_RESIZE; k++) {
		key_describe(k, name, sizeof(name));
		if (name[0] != '<')
			fprintf(out, "%s\n", name);
	}
}

int
cli_list_names(const char *what, FILE *out)
{
	const char *name;
	size_t i;

	if (!strcmp(what, "actions"))
		list_actions(out);
	else if (!strcmp(what, "keys"))
		list_keys(out);
	else if (!strcmp(what, "views"))
		for (i = 0; keymap_views[i]; i++)
			fprintf(out, "%s\n", keymap_views[i]);
	else if (!strcmp(what, "settings"))
		for (i = 0; (name = config_setting_name(i)); i++)
			fprintf(out, "%s\n", name);
	else if (!strcmp(what, "elements"))
		for (i = 0; (name = ui_color_element(i)); i++)
			fprintf(out, "%s\n", name);
	else
		return -1;
	return 0;
}
