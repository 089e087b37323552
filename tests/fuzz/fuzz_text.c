/* libFuzzer target for the text layer: byte 0 = width / columns, the rest is text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unistr.h>

#include "byline/text.h"

static void
check_clean(const char *s, bool single_line)
{
	const unsigned char *p;

	if (u8_check((const uint8_t *)s, strlen(s)))
		abort();
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			abort();
		if (*p < 0x20 && (single_line || (*p != '\n' && *p != '\t')))
			abort();
	}
}

/* Wrapped lines are in order, inside the text, and fit unless one cluster is too wide. */
static void
check_wrap(const char *s, int width)
{
	size_t n = strlen(s), nl, i, prev_end = 0;
	struct text_line *lines;
	char *brk = malloc(n + 1);

	if (!brk)
		abort();
	u8_grapheme_breaks((const uint8_t *)s, n, brk);
	nl = text_wrap(s, n, width, &lines);
	for (i = 0; i < nl; i++) {
		const struct text_line *l = &lines[i];

		if (l->start < prev_end || l->end < l->start || l->end > n)
			abort();
		if (l->width != text_width_n(s + l->start, l->end - l->start))
			abort();
		if ((l->start < n && l->start > 0 && !brk[l->start]) ||
		    (l->end < n && l->end > 0 && !brk[l->end]))
			abort();	/* a cluster was split */
		if (l->width > width) {
			/* only one cluster (with zero-width ones) may overflow */
			size_t k, a = l->start;
			int wide = 0;

			for (k = l->start + 1; k <= l->end; k++) {
				if (k < l->end && !brk[k])
					continue;
				wide += text_width_n(s + a, k - a) > 0;
				a = k;
			}
			if (wide > 1)
				abort();
		}
		prev_end = l->end;
	}
	free(lines);
	free(brk);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw, *clean, *line, *cut, *wrapped;
	int width;

	if (size < 1)
		return 0;
	width = 1 + data[0] % 100;
	raw = malloc(size);
	if (!raw)
		return 0;
	memcpy(raw, data + 1, size - 1);
	raw[size - 1] = '\0';
	clean = text_clean(raw, size - 1, data[0] & 1 ? TEXT_EMOJI_PASSTHROUGH : TEXT_EMOJI_SAFE);
	line = text_clean_line(raw, size - 1, TEXT_EMOJI_SAFE);
	check_clean(clean, false);
	check_clean(line, true);
	cut = text_truncate(raw, width, TEXT_EMOJI_PASSTHROUGH);
	check_clean(cut, true);
	if (text_width(cut) != width)
		abort();
	check_wrap(clean, width);
	wrapped = text_wrap_string(raw, size - 1, width, "> ", "  ", TEXT_EMOJI_SAFE);
	check_clean(wrapped, false);
	free(wrapped);
	free(cut);
	free(line);
	free(clean);
	free(raw);
	return 0;
}
