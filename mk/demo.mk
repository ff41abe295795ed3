# demo.mk - `make demo-heal`: ship heal on the bundled example logs, one verdict per line.
#
# The Makefile's `demo:` target depends on demo-heal. Each log is triaged
# with its own state directory under build/demo (prompts land there);
# the line shows the verdict, kind, domain and agent that ship chose.

DEMO_HEAL_LOGS := $(sort $(wildcard examples/heal/*.log))
DEMO_DIR ?= build/demo

.PHONY: demo-heal
demo-heal: ship
	@mkdir -p $(DEMO_DIR)
	@for log in $(DEMO_HEAL_LOGS); do \
		name=$$(basename $$log .log); \
		./ship heal --log $$log --state-dir $(DEMO_DIR)/$$name -q --format text \
			> $(DEMO_DIR)/$$name.out 2>&1; rc=$$?; \
		printf '%-28s exit %d  %s\n' "$$name" $$rc "$$(head -n 1 $(DEMO_DIR)/$$name.out)"; \
		case $$rc in 0|1) ;; *) exit $$rc ;; esac; \
	done
	@echo "prompts and heal.json: $(DEMO_DIR)/<log>/"
