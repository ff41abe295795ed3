# mk/net.mk - network layer (core/http, core/zip, src/gh): test prerequisites.
#
# tests/cli/test_gh.py replays recorded GitHub exchanges from the npm
# package @octokit/fixtures, and tests/cli/test_artifact_interop.py runs the
# official @actions/artifact client (v6, node) against the fake artifact
# service; both are installed from tests/node-net/package-lock.json (an npm
# `overrides` entry pins typedarray.prototype.slice to 1.0.5, the newest the
# registry mirror has).
# The CLI tests also need `openssl` (test CA) and bench/zip needs `unzip`.

NET_NODE  := tests/node-net
NET_STAMP := $(NET_NODE)/node_modules/.ship-stamp

$(NET_STAMP): $(NET_NODE)/package.json $(NET_NODE)/package-lock.json
	npm ci --prefix $(NET_NODE) --no-audit --no-fund --silent
	@touch $@

TEST_DEPS += $(NET_STAMP)
# TEST_DEPS is read by `cli` before this file is included, so say it here too.
cli: $(NET_STAMP)

.PHONY: test-net
# Only the network layer's CLI tests.
test-net: ship $(NET_STAMP)
	SHIP_BIN=$(CURDIR)/ship $(PYTHON) -m pytest -q -p no:cacheprovider \
		tests/cli/test_http.py tests/cli/test_zip.py tests/cli/test_gh.py \
		tests/cli/test_state_sources.py tests/cli/test_artifact_interop.py
