# publish.mk - the publish test driver (tests/tools/publish_plan.c), used by tests/cli/test_publish_git.py and bench/publish.

PUBLISH_PLAN := $(MUSL)/publish_plan

$(PUBLISH_PLAN): tests/tools/publish_plan.c $(MUSL)/libship.a
	@echo "  LINK    $@"
	$(Q)$(CC_MUSL) $(CFLAGS_MUSL) $(VENDOR_MUSL_CFLAGS) -o $@ $< $(MUSL)/libship.a $(LINK_MUSL)

.PHONY: publish-plan
publish-plan: $(PUBLISH_PLAN)

# The cli rule's prerequisites were expanded before this file was read,
# so add the driver to it directly as well as to TEST_DEPS.
TEST_DEPS += $(PUBLISH_PLAN)
CLI_TEST_ENV += SHIP_PUBLISH_PLAN=$(CURDIR)/$(PUBLISH_PLAN)
cli: $(PUBLISH_PLAN)

# `make test-publish-asan`: the publish CLI tests against the ASan/UBSan
# build of the whole binary (test-sanitize runs only the unit tests).
.PHONY: test-publish-asan
test-publish-asan:
	$(MAKE) cli-sanitize CLI_TESTS=tests/cli/test_publish.py
