#!/bin/sh
# run.sh - start-up time of `ship version` against node loading @actions/core (what a JS action pays).
#
# Prints the mean wall time per start of each, measured in the same run,
# and the ratio. Not a test: numbers depend on the machine.
set -eu
cd "$(dirname "$0")/../.."
N=${N:-300}
[ -x ./ship ] || { echo "bench/startup: build ./ship first (make)" >&2; exit 1; }
core=tests/node/node_modules/@actions/core
[ -d "$core" ] || npm ci --prefix tests/node --silent >/dev/null 2>&1 || true
[ -d "$core" ] || { echo "bench/startup: @actions/core missing (npm ci --prefix tests/node)" >&2; exit 1; }

# mean microseconds per run of "$@", over N runs
per_run_us() {
	t0=$(date +%s%N)
	i=0
	while [ $i -lt "$N" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / N / 1000 ))
}

ship_us=$(per_run_us ./ship version)
node_us=$(per_run_us node -e "require('./$core'); process.stdout.write('')")
echo "start-up, mean of $N runs:"
printf '  ship version                %8d us\n' "$ship_us"
printf '  node + @actions/core        %8d us\n' "$node_us"
awk -v s="$ship_us" -v n="$node_us" 'BEGIN { printf "  ratio (node / ship)         %8.1fx  (bar: >= 30x, ship <= 2000 us)\n", n / (s ? s : 1) }'
