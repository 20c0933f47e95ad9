# make demo · make test · make lint — each installs what it needs (uv, then the locked packages).
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)

.PHONY: install demo serve test lint format clean

$(UV):
	python3 -m venv .tools && .tools/bin/pip install --quiet uv

install: $(UV)
	$(UV) sync --frozen

demo: install ## migrate, load demo data and sample files, serve the API on http://127.0.0.1:8000
	$(UV) run fastcommerce demo

serve: install
	$(UV) run fastcommerce serve

lint: install
	$(UV) run ruff check src tests
	$(UV) run ruff format --check src tests
	$(UV) run mypy

test: lint ## lint, type-check and run every test (DATABASE_URL or an embedded PostgreSQL)
	$(UV) run pytest

format: install
	$(UV) run ruff format src tests
	$(UV) run ruff check --fix src tests

clean:
	rm -rf .venv .tools var .pytest_cache .mypy_cache .ruff_cache
