# Screen test: enclosures in the article view, download (d) in the background with progress,
# resumed with Range after a cut or a full disk, servers that cannot or will not resume,
# play (P) with the downloaded file, and byline list --json carrying enclosures.
. tests/http/lib.sh
. tests/ui/lib.sh
trap 'ui_stop; stop_server; rm -rf "$T_TMP"' EXIT

DL="$T_TMP/dl"
python3 - "$DOC" <<'PY'
import random, sys
r = random.Random(13)
for name, size in (("ep1.mp3", 3000000), ("ep2.mp3", 2500000), ("ep3.mp3", 400000),
                   ("ep4.mp3", 400000), ("ep5.mp3", 3000000)):
    open(sys.argv[1] + "/" + name, "wb").write(bytes(r.getrandbits(8) for _ in range(size)))
PY
start_server
N=0
item() {	# item TITLE URL LENGTH [DURATION]: newest first
	N=$((N + 1))
	printf '<item><guid>%s</guid><title>%s</title><link>http://example.org/%s</link>' "$1" "$1" "$1"
	printf '<pubDate>Thu, %02d Jan 2026 00:00:00 GMT</pubDate>' $((20 - N))
	printf '<description>&lt;p&gt;Show notes of %s.&lt;/p&gt;</description>' "$1"
	printf '<enclosure url="%s" length="%s" type="audio/mpeg"/>' "$2" "$3"
	[ -n "${4:-}" ] && printf '<itunes:duration>%s</itunes:duration>' "$4"
	printf '</item>\n'
}
{
	echo '<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Pod</title>'
	item "Episode one" "$BASE/cutonce/1000000/ep1.mp3" 3000000 1:02:05
	item "Episode two" "$BASE/slowdl/ep2.mp3" 2500000
	item "Episode three" "$BASE/liarange/ep3.mp3" 400000
	item "Episode four" "$BASE/norange/ep4.mp3" 400000
	item "Episode five" "$BASE/range/ep5.mp3" 3000000
	echo '</channel></rss>'
} >"$DOC/pod.xml"
REC="$T_TMP/rec.sh"
cat >"$REC" <<EOS
#!/bin/sh
{ echo "\$#"; for a in "\$@"; do printf '%s\n' "\$a"; done; } >"$T_TMP/played.part"
mv "$T_TMP/played.part" "$T_TMP/played"
EOS
chmod +x "$REC"
config "feed $BASE/f/pod.xml" "set refresh-on-start no" "set refresh-interval 0" "set layout list" \
	"set download-dir $DL" "set player \"$REC --fs %u\""
refresh
[ "$RC" = 0 ] || fail "the podcast feed refreshes: $(cat "$T_TMP/err")"

# list --json carries the enclosures.
$BYLINE list -c "$CONF" -d "$DB" --json >"$T_TMP/list.json"
python3 - "$T_TMP/list.json" "$BASE" <<'PY' && ok "list --json carries each enclosure's url, type, length and duration" || fail "list --json carries enclosures: $(head -c 600 "$T_TMP/list.json")"
import json, sys
rows = {r["title"]: r for r in map(json.loads, open(sys.argv[1]))}
e = rows["Episode one"]["enclosures"]
assert e == [{"url": sys.argv[2] + "/cutonce/1000000/ep1.mp3", "type": "audio/mpeg",
              "length": 3000000, "duration": 3725}], e
assert "duration" not in rows["Episode two"]["enclosures"][0]
PY

ui_start "$CONF" "$DB"
ui_keys G Enter
ui_check "the podcast's articles" "Episode one"
ui_keys Enter
ui_check "the article view lists the enclosure: type, size, running time" "Media:  [E1] audio/mpeg, 3.0 MB, 1:02:05"
ui_check "and its URL" "$BASE/cutonce/1000000/ep1.mp3"

# A download the server cuts: the bytes that came are kept; d again resumes with Range.
ui_keys d
ui_check "a cut download is said, with what was kept" "stopped at 1000000 bytes (kept; d resumes)"
[ "$(stat -c %s "$DL/Episode one.mp3.part" 2>/dev/null)" = 1000000 ] && ok "the .part holds them" \
	|| fail "the .part holds them: $(ls -l "$DL")"
ui_keys d
ui_check "d again finishes it" "downloaded $DL/Episode one.mp3"
cmp -s "$DL/Episode one.mp3" "$DOC/ep1.mp3" && ok "the file is the enclosure, byte for byte" \
	|| fail "the file is the enclosure, byte for byte"
