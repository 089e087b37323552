/* In-process timing of extract_page: each page read once, extracted RUNS times; prints the median milliseconds per page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/buf.h"
#include "byline/extract.h"
#include "bench.h"

static int
slurp(const char *path, struct buf *b)
{
	FILE *fp = fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (!fp)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(b, chunk, n);
	fclose(fp);
	return 0;
}

/* usage: extract_bench RUNS FILE...: one line per file, "MS BYTES FILE" (median of RUNS). */
int
main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5, i, r;
	double *t;

	if (argc < 3 || runs < 1) {
		fprintf(stderr, "usage: extract_bench RUNS FILE...\n");
		return 2;
	}
	t = calloc((size_t)runs, sizeof *t);
	for (i = 2; i < argc; i++) {
		struct buf page = {0};

		if (slurp(argv[i], &page)) {
			fprintf(stderr, "extract_bench: cannot read %s\n", argv[i]);
			return 1;
		}
		for (r = 0; r < runs; r++) {
			struct extract_article *a = NULL;
			struct bl_err err;
			double t0 = now_ms();

			extract_page(page.data ? page.data : "", page.len, "https://example.org/a/b.html",
				     NULL, &a, &err);
			t[r] = now_ms() - t0;
			extract_article_free(&a);
		}
		qsort(t, (size_t)runs, sizeof *t, cmp_double);
		printf("%.3f %zu %s\n", t[runs / 2], page.len, argv[i]);
		buf_free(&page);
	}
	free(t);
	return 0;
}
