# lib.sh - shared steps of the vendor recipes: private apt, fetch, verify, cache.
# Sourced by vendor/build.sh; not run on its own.

say() { printf 'vendor: %s\n' "$*" >&2; }
die() { printf 'vendor: error: %s\n' "$*" >&2; exit 1; }

# Private apt configuration: our own sources list, list directory and
# cache, so the host's apt setup is never touched. The archive URIs are
# taken from the host's own configuration (deb822 .sources files and
# one-line sources.list entries), only the suite and type change.
apt_host_uris() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		case "$f" in
		*.sources)
			awk '/^[Uu][Rr][Ii][Ss]:/ { for (i = 2; i <= NF; i++) print $i }' "$f" ;;
		*)
			awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' "$f" ;;
		esac
	done | grep -E '/debian(-security)?/?$' | sed 's,/*$,,' | sort -u
}

apt_setup() {
	APT_DIR=$VENDOR_CACHE/apt-$SUITE
	mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/archives/partial" "$APT_DIR/parts"
	local uris main sec keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	uris=$(apt_host_uris)
	main=$(printf '%s\n' "$uris" | grep -v -- '-security$' | head -n1)
	sec=$(printf '%s\n' "$uris" | grep -- '-security$' | head -n1)
	[ -n "$main" ] || main=http://deb.debian.org/debian
	[ -n "$sec" ] || sec=http://deb.debian.org/debian-security
	[ -r "$keyring" ] || die "$keyring is missing (install debian-archive-keyring)"
	{
		echo "deb-src [signed-by=$keyring] $main $SUITE main"
		echo "deb-src [signed-by=$keyring] $main $SUITE-updates main"
		echo "deb-src [signed-by=$keyring] $sec $SUITE-security main"
	} >"$APT_DIR/sources.list.new"
	mv "$APT_DIR/sources.list.new" "$APT_DIR/sources.list"
	APT_OPTS="-o Dir::Etc::SourceList=$APT_DIR/sources.list -o Dir::Etc::SourceParts=$APT_DIR/parts
	  -o Dir::State::Lists=$APT_DIR/lists -o Dir::Cache=$APT_DIR -o Dir::Cache::archives=$APT_DIR/archives
	  -o Debug::NoLocking=1 -o APT::Get::AllowUnauthenticated=false"
	[ "$(id -u)" = 0 ] && APT_OPTS="$APT_OPTS -o APT::Sandbox::User=root"
	# Refresh the index at most daily; apt checks InRelease signatures.
	if [ -z "$(find "$APT_DIR/lists" -maxdepth 1 -name '*Sources*' -mtime -1 2>/dev/null | head -n1)" ]; then
		say "updating the private source index for $SUITE"
		apt-get $APT_OPTS -qq update >&2 || die "apt-get update of the private source index failed"
	fi
}

# Upstream part of a Debian version: drop the epoch and the revision.
deb_upstream() { local v=${1#*:}; echo "${v%-*}"; }

# Revisions of srcpkg in the index with the given upstream version that
# are newer than $2, newest first.
apt_newer_revisions() {
	local pkg=$1 pinned=$2 up v
	up=$(deb_upstream "$pinned")
	apt-cache $APT_OPTS showsrc "$pkg" 2>/dev/null | awk '/^Version:/ { print $2 }' | sort -u |
	while read -r v; do
		[ "$(deb_upstream "$v")" = "$up" ] || continue
		dpkg --compare-versions "$v" gt "$pinned" && echo "$v"
	done | sort -r -V
}

# sha256 a file is pinned to in the recipe's `files` list, or empty.
pinned_sha() {
	printf '%s\n' "$files" | awk -v f="$1" '$1 == f { print $2 }'
}

verify_file() {
	local f=$1 want=$2 got
	got=$(sha256sum "$f" | cut -d' ' -f1)
	[ "$got" = "$want" ] || { rm -f "$f"; die "$f: sha256 $got, expected $want"; }
}

# Downloads the source of $srcpkg at $debian (or a newer revision of the
# same upstream version when that one is no longer served) into $DL, and
# verifies every file. Sets USED_REVISION and SOURCE_FILES ("name sha256"
# lines) for the manifest.
fetch_source() {
	DL=$VENDOR_CACHE/downloads/$srcpkg
	mkdir -p "$DL"
	local rev
	SOURCE_NOTE=""
	for rev in "$debian" $(apt_newer_revisions "$srcpkg" "$debian"); do
		try_revision "$rev" && { USED_REVISION=$rev; return 0; }
	done
	if [ "${orig_only:-0}" = 1 ]; then
		# The Debian packaging of this package is listed but not served
		# (see the recipe); fall back to the verified orig tarball alone.
		local orig
		orig=$(printf '%s\n' "$files" | awk 'NF == 2 && $1 ~ /\.orig\./ { print $1 }')
		[ -f "$DL/$orig" ] || die "$srcpkg: $orig could not be fetched"
		verify_file "$DL/$orig" "$(pinned_sha "$orig")"
		USED_REVISION=$debian
		SOURCE_NOTE="orig tarball only: the Debian packaging is listed but not served"
		SOURCE_FILES="$orig $(pinned_sha "$orig")"
		return 0
	fi
	die "$srcpkg $debian: no revision of upstream $(deb_upstream "$debian") could be fetched"
}

try_revision() {
	local rev=$1 list f sha want ok=1
	# --print-uris gives name and sha256 from the signed Sources index;
	# it leaves out files already in the current directory, so ask from
	# an empty one.
	mkdir -p "$APT_DIR/empty"
	list=$(cd "$APT_DIR/empty" && apt-get $APT_OPTS -qq source --print-uris "$srcpkg=$rev" 2>/dev/null |
		awk "/^'/ { sub(/^SHA256:/, \"\", \$4); print \$2, \$4 }")
	[ -n "$list" ] || return 1
	(cd "$DL" && apt-get $APT_OPTS -qq source --download-only "$srcpkg=$rev" >/dev/null 2>&1) || true
	SOURCE_FILES=
	while read -r f sha; do
		[ -f "$DL/$f" ] || { ok=0; continue; }
		want=$(pinned_sha "$f")
		# Files named in the recipe must match the pin; others (a newer
		# Debian revision) must match the signed index apt gave us.
		verify_file "$DL/$f" "${want:-$sha}"
		SOURCE_FILES="$SOURCE_FILES$f $(sha256sum "$DL/$f" | cut -d' ' -f1)
"
	done <<EOF2
$list
EOF2
	[ $ok = 1 ] || { say "$srcpkg $rev: not all files are served"; return 1; }
	if [ "$rev" != "$debian" ]; then
		say "$srcpkg: pinned $debian is not served; using $rev (verified through apt)"
		SOURCE_NOTE="pinned $debian not served; newer revision verified through apt"
	fi
	return 0
}

# Unpacks into $1: dpkg-source applies Debian's patches. The .dsc
# signatures cannot be checked without debian-keyring; the files were
# verified above against the recipe pins and the signed index.
unpack_source() {
	local into=$1 dsc orig
	dsc=$(printf '%s\n' "$SOURCE_FILES" | awk '$1 ~ /\.dsc$/ { print $1; exit }')
	if [ -n "$dsc" ]; then
		dpkg-source --no-check -q -x "$DL/$dsc" "$into" >&2 || die "dpkg-source failed for $dsc"
	else
		orig=$(printf '%s\n' "$SOURCE_FILES" | awk '$1 ~ /\.orig\./ { print $1; exit }')
		mkdir -p "$into"
		tar -xf "$DL/$orig" -C "$into" --strip-components=1 || die "cannot unpack $orig"
	fi
}
