"""Queueing a run: the run is recorded in Redis and one message per council is sent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from council_audit import __version__
from council_audit.results.writer import new_run_id, now
from council_audit.scale import status
from council_audit.scale.broker import connect, council_message, make_broker, shown
from council_audit.settings import Settings


def enqueue_run(
    queue_url: str, councils: Sequence[dict[str, Any]], settings: Settings, label: str = "crawl"
) -> str:
    """Create a run, queue each of its councils, and return the run id. Every shard
    that crawls part of it records the same run (id, label, start, versions, settings)."""
    from council_audit.checks.axe import axe_version

    client = connect(queue_url)
    run = {
        "id": new_run_id(),
        "label": label,
        "started_at": now(),
        "tool_version": __version__,
        "axe_core_version": axe_version(),
        "settings": settings.as_dict(),
    }
    status.save_run(client, run, [c["code"] for c in councils])
    broker = make_broker(queue_url, settings)
    try:
        for council in councils:
            broker.enqueue(council_message(run, dict(council)))
    finally:
        broker.close()
    return run["id"]


def queue_status(queue_url: str, run_id: str) -> status.RunStatus:
    client = connect(queue_url)
    found = status.run_status(client, run_id)
    if found is None:
        latest = status.latest_runs(client)
        hint = f"; latest: {', '.join(latest)}" if latest else "; it has no runs"
        raise LookupError(f"no run {run_id} in the queue at {shown(queue_url)}{hint}")
    return found
