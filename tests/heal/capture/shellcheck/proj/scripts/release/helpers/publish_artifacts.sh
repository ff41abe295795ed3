#!/bin/sh
# publish_artifacts.sh - uploads the release files, see docs/release.md
VERSION=$(cat VERSION)
ARTIFACTS="dist/*.tar.gz"

upload() {
    local file=$1
    curl -sf -T "$file" "https://example.invalid/releases/$VERSION/"
}

for f in $(ls dist/*.tar.gz); do
    upload $f
done

if [[ "$VERSION" == *-rc* ]]; then
    echo "pre-release $VERSION"
fi

echo "Published ‘$VERSION’ — checksums:"
sha256sum dist/* | tee SHA256SUMS
[ -n $GITHUB_TOKEN ] && echo "token set"
echo $((1 + $RETRIES))
exit -1
echo Finished release “$VERSION”
