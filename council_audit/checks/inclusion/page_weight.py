"""How much a page makes people download."""

from __future__ import annotations

from collections.abc import Iterator

from council_audit.checks.common.page import PageView
from council_audit.checks.registry import CheckMeta, Outcome

META = CheckMeta(
    id="page-weight",
    title="Page is light enough for slow and costly connections",
    group="inclusion",
    impact="moderate",
    guidance="GOV.UK Service Manual: test and improve frontend performance for all users",
    help_url="https://www.gov.uk/service-manual/technology/how-to-test-frontend-performance",
    how_to_fix=(
        "Compress and resize images (serve WebP or AVIF at the size shown), load only the "
        "scripts and fonts a page needs, drop unused third-party scripts, and lazy-load "
        "images below the fold."
    ),
    description=(
        "People on pay-as-you-go data, slow rural broadband or old phones pay for every "
        "megabyte in money and time, and many give up on slow pages. Adds up the bytes the "
        "browser downloaded while the page loaded (Resource Timing: transfer size, or body "
        "size when the response came from cache), with the number of requests. Over 1.6 MB "
        "needs review; over 5 MB fails. Cross-origin files that do not allow timing are "
        "counted but not weighed, so the total can be low."
    ),
    facts=("inclusion_weight",),
)
MB = 1_000_000
REVIEW_BYTES = int(1.6 * MB)
FAIL_BYTES = 5 * MB


def evaluate(page: PageView) -> Iterator[Outcome]:
    found = page.fact("inclusion_weight")
    if found is None or not isinstance(found.get("bytes"), (int, float)):
        return
    size = int(found["bytes"])
    extras = {
        "bytes": size,
        "requests": found.get("requests"),
        "unmeasured": found.get("unmeasured"),
        "by_type": found.get("by_type"),
        "largest": found.get("largest"),
    }
    status = "fail" if size > FAIL_BYTES else "review" if size > REVIEW_BYTES else "pass"
    message = (
        f"The page downloads {size / MB:.1f} MB in {found.get('requests')} requests; "
        f"aim for under {REVIEW_BYTES / MB:g} MB."
    )
    yield Outcome(status, "html", "", message if status != "pass" else "", extras=extras)
