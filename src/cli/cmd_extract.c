/* byline extract: the article of a web page (a file, standard input or a URL) as text, HTML or JSON. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "byline/cli.h"
#include "byline/cli_common.h"
#include "byline/config.h"
#include "byline/date.h"
#include "byline/extract.h"
#include "byline/fetch.h"
#include "byline/fulltext.h"
#include "byline/item.h"
#include "byline/json.h"
#include "byline/mem.h"

static const char usage_text[] =
	"usage: byline extract [--url URL] [--format text|html|json] FILE|URL|-\n"
	"\n"
	"Finds the article in a web page (a file, standard input with -, or an http\n"
	"or https URL, fetched as feeds are) and prints it: as plain text, one\n"
	"paragraph a line (the default), as clean HTML, or as JSON with its title,\n"
	"author, date, language and site. Exit 0 when an article was found, 1 when\n"
	"not (the message says why), 2 for a wrong command line.\n"
	"\n"
	"  --url URL           the page's own URL, for its relative links\n"
	"  --format FORMAT     text (default), html or json\n"
	"  -c, --config FILE   config for fetching a URL (timeout, max-size,\n"
	"                      user-agent, proxy)\n"
	"  -h, --help          this help\n";

enum format { FMT_TEXT, FMT_HTML, FMT_JSON };

struct extract_args {
	const char *url;
	const char *page;
	enum format format;
	struct cli_common co;
};

static int
bad_usage(const char *fmt, const char *what)
{
	fprintf(stderr, "byline extract: ");
	fprintf(stderr, fmt, what);
	fprintf(stderr, " (try byline extract --help)\n");
	return 2;
}

static int
parse_format(const char *s, enum format *f)
{
	if (!strcmp(s, "text"))
		*f = FMT_TEXT;
	else if (!strcmp(s, "html"))
		*f = FMT_HTML;
	else if (!strcmp(s, "json"))
		*f = FMT_JSON;
	else
		return bad_usage("--format takes text, html or json, not '%s'", s);
	return -1;
}

/* Returns -1 when the arguments are fine, else the exit status. */
static int
parse_args(int argc, char **argv, struct extract_args *a)
{
	int i, r;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(usage_text, stdout);
			return 0;
		} else if ((r = cli_common_option("extract", argc, argv, &i, &a->co)) != 0) {
			if (r < 0)
				return 2;
		} else if ((!strcmp(arg, "--url") || !strcmp(arg, "--format")) && i + 1 >= argc) {
			return bad_usage("%s needs a value", arg);
		} else if (!strcmp(arg, "--url")) {
			a->url = argv[++i];
		} else if (!strcmp(arg, "--format")) {
			if ((r = parse_format(argv[++i], &a->format)) >= 0)
				return r;
		} else if (arg[0] == '-' && arg[1]) {
			return bad_usage("unknown option '%s'", arg);
		} else if (a->page) {
			return bad_usage("one page at a time ('%s' is one too many)", arg);
		} else {
			a->page = arg;
		}
	}
	if (!a->page)
		return bad_usage("%s", "which page? give a FILE, a URL or - for standard input");
	return -1;
}

/* The page's name as messages show it: one line, no control characters. */
static const char *
shown(const char *page, struct buf *b)
{
	buf_reset(b);
	cli_clean_field(b, strcmp(page, "-") ? page : "<stdin>");
	return buf_cstr(b);
}

