#!/bin/sh
# Captured with: RuboCop 1.39.0 (Debian rubocop), ruby 3.1.2p20 (Debian)
#
# Regenerates tests/heal/real/rubocop.{log,ok} (the default progress
# formatter: offenses with their source line and carets) and
# rubocop-emacs.{log,ok} (--format emacs) from the project in billing/
# (Ruby files in nested directories, a Gemfile and a file with a syntax
# error: conventions, warnings and one E with a two-line message; a
# non-ASCII identifier in a message).
#
# The project is copied to a fixed scratch directory and checked from
# there with its own .rubocop.yml, as a CI job runs `rubocop`; --no-color
# as in a log without a terminal, --cache false so that no result cache
# outside the scratch dir changes the output. The .ok files come from
# `rubocop --format json` through to_ok.py (rule in its docstring: every
# offense at its line and column, the cop name as the code, the message as
# each formatter renders it, without the [Correctable] mark).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
real=$(cd "$here/../.." && pwd)/real
scratch=${TMPDIR:-/tmp}/ship-capture/rubocop/billing
rubocop --version
ruby --version

mkdir -p "$real"
rm -rf "$scratch"
mkdir -p "$(dirname "$scratch")"
cp -r "$here/billing" "$scratch"
cd "$scratch"

rubocop --no-color --cache false > "$real/rubocop.log" 2>&1 || true
rubocop --no-color --cache false --format emacs > "$real/rubocop-emacs.log" 2>&1 || true
rubocop --cache false --format json > "$scratch.json" 2>/dev/null || true
python3 "$here/to_ok.py" progress "$scratch" < "$scratch.json" > "$real/rubocop.ok"
python3 "$here/to_ok.py" emacs "$scratch" < "$scratch.json" > "$real/rubocop-emacs.ok"
rm -f "$scratch.json"
wc -l "$real/rubocop.ok" "$real/rubocop-emacs.ok"
