# opsramp.automation — developer entry points. `make demo` and `make test` are the two a newcomer needs.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(CURDIR)/$(VENV)/bin
# the exact version of every package of $(VENV), one lock file per Python version, written by `make lock`
LOCK := ci/constraints-py$(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])').txt
# scratch space of this checkout: derived from its path, so that two clones can run `make test` side by side
WORK ?= /tmp/opsramp-automation-$(shell id -u)-$(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)
export WORK
STAGE_ROOT := $(WORK)/stage
STAGE := $(STAGE_ROOT)/ansible_collections/opsramp/automation
INSTALL_ROOT := $(WORK)/installed
SIM_STATE := $(WORK)/simulator
RELIABILITY_WORKERS ?= 3
# the component tests mostly wait (retry back-offs, rate-limit windows, timeouts): more workers than CPUs
COMPONENT_WORKERS ?= 4
export COMPONENT_WORKERS
QUICK_BASE ?= main
SOAK_JOBS ?= 3000
LINT_COLLECTIONS := $(WORK)/lint-collections
DOCS_BUILD := $(WORK)/docs
IMPORTER_VENV ?= .venv-importer
# make test runs TEST_STEPS in order, each timed, and meanwhile TEST_BESIDE in a second lane (ci/run-steps.sh)
TEST_STEPS := units component sanity molecule reliability lint changelog-lint docs-lint build ecosystem galaxy-check docs
TEST_BESIDE := integration test-core-2.21
# unit and component tests import the collection from the staged tree and the simulator from its copy there
TEST_PYTHONPATH := $(STAGE_ROOT):$(STAGE)/tests/simulator
PYTEST := $(BIN)/python -m pytest -q -p no:cacheprovider
export PATH := $(BIN):$(PATH)
export ANSIBLE_NOCOLOR ?= 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help venv demo test quick units component sanity integration molecule lint changelog-lint docs-lint build stage clean bench
.PHONY: render
.PHONY: ecosystem lint-collections docs galaxy-check test-core-2.21 lock
.PHONY: reliability soak

help:
	@echo "make demo   - set up, start the simulator and run the example jobs playbook (twice, then --check --diff)"
	@echo "make test   - set up and run every check (units, sanity, integration, molecule, lint, changelog, docs, build)"
	@echo "make quick  - the inner loop: unit tests, and sanity of the files changed since main (under a minute warm)"
	@echo "make render - rewrite the doc fragments and the roles' option docs after a change of the option tables"
	@echo "other targets: units component sanity integration molecule lint changelog-lint docs-lint build clean"
	@echo "  ecosystem      - AWX (ansible-runner), execution environment (ansible-builder), docs examples, CI pipeline"
	@echo "  docs           - render the guides and the module/role reference to HTML (prints the index path)"
	@echo "  galaxy-check   - run galaxy-importer on the built tarball (own virtualenv $(IMPORTER_VENV))"
	@echo "  test-core-2.21 - sanity, unit and AWX tests on ansible-core 2.21 (virtualenv .venv-2.21, needs Python 3.12)"
	@echo "  reliability    - fault injection, bad input, secret leaks, TLS and a short soak, through the real modules"
	@echo "  soak           - the long soak: SOAK_JOBS jobs (default $(SOAK_JOBS)) under random faults; report in $(WORK)"
	@echo "  bench          - opsramp_jobs against loops of tasks (about an hour); results into docs/performance.md"
	@echo "  lock           - re-resolve the toolchain from the ranges in ci/requirements*.txt, rewrite ci/constraints-*.txt"

# a new lock file reinstalls the virtualenv from scratch (CONTRIBUTING.md, "Toolchain versions")
$(VENV)/.installed: ci/requirements.txt $(LOCK)
	bash ci/venv.sh $(PYTHON) $(VENV) $(LOCK) ci/requirements.txt
	bash ci/install-get-pip-stub.sh $(BIN)/python
	touch $@

ci/constraints-py%.txt:
	@echo "no lock file $@ for Python $*: \`make lock PYTHON=$(PYTHON)\` writes one (CONTRIBUTING.md, \"Toolchain versions\")" >&2
	@exit 1

venv: $(VENV)/.installed

lock:
	PYTHON=$(PYTHON) bash ci/lock.sh

stage: venv
	@bash ci/stage.sh $(STAGE_ROOT) >/dev/null

