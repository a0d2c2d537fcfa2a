"""Every setting of council-audit, with its default, in one place.

Settings are parsed once into the typed :class:`Settings` dataclass; bad values and bad
combinations are rejected with a message that names the setting. Each field's
documentation is the ``doc`` entry of its metadata: ``docs/settings.md`` is generated
from it, and a drift test keeps the two in step.

Values can come from keyword arguments (the Python API), from ``--set NAME=VALUE`` on the
command line, or from environment variables named ``COUNCIL_AUDIT_<NAME>`` (upper case).
"""

from __future__ import annotations

import dataclasses
import math
import os
import string
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

ENV_PREFIX = "COUNCIL_AUDIT_"
ENHANCED_CONTRAST = "color-contrast-enhanced"  # the AAA axe-core rule enhanced_contrast runs
# Settings that change what the checks find on a page (which checks run, how they judge,
# what the browser shows them). A run records them, and runs that differ in them are not
# compared like for like (see council_audit/runrecord.py).
FINDING_SETTINGS = (
    "axe_tags",
    "disabled_checks",
    "enabled_checks",
    "enhanced_contrast",
    "contrast_probe_max",
    "template_aware",
    "reading_age_max",
    "reading_min_words",
    "keyboard_probe_max_presses",
    "link_target_fetches",
    "statement_review_months",
    "snippet_chars",
    "viewport_width",
    "viewport_height",
    "max_dom_nodes",
    "block_third_party",
)
# Numbers above this are typing mistakes, not choices (a budget of 10**12 pages would
# only fail later, in the middle of a crawl); fields may set a smaller "maximum".
MAXIMUM = 1_000_000


class SettingsError(ValueError):
    """A setting has a bad value, or two settings do not fit together."""


def _s(default: Any, doc: str, **kw: Any) -> Any:
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata={"doc": doc, **kw})
    return field(default=default, metadata={"doc": doc, **kw})


