"""A tiny text format for page bodies, so the prose reads as prose in the source.

Blocks are separated by blank lines:

* ``## Heading`` and ``### Heading``
* lines starting ``- `` make a bulleted list, ``1. `` a numbered one
* ``{{name}}`` or ``{{name:arg}}`` alone on a line is a component (see :mod:`.components`)
* anything else is a paragraph; ``[text](/href)`` is a link and ``**text**`` bold.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*(.+?)\*\*")
COMPONENT = re.compile(r"^\{\{([a-z-]+)(?::([^}]*))?\}\}$")

ComponentRenderer = Callable[[str, str], str]


def inline(text: str) -> str:
    """Escape text and turn ``[text](href)`` and ``**bold**`` into HTML."""
    out = html.escape(text, quote=False)
    out = LINK.sub(lambda m: f'<a href="{html.escape(m.group(2))}">{m.group(1)}</a>', out)
    return BOLD.sub(r"<strong>\1</strong>", out)


def render(text: str, component: ComponentRenderer) -> str:
    """HTML for a markup-lite body; ``component(name, arg)`` renders ``{{name:arg}}``."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return "\n".join(_block(b, component) for b in blocks)


def _block(block: str, component: ComponentRenderer) -> str:
    lines = [line.strip() for line in block.splitlines()]
    match = COMPONENT.match(block)
    if match:
        return component(match.group(1), match.group(2) or "")
    if block.startswith("### "):
        return f"<h3>{inline(block[4:])}</h3>"
    if block.startswith("## "):
        return f"<h2>{inline(block[3:])}</h2>"
    if all(line.startswith("- ") for line in lines):
        return _list("ul", [line[2:] for line in lines])
    if all(re.match(r"\d+\. ", line) for line in lines):
        return _list("ol", [line.split(" ", 1)[1] for line in lines])
    return f"<p>{inline(' '.join(lines))}</p>"


def _list(tag: str, items: list[str]) -> str:
    inner = "".join(f"<li>{inline(item)}</li>" for item in items)
    return f"<{tag}>{inner}</{tag}>"


def fill(text: str, values: dict[str, str]) -> str:
    """Replace ``{key}`` placeholders (leaving ``{{component}}`` lines alone)."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text
