"""Shared fixtures: real HTTP servers on 127.0.0.1 and one demo crawl per test session."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from playwright.sync_api import Browser, sync_playwright

from council_audit.browser import launch_options
from council_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def static_server() -> Iterator[str]:
    """tests/fixtures served over HTTP on a free 127.0.0.1 port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(FIXTURES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One real crawl of the three demo councils in real Chromium, shared by tests."""
    from council_audit import api
    from council_audit.demo import DemoSites

    db_path = tmp_path_factory.mktemp("demo") / "demo.db"
    settings = Settings.from_mapping({"allow_loopback": True, "page_budget": 200}, env=False)
    with DemoSites() as sites:
        summary = api.crawl(sites.councils(), db_path, settings, label="demo")
        yield summary, sites


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[Browser]:
    """Real Chromium for browser tests of the published site; the module's ``site``
    fixture (a running server) starts first."""
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(**launch_options(Settings()))
        yield chromium
        chromium.close()


BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """A script of benchmarks/ imported as a module, for tests of its scoring (with
    benchmarks/ on the path, as when it is run, so it can import its neighbours)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module
