# The study's commands. `make report` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DATA ?=
DIGITS ?=

.PHONY: report test bench lab clean

# Create the virtual environment (reused when present) and install the pinned requirements.
$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "The study needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1))."; exit 1; }
	@test -x $(BIN)/python || { echo "Creating $(VENV)/ ..."; $(PYTHON) -m venv $(VENV); }
	@echo "Installing the pinned requirements into $(VENV)/ (the first time takes a few minutes) ..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(INSTALLED)

## Render the study: execute every notebook, write reports/*.html and reports/figures/.
## Options: DATA=folder (CSV files laid out like data/), DIGITS=arabic-indic (Arabic edition).
report: $(INSTALLED)
	@cd notebooks && ../$(BIN)/python -m study.render \
		$(if $(DATA),--data "$(abspath $(DATA))") $(if $(DIGITS),--digits "$(DIGITS)")

## Run the tests: data, derived numbers, fact-check rules, charts, Arabic text, every notebook.
test: $(INSTALLED)
	@$(BIN)/python -m pytest

## Measure the render and the data pipeline against their floors; writes benchmarks/results.json.
bench: $(INSTALLED)
	@$(BIN)/python benchmarks/bench.py

## Open the notebooks in JupyterLab to re-run cells by hand.
lab: $(INSTALLED)
	@$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
