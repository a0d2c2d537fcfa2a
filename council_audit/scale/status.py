"""What the queue knows about each run: the run itself (kept once, with its list of
councils) and where each council is: queued, running (on which worker), done or failed.

Keys, all under the ``council-audit:`` namespace::

    runs                   sorted set of run ids by the time they were queued
    run:<id>               the run (JSON: id, label, started_at, versions, settings, councils)
    run:<id>:councils      hash: council code -> its state (JSON)
    worker:<name>          a living worker (JSON), expiring ``queue_lease`` seconds after
                           its last heartbeat

A council shown running on a worker whose key has expired has lost its lease: Dramatiq
puts it back on the queue and the next worker to take it records itself."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import redis

from council_audit.scale.broker import NAMESPACE

STATES = ("queued", "running", "done", "failed")
LOST = "lease lost"


def _key(*parts: str) -> str:
    return ":".join((NAMESPACE, *parts))


def save_run(client: redis.Redis, run: dict[str, Any], codes: list[str]) -> None:
    """Record a new run and mark each of its councils queued, in one transaction."""
    queued = json.dumps({"state": "queued", "at": _now(), "attempts": 0})
    with client.pipeline() as pipe:
        pipe.set(_key("run", run["id"]), json.dumps({**run, "councils": codes}, sort_keys=True))
        pipe.hset(_key("run", run["id"], "councils"), mapping=dict.fromkeys(codes, queued))
        pipe.zadd(_key("runs"), {run["id"]: time.time()})
        pipe.execute()


def load_run(client: redis.Redis, run_id: str) -> dict[str, Any] | None:
    raw = client.get(_key("run", run_id))
    return json.loads(raw) if raw else None


def latest_runs(client: redis.Redis, count: int = 5) -> list[str]:
    return [r.decode() for r in client.zrevrange(_key("runs"), 0, count - 1)]


def set_state(client: redis.Redis, run_id: str, code: str, state: str, **detail: Any) -> None:
    """Move a council to ``state``; ``attempt=True`` counts one more start."""
    key = _key("run", run_id, "councils")
    old = json.loads(client.hget(key, code) or "{}")
    attempts = old.get("attempts", 0) + (1 if detail.pop("attempt", False) else 0)
    row = {"state": state, "at": _now(), "attempts": attempts, **detail}
    client.hset(key, code, json.dumps(row, sort_keys=True))


def beat(client: redis.Redis, name: str, about: dict[str, Any], lease: float) -> None:
    """The worker is alive (and what it is doing), for ``lease`` seconds."""
    client.set(_key("worker", name), json.dumps(about, sort_keys=True), px=int(lease * 1000))


def gone(client: redis.Redis, name: str) -> None:
    client.delete(_key("worker", name))


def live_workers(client: redis.Redis) -> dict[str, dict[str, Any]]:
    out = {}
    for key in client.scan_iter(match=_key("worker", "*"), count=500):
        raw = client.get(key)
        if raw:
            out[key.decode().split(":", 2)[2]] = json.loads(raw)
    return out


@dataclass
class RunStatus:
    run: dict[str, Any]
    councils: dict[str, dict[str, Any]]
    workers: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def counts(self) -> Counter[str]:
        return Counter(row["state"] for row in self.councils.values())

    def finished(self) -> bool:
        return all(row["state"] in ("done", "failed") for row in self.councils.values())


def run_status(client: redis.Redis, run_id: str) -> RunStatus | None:
    """The run's councils and their states; a council running on a worker that has
    stopped sending heartbeats shows as ``lease lost``."""
    run = load_run(client, run_id)
    if run is None:
        return None
    raw = client.hgetall(_key("run", run_id, "councils"))
    workers = live_workers(client)
    councils = {}
    for code in run["councils"]:
        row = json.loads(raw.get(code.encode(), b"{}")) or {"state": "queued", "attempts": 0}
        if row["state"] == "running" and row.get("worker") not in workers:
            row["state"] = LOST
        councils[code] = row
    return RunStatus(run, councils, workers)


def status_text(status: RunStatus) -> str:
    """The ``crawl --queue URL --status RUN`` report."""
    run, counts = status.run, status.counts
    order = [*STATES[:2], LOST, *STATES[2:]]
    lines = [
        f"run {run['id']} ({run.get('label') or 'crawl'}, queued {run['started_at']}): "
        + ", ".join(f"{counts.get(s, 0)} {s}" for s in order if counts.get(s) or s in STATES)
    ]
    for code, row in status.councils.items():
        where = row.get("worker") or ""
        extra = []
        if row.get("pages") is not None:
            extra.append(f"{row['pages']} pages")
        if row.get("attempts", 0) > 1:
            extra.append(f"{row['attempts']} attempts")
        if row.get("error"):
            extra.append(row["error"])
        lines.append(
            f"  {code:<10} {row['state']:<10} {row.get('at', ''):<20} {where}"
            + (f"  ({'; '.join(extra)})" if extra else "")
        )
    lines.append(f"{len(status.workers)} worker(s) alive")
    for name, about in sorted(status.workers.items()):
        doing = f"crawling {about['council']}" if about.get("council") else "idle"
        lines.append(f"  {name}  {doing}  shard {about.get('shard', '?')}")
    return "\n".join(lines)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
