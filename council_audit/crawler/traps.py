"""Crawler trap guards: endless calendars, endless query strings, very long URLs and
repeated path segments. Session ids are stripped from URLs before they get here
(:func:`council_audit.crawler.urls.strip_session`).

:meth:`TrapGuard.refusal` rules out a URL on its own (length, parameters, repeats);
:meth:`TrapGuard.admit` also counts the URLs the sample takes, so that only a few
calendar pages or query-string variants of one path get in. Both are deterministic, so
the sample stays the same from run to run.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

from council_audit.settings import Settings

DATE_IN_PATH = re.compile(
    r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)|/(?:19|20)\d\d(?:0[1-9]|1[0-2])\d\d(?:/|$)"
)
CALENDAR_WORDS = re.compile(r"(?:^|[/_-])(?:calendar|calender|diary|agenda-calendar)(?:[/_.-]|$)")
DATE_KEYS = frozenset(
    "date day week month year from to start end startdate enddate cal calendar view_date "
    "eventdate event_date dt period".split()
)
DATE_VALUE = re.compile(r"^(?:19|20)\d\d(?:[-/]?\d\d){0,2}$|^\d\d?[-/]\d\d?[-/](?:19|20)?\d\d$")


class TrapGuard:
    """One council's trap counters."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.calendar = 0
        self.variants: Counter[str] = Counter()
        self.skipped = 0

    def refusal(self, url: str) -> str | None:
        """Why ``url`` looks like a trap on its own, or None."""
        s = self.settings
        if len(url) > s.max_url_length:
            return f"URL longer than {s.max_url_length} characters"
        parts = urlsplit(url)
        if len(parse_qsl(parts.query, keep_blank_values=True)) > s.max_query_params:
            return f"more than {s.max_query_params} query parameters"
        segments = [p for p in parts.path.lower().split("/") if p]
        if segments and max(Counter(segments).values()) > s.max_path_repeats:
            return "a path segment repeats (a relative-link loop)"
        return None

    def admit(self, url: str) -> str | None:
        """Count ``url`` into the sample; why not, when a trap limit is reached."""
        reason = self.refusal(url)
        if reason is None and is_calendar(url):
            if self.calendar >= self.settings.max_calendar_pages:
                reason = f"more than {self.settings.max_calendar_pages} calendar pages"
            else:
                self.calendar += 1
        parts = urlsplit(url)
        if reason is None and parts.query:
            path = f"{parts.netloc}{parts.path}"
            if self.variants[path] >= self.settings.max_query_variants:
                reason = f"more than {self.settings.max_query_variants} query variants of one path"
            else:
                self.variants[path] += 1
        if reason:
            self.skipped += 1
        return reason


def is_calendar(url: str) -> bool:
    """Calendar-like: a date in the path, a 'calendar' folder, or a date in the query."""
    parts = urlsplit(url)
    path = parts.path.lower()
    if DATE_IN_PATH.search(path) or CALENDAR_WORDS.search(path):
        return True
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() in DATE_KEYS and (DATE_VALUE.match(value) or value.isdigit()):
            return True
    return False
