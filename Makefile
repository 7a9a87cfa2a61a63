# reportlint — developer commands. Everything runs in ./.venv, created on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test test-matrix lint typecheck lint-imports pytest pytest-stock-marko bench \
	fuzz docs clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "reportlint needs Python 3.10 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# wheels of reportlint's dependencies and build backend: the pre-commit test builds
	@# the hook's environment from them with no index (tests never use the network)
	$(BIN)/python -m pip wheel --quiet --wheel-dir $(VENV)/wheelhouse 'setuptools>=77' .
	@touch $(STAMP)

install: $(STAMP)

## demo: lint the bundled example report with the default profile; writes reportlint.sarif
demo: $(STAMP)
	@echo "$$ reportlint check --sarif-file reportlint.sarif"
	@$(BIN)/reportlint check --sarif-file reportlint.sarif; \
	  echo "(exit code $$?: 1 means findings, as the example draft is meant to have)"; \
	  echo "SARIF written to reportlint.sarif"

## test: the whole suite, lint and type checks, and the model and rule tests once more on
## stock marko (the parser the model falls back to off marko's checked series)
test: $(STAMP) lint typecheck lint-imports pytest pytest-stock-marko

## test-matrix: `make test` on every installed interpreter from 3.10 up
## (~/.pyenv/versions/3.1[0-9]*, or MATRIX_PYTHONS), each in its own .venv-X.Y;
## runs them all, then fails naming the versions that failed
PYENV_ROOT ?= $(HOME)/.pyenv
MATRIX_PYTHONS ?= $(sort $(wildcard $(PYENV_ROOT)/versions/3.1[0-9]*/bin/python3))
test-matrix:
	@if [ -z "$(strip $(MATRIX_PYTHONS))" ]; then \
	  echo "test-matrix: no Python 3.10 or newer under $(PYENV_ROOT)/versions"; exit 1; fi
	@failed=""; passed=""; for py in $(MATRIX_PYTHONS); do \
	  v=$$($$py -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	  echo "=== test-matrix: Python $$v ($$py) in .venv-$$v"; \
	  if $(MAKE) --no-print-directory test PYTHON=$$py VENV=.venv-$$v; then \
	    passed="$$passed $$v"; else failed="$$failed $$v"; fi; \
	done; \
	echo "test-matrix: passed on Python$${passed:- nothing}$${failed:+; FAILED on Python$$failed}"; \
	[ -z "$$failed" ]

lint: $(STAMP)
	$(BIN)/ruff check reportlint rules tests action

typecheck: $(STAMP)
	$(BIN)/mypy reportlint
	$(BIN)/mypy rules
	$(BIN)/mypy action

## lint-imports: the import contracts of pyproject.toml ([tool.importlinter]): the layers
## document <- evidence <- engine <- reporters/cli, and rules/ using only `from reportlint import`
lint-imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

STOCK_MARKO_TESTS := tests/core/test_document.py tests/core/test_model_indexes.py \
	tests/core/test_mdparse.py::test_the_model_uses_the_parser_accelerated_says tests/rules tests/evidence/test_evidence_example.py
pytest-stock-marko: $(STAMP)
	REPORTLINT_STOCK_MARKO=1 $(BIN)/python -m pytest -q $(STOCK_MARKO_TESTS)

## bench: the performance benchmark of issue 6 (fixtures in a temp folder; a few minutes;
## never part of `make test`): prints the five ratios with their targets
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/evidence_bench.py

## fuzz: the property-based tests with a much larger budget (new inputs each run): the
## Markdown pipeline, configurations (YAML and TOML) and sources roots (links, pipes,
## permissions, odd names; as root without the permission bypass)
fuzz: $(STAMP)
	REPORTLINT_FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest -q tests/robustness/test_fuzz.py \
	  tests/robustness/test_fuzz_config.py tests/robustness/test_fuzz_paths.py

clean:
	rm -rf $(VENV) .venv-3.* build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache \
	  .hypothesis .import_linter_cache

## sarif-validate: the SARIF of `reportlint check` at the repository root through Microsoft's
## SARIF validator with GitHub's rules (npx @microsoft/sarif-multitool; needs Node and the npm
## registry, so it is not part of `make test`). The validator exits 0 even on errors: count them.
.PHONY: sarif-validate
SARIF_MULTITOOL ?= npx -y @microsoft/sarif-multitool
sarif-validate: $(STAMP)
	@mkdir -p build
	@rc=0; $(BIN)/reportlint check --format text --sarif-file build/reportlint.sarif >/dev/null || rc=$$?; \
	  if [ $$rc -gt 1 ]; then echo "reportlint check failed (exit $$rc)"; exit $$rc; fi
	@rc=0; $(BIN)/reportlint check --format text --sarif-omit-suppressed \
	  --sarif-file build/reportlint-code-scanning.sarif >/dev/null || rc=$$?; \
	  if [ $$rc -gt 1 ]; then echo "reportlint check failed (exit $$rc)"; exit $$rc; fi
	@# npx runs its arguments through a shell: the inner quotes keep "Sarif;Ghas" one word
	$(SARIF_MULTITOOL) validate --rule-kind '"Sarif;Ghas"' \
	  build/reportlint.sarif build/reportlint-code-scanning.sarif | tee build/sarif-validate.log
	@grep -q "Analysis completed successfully" build/sarif-validate.log \
	  || { echo "sarif-validate: the validator did not complete"; exit 1; }
	@errors=$$(grep -c ': error ' build/sarif-validate.log || true); \
	  warnings=$$(grep -c ': warning ' build/sarif-validate.log || true); \
	  echo "sarif-validate: $$errors errors, $$warnings warnings"; \
	  [ "$$errors" -eq 0 ]
