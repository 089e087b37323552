/* HTML named entities that feeds use without declaring them (libxml2's compiled-in HTML 4 table). */
#include <string.h>

#include <libxml/HTMLparser.h>

#include "parse_internal.h"

/* Encodes c as UTF-8 into out (at least 5 bytes), NUL-terminated. */
static const char *
utf8_of(unsigned c, char out[8])
{
	unsigned char *o = (unsigned char *)out;

	if (c < 0x80) {
		o[0] = (unsigned char)c, o[1] = 0;
	} else if (c < 0x800) {
		o[0] = (unsigned char)(0xc0 | (c >> 6));
		o[1] = (unsigned char)(0x80 | (c & 0x3f));
		o[2] = 0;
	} else if (c < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (c >> 12));
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (c & 0x3f));
		o[3] = 0;
	} else {
		o[0] = (unsigned char)(0xf0 | (c >> 18));
		o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
		o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		o[3] = (unsigned char)(0x80 | (c & 0x3f));
		o[4] = 0;
	}
	return out;
}

const char *
entity_lookup(const char *name, char out[8])
{
	const htmlEntityDesc *d;

	if (!strcmp(name, "apos"))
		return utf8_of('\'', out);
	d = htmlEntityLookup((const xmlChar *)name);
	if (!d)
		return NULL;
	return utf8_of(d->value, out);
}
