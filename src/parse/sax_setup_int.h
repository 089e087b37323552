/* The hardened libxml2 SAX2 setup the feed and OPML readers share: no DTD, no declared entity, no network. */
#ifndef BYLINE_SAX_SETUP_INT_H
#define BYLINE_SAX_SETUP_INT_H

#include <libxml/parser.h>

/*
 * Fills h for a namespace-aware SAX2 reader that never loads a DTD nor
 * expands an entity a document declares: getEntity knows only the five
 * XML entities, parameter entities are never found, declarations are
 * dropped, and externalSubset, internalSubset and resolveEntity stay NULL
 * (so neither file:// nor http:// is ever read: XML_PARSE_NONET alone does
 * not stop a file:// XXE). The caller adds its element and text callbacks;
 * it may replace getEntity and entityDecl with ones that are as strict.
 */
void sax_hardened_init(xmlSAXHandler *h);

/*
 * A push parser on h for ud, with `options` on top of NONET, NOERROR and
 * NOWARNING; options that would load or expand anything (NOENT, DTDLOAD,
 * DTDATTR, DTDVALID, XINCLUDE) or lift libxml2's size and depth limits
 * (HUGE) are refused. The context holds an empty document of its own, so
 * libxml2 never keeps the entities a DTD declares (its "SAX compatibility"
 * path does, when there is none). NULL when out of memory; the caller
 * frees it with sax_hardened_free.
 */
xmlParserCtxtPtr sax_hardened_ctxt(xmlSAXHandler *h, void *ud, const char *url, int options);

/* Frees the context and its document; *cp becomes NULL. */
void sax_hardened_free(xmlParserCtxtPtr *cp);

#endif
