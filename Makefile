# govit: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GOVIT := $(BIN)/govit
HOST ?= 127.0.0.1
PORT ?= 8000
export GOVIT_RULEBOOK ?= wuhan
PG_URL ?= postgres://postgres@127.0.0.1:5432/govit_ci
XDIST ?= -n auto

.PHONY: demo test test-postgres lint setup messages run clean help

help:
	@echo "make demo           set up, load the demo data and run govit on http://$(HOST):$(PORT)"
	@echo "make test           set up and run lint, type checks and the whole test suite (SQLite)"
	@echo "make test-postgres  the same suite against PostgreSQL (DATABASE_URL, throwaway database)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pinned dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var:
	mkdir -p var/media

messages: $(VENV)/.installed
	$(GOVIT) compilecatalogues

setup: $(VENV)/.installed node_modules/.installed var messages

# The demo accounts sign in with a password only; set GOVIT_2FA_ENFORCED=1 to try two-factor
# sign-in (the privileged accounts then enrol an authenticator app at their first sign-in).
demo: export GOVIT_2FA_ENFORCED ?= 0
demo: setup
	$(GOVIT) migrate --no-input
	$(GOVIT) demo load
	$(GOVIT) collectstatic --no-input --verbosity 0
	$(GOVIT) demo accounts
	@echo "govit is starting on http://$(HOST):$(PORT)/ (rulebook: $(GOVIT_RULEBOOK)); stop it with Ctrl-C."
	$(GOVIT) runserver $(HOST):$(PORT)

run: setup
	$(GOVIT) runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy govit tests conftest.py benchmarks

test: setup lint
	$(BIN)/pytest $(XDIST) -q

test-postgres: setup
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(XDIST) -q --create-db

clean:
	rm -rf $(VENV) node_modules var/static

# Extract new strings into each app's catalogue (needs GNU gettext) and fill in the Chinese from
# the app's govit/<app>/locale/zh_Hans/*.yaml glossaries; then `make messages` compiles them.
messages-update: $(VENV)/.installed
	for app in govit/*/locale; do (cd $$(dirname $$app) && ../../$(GOVIT) makemessages -l zh_Hans --no-location --ignore 'tests/*'); done
	for glossary in govit/*/locale/zh_Hans/*.yaml; do $(BIN)/python scripts/po_fill.py $$(dirname $$glossary)/LC_MESSAGES/django.po $$glossary || true; done
	$(GOVIT) compilecatalogues
