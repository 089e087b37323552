#!/bin/sh
# Rendering time of `byline render` on generated mixed-script articles of
# 1, 4 and 16 MB (median of several runs), beside w3m, lynx and html2text
# when they are installed. Shows the time is linear in the size.
# Usage: sh bench/render.sh [BYLINE]   (default ./byline)
# BENCH_RUNS=N sets the number of runs (7); INSTR=1 also counts the
# instructions of the 1, 4 and 16 MB renderings with valgrind (slow, but the
# same on a busy machine as on an idle one).

byline=${1:-./byline}
runs=${BENCH_RUNS:-7}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

python3 - "$dir" <<'PY'
import sys, random
random.seed(7)
pieces = [
    "<p>爱范儿消息，苹果公司今天发布了新一代 <b>iPhone 15 Pro</b>。新机采用了钛金属（重量更轻）边框，续航提升明显。库克表示，这是苹果《迄今为止最好的产品》之一！</p>",
    "<p>東京でカンファレンスが開催されました。参加者は「とても楽しかった」と話しています。<a href=\"/ja/{n}\">詳細</a>はこちら。</p>",
    "<p>हिन्दी विकिपीडिया एक मुक्त ज्ञानकोश है। इसमें कोई भी व्यक्ति लेख लिख सकता है और उन्हें सुधार भी सकता है।</p>",
    "<blockquote><p dir=\"rtl\">مَرْحَبًا بِكُمْ فِي مَوْقِعِنَا، هذا نص عربي للاختبار. می‌خواهم این مقاله را بخوانم.</p></blockquote>",
    "<p>Tie&#x302;&#x301;ng Vie&#x323;&#x302;t co&#x301; da&#x302;&#x301;u. The <i>quick</i> brown fox jumps over the lazy dog &amp; <a href=\"https://example.com/{n}\">reads on</a>.</p>",
    "<p>Family 👨‍👩‍👧 says 👍🏽 and ❤️ from Japan 🇯🇵, pride 🏳️‍🌈, keycap 1️⃣.</p>",
    "<ul><li>第一项内容比较长，需要换行显示。</li><li>Second item<ol start=\"9\"><li>nine</li><li>ten</li></ol></li></ul>",
    "<table><tr><th>项目</th><th>说明</th></tr><tr><td>屏幕</td><td>6.1 英寸 OLED 显示屏，支持 120Hz 自适应刷新率。</td></tr></table>",
    "<pre>\tint main(void) {\n\t\tprintf(\"你好\\n\");\n\t}\n</pre>",
    "<h2>小标题 {n}</h2><p><img src=\"/img/{n}.jpg\" alt=\"图片\"> 图：示例</p>",
]
for mb in (1, 4, 16):
    out, size, n = [], 0, 0
    target = mb * 1024 * 1024
    out.append("<html><body><article>")
    while size < target:
        p = random.choice(pieces).replace("{n}", str(n))
        n += 1
        out.append(p)
        size += len(p.encode())
    out.append("</article></body></html>")
    open(f"{sys.argv[1]}/article-{mb}mb.html", "w").write("\n".join(out))
PY

# median_ms RUNS COMMAND...: median wall time and median CPU time (user +
# system) in milliseconds. CPU time is the figure to read on a shared machine.
median_ms() {
	python3 - "$@" <<'PY'
import resource, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
wall, cpu = [], []
for _ in range(runs):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall.append((time.perf_counter() - t) * 1000)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
    if r.returncode:
        print("failed"); sys.exit()
wall.sort(); cpu.sort()
print(f"{wall[len(wall) // 2]:.1f}/{cpu[len(cpu) // 2]:.1f}")
PY
}

echo "render: byline render --width 80, median of $runs runs, wall/CPU milliseconds"
echo "render: (load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores: on a busy machine read CPU)"
printf '%-10s %14s %14s %14s %14s\n' size byline w3m lynx html2text
for mb in 1 4 16; do
	f=$dir/article-${mb}mb.html
	b=$(median_ms "$runs" "$byline" render --width 80 --base https://www.ifanr.com/ "$f")
	eval "b$mb=$b"
	w=-; l=-; h=-
	command -v w3m >/dev/null && w=$(median_ms 3 w3m -dump -cols 80 -T text/html "$f")
	command -v lynx >/dev/null && l=$(median_ms 3 lynx -dump -width=80 "$f")
	command -v html2text >/dev/null && h=$(median_ms 3 html2text -width 80 "$f")
	printf '%-10s %14s %14s %14s %14s\n' "${mb} MB" "$b" "$w" "$l" "$h"
done
python3 -c "
c1, c4, c16 = (float(x.split('/')[1]) for x in ('$b1', '$b4', '$b16'))
print(f'render: CPU growth 1->4 MB x{c4 / c1:.2f}, 1->16 MB x{c16 / c1:.2f} (linear: x4, x16)')
print(f'render: 1 MB in {c1:.1f} ms of CPU (target < 50 ms): ' + ('ok' if c1 < 50 else 'over'))
"
# This shared host changes speed from minute to minute: the 1 MB article against the
# bare SAX pass over parse.sh's 30 MB feed in the same rounds says which phase it was in.
floor=bench/out/sax_bare feed=bench/out/feed-10000.xml
if [ -x "$floor" ] && [ -s "$feed" ]; then
	echo "render: interleaved with the bare SAX pass over $feed (bench/paired.py, 15 rounds):"
	python3 bench/paired.py 15 "$byline render --width 80 --base https://www.ifanr.com/ $dir/article-1mb.html" \
		"$floor $feed" | sed 's/^/  /'
fi
if [ -n "$INSTR" ] && command -v valgrind >/dev/null 2>&1; then
	for mb in 1 4 16; do
		n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$byline" render --width 80 \
			--base https://www.ifanr.com/ "$dir/article-${mb}mb.html" 2>&1 >/dev/null |
			sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
		echo "render: ${mb} MB: $(awk "BEGIN { printf \"%.0f\", $n / 1e6 }") M instructions (valgrind)"
	done
fi