static bool
is_url(const char *s)
{
	return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

/* ---- reading a file ---- */

static enum bl_status
read_file(const char *file, struct buf *b, struct bl_err *err)
{
	FILE *fp = strcmp(file, "-") ? fopen(file, "rb") : stdin;
	char chunk[65536];
	size_t n;
	enum bl_status st = BL_OK;

	if (!fp)
		return bl_err_set(err, "cannot open it: %s", strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (b->len + n > EXTRACT_MAX_PAGE) {
			st = bl_err_set(err, "larger than %zu MiB; not read", EXTRACT_MAX_PAGE >> 20);
			break;
		}
		buf_append(b, chunk, n);
	}
	if (st == BL_OK && ferror(fp))
		st = bl_err_set(err, "cannot read it: %s", strerror(errno));
	if (fp != stdin)
		fclose(fp);
	return st;
}

/* ---- fetching a URL ---- */

static enum bl_status
fetch_page(const char *url, const struct cli_common *co, struct page_download *d,
	   struct bl_err *err)
{
	struct config *cfg = cli_load_config(co, true);
	struct fetch_request req = { .url = url };
	struct fetcher *f;

	if (!cfg)
		return bl_err_set(err, "the config could not be read (see above)");
	f = fetcher_new(&(struct fetch_options){
		.max_connections = 1, .max_per_host = 1, .timeout = cfg->timeout,
		.max_size = cfg->max_size, .user_agent = cfg->user_agent, .proxy = cfg->proxy,
	}, err);
	config_free(&cfg);
	if (!f)
		return BL_ERR;
	fetcher_add(f, &req, &page_download_callbacks, d);
	while (!d->done) {
		fetcher_wait(f, -1, 1000, NULL);
		fetcher_step(f);
	}
	fetcher_free(&f);
	if (d->outcome != FETCH_OK)
		return bl_err_set(err, "%s", d->error[0] ? d->error : "the page could not be fetched");
	return BL_OK;
}

/* ---- output ---- */

static void
json_field(struct buf *b, const char *key, const char *value, bool first)
{
	buf_printf(b, "%s\"%s\":", first ? "" : ",", key);
	if (value)
		json_put_valid_string(b, value, strlen(value));
	else
		buf_puts(b, "null");
}

static void
put_json(struct buf *b, const struct extract_article *a)
{
	char iso[32];
	size_t i;

	buf_putc(b, '{');
	json_field(b, "url", a->url, true);
	json_field(b, "title", a->title, false);
	json_field(b, "author", a->author, false);
	if (a->published != BL_NO_DATE)
		date_format_iso(a->published, iso, sizeof iso);
	json_field(b, "published", a->published != BL_NO_DATE ? iso : NULL, false);
	json_field(b, "lang", a->lang, false);
	json_field(b, "site", a->site, false);
	json_field(b, "html", a->html, false);
	json_field(b, "text", a->text, false);
	buf_puts(b, ",\"warnings\":[");
	for (i = 0; i < a->nwarnings; i++) {
		if (i)
			buf_putc(b, ',');
		json_put_valid_string(b, a->warnings[i], strlen(a->warnings[i]));
	}
	buf_puts(b, "]}\n");
}

static int
print_article(const struct extract_article *a, enum format fmt, const char *name)
{
	struct buf out = {0};
	size_t i;
	int rc = 0;

	if (fmt == FMT_JSON) {
		put_json(&out, a);
	} else {
		for (i = 0; i < a->nwarnings; i++)
			fprintf(stderr, "byline extract: %s: %s\n", name, a->warnings[i]);
		buf_puts(&out, fmt == FMT_HTML ? a->html : a->text);
		if (fmt == FMT_HTML)
			buf_putc(&out, '\n');
	}
	if (fwrite(out.data ? out.data : "", 1, out.len, stdout) != out.len || fflush(stdout)) {
		fprintf(stderr, "byline extract: cannot write the output: %s\n", strerror(errno));
		rc = 1;
	}
	buf_free(&out);
	return rc;
}

int
cmd_extract(int argc, char **argv)
{
	struct extract_args a = {0};
	struct page_download d = {0};
	struct extract_article *art = NULL;
	struct bl_err err = {0};
	struct buf name = {0};
	const char *url;
	int rc = parse_args(argc, argv, &a);

	if (rc >= 0)
		return rc;
	if (is_url(a.page) ? fetch_page(a.page, &a.co, &d, &err) : read_file(a.page, &d.body, &err)) {
		fprintf(stderr, "byline extract: %s: %s\n", shown(a.page, &name), err.msg);
		rc = 1;
		goto out;
	}
	url = a.url ? a.url : d.doc_url;
	if (extract_page(d.body.data ? d.body.data : "", d.body.len, url, d.charset, &art, &err)) {
		fprintf(stderr, "byline extract: %s: %s\n", shown(a.page, &name), err.msg);
		rc = 1;
		goto out;
	}
	rc = print_article(art, a.format, shown(a.page, &name));
out:
	extract_article_free(&art);
	page_download_clear(&d);
	buf_free(&name);
	return rc;
}
