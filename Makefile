# Two commands on a fresh machine: `make html` and `make test`.
# Both create .venv when it is missing and install the project into it.
# `make check` adds the quality gates (accessibility, valid HTML, reproducible
# output, links); it needs Chromium, Java and npm (`.ci/run` installs them), and
# installs the checkers pinned in package-lock.json (axe-core, the Nu HTML Checker).

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
SOURCEDIR   := handbook
BUILDDIR    := _build
SPHINXOPTS  ?= -W --keep-going -n
SPHINXBUILD := $(BIN)/sphinx-build
STAMP       := $(VENV)/.installed
NODE_STAMP  := node_modules/.installed
# The doctrees stay out of the site, so the site holds only what is published.
DOCTREES    := $(BUILDDIR)/doctrees

# The date the site shows (last updated, copyright year, the export's date) is the
# last commit's, so that every build of one commit is byte-identical. Set it to pin
# another date. Tests set their own.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
html check serve: export SOURCE_DATE_EPOCH := $(SOURCE_DATE_EPOCH)
endif
# Playwright drives the system's Chromium; it must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help html test check lint serve bench partner clean dist-clean

help:
	@echo "make html   build the handbook into $(BUILDDIR)/html (strict: -W --keep-going -n)"
	@echo "make test   run every test, including a strict build of the handbook"
	@echo "make check  build the handbook afresh and run the quality gates on it"
	@echo "make lint   check the code with ruff and mypy"
	@echo "make bench  measure build time and memory against plain Sphinx (writes benchmarks/RESULTS.md)"
	@echo "make serve  live preview on http://127.0.0.1:8000 while you edit"
	@echo "make partner build examples/partner, a partner's project reusing a chapter"
	@echo "make clean  remove the build output"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,check]'
	touch $@

# --ignore-scripts: vnu-jar would otherwise fetch a Java runtime; the system's is used
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

html: $(STAMP)
	$(SPHINXBUILD) -b html -c . $(SPHINXOPTS) -d $(DOCTREES) $(SOURCEDIR) $(BUILDDIR)/html

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# A clean build, then every gate of checks/ on it (see checks/conftest.py).
check: $(STAMP) $(NODE_STAMP)
	rm -rf $(BUILDDIR)/html $(DOCTREES)
	$(SPHINXBUILD) -b html -c . $(SPHINXOPTS) -d $(DOCTREES) $(SOURCEDIR) $(BUILDDIR)/html
	HANDBOOK_SITE=$(BUILDDIR)/html $(BIN)/python -m pytest checks $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	$(BIN)/ruff check extensions tests checks benchmarks conf.py examples
	$(BIN)/mypy

# e.g. make bench BENCH_ARGS='--sizes 1000,5000 --repeat 1'; see python benchmarks/run.py --help
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

serve: $(STAMP)
	$(BIN)/sphinx-autobuild -c . $(SPHINXOPTS) -d $(DOCTREES) --watch extensions $(SOURCEDIR) $(BUILDDIR)/html

partner: $(STAMP)
	$(MAKE) -C examples/partner html

clean:
	rm -rf $(BUILDDIR)
	$(MAKE) -C examples/partner clean

dist-clean: clean
	rm -rf $(VENV) node_modules
