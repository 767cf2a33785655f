# Two commands: `make compile` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ORG    ?= org.yaml
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: compile test check bench schema docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

## compile: validate org.yaml and write everything generated from it into generated/
compile: $(STAMP)
	$(BIN)/imcompile build $(ORG)

## test: run the whole test suite (a Terraform CLI first: terraform or tofu from PATH,
## else OpenTofu built once from the Go module proxy, see tools/terraform-cli.sh)
test: $(TEST_STAMP)
	PATH="$$(tools/terraform-cli.sh):$$PATH" $(BIN)/python -m pytest

## check: fail when generated/ does not match org.yaml
check: $(STAMP)
	$(BIN)/imcompile build --check $(ORG)

## bench: run every benchmark and print the figures
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

## schema, docs: regenerate the committed schema and format/rules references
schema docs: $(STAMP)
	$(BIN)/imcompile schema > schemas/org.v1.schema.json
	$(BIN)/python -m imcompile.docs_reference

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
