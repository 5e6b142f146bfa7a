# opsramp.automation — developer entry points. `make demo` and `make test` are the two a newcomer needs.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(CURDIR)/$(VENV)/bin
WORK ?= /tmp/opsramp-automation-$(shell id -u)
STAGE_ROOT := $(WORK)/stage
STAGE := $(STAGE_ROOT)/ansible_collections/opsramp/automation
INSTALL_ROOT := $(WORK)/installed
SIM_STATE := $(WORK)/simulator
export PATH := $(BIN):$(PATH)
export ANSIBLE_NOCOLOR ?= 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help venv demo test units sanity integration molecule lint changelog-lint docs-lint build stage clean

help:
	@echo "make demo   - set up, start the simulator and run the example jobs playbook (twice, then --check --diff)"
	@echo "make test   - set up and run every check (units, sanity, integration, molecule, lint, changelog, docs, build)"
	@echo "other targets: units sanity integration molecule lint changelog-lint docs-lint build clean"

$(VENV)/.installed: ci/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r ci/requirements.txt
	bash ci/install-get-pip-stub.sh $(BIN)/python
	touch $@

venv: $(VENV)/.installed

stage: venv
	@bash ci/stage.sh $(STAGE_ROOT) >/dev/null

demo: venv
	bash demo/run.sh

units: venv
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/simulator/tests tests/unit

sanity: stage
	cd $(STAGE) && ansible-test sanity --venv --python $$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')

integration: stage
	bash ci/integration.sh $(STAGE) $(SIM_STATE)

molecule: stage
	ANSIBLE_COLLECTIONS_PATH=$(STAGE_ROOT) molecule test --all

lint: stage
	cd $(STAGE) && ANSIBLE_COLLECTIONS_PATH=$(STAGE_ROOT) ansible-lint --offline

changelog-lint: venv
	antsibull-changelog lint

docs-lint: venv
	antsibull-docs lint-collection-docs --plugin-docs .

build: venv
	bash ci/build-and-doc.sh $(INSTALL_ROOT)

test: units sanity integration molecule lint changelog-lint docs-lint build
	@echo "make test: every check passed"

clean:
	rm -rf dist tests/output .ansible $(WORK)
