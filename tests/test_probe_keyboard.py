"""The keyboard-trap probe's pure parts: key instructions in page text, and cycles in
the sequence of focused elements. Its browser behaviour is covered by the fixtures in
tests/fixtures/checks/keyboard-trap/ (tests/test_checks.py)."""

from __future__ import annotations

import pytest

from council_audit.probes._key_instructions import find_instructions
from council_audit.probes.keyboard import find_cycle


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Press Ctrl+M to Exit", ["Control+m"]),
        ("Press the M-key to Exit", ["m"]),
        ("To leave the map, press Control - M.", ["Control+m"]),
        ("Use Alt+Shift+Q to close the editor", ["Alt+Shift+q"]),
        ("Press Escape to close this window", ["Escape"]),
        ("Press F6 to move out of the toolbar", ["F6"]),
        ("press the m key to exit", ["m"]),
    ],
)
def test_finds_key_instructions(text: str, keys: list[str]) -> None:
    assert [i.keys for i in find_instructions(text)] == keys


@pytest.mark.parametrize(
    "text",
    [
        "Go to the next element",
        "Press a key to continue",
        "Press the button to close",
        "Use a mouse to leave",
        "Press Ctrl+M to zoom in",  # not a way out
        "Press Ctrl+W to exit",  # would act on the browser
        "Use the arrow keys to exit",
    ],
)
def test_ignores_other_text(text: str) -> None:
    assert find_instructions(text) == []


def test_instruction_keeps_its_sentence() -> None:
    (found,) = find_instructions("Opening times. The map keeps Tab. Press Ctrl+M to leave it.")
    assert found.text == "Press Ctrl+M to leave it"


@pytest.mark.parametrize(
    ("seq", "cycle"),
    [
        (["a", "b", "b", "b"], ["b"]),
        (["a", "b", "c", "b", "c", "b", "c"], ["b", "c"]),
        (["a", "b", "c", "d", "b", "c", "d"], ["b", "c", "d"]),
        (["x", "c", "d", "b", "c", "d", "b"], ["c", "d", "b"]),
    ],
)
def test_finds_cycles(seq: list[str], cycle: list[str]) -> None:
    assert find_cycle(seq) == cycle


@pytest.mark.parametrize(
    "seq",
    [
        ["a", "b", "c", "d"],
        ["a", "b", "b"],  # one repeat: a slow widget, not yet a cycle
        ["frame >>> ?", "frame >>> ?", "frame >>> ?"],  # inside a frame we cannot read
        ["body", "body", "body"],
    ],
)
def test_no_cycle(seq: list[str]) -> None:
    assert find_cycle(seq) is None
