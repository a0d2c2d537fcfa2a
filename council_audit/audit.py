"""Turning what the browser gathered into findings: axe-core's results plus every
registered check, on the same :class:`PageView`. No browser is used here."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from cssselect import SelectorError
from lxml.cssselect import CSSSelector
from lxml.etree import LxmlError

from council_audit.checks import Registry, default_registry
from council_audit.checks.axe import findings_from_results
from council_audit.checks.common.page import PageView
from council_audit.checks.common.text import page_measures
from council_audit.checks.common.unstyled import review_unstyled
from council_audit.checks.standards.wcag import legal_criteria
from council_audit.collect import PageSnapshot
from council_audit.findings import Finding, normalise_selector
from council_audit.probes import axe_resolved
from council_audit.settings import Settings


def audit_snapshot(
    snapshot: PageSnapshot, settings: Settings, registry: Registry | None = None
) -> list[Finding]:
    """All findings for one page: axe-core's, then the built-in checks'. Findings that
    share a fingerprint (the same problem reported twice) are kept once, and so is one
    barrier reported by two checks (see :func:`one_finding_per_barrier`); one pattern
    repeated on the page is one finding with its count (:func:`group_repeats`)."""
    if not snapshot.audited:
        return []
    started = time.perf_counter()
    disabled = set(settings.checks_off)
    found = [
        f
        for f in findings_from_results(
            snapshot.axe or {}, settings.snippet_chars, axe_resolved(snapshot.facts)
        )
        if f.check_id not in disabled
    ]
    view = PageView(
        url=snapshot.url,
        final_url=snapshot.final_url,
        status=snapshot.status,
        html=snapshot.html,
        facts=snapshot.facts,
        settings=settings,
    )
    registry = registry or default_registry()
    found.extend(registry.run(view, disabled))
    found = review_unstyled(found, view, {c.meta.id for c in registry if c.meta.reads_styles})
    snapshot.measures = page_measures(view)
    snapshot.timings["checks_ms"] = round((time.perf_counter() - started) * 1000, 1)
    element = _ElementFinder(view)  # selectors resolved once for both passes
    kept = one_finding_per_barrier(dedupe(found, snapshot.url), view, element)
    return group_repeats(same_barrier_pairs(kept, view, element), element)


def dedupe(findings: list[Finding], page_url: str) -> list[Finding]:
    """Keep the first finding per fingerprint; an error outranks a warning."""
    kept: dict[str, Finding] = {}
    for f in findings:
        fp = f.fingerprint(page_url)
        if fp not in kept or (kept[fp].level == "warning" and f.level == "error"):
            kept[fp] = f
    return list(kept.values())


def one_finding_per_barrier(
    findings: list[Finding], page: PageView, element: _ElementFinder | None = None
) -> list[Finding]:
    """One barrier is one finding. An error is dropped when errors of other checks, kept
    before it, already report the same element for every WCAG A/AA criterion it names
    (``document-language`` and axe-core's ``html-has-lang`` on ``<html>``, both 3.1.1);
    the kept finding records it in ``extras["corroborated_by"]``. "Same element": the
    same selector, or selectors naming the same single element of the page's HTML.
    Warnings and advice are left as they are."""
    kept: list[Finding] = []
    element = element or _ElementFinder(page)
    for f in findings:
        legal = set(legal_criteria(f.wcag)) if f.level == "error" else set()
        covering = [
            i
            for i, g in enumerate(kept)
            if legal
            and g.level == "error"
            and g.check_id != f.check_id
            and legal & set(g.wcag)
            and element.same(g.selector, f.selector)
        ]
        if covering and legal <= {sc for i in covering for sc in kept[i].wcag}:
            first = kept[covering[0]]
            kept[covering[0]] = dataclasses.replace(
                first, extras={**first.extras, "corroborated_by": _corroborations(first, f)}
            )
            continue
        kept.append(f)
    return kept


# Two checks that report one barrier on one element, seen on real council pages (issue
# #18): (check kept, check folded into it, where its element is). "same": the same
# element; "inside": the folded finding's element is in the kept one's, with no other
# list between (each <li> of a list whose role was overridden, or of a list that holds
# links instead of items, reported once on the list); "sibling": both
# elements have one parent (the <li> of one list, reported once); "page": the
# page (both are about the page as a whole). The kept finding is the one of higher
# level (the first of the pair when they are equal); it records the other in
# ``extras["corroborated_by"]``, and, when both have one level, names the criteria of both.
SAME_BARRIER: tuple[tuple[str, str, str], ...] = (
    ("aria-required-parent", "nested-interactive", "same"),
    ("aria-required-children", "listitem", "inside"),
    ("list", "listitem", "inside"),
    ("listitem", "listitem", "sibling"),
    ("document-title", "page-title", "page"),
    ("heading-order", "heading-skipped-level", "same"),
    ("table-header-empty", "empty-table-header", "same"),
    ("blink", "moving-content", "same"),
    ("marquee", "text-clipped", "same"),
)
RANK = {"error": 0, "warning": 1, "advice": 2}


def same_barrier_pairs(
    findings: list[Finding], page: PageView, element: _ElementFinder | None = None
) -> list[Finding]:
    """Fold the second check of each :data:`SAME_BARRIER` pair into the first where both
    report one barrier, so that it is counted once."""
    element = element or _ElementFinder(page)
    out = list(findings)
    for first, second, where in SAME_BARRIER:
        while (pair := _pair(out, first, second, where, element)) is not None:
            i, j = pair
            keep, fold = (j, i) if RANK[out[j].level] < RANK[out[i].level] else (i, j)
            kept, folded = out[keep], out[fold]
            wcag = kept.wcag
            if folded.level == kept.level:  # the one barrier fails the criteria of both
                wcag += tuple(sc for sc in folded.wcag if sc not in kept.wcag)
            out[keep] = dataclasses.replace(
                kept,
                wcag=wcag,
                extras={**kept.extras, "corroborated_by": _corroborations(kept, folded)},
            )
            del out[fold]
    return out


def _pair(
    found: list[Finding], first: str, second: str, where: str, element: _ElementFinder
) -> tuple[int, int] | None:
    for i, a in enumerate(found):
        if a.check_id == first:
            for j, b in enumerate(found):
                if b.check_id == second and i != j and _related(element, a, b, where):
                    return i, j
    return None


def _related(element: _ElementFinder, a: Finding, b: Finding, where: str) -> bool:
    if where == "page":
        return True
    if where == "same":
        return element.same(a.selector, b.selector)
    x = element.element(normalise_selector(a.selector))
    y = element.element(normalise_selector(b.selector))
    if x is None or y is None:
        return False
    if where == "sibling":
        return x.getparent() is y.getparent()  # type: ignore[attr-defined]
    lists = (a for a in y.iterancestors() if a.tag in ("ul", "ol", "menu"))  # type: ignore[attr-defined]
    return next(lists, None) is x


# A pattern on this many elements of one page or more is reported once, with its count.
REPEATS_FROM = 3
REPEAT_EXAMPLES = 5


def group_repeats(findings: list[Finding], element: _ElementFinder) -> list[Finding]:
    """One finding per pattern repeated on the page, as a web team reads it: the findings
    of one check, level and key on elements of one shape (the same tags and classes from
    the element up to the page's body, with the same attributes: the cells of one
    table, the links of one menu, one template's block repeated down the page), when
    there are :data:`REPEATS_FROM` or more, are one finding, the first of them. Its
    message ends with how many elements are like it and a few of them, and
    ``extras["repeats"]`` has ``count`` (all of them) and ``selectors`` (the others,
    up to :data:`REPEAT_EXAMPLES`). Its fingerprint is the first element's."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, f in enumerate(findings):
        shape = element.shape(f.selector)
        if shape is not None:
            groups.setdefault((f.check_id, f.level, f.key, shape), []).append(i)
    folded: set[int] = set()
    out = list(findings)
    for members in groups.values():
        if len(members) < REPEATS_FROM:
            continue
        first, others = out[members[0]], [findings[i] for i in members[1:]]
        examples = [g.selector for g in others[:REPEAT_EXAMPLES]]
        out[members[0]] = dataclasses.replace(
            first,
            message=f"{first.message} The same on {len(others)} more elements like it on "
            f"this page (for example {'; '.join(f'`{s}`' for s in examples)}).",
            extras={**first.extras, "repeats": {"count": len(members), "selectors": examples}},
        )
        folded.update(members[1:])
    return [f for i, f in enumerate(out) if i not in folded]


def _corroborations(kept: Finding, other: Finding) -> list[dict[str, Any]]:
    return [
        *kept.extras.get("corroborated_by", []),
        {
            "check_id": other.check_id,
            "source": other.source,
            "message": other.message,
            **({"wcag": list(other.wcag)} if other.wcag else {}),
        },  # fmt: skip
    ]


class _ElementFinder:
    """Selectors resolved to the one element they name in the page's HTML, if they can
    be (a selector that crosses frames, fails to parse or names no single element is
    compared as text)."""

    def __init__(self, page: PageView) -> None:
        self.page = page
        self._found: dict[str, object] = {}

    def same(self, a: str, b: str) -> bool:
        a, b = normalise_selector(a), normalise_selector(b)
        if a == b:
            return True
        x, y = self.element(a), self.element(b)
        return x is not None and x is y

    def element(self, selector: str) -> object:
        if selector not in self._found:
            self._found[selector] = self._resolve(selector)
        return self._found[selector]

    def shape(self, selector: str) -> str | None:
        """The shape of the element ``selector`` names: its tag, sorted attribute names
        and classes, then its ancestors' tags and classes up to the body; None when the
        selector names no single element (or names the page itself)."""
        found = self.element(normalise_selector(selector))
        if found is None or found.tag in ("html", "body", "head"):  # type: ignore[attr-defined]
            return None
        node, parts = found, [" ".join(sorted(found.attrib))]  # type: ignore[attr-defined]
        while node is not None and node.tag not in ("body", "html"):  # type: ignore[attr-defined]
            classes = " ".join(sorted(node.get("class", "").split()))  # type: ignore[attr-defined]
            parts.append(f"{node.tag}.{classes}")  # type: ignore[attr-defined]
            node = node.getparent()  # type: ignore[attr-defined]
        return "/".join(parts)

    def _resolve(self, selector: str) -> object:
        if ">>>" in selector or " | " in selector:
            return None
        try:
            hits = CSSSelector(selector)(self.page.tree)
        except (SelectorError, LxmlError, ValueError, TypeError):
            return None
        return hits[0] if len(hits) == 1 else None
