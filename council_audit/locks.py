"""The locks that keep two crawls off one council: a file lock per council
(``fcntl.flock``), held by the process that crawls it. A lock dies with its process, so a
killed crawl never leaves a council locked. Used by the API (:func:`council_audit.api.crawl`),
the crawl process (:mod:`council_audit.crawler.run`) and crawl plans
(:mod:`council_audit.schedule`)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from council_audit.settings import Settings


class CrawlBusy(RuntimeError):
    """Councils are being crawled by another process."""

    def __init__(self, codes: list[str], holders: dict[str, str]) -> None:
        who = ", ".join(f"{c} (pid {holders.get(c) or '?'})" for c in codes)
        super().__init__(f"already being crawled: {who}")
        self.codes = codes


def lock_dir(db_path: str | Path, settings: Settings) -> Path:
    return Path(settings.lock_dir) if settings.lock_dir else Path(f"{db_path}.locks")


class Locks:
    """Exclusive, non-blocking file locks by name (``<folder>/<name>.lock``), held until
    :meth:`release` or the end of the process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.held: dict[str, int] = {}

    def path(self, name: str) -> Path:
        """The lock file of ``name``, always inside the folder (a name is made safe: a
        council code from a CSV must never name a file elsewhere)."""
        safe = re.sub(r"[^A-Za-z0-9_-]", "_", name)
        if safe != name:
            safe += "-" + hashlib.sha256(name.encode()).hexdigest()[:8]
        return self.folder / f"{safe}.lock"

    def acquire(self, name: str) -> bool:
        if name in self.held:
            return True
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path(name), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self.held[name] = fd
        return True

    def wait(self, name: str, timeout: float) -> bool:
        """Acquire, waiting up to ``timeout`` seconds for another holder to let go."""
        deadline = time.monotonic() + timeout
        while not self.acquire(name):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)
        return True

    def holder(self, name: str) -> str:
        try:
            return self.path(name).read_text().strip()
        except OSError:
            return ""

    def release(self, names: list[str] | None = None) -> None:
        for name in list(self.held) if names is None else names:
            fd = self.held.pop(name, None)
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

    def __enter__(self) -> Locks:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


ORPHAN_WAIT = 120.0  # seconds a crawl process of a killed caller may take to stop


def hold_crawling(locks: Locks, codes: list[str]) -> bool:
    """In the crawl process: hold ``crawling-<code>`` while crawling, so that a crawl
    whose caller was killed is waited for before its councils are crawled again."""
    return all(locks.acquire(f"crawling-{code}") for code in codes)


def wait_for_orphans(locks: Locks, codes: list[str]) -> None:
    """In the caller, holding the councils' locks: wait for any crawl process left by a
    killed caller to stop, then let our own crawl process take over."""
    names = [f"crawling-{code}" for code in codes]
    stuck = [name for name in names if not locks.wait(name, ORPHAN_WAIT)]
    locks.release(names)
    if stuck:
        raise CrawlBusy([n.removeprefix("crawling-") for n in stuck], {})


def lock_councils(locks: Locks, codes: list[str], skip_locked: bool) -> list[str]:
    """Lock each council; returns the codes locked. Unless ``skip_locked``, any council
    already locked elsewhere is an error (and nothing stays locked)."""
    taken = [code for code in codes if locks.acquire(f"council-{code}")]
    busy = [code for code in codes if code not in taken]
    if busy and not skip_locked:
        holders = {code: locks.holder(f"council-{code}") for code in busy}
        locks.release([f"council-{code}" for code in taken])
        raise CrawlBusy(busy, holders)
    return taken
