#!/bin/sh
# Runs byline parse the way an HTTP fetch would: dump.sh BYLINE CONTENT-TYPE BASE FILE.
# The charset parameter of the Content-Type becomes --charset (RFC 7303).
byline=$1 ct=$2 base=$3 file=$4
charset=$(printf '%s' "$ct" | sed -n 's/.*charset=["'\'']*\([A-Za-z0-9._:-]*\).*/\1/Ip')
set -- "$byline" parse
[ -n "$base" ] && set -- "$@" --url "$base"
[ -n "$charset" ] && set -- "$@" --charset "$charset"
exec "$@" "$file" 2>/dev/null
