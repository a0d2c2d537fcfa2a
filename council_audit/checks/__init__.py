"""Checks: the registry, the axe-core runner and the built-in checks.

A built-in check is a module with a ``META`` (:class:`CheckMeta`) and a pure
``evaluate(page)`` that yields :class:`Outcome` objects. Checks never use a browser or
the network: facts that need a browser are gathered once per page by the crawler and
handed over in :class:`~council_audit.checks.common.page.PageView`.
"""

from council_audit.checks.registry import Check, CheckMeta, Outcome, Registry, default_registry

__all__ = ["Check", "CheckMeta", "Outcome", "Registry", "default_registry"]
