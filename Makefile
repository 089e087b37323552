# byline — a terminal news reader. Plain Makefile; see README.md.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
CC      ?= cc
CFLAGS  ?= -O2 -g
BUILD   ?= build
# CI turns warnings into errors.
WERROR  ?= $(if $(CI),-Werror,)
PKGS     = libxml-2.0 ncursesw libcurl sqlite3 yajl libzstd
FUZZ_SECONDS ?= 60

# Install what the goals need (tools/deps.sh groups) before asking pkg-config:
# the build's for all but clean and uninstall, the tests' only for the targets
# that run tests, and so on.
GOALS      := $(or $(MAKECMDGOALS),all)
DEP_GROUPS := $(if $(filter-out clean uninstall,$(GOALS)),build) \
	      $(if $(filter test check-asan check-valgrind conformance robustness $(BUILD)/tests/%,$(GOALS)),test) \
	      $(if $(filter check-valgrind,$(GOALS)),valgrind) \
	      $(if $(filter fuzz robustness,$(GOALS)),fuzz) \
	      $(if $(filter bench,$(GOALS)),bench)
ifneq ($(strip $(DEP_GROUPS)),)
DEPS_STATUS := $(shell sh tools/deps.sh $(DEP_GROUPS) >&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error could not install the packages byline needs (see above))
endif
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libcurl is not linked: src/fetch/curl_load.c opens it on first use.
# The libraries of the store, the reader and the text (Debian's -dev packages
# ship their archives too) are linked in: Debian builds them with -z now, so
# as shared libraries the loader binds every symbol they import at each start,
# commands that never call them included (byline parse: 3 M instructions, a
# few ms, half its start-up; doc/PARSE-web.md). STATIC_LIBS= links them all
# as shared libraries. libxml2, libm and libc stay shared.
STATIC_LIBS ?= -lncursesw -ltinfo -lsqlite3 -lyajl_s -lzstd -lunistring
LINK_STATIC  = -Wl,-Bstatic $(STATIC_LIBS) -Wl,-Bdynamic -lz
PKG_LIBS   := $(if $(strip $(STATIC_LIBS)),$(shell pkg-config --libs libxml-2.0 2>/dev/null) $(LINK_STATIC),\
	$(shell pkg-config --libs $(filter-out libcurl,$(PKGS)) 2>/dev/null) -lunistring) -lm -ldl
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)
# The library -lcurl names, for curl_load.c to open: libcurl.so.4, or libcurl-gnutls.so.4
# when Debian's GnuTLS flavour of libcurl-dev is the one installed.
CURL_SONAME := $(shell objdump -p "$$($(CC) -print-file-name=libcurl.so)" 2>/dev/null | sed -n 's/^ *SONAME *//p')

WARN      = -Wall -Wextra -Wno-unused-parameter $(WERROR)
ALL_CFLAGS = -std=gnu11 -Iinclude $(PKG_CFLAGS) $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) -MMD -MP \
	     $(if $(CURL_SONAME),-DCURL_SONAME='"$(CURL_SONAME)"')
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC   := $(sort $(shell find src -name '*.c' ! -path src/main.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/config_example.o
TEST_SRC  := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
PROG      ?= byline

.PHONY: all run test test-run check-asan asan fuzz bench bench-store conformance clean install uninstall

all: $(PROG)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# config.example is compiled in: it is the built-in defaults.
$(BUILD)/gen/config_example.c: config.example
	@mkdir -p $(dir $@)
	{ echo '#include "byline/config.h"'; echo 'const char config_example_text[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' config.example; \
	  echo ';'; } >$@

$(BUILD)/gen/config_example.o: $(BUILD)/gen/config_example.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libbyline.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(PROG): $(BUILD)/src/main.o $(BUILD)/libbyline.a
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libbyline.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libbyline.a $(CMOCKA_LIBS) $(PKG_LIBS)

# The reader on the built-in feeds.
run: $(PROG)
	./$(PROG)

# Every test: cmocka unit tests, CLI and integration scripts, screen tests.
test: $(PROG) $(TEST_BIN)
	@BYLINE=./$(PROG) BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN)

asan:
	$(MAKE) BUILD=build-asan PROG=byline-asan EXTRA_CFLAGS="$(SAN_FLAGS)" byline-asan

# The whole suite with AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan:
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(MAKE) BUILD=build-asan PROG=byline-asan EXTRA_CFLAGS="$(SAN_FLAGS)" test

# The unit tests under valgrind: no invalid access, no definite leak.
.PHONY: check-valgrind
check-valgrind: $(TEST_BIN)
	@sh tests/valgrind.sh $(TEST_BIN)

# The long hardening run and its figures (hostile feeds, servers, kills, fuzzing).
.PHONY: robustness
robustness: $(PROG)
	@BYLINE=./$(PROG) sh tests/robustness.sh

fuzz:
	@FUZZ_PKG_CFLAGS="$(PKG_CFLAGS)" FUZZ_PKG_LIBS="$(PKG_LIBS)" \
	sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_SRC)

# The store's read paths at 100,000 articles (builds bench/out/store-100k.db once).
$(BUILD)/bench/store_bench: bench/store_bench.c $(BUILD)/libbyline.a
	@mkdir -p $(dir $@) bench/out
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbyline.a $(PKG_LIBS)

# The scale bench's generator and probe (bench/scale.sh builds them through this rule).
$(BUILD)/bench/scale_%: bench/scale_%.c $(BUILD)/libbyline.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbyline.a $(PKG_LIBS) -lpthread

bench-store: $(BUILD)/bench/store_bench
	./$(BUILD)/bench/store_bench

# bench/extract.sh times the extractor in process.
$(BUILD)/bench/extract_bench: bench/extract_bench.c $(BUILD)/libbyline.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbyline.a $(PKG_LIBS)

bench: $(PROG) $(BUILD)/bench/extract_bench
	@EXTRACT_BENCH=$(BUILD)/bench/extract_bench sh bench/run.sh ./$(PROG)

# Pass rates against the peers' corpora in ../shared/corpus, and a crash sweep.
conformance: $(PROG)
	@sh tests/conformance/run.sh ./$(PROG)

install: $(PROG)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/byline
	install -m 644 man/byline.1 $(DESTDIR)$(MANDIR)/man1/byline.1
	install -m 644 man/byline-config.5 $(DESTDIR)$(MANDIR)/man5/byline-config.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/byline $(DESTDIR)$(MANDIR)/man1/byline.1 \
	      $(DESTDIR)$(MANDIR)/man5/byline-config.5

# Every build directory and binary .gitignore names (build-asan, build-tsan, byline-asan ...).
CLEAN_PATHS := $(shell sed -n 's|^/\(build[^/]*\)/$$|\1|p; s|^/\(byline[^/]*\)$$|\1|p' .gitignore)

clean:
	rm -rf $(CLEAN_PATHS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
