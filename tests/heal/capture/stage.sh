# stage.sh - sourced by the npm tools' capture scripts: the output folder and a fixed, CI-like checkout of the project.
# The caller sets HERE (its folder) and JSTOOLS (where the tools'
# node_modules are). The checkout path is fixed because these tools print
# absolute paths, and a fixed path keeps the logs byte-identical.
REPO=$(cd "$HERE/../../../.." && pwd)
OUT=$REPO/tests/heal/real

# stage WORK ITEM...: copies the project's ITEMs (relative to $HERE) to a
# fresh WORK, links $JSTOOLS/node_modules there and enters it.
stage() {
	WORK=$1
	shift
	rm -rf "$WORK" && mkdir -p "$WORK" "$OUT"
	for item in "$@"; do
		cp -R "$HERE/$item" "$WORK/"
	done
	ln -s "$JSTOOLS/node_modules" "$WORK/node_modules"
	cd "$WORK"
}