@dataclass(frozen=True)
class Settings:
    # --- who we are -------------------------------------------------------------------
    user_agent: str = _s(
        "council-audit/{version} (+{contact_url})",
        "User-Agent sent with every request; {version} and {contact_url} are filled in.",
    )
    contact_url: str = _s(
        "https://github.com/council-audit/council-audit",
        "Where a webmaster can read what the crawler is and who runs it.",
    )
    # --- crawl scope ------------------------------------------------------------------
    page_budget: int = _s(
        50, "Most pages audited per council in one run.", minimum=1, maximum=100_000
    )
    depth_limit: int = _s(4, "Most link hops from the homepage (0 = no limit).", minimum=0)
    use_sitemaps: bool = _s(True, "Read sitemaps from robots.txt and /sitemap.xml.")
    obey_robots: bool = _s(True, "Obey robots.txt. Switch off only for your own sites.")
    allow_loopback: bool = _s(
        False,
        "Allow crawling 127.0.0.0/8 and ::1 (the demo and the tests turn this on).",
    )
    # --- politeness -------------------------------------------------------------------
    concurrent_per_council: int = _s(
        2, "Most requests in flight to one council's site at once.", minimum=1
    )
    autothrottle: bool = _s(True, "Adapt the request rate to the site's response times.")
    autothrottle_target: float = _s(
        1.0, "AutoThrottle's target number of parallel requests per site.", minimum=0.1
    )
    download_delay: float = _s(0.0, "Seconds between requests to one site (floor).", minimum=0)
    link_target_fetches: int = _s(
        6,
        "Most same-site addresses fetched per page (one at a time, each at most once in "
        "15 minutes) to tell whether links with the same text go to the same "
        "resource (0 = never).",
        minimum=0,
    )
    # --- rendering --------------------------------------------------------------------
    render_pages: int = _s(
        3,
        "Browser pages kept open and reused for rendering; pages render in parallel.",
        minimum=1,
    )
    tab_reuse: int = _s(
        25,
        "Pages a browser tab renders before it is closed and a fresh one opened: a tab "
        "reused for hundreds of pages keeps growing (1 opens a tab per page).",
        minimum=1,
    )
    page_timeout: float = _s(
        30.0, "Seconds for a page to load before it is an error.", minimum=1, maximum=600
    )
    axe_timeout: float = _s(60.0, "Seconds axe-core may take on one page.", minimum=1, maximum=600)
    step_timeout: float = _s(
        30.0,
        "Seconds any other single call into a page may take (the size check, the fact "
        "gatherers, the 320 px pass, each probe, reading the rendered HTML). A page that "
        "misses it stopped responding: it is recorded with an error and its browser tab is "
        "closed and replaced.",
        minimum=1,
        maximum=600,
    )
    page_time_limit: float = _s(
        180.0,
        "Hard wall-clock limit in seconds for one page: loading, facts, axe-core and probes "
        "together. Enforced from outside the page (a page that loops for ever is stopped): "
        "the page is recorded with an error and its tab closed and replaced. Must exceed "
        "page_timeout.",
        minimum=5,
        maximum=3600,
    )
    navigation_budget: int = _s(
        5,
        "Most navigations a page may start by itself once loading began (meta refresh, "
        "script redirects); further ones are blocked and the page is recorded as "
        "navigating endlessly, not audited.",
        minimum=1,
        maximum=100,
    )
    max_response_bytes: int = _s(
        20_000_000,
        "Largest response downloaded (bigger ones are recorded, not read).",
        minimum=1,
        maximum=1_000_000_000,
    )
    max_dom_nodes: int = _s(
        60_000,
        "Pages with more DOM elements than this are recorded, not audited.",
        minimum=100,
        maximum=10_000_000,
    )
    viewport_width: int = _s(1280, "Browser viewport width in CSS px.", minimum=200)
    viewport_height: int = _s(900, "Browser viewport height in CSS px.", minimum=200)
    chromium_path: str = _s(
        "",
        "Chromium to use. Empty: $COUNCIL_AUDIT_CHROMIUM_PATH, Playwright's own browser, "
        "then /usr/bin/chromium, chromium-browser, google-chrome on PATH.",
    )
    # --- checks -----------------------------------------------------------------------
    axe_tags: list = _s(
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
        "axe-core rule tags to run.",
    )
    disabled_checks: list = _s([], "Check ids (built-in or axe rule ids) not to run.")
    enabled_checks: list = _s(
        [],
        "Opt-in built-in checks to run. They are off by default because too few of their "
        "findings were right on real council pages (docs/precision.md).",
    )
    enhanced_contrast: bool = _s(
        False,
        "Run axe-core's enhanced contrast rule (color-contrast-enhanced, WCAG 1.4.6, AAA). "
        "Its findings are advice, beyond the A and AA standard the law sets, and it costs "
        "time on every page, so it is off unless asked for.",
    )
    template_aware: bool = _s(
        True,
        "Audit a council's shared header, navigation and footer once: a later page whose "
        "region is the same (markup, styles, layout and surroundings) reuses the results "
        "found in it, with the same findings as a whole audit, in less time "
        "(docs/crawling.md).",
    )
    contrast_probe_max: int = _s(
        10,
        "Text elements per page whose needs-review colour contrast is measured from "
        "screenshots (0: none).",
        minimum=0,
    )
    reading_age_max: int = _s(
        12,
        "Reading age above which main content is flagged for review "
        "(GOV.UK writes for a reading age of 9; reading age = Flesch-Kincaid grade + 5).",
        minimum=5,
    )
    reading_min_words: int = _s(100, "Fewest words of prose before reading age is scored.")
    snippet_chars: int = _s(500, "Longest element snippet kept with a finding.", minimum=50)
    keyboard_probe_max_presses: int = _s(
        80,
        "Most real key presses the keyboard-trap probe makes on one page. It presses keys "
        "only on pages whose scripts move focus or cancel Tab (0: never).",
        minimum=0,
    )
    # --- output -----------------------------------------------------------------------
    log_level: str = _s(
        "INFO",
        "Log level: DEBUG, INFO, WARNING or ERROR. A crawl shows only its own progress and "
        "warnings unless this is DEBUG or `verbose` is on.",
    )
    verbose: bool = _s(
        False, "Show Scrapy's own log lines during a crawl, at `log_level` (as --verbose does)."
    )
    # --- sampling, documents, statements, traps, plans (issue 4) ------------------------
    allowed_hosts: list = _s(
        [],
        "Other hosts a council's site uses that the crawler may follow and audit (a payments "
        "or documents host): 'host' for every council, 'CODE=host' for one. The homepage's "
        "host, with or without www., is always allowed; redirects elsewhere are recorded, "
        "not followed.",
    )
    councils_at_once: int = _s(
        6,
        "Councils crawled at the same time; the next starts when one finishes, so councils "
        "complete one after another.",
        minimum=1,
    )
    block_third_party: bool = _s(
        True,
        "Do not load third-party analytics, tag managers, web-font services and video "
        "players in the browser when crawling or checking: they are not the council's content, slow "
        "every page and would report the crawl to trackers (council_audit/thirdparty.py).",
    )
    reuse_unchanged: bool = _s(
        True,
        "On a re-crawl, carry forward the findings of pages unchanged since the council's "
        "last complete run (same HTML, stylesheets and scripts; same tool, axe-core, browser "
        "and finding settings) instead of auditing them again (crawl --fresh turns it off).",
    )
    sample_top_tasks: bool = _s(
        True,
        "Look for the top council tasks (bins, council tax, parking, planning, housing, "
        "benefits, blue badge, school admissions, libraries, report a problem) by link text "
        "and URL before filling the page budget.",
    )
    search_terms: str = _s(
        "council tax", "Words put in the site's search form to sample a search results page."
    )
    sitemap_max_urls: int = _s(
        2000,
        "Most sitemap URLs kept as candidates per council (a fixed pseudo-random sample of "
        "the sitemap, the same from run to run).",
        minimum=0,
    )
    document_limit: int = _s(
        20, "Most documents (PDF and office files) fetched and checked per council.", minimum=0
    )
    document_max_bytes: int = _s(
        15_000_000,
        "Largest document downloaded; bigger ones are recorded as too large, not checked.",
        minimum=1000,
        maximum=1_000_000_000,
    )
    document_time_limit: float = _s(
        30.0,
        "Seconds a document may take to read (in its own process, killed at this limit; "
        "the document is then recorded with that error).",
        minimum=1,
        maximum=3600,
    )
    document_memory_limit: int = _s(
        768,
        "MiB of memory (address space) the process reading one document may use.",
        minimum=128,
        maximum=65_536,
    )
    document_stream_max_inflated: int = _s(
        50_000_000,
        "Most bytes one PDF page content stream may inflate to before it is parsed "
        "(a decompression bomb past this is recorded, not read).",
        minimum=10_000,
        maximum=10_000_000_000,
    )
    document_max_inflated: int = _s(
        200_000_000,
        "Most bytes a PDF's page content streams may inflate to in all.",
        minimum=10_000,
        maximum=10_000_000_000,
    )
    statement_review_months: int = _s(
        12,
        "An accessibility statement last reviewed longer ago than this (before the run "
        "date) is out of date.",
        minimum=1,
    )
    max_url_length: int = _s(400, "Longer URLs are not followed (crawler trap guard).", minimum=50)
    max_query_params: int = _s(
        4, "URLs with more query parameters than this are not followed (trap guard).", minimum=0
    )
    max_query_variants: int = _s(
        5,
        "Most sampled URLs per council that differ only in their query string (trap guard).",
        minimum=1,
    )
    max_calendar_pages: int = _s(
        2,
        "Most calendar-like URLs (dates in the path or query) sampled per council (trap guard).",
        minimum=0,
    )
    max_path_repeats: int = _s(
        2,
        "URLs repeating one path segment more often than this are not followed (trap guard).",
        minimum=1,
    )
    ignore_https_errors: bool = _s(
        False,
        "Accept invalid TLS certificates (only for test sites with self-signed certificates).",
    )
    lock_dir: str = _s(
        "",
        "Folder of the crawl lock files; empty: '<database>.locks' next to the results "
        "database. Two crawls never crawl the same council at once.",
    )
    plan_parallel: int = _s(
        1,
        "Crawls that run-due calls may run at once against one results database; a call "
        "finding every slot busy exits at once.",
        minimum=1,
    )
    plan_max_councils: int = _s(
        0, "Most councils one run-due call starts (0: every due council).", minimum=0
    )
    progress_interval: float = _s(
        30.0,
        "Seconds between progress lines when not on a terminal (about 2 s on one).",
        minimum=1,
    )
    # --- many machines (docs/scaling.md) ---------------------------------------------------
    queue_lease: float = _s(
        60.0,
        "Seconds a queue worker may go without a heartbeat (it sends one every second "
        "while alive) before the council it holds is handed to another worker.",
        minimum=1,
    )
    queue_retries: int = _s(
        2,
        "Times a council whose crawl failed on a worker (not a lost worker: that council "
        "is handed on) is queued again before it is marked failed.",
        minimum=0,
    )
    queue_retry_delay: float = _s(
        30.0, "Seconds before a failed council is tried again (doubling each time).", minimum=0
    )
    queue_time_limit: float = _s(
        14400.0,
        "Seconds one council may take on a worker before its crawl is stopped and it "
        "counts as failed.",
        minimum=60,
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            _check_range(f, getattr(self, f.name))
        if self.page_time_limit <= self.page_timeout:
            raise SettingsError(
                f"page_time_limit ({self.page_time_limit:g}) must exceed page_timeout "
                f"({self.page_timeout:g})"
            )
        _check_user_agent(self.user_agent)
        if self.log_level.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise SettingsError(
                f"log_level must be DEBUG, INFO, WARNING or ERROR, not {self.log_level!r}"
            )
        if self.snippet_chars > 5000:
            raise SettingsError("snippet_chars must be at most 5000")
        _check_allowed_hosts(self.allowed_hosts)

    # ----------------------------------------------------------------------------------
    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None = None, *, env: bool = True) -> Settings:
        """Build settings from defaults, then the environment, then ``values``."""
        merged: dict[str, Any] = {}
        known = {f.name: f for f in fields(cls)}
        if env:
            for name in known:
                raw = os.environ.get(ENV_PREFIX + name.upper())
                if raw is not None:
                    merged[name] = raw
        for name, value in (values or {}).items():
            if name not in known:
                raise SettingsError(f"unknown setting {name!r}; see docs/settings.md")
            merged[name] = value
        return cls(**{name: _coerce(known[name], v) for name, v in merged.items()})

    def replace(self, **changes: Any) -> Settings:
        return Settings.from_mapping({**self.as_dict(), **changes}, env=False)

    @property
    def checks_off(self) -> tuple[str, ...]:
        """Check ids not to run: ``disabled_checks``, plus enhanced contrast unless
        ``enhanced_contrast`` asks for it."""
        off = list(self.disabled_checks)
        if not self.enhanced_contrast and ENHANCED_CONTRAST not in off:
            off.append(ENHANCED_CONTRAST)
        return tuple(off)

    def finding_settings(self) -> dict[str, Any]:
        """The settings that change findings (``FINDING_SETTINGS``), by name."""
        return {name: getattr(self, name) for name in FINDING_SETTINGS}

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def user_agent_string(self) -> str:
        from council_audit import __version__

        return self.user_agent.format(version=__version__, contact_url=self.contact_url)


