# Wegwijs: `make run` starts everything, `make test` runs every test. Both set up first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
WEGWIJS := $(VENV)/bin/wegwijs
RASA := $(VENV)/bin/rasa
MODEL := models/wegwijs.tar.gz
# Everything the trained model depends on: retrain only when one of these changed.
TRAINING_INPUTS := config.yml domain.yml data/rules.yml $(wildcard data/stories/*.yml) \
	$(shell find data/nlu data/municipalities -type f 2>/dev/null) \
	$(shell find bot/nlu bot/language bot/geo -name '*.py' 2>/dev/null)
CHROMIUM := /usr/bin/chromium
AXE := tests/browser/node_modules/axe-core/axe.min.js
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONWARNINGS := ignore::DeprecationWarning

.PHONY: run test setup train lint format eval-nlu clean

run: setup $(MODEL)
	$(WEGWIJS) run

test: setup $(MODEL)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -ra

setup: $(VENV)/.installed $(CHROMIUM) $(AXE)
	$(WEGWIJS) db upgrade
	$(WEGWIJS) socialmap load-samples

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || "$$(scripts/find-python310.sh)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3"
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

train: $(MODEL)

# Browser tests use Debian's chromium: Playwright's own browser download cannot work here.
$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core

# axe-core checks accessibility (WCAG 2.1 AA) inside the browser tests.
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	@mkdir -p models
	$(RASA) train --config config.yml --domain domain.yml --data data \
		--out models --fixed-model-name wegwijs
	@touch $@

# NLU figures per language on tests/nlu/holdout_*.yml and tests/nlu/blind*/ plus 3-fold
# cross-validation of data/nlu,
# into reports/nlu/ (~4 min on 2 cores). Quick run: $(PY) scripts/eval_nlu.py --model $(MODEL)
eval-nlu: $(VENV)/.installed
	$(PY) scripts/eval_nlu.py --cross-validation --folds 3

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf models .rasa results reports
