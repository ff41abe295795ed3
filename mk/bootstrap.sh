#!/bin/sh
# bootstrap.sh - check (and as root on Debian/Ubuntu, install) the tools ship needs.
#
# usage: mk/bootstrap.sh build|test|fuzz
#   build  what `make` needs: a musl toolchain, cmake, dpkg-source, apt
#   test   what `make test` needs on top: pytest, openssl, git, node/npm,
#          ansible-core
#   fuzz   what `make fuzz` / `make fuzz-replay` need on top of build:
#          clang and its libFuzzer runtime
# Prints the exact packages to install and fails when it cannot install
# them itself.
set -eu
what=${1:-build}

# command:package pairs
build_needs="musl-gcc:musl-tools cmake:cmake dpkg-source:dpkg-dev apt-get:apt
make:make gcc:gcc xz:xz-utils bzip2:bzip2 file:file python3:python3
readelf:binutils sha256sum:coreutils"
test_needs="pytest-3:python3-pytest openssl:openssl git:git node:nodejs npm:npm
ansible-playbook:ansible-core unzip:unzip jq:jq
/usr/bin/time:time"
# Python modules the CLI tests import, for Debian's /usr/bin/python3.
test_modules="yaml:python3-yaml pytest:python3-pytest jsonschema:python3-jsonschema"

needs=$build_needs
[ "$what" = test ] && needs="$build_needs $test_needs"
[ "$what" = fuzz ] && needs="$build_needs clang:clang"

missing=""
for pair in $needs; do
	cmd=${pair%%:*} pkg=${pair#*:}
	command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ "$what" = test ]; then
	for pair in $test_modules; do
		mod=${pair%%:*} pkg=${pair#*:}
		/usr/bin/python3 -c "import $mod" >/dev/null 2>&1 || missing="$missing $pkg"
	done
fi
# clang's fuzzer runtime is a package of its own on Debian.
if [ "$what" = fuzz ]; then
	set -- /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a
	[ -e "$1" ] || missing="$missing libclang-rt-14-dev"
fi
# TLS tests and ship itself need a CA bundle (bare images lack it).
[ "$what" = test ] && [ ! -r /etc/ssl/certs/ca-certificates.crt ] && missing="$missing ca-certificates"
# The Debian archive keyring verifies the private source index.
[ -r /usr/share/keyrings/debian-archive-keyring.gpg ] || missing="$missing debian-archive-keyring"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "bootstrap: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >&2
	exit 0
fi
echo "bootstrap: missing tools; install them with:" >&2
echo "  sudo apt-get install$missing" >&2
exit 1
