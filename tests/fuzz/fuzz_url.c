/* libFuzzer target for url_resolve: input is "base\nref" (or just a ref against a fixed base). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline/url.h"

/* Only spaces and control characters: what url_resolve trims away. */
static int
blank(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s > ' ')
			return 0;
	return 1;
}

static void
check(const char *base, const char *ref)
{
	char *r = url_resolve(base, ref);
	size_t bound = (base ? strlen(base) : 0) + (ref ? strlen(ref) : 0) + 4;

	if (r) {
		/* Resolution only removes or joins; tabs and newlines are dropped. */
		if (strlen(r) > bound || strpbrk(r, "\t\n\r"))
			abort();
	} else if (ref && !blank(ref)) {
		abort();	/* a non-blank reference always gives a URL */
	}
	free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	char *nl;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	nl = strchr(s, '\n');
	if (nl) {
		*nl = '\0';
		check(s, nl + 1);
		check(nl + 1, s);
	} else {
		check("http://a/b/c/d;p?q", s);
		check(s, "../g?y#s");
	}
	check(NULL, s);
	free(s);
	return 0;
}
