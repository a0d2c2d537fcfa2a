# council-audit: `make demo` and `make test` do all set-up on a fresh Debian machine.
# Python dependencies go into .venv; Debian's chromium and redis-server are installed when
# missing (Redis carries the queue of a crawl spread over machines: docs/scaling.md).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_ARGS ?=
TEST_ARGS ?=
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install chromium redis demo test lint format bench docs clean

install: $(STAMP) chromium redis

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Chromium comes from Debian (no browser download here); found by council_audit/browser.py.
chromium:
	@if [ -n "$$COUNCIL_AUDIT_CHROMIUM_PATH" ] || command -v chromium >/dev/null 2>&1; then :; \
	else echo "installing Debian's chromium"; \
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; fi

# The tests start their own redis-server on a free 127.0.0.1 port (council_audit/scale/redis_server.py).
redis:
	@if command -v redis-server >/dev/null 2>&1; then :; \
	else echo "installing Debian's redis-server"; \
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq redis-server >/dev/null; fi

demo: install
	$(BIN)/council-audit demo $(DEMO_ARGS)

test: install
	$(BIN)/python -m pytest $(TEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/council-audit docs --check

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

docs: install
	$(BIN)/council-audit docs

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache results/*.db results/*.db-*
