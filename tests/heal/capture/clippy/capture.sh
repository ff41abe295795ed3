#!/bin/sh
# Captured with: clippy 0.1.95 (59807616e1 2026-04-14), rustc 1.95.0 (59807616e 2026-04-14),
# cargo 1.95.0 (f2d3ce0bd 2026-03-21)
#
# Regenerates tests/heal/real/clippy.{log,ok} from the crate in ledger/ (no
# dependencies; rustc alone compiles it cleanly, all findings are clippy's:
# default lints, a few pedantic ones enabled with -W, and two lints set in
# the source with #![deny]/#![warn], which add rustc's "note: the lint level
# is defined here" child with its own --> line).
#
# As for cargo (../cargo/capture.sh): the crate is copied to a fixed scratch
# directory and checked from there, the log is `cargo clippy` stdout and
# stderr merged without colour, and the .ok comes from the same command with
# --message-format=json through ../cargo/to_ok.py (rule in its docstring:
# the primary span of every compiler message with a location, plus child
# notes/helps that print their own --> line; no location-less summaries and
# no `error: could not compile`).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
real=$(cd "$here/../.." && pwd)/real
scratch=${TMPDIR:-/tmp}/ship-capture/clippy/ledger
export CARGO_TERM_COLOR=never
lints="-W clippy::needless_pass_by_value -W clippy::cast_possible_truncation
 -W clippy::doc_markdown -W clippy::missing_errors_doc -W clippy::cast_precision_loss"
cargo clippy --version
rustc --version

mkdir -p "$real"
rm -rf "$scratch"
mkdir -p "$(dirname "$scratch")"
cp -r "$here/ledger" "$scratch"
cd "$scratch"

# shellcheck disable=SC2086 # $lints is a word list
rm -rf target
cargo clippy -- $lints > "$real/clippy.log" 2>&1 || true
rm -rf target
# shellcheck disable=SC2086
cargo clippy --message-format=json -- $lints 2>/dev/null |
    python3 "$here/../cargo/to_ok.py" > "$real/clippy.ok" || true
[ -s "$real/clippy.ok" ]
wc -l "$real/clippy.ok"
