# rt-output.mk - test driver and npm reference for the GitHub Actions output layer.
#
# build/musl/ghcmd_encode prints ship's encodings of workflow commands and
# env-file records; tests/cli/test_actions_core.py compares them with
# @actions/core (npm, pinned in tests/node/package-lock.json).

$(MUSL)/ghcmd_encode: tests/tools/ghcmd_encode.c $(MUSL)/libship.a
	$(CC_MUSL) $(CFLAGS_MUSL) $(VENDOR_MUSL_CFLAGS) -o $@ $< $(MUSL)/libship.a $(LINK_MUSL)

tests/node/node_modules/.package-lock.json: tests/node/package.json tests/node/package-lock.json
	npm ci --prefix tests/node --no-audit --no-fund

TEST_DEPS += $(MUSL)/ghcmd_encode tests/node/node_modules/.package-lock.json
CLI_TEST_ENV += SHIP_GHCMD_ENCODE=$(CURDIR)/$(MUSL)/ghcmd_encode SHIP_NODE_DIR=$(CURDIR)/tests/node
# The Makefile includes mk/*.mk after the cli rule, whose prerequisite list
# was expanded already; name the prerequisites directly as well.
cli: $(MUSL)/ghcmd_encode tests/node/node_modules/.package-lock.json
