# Conformance against the peers' corpora (../shared/corpus, or $CORPUS), when it is there:
# every rate must stay at or above its floor in tests/conformance/floors.
. tests/cli/lib.sh

if [ ! -d "${CORPUS:-../shared/corpus}/tools" ]; then
	ok "conformance skipped: ${CORPUS:-../shared/corpus} is absent"
	finish
fi
sh tests/conformance/run.sh "$BYLINE" "$T_TMP/conf" >"$T_TMP/log" 2>&1 || {
	fail "conformance run: $(tail -n 3 "$T_TMP/log")"
	finish
}
while read -r name floor; do
	case "$name" in ''|'#'*) continue ;; esac
	line=$(grep "^$name " "$T_TMP/conf/summary")
	rate=$(echo "$line" | cut -d' ' -f2)
	if [ -n "$rate" ] && awk "BEGIN{exit !($rate >= $floor)}"; then
		ok "conformance $name $rate (floor $floor) $(echo "$line" | cut -d' ' -f3)"
	else
		fail "conformance $name ${rate:-missing} below floor $floor"
	fi
done <tests/conformance/floors
finish
