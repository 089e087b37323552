/* The floor for make bench: a libxml2 SAX2 push parse that does nothing but count. */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

static unsigned long nelem, nchars;

static void
on_start(void *ctx, const xmlChar *l, const xmlChar *p, const xmlChar *u, int nn,
	 const xmlChar **ns, int na, int nd, const xmlChar **a)
{
	nelem++;
}

static void
on_chars(void *ctx, const xmlChar *ch, int len)
{
	nchars += (unsigned long)len;
}

int
main(int argc, char **argv)
{
	static char chunk[65536];
	xmlSAXHandler sax;
	xmlParserCtxtPtr ctxt;
	FILE *fp;
	size_t n;

	if (argc != 2 || !(fp = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: sax_bare FILE\n");
		return 1;
	}
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.characters = on_chars;
	sax.cdataBlock = on_chars;
	ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, argv[1]);
	xmlCtxtUseOptions(ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
				XML_PARSE_NOWARNING);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		xmlParseChunk(ctxt, chunk, (int)n, 0);
	xmlParseChunk(ctxt, NULL, 0, 1);
	xmlFreeParserCtxt(ctxt);
	fclose(fp);
	printf("%lu elements, %lu bytes of text\n", nelem, nchars);
	return 0;
}
