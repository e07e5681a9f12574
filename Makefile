# Two commands for a fresh machine with Python 3.11+ and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run setup install test check lint lock messages bench clean

$(BIN)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

install: $(BIN)/.installed

# Setup skips what is already done: it migrates and loads the registry and the plan again only when a
# migration or a data file changed, and seeds the demo again only when the demo changed or on a new day
# (it brings the demo's year up to today). Stamps per database (DATABASE_URL); gone with the SQLite file.
DB_KEY := $(shell printf '%s' "$$DATABASE_URL" | cksum | cut -d' ' -f1)
SETUP_STAMP := var/.setup-$(DB_KEY)
DEMO_STAMP := var/.demo-$(DB_KEY)-$(shell date +%Y-%m-%d)
SETUP_INPUTS := $(wildcard */migrations/0*.py accounts/data/* plans/data/*.yaml)
DEMO_INPUTS := $(wildcard demo/*.py demo/management/commands/*.py accounts/demo.py)
$(shell [ -z "$$DATABASE_URL" ] && [ ! -f var/db.sqlite3 ] && rm -f var/.setup-* var/.demo-*)

setup: install $(DEMO_STAMP)
	mkdir -p var/mail var/static var/broker/queue var/broker/processed var/broker/control

$(SETUP_STAMP): $(BIN)/.installed $(SETUP_INPUTS)
	mkdir -p var/mail var/static var/broker/queue var/broker/processed var/broker/control
	$(MANAGE) migrate --noinput
	$(MANAGE) load_units
	$(MANAGE) load_plan plans/data/762-QD-BCA-V03-2024.yaml
	touch $@

$(DEMO_STAMP): $(SETUP_STAMP) $(DEMO_INPUTS)
	$(MANAGE) seed_demo
	rm -f var/.demo-$(DB_KEY)-*
	touch $@

# Web server on 127.0.0.1:$(PORT), a Celery worker and Celery beat; Ctrl-C stops all three.
run: setup
	@echo "http://127.0.0.1:$(PORT)/  (admin: /admin/, API: /api/v1/, docs: /api/v1/docs/)"
	$(BIN)/python -m config.run_dev $(PORT)

test: install
	$(BIN)/pytest

# Static checks run by CI besides the tests.
check: install
	mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file var/openapi.yaml
	DJANGO_SETTINGS_MODULE=config.settings.prod DJANGO_SECRET_KEY=check-deploy-$$(date +%s)-k8Qz1rVn3wLp7TtYxS2eUaBc9dFgHjKm \
		DATABASE_URL=sqlite:///var/check.sqlite3 REDIS_URL=redis://127.0.0.1:6379/0 \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Regenerate the lock file from pyproject.toml (needs uv: `pip install uv`).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock --no-header

messages: install
	$(MANAGE) makemessages -l vi --no-obsolete --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(MANAGE) compilemessages -l vi --ignore=.venv

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf var/db.sqlite3 var/broker var/mail var/celerybeat-schedule* var/.setup-* var/.demo-*
