/* libcurl loaded on first use, so commands that never fetch (parse, list, render) do not load it and its thirty libraries. */
#define CURL_DISABLE_TYPECHECK	/* the typecheck macros would rename the definitions below */
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "curl_load.h"

/*
 * byline is not linked with libcurl (see the Makefile): the functions it
 * calls are defined here with libcurl's own names and forward to the
 * library, opened by its soname on the first call. Linking it costs every
 * run of byline about 10 ms of dynamic linking. A function not listed
 * here is a link error: add it with the others.
 */
#ifndef CURL_SONAME	/* the Makefile reads it from the libcurl.so that -lcurl would link */
#define CURL_SONAME "libcurl.so.4"
#endif

static void *lib;
static pthread_once_t lib_once = PTHREAD_ONCE_INIT;
static char lib_error[512];	/* why dlopen failed; the fetcher reports it */

static void
open_lib(void)
{
	lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		snprintf(lib_error, sizeof(lib_error), "cannot load %s (%s)", CURL_SONAME,
			 dlerror());
}

const char *
curl_load_error(void)
{
	pthread_once(&lib_once, open_lib);
	return lib ? NULL : lib_error;
}

/* libcurl's function `name`, or NULL when the library cannot be loaded. */
static void *
lib_sym(const char *name)
{
	pthread_once(&lib_once, open_lib);
	return lib ? dlsym(lib, name) : NULL;
}

/* Declares fn: libcurl's `name`, looked up once. */
#define REAL(name)                                                                  \
	static __typeof__(&name) real_;                                             \
	__typeof__(&name) fn = __atomic_load_n(&real_, __ATOMIC_ACQUIRE);           \
	if (!fn) {                                                                  \
		fn = (__typeof__(&name))lib_sym(#name);                             \
		__atomic_store_n(&real_, fn, __ATOMIC_RELEASE);                     \
	}

/* The argument of a setopt call, passed on as the type the option takes. */
#define FORWARD_OPT(call_with, opt, ap)                                             \
	((opt) >= CURLOPTTYPE_OFF_T && (opt) < CURLOPTTYPE_BLOB                      \
		 ? call_with(va_arg(ap, curl_off_t))                                 \
	 : (opt) < CURLOPTTYPE_OBJECTPOINT ? call_with(va_arg(ap, long))              \
	 : (opt) >= CURLOPTTYPE_FUNCTIONPOINT && (opt) < CURLOPTTYPE_OFF_T           \
		 ? call_with(va_arg(ap, void (*)(void)))                             \
		 : call_with(va_arg(ap, void *)))

CURLcode
curl_global_init(long flags)
{
	REAL(curl_global_init);
	return fn ? fn(flags) : CURLE_FAILED_INIT;
}

void
curl_global_cleanup(void)
{
	REAL(curl_global_cleanup);
	if (fn)
		fn();
}

CURL *
curl_easy_init(void)
{
	REAL(curl_easy_init);
	return fn ? fn() : NULL;
}

void
curl_easy_cleanup(CURL *h)
{
	REAL(curl_easy_cleanup);
	if (fn)
		fn(h);
}

CURLcode
curl_easy_setopt(CURL *h, CURLoption opt, ...)
{
	CURLcode rc;
	va_list ap;
	REAL(curl_easy_setopt);

	if (!fn)
		return CURLE_FAILED_INIT;
	va_start(ap, opt);
#define CALL(v) fn(h, opt, v)
	rc = FORWARD_OPT(CALL, opt, ap);
#undef CALL
	va_end(ap);
	return rc;
}

CURLcode
curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
	CURLcode rc;
	va_list ap;
	REAL(curl_easy_getinfo);

	if (!fn)
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	rc = fn(h, info, va_arg(ap, void *));	/* every getinfo takes a pointer */
	va_end(ap);
	return rc;
}

const char *
curl_easy_strerror(CURLcode code)
{
	REAL(curl_easy_strerror);
	return fn ? fn(code) : "libcurl could not be loaded";
}

struct curl_slist *
curl_slist_append(struct curl_slist *list, const char *s)
{
	REAL(curl_slist_append);
	return fn ? fn(list, s) : NULL;
}

void
curl_slist_free_all(struct curl_slist *list)
{
	REAL(curl_slist_free_all);
	if (fn)
		fn(list);
}

void
curl_free(void *p)
{
	REAL(curl_free);
	if (fn)
		fn(p);
}

CURLU *
curl_url(void)
{
	REAL(curl_url);
	return fn ? fn() : NULL;
}

void
curl_url_cleanup(CURLU *u)
{
	REAL(curl_url_cleanup);
	if (fn)
		fn(u);
}

CURLUcode
curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
	REAL(curl_url_set);
	return fn ? fn(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLUcode
curl_url_get(CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
	REAL(curl_url_get);
	return fn ? fn(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLM *
curl_multi_init(void)
{
	REAL(curl_multi_init);
	return fn ? fn() : NULL;
}

CURLMcode
curl_multi_cleanup(CURLM *m)
{
	REAL(curl_multi_cleanup);
	return fn ? fn(m) : CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_setopt(CURLM *m, CURLMoption opt, ...)
{
	CURLMcode rc;
	va_list ap;
	REAL(curl_multi_setopt);

	if (!fn)
		return CURLM_INTERNAL_ERROR;
	va_start(ap, opt);
#define CALL(v) fn(m, opt, v)
	rc = FORWARD_OPT(CALL, opt, ap);
#undef CALL
	va_end(ap);
	return rc;
}

CURLMcode
curl_multi_add_handle(CURLM *m, CURL *h)
{
	REAL(curl_multi_add_handle);
	return fn ? fn(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_remove_handle(CURLM *m, CURL *h)
{
	REAL(curl_multi_remove_handle);
	return fn ? fn(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_perform(CURLM *m, int *running)
{
	REAL(curl_multi_perform);
	return fn ? fn(m, running) : CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_poll(CURLM *m, struct curl_waitfd extra_fds[], unsigned int extra_nfds,
		int timeout_ms, int *ret)
{
	REAL(curl_multi_poll);
	return fn ? fn(m, extra_fds, extra_nfds, timeout_ms, ret) : CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_wakeup(CURLM *m)
{
	REAL(curl_multi_wakeup);
	return fn ? fn(m) : CURLM_INTERNAL_ERROR;
}

CURLMsg *
curl_multi_info_read(CURLM *m, int *msgs_in_queue)
{
	REAL(curl_multi_info_read);
	return fn ? fn(m, msgs_in_queue) : NULL;
}
