# Makefile - builds the static ship binary, its tests and the sanitizer build.
#
#   make                static ./ship (musl; dependencies from vendor/)
#   make demo           build, then run ship's main job on bundled examples
#   make test           unit tests + CLI/integration tests on ./ship
#   make test-sanitize  unit tests in a host build with ASan and UBSan
#   make cli-sanitize   CLI tests against that build (CLI_TESTS=... to pick)
#   make bench          benchmarks under bench/ (ratios against peers)
#   make clean          remove build/ and ./ship (the vendor cache stays)
#
# Dependencies are fetched and built by vendor/build.sh into a cache
# outside the tree (SHIP_VENDOR_CACHE, default ~/.cache/ship/vendor).

SHIP_VERSION ?= $(shell cat VERSION 2>/dev/null || echo 0.0.0-dev)
BUILD        := build
MUSL         := $(BUILD)/musl
HOST         := $(BUILD)/host
PYTHON       := /usr/bin/python3
CC_MUSL      := musl-gcc
CC_HOST      := gcc

SRCS      := $(shell find src -name '*.c' ! -path src/main.c | LC_ALL=C sort)
UNIT_SRCS := $(sort $(wildcard tests/unit/t_*.c)) tests/unit/runner.c

WARN := -Wall -Wextra -Wno-unused-parameter -Wshadow -Wformat=2 \
	-Wstrict-prototypes -Wmissing-prototypes -Wno-format-nonliteral
CFLAGS_COMMON := -std=gnu11 $(WARN) -Isrc -D_GNU_SOURCE \
	-DSHIP_VERSION='"$(SHIP_VERSION)"' -ffile-prefix-map=$(CURDIR)=.
CFLAGS_MUSL := $(CFLAGS_COMMON) -O2 -ffunction-sections -fdata-sections \
	-fno-asynchronous-unwind-tables
CFLAGS_HOST := $(CFLAGS_COMMON) -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined
UNIT_DEFS := -DUNIT_FIXTURES='"$(CURDIR)/tests/fixtures"' \
	-DUNIT_SHARED='"$(abspath $(CURDIR)/../shared)"' -DUNIT_REPO='"$(CURDIR)"'

# V=1 shows the full compiler command lines.
Q := $(if $(V),,@)

# Extra prerequisites of `make test` (mk/*.mk fragments add to these).
TEST_DEPS :=
CLI_TEST_ENV :=

.PHONY: all demo test unit cli test-sanitize cli-sanitize bench clean bootstrap test-deps
all: ship

