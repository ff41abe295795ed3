# heal.mk - the heal extraction driver, used by the corpus test and bench/heal.
#
# build/musl/heal_extract runs src/heal/ (logread + extract + excerpt) over
# log files: entries as TSV, `--count` for throughput, `--excerpt` for the
# failed steps' excerpts. tests/cli/test_heal_corpus.py scores it against
# ../shared/corpus/errorformat and tests/heal.

$(MUSL)/heal_extract: tests/tools/heal_extract.c $(MUSL)/libship.a
	$(CC_MUSL) $(CFLAGS_MUSL) $(VENDOR_MUSL_CFLAGS) -o $@ $< $(MUSL)/libship.a $(LINK_MUSL)

TEST_DEPS += $(MUSL)/heal_extract
CLI_TEST_ENV += SHIP_HEAL_EXTRACT=$(CURDIR)/$(MUSL)/heal_extract
# The cli rule's prerequisites were expanded before mk/*.mk is read.
cli: $(MUSL)/heal_extract

# The extraction hot path (bench/heal, docs/heal-extraction.md §6) is built
# with -O3: measured faster than -O2 on the bench log. Only these objects.
HEAL_HOT_OBJS := $(addprefix $(MUSL)/obj/heal/,logread.o extract.o scan.o \
	excerpt.o analyze.o rules_c.o rules_generic.o rules_go.o rules_infra.o \
	rules_js.o rules_lint.o rules_python.o rules_rust.o rules_table.o)
$(HEAL_HOT_OBJS): CFLAGS_MUSL += -O3
