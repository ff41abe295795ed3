# common.sh - sourced by the compiler captures: where the logs go, a fixed locale, the closing line, a make-driven capture.
# The caller sets here (its folder).
repo=$(cd "$here/../../../.." && pwd)
out=$repo/tests/heal/real
export LC_ALL=C.UTF-8
mkdir -p "$out"

# wrote NAME: the line every capture ends with.
wrote() {
	echo "wrote $out/$1.log ($(wc -l < "$out/$1.log") lines), $1.ok ($(wc -l < "$out/$1.ok") entries)"
}

# make_capture NAME PYTHON: `make -k` in proj/ is NAME.log, PYTHON running
# to_ok.py (which rebuilds what it needs) is NAME.ok; each from a clean
# tree, and the tree left clean.
make_capture() {
	cd "$here/proj"
	make -s clean
	make -k > "$out/$1.log" 2>&1 || true
	make -s clean
	"$2" "$here/to_ok.py" > "$out/$1.ok"
	make -s clean
	wrote "$1"
}
