"""Frames that share an accessible name, and whether they show the same thing (WCAG
4.1.2). Shared by the ``frames`` probe and the ``frame-name-unique`` check; the data is
the probe's list of frames (see :mod:`council_audit.probes.frames`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from council_audit.checks.common.grouping import components

Frame = dict[str, Any]
# Where a frame's content can be told: its final URL, its text digest, its src.
CONTENT_KEYS = ("url", "digest", "src")


def name_key(name: str | None) -> str:
    """Names compared as a screen reader user hears them: case and spacing ignored."""
    return " ".join((name or "").split()).casefold()


def named_groups(frames: Iterable[Frame]) -> dict[str, list[Frame]]:
    """Frames in the accessibility tree by (normalised) accessible name, two or more
    frames per group; unnamed frames are another check's business (frame-title)."""
    groups: dict[str, list[Frame]] = {}
    for frame in frames:
        key = name_key(frame.get("name"))
        if key and not frame.get("hidden"):
            groups.setdefault(key, []).append(frame)
    return {key: group for key, group in groups.items() if len(group) > 1}


def same_content(group: list[Frame]) -> bool:
    """True when every frame of ``group`` is known to show the same content: frames are
    joined when they share a final URL, a text digest or a src, and all must end up
    joined. A frame whose content could not be read (another origin, not loaded) and
    whose src matches no other frame's keeps the group unsettled."""
    return len(components(group, _share_content)) <= 1


def _share_content(a: Frame, b: Frame) -> bool:
    return any(a.get(key) and a.get(key) == b.get(key) for key in CONTENT_KEYS)
