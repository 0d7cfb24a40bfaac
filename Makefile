# The two commands of the README: `make report` and `make test`. Each builds the virtual
# environment (.venv, from pyproject.toml's pins) and the synthetic data when they are missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
SYNTHETIC := data/synthetic/ce/generated.json
YEAR ?=
AREA ?=

.PHONY: help report all test data clean-data
.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(INSTALLED)

$(SYNTHETIC): $(INSTALLED)
	$(PY) -m helpers.synthetic --out data/synthetic

data: $(SYNTHETIC) ## Generate the synthetic extracts (data/synthetic, data/synthetic/ce)

report: $(SYNTHETIC) ## Render a report: make report [YEAR=2016-17] [AREA="Bradford South"]
	$(PY) -m helpers.build $(if $(YEAR),--year $(YEAR)) $(if $(AREA),--area "$(AREA)")

all: $(SYNTHETIC) ## Render every year in params/ for the district and each area, and outputs/index.html
	$(PY) -m helpers.build --all

test: $(SYNTHETIC) ## Run the unit, notebook (nbval) and end-to-end tests
	$(PY) -m pytest --nbval-lax tests notebooks

clean-data: ## Remove the generated synthetic data
	rm -rf data/synthetic
