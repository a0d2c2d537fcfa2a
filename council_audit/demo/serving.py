"""Serve the demo councils, each on its own 127.0.0.1 port (its own origin), from
daemon threads. ``python -m council_audit.demo.server`` serves them in the foreground."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from council_audit.demo.councils import COUNCILS, FIXED_LATER, council
from council_audit.demo.site import Response, Site

HOST = "127.0.0.1"


class DemoServer(ThreadingHTTPServer):
    daemon_threads = True
    site: Site


class DemoHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, for the throughput benchmark
    wbufsize = 64 * 1024  # headers and body leave in one write...
    disable_nagle_algorithm = True  # ...and at once: no 40 ms delayed-ACK stalls
    server: DemoServer
    server_version = "CouncilAuditDemo/1.0"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._send(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._send(body=False)

    def _send(self, body: bool) -> None:
        url = urlsplit(self.path)
        response: Response = self.server.site.resolve(url.path or "/", url.query)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: no line per request."""


class DemoSites:
    """The three demo council sites, each served by its own thread on 127.0.0.1."""

    def __init__(self, port_base: int | None = None) -> None:
        self.port_base = port_base
        self._servers: dict[str, DemoServer] = {}
        self._threads: list[threading.Thread] = []

    def start(self) -> DemoSites:
        if self._servers:
            return self
        for i, c in enumerate(COUNCILS):
            port = 0 if self.port_base is None else self.port_base + i
            server = DemoServer((HOST, port), DemoHandler)
            server.site = Site(c, f"http://{HOST}:{server.server_address[1]}")
            thread = threading.Thread(target=server.serve_forever, name=f"demo-{c.code}")
            thread.daemon = True
            thread.start()
            self._servers[c.code] = server
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> DemoSites:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def homepage(self, code: str) -> str:
        """The home page URL of a running demo site, e.g. ``http://127.0.0.1:41234/``."""
        return self.url(code, "/")

    def url(self, code: str, path: str = "/") -> str:
        """The absolute URL of ``path`` on a running demo site."""
        server = self._servers.get(council(code).code)
        if server is None:
            raise RuntimeError("the demo sites are not running: call start() first")
        return server.site.base_url + "/" + path.lstrip("/")

    def fix(self) -> list[str]:
        """Fix the barriers ``FIXED_LATER`` names, on the running sites (same addresses,
        so a second crawl compares like for like); returns the councils that changed."""
        for code, fixed in FIXED_LATER.items():
            self._servers[code].site.fix(fixed)
        return list(FIXED_LATER)

    def councils(self) -> list[dict[str, Any]]:
        """The demo councils as register rows, with ``homepage_url`` filled in."""
        return [c.register_row(self.homepage(c.code)) for c in COUNCILS]
