# The top-level command line: --help, --version, unknown commands.
. tests/cli/lib.sh

out=$($BYLINE --version)
check "--version prints the version" test "$(echo "$out" | cut -d' ' -f1)" = byline
$BYLINE --help >"$T_TMP/help"
check "--help exits 0 and prints usage" grep -q '^usage: byline' "$T_TMP/help"
$BYLINE frobnicate 2>"$T_TMP/err"
check "unknown command exits 1" test $? = 1
check "unknown command is named" grep -q "unknown command 'frobnicate'" "$T_TMP/err"
finish
