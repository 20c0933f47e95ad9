# make demo · make test · make lint — each installs what it needs (uv, then the locked packages).
# lint: ruff, mypy --strict and the import-linter contracts (layers, no cycles) in pyproject.toml.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)

.PHONY: install demo serve test lint format bench clean

$(UV):
	python3 -m venv .tools && .tools/bin/pip install --quiet uv

install: $(UV)
	$(UV) sync --frozen --extra scale

demo: install ## migrate, load demo data and sample files, serve the API on http://127.0.0.1:8000
	$(UV) run fastcommerce demo

serve: install
	$(UV) run fastcommerce serve

lint: install
	$(UV) run ruff check src tests bench
	$(UV) run ruff format --check src tests bench
	$(UV) run mypy
	$(UV) run lint-imports

test: lint ## lint, type-check and run every test (DATABASE_URL or an embedded PostgreSQL)
	$(UV) run pytest

bench: install ## measure ingest, heatmap and forecasts (minutes; results in docs/benchmarks.md)
	$(UV) sync --frozen --extra scale --group bench
	$(UV) run --group bench python -m bench.forecast
	$(UV) run python -m bench.ingest
	$(UV) run python -m bench.heatmap
	$(UV) run python -m bench.plots

format: install
	$(UV) run ruff format src tests bench
	$(UV) run ruff check --fix src tests bench

clean:
	rm -rf .venv .tools var .pytest_cache .mypy_cache .ruff_cache
