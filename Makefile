# Every target does its own set-up: a fresh machine needs only Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

PKG_STAMP := $(VENV)/.packaging

.PHONY: run test test-fast lint typecheck install package package-test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --only-binary=scandir-rs -e '.[dev,fast]' \
		|| $(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The last folder, or the first time a copy of the sample in the user data folder
# (resources/sample-content itself is never opened for editing).
run: $(STAMP)
	$(BIN)/article-editor

# ruff, mypy (strict) on the core, and vulture for code nothing uses. `make typecheck`
# checks the window too (not clean yet, so not part of lint).
lint: $(STAMP)
	$(BIN)/ruff check editor tests benchmarks packaging
	$(BIN)/mypy editor/core
	$(BIN)/vulture

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(MAKE) package-test

# The edit loop: everything but the slow tests (make test runs them all, then the bundle).
test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"

$(PKG_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	touch $(PKG_STAMP)

# The standalone Linux build: dist/article-editor/ and dist/article-editor-<version>-linux-<arch>.tar.gz
package: $(PKG_STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" bash packaging/build_linux.sh

# Build, then prove the bundle starts and works (offscreen, and under Xvfb when installed).
package-test: package
	QT_QPA_PLATFORM=offscreen dist/article-editor/article-editor --smoke-test
	if command -v xvfb-run >/dev/null 2>&1; then \
		env -u QT_QPA_PLATFORM xvfb-run -a dist/article-editor/article-editor --smoke-test; fi

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_roundtrip.py
	$(BIN)/python benchmarks/bench_window.py
	$(BIN)/python benchmarks/bench_folder.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
