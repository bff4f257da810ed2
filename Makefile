# Micro-credential advising assistant.
#   make run    set everything up, train if needed, and run the assistant
#   make test   set everything up and run every test (what CI runs)
# See README.md for the rest.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
RASA := $(BIN)/rasa
# Rasa 3.6 runs on Python 3.8-3.10 only.
PYTHON310 ?= $(shell (command -v pyenv >/dev/null && ls -d "$$(pyenv root)"/versions/3.10.*/bin/python 2>/dev/null | tail -n 1) || command -v python3.10)

export MICROCRED_DATABASE_URL ?= sqlite:///$(CURDIR)/build/microcred.db
export MICROCRED_JWT_SECRET ?= dev-only-secret-change-me-in-production-0123456789
export RASA_API_TOKEN ?= dev-only-rasa-api-token
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055
WEB_PORT ?= 8080

KB_FILES := $(shell find knowledge_base -name '*.yml' 2>/dev/null)
NLU_BUILD := build/nlu/catalog_generated.yml
TRAIN_INPUTS := $(NLU_BUILD) $(shell find data -name '*.yml' 2>/dev/null) domain.yml config.yml

.PHONY: token venv build train db run shell lint test test-unit test-e2e test-production test-stories manifests validate bench eval-nlu crossval clean site-deps system-deps redis-deps screenshots

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.lock
	@test -n "$(PYTHON310)" || { echo "error: Python 3.10 is required (pyenv install 3.10.13)"; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==24.0
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

build: $(NLU_BUILD)
$(NLU_BUILD): $(VENV)/.installed $(KB_FILES) bot/catalog/training_data.py bot/catalog/templates.yml bot/catalog/responses.yml $(wildcard bot/i18n/locales/*/responses.yml) bot/nlp/pipeline.py bot/nlp/vocabulary.py
	$(PY) -m bot nlu build

# Trains only when the data, domain, config or knowledge base changed since the last model.
train: models/.trained
# The stamp takes the time training started, so an edit made during training retrains next time;
# Rasa's own fingerprint skips the work when nothing really changed. The two newest models are kept.
models/.trained: $(TRAIN_INPUTS)
	mkdir -p models build
	touch build/.train-started
	flock build/.train.lock $(RASA) train --data data build/nlu --domain domain.yml --config config.yml --out models --quiet
	ls -t models/*.tar.gz | tail -n +3 | xargs -r rm -f
	touch -r build/.train-started $@

# The site's browser libraries (socket.io-client, axe-core), pinned by web/site/package-lock.json.
SITE_MODULES := web/site/node_modules/.package-lock.json
site-deps: $(SITE_MODULES)
$(SITE_MODULES): web/site/package.json web/site/package-lock.json
	cd web/site && npm ci --no-audit --no-fund
	touch $@

# Debian packages, installed only where missing: redis-server to run the assistant (the store
# its Rasa processes share); for the tests also Chromium (Playwright drives it; it never
# downloads a browser) and PostgreSQL's server programs (tests/integration/ starts a
# throwaway server itself).
redis-deps:
	@$(call debian_packages,/usr/bin/redis-server=redis-server)
system-deps:
	@$(call debian_packages,/usr/bin/redis-server=redis-server /usr/bin/chromium=chromium /usr/lib/postgresql/*/bin/initdb=postgresql)
debian_packages = missing=""; \
	for pair in $(1); do compgen -G "$${pair%%=*}" >/dev/null || missing="$$missing $${pair\#*=}"; done; \
	sudo=$$([ "$$(id -u)" -ne 0 ] && echo sudo); \
	if [ -n "$$missing" ]; then $$sudo apt-get update && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y $$missing; fi

# A signed session token for a demo student, with the same secret `make run` uses:
#   make token STUDENT=S1012
STUDENT ?= S1001
token: $(VENV)/.installed
	@$(PY) -m bot token issue $(STUDENT)

# The catalog and the demo student records (both loads are idempotent).
db: $(VENV)/.installed
	mkdir -p build
	$(PY) -m bot catalog load
	$(PY) -m bot records load-demo

validate: build
	$(RASA) data validate --data data build/nlu --domain domain.yml --config config.yml

run: train db site-deps redis-deps
	@bash scripts/run.sh

shell: train redis-deps
	@bash scripts/run.sh --shell

# Lint, import order and format (ruff), types (mypy on bot/ and actions/), and the one-way
# imports between packages (import-linter); settings in pyproject.toml.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint train site-deps system-deps
	$(BIN)/pytest -q
	$(MAKE) --no-print-directory test-production
	$(MAKE) --no-print-directory test-stories

# Parts of `make test`: the domain layer and actions alone, or the end-to-end suite.
test-unit: $(VENV)/.installed
	$(BIN)/pytest -q tests/unit
test-e2e: train site-deps system-deps
	$(BIN)/pytest -q tests/e2e

# The end-to-end suite once more on the production topology (deploy/): PostgreSQL, started by
# the tests, holds the conversations and the database; Redis the lock store; two Rasa processes.
test-production: train system-deps
	MICROCRED_TEST_TOPOLOGY=production $(BIN)/pytest -q tests/e2e

# Pictures of the site and the advisor console for the README (docs/screenshots/).
screenshots: train site-deps system-deps
	$(BIN)/pytest -q tests/browser/screenshots.py

# Fails too when Rasa had to stop a turn with its circuit breaker (a turn that never ended).
test-stories: train
	mkdir -p build/results
	set -o pipefail; $(RASA) test core --stories tests/test_stories.yml --model models --out build/results/stories \
		--fail-on-prediction-errors 2>&1 | tee build/results/stories.log
	! grep "Circuit breaker tripped" build/results/stories.log

# The trained model on the held-out learner messages alone (part of `make bench`).
eval-nlu: train
	$(PY) -m tests.bench.nlu_eval

# NLU quality, training time, and the assistant against stock Rasa 3.6 (`rasa init` in build/bench/stock,
# trained once) under the same load in the same run; niced, since other work on the cores skews it.
bench: train redis-deps
	nice -n 10 $(PY) -m tests.bench.run

crossval: build
	$(RASA) test nlu --nlu data/nlu --cross-validation --folds 3 --config config.yml --out build/results/crossval

# The Kubernetes manifests with the settings of deploy/kubernetes/values.yaml (README "Production"):
#   make manifests VALUES=my-values.yaml
manifests: $(VENV)/.installed
	$(PY) -m deploy.render $(if $(VALUES),--values $(VALUES)) --out build/kubernetes

clean:
	rm -rf build models
