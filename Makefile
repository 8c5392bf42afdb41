# The two commands: `make run` and `make test`. Everything else is a convenience.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test bench lint format lock migrate messages check-deploy clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required: set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

# Reinstalled whenever a lock file changes; hashes make two installs a month apart identical.
# requirements.lock is the runtime (what the Docker image installs); requirements-dev.lock adds
# the development tools (tests, ruff, Playwright, import-linter) at the same versions.
# pip's own lines stay visible (one per package): the first install takes about a minute.
$(STAMP): requirements.lock requirements-dev.lock | $(PY)
	@echo "installing dependencies (about a minute)…"
	$(PY) -m pip install --progress-bar on --require-hashes -r requirements.lock -r requirements-dev.lock
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install both locks (runtime + development tools)

# `make run PORT=8801 HOST=0.0.0.0`: the links the tracker writes follow (unless SITE_URL is set).
PORT ?= 8000
HOST ?= 127.0.0.1

run: install ## migrate, load the demo, start web + Celery worker + beat on HOST:PORT (SQLite unless DATABASE_URL/REDIS_URL)
	@mkdir -p var
	$(PY) manage.py compilemessages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py runstack --load-demo --host "$(HOST)" --port "$(PORT)"

test: install ## ruff, the import contract, then the whole test suite (PostgreSQL + Redis when DATABASE_URL/REDIS_URL are set)
	@mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) manage.py compilemessages
	$(PY) -m pytest

bench: install ## benchmarks against PostgreSQL (DATABASE_URL); prints BENCH lines
	$(PY) bench/run.py

lint: install ## ruff check and the import contract
	$(BIN)/ruff check .
	$(BIN)/lint-imports

format: install ## ruff format + autofix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

LOCK_OPTIONS := --quiet --strip-extras --generate-hashes --no-emit-index-url --no-emit-find-links

lock: install ## re-resolve requirements.lock (runtime) and requirements-dev.lock (+ dev, constrained by it)
	$(PY) -m pip install --quiet pip-tools
	$(BIN)/pip-compile $(LOCK_OPTIONS) -o requirements.lock pyproject.toml
	$(BIN)/pip-compile $(LOCK_OPTIONS) --extra dev -c requirements.lock -o requirements-dev.lock pyproject.toml

migrate: install ## apply migrations
	$(PY) manage.py migrate --noinput

messages: install ## update every catalogue (needs GNU gettext): extract, merge, generate Serbian Cyrillic, compile
	$(PY) manage.py makemessages -l sr_Latn -l mk -l sq -l bs --no-obsolete --ignore=.venv --ignore=var --ignore=node_modules
	$(PY) manage.py generate_cyrillic_catalogue
	$(PY) manage.py compilemessages

check-deploy: install ## Django's deployment checklist with production settings and dummy secrets
	DJANGO_SETTINGS_MODULE=tracker.settings.production DJANGO_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	DJANGO_ALLOWED_HOSTS=tracker.example.org SITE_URL=https://tracker.example.org DATABASE_URL=postgres://tracker@db.invalid/tracker \
	REDIS_URL=redis://redis.invalid:6379/0 $(PY) manage.py check --deploy --fail-level WARNING

clean: ## remove the virtualenv and local state (var/)
	rm -rf $(VENV) var .pytest_cache .ruff_cache
