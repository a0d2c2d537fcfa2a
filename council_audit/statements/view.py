"""What a statement check sees: the statement's text and what was read from it, with
the council's nation, the run date and the errors found elsewhere on the site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from council_audit.settings import Settings
from council_audit.statements.parse import StatementInfo

PSBAR_HELP = (
    "https://www.gov.uk/guidance/make-your-website-or-app-accessible-and-publish-an-"
    "accessibility-statement"
)
MODEL_STATEMENT = "https://www.gov.uk/government/publications/sample-accessibility-statement"
GUIDANCE = "Public Sector Bodies Accessibility Regulations 2018 (regulation 8); GDS model statement"
NORTHERN_IRELAND = "northern ireland"


@dataclass
class StatementView:
    url: str
    found: bool
    run_date: dt.date
    info: StatementInfo = field(default_factory=StatementInfo)
    format: str = "html"
    recognised: bool = True
    nation: str | None = None
    site_errors: int | None = None
    contact_links: list[str] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)

    @property
    def in_northern_ireland(self) -> bool:
        return (self.nation or "").lower() == NORTHERN_IRELAND
