# The DRE Dashboard: `make run` to start it, `make test` to test it.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8050
HOST ?= 127.0.0.1
WORKERS ?= 2
# The installer, pinned so that every venv is installed the same way.
PIP_VERSION := 26.3
PIP_TOOLS_VERSION := 7.6.2
# pip-tools for make lock lives here, apart from the project's venv, and is removed after.
LOCK_VENV ?= $(VENV)-lock
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: install install-dev run serve db test test-fast lint browser-deps a11y-deps bench lock clean

# Stops with one line unless $(PYTHON) is Python 3.11 or newer.
CHECK_PYTHON = @v=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2]); sys.exit(sys.version_info < (3, 11))' 2>/dev/null) \
	  || { echo "The DRE Dashboard needs Python 3.11 or newer: '$(PYTHON)' is $${v:-missing}; run make PYTHON=python3.11 (or newer)." >&2; exit 1; }

## The venv, made with $(PYTHON) once it is known to be 3.11 or newer.
$(BIN)/python:
	$(CHECK_PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet pip==$(PIP_VERSION)

## Two stamps: the runtime packages (make run) and, on top, the test tools (make test).
## Both locks pin shared packages at the same versions, so the dev install is also a runtime install.
$(BIN)/.installed-runtime: requirements.lock | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r requirements.lock
	touch $@

$(BIN)/.installed-dev: requirements-dev.lock requirements.lock | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(BIN)/.installed-runtime

## The runtime packages only (requirements.lock).
install: $(BIN)/.installed-runtime

## The runtime packages and the test, lint and benchmark tools (requirements-dev.lock).
install-dev: $(BIN)/.installed-dev

## Pin every package, with hashes, from requirements-dev.txt (the runtime packages and the test
## tools, resolved together), then from requirements.txt within those pins: the runtime lock is
## the dev lock less the test tools, at the same versions. Existing pins are kept where they
## still fit: make lock LOCK_ARGS=--upgrade moves every package pulled in to its newest release.
lock: PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet \
	  --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock:
	$(CHECK_PYTHON)
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	  pip==$(PIP_VERSION) pip-tools==$(PIP_TOOLS_VERSION)
	$(PIP_COMPILE) --output-file requirements-dev.lock requirements-dev.txt
	$(PIP_COMPILE) --constraint requirements-dev.lock --output-file requirements.lock requirements.txt
	rm -rf $(LOCK_VENV)

## Create and migrate the database if needed, fill it with demonstration data if empty,
## and make one demonstration account per role (new passwords in instance/demo-accounts.txt).
## DATA=demo (the default): the demonstration data. DATA=mha-annual: NHS England's Mental
## Health Act Statistics, Annual Figures 2023-24 (data/mha-annual-2023-24), in a database of
## its own, with today's NHS England regions and ICBs; importing again changes nothing.
DATA ?= demo
MHA_FILE ?= data/mha-annual-2023-24/mha-annual-2023-24-extract.csv
ifeq ($(DATA),mha-annual)
export DATABASE_URL ?= sqlite:///$(CURDIR)/instance/mha-annual.sqlite3
# A published rate on fewer than 20 events is unreliable (ONS): counts rounded to 5 by the
# publisher are flagged below 20, not 10.
export SMALL_NUMBER_THRESHOLD ?= 20
endif

db: install
	$(BIN)/flask --app app db-upgrade
ifeq ($(DATA),mha-annual)
	$(BIN)/flask --app app load-reference data_access/reference/nhs-england-regions.csv
	$(BIN)/flask --app app load-reference data_access/reference/nhs-england-icbs.csv
	$(BIN)/flask --app app import-published mha-annual $(MHA_FILE)
else
	$(BIN)/flask --app app seed-demo --if-empty
	$(BIN)/flask --app app demo-accounts --out instance/demo-accounts.txt
endif

# The local demonstration: plain HTTP on this machine, and visitors may look without an
# account (as viewers). Production keeps the defaults: secure cookies, sign-in required.
run: export SESSION_COOKIE_SECURE ?= false
run: export ALLOW_ANONYMOUS_VIEWERS ?= true

## Serve the dashboard on http://$(HOST):$(PORT) (PORT overrides).
run: db
	@echo "DRE Dashboard on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	@echo "Sign in with an account from instance/demo-accounts.txt, or look as a viewer."
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - app:server

## Debian's Chromium and its driver for the browser tests, when missing.
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "Installing Debian's chromium and chromium-driver"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## axe-core for the accessibility checks of the browser tests, from the npm registry, as locked.
AXE := tests/a11y/node_modules/axe-core/axe.min.js
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	@command -v npm >/dev/null || { echo "The accessibility tests need Node.js and npm (Debian: apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
	touch $@

a11y-deps: $(AXE)

## Everything: lint, then the whole suite (needs PostgreSQL, Redis, Chromium and npm).
test: install-dev browser-deps a11y-deps lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Unit and wiring tests only: no browser, PostgreSQL, Redis or slow tests.
test-fast: install-dev
	$(BIN)/python -m pytest -n 2 -m "not browser and not postgres and not redis and not slow" $(PYTEST_ARGS)

## The national benchmark on PostgreSQL with Redis, then on SQLite with a folder of cached
## figures the workers share, and one table of both (benchmarks/run.py);
## BENCH_ARGS="--scale demo --workers 2" for the demonstration data.
bench: BENCH_ARGS ?= --scale national --workers 4 --database postgresql --database sqlite
bench: install-dev
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(LOCK_VENV) .pytest_cache .ruff_cache tests/a11y/node_modules
