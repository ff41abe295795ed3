# scan.mk - focused targets for the scan library (src/scan) and its unit tests.

# The scan unit tests read the real scanner reports from ../shared/fixtures
# (relative to the repository root) and fail when they are missing; this
# check says so up front.
SCAN_SHARED_FIXTURES := $(abspath $(CURDIR)/../shared/fixtures/scanners)

.PHONY: check-scan-fixtures unit-scan test-sanitize-scan
check-scan-fixtures:
	@test -d $(SCAN_SHARED_FIXTURES)/trivy -a -d $(SCAN_SHARED_FIXTURES)/grype \
		-a -d $(SCAN_SHARED_FIXTURES)/osv-scanner || \
		{ echo "missing $(SCAN_SHARED_FIXTURES) (real scanner reports for the scan tests)"; exit 1; }

# python3-jsonschema (SARIF validation) and time (bench/scan) are installed
# by mk/bootstrap.sh test, which `make cli` runs.

# Only the scan_* unit tests (musl build, then ASan/UBSan host build).
unit-scan: check-scan-fixtures $(MUSL)/unit
	$(MUSL)/unit scan_

# The Makefile reads the host build's flags only for `test-sanitize`.
ifneq ($(filter test-sanitize-scan,$(MAKECMDGOALS)),)
ifeq ($(filter test-sanitize,$(MAKECMDGOALS)),)
include $(HOST)/vendor.mk
endif
endif

test-sanitize-scan: check-scan-fixtures $(HOST)/unit
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 $(HOST)/unit scan_

# The scan CLI tests against an ASan/UBSan host build of the whole
# binary (the release binary is static musl without sanitizers).
$(HOST)/ship-asan: src/main.c $(HOST)/libship.a
	@echo "  LINK    $@"
	$(Q)$(CC_HOST) $(CFLAGS_HOST) $(VENDOR_HOST_CFLAGS) -o $@ src/main.c $(HOST)/libship.a \
		$(VENDOR_HOST_LDFLAGS) $(VENDOR_LIBS) -lpthread -lm

ifneq ($(filter cli-sanitize-scan,$(MAKECMDGOALS)),)
ifeq ($(filter test-sanitize test-sanitize-scan,$(MAKECMDGOALS)),)
include $(HOST)/vendor.mk
endif
endif

.PHONY: cli-sanitize-scan
cli-sanitize-scan: check-scan-fixtures scan-test-deps $(HOST)/ship-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		SHIP_BIN=$(CURDIR)/$(HOST)/ship-asan $(PYTHON) -m pytest -q -p no:cacheprovider \
		tests/cli/test_scan.py tests/cli/test_scan_run.py tests/cli/test_scan_sarif.py \
		tests/cli/test_scan_self.py
