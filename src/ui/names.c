/* The reader's names for introspection (`byline --list elements`). */
#include <stddef.h>

#include "byline/ui.h"
#include "draw_int.h"

const char *
ui_color_element(size_t i)
{
	return i < EL_COUNT ? elem_names[i] : NULL;
}
