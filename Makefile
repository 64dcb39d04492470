# The two commands of the README: `make demo` (install, migrate, demo data, serve on SQLite) and
# `make test` (install with the test extra and the browser tests' npm packages, then every test).
# .ci/run calls `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# npm writes node_modules/.package-lock.json on every install: newer than the lock, nothing to do.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: demo test install browser lint typecheck

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The browser tests' tools (axe-core), pinned by package-lock.json; nothing of it is served to users.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund

install: $(STAMP) $(NODE_STAMP)

# Debian's Chromium drives the phone-page tests (Playwright must not download a browser).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

# The scheduler runs beside the server, as in production (one process, so jobs never run twice
# however many web workers serve): certificates and reminders reach the outbox and go out.
demo: $(STAMP)
	$(BIN)/logistics migrate
	$(BIN)/logistics demo
	$(BIN)/logistics scheduler & scheduler=$$!; trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/logistics serve --host 127.0.0.1 --port 8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The packages mypy checks are listed in pyproject.toml ([tool.mypy] files).
typecheck: install
	$(BIN)/mypy

test: install browser
	$(BIN)/pytest -q -n 2 --dist loadfile
