#!/bin/sh
# Captured with: rustc 1.95.0 (59807616e 2026-04-14), cargo 1.95.0 (f2d3ce0bd 2026-03-21)
#
# Regenerates tests/heal/real/cargo-build.{log,ok} and cargo-short.{log,ok}
# from the crate in inventory/ (no dependencies, builds offline).
#
# The crate is copied to a fixed scratch directory (so target/ stays out of
# the repo and cargo's `Compiling inventory v0.4.2 (/path)` line is the same
# on every run) and built from there, so paths are relative to the project
# as in a CI checkout. Logs are what a CI job shows: stdout and stderr of
# `cargo build` merged, no colour.
#
# Expected entries come from `cargo build --message-format=json` through
# to_ok.py (its docstring states the rule: the primary span of every
# compiler message with a location, plus child notes/helps that print their
# own `-->` line; no location-less summaries, no `error: could not compile`).
# The short format prints the same diagnostics without children, so its .ok
# keeps only the top-level entries.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
real=$(cd "$here/../.." && pwd)/real
scratch=${TMPDIR:-/tmp}/ship-capture/cargo/inventory
export CARGO_TERM_COLOR=never
rustc --version
cargo --version

mkdir -p "$real"
rm -rf "$scratch"
mkdir -p "$(dirname "$scratch")"
cp -r "$here/inventory" "$scratch"
cd "$scratch"

# human: what the job log shows (stderr and stdout merged)
build() {
    rm -rf target
    cargo build "$@" 2>&1 || true
}
# machine: the JSON records on stdout only (cargo's own progress and
# summary lines go to stderr)
json() {
    rm -rf target
    cargo build "$@" 2>/dev/null || true
}

build > "$real/cargo-build.log"
build --message-format=short > "$real/cargo-short.log"
json --message-format=json | python3 "$here/to_ok.py" > "$real/cargo-build.ok"
json --message-format=json-diagnostic-short | SHORT=1 python3 "$here/to_ok.py" > "$real/cargo-short.ok"
wc -l "$real/cargo-build.ok" "$real/cargo-short.ok"
