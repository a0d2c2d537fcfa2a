"""The filtering proxy every Chromium request passes (issue #10).

Playwright's route filter does not see the hops of a redirect, WebSocket connections or
requests made while a reused tab is between two routes, and it cannot pin the address
it checked. So Chromium is started with ``--proxy-server`` pointing here (loopback
included, ``<-loopback>``): each request (``GET http://...``) or tunnel (``CONNECT
host:443``) is put to the :class:`~council_audit.scope.Scope` decision, and, when
allowed, connected to exactly the address that was checked. Refused requests get a 403
and are logged. The proxy runs its own event loop in a thread, so it never waits on the
crawl's reactor.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Iterator

from council_audit.scope import Scope

log = logging.getLogger(__name__)
HEAD_LIMIT = 64 * 1024
CONNECT_TIMEOUT_S = 15.0
IDLE_TIMEOUT_S = 120.0
HOP_HEADERS = {b"proxy-connection", b"connection", b"keep-alive", b"proxy-authorization"}


class ScopeProxy:
    """``with ScopeProxy(scope) as server:`` gives ``http://127.0.0.1:PORT``."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.refused: list[tuple[str, str]] = []  # (url, reason), newest last, capped
        self.loop = asyncio.new_event_loop()
        self.server: asyncio.AbstractServer | None = None
        self.url = ""
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True, name="proxy")

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> str:
        self.thread.start()
        started = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self.handle, "127.0.0.1", 0, limit=HEAD_LIMIT), self.loop
        )
        self.server = started.result(timeout=10)
        port = self.server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    def stop(self) -> None:
        if self.server is not None:
            self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream: asyncio.StreamWriter | None = None
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), IDLE_TIMEOUT_S)
            method, url, port, request = parse_head(head)
            reason, addresses = await self.scope.decide(url)
            if reason or not addresses:
                self.refuse(writer, url, reason or "the host name does not resolve")
                return
            up_reader, upstream = await asyncio.wait_for(
                asyncio.open_connection(str(addresses[0]), port), CONNECT_TIMEOUT_S
            )
            if method == b"CONNECT":
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                upstream.write(request)
            await relay(reader, writer, up_reader, upstream, tunnel=method == b"CONNECT")
        except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except ValueError as exc:
            self.refuse(writer, "(unreadable request)", str(exc))
        finally:
            for w in (upstream, writer):
                if w is not None:
                    with contextlib.suppress(Exception):
                        w.close()

    def refuse(self, writer: asyncio.StreamWriter, url: str, reason: str) -> None:
        log.info("refused %s: %s", url, reason)
        self.refused = [*self.refused[-999:], (url, reason)]
        body = f"council-audit refused this request: {reason}\n".encode()
        writer.write(
            b"HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )


def parse_head(head: bytes) -> tuple[bytes, str, int, bytes]:
    """(method, URL to decide on, port, request to send upstream) of a proxy request."""
    lines = head.split(b"\r\n")
    try:
        method, target, version = lines[0].split(b" ")
    except ValueError:
        raise ValueError("not an HTTP request line") from None
    text = target.decode("latin-1")
    if method == b"CONNECT":
        host, _, port = text.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"bad CONNECT target {text!r}")
        return method, f"https://{text}/", int(port), b""
    scheme, sep, rest = text.partition("://")
    if not sep or scheme.lower() not in ("http", "ws"):
        raise ValueError(f"not an absolute http:// address: {text!r}")
    netloc, slash, path = rest.partition("/")
    port = 80
    host_part = netloc.rpartition("@")[2]
    if host_part.rpartition(":")[2].isdigit() and not host_part.endswith("]"):
        port = int(host_part.rpartition(":")[2])
    headers = [h for h in lines[1:] if h and h.split(b":", 1)[0].strip().lower() not in HOP_HEADERS]
    request = b"\r\n".join([b" ".join([method, ("/" + path).encode("latin-1"), version]), *headers])
    return method, f"http://{rest}", port, request + b"\r\nConnection: close\r\n\r\n"


async def relay(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    up_reader: asyncio.StreamReader,
    upstream: asyncio.StreamWriter,
    tunnel: bool,
) -> None:
    """Both directions at once. A tunnel ends when either side closes; a plain request
    when the response has been relayed (the client's connection is not reused, so the
    next request gets its own decision)."""
    out = asyncio.ensure_future(pipe(reader, upstream))
    back = asyncio.ensure_future(pipe(up_reader, writer))
    if tunnel:
        await asyncio.wait([out, back], return_when=asyncio.FIRST_COMPLETED)
    else:
        await back
    for task in (out, back):
        task.cancel()
    await asyncio.gather(out, back, return_exceptions=True)


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy until either side stops (or nothing moves for IDLE_TIMEOUT_S)."""
    try:
        while True:
            chunk = await asyncio.wait_for(reader.read(65536), IDLE_TIMEOUT_S)
            if not chunk:
                break
            writer.write(chunk)
            await writer.drain()
    except (OSError, TimeoutError):
        pass
    finally:
        with contextlib.suppress(Exception):
            if writer.can_write_eof():
                writer.write_eof()


def chromium_args(proxy_url: str) -> list[str]:
    """Chromium flags sending every request, loopback ones too, through the proxy."""
    return [f"--proxy-server={proxy_url}", "--proxy-bypass-list=<-loopback>"]


@contextlib.contextmanager
def running(scope: Scope) -> Iterator[ScopeProxy]:
    proxy = ScopeProxy(scope)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
