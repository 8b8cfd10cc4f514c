# SKiMLLL Desktop: every target sets up what it needs first (scripts/bootstrap.sh
# is quick when everything is already there).
#
#   make run                       set up, start the app on the default database
#   make test                      set up, lint, run the whole test suite
#   make test PYTEST_ARGS="-k x"   ... passing arguments to pytest
#   make lint | bench | screenshots | i18n-extract | i18n-update | i18n-compile
#   make clean                     remove caches and build output
#   make distclean                 ... and .venv and .tools too

SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
LINT_DIRS := $(wildcard skimlll_desktop tests bench scripts)

.PHONY: setup run test lint bench screenshots i18n-extract i18n-update i18n-compile clean distclean

setup:
	bash scripts/bootstrap.sh

run: setup
	$(VENV)/bin/skimlll $(ARGS)

test: setup
	bash scripts/test.sh $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check $(LINT_DIRS)
	$(VENV)/bin/lint-imports

bench: setup
	$(PYTHON) -m bench $(ARGS)

screenshots: setup
	$(PYTHON) -m skimlll_desktop.tour docs/screenshots

i18n-extract: setup
	$(PYTHON) scripts/i18n.py extract

i18n-update: setup
	$(PYTHON) scripts/i18n.py update

i18n-compile: setup
	$(PYTHON) scripts/i18n.py compile

clean:
	rm -rf build dist .pytest_cache .ruff_cache *.egg-info
	find . \( -name .venv -o -name .tools -o -name .git \) -prune -o \
		-name __pycache__ -type d -prune -exec rm -rf {} +
	find . \( -name .venv -o -name .tools -o -name .git \) -prune -o -name '*.pyc' -exec rm -f {} +

distclean: clean
	rm -rf $(VENV) .tools
