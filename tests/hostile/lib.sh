# Helpers for the hostile catalogue: sourced after tests/http/lib.sh, not run.
# Generates the hostile feeds (tests/hostile/gen.py) and runs byline under a
# time limit while measuring its peak memory.

CAT="$T_TMP/cat"
SECRET="$T_TMP/secret.txt"
SECRET_MARK="SECRET-$$-do-not-leak"
# Items of the many-items case; make robustness asks for the full million.
HOSTILE_ITEMS=${HOSTILE_ITEMS:-1000000}
# Bounds: seconds per command, peak resident memory in MiB (sanitizers cost more).
HOSTILE_SECONDS=${HOSTILE_SECONDS:-120}
case "$BYLINE" in
*asan*) HOSTILE_MIB=${HOSTILE_MIB:-1536} ;;
*) HOSTILE_MIB=${HOSTILE_MIB:-256} ;;
esac

[ -x /usr/bin/time ] || { echo "not ok /usr/bin/time is missing (sh tools/deps.sh test)"; exit 1; }

# gen_catalogue XXE_URL: writes $CAT/NAME.xml; $CAT/cases lists "NAME<TAB>what".
gen_catalogue() {
	echo "$SECRET_MARK" >"$SECRET"
	python3 tests/hostile/gen.py "$CAT" "$SECRET" "$1" "$HOSTILE_ITEMS" >"$T_TMP/cases" ||
		{ echo "not ok the hostile feeds could not be generated"; exit 1; }
}

# bounded OUT ERR CMD...: runs CMD with stdout to OUT, stderr to ERR, under
# timeout; sets RC (124 = timed out), SECS and MIB (peak resident memory).
bounded() {
	out=$1 errf=$2
	shift 2
	/usr/bin/time -f '%e %M' -o "$T_TMP/time" timeout -s KILL "$HOSTILE_SECONDS" "$@" >"$out" 2>"$errf"
	RC=$?
	[ "$RC" = 137 ] && RC=124
	SECS=$(tail -n 1 "$T_TMP/time" | cut -d' ' -f1)
	MIB=$(( $(tail -n 1 "$T_TMP/time" | cut -d' ' -f2) / 1024 ))
}

# within NAME: one check that the last bounded command ended by itself, in bounds.
within() {
	if [ "$RC" = 124 ]; then
		fail "$1: still running after $HOSTILE_SECONDS s (killed)"
	elif [ "$RC" -gt 2 ]; then
		fail "$1: crashed or failed with status $RC: $(head -c 300 "$errf")"
	elif [ "$MIB" -gt "$HOSTILE_MIB" ]; then
		fail "$1: $MIB MiB resident, more than $HOSTILE_MIB"
	else
		ok "$1: exit $RC in $SECS s, $MIB MiB"
	fi
}

# clean MODE FILE NAME: the output holds nothing a terminal obeys, nor the secret.
clean() {
	why=$(python3 tests/hostile/check.py "$1" "$2" "$SECRET_MARK")
	if [ -z "$why" ]; then ok "$3"; else fail "$3: $why"; fi
}
