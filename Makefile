# Every target bootstraps .venv first, so a fresh clone needs nothing but python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
GENERATED := generated/piriod_api

.PHONY: setup generate check-generated lint typecheck test demo bench fuzz mutate clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# The generator needs ruff on PATH to format its output, hence the venv's bin first.
# --overwrite would leave files of removed schemas behind, so the output is deleted first.
generate: $(STAMP)
	rm -rf $(GENERATED)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/openapi-python-client generate \
		--path openapi.yaml --config generator-config.yaml --meta none \
		$(if $(wildcard templates/*.jinja),--custom-template-path templates) \
		--output-path $(GENERATED) --fail-on-warning

# Regenerates, then fails if generated/ differs from what git has, new or deleted files included.
check-generated: generate
	@changes="$$(git status --porcelain --untracked-files=all -- generated)"; \
	if [ -n "$$changes" ]; then \
		echo "generated/ is not what openapi.yaml produces:"; echo "$$changes"; \
		echo "Run 'make generate' and commit the result (never edit generated/ by hand)."; \
		exit 1; \
	fi; echo "generated/ matches openapi.yaml"

lint: $(STAMP)
	$(BIN)/ruff check overlay tests examples bench scripts
	$(BIN)/ruff format --check overlay tests examples bench scripts
	$(BIN)/openapi-spec-validator openapi.yaml
	@if command -v npx >/dev/null 2>&1 && [ -z "$$PIRIOD_SKIP_REDOCLY" ]; then \
		npx --yes @redocly/cli@2.11.1 lint --config redocly.yaml openapi.yaml; \
	else echo "npx not found: skipping Redocly (openapi-spec-validator ran)"; fi

typecheck: $(STAMP)
	$(BIN)/mypy

# Every test, the wheel type check (tests/test_wheel.py: build, clean install, mypy) included.
test: $(STAMP)
	$(BIN)/python -m pytest

# At least 10,000 fuzzed replies through the parser; prints how many were tried.
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py

# Walk speed against the naive loop and the ideal, parsing cost, memory, import time.
bench: $(STAMP)
	$(BIN)/python bench/bench.py

# Mutation testing of the core modules (mutmut): one line a module, at least 90% each.
# MODULE=_params runs one module; results are kept in build/mutation/ for the next run.
mutate: $(STAMP)
	$(BIN)/python scripts/mutate.py $(if $(MODULE),--module $(MODULE))

# Lists customers and products from the sandbox (no Piriod account needed).
demo: $(STAMP)
	@bash scripts/demo.sh

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
