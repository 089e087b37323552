/* What curl_load.c tells the fetcher beyond libcurl's own API. */
#ifndef BYLINE_CURL_LOAD_H
#define BYLINE_CURL_LOAD_H

/*
 * Why libcurl could not be loaded ("cannot load libcurl.so.4 (…)"), or
 * NULL when it is loaded. Loads it if no call has yet. Static storage.
 */
const char *curl_load_error(void);

#endif
