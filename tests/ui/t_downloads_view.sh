# Screen test: the downloads view (L): a running download with its progress, x stops it
# keeping the .part, d resumes it from there, finished downloads listed with where they went.
. tests/http/lib.sh
. tests/ui/lib.sh
trap 'ui_stop; stop_server; rm -rf "$T_TMP"' EXIT

DL="$T_TMP/dl"
python3 -c 'import sys; open(sys.argv[1], "wb").write(bytes(range(256)) * 80000)' "$DOC/long.mp3"	# 20 MB
python3 -c 'import sys; open(sys.argv[1], "wb").write(b"x" * 300000)' "$DOC/short.mp3"
start_server
{
	echo '<?xml version="1.0"?><rss version="2.0"><channel><title>Pod</title>'
	echo "<item><guid>1</guid><title>Long one</title><pubDate>Thu, 02 Jan 2026 00:00:00 GMT</pubDate><enclosure url=\"$BASE/slowdl/long.mp3\" length=\"20480000\" type=\"audio/mpeg\"/></item>"
	echo "<item><guid>2</guid><title>Short one</title><pubDate>Thu, 01 Jan 2026 00:00:00 GMT</pubDate><enclosure url=\"$BASE/range/short.mp3\" length=\"300000\" type=\"audio/mpeg\"/></item>"
	echo '</channel></rss>'
} >"$DOC/pod.xml"
config "feed $BASE/f/pod.xml" "set refresh-on-start no" "set refresh-interval 0" "set layout list" \
	"set download-dir $DL"
refresh

ui_start "$CONF" "$DB"
ui_keys L
ui_check "L opens the downloads view" "byline: Downloads (0 running)"
ui_check "an empty one says how to start one" "no downloads yet"
ui_keys L
ui_check "L again goes back" "byline: Feeds (1)"
ui_keys G Enter Enter d
ui_check "a download starts" "downloading Long one.mp3"
ui_keys L
ui_check "the downloads view lists it as running" "byline: Downloads (1 running)"
ui_check_re "with its progress and name" "^ +[0-9]+% of 20.5 MB +Long one.mp3"
ui_keys x
ui_check "x stops it" "stopped Long one.mp3; what came is kept in its .part"
ui_check "no download runs then" "byline: Downloads (0 running)"
sleep 0.3
part="$DL/Long one.mp3.part"
size1=$(stat -c %s "$part" 2>/dev/null || echo 0)
check "the .part is kept ($size1 bytes)" test "$size1" -gt 0
sleep 1
check "nothing more is written to it" test "$(stat -c %s "$part" 2>/dev/null || echo 0)" = "$size1"
check "the file is not complete" test ! -e "$DL/Long one.mp3"
ui_keys L
ui_check "back in the article" "Long one"
ui_keys d
ui_check "d resumes it from the .part" "resuming"
ui_keys L x L q j Enter d
ui_check "the short one downloads" "downloaded $DL/Short one.mp3"
ui_keys L
ui_check_re "the finished one is listed" "^ done +Short one.mp3"
ui_check "the status line says where it went" "$DL/Short one.mp3"
finish
