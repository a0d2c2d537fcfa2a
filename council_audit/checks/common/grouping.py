"""Splitting things into sets of those that are the same, when sameness is only known
pair by pair (two links whose pages match, two frames sharing an address): what is the
same as the same is the same."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def components(items: Sequence[T], same: Callable[[T, T], bool]) -> list[list[T]]:
    """``items`` in sets joined by ``same`` (and by chains of it), each set and the sets
    themselves in the order of their first item."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if root(i) != root(j) and same(items[i], items[j]):
                parent[root(j)] = root(i)
    out: dict[int, list[T]] = {}
    for i, item in enumerate(items):
        out.setdefault(root(i), []).append(item)
    return list(out.values())
