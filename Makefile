# make serve: the demo journal on http://127.0.0.1:8000/   make test: the whole suite
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
# serving needs only the package; the tests, benchmarks and lint add the test extras
READY := $(VENV)/.installed
TOOLS := $(VENV)/.installed-test
export NO_MKDOCS_2_WARNING := 1
# make bench BENCH="--sizes 200,400 --repeat 1": options for benchmarks/run.py
BENCH ?=

.PHONY: serve test build bench lint clean

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(READY)

$(TOOLS): $(READY)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TOOLS)

serve: $(READY)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(TOOLS)
	$(BIN)/ruff check .
	$(BIN)/pytest

build: $(READY)
	$(BIN)/mkdocs build --strict

bench: $(TOOLS)
	$(BIN)/python benchmarks/run.py $(BENCH)

lint: $(TOOLS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf site .pytest_cache
