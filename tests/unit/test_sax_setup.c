/* Tests of the shared hardened libxml2 setup: nothing declared is expanded or kept, nothing external read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libxml/entities.h>

#include "byline/buf.h"
#include "../../src/parse/sax_setup_int.h"

static void
on_text(void *ud, const xmlChar *ch, int len)
{
	buf_append(ud, (const char *)ch, (size_t)len);
}

/* Parses doc with the shared setup; returns the text the reader saw (caller frees). */
static char *
parse_text(const char *doc, int options, xmlParserCtxtPtr *keep)
{
	xmlSAXHandler h;
	struct buf text = { 0 };
	xmlParserCtxtPtr c;

	sax_hardened_init(&h);
	h.characters = on_text;
	c = sax_hardened_ctxt(&h, &text, NULL, options);
	assert_non_null(c);
	xmlParseChunk(c, doc, (int)strlen(doc), 1);
	if (keep)
		*keep = c;
	else
		sax_hardened_free(&c);
	buf_putc(&text, '\0');
	return buf_steal(&text);
}

static void
test_refused_options(void **state)
{
	xmlSAXHandler h;
	xmlParserCtxtPtr c;

	sax_hardened_init(&h);
	c = sax_hardened_ctxt(&h, NULL, NULL, XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_HUGE |
				     XML_PARSE_RECOVER);
	assert_non_null(c);
	assert_int_equal(c->options & (XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_HUGE), 0);
	assert_true(c->options & XML_PARSE_NONET);
	assert_true(c->options & XML_PARSE_RECOVER);
	sax_hardened_free(&c);
	assert_null(c);
}

/* A declared entity is neither expanded nor kept (libxml2 keeps them when it has no document). */
static void
test_declared_entity_not_kept(void **state)
{
	xmlParserCtxtPtr c = NULL;
	char *text = parse_text("<!DOCTYPE r [<!ENTITY boom \"BOOM\">]><r>a&boom;b</r>", 0, &c);

	assert_null(strstr(text, "BOOM"));
	assert_non_null(strstr(text, "a"));
	assert_null(xmlGetDocEntity(c->myDoc, (const xmlChar *)"boom"));
	sax_hardened_free(&c);
	free(text);
}

/* A file:// external entity is never read, though NONET alone would not stop it. */
static void
test_no_file_xxe(void **state)
{
	char path[] = "/tmp/byline-xxe-XXXXXX", doc[256];
	int fd = mkstemp(path);
	char *text;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "SECRET", 6), 6);
	close(fd);
	snprintf(doc, sizeof(doc), "<!DOCTYPE r [<!ENTITY x SYSTEM \"file://%s\">]><r>&x;</r>", path);
	text = parse_text(doc, XML_PARSE_RECOVER, NULL);
	assert_null(strstr(text, "SECRET"));
	free(text);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_options),
		cmocka_unit_test(test_declared_entity_not_kept),
		cmocka_unit_test(test_no_file_xxe),
	};

	return cmocka_run_group_tests_name("sax_setup", tests, NULL, NULL);
}
