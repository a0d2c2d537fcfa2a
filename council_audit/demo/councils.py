"""The three fictional demo councils: their register rows, their look, and which
barriers are planted on which of their pages.

The codes (DWB, DTY, DPR) are not used by any real UK council in the register.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Palette:
    """Solid colours only, each pair well above WCAG AA contrast."""

    header_bg: str
    header_fg: str
    link: str
    footer_bg: str
    footer_fg: str
    accent: str


@dataclass(frozen=True)
class Council:
    code: str
    name: str
    short_name: str
    quality: str  # "good", "typical" or "poor"
    region: str
    type: str
    population: int
    latitude: float
    longitude: float
    town: str
    phone: str
    email: str
    postcode: str
    palette: Palette

    def register_row(self, homepage_url: str | None = None) -> dict[str, Any]:
        """A row shaped like the UK council register's."""
        return {
            "code": self.code,
            "name": self.name,
            "short_name": self.short_name,
            "gss_code": "",
            "nation": "England",
            "region": self.region,
            "type": self.type,
            "homepage_url": homepage_url,
            "population": self.population,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }

    def placeholders(self) -> dict[str, str]:
        return {
            "council": self.name,
            "short": self.short_name,
            "town": self.town,
            "phone": self.phone,
            "email": self.email,
            "postcode": self.postcode,
        }


COUNCILS: tuple[Council, ...] = (
    Council(
        code="DWB",
        name="Demoshire Well-Built Council",
        short_name="Demoshire",
        quality="good",
        region="South West",
        type="Unitary authority",
        population=184_000,
        latitude=51.0712,
        longitude=-2.4398,
        town="Demford",
        phone="01632 960 100",
        email="help@demoshire.example",
        postcode="DM1 4WB",
        palette=Palette("#1d3557", "#ffffff", "#1d4f91", "#f3f2f1", "#0b0c0c", "#ffdd00"),
    ),
    Council(
        code="DTY",
        name="Typicalton Borough Council",
        short_name="Typicalton",
        quality="typical",
        region="East Midlands",
        type="Non-metropolitan district",
        population=112_000,
        latitude=52.8531,
        longitude=-1.3472,
        town="Typicalton",
        phone="01632 960 200",
        email="customer.services@typicalton.example",
        postcode="TY2 3BC",
        palette=Palette("#00563f", "#ffffff", "#005ea5", "#e8f0ec", "#0b0c0c", "#f6c343"),
    ),
    Council(
        code="DPR",
        name="Poorbury District Council",
        short_name="Poorbury",
        quality="poor",
        region="North West",
        type="Non-metropolitan district",
        population=96_000,
        latitude=53.9014,
        longitude=-2.6083,
        town="Poorbury",
        phone="01632 960 300",
        email="enquiries@poorbury.example",
        postcode="PY9 1ZZ",
        palette=Palette("#5b2a86", "#ffffff", "#6a1b9a", "#3b1d52", "#ffffff", "#ffb000"),
    ),
)
BY_CODE = MappingProxyType({c.code: c for c in COUNCILS})
DEMO_COUNCILS: list[dict[str, Any]] = [c.register_row() for c in COUNCILS]

# Barrier ids (see barriers.py) planted on each council's pages, by page path.
PLANTED: MappingProxyType[str, dict[str, tuple[str, ...]]] = MappingProxyType(
    {
        "DWB": {},
        "DTY": {
            "/": ("img-missing-alt",),
            "/bins/collection-days/": ("select-no-label",),
            "/council-tax/bands/": ("low-contrast-text",),
            "/parking/permits/": ("generic-title",),
            "/planning/": ("complex-language",),
            "/libraries/find/": ("iframe-no-title",),
            "/report-a-problem/": ("autocomplete-invalid",),
            "/news/summer-reading-challenge/": ("skipped-heading-level",),
            "/contact/": ("icon-link-no-name", "click-here-link"),
        },
        "DPR": {
            "/": ("content-outside-landmarks", "img-missing-alt", "icon-link-no-name"),
            "/bins/": ("no-main-landmark", "low-contrast-text"),
            "/bins/collection-days/": ("select-no-label", "list-bad-children"),
            "/bins/missed-collection/": (
                "input-missing-label",
                "autocomplete-invalid",
                "empty-button",
            ),
            "/bins/garden-waste/": ("generic-title",),
            "/council-tax/": ("complex-language", "skipped-heading-level"),
            "/council-tax/discounts/": ("complex-language", "low-contrast-text"),
            "/council-tax/pay/": ("zoom-disabled", "image-input-no-alt"),
            "/parking/": ("html-no-lang",),
            "/parking/permits/": ("missing-title",),
            "/parking/fines/": ("no-h1", "empty-heading"),
            "/planning/": ("complex-language", "area-no-alt"),
            "/planning/comment/": (
                "input-missing-label",
                "select-no-label",
                "postcode-focus-trap",
            ),
            "/housing/": ("list-bad-children", "img-missing-alt", "click-here-link"),
            "/blue-badge/": ("zoom-disabled", "low-contrast-text"),
            "/schools/": ("no-h1",),
            "/libraries/find/": ("iframe-no-title",),
            "/report-a-problem/": (
                "input-missing-label",
                "select-no-label",
                "empty-button",
                "autocomplete-invalid",
                "placeholder-only-label",
                "radios-without-fieldset",
                "captcha-puzzle",
            ),
            "/search/": ("image-input-no-alt",),
            "/housing/homelessness/": ("clipped-text", "unmarked-polish"),
            "/benefits/": ("voice-label-mismatch",),
            "/benefits/housing-benefit/": ("justified-text",),
            "/libraries/": ("frame-out-of-tab-order",),
            "/cymraeg/": ("wrong-language",),
            "/news/new-recycling-centre-opens/": ("img-missing-alt", "skipped-heading-level"),
            "/contact/": ("icon-link-no-name", "empty-heading"),
            "/consultations/local-plan-2040/": ("generic-title",),
        },
    }
)

# Barriers the typical council fixes before the demo's second run (``DemoSites.fix``), so
# that a newcomer sees a trend and "what changed": the rest stay as they were.
FIXED_LATER: MappingProxyType[str, dict[str, tuple[str, ...]]] = MappingProxyType(
    {
        "DTY": {
            "/": ("img-missing-alt",),
            "/bins/collection-days/": ("select-no-label",),
            "/council-tax/bands/": ("low-contrast-text",),
            "/libraries/find/": ("iframe-no-title",),
        },
    }
)


def council(code: str) -> Council:
    """The demo council with this code (KeyError if there is none)."""
    return BY_CODE[code.upper()]
