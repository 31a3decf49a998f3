# Two entry points, each sets itself up from a fresh clone (Python 3.11+ as python3).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test fuzz lint clean languagetool languagetool-stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Install replylint (non-editable, as a user would) and check a bundled sloppy draft.
# The check exits 1 because the draft is not ready to send; that is the point of the demo,
# so the status is printed and `make demo` itself succeeds.
demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	@$(BIN)/replylint check examples/drafts/sloppy-order-delay.txt --customer Sarah --agent Ana; \
	  status=$$?; echo; \
	  echo "replylint check exited with status $$status (1 means: not ready to send; 0: ready; 2: an error)."; \
	  echo "Try a good one: $(BIN)/replylint check examples/drafts/good-refund.txt --customer Sarah --agent Ana"; \
	  test $$status -le 1

# Install with test extras, lint, and run the whole test suite.
test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

# Long property-test runs of every tests/test_fuzz_*.py suite (the API and the CLI):
# FUZZ_EXAMPLES examples per property (default 20000; the test run does ~3,000 through the
# API and ~1,000 through the CLI). Prints hypothesis's statistics: examples run, how long,
# and any failure's reproducer.
FUZZ_EXAMPLES ?= 20000
fuzz: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider \
	  tests/test_fuzz_*.py --hypothesis-show-statistics

# A real LanguageTool server for the grammar rules (needs Java 17+ and Maven): fetched once
# from Maven Central into ~/.cache/replylint/languagetool, started on 127.0.0.1.
languagetool:
	@url=$$(scripts/languagetool.sh start) && echo "LanguageTool is running. Point replylint at it with:" \
	  && echo "  export REPLYLINT_LANGUAGETOOL_URL=$$url"

languagetool-stop:
	scripts/languagetool.sh stop

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis tests/artifacts
