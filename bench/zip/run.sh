#!/bin/sh
# run.sh - extracting a 200 MB run-logs-like zip: `ship unzip` against Info-ZIP `unzip`.
#
# Builds the archive once (build/bench/logs-200m.zip, log-like text over
# many entries, like a run's logs), then times, on the same file in the
# same run: full extraction into a directory, and a read of every entry
# to nowhere (ship --test vs unzip -p > /dev/null). Prints both times and
# the ratios. Not a test: numbers depend on the machine.
set -eu
cd "$(dirname "$0")/../.."
SHIP=${SHIP_BIN:-./ship}
[ -x "$SHIP" ] || { echo "bench/zip: build ./ship first (make)" >&2; exit 1; }
command -v unzip >/dev/null || { echo "bench/zip: unzip is not installed" >&2; exit 1; }
W=build/bench
Z=$W/logs-200m.zip
mkdir -p "$W"
if [ ! -f "$Z" ]; then
	/usr/bin/python3 - "$Z" <<'PY'
import random, sys, zipfile
random.seed(7)
words = ("error warning note compiling linking test passed failed src/main.c "
         "line column expected found cargo npm pytest make target debug").split()
total, target, n = 0, 200 << 20, 0
with zipfile.ZipFile(sys.argv[1] + ".tmp", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    while total < target:
        lines = []
        size = 0
        while size < (4 << 20):
            l = "2025-04-07T12:57:%02d.%07dZ %s\n" % (random.randrange(60), random.randrange(10**7),
                " ".join(random.choice(words) for _ in range(random.randrange(3, 14))))
            lines.append(l)
            size += len(l)
        data = "".join(lines).encode()
        z.writestr("job%d/%d_step.txt" % (n // 10, n), data)
        total += len(data)
        n += 1
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
PY
fi

# wall milliseconds of "$@"
ms() {
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || { echo "bench/zip: failed: $*" >&2; exit 1; }
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000000 ))
}
# Best of 3, ship and unzip alternating, with dirty pages flushed before each
# timed run so one tool's writeback is not billed to the other.
pair() { # pair VAR_SHIP VAR_UNZIP "ship command" "unzip command"
	bs=999999999; bu=999999999
	for i in 1 2 3; do
		rm -rf "$W/x-ship" "$W/x-unzip"; sync
		t=$(ms sh -c "$3"); [ "$t" -lt "$bs" ] && bs=$t
		rm -rf "$W/x-ship" "$W/x-unzip"; sync
		t=$(ms sh -c "$4"); [ "$t" -lt "$bu" ] && bu=$t
	done
	eval "$1=$bs; $2=$bu"
}
size=$(unzip -Zt "$Z" | awk '{print $3}')
pair ship_x unzip_x "'$SHIP' unzip '$Z' -d '$W/x-ship'" "unzip -q -o '$Z' -d '$W/x-unzip'"
pair ship_p unzip_p "'$SHIP' unzip '$Z' --test" "unzip -p '$Z' > /dev/null"
rm -rf "$W/x-ship" "$W/x-unzip"
echo "run-logs zip, $(( size / 1048576 )) MiB uncompressed, best of 3:"
printf '  ship unzip -d DIR           %8d ms\n' "$ship_x"
printf '  unzip -q -d DIR             %8d ms\n' "$unzip_x"
awk -v s="$ship_x" -v u="$unzip_x" 'BEGIN { printf "  ratio (unzip / ship)        %8.2fx  (bar: >= 1)\n", u / (s ? s : 1) }'
printf '  ship unzip --test           %8d ms\n' "$ship_p"
printf '  unzip -p > /dev/null        %8d ms\n' "$unzip_p"
awk -v s="$ship_p" -v u="$unzip_p" 'BEGIN { printf "  ratio (unzip / ship)        %8.2fx  (bar: >= 1)\n", u / (s ? s : 1) }'