demo: venv
	bash demo/run.sh

# the doc fragments and the schedule roles' option docs, from the tables (a unit test fails when they drift)
render: venv
	$(BIN)/python ci/render_docs.py

# tests/unit: pure logic, no server. tests/component: module_utils over real HTTP against the simulator, and the
# simulator's own tests. Both run from the staged tree (docs/architecture.md).
units: stage
	cd $(STAGE) && PYTHONPATH=$(TEST_PYTHONPATH) $(PYTEST) tests/unit

component: stage
	cd $(STAGE) && PYTHONPATH=$(TEST_PYTHONPATH) $(PYTEST) -n $(COMPONENT_WORKERS) tests/simulator/tests tests/component

quick: stage
	cd $(STAGE) && OPSRAMP_QUICK=1 PYTHONPATH=$(TEST_PYTHONPATH) $(PYTEST) tests/unit
	bash ci/sanity-changed.sh $(STAGE) $(QUICK_BASE)

sanity: stage
	cd $(STAGE) && ansible-test sanity --venv --python $$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')

integration: stage
	bash ci/integration.sh $(STAGE) $(SIM_STATE)

molecule: stage
	# VIRTUAL_ENV: molecule keeps its scenario state under <venv>/.ansible, one per checkout
	VIRTUAL_ENV=$(CURDIR)/$(VENV) ANSIBLE_COLLECTIONS_PATH=$(STAGE_ROOT) molecule test --all

# tests/reliability: ansible-playbook on generated plays against simulators in the test processes (docs/reliability.md)
reliability: stage
	OPSRAMP_RELIABILITY_COLLECTIONS=$(STAGE_ROOT) \
	  $(BIN)/python -m pytest -q -p no:cacheprovider -n $(RELIABILITY_WORKERS) tests/reliability

soak: stage
	OPSRAMP_RELIABILITY_COLLECTIONS=$(STAGE_ROOT) RELIABILITY_SOAK_JOBS=$(SOAK_JOBS) \
	  RELIABILITY_SOAK_REPORT=$(WORK)/soak-report.json \
	  $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/reliability/test_reliability_soak.py
	@echo "soak numbers: $(WORK)/soak-report.json"

lint: stage lint-collections
	cd $(STAGE) && ANSIBLE_COLLECTIONS_PATH=$(STAGE_ROOT):$(LINT_COLLECTIONS) ansible-lint --offline

# awx.awx, which extras/awx/*.yml call, taken from the ansible package on PyPI (no Galaxy here)
lint-collections: venv
	PYTHON=$(BIN)/python bash ci/lint-collections.sh $(LINT_COLLECTIONS)

changelog-lint: venv
	antsibull-changelog lint

docs-lint: venv
	antsibull-docs lint-collection-docs --plugin-docs .

build: venv
	bash ci/build-and-doc.sh $(INSTALL_ROOT)

# Not part of `make test`: it measures, it does not check. BENCH_ARGS=--quick tries it out in two minutes.
bench: stage
	$(BIN)/python bench/run.py --stage $(STAGE_ROOT) --doc docs/performance.md $(BENCH_ARGS)

test: venv
	@MAKE="$(MAKE)" bash ci/run-steps.sh --beside "$(TEST_BESIDE)" $(TEST_STEPS)
	@echo "make test: every check passed"

# BUILT=1 (set by make test after its build step): use the collection that build made
ecosystem: venv $(if $(BUILT),,build)
	OPSRAMP_COLLECTION_TARBALL=$$(ls $(CURDIR)/dist/opsramp-automation-*.tar.gz) OPSRAMP_INSTALLED_COLLECTIONS=$(INSTALL_ROOT) \
	  PYTHONPATH=$(INSTALL_ROOT):$(CURDIR)/tests/simulator $(PYTEST) tests/ecosystem

galaxy-check: venv $(if $(BUILT),,build)
	PYTHON=$(PYTHON) bash ci/galaxy-check.sh $(IMPORTER_VENV) $(WORK)/galaxy-importer $$(ls dist/opsramp-automation-*.tar.gz)

docs: stage
	bash ci/docs-html.sh $(STAGE_ROOT) $(DOCS_BUILD)

test-core-2.21:
	bash ci/test-core.sh $(CURDIR)/.venv-2.21 $(WORK)/stage-2.21

clean:
	rm -rf dist tests/output .ansible $(WORK)
