# mk/deploy.mk - test prerequisites of deploy-watch: Debian's kubectl as the reference.
#
# tests/cli/test_deploy_kubectl.py runs `kubectl rollout status` from Debian's
# kubernetes-client package (1.20.2) against the fake API server in
# tests/fakes/k8s. The package is unpacked into build/ instead of installed:
# on images with google-cloud-cli its /usr/bin/kubectl conflicts with the
# `kubectl` package, and the tests want exactly Debian's client anyway.
DEPLOY_KUBECTL_DIR := $(BUILD)/deb/kubernetes-client
DEPLOY_KUBECTL := $(DEPLOY_KUBECTL_DIR)/usr/bin/kubectl

$(DEPLOY_KUBECTL):
	@rm -rf $(BUILD)/deb/dl && mkdir -p $(BUILD)/deb/dl $(DEPLOY_KUBECTL_DIR)
	cd $(BUILD)/deb/dl && apt-get download kubernetes-client
	dpkg-deb -x $(BUILD)/deb/dl/kubernetes-client_*.deb $(DEPLOY_KUBECTL_DIR)
	@rm -rf $(BUILD)/deb/dl
	@test -x $@ && touch $@

TEST_DEPS += $(DEPLOY_KUBECTL)
CLI_TEST_ENV += SHIP_TEST_KUBECTL=$(CURDIR)/$(DEPLOY_KUBECTL)

.PHONY: test-deploy
# The deploy-watch CLI tests alone (fake API servers + Debian's kubectl).
test-deploy: $(DEPLOY_KUBECTL)
	$(CLI_TEST_ENV) $(PYTHON) -m pytest -q -p no:cacheprovider tests/cli/test_deploy_fake_k8s.py \
		tests/cli/test_deploy_kubectl.py tests/cli/test_deploy_watch.py tests/cli/test_deploy_argocd.py
