/* libFuzzer target for the config reader: any text; accepted feeds must survive a format/parse round trip. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline/buf.h"
#include "byline/config.h"
#include "byline/url.h"

/* A message goes to the terminal: no control byte, whatever the file held. */
static void
check_message(const char *m)
{
	for (; *m; m++)
		if ((unsigned char)*m < 0x20 || *m == 0x7f)
			abort();
}

static int
same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Feed lines written by config_format_feed read back as the same feed. */
static void
check_round_trip(const struct config *cfg)
{
	struct buf b = {0};
	struct config *again;
	struct bl_err err;
	size_t i, j;

	for (i = 0; i < cfg->nfeeds; i++) {
		config_format_feed(&b, &cfg->feeds[i]);
		buf_putc(&b, '\n');
	}
	again = config_parse(buf_cstr(&b), "round-trip", &err);
	if (!again || again->nfeeds != cfg->nfeeds)
		abort();
	for (i = 0; i < cfg->nfeeds; i++) {
		const struct config_feed *f = &cfg->feeds[i], *g = &again->feeds[i];

		if (strcmp(f->url, g->url) || !same_str(f->title, g->title) || f->ntags != g->ntags)
			abort();
		for (j = 0; j < f->ntags; j++)
			if (strcmp(f->tags[j], g->tags[j]))
				abort();
	}
	config_free(&again);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *cfg;
	struct bl_err err;
	char *text = malloc(size + 1);
	size_t i;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	cfg = config_parse(text, "fuzz.conf", &err);
	if (cfg) {
		for (i = 0; i < cfg->nfeeds; i++)
			if (url_feed_problem(cfg->feeds[i].url, true))
				abort();	/* an accepted feed URL is a valid one */
		check_round_trip(cfg);
		config_free(&cfg);
	} else {
		if (strncmp(err.msg, "fuzz.conf:", 10))
			abort();	/* every error names the file (and line) */
		check_message(err.msg);
	}
	free(text);
	return 0;
}
