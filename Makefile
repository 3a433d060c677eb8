# Two commands on a fresh machine: `make html` and `make test`.
# Both create .venv when it is missing and install into it what they need, and no
# more: each target installs the extra of pyproject.toml it uses (handbook, test,
# check, bench, lint, serve), once, and marks it with a stamp file of its own.
# `make html` also writes the site's search index with Pagefind, which it installs
# with npm, pinned in package-lock.json. `make check` adds the quality gates
# (accessibility, valid HTML, reproducible output, links); it needs Chromium and
# Java (`.ci/run` installs them), and runs the checkers pinned in package-lock.json
# (axe-core, the Nu HTML Checker).

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
SOURCEDIR   := handbook
BUILDDIR    := _build
SPHINXOPTS  ?= -W --keep-going -n
SPHINXBUILD := $(BIN)/sphinx-build
# the stamp of one extra: $(call installed,test) is .venv/.installed-test
installed    = $(VENV)/.installed-$(1)
NODE_STAMP  := node_modules/.installed
# The doctrees stay out of the site, so the site holds only what is published.
DOCTREES    := $(BUILDDIR)/doctrees

# The site's date (copyright year, the export's date, and the last-updated date of a
# page git has no history for) is the last commit's, so that every build of one commit
# is byte-identical; each page's own date comes from git (conf.py). Set it to pin
# another date. Tests set their own.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
html check serve dist: export SOURCE_DATE_EPOCH := $(SOURCE_DATE_EPOCH)
endif
# Playwright drives the system's Chromium; it must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help setup html test test-slow test-all check lint lock serve bench partner dist clean dist-clean

help:
	@echo "make html   build the handbook into $(BUILDDIR)/html (strict: -W --keep-going -n)"
	@echo "make test   run the fast tests: units, each test root and the handbook built once"
	@echo "make test-slow  run the slow end-to-end tests (make test-all: every test)"
	@echo "make check  build the handbook afresh and run the quality gates on it"
	@echo "make lint   check the code with ruff and mypy"
	@echo "make lock   pin the newest dependencies pyproject.toml allows in constraints.txt"
	@echo "make bench  measure build time and memory against plain Sphinx and sphinx-needs (writes benchmarks/RESULTS.md)"
	@echo "make serve  live preview on http://127.0.0.1:8000 while you edit"
	@echo "make partner build examples/partner, a partner's project reusing a chapter"
	@echo "make dist   build the extension's wheel and sdist into dist/ and check them"
	@echo "make setup  install what the commands above need, without running them"
	@echo "make clean  remove the build output"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# constraints.txt pins every dependency, so that CI and every contributor build with
# the same versions; `make lock` moves them to the newest that pyproject.toml allows.
# One extra per stamp: `make html` installs the handbook's, `make test` adds the
# tests', and so on; an extra installed once is not installed again until
# pyproject.toml or constraints.txt changes.
$(VENV)/.installed-%: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[$*]'
	touch $@

# Everything a contributor's commands install, at once and without running them: the
# devcontainer runs it when it is created (.devcontainer/devcontainer.json), after the
# system's packages (.ci/install-system-packages).
setup: $(call installed,test) $(call installed,check) $(call installed,serve) \
       $(call installed,lint) $(NODE_STAMP)

# Pagefind (the search index of every HTML build) and the checkers of `make check`.
# --ignore-scripts: vnu-jar would otherwise fetch a Java runtime; the system's is used
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

html: $(call installed,handbook) $(NODE_STAMP)
	$(SPHINXBUILD) -b html -c . $(SPHINXOPTS) -d $(DOCTREES) $(SOURCEDIR) $(BUILDDIR)/html

# `make test` runs the fast layer: unit tests on records, and one build of each test
# root and of the handbook for the tests that read them. `make test-slow` runs the
# tests marked slow (many builds, sphinx-build itself, copies of the repository, the
# benchmark's generator); `make test-all` runs both, as .ci/run does.
test: $(call installed,test) $(NODE_STAMP)
	$(BIN)/python -m pytest -m 'not slow' $(PYTEST_ARGS)

test-slow: $(call installed,test) $(NODE_STAMP)
	$(BIN)/python -m pytest -m slow $(PYTEST_ARGS)

test-all: $(call installed,test) $(NODE_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# A clean build, then every gate of checks/ on it (see checks/conftest.py).
check: $(call installed,check) $(NODE_STAMP)
	rm -rf $(BUILDDIR)/html $(DOCTREES)
	$(SPHINXBUILD) -b html -c . $(SPHINXOPTS) -d $(DOCTREES) $(SOURCEDIR) $(BUILDDIR)/html
	HANDBOOK_SITE=$(BUILDDIR)/html $(BIN)/python -m pytest checks $(PYTEST_ARGS)

# mypy reads checks/ against Playwright's types, which come with the extra 'check'
lint: $(call installed,check) $(call installed,lint)
	$(BIN)/ruff check extensions tests checks benchmarks conf.py examples _ext .ci
	$(BIN)/mypy
	$(BIN)/mypy benchmarks checks examples/partner _ext .ci/check_dist.py .ci/release_notes.py

# A fresh environment resolves the newest allowed versions of every extra together,
# so that one constraints.txt serves every target; a pull request that changes it
# shows in its diff which packages moved.
LOCK_VENV  := $(BUILDDIR)/lock-venv
ALL_EXTRAS  = $(shell $(PYTHON) -c "import tomllib; \
	print(','.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']))")
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e '.[$(ALL_EXTRAS)]'
	{ echo '# Generated by `make lock` from pyproject.toml; do not edit by hand.'; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable; } > constraints.txt
	rm -rf $(LOCK_VENV)

# e.g. make bench BENCH_ARGS='--sizes 1000,5000 --repeat 1'; see python benchmarks/run.py --help
bench: $(call installed,bench)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# HANDBOOK_PREVIEW: a build that fails shows its warnings, with file and line, at the
# top of every page of the preview (_ext/handbook_preview.py), not only in the terminal
serve: $(call installed,serve) $(NODE_STAMP)
	HANDBOOK_PREVIEW=1 $(BIN)/sphinx-autobuild -c . $(SPHINXOPTS) -d $(DOCTREES) --watch extensions --watch _ext $(SOURCEDIR) $(BUILDDIR)/html

partner: $(call installed,handbook)
	$(MAKE) -C examples/partner html

# The extension's wheel and sdist, as CI attaches them to each release: built by PyPA's
# `build` (the extra 'dist'), then checked (.ci/check_dist.py): both hold every file of
# the package and the licence; the wheel, installed with its pinned dependencies in a
# fresh environment, imports and builds a page in Japanese with its own catalogue.
DISTDIR   := dist
DIST_VENV := $(BUILDDIR)/dist-venv
dist: $(call installed,dist)
	rm -rf $(DISTDIR) $(DIST_VENV)
	$(BIN)/python -m build --quiet --outdir $(DISTDIR) .
	$(BIN)/python .ci/check_dist.py $(DISTDIR)
	$(PYTHON) -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/python -m pip install --quiet -c constraints.txt $(DISTDIR)/*.whl
	$(DIST_VENV)/bin/python .ci/check_dist.py --installed
	rm -rf $(DIST_VENV)

clean:
	rm -rf $(BUILDDIR)
	$(MAKE) -C examples/partner clean

dist-clean: clean
	rm -rf $(VENV) node_modules $(DISTDIR)
