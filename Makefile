# Two commands do everything on a fresh machine: `make site` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

EVAL   ?= ../shared/eval

.PHONY: setup site test lint serve eval clean

$(STAMP): pyproject.toml
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)  ## Create .venv; install digest, spaCy and its English pipeline, MkDocs, test tools, Chromium.

site: setup  ## Build the site from seeds/ into site/.
	$(BIN)/digest build --strict

test: setup  ## Every check: lint, then the tests (unit, end to end, workflow).
	$(BIN)/ruff check generator tests
	$(BIN)/python -m pytest -q

serve: setup  ## Live preview on http://127.0.0.1:8000/.
	$(BIN)/digest serve

eval: setup  ## Scores on the development sets: summaries (ROUGE), alias pairs, stories, story summaries, cleaning, articles kept.
	$(BIN)/python -m generator.evaluate summaries $(EVAL)/bbc-dev
	$(BIN)/python -m generator.evaluate aliases $(EVAL)/ecbplus-dev
	$(BIN)/python -m generator.evaluate stories $(EVAL)/ecbplus-dev
	$(BIN)/python -m generator.evaluate story-summaries $(EVAL)/ecbplus-dev
	$(BIN)/python -m generator.evaluate cleaning $(EVAL)/scrapinghub-dev
	$(BIN)/python -m generator.evaluate ingestion $(EVAL)/bbc-dev $(EVAL)/summeval-dev $(EVAL)/gva-dev $(EVAL)/ecbplus-dev $(EVAL)/elevant-dev $(EVAL)/scrapinghub-dev

clean:
	rm -rf site .pytest_cache .ruff_cache
