/* The hardened libxml2 SAX2 setup the feed and OPML readers share (see sax_setup_int.h). */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "sax_setup_int.h"

#define SAX_BASE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
#define SAX_REFUSED_OPTIONS (XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR | \
			     XML_PARSE_DTDVALID | XML_PARSE_XINCLUDE | XML_PARSE_HUGE)

/* Only the five XML entities exist. */
static xmlEntityPtr
predefined_only(void *ud, const xmlChar *name)
{
	return xmlGetPredefinedEntity(name);
}

static xmlEntityPtr
no_parameter_entity(void *ud, const xmlChar *name)
{
	return NULL;
}

static void
drop_entity_decl(void *ud, const xmlChar *name, int type, const xmlChar *public_id,
		 const xmlChar *system_id, xmlChar *content)
{
}

void
sax_hardened_init(xmlSAXHandler *h)
{
	memset(h, 0, sizeof(*h));
	h->initialized = XML_SAX2_MAGIC;
	h->getEntity = predefined_only;
	h->getParameterEntity = no_parameter_entity;
	h->entityDecl = drop_entity_decl;
	/* externalSubset, internalSubset and resolveEntity stay NULL: no DTD is loaded */
}

xmlParserCtxtPtr
sax_hardened_ctxt(xmlSAXHandler *h, void *ud, const char *url, int options)
{
	xmlParserCtxtPtr c;

	xmlInitParser();
	c = xmlCreatePushParserCtxt(h, ud, NULL, 0, url);
	if (!c)
		return NULL;
	xmlCtxtUseOptions(c, (SAX_BASE_OPTIONS | options) & ~SAX_REFUSED_OPTIONS);
	c->myDoc = xmlNewDoc((const xmlChar *)"1.0");
	if (!c->myDoc) {
		xmlFreeParserCtxt(c);
		return NULL;
	}
	return c;
}

void
sax_hardened_free(xmlParserCtxtPtr *cp)
{
	xmlParserCtxtPtr c = *cp;

	if (!c)
		return;
	if (c->myDoc)
		xmlFreeDoc(c->myDoc);	/* ours, or one libxml2 made for a DOCTYPE */
	c->myDoc = NULL;
	xmlFreeParserCtxt(c);
	*cp = NULL;
}
