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
