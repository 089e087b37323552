/* The floor for make bench's JSON section: a yajl streaming parse that does nothing but count. */
#include <stdio.h>

#include <yajl/yajl_parse.h>

static unsigned long nvalues, nbytes;

static int
on_string(void *ctx, const unsigned char *s, size_t n)
{
	nvalues++;
	nbytes += n;
	return 1;
}

static int
on_value(void *ctx)
{
	nvalues++;
	return 1;
}

static int
on_number(void *ctx, const char *s, size_t n)
{
	nvalues++;
	return 1;
}

int
main(int argc, char **argv)
{
	static unsigned char chunk[65536];
	static const yajl_callbacks cb = {
		.yajl_null = on_value, .yajl_number = on_number, .yajl_string = on_string,
		.yajl_start_map = on_value, .yajl_start_array = on_value,
	};
	yajl_handle h;
	FILE *fp;
	size_t n;

	if (argc != 2 || !(fp = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: yajl_bare FILE\n");
		return 1;
	}
	h = yajl_alloc(&cb, NULL, NULL);
	yajl_config(h, yajl_dont_validate_strings, 1);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (yajl_parse(h, chunk, n) != yajl_status_ok)
			break;
	yajl_complete_parse(h);
	yajl_free(h);
	fclose(fp);
	printf("%lu values, %lu bytes of strings\n", nvalues, nbytes);
	return 0;
}
