# The study's commands. `make report` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DATA ?=
DIGITS ?=
# DATA as an absolute path (the recipes run in notebooks/), spaces and all.
DATA_PATH = $(if $(filter /%,$(firstword $(DATA))),$(DATA),$(CURDIR)/$(DATA))

.PHONY: report check test fuzz bench lab notebook clean

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
		$(if $(DATA),--data "$(DATA_PATH)") $(if $(DIGITS),--digits "$(DIGITS)")

## Check the data against the codebook without rendering: a line if it is sound, else the located list.
check: $(INSTALLED)
	@cd notebooks && ../$(BIN)/python -m study.check $(if $(DATA),"$(DATA_PATH)")

## Run the tests: data, derived numbers, fact-check rules, charts, Arabic text, every notebook.
test: $(INSTALLED)
	@$(BIN)/python -m pytest

## A long random search for inputs the loader mishandles (10,000 examples a property, about 75
## minutes on 2 cores); each failure found is kept as a new case under tests/data_cases/bad/.
fuzz: $(INSTALLED)
	@$(BIN)/python tests/fuzz.py

## Measure the render and the data pipeline against their floors; writes benchmarks/results.json.
bench: $(INSTALLED)
	@$(BIN)/python benchmarks/bench.py

## Open the notebooks in JupyterLab, or in the classic Notebook, to re-run cells by hand.
lab: $(INSTALLED)
	@$(BIN)/jupyter lab notebooks/

notebook: $(INSTALLED)
	@$(BIN)/jupyter notebook notebooks/

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
