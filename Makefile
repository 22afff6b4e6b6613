# The hub's two commands: `make serve` and `make test`. Both set up everything they need.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# mkdocs-material prints an end-of-life banner on every run: noise in scripts and CI.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test bench build audit browser-deps clean lock

# tools/constraints.txt pins every package to the versions the tests passed with (reproducible
# installs); `make lock` refreshes it from the current environment. -qq: errors only, so a machine's
# pip configuration (find-links that do not exist, say) prints nothing before the test results.
$(STAMP): pyproject.toml tools/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -c tools/constraints.txt -e '.[test]'
	touch $(STAMP)

## Pin the installed versions (after changing pyproject.toml's ranges and passing make test).
lock: $(STAMP)
	{ head -n 2 tools/constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > tools/constraints.tmp
	mv tools/constraints.tmp tools/constraints.txt

## Serve the hub on http://127.0.0.1:8000 with live reload, and its lead receiver on :8001.
serve: $(STAMP)
	$(BIN)/hubtool serve

## Run the whole test suite (browser tests included: installs Debian's chromium and npm tools first).
test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

browser-deps:
	bash tests/browser/setup.sh

## Benchmarks: audit speed and memory, check speed, lead receiver load, Lighthouse figures.
bench: $(STAMP) browser-deps
	$(BIN)/python tests/bench/audit_bench.py
	$(BIN)/python tests/bench/check_bench.py
	$(BIN)/python tests/bench/editorial_bench.py
	$(BIN)/python tests/bench/preview_bench.py
	$(BIN)/python tests/bench/leads_bench.py
	$(BIN)/python tests/bench/lighthouse_bench.py

build: $(STAMP)
	$(BIN)/mkdocs build --strict

audit: $(STAMP)
	$(BIN)/hubtool seo-audit

clean:
	rm -rf site .pytest_cache
