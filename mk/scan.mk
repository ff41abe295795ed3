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
