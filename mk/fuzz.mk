# fuzz.mk - libFuzzer targets for the parsers (fuzz/), built with clang and ASan/UBSan.
#
#   make fuzz           build every target, then run each for FUZZ_SECONDS
#                       (default 20) on seeds taken from the test fixtures
#   make fuzz-build     build only (build/fuzz/fuzz_<target>)
#   make fuzz-replay    run each target once over fuzz/crashes/<target>/
#   make fuzz-smoke     each target for FUZZ_SMOKE_RUNS (default 20000)
#                       inputs with a fixed random seed from its seeds
#
# `make fuzz` is not part of `make test` (too slow and time-dependent for
# CI); .ci/run runs `make fuzz-replay` (deterministic) and `make fuzz-smoke`
# (bounded by count with a fixed seed: nearly the same inputs for the same
# code, see docs/fuzzing.md). Needs clang and its runtime
# (Debian: clang, libclang-rt-14-dev); links the host-flavour vendor
# libraries (build/host/vendor.mk). Crashes are written to
# fuzz/crashes/<target>/; see docs/fuzzing.md.

FUZZ         := $(BUILD)/fuzz
CC_FUZZ      := clang
FUZZ_SECONDS ?= 20
FUZZ_TARGETS := jv yml heal scan cvss publish zip kube_watch encode
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS   = $(CFLAGS_COMMON) -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) \
	-Wno-unused-command-line-argument

# (the Makefile includes $(HOST)/vendor.mk for these goals: HOST_GOALS)

# Seeds: existing fixtures, referenced in place (libFuzzer reads them and
# writes new inputs only into the first directory, build/fuzz/corpus/T).
FUZZ_SEEDS_jv         := tests/fixtures/scan tests/fixtures/heal tests/fakes/k8s/snapshots
FUZZ_SEEDS_yml        := $(wildcard ../shared/fixtures/argocd-health) actions fuzz/seeds/yml
FUZZ_SEEDS_heal       := $(wildcard ../shared/corpus/errorformat) tests/heal tests/fixtures/heal/logs
FUZZ_SEEDS_scan       := tests/fixtures/scan $(wildcard ../shared/fixtures/scanners)
FUZZ_SEEDS_cvss       := fuzz/seeds/cvss
FUZZ_SEEDS_publish    := fuzz/seeds/publish
FUZZ_SEEDS_zip        := $(FUZZ)/seeds/zip
FUZZ_SEEDS_kube_watch := fuzz/seeds/kube_watch
FUZZ_SEEDS_encode     := fuzz/seeds/encode

FUZZ_OBJS := $(patsubst src/%.c,$(FUZZ)/obj/%.o,$(SRCS)) $(FUZZ)/obj/manifest.o

$(FUZZ)/obj/%.o: src/%.c $(HOST)/vendor.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $< (fuzz)"
	$(Q)$(CC_FUZZ) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(VENDOR_HOST_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ)/obj/manifest.o: $(HOST)/manifest.c
	@mkdir -p $(dir $@)
	$(Q)$(CC_FUZZ) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ)/libship.a: $(FUZZ_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(FUZZ)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(FUZZ)/libship.a
	@echo "  LINK    $@"
	$(Q)$(CC_FUZZ) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(VENDOR_HOST_CFLAGS) -o $@ $< \
		$(FUZZ)/libship.a $(VENDOR_HOST_LDFLAGS) $(VENDOR_LIBS) -lpthread -lm

# Small zips as seeds, written at build time (no binaries in the tree).
$(FUZZ)/seeds/zip/.done: fuzz/seeds/make_zips.py
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) fuzz/seeds/make_zips.py $(dir $@)
	@touch $@

fuzz-build: $(addprefix $(FUZZ)/fuzz_,$(FUZZ_TARGETS)) $(FUZZ)/seeds/zip/.done

# $(call fuzz_run,TARGET,LIMITS,CORPUS): one target over CORPUS and its
# seeds, crashes kept in fuzz/crashes/TARGET/, output in
# build/fuzz/TARGET.log; adds TARGET to $$failed when it fails.
define fuzz_run
mkdir -p $(3) fuzz/crashes/$(1); \
echo "== fuzz_$(1) ($(2))"; \
seeds=""; for d in $(FUZZ_SEEDS_$(1)); do [ -d "$$d" ] && seeds="$$seeds $$d"; done; \
$(FUZZ)/fuzz_$(1) $(2) -max_len=65536 -timeout=10 \
	-print_final_stats=1 -artifact_prefix=fuzz/crashes/$(1)/ \
	$(3) $$seeds > $(FUZZ)/$(1).log 2>&1 || failed="$$failed $(1)"; \
grep -E '^stat::(number_of_executed_units|new_units_added)|^SUMMARY' $(FUZZ)/$(1).log;
endef

# Each target runs FUZZ_SECONDS; all run even when one fails, then the
# goal fails naming them. The corpus grows in build/fuzz/corpus/<target>.
fuzz: fuzz-build
	@failed=""; \
	$(foreach t,$(FUZZ_TARGETS),$(call fuzz_run,$(t),-max_total_time=$(FUZZ_SECONDS),$(FUZZ)/corpus/$(t))) \
	if [ -n "$$failed" ]; then echo "fuzz: crashes in:$$failed (build/fuzz/<target>.log, fuzz/crashes/<target>/)"; exit 1; fi

# A fixed number of inputs with a fixed random seed, from the seeds alone
# (a fresh corpus each time): bounded by count, not time, and nearly the
# same inputs for the same code (jansson's random hash seed moves some
# coverage), so it can gate a landing; a change to a parser still meets
# inputs mutated along its new paths.
FUZZ_SMOKE_RUNS ?= 20000
fuzz-smoke: fuzz-build
	@failed=""; rm -rf $(FUZZ)/smoke; \
	$(foreach t,$(FUZZ_TARGETS),$(call fuzz_run,$(t),-runs=$(FUZZ_SMOKE_RUNS) -seed=1,$(FUZZ)/smoke/$(t))) \
	if [ -n "$$failed" ]; then echo "fuzz-smoke: crashes in:$$failed (build/fuzz/<target>.log, fuzz/crashes/<target>/)"; exit 1; fi

fuzz-replay: fuzz-build
	@failed=""; for t in $(FUZZ_TARGETS); do \
		set -- fuzz/crashes/$$t/*; [ -e "$$1" ] || continue; \
		echo "== fuzz_$$t: $$# input(s)"; \
		$(FUZZ)/fuzz_$$t "$$@" > $(FUZZ)/$$t.replay.log 2>&1 || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz-replay: still crashing:$$failed"; exit 1; fi

.PHONY: fuzz fuzz-build fuzz-replay fuzz-smoke
-include $(FUZZ_OBJS:.o=.d)
