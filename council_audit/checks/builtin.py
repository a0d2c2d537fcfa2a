"""The built-in check pack, registered through the ``council_audit.checks`` entry point
exactly as an outside pack would be.

Every module under ``council_audit/checks/<group>/`` that defines ``META`` and
``evaluate`` is a check; ``common`` and ``standards`` hold helpers and reference data.
A group whose package sets ``SUBJECT`` (``"statement"``, ``"document"``) checks that
instead of a page; its checks are found with ``discover(SUBJECT)``.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from council_audit.checks.registry import Check

PACKAGE = "council_audit.checks"
PACKAGE_PATH = [str(Path(__file__).parent)]

NOT_CHECKS = {"common", "standards"}


def discover(subject: str = "page") -> list[Check]:
    found = []
    for group in pkgutil.iter_modules(PACKAGE_PATH):
        if not group.ispkg or group.name in NOT_CHECKS:
            continue
        sub = importlib.import_module(f"{PACKAGE}.{group.name}")
        if getattr(sub, "SUBJECT", "page") != subject:
            continue
        for info in pkgutil.iter_modules(sub.__path__):
            module = importlib.import_module(f"{sub.__name__}.{info.name}")
            if hasattr(module, "META") and hasattr(module, "evaluate"):
                found.append(Check.from_module(module))
    return sorted(found, key=lambda c: (c.meta.group, c.meta.id))


CHECKS: list[Check] = discover()