def _check_range(f: dataclasses.Field, value: Any) -> None:
    """A number must be finite (not nan or inf), of the field's type, and within its
    documented bounds."""
    default = f.default if f.default is not dataclasses.MISSING else None
    if isinstance(default, bool) or not isinstance(default, (int, float)):
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SettingsError(f"{f.name} must be a number, not {value!r}")
    if isinstance(default, int) and not isinstance(value, int):
        raise SettingsError(f"{f.name} must be a whole number, not {value!r}")
    if not math.isfinite(value):
        raise SettingsError(f"{f.name} must be a finite number, not {value!r}")
    low, high = f.metadata.get("minimum"), f.metadata.get("maximum", MAXIMUM)
    if low is not None and value < low:
        raise SettingsError(f"{f.name} must be at least {low}, not {value!r}")
    if value > high:
        raise SettingsError(f"{f.name} must be at most {high}, not {value!r}")


def _check_user_agent(template: str) -> None:
    """The User-Agent may only use the {version} and {contact_url} placeholders."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise SettingsError(f"user_agent {template!r} is not a valid template: {exc}") from None
    unknown = names - {"version", "contact_url"}
    if unknown:
        raise SettingsError(
            f"user_agent uses unknown placeholder(s) {', '.join(sorted(map(repr, unknown)))}; "
            "only {version} and {contact_url} are filled in"
        )
    if any(ch in template for ch in "\r\n\0"):
        raise SettingsError("user_agent must be one line")


def _check_allowed_hosts(entries: list) -> None:
    """allowed_hosts entries are 'host' or 'CODE=host', with no scheme or path."""
    for entry in entries:
        host = str(entry).partition("=")[2] if "=" in str(entry) else str(entry)
        if not host.strip() or "/" in host or " " in host.strip():
            raise SettingsError(f"allowed_hosts: {entry!r} is not 'host' or 'CODE=host'")


def _coerce(f: dataclasses.Field, value: Any) -> Any:
    """Turn a string from the environment or the command line into the field's type."""
    default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
    if not isinstance(value, str) or isinstance(default, str):
        return value
    try:
        if isinstance(default, bool):
            if value.lower() in {"1", "true", "yes", "on"}:
                return True
            if value.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, list):
            return [item.strip() for item in value.split(",") if item.strip()]
    except ValueError:
        raise SettingsError(
            f"{f.name}: cannot read {value!r} as {type(default).__name__}"
        ) from None
    return value


def settings_reference() -> list[tuple[str, Any, str]]:
    """(name, default, doc) for every setting, in declaration order."""
    out = []
    for f in fields(Settings):
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
        out.append((f.name, default, f.metadata["doc"]))
    return out
