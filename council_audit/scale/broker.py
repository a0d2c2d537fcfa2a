"""The queue: Dramatiq's Redis broker, one message per council of a run.

Dramatiq acknowledges a message only once its actor has returned (late acknowledgement).
Until then the message sits in the fetching worker's set of unacknowledged messages, and
whenever a worker talks to Redis it records a heartbeat. Any worker's routine maintenance
puts the unacknowledged messages of a worker silent for longer than ``heartbeat_timeout``
back on the queue: a lease that the living worker renews every second, so one council can
take hours while a dead worker's council is handed on after ``queue_lease`` seconds.

A message carries everything a worker needs to crawl the council as part of the run: the
run (id, label, start time, tool and axe-core versions, settings) and the council's
register row. The run's full list of councils is kept once in Redis (:mod:`.status`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import redis
from dramatiq import Message, Middleware
from dramatiq.brokers.redis import MAINTENANCE_SCALE, RedisBroker
from dramatiq.middleware import Retries, TimeLimit

from council_audit.settings import Settings

NAMESPACE = "council-audit"
QUEUE = "councils"
ACTOR = "crawl_council"


class QueueError(RuntimeError):
    """The queue URL is wrong or Redis cannot be reached."""


def shown(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def check_url(url: str) -> str:
    """``redis://HOST:PORT/DB`` (or ``rediss://`` for TLS, ``unix://`` for a socket)."""
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss", "unix"}:
        raise QueueError(f"--queue {shown(url)}: give a Redis URL such as redis://HOST:6379/0")
    if parts.scheme != "unix" and not parts.hostname:
        raise QueueError(f"--queue {shown(url)}: the URL names no host")
    db = parts.path.strip("/")
    if parts.scheme != "unix" and db and not db.isdigit():
        raise QueueError(f"--queue {shown(url)}: the database after the port must be a number")
    return url


def connect(url: str) -> redis.Redis:
    """A Redis client for ``url``, checked with a PING."""
    client = redis.Redis.from_url(check_url(url), socket_connect_timeout=5, socket_timeout=30)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise QueueError(f"cannot reach Redis at {shown(url)}: {exc}") from None
    return client


def make_broker(
    url: str, settings: Settings, middleware: list[Middleware] | None = None
) -> RedisBroker:
    """The broker every enqueuer and worker of a queue uses (same namespace and lease).

    Maintenance (handing on the councils of dead workers) runs on every call, not on
    one in a thousand as Dramatiq's default: a worker makes about two calls a second."""
    broker = RedisBroker(
        client=connect(url),
        namespace=NAMESPACE,
        heartbeat_timeout=int(settings.queue_lease * 1000),
        maintenance_chance=MAINTENANCE_SCALE,
        middleware=[
            *(middleware or []),  # after_* hooks run last to first: ours see the retry verdict
            TimeLimit(time_limit=int(settings.queue_time_limit * 1000)),
            Retries(
                max_retries=settings.queue_retries,
                min_backoff=max(int(settings.queue_retry_delay * 1000), 1),
                max_backoff=max(int(settings.queue_retry_delay * 1000), 1) * 16,
            ),
        ],
    )
    broker.declare_queue(QUEUE)
    return broker


def council_message(run: dict[str, Any], council: dict[str, Any]) -> Message[Any]:
    return Message(
        queue_name=QUEUE,
        actor_name=ACTOR,
        args=({"run": run, "council": council},),
        kwargs={},
        options={},
    )


def outstanding(client: redis.Redis) -> int:
    """Councils not yet finished anywhere: queued, waiting to be retried, or held by a
    worker (alive, or dead and not yet handed on). Dramatiq keeps a message's body in
    ``<queue>.msgs`` (and ``<queue>.DQ.msgs`` while it waits for a retry) until it is
    acknowledged or dead-lettered (see the key layout in its ``dispatch.lua``)."""
    base = f"{NAMESPACE}:{QUEUE}"
    return int(client.hlen(f"{base}.msgs")) + int(client.hlen(f"{base}.DQ.msgs"))
