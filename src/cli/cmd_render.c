/* byline render: one HTML document to terminal text, as the reader shows articles. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "byline/buf.h"
#include "byline/cli.h"
#include "byline/render.h"
#include "byline/text.h"

#define MAX_INPUT ((size_t)1 << 30)

static const char usage_text[] =
	"usage: byline render [--width N] [--base URL] [--color]\n"
	"                     [--emoji safe|passthrough] [FILE|-]\n"
	"\n"
	"Renders one HTML document (FILE, or standard input) as the reader shows\n"
	"articles: wrapped to N columns (default: the terminal's width, else 80),\n"
	"links numbered and listed at the end, relative links resolved against URL.\n"
	"\n"
	"  --width N           wrap to N columns\n"
	"  --base URL          resolve relative links against URL\n"
	"  --color             ANSI styling (bold, italic, links, code, quotes)\n"
	"  --emoji MODE        safe (default) or passthrough, as `set emoji`\n"
	"  -h, --help          this help\n";

struct render_args {
	struct render_opts opts;
	bool color;
	const char *file;
};

static int
terminal_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static int
bad_usage(const char *fmt, const char *what)
{
	fprintf(stderr, "byline render: ");
	fprintf(stderr, fmt, what);
	fprintf(stderr, "\n%s", usage_text);
	return 1;	/* as every other command's usage errors */
}

/* Returns -1 when the arguments are fine, else the exit status. */
static int
parse_args(int argc, char **argv, struct render_args *a)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		char *end;

		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(usage_text, stdout);
			return 0;
		} else if (!strcmp(arg, "--color")) {
			a->color = true;
		} else if ((!strcmp(arg, "--width") || !strcmp(arg, "--base") ||
			    !strcmp(arg, "--emoji")) && i + 1 >= argc) {
			return bad_usage("%s needs a value", arg);
		} else if (!strcmp(arg, "--width")) {
			long w = strtol(argv[++i], &end, 10);

			if (*end || end == argv[i] || w < 1 || w > 10000)
				return bad_usage("--width wants a number of columns from 1 to 10000, not '%s'", argv[i]);
			a->opts.width = (int)w;
		} else if (!strcmp(arg, "--base")) {
			a->opts.base = argv[++i];
		} else if (!strcmp(arg, "--emoji")) {
			if (!text_emoji_parse(argv[++i], &a->opts.emoji))
				return bad_usage("--emoji wants 'safe' or 'passthrough', not '%s'", argv[i]);
		} else if (arg[0] == '-' && arg[1]) {
			return bad_usage("unknown option '%s'", arg);
		} else if (a->file) {
			return bad_usage("one document at a time ('%s' is one too many)", arg);
		} else {
			a->file = arg;
		}
	}
	return -1;
}

static int
read_input(const char *file, struct buf *b)
{
	FILE *fp = strcmp(file, "-") ? fopen(file, "rb") : stdin;
	char chunk[65536];
	size_t n;

	if (!fp) {
		fprintf(stderr, "byline render: cannot open %s: %s\n", file, strerror(errno));
		return 1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (b->len + n > MAX_INPUT) {
			fprintf(stderr, "byline render: %s is larger than 1 GiB; not rendered\n", file);
			break;
		}
		buf_append(b, chunk, n);
	}
	if (ferror(fp) || b->len + n > MAX_INPUT) {
		if (ferror(fp))
			fprintf(stderr, "byline render: cannot read %s: %s\n", file, strerror(errno));
		if (fp != stdin)
			fclose(fp);
		return 1;
	}
	if (fp != stdin)
		fclose(fp);
	return 0;
}

int
cmd_render(int argc, char **argv)
{
	struct render_args a = {0};
	struct buf in = {0};
	struct render_doc *doc;
	struct bl_err err;
	int rc = parse_args(argc, argv, &a);

	if (rc >= 0)
		return rc;
	text_init();
	if (!a.file)
		a.file = "-";
	if (!a.opts.width)
		a.opts.width = terminal_width();
	if ((rc = read_input(a.file, &in)))
		goto out;
	doc = render_html(in.data ? in.data : "", in.len, &a.opts, &err);
	if (!doc) {
		fprintf(stderr, "byline render: %s: %s\n", a.file, err.msg);
		rc = 1;
		goto out;
	}
	buf_free(&in);
	if (render_print(doc, stdout, a.color) || fflush(stdout)) {
		fprintf(stderr, "byline render: cannot write the output: %s\n", strerror(errno));
		rc = 1;
	}
	render_free(&doc);
out:
	buf_free(&in);
	return rc;
}
