# micrograd, the book: `make html` to build the book, `make test` to check everything.
VENV    := .venv
PYTHON  := $(VENV)/bin/python
SPHINX  := $(PYTHON) -m sphinx -c . -W --keep-going -n -j 1
SOURCE  := book
BUILD   := _build
STAMP   := $(VENV)/.installed
NODE    := node_modules/.installed

.PHONY: html doctest test lint pytest pythons check reproducible browser-test serve bench clean graphviz chromium

html: $(STAMP) $(NODE) graphviz
	$(SPHINX) -b html $(SOURCE) $(BUILD)/html
	@echo "The book is in $(BUILD)/html/index.html"

# The doctest builder shares the HTML build's doctrees: after `make html` (or the
# reproducibility check) it reads nothing again and only runs the examples.
doctest: $(STAMP) $(NODE) graphviz
	$(SPHINX) -b doctest -d $(BUILD)/html/.doctrees $(SOURCE) $(BUILD)/doctest

# In this order: the clean builds of `reproducible` leave the doctrees that
# `doctest` runs and the pages that `browser-test` reads: no page is read a third time.
test: lint pytest pythons reproducible doctest browser-test

# Two clean strict builds must write identical pages and pictures, except the
# plots of timings measured during the build (named measured-*), which cannot be.
reproducible: $(STAMP) $(NODE) graphviz
	rm -rf $(BUILD)/html $(BUILD)/html-again
	$(SPHINX) -b html $(SOURCE) $(BUILD)/html
	$(SPHINX) -b html $(SOURCE) $(BUILD)/html-again
	diff -r -x .doctrees -x 'measured-*' $(BUILD)/html $(BUILD)/html-again
	rm -rf $(BUILD)/html-again
	@echo "Two clean builds are identical; the book is in $(BUILD)/html/index.html"

# The built book read in headless Chromium, served on 127.0.0.1 (tests/browser).
browser-test: html chromium
	$(PYTHON) -m pytest -q -m browser tests/browser

lint: $(STAMP)
	$(PYTHON) -m ruff check .

pytest: $(STAMP) $(NODE) graphviz
	$(PYTHON) -m pytest -q

# The package's tests and doctests on the other CPythons it claims (tests/pythons.py).
pythons: $(STAMP) graphviz
	$(PYTHON) tests/pythons.py

# The inner loop: lint, the unit tests and the package's doctests, without the
# book's builds, notebooks or browser.
check: $(STAMP) graphviz
	$(PYTHON) -m ruff check .
	$(PYTHON) -m pytest -q -x micrograd tests \
	    --ignore=tests/test_book.py --ignore=tests/test_examples.py --ignore=tests/test_packaging.py

serve: $(STAMP) graphviz
	$(PYTHON) -m sphinx_autobuild -c . -W -n $(SOURCE) $(BUILD)/html --watch micrograd

bench: $(STAMP)
	$(PYTHON) benchmarks/run.py

clean:
	rm -rf $(BUILD) build dist

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[draw,tensor]' --group book --group test  # pip >= 25.1
	touch $@

# JavaScript the book copies into its build (package.json); never loaded from a CDN.
$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# $(call apt_install,COMMAND,PACKAGE,WHAT): nothing to do if COMMAND is on the PATH;
# else install Debian's PACKAGE with apt-get when we can (as root), or say WHAT is missing.
define apt_install
@command -v $(1) >/dev/null 2>&1 || { \
  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
  else \
    echo "$(3) is missing: install the '$(2)' package (e.g. sudo apt-get install $(2))"; exit 1; \
  fi; }
endef

# Graphviz's `dot` draws the graph pictures.
graphviz:
	$(call apt_install,dot,graphviz,Graphviz's dot)

# Debian's Chromium for the browser tests (a browser download cannot work offline).
chromium:
	$(call apt_install,chromium,chromium,Chromium)
