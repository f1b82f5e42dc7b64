# Versus: `make run` and `make test` work on a fresh machine (see README).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export VERSUS_DATA_DIR ?= $(CURDIR)/.data
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run serve ingest test test-fast test-integration e2e lint bench soak chromium clean

install: $(STAMP)

# torch first, pinned: pip takes the CPU build from this machine's disk; an unpinned torch
# (pulled in by sentence-transformers) would download a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,llm]'
	touch $(STAMP)

ingest: install
	$(BIN)/versus ingest

run: install ingest
	$(BIN)/versus serve

serve: install
	$(BIN)/versus serve

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

test: install chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not integration and not e2e and not server and not soak"

test-integration: install
	$(BIN)/python -m pytest -q -m "(integration or server) and not soak"

e2e: install chromium
	$(BIN)/python -m pytest -q -m "e2e and not soak"

bench: install
	$(BIN)/python -m bench.run

soak: install
	$(BIN)/python -m pytest -q -m soak -o addopts="--strict-markers -ra"

clean:
	rm -rf .data .pytest_cache .mypy_cache .ruff_cache