# Flags of the vendored libraries, written by vendor/build.sh. Goals that
# need no compiler do not trigger the dependency build.
NOBUILD_GOALS := clean bootstrap help
ifneq ($(filter-out $(NOBUILD_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(MUSL)/vendor.mk
endif
# Goals that need the host-flavour (sanitizer) libraries.
HOST_GOALS := test-sanitize cli-sanitize test-sanitize-scan fuzz fuzz-build fuzz-replay fuzz-smoke
ifneq ($(filter $(HOST_GOALS),$(MAKECMDGOALS)),)
include $(HOST)/vendor.mk
endif

VENDOR_INPUTS := $(wildcard vendor/*.recipe) vendor/build.sh vendor/lib.sh

$(BUILD)/.bootstrap: mk/bootstrap.sh
	@mkdir -p $(BUILD)
	sh mk/bootstrap.sh build
	@touch $@

bootstrap: $(BUILD)/.bootstrap

$(MUSL)/vendor.mk: $(VENDOR_INPUTS) $(BUILD)/.bootstrap
	bash vendor/build.sh musl $(MUSL)

$(HOST)/vendor.mk: $(VENDOR_INPUTS) $(BUILD)/.bootstrap
	bash vendor/build.sh host $(HOST)

# The component manifest embedded in the binary (ship version --json).
$(MUSL)/manifest.c $(HOST)/manifest.c: %/manifest.c: %/vendor.mk mk/manifest.awk
	$(Q)awk -f mk/manifest.awk $*/components.tsv > $@.tmp && mv $@.tmp $@

# --- musl (release) build ----------------------------------------------
MUSL_OBJS := $(patsubst src/%.c,$(MUSL)/obj/%.o,$(SRCS)) $(MUSL)/obj/manifest.o

$(MUSL)/obj/%.o: src/%.c $(MUSL)/vendor.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC_MUSL) $(CFLAGS_MUSL) $(VENDOR_MUSL_CFLAGS) -MMD -MP -c $< -o $@

$(MUSL)/obj/manifest.o: $(MUSL)/manifest.c
	$(Q)$(CC_MUSL) $(CFLAGS_MUSL) -c $< -o $@

$(MUSL)/libship.a: $(MUSL_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

LINK_MUSL := -static -Wl,--gc-sections $(VENDOR_MUSL_LDFLAGS) $(VENDOR_LIBS) -lpthread -lm

ship: $(MUSL)/obj/main.o $(MUSL)/libship.a
	@echo "  LINK    $@"
	$(Q)$(CC_MUSL) $(CFLAGS_MUSL) -o $@.tmp $^ $(LINK_MUSL)
	$(Q)strip $@.tmp
	$(Q)sh mk/check-static.sh $@.tmp
	$(Q)mv $@.tmp $@

$(MUSL)/unit: $(UNIT_SRCS) tests/unit/unit.h $(MUSL)/libship.a
	@echo "  LINK    $@"
	$(Q)$(CC_MUSL) $(CFLAGS_MUSL) $(VENDOR_MUSL_CFLAGS) $(UNIT_DEFS) -Itests/unit \
		-o $@ $(UNIT_SRCS) $(MUSL)/libship.a $(LINK_MUSL)

# --- host build with sanitizers ------------------------------------------
HOST_OBJS := $(patsubst src/%.c,$(HOST)/obj/%.o,$(SRCS)) $(HOST)/obj/manifest.o

$(HOST)/obj/%.o: src/%.c $(HOST)/vendor.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC_HOST) $(CFLAGS_HOST) $(VENDOR_HOST_CFLAGS) -MMD -MP -c $< -o $@

$(HOST)/obj/manifest.o: $(HOST)/manifest.c
	$(Q)$(CC_HOST) $(CFLAGS_HOST) -c $< -o $@

$(HOST)/libship.a: $(HOST_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(HOST)/unit: $(UNIT_SRCS) tests/unit/unit.h $(HOST)/libship.a
	@echo "  LINK    $@"
	$(Q)$(CC_HOST) $(CFLAGS_HOST) $(VENDOR_HOST_CFLAGS) $(UNIT_DEFS) -Itests/unit \
		-o $@ $(UNIT_SRCS) $(HOST)/libship.a $(VENDOR_HOST_LDFLAGS) $(VENDOR_LIBS) -lpthread -lm

# The whole binary with ASan/UBSan, for the CLI tests (cli-sanitize).
$(HOST)/ship-asan: $(HOST)/obj/main.o $(HOST)/libship.a
	@echo "  LINK    $@"
	$(Q)$(CC_HOST) $(CFLAGS_HOST) -o $@ $^ $(VENDOR_HOST_LDFLAGS) $(VENDOR_LIBS) -lpthread -lm

-include $(MUSL_OBJS:.o=.d) $(HOST_OBJS:.o=.d) $(MUSL)/obj/main.d

# Fragments of each area (test drivers, npm installs) add to TEST_DEPS
# and CLI_TEST_ENV; included before the goals that expand them.
include $(sort $(wildcard mk/*.mk))

# --- goals ---------------------------------------------------------------
unit: $(MUSL)/unit
	$(MUSL)/unit

test-deps:
	sh mk/bootstrap.sh test

cli: ship test-deps $(TEST_DEPS)
	$(CLI_TEST_ENV) SHIP_BIN=$(CURDIR)/ship $(PYTHON) -m pytest -q -p no:cacheprovider tests/cli

test: unit cli

SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

test-sanitize: $(HOST)/unit
	$(SANITIZER_ENV) $(HOST)/unit

# The CLI tests (all, or CLI_TESTS=...) against the sanitizer build.
CLI_TESTS ?= tests/cli
cli-sanitize: $(HOST)/ship-asan test-deps $(TEST_DEPS)
	$(SANITIZER_ENV) $(CLI_TEST_ENV) SHIP_SANITIZER=1 SHIP_BIN=$(CURDIR)/$(HOST)/ship-asan \
		$(PYTHON) -m pytest -q -p no:cacheprovider $(CLI_TESTS)

# The quick start's first command: build, then ship's main job (heal) on
# the bundled example logs (mk/demo.mk).
demo: ship demo-heal
	./ship version

bench: ship
	@for b in bench/*/run.sh; do [ -x "$$b" ] || continue; echo "== $$b"; "$$b" || exit 1; done

clean:
	rm -rf $(BUILD) ship ship.tmp

