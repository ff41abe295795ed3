#!/bin/sh
# Captured with: go version go1.19.8 linux/amd64 (Debian golang-go)
#
# Regenerates tests/heal/real/govet.{log,ok} from the module in shop/
# (standard library only; it builds, go vet finds 27 problems across the
# printf, copylocks, structtag, unmarshal, errorsas, assign, bools,
# httpresponse, loopclosure, nilfunc, shift, stringintconv, tests,
# lostcancel, stdmethods and unreachable analyzers).
#
# The log is `go vet ./...` run from the module root as a CI job does,
# stdout and stderr merged. `-p 1` only makes the order of the packages'
# `# pkg` blocks the same on every run (they are printed as each package
# finishes). The .ok comes from `go vet -json ./...` through to_ok.py (rule
# in its docstring: every diagnostic, with the location go vet gives,
# made relative to the module root; a finding reported for a package and
# its test variant once).
#
# go build is left out: go 1.19 has no `go build -json`, and `go list -e
# -json` reports only load errors (missing packages, syntax errors in the
# import block), not type-check errors, so a go build log would have no
# machine-readable ground truth.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
real=$(cd "$here/../.." && pwd)/real
scratch=${TMPDIR:-/tmp}/ship-capture/govet/shop
export GOFLAGS= GOPROXY=off GO111MODULE=on
go version

mkdir -p "$real"
rm -rf "$scratch"
mkdir -p "$(dirname "$scratch")"
cp -r "$here/shop" "$scratch"
cd "$scratch"

go vet -p 1 ./... > "$real/govet.log" 2>&1 || true
go vet -json ./... 2>&1 | python3 "$here/to_ok.py" "$scratch" > "$real/govet.ok"
[ -s "$real/govet.ok" ]
wc -l "$real/govet.ok"
