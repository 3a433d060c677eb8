# Two commands on a fresh machine: `make html` and `make test`.
# Both create .venv when it is missing and install the project into it.

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
SOURCEDIR   := handbook
BUILDDIR    := _build
SPHINXOPTS  ?= -W --keep-going -n
SPHINXBUILD := $(BIN)/sphinx-build
STAMP       := $(VENV)/.installed

.PHONY: help html test lint bench serve clean dist-clean

help:
	@echo "make html   build the handbook into $(BUILDDIR)/html (strict: -W --keep-going -n)"
	@echo "make test   run every test, including a strict build of the handbook"
	@echo "make lint   check the code with ruff and mypy"
	@echo "make bench  measure build time and memory against plain Sphinx (writes benchmarks/RESULTS.md)"
	@echo "make serve  live preview on http://127.0.0.1:8000 while you edit"
	@echo "make clean  remove the build output"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

html: $(STAMP)
	$(SPHINXBUILD) -b html -c . $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/html

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	$(BIN)/ruff check extensions tests benchmarks conf.py
	$(BIN)/mypy

# e.g. make bench BENCH_ARGS='--sizes 1000,5000 --repeat 1'; see python benchmarks/run.py --help
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

serve: $(STAMP)
	$(BIN)/sphinx-autobuild -c . $(SPHINXOPTS) --watch extensions $(SOURCEDIR) $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)

dist-clean: clean
	rm -rf $(VENV)
