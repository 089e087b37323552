# The Makefile asks tools/deps.sh for what each goal needs (make -n -p: nothing
# is built), and make clean names every build directory .gitignore lists.
. tests/cli/lib.sh

# groups GOAL...: the deps.sh groups make computes for these goals.
groups() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD -u PROG -u EXTRA_CFLAGS make -n -p "$@" 2>/dev/null |
		sed -n 's/^DEP_GROUPS := //p' | head -n 1 | tr -s ' ' | sed 's/ *$//'
}

while read -r want goals; do
	# shellcheck disable=SC2086
	got=$(groups $goals)
	[ "$want" = - ] && want=""
	want=$(echo "$want" | tr , ' ')
	case "$got" in *'$('*) got="" ;; esac	# make -p shows an all-blank value as an expression
	check "make ${goals:-(no goal)} asks deps.sh for '${want}' (got '$got')" test "$got" = "$want"
done <<'EOF'
build
build install
build all
build,test test
build,test check-asan
build,test,valgrind check-valgrind
build,test build/tests/test_util
build,fuzz fuzz
build,test,fuzz robustness
build,bench bench
- clean
- uninstall
EOF

env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -n clean >"$T_TMP/clean" 2>&1
for path in $(sed -n 's|^/\([^*]*[^/]\)/*$|\1|p' .gitignore); do
	case "$path" in build* | byline*) ;; *) continue ;; esac
	grep -q "rm -rf.* $path\( \|$\)" "$T_TMP/clean" && ok "make clean removes $path" \
		|| fail "make clean removes $path: $(cat "$T_TMP/clean")"
done
finish
