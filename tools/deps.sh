#!/bin/sh
# Installs the Debian packages a make target needs when they are missing.
# Usage: tools/deps.sh GROUP...   (groups: build test fuzz valgrind bench)
# Called by the Makefile; prints what it installs, does nothing when all is there.

missing=""
fuzz=""

need_pc() {	# pkg-config module, Debian package
	pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"
}
need_file() {	# file, Debian package
	[ -e "$1" ] || missing="$missing $2"
}
need_cmd() {	# command, Debian package
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need_py() {	# module of Debian's /usr/bin/python3, Debian package
	/usr/bin/python3 -c "import $1" >/dev/null 2>&1 || missing="$missing $2"
}
# libFuzzer's runtime, where the installed clang looks for it (its builtins
# library's name with "fuzzer" for "builtins"); the package named after
# clang's major version. Asked only once clang is there (see below).
need_fuzzer_runtime() {
	builtins=$(clang -print-libgcc-file-name -rtlib=compiler-rt 2>/dev/null)
	[ -n "$builtins" ] && [ -e "$(dirname "$builtins")/$(basename "$builtins" | sed 's/builtins/fuzzer/')" ] && return
	major=$(clang -dumpversion 2>/dev/null | cut -d. -f1)
	[ -n "$major" ] && missing="$missing libclang-rt-$major-dev"
}

for group in "$@"; do
	case "$group" in
	build)
		need_cmd pkg-config pkg-config
		need_cmd cc gcc
		need_pc libxml-2.0 libxml2-dev
		need_pc ncursesw libncurses-dev
		need_pc libcurl libcurl4-openssl-dev
		need_pc sqlite3 libsqlite3-dev
		need_pc yajl libyajl-dev
		need_file /usr/include/unilbrk.h libunistring-dev
		need_pc libzstd libzstd-dev
		;;
	test)
		need_pc cmocka libcmocka-dev
		need_cmd tmux tmux
		need_cmd python3 python3
		need_cmd sqlite3 sqlite3
		need_cmd groff groff
		need_file /usr/bin/time time
		need_cmd openssl openssl
		# the sync tests' feed servers: FreshRSS (PHP, SQLite) and what ttrss-start.sh runs
		need_cmd php php8.2-cli
		for m in sqlite3 curl xml mbstring intl zip pgsql; do
			need_file /usr/share/doc/php8.2-$m php8.2-$m
		done
		need_file /usr/share/tt-rss/www/api tt-rss
		need_cmd psql postgresql-client
		need_file /usr/lib/postgresql postgresql
		need_cmd curl curl
		;;
	fuzz)
		need_cmd clang clang
		fuzz=1
		;;
	valgrind)
		need_cmd valgrind valgrind
		;;
	bench)
		need_cmd python3 python3
		need_cmd tmux tmux
		need_cmd xmllint libxml2-utils
		need_cmd sfeed sfeed
		need_cmd newsboat newsboat
		need_cmd hyperfine hyperfine
		need_cmd jq jq
		need_file /usr/bin/time time
		# bench/extract.sh: readability-lxml, and lxml for the pages' score.py
		need_py readability python3-readability
		need_py lxml.html python3-lxml
		;;
	esac
done

# install_missing: apt-get install what is missing (when root), or say how to.
install_missing() {
	[ -z "$missing" ] && return 0
	# Several groups may name one package.
	missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')
	if [ "$(id -u)" != 0 ]; then
		echo "byline: missing Debian packages: $missing" >&2
		echo "byline: install them with: sudo apt-get install -y $missing" >&2
		exit 1
	fi
	echo "byline: installing missing Debian packages: $missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get install -y -q $missing >&2; then
		apt-get update -q >&2 && apt-get install -y -q $missing >&2 || exit 1
	fi
	missing=""
}

install_missing
# The fuzzer runtime's package follows the clang just installed.
if [ -n "$fuzz" ]; then
	need_fuzzer_runtime
	install_missing
fi
