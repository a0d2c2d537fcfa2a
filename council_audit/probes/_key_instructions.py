"""Key instructions in a page's text ("Press Ctrl+M to exit", "press the M-key to
leave"), turned into key presses for Playwright, so that the keyboard probe can try the
way out a page advertises."""

from __future__ import annotations

import re
from dataclasses import dataclass

MODIFIERS = {
    "ctrl": "Control",
    "control": "Control",
    "alt": "Alt",
    "option": "Alt",
    "shift": "Shift",
    "cmd": "Meta",
    "command": "Meta",
    "meta": "Meta",
}
NAMED = {"esc": "Escape", "escape": "Escape"}
# Never pressed, whatever a page says: they act on the page (Enter, Space) or could act
# on the browser rather than the page.
UNSAFE = {"Control+w", "Control+q", "Control+l", "Control+t", "Control+n", "Alt+F4", "Meta+w"}
_MOD = r"(?:ctrl|control|alt|option|shift|cmd|command|meta)"
INSTRUCTION = re.compile(
    r"\b(?:press|pressing|use|using|hit|hitting|type)\s+(?:the\s+)?"
    rf"(?P<combo>(?:{_MOD}\s*[+-]\s*)*(?:f1[0-2]|f[1-9]|esc(?:ape)?|[a-z0-9]))"
    r"(?P<keyword>\s*-?\s*keys?)?\b",
    re.IGNORECASE,
)
LEAVE = re.compile(
    r"\b(?:exit|leave|escape|close|quit|get out|move (?:on|out|away|past)|skip|continue|"
    r"dismiss|return|release)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?\n]")
REACH = 60  # characters either side of the key that may hold "to exit"


@dataclass(frozen=True)
class KeyInstruction:
    keys: str  # Playwright's name, e.g. "Control+m"
    text: str  # the sentence that says so


def find_instructions(text: str, limit: int = 3) -> list[KeyInstruction]:
    """Key combinations the text tells users to press to leave something."""
    out: list[KeyInstruction] = []
    for match in INSTRUCTION.finditer(text):
        keys = _playwright_keys(match.group("combo"), bool(match.group("keyword")))
        if not keys or keys in UNSAFE or any(i.keys == keys for i in out):
            continue
        sentence = _sentence_around(text, match.start(), match.end())
        if not LEAVE.search(sentence):
            continue
        out.append(KeyInstruction(keys, " ".join(sentence.split())))
        if len(out) >= limit:
            break
    return out


def _playwright_keys(combo: str, said_key: bool) -> str | None:
    parts = [p for p in re.split(r"\s*[+-]\s*", combo.strip()) if p]
    *mods, key = parts
    names = [MODIFIERS[m.lower()] for m in mods]
    lower = key.lower()
    if lower in NAMED:
        key = NAMED[lower]
    elif re.fullmatch(r"f\d{1,2}", lower):
        key = lower.upper()
    elif len(key) == 1:
        # A lone lower-case letter is more likely a word ("press a key") than a key name.
        if not names and key.isalpha() and key.islower() and not said_key:
            return None
        if not names and key == "a" and said_key:
            return None
        key = lower
    return "+".join([*names, key])


def _sentence_around(text: str, start: int, end: int) -> str:
    head = text[max(0, start - REACH) : start]
    tail = text[end : end + REACH]
    head = SENTENCE_END.split(head)[-1]
    tail = SENTENCE_END.split(tail)[0]
    return head + text[start:end] + tail
