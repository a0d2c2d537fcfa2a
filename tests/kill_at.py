"""Run one step of council-audit and SIGKILL it just before its Nth write to the results
database: the kill tests' power cut at a chosen point (test_kill_writes.py, issue #17).

    python tests/kill_at.py open DB N              open DB as a new version does: migrate
    python tests/kill_at.py upgrade DB N           what ``serve --upgrade`` does to DB
    python tests/kill_at.py crawl DB N COUNCILS    a crawl of COUNCILS (a JSON file of
                                                   register rows), killed in the parent's
                                                   final write, after its crawl process ends
    python tests/kill_at.py resume DB N            the same for ``crawl --resume``

A write is any statement but SELECT and PRAGMA, BEGIN and COMMIT included, counted on the
connection of the step under test only. N = -1 kills nothing and prints ``writes=K``,
the number of writes the step made, so a test can kill at each of them in turn."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

WRITES = [0]
READS = ("select", "pragma")


def arm(conn: sqlite3.Connection, kill_at: int) -> None:
    last = [""]

    def trace(sql: str) -> None:
        # statements run by triggers and FTS5 are traced as "-- ..." or as their
        # statement's text again: they are part of the statement, not writes of their own
        if sql.startswith("--") or sql == last[0] or sql.lstrip()[:6].lower() in READS:
            return
        last[0] = sql
        if WRITES[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        WRITES[0] += 1

    conn.set_trace_callback(trace)


def armed_migrate(original: Any, kill_at: int) -> Any:
    def migrate(db: Any) -> list[str]:
        arm(db.conn, kill_at)
        return original(db)

    return migrate


def arm_final_write(kill_at: int) -> None:
    """Arm the parent's connection once its crawl process has ended."""
    from council_audit import api

    run, crawl_in_child = api._run, api._crawl_in_child

    def armed_run(db: Any, *args: Any, **kwargs: Any) -> Any:
        def child(*cargs: Any, **ckwargs: Any) -> str:
            status = crawl_in_child(*cargs, **ckwargs)
            arm(db.db.conn, kill_at)
            return status

        api._crawl_in_child = child
        return run(db, *args, **kwargs)

    api._run = armed_run


def main(step: str, db: str, kill_at: int, *rest: str) -> None:
    from council_audit import publish
    from council_audit.results import writer

    if step == "open":
        writer.migrate = armed_migrate(writer.migrate, kill_at)
        writer.ResultsDB(db).close()
    elif step == "upgrade":
        publish.migrate = armed_migrate(publish.migrate, kill_at)
        publish.upgrade_database(db)
    elif step == "crawl":
        from council_audit import api
        from council_audit.settings import Settings

        arm_final_write(kill_at)
        councils = json.loads(Path(rest[0]).read_text())
        settings = Settings.from_mapping(json.loads(rest[1]) if len(rest) > 1 else {}, env=False)
        api.crawl(councils, db, settings)
    elif step == "resume":
        from council_audit import api

        arm_final_write(kill_at)
        api.resume(db)
    else:
        raise SystemExit(f"unknown step {step!r}")
    print(f"writes={WRITES[0]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:])
