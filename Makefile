# The DRE Dashboard: `make run` to start it, `make test` to test it.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8050
HOST ?= 127.0.0.1
WORKERS ?= 2

.PHONY: install run serve db test test-fast lint browser-deps bench clean

# Stops with one line unless $(PYTHON) is Python 3.11 or newer.
CHECK_PYTHON = @v=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2]); sys.exit(sys.version_info < (3, 11))' 2>/dev/null) \
	  || { echo "The DRE Dashboard needs Python 3.11 or newer: '$(PYTHON)' is $${v:-missing}; run make PYTHON=python3.11 (or newer)." >&2; exit 1; }

## The venv, made with $(PYTHON) once it is known to be 3.11 or newer.
$(BIN)/python:
	$(CHECK_PYTHON)
	$(PYTHON) -m venv $(VENV)

$(BIN)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

## Create and migrate the database if needed, fill it with demonstration data if empty,
## and make one demonstration account per role (new passwords in instance/demo-accounts.txt).
db: install
	$(BIN)/flask --app app db-upgrade
	$(BIN)/flask --app app seed-demo --if-empty
	$(BIN)/flask --app app demo-accounts --out instance/demo-accounts.txt

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

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## Everything: lint, then the whole suite (needs PostgreSQL, Redis and Chromium).
test: install browser-deps lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Unit and wiring tests only: no browser, PostgreSQL, Redis or slow tests.
test-fast: install
	$(BIN)/python -m pytest -m "not browser and not postgres and not redis and not slow" $(PYTEST_ARGS)

bench: BENCH_ARGS ?= --scale national --workers 4
bench: install
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
