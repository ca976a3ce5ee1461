# Thrustlog: `make run` serves the demo, `make test` runs every check. Both set up what they need.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/thrustlog
DEV_ENV := DJANGO_DEBUG=1
# Tests run across every core (pytest-xdist; an idle worker takes tests queued for a busy one);
# each worker has its own test database.
PYTEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal

.PHONY: help run test lint fmt test-sqlite test-postgres browser-deps pdf-deps postgres-up redis-up bench clean \
	node-up js-deps lint-js test-js bench-offline

help:
	@echo "make run   - install, migrate a SQLite database, load demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test  - install, lint, then the whole test suite on SQLite and on PostgreSQL"

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# The task runner's worker (imports, roster rows) and the scheduler of periodic jobs run beside
# the server, and stop with it.
run: $(VENV)/.installed pdf-deps
	$(DEV_ENV) $(PY) manage.py migrate --verbosity 0
	@echo "Demo logins:"
	$(DEV_ENV) $(PY) manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ with the task worker and the scheduler (Ctrl-C stops all)"
	@# Web Push in development: a VAPID pair kept in data/ (unless the environment has one).
	if [ -z "$${WEBPUSH_VAPID_PRIVATE_KEY:-}" ]; then set -a; \
	  eval "$$($(DEV_ENV) $(PY) manage.py vapid_keys --keep data/dev-vapid.env)"; set +a; fi; \
	$(DEV_ENV) $(PY) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	$(DEV_ENV) $(PY) manage.py run_periodic & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT; \
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's chromium; Playwright's own browser download does not work offline.
browser-deps:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	elif [ "$${CI:-}" = true ]; then echo "chromium is missing and cannot be installed here" >&2; exit 1; \
	else echo "NOTE: /usr/bin/chromium is missing (apt-get install chromium): browser tests will be skipped."; fi

# The report's PDF is laid out by WeasyPrint, which loads Pango and HarfBuzz from the system
# (the packages its documentation names for Debian, and a font); the tests read the PDF back
# with pdftotext (poppler-utils).
PDF_LIBS := libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
pdf-deps:
	@known="$$(/sbin/ldconfig -p 2>/dev/null || true)"; missing=""; \
	for lib in $(PDF_LIBS); do case "$$known" in *"$$lib"*) ;; *) missing="$$missing $$lib";; esac; done; \
	command -v pdftotext >/dev/null || missing="$$missing pdftotext"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing the PDF report's Debian libraries ($$missing )..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_PACKAGES) >/dev/null; \
	elif [ "$${CI:-}" = true ]; then echo "Missing for the PDF report:$$missing (apt-get install $(PDF_PACKAGES))" >&2; exit 1; \
	else echo "NOTE: missing for the PDF report:$$missing (apt-get install $(PDF_PACKAGES)): PDF tests will be skipped."; fi

postgres-up:
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then exit 0; fi; \
	if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then \
	  echo "Starting PostgreSQL..."; \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start || true; \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; \
	fi; true

# The benchmarks under load use Redis as the cache, as a deployment with several workers must.
redis-up:
	@if redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then exit 0; fi; \
	if command -v redis-server >/dev/null; then \
	  echo "Starting Redis..."; \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true; \
	fi; true

# The browser code's own checks (package.json, pinned in package-lock.json): ESLint over
# static/js and static/sw.js, and the outbox's unit tests in Node's test runner.
node-up:
	@if command -v node >/dev/null && command -v npm >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Node.js for the JavaScript checks..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	else echo "Node.js and npm are needed for the JavaScript checks (apt-get install nodejs npm)" >&2; exit 1; fi

node_modules/.installed: package.json package-lock.json | node-up
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

js-deps: node_modules/.installed

lint-js: js-deps
	node_modules/.bin/eslint static/js static/sw.js coaching/static tests/js eslint.config.js

test-js: js-deps
	@echo "== JavaScript unit tests (node --test) =="
	node --test tests/js/

lint: $(VENV)/.installed lint-js
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m mypy

fmt: $(VENV)/.installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# `make test` runs the browser tests once, in the PostgreSQL pass (the deployed database; they
# test the pages and the phone's code, which do not change with the database, and take half of
# a pass); without a reachable PostgreSQL they run in the SQLite pass. `make test-sqlite` alone
# runs everything.
test-sqlite: $(VENV)/.installed
	@echo "== Test suite on SQLite =="
	@if [ "$(BROWSER_TESTS_ON)" = postgres ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  echo "(the browser tests run in the PostgreSQL pass)"; \
	  env -u DATABASE_URL $(PYTEST) --ignore=tests/browser; \
	else \
	  env -u DATABASE_URL $(PYTEST); \
	fi

test-postgres: $(VENV)/.installed postgres-up
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  echo "== Test suite on PostgreSQL =="; \
	  DATABASE_URL=$(PG_URL) $(PYTEST); \
	elif [ "$${CI:-}" = true ]; then \
	  echo "PostgreSQL is not reachable on 127.0.0.1:5432, and CI must test on it." >&2; exit 1; \
	else \
	  echo "SKIPPED: the PostgreSQL pass (no server on 127.0.0.1:5432; set PG_URL or start one)."; \
	fi

test: BROWSER_TESTS_ON = postgres
test: $(VENV)/.installed browser-deps pdf-deps postgres-up lint test-js test-sqlite test-postgres

# Benchmarks (bench/, see bench/RESULTS.md): fresh databases of their own, debug off; each run
# stops by itself (its own time budget, and `timeout` as a last resort).
# `make bench` is issue 9's run (under 10 minutes): the app served by gunicorn under load, page
# weight, Lighthouse. `make bench-features` times advice, import, charts and roster in process.
bench: bench-load

bench-features: bench-advice bench-import bench-import-jobs bench-dashboard bench-roster

.PHONY: bench-features bench-advice bench-import bench-import-jobs bench-dashboard bench-roster bench-load bench-deps
bench-advice: $(VENV)/.installed postgres-up
	timeout --kill-after=10 480 $(PY) -m bench.advice

bench-import: $(VENV)/.installed postgres-up
	timeout --kill-after=10 300 $(PY) -m bench.import_bench

# Issue 19: a 100,000-row import as a background job, its progress polled (a few minutes).
bench-import-jobs: $(VENV)/.installed postgres-up
	timeout --kill-after=10 600 $(PY) -m bench.import_jobs

bench-dashboard: $(VENV)/.installed postgres-up
	timeout --kill-after=10 300 $(PY) -m bench.dashboard --write

bench-roster: $(VENV)/.installed postgres-up
	timeout --kill-after=10 600 $(PY) -m bench.roster --write

# wrk (Debian's package) is the load generator; Lighthouse comes from bench/package-lock.json.
bench-deps:
	@if ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing wrk..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk is missing (apt-get install wrk)" >&2; exit 1; fi; \
	fi
	@test -x bench/node_modules/.bin/lighthouse || npm ci --prefix bench --no-audit --no-fund --loglevel=error

# Issue 24: the offline outbox under 1,000 seeded faults in Chromium, its CPU throttled 4x
# (about 30 minutes; stops by itself after its rounds or its 40-minute budget). Figures in
# bench/RESULTS.md.
bench-offline: $(VENV)/.installed browser-deps postgres-up
	PG_URL=$(PG_URL) timeout --kill-after=10 2700 $(PY) -m bench.offline_faults

bench-load: $(VENV)/.installed postgres-up redis-up browser-deps bench-deps
	timeout --kill-after=10 560 $(PY) -m bench.load --write

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles test-artifacts .pytest_cache .ruff_cache
