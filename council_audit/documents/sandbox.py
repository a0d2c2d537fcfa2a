"""Reading a document in a child process that can be killed without harm (issue #17).

A 1 MB PDF can inflate to a gigabyte: read in the crawl's own process it once took 56 s
and 3 GB, stalled every other council's pages and could have had the whole crawl killed
for memory. So every document is read by ``python -m council_audit.documents.sandbox``:
its body goes in on stdin, its facts come back as JSON on stdout, and

- the child's address space is capped (``document_memory_limit``, RLIMIT_AS) and so is
  its CPU time (RLIMIT_CPU, a little over the wall-clock limit);
- the parent kills it at ``document_time_limit`` seconds of wall-clock time;
- inside it, a PDF's page content streams are inflated with a bounded decoder before
  they are parsed: one past ``document_stream_max_inflated`` bytes, or all of them past
  ``document_max_inflated``, is not parsed (the document is recorded with that error);
- an office file's metadata part is read up to a fixed size, never inflated whole.

A document past a limit gets a ``documents.error`` that says which limit, and the crawl
goes on. The crawl awaits the child without blocking its event loop
(:func:`inspect_async`); ``check`` and the tests call :func:`inspect`."""

from __future__ import annotations

import asyncio
import json
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from council_audit.settings import Settings

MIB = 1024 * 1024
CPU_SLACK_S = 5  # RLIMIT_CPU is the wall-clock limit plus this: the parent's kill comes first


@dataclass(frozen=True)
class Limits:
    """What one document may cost to read."""

    seconds: float
    memory_bytes: int
    stream_inflated: int
    document_inflated: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            seconds=settings.document_time_limit,
            memory_bytes=settings.document_memory_limit * MIB,
            stream_inflated=settings.document_stream_max_inflated,
            document_inflated=settings.document_max_inflated,
        )

    def argv(self, kind: str) -> list[str]:
        return [
            sys.executable, "-m", "council_audit.documents.sandbox", kind,
            str(self.memory_bytes), str(int(self.seconds) + CPU_SLACK_S),
            str(self.stream_inflated), str(self.document_inflated),
        ]  # fmt: skip


def inspect(kind: str, body: bytes, settings: Settings) -> dict[str, Any]:
    """The facts of a document (``kind`` "pdf" or an office extension), read in a child."""
    limits = Limits.from_settings(settings)
    try:
        done = subprocess.run(
            limits.argv(kind), input=body, capture_output=True, timeout=limits.seconds
        )
    except subprocess.TimeoutExpired:  # subprocess.run has killed it
        return {"error": _too_slow(limits)}
    return _answer(done.returncode, done.stdout, done.stderr, limits)


async def inspect_async(kind: str, body: bytes, settings: Settings) -> dict[str, Any]:
    """:func:`inspect` for the crawl: the event loop goes on while the child reads."""
    limits = Limits.from_settings(settings)
    child = await asyncio.create_subprocess_exec(
        *limits.argv(kind),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(child.communicate(body), limits.seconds)
    except (TimeoutError, asyncio.CancelledError):
        child.kill()
        await child.wait()
        return {"error": _too_slow(limits)}
    return _answer(child.returncode or 0, out, err, limits)


def _too_slow(limits: Limits) -> str:
    return f"reading the document took more than {limits.seconds:g} s: stopped"


def _answer(code: int, out: bytes, err: bytes, limits: Limits) -> dict[str, Any]:
    if code == 0:
        try:
            facts = json.loads(out)
        except ValueError:
            facts = None
        if isinstance(facts, dict):
            return facts
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        return {"error": _too_slow(limits)}
    memory = f"{limits.memory_bytes // MIB} MiB"
    if b"MemoryError" in err or b"bad_alloc" in err or code == -signal.SIGABRT:
        return {"error": f"reading the document needed more than {memory} of memory: stopped"}
    reason = f"signal {-code}" if code < 0 else f"exit code {code}"
    return {"error": f"the document reader stopped ({reason}) before it finished"}


# --- the child ------------------------------------------------------------------------
def child_main(argv: list[str]) -> int:
    kind, memory, cpu, stream_cap, document_cap = argv
    resource.setrlimit(resource.RLIMIT_AS, (int(memory), int(memory)))
    resource.setrlimit(resource.RLIMIT_CPU, (int(cpu), int(cpu) + 1))
    from council_audit.documents.office import inspect_office
    from council_audit.documents.pdf import InflateLimits, inspect_pdf

    body = sys.stdin.buffer.read()
    try:
        if kind == "pdf":
            facts = inspect_pdf(body, InflateLimits(int(stream_cap), int(document_cap)))
        else:
            facts = inspect_office(body)
    except MemoryError:
        sys.stderr.write("MemoryError\n")
        return 3
    sys.stdout.write(json.dumps(facts, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
