"""Links that share an accessible name but not an address, and whether their destinations
are in fact the same resource (from the ``link_targets`` probe: where each address ended
up after redirects, and a digest of the text found there)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from council_audit.checks.common.grouping import components
from council_audit.checks.common.links import Link, destination, normalise_name
from council_audit.checks.common.page import PageView
from council_audit.checks.standards.link_text import NON_DESCRIPTIVE

PROBE = "link_targets"


@dataclass(frozen=True)
class Target:
    """What one destination turned out to be. ``final_url`` is empty when unknown."""

    final_url: str = ""
    digest: str = ""  # title and body text of the page
    main_digest: str = ""  # text of its <main> (or role=main) element

    @property
    def known(self) -> bool:
        return bool(self.final_url)


def same_name_groups(links: list[Link]) -> dict[str, list[Link]]:
    """Web links by normalised name, for names that say something and are used for
    more than one destination (addresses compared by :func:`destination`)."""
    groups: dict[str, list[Link]] = {}
    for link in links:
        name = normalise_name(link.name)
        if name and name not in NON_DESCRIPTIVE and link.is_web:
            groups.setdefault(name, []).append(link)
    return {
        name: group
        for name, group in groups.items()
        if len({destination(link.href) for link in group}) > 1
    }


def probe_targets(page: PageView) -> dict[str, Target] | None:
    """Destinations the probe looked at, by :func:`destination` of the address asked
    for; None when the probe did not run or failed."""
    data = page.fact(PROBE)
    if data is None or not isinstance(data.get("targets"), dict):
        return None
    out = {}
    for url, raw in data["targets"].items():
        if not isinstance(raw, dict):
            continue
        status = raw.get("status")
        ok = isinstance(status, int) and 200 <= status < 300 and not raw.get("error")
        out[destination(str(url))] = Target(
            final_url=str(raw.get("final_url") or "") if ok else "",
            digest=str(raw.get("digest") or "") if ok else "",
            main_digest=str(raw.get("main_digest") or "") if ok else "",
        )
    return out


def equivalent(a: Target, b: Target) -> bool:
    """Same resource: the same final address, or the same text at two addresses that
    differ by more than their query (a page that reads its query string in a script
    shows different things at ?page=1 and ?page=2 from one and the same HTML)."""
    if not (a.known and b.known):
        return False
    if destination(a.final_url) == destination(b.final_url):
        return True
    if _same_path(a.final_url, b.final_url):
        return False
    return bool(
        (a.digest and a.digest == b.digest) or (a.main_digest and a.main_digest == b.main_digest)
    )


def places(group: list[Link], targets: dict[str, Target]) -> list[list[Link]]:
    """``group`` split into sets of links that go to the same resource, in page order."""
    keys = list(dict.fromkeys(destination(link.href) for link in group))
    sets = components(
        keys, lambda a, b: equivalent(targets.get(a, Target()), targets.get(b, Target()))
    )
    place = {key: n for n, keys_of in enumerate(sets) for key in keys_of}
    out: dict[int, list[Link]] = {}
    for link in group:
        out.setdefault(place[destination(link.href)], []).append(link)
    return list(out.values())


def _same_path(first: str, second: str) -> bool:
    a, b = urlsplit(first), urlsplit(second)
    return (a.scheme, a.netloc, a.path.rstrip("/")) == (b.scheme, b.netloc, b.path.rstrip("/"))
