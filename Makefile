# reportlint — developer commands. Everything runs in ./.venv, created on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck pytest bench fuzz docs clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "reportlint needs Python 3.10 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

## demo: lint the bundled example report with the default profile; writes reportlint.sarif
demo: $(STAMP)
	-$(BIN)/reportlint check --output sarif:reportlint.sarif
	@echo "SARIF written to reportlint.sarif"

## test: the whole suite, lint and type checks
test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check reportlint rules tests

typecheck: $(STAMP)
	$(BIN)/mypy reportlint
	$(BIN)/mypy rules

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
