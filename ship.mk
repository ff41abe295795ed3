# ship.mk - make targets that run ship's phases: include it from your Makefile.
#
#   SHIP = ./bin/ship             # optional: which binary (default: ship on PATH)
#   SHIP_SCAN_REPORT = trivy.json grype.json
#   SHIP_SCAN_FAIL_ON = critical
#   include ship.mk
#
#   make ship-scan ship-publish SHIP_PUBLISH_DRY_RUN=1
#
# Targets: ship-scan ship-publish ship-deploy-watch ship-heal ship-version.
# Every option of a phase is a variable SHIP_<PHASE>_<OPTION> (upper case,
# '-' -> '_'), e.g. --fail-on of scan is SHIP_SCAN_FAIL_ON and --argocd-app
# of deploy-watch is SHIP_DEPLOY_WATCH_ARGOCD_APP:
#   value options   passed as --opt 'VALUE' when the variable is not empty
#   list options    one --opt 'WORD' per word of the variable
#   flag options    passed as --opt when the variable is 1, true, yes or on
# Global options: SHIP_FORMAT SHIP_CONFIG SHIP_STATE_DIR SHIP_STATE_FROM
# SHIP_STATE_TO SHIP_STATE_RETENTION SHIP_CA_FILE SHIP_VERBOSE SHIP_QUIET.
# Anything else: SHIP_<PHASE>_ARGS (extra arguments,
# passed as written) and SHIP_ARGS (for every phase). Values are single-quoted
# for the shell; a value cannot contain spaces (use .ship.yml for those).
# Secrets never go in variables that become flags: export GITHUB_TOKEN etc.
# ship exits 1 when the phase's verdict is negative, so the target fails;
# exit codes are in docs/exit-codes.md. Reference: docs/make.md.

ifndef SHIP_MK_INCLUDED
SHIP_MK_INCLUDED := 1

SHIP ?= ship

# The option tables of the phases (kept in step with `ship <phase> --help`
# by tests/cli/test_make_include.py).
SHIP_SCAN_VALUE := format-in repo-root fail-on ignore-file sarif max-report-size \
	run-timeout
SHIP_SCAN_LIST := report run
SHIP_SCAN_FLAG := only-fixed self

SHIP_PUBLISH_VALUE := repo-dir tag-prefix prerelease version initial-version changelog-file \
	template tag-via push-remote repo token-file webhook-url
SHIP_PUBLISH_LIST := asset
SHIP_PUBLISH_FLAG := first-parent major-on-zero allow-blocking require-green draft dry-run

SHIP_DEPLOY_WATCH_VALUE := argocd-app app-namespace project revision namespace \
	kubeconfig context timeout stall-timeout idle-timeout restart-limit \
	github-deployment environment-url
SHIP_DEPLOY_WATCH_LIST := k8s flux
SHIP_DEPLOY_WATCH_FLAG := sync rollback-on-failure terminate-on-timeout reconcile

SHIP_HEAL_VALUE := event repo run attempt token-file rerun-budget dedupe-window \
	template-dir prompt-file llm-url llm-model webhook-url excerpt-lines excerpt-bytes
SHIP_HEAL_LIST := log route
SHIP_HEAL_FLAG := comment dry-run

SHIP_GLOBAL_VALUE := format config state-dir state-from state-to state-retention ca-file
SHIP_GLOBAL_LIST :=
SHIP_GLOBAL_FLAG := verbose quiet

# fail-on -> FAIL_ON
ship_upper = $(subst -,_,$(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,$(subst \
	f,F,$(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,$(subst l,L,$(subst \
	m,M,$(subst n,N,$(subst o,O,$(subst p,P,$(subst q,Q,$(subst r,R,$(subst s,S,$(subst \
	t,T,$(subst u,U,$(subst v,V,$(subst w,W,$(subst x,X,$(subst y,Y,$(subst z,Z,$(1))))))))))))))))))))))))))))
# A word as one single-quoted shell word.
ship_q = '$(subst ','\'',$(1))'
ship_true = $(filter 1 true yes on TRUE YES ON True Yes On,$(1))
# $(call ship_opts,PREFIX,TABLE): the flags for variables PREFIX<OPTION>.
ship_opts = $(strip \
	$(foreach o,$($(2)_VALUE),$(if $($(1)$(call ship_upper,$(o))),--$(o) $(call ship_q,$($(1)$(call ship_upper,$(o)))))) \
	$(foreach o,$($(2)_LIST),$(foreach w,$($(1)$(call ship_upper,$(o))),--$(o) $(call ship_q,$(w)))) \
	$(foreach o,$($(2)_FLAG),$(if $(call ship_true,$($(1)$(call ship_upper,$(o)))),--$(o))))
# $(call ship_cmd,phase): the whole command line of a phase.
ship_cmd = $(SHIP) $(1) $(strip $(call ship_opts,SHIP_$(call ship_upper,$(1))_,SHIP_$(call ship_upper,$(1))) \
	$(call ship_opts,SHIP_,SHIP_GLOBAL) $(SHIP_$(call ship_upper,$(1))_ARGS) $(SHIP_ARGS))

.PHONY: ship-scan ship-publish ship-deploy-watch ship-heal ship-version

ship-scan:
	$(call ship_cmd,scan)

ship-publish:
	$(call ship_cmd,publish)

ship-deploy-watch:
	$(call ship_cmd,deploy-watch)

ship-heal:
	$(call ship_cmd,heal)

ship-version:
	$(SHIP) version

endif
