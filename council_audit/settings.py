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
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

ENV_PREFIX = "COUNCIL_AUDIT_"


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
    page_budget: int = _s(50, "Most pages audited per council in one run.", minimum=1)
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
    # --- rendering --------------------------------------------------------------------
    render_pages: int = _s(
        3,
        "Browser pages kept open and reused for rendering; pages render in parallel.",
        minimum=1,
    )
    page_timeout: float = _s(30.0, "Seconds for a page to load before it is an error.", minimum=1)
    axe_timeout: float = _s(60.0, "Seconds axe-core may take on one page.", minimum=1)
    max_response_bytes: int = _s(
        20_000_000, "Largest response downloaded (bigger ones are recorded, not read).", minimum=1
    )
    max_dom_nodes: int = _s(
        60_000, "Pages with more DOM elements than this are recorded, not audited.", minimum=100
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
    reading_age_max: int = _s(
        12,
        "Reading age above which main content is flagged for review "
        "(GOV.UK writes for a reading age of 9; reading age = Flesch-Kincaid grade + 5).",
        minimum=5,
    )
    reading_min_words: int = _s(100, "Fewest words of prose before reading age is scored.")
    snippet_chars: int = _s(500, "Longest element snippet kept with a finding.", minimum=50)
    # --- output -----------------------------------------------------------------------
    log_level: str = _s("INFO", "Log level: DEBUG, INFO, WARNING or ERROR.")

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            minimum = f.metadata.get("minimum")
            if minimum is not None and value < minimum:
                raise SettingsError(f"{f.name} must be at least {minimum}, not {value!r}")
        if self.log_level.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise SettingsError(
                f"log_level must be DEBUG, INFO, WARNING or ERROR, not {self.log_level!r}"
            )
        if self.snippet_chars > 5000:
            raise SettingsError("snippet_chars must be at most 5000")

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

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def user_agent_string(self) -> str:
        from council_audit import __version__

        return self.user_agent.format(version=__version__, contact_url=self.contact_url)


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
