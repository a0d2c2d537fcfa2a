"""Edge cases of the visual presentation and inclusion checks, the 320 px pass of the
fact gatherers, and axe-core's WCAG 2.2 target-size rule."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from playwright.async_api import async_playwright

from council_audit import api
from council_audit import browser as chromium
from council_audit.checks import default_registry
from council_audit.checks.common.page import PageView
from council_audit.checks.common.styles import contrast, rgb
from council_audit.collect import PageSnapshot, gather_facts
from council_audit.settings import Settings

GROUPS = ("visual", "inclusion")


def run(check_id: str, facts: dict[str, Any] | None = None, html: str = "") -> list:
    page = PageView(url="http://fixture.test/", html=html or "<html></html>", facts=facts or {})
    return list(default_registry().get(check_id).run(page))


def levels(findings: list) -> list[str]:
    """What each finding says, as the level it would have on an A/AA criterion: checks
    that name none (page weight: guidance; timed refresh: AAA) give advice, failed or
    to review."""
    return [{"fail": "error", "review": "warning"}[f.outcome] for f in findings]


def test_checks_without_their_facts_report_nothing() -> None:
    for check in default_registry():
        if check.meta.group not in GROUPS or not check.meta.facts:
            continue
        assert run(check.meta.id) == [], check.meta.id
        broken = {name: {"error": "boom"} for name in check.meta.facts}
        assert run(check.meta.id, broken) == [], check.meta.id


def test_contrast_of_computed_colours() -> None:
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgba(29, 112, 184, 1)", "rgba(29, 112, 184, 1)") == pytest.approx(1)
    assert rgb("oklch(0.5 0.1 200)") is None
    assert contrast("oklch(0.5 0.1 200)", "rgb(0, 0, 0)") is None


@pytest.mark.parametrize(
    ("size", "expected"), [(900_000, []), (2_000_000, ["warning"]), (6_000_000, ["error"])]
)
def test_page_weight_thresholds(size: int, expected: list[str]) -> None:
    facts = {"inclusion_weight": {"bytes": size, "requests": 12, "unmeasured": 0}}
    findings = run("page-weight", facts)
    assert levels(findings) == expected
    if findings:
        assert findings[0].extras["bytes"] == size and findings[0].extras["requests"] == 12


def reflow_fact(*boxes: dict[str, Any], scrolls: bool = True, hidden: bool = False) -> dict:
    fact = {"scrolls": scrolls, "overflow_hidden": hidden, "scroll_width": 700, "offenders": []}
    fact["offenders"] = [{"selector": f"#b{i}", "text": True, **b} for i, b in enumerate(boxes)]
    return {"inclusion_reflow_320": fact}


def test_reflow_two_dimensional_content_is_for_review() -> None:
    assert levels(run("reflow", reflow_fact({"tag": "table"}, {"tag": "pre"}))) == ["warning"] * 2
    assert "error" in levels(run("reflow", reflow_fact({"tag": "table"}, {"tag": "div"})))
    assert levels(run("reflow", reflow_fact())) == ["error"]  # too wide, nothing named
    assert levels(run("reflow", reflow_fact({"tag": "p"}, scrolls=False, hidden=True))) == [
        "warning"
    ]
    assert run("reflow", reflow_fact({"tag": "div"}, scrolls=False)) == []


def motion(reduced: bool = False, controls: bool = False, **anim: Any) -> dict:
    base = {"selector": "#a", "name": "slide", "infinite": True, "width": 300, "height": 40}
    return {
        "visual_motion": {
            "animations": [base | anim],
            "reduced_motion_rule": reduced,
            "pause_controls": ["#pause"] if controls else [],
        }
    }


def test_moving_content_fails_only_when_certain() -> None:
    assert levels(run("moving-content", motion())) == ["error"]
    assert levels(run("moving-content", motion(reduced=True))) == ["warning"]
    assert levels(run("moving-content", motion(controls=True))) == ["warning"]
    assert levels(run("moving-content", motion(width=24, height=24))) == ["warning"]
    finite = motion(infinite=False, duration_ms=8000)
    assert levels(run("moving-content", finite)) == ["warning"]


def test_colour_only_links_leaves_low_contrast_to_axe() -> None:
    link = {"selector": "#l", "colour": "rgb(51, 51, 51)", "text_colour": "rgb(0, 0, 0)"}
    assert run("colour-only-links", {"visual_links": {"colour_only": [link]}}) == []
    link["colour"] = "rgb(29, 112, 184)"
    (finding,) = run("colour-only-links", {"visual_links": {"colour_only": [link, link]}})
    assert finding.level == "warning" and finding.extras["count"] == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [("0; url=/new", []), ("5; url=/new", []), ("72000", []), ("86400", ["warning"]), ("x", [])],
)
def test_timed_refresh_leaves_axe_its_range(content: str, expected: list[str]) -> None:
    html = f'<html><head><meta http-equiv="refresh" content="{content}"></head></html>'
    assert levels(run("timed-refresh", html=html)) == expected


@pytest.mark.parametrize(
    ("markup", "provider"),
    [
        ('<div class="h-captcha" data-sitekey="k"></div>', "hCaptcha"),
        ('<div class="cf-turnstile" data-sitekey="k"></div>', "Cloudflare Turnstile"),
        ('<script src="https://www.recaptcha.net/recaptcha/api.js"></script>', "reCAPTCHA"),
        ('<input name="captcha_answer">', None),
    ],
)
def test_captcha_names_the_provider(markup: str, provider: str | None) -> None:
    (finding,) = run("captcha", html=f"<html><body><form>{markup}</form></body></html>")
    assert finding.extras["providers"] == ([provider] if provider else [])


def test_zoom_disabled_flags_the_outermost_box() -> None:
    boxes = [
        {"selector": "main", "tag": "main", "value": "none"},
        {"selector": "html > body", "tag": "body", "value": "pan-x pan-y"},
        {"selector": "html", "tag": "html", "value": "auto"},
    ]
    (finding,) = run("zoom-disabled", {"inclusion_zoom": {"touch_action": boxes}})
    assert finding.selector == "html > body"
    boxes[0]["value"] = boxes[1]["value"] = "manipulation"
    assert run("zoom-disabled", {"inclusion_zoom": {"touch_action": boxes}}) == []


def test_narrow_gatherers_run_at_320_px_and_the_viewport_is_restored(static_server: str) -> None:
    async def gather() -> tuple[PageSnapshot, dict | None, int]:
        settings = Settings()
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(**chromium.launch_options(settings))
            try:
                context = await browser.new_context(**chromium.context_options(settings))
                page = await context.new_page()
                await page.goto(f"{static_server}/checks/reflow/fail-1.html")
                snapshot = PageSnapshot(url=page.url)
                await gather_facts(page, snapshot)
                return snapshot, page.viewport_size, await page.evaluate("() => innerWidth")
            finally:
                await browser.close()

    snapshot, viewport, inner = asyncio.run(gather())
    reflow = snapshot.facts["inclusion_reflow_320"]
    assert reflow["viewport_width"] == 320 and reflow["scrolls"]
    assert snapshot.facts["document"]["scroll_width"] == Settings().viewport_width
    assert viewport == {"width": Settings().viewport_width, "height": Settings().viewport_height}
    assert inner == Settings().viewport_width
    assert snapshot.timings["narrow_ms"] > 0


def test_axe_target_size_runs(static_server: str) -> None:
    result = api.check([f"{static_server}/pages/tiny-targets.html"], Settings())
    (page,) = result.pages
    assert page.snapshot.error is None
    hits = [f for f in page.findings if f.check_id == "target-size"]
    assert hits and all("2.5.8" in f.wcag for f in hits)


def test_axe_enhanced_contrast_is_advice_and_disabled_rules_do_not_run(static_server: str) -> None:
    url = f"{static_server}/pages/grey-text.html"  # #666 on white: 5.7:1, AA yes, AAA no
    (page,) = api.check([url], Settings(enhanced_contrast=True)).pages
    advice = [f for f in page.findings if f.check_id == "color-contrast-enhanced"]
    assert advice and all(f.level == "advice" and f.wcag == ("1.4.6",) for f in advice)
    off = Settings.from_mapping({"disabled_checks": "page-title"}, env=False)  # AAA off by default
    (page,) = api.check([url], off).pages
    assert page.snapshot.error is None
    ran = {r["id"] for kind in ("violations", "incomplete") for r in page.snapshot.axe[kind]}
    assert "color-contrast-enhanced" not in ran
    assert not [f for f in page.findings if f.check_id in ("color-contrast-enhanced", "page-title")]
