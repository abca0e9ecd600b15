# Two commands for a newcomer: `make demo` and `make test`. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
export DJANGO_SETTINGS_MODULE ?= gymnasieregion.config.settings.development

.PHONY: install demo serve test lint typecheck check-migrations openapi openapi-check chromium pytest bench screenshots clean

$(STAMP): pyproject.toml requirements/constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_reference_data
	$(MANAGE) create_demo_users
	$(MANAGE) demo
	GYMNASIEREGION_DEMO=1 $(MANAGE) runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy src
	$(BIN)/lint-imports

check-migrations: $(STAMP)
	DJANGO_SETTINGS_MODULE=gymnasieregion.config.settings.test $(MANAGE) makemigrations --check --dry-run

# The schema is generated on SQLite whatever DATABASE_URL says: integer ranges in it
# follow the database backend, and the committed file is one.
openapi: $(STAMP)
	DATABASE_URL= DJANGO_SETTINGS_MODULE=gymnasieregion.config.settings.test $(MANAGE) spectacular --validate --fail-on-warn --file docs/reference/openapi.yaml

openapi-check: $(STAMP)
	DATABASE_URL= DJANGO_SETTINGS_MODULE=gymnasieregion.config.settings.test $(MANAGE) spectacular --validate --fail-on-warn --file var/openapi.check.yaml
	diff -u docs/reference/openapi.yaml var/openapi.check.yaml || (echo "OpenAPI-schemat har ändrats: kör 'make openapi' och checka in docs/reference/openapi.yaml." && exit 1)

# The browser tests need Debian's chromium: installed here when we are root, otherwise
# the tests are skipped with a line that says so (CI always runs them: .ci/run).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installerar Debians chromium för webbläsartesterna ..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
	    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; } \
	    || echo "Kunde inte installera chromium: webbläsartesterna hoppas över."; \
	  else echo "chromium saknas och kan inte installeras här: webbläsartesterna hoppas över."; fi; }

pytest: $(STAMP) chromium
	$(BIN)/pytest -n 2 -rs

test: lint typecheck check-migrations openapi-check pytest

screenshots: $(STAMP) chromium
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_reference_data
	$(MANAGE) create_demo_users
	$(MANAGE) demo
	$(BIN)/python scripts/screenshots.py

bench: $(STAMP)
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[dev,bench]'
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache .mypy_cache .ruff_cache
