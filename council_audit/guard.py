"""Deadlines on the browser, enforced from outside the page (issue #10).

A page's own scripts can keep its renderer busy for ever (``for(;;){}`` after ``load``);
then every call into the page (``evaluate``, a screenshot, ``content()``) waits for
ever too, and Playwright's own timeouts do not cover ``evaluate``. So every call
council-audit makes into a page goes through :func:`bounded`, an asyncio timeout
around the call, capped by the page's wall-clock :class:`Deadline`
(``page_time_limit``). A page that misses a deadline raises :class:`PageStuck`; its tab
is then closed (:func:`close_page`, which works on a busy renderer) and replaced, never
reused.

A dead Playwright driver or browser shows as Playwright's ``TargetClosedError`` (or a
closed connection) on every call: :func:`is_crash` recognises it, so that the caller
can restart the browser and fetch the page again rather than record a finding.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Awaitable
from typing import Any, TypeVar

from playwright.async_api import Page

log = logging.getLogger(__name__)
T = TypeVar("T")
CLOSE_TIMEOUT_S = 10.0  # closing a tab, even one whose renderer loops, takes well under 1 s
CRASH_WORDS = (
    "target page, context or browser has been closed",
    "target closed",
    "browser has been closed",
    "connection closed",
    "page crashed",
    "target crashed",
    "browser closed",
)


class PageStuck(RuntimeError):
    """A call into the page missed its deadline: the tab must not be used again."""


class Deadline:
    """The wall-clock budget of one page (``page_time_limit`` seconds from now)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.ends - time.monotonic()


async def bounded(aw: Awaitable[T], what: str, limit: float, deadline: Deadline | None = None) -> T:
    """Await ``aw`` for at most ``limit`` seconds, and never past ``deadline``; raise
    :class:`PageStuck` naming ``what`` when time runs out."""
    seconds = min(limit, deadline.remaining()) if deadline else limit
    if seconds <= 0:
        if asyncio.iscoroutine(aw):
            aw.close()
        raise PageStuck(f"page_time_limit ({deadline.seconds:g} s) reached before {what}")  # type: ignore[union-attr]
    try:
        return await asyncio.wait_for(aw, seconds)
    except TimeoutError:
        if deadline and deadline.remaining() <= 0:
            raise PageStuck(
                f"page_time_limit ({deadline.seconds:g} s) reached during {what}: "
                "the page stopped responding"
            ) from None
        raise PageStuck(
            f"{what} took more than {seconds:g} s: the page stopped responding"
        ) from None


async def close_page(page: Any) -> None:
    """Close a tab, whatever state it is in (a busy renderer, a dead browser)."""
    if page is None:
        return
    with contextlib.suppress(Exception):
        if not page.is_closed():
            await asyncio.wait_for(page.close(run_before_unload=False), CLOSE_TIMEOUT_S)
        return
    log.debug("closing a page failed; it is dropped", exc_info=True)


class TabWear:
    """How many pages each tab has rendered: a tab is retired (closed, and a fresh one
    opened when needed) after ``limit`` pages, because a renderer reused for hundreds of
    pages keeps memory it never gives back."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()

    def worn_out(self, page: Any) -> bool:
        """Count one more page rendered in ``page``; True when it is time to retire it."""
        self.used[page] = self.used.get(page, 0) + 1
        return self.used[page] >= self.limit


def is_crash(exc: BaseException) -> bool:
    """Whether ``exc`` says the browser, the driver or the tab itself has died."""
    if type(exc).__name__ == "TargetClosedError":
        return True
    text = str(getattr(exc, "message", "") or exc).lower()
    return any(word in text for word in CRASH_WORDS)


def page_of(page: Page | None) -> Page | None:
    return page if isinstance(page, Page) else None
