#!/bin/sh
# check-static.sh - fail unless $1 is a fully static executable of at most 4 MiB.
set -eu
f=$1
file "$f" | grep -q 'statically linked' || { echo "check-static: $f is not statically linked" >&2; exit 1; }
if readelf -l "$f" | grep -q INTERP; then echo "check-static: $f has an INTERP header" >&2; exit 1; fi
if readelf -d "$f" 2>/dev/null | grep -q 'Dynamic section'; then echo "check-static: $f has a dynamic section" >&2; exit 1; fi
size=$(stat -c %s "$f")
[ "$size" -le 4194304 ] || { echo "check-static: $f is $size bytes (> 4 MiB)" >&2; exit 1; }
# Build paths must not leak into the binary.
for p in "$(pwd)" "/.cache/ship/vendor/"; do
	if grep -q -a -F "$p" "$f"; then echo "check-static: $f contains the build path $p" >&2; exit 1; fi
done
