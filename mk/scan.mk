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

test-sanitize-scan: check-scan-fixtures $(HOST)/unit
	$(SANITIZER_ENV) $(HOST)/unit scan_

# The scan CLI tests against the ASan/UBSan build of the whole binary.
.PHONY: cli-sanitize-scan
cli-sanitize-scan: check-scan-fixtures
	$(MAKE) cli-sanitize CLI_TESTS="tests/cli/test_scan.py tests/cli/test_scan_run.py \
		tests/cli/test_scan_sarif.py tests/cli/test_scan_self.py"