[ ! -e "$DL/Episode one.mp3.part" ] && ok "no .part is left" || fail "no .part is left"
awk -F '\t' '$1 == "/cutonce/1000000/ep1.mp3" { print $6 }' "$LOG" | tail -n 1 | grep -qx "bytes=1000000-" \
	&& ok "the second request asked for the rest only (Range: bytes=1000000-)" \
	|| fail "the second request asked for the rest only: $(awk -F '\t' '{ print $1, $6 }' "$LOG")"
ui_keys d
ui_check "d on a downloaded enclosure says where it is" "downloaded already: $DL/Episode one.mp3"
ui_keys P
i=0; while [ ! -e "$T_TMP/played" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(sed -n 1p "$T_TMP/played" 2>/dev/null)" = 2 ] && [ "$(sed -n 3p "$T_TMP/played")" = "$DL/Episode one.mp3" ] \
	&& ok "P plays the downloaded file, its path one argument" \
	|| fail "P plays the downloaded file: $(cat "$T_TMP/played" 2>/dev/null)"

# A slow download: progress on the status line, the reader free meanwhile.
ui_keys q j Enter
ui_check "Episode two is open" "Title:  Episode two"
ui_keys d
ui_check_re "progress shows on the status line" "downloading [0-9]+% of 2.5 MB"
ui_keys q
ui_check "the reader moves while it downloads" "Episode three"
ui_keys j
ui_check_re "keys still work during the download" "downloading [0-9]+% of 2.5 MB"
rm -f "$T_TMP/played"
ui_keys Enter P
i=0; while [ ! -e "$T_TMP/played" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(sed -n 3p "$T_TMP/played" 2>/dev/null)" = "$BASE/liarange/ep3.mp3" ] \
	&& ok "P on an enclosure not downloaded plays its URL" || fail "P plays the URL: $(cat "$T_TMP/played" 2>/dev/null)"
ui_check "Episode two finishes in the background" "downloaded $DL/Episode two.mp3" 30
cmp -s "$DL/Episode two.mp3" "$DOC/ep2.mp3" && ok "and whole" || fail "and whole"

# A server that answers Range with another part: stopped, the .part as it was.
ui_keys d
ui_check "the first try of Episode three is cut" "bytes (kept; d resumes)"
size=$(stat -c %s "$DL/Episode three.mp3.part")
sum=$(cksum <"$DL/Episode three.mp3.part")
ui_keys d
ui_check "a server that lies about Range is said in words" "the server sent another part than the one asked for"
[ "$(cksum <"$DL/Episode three.mp3.part")" = "$sum" ] && [ ! -e "$DL/Episode three.mp3" ] \
	&& ok "the .part is left as it was ($size bytes), no file named" || fail "the .part is left as it was"

# A server that ignores Range: the whole file again, said.
ui_keys q j Enter d
ui_check "the first try of Episode four is cut" "bytes (kept; d resumes)"
ui_keys d
ui_check "a server that cannot resume is said, and the file is whole" "the server cannot resume"
cmp -s "$DL/Episode four.mp3" "$DOC/ep4.mp3" && ok "Episode four is the enclosure, byte for byte" \
	|| fail "Episode four is the enclosure, byte for byte"
ui_stop

# A full disk (a file-size limit fails the write the same way): said, what was written kept,
# and d resumes once there is room.
UI_PRE="ulimit -f 1000;" ui_start "$CONF" "$DB"
ui_keys G Enter G Enter
ui_check "Episode five is open" "Title:  Episode five"
ui_keys d
ui_check "a write that fails is said, with what was kept" "bytes written kept, d resumes" 15
ui_screen | grep -q "File too large" && ok "the reason is the system's" || fail "the reason is the system's: $(ui_screen | tail -n 1)"
kept=$(stat -c %s "$DL/Episode five.mp3.part" 2>/dev/null)
ui_stop
UI_PRE="" ui_start "$CONF" "$DB"
ui_keys G Enter G Enter d
ui_check "d in a new reader goes on and finishes" "downloaded $DL/Episode five.mp3" 20
cmp -s "$DL/Episode five.mp3" "$DOC/ep5.mp3" && ok "the file is whole after the full disk ($kept bytes kept)" \
	|| fail "the file is whole after the full disk"
ui_stop
finish
