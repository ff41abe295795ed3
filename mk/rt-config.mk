# mk/rt-config.mk - runtime contract (config, state, Ansible mode): test prerequisites and a focused target.

# tests/cli/test_ansible.py runs Debian's ansible-playbook (package ansible-core).
TEST_DEPS += check-ansible

.PHONY: check-ansible test-rt
check-ansible:
	@command -v ansible-playbook >/dev/null 2>&1 || { \
		echo "ansible-playbook is missing: apt-get install ansible-core" >&2; exit 1; }

# Just the runtime-contract CLI tests (configuration, state, Ansible).
test-rt: ship check-ansible
	$(CLI_TEST_ENV) SHIP_BIN=$(CURDIR)/ship $(PYTHON) -m pytest -q -p no:cacheprovider \
		tests/cli/test_config.py tests/cli/test_ansible.py
