# Helpers for CLI test scripts: sourced, not run.
# ok/fail print one line per check; finish exits non-zero if any failed.

: "${BYLINE:=./byline}"
T_FAILED=0
T_TMP=$(mktemp -d)
trap 'rm -rf "$T_TMP"' EXIT

ok() { echo "ok $1"; }
fail() { echo "not ok $1"; T_FAILED=1; }
# check NAME CONDITION-COMMAND...
check() {
	name=$1; shift
	if "$@"; then ok "$name"; else fail "$name"; fi
}
finish() { exit "$T_FAILED"; }
