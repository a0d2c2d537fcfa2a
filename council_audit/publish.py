"""Publishing results with Datasette.

``council_audit/datasette/metadata.yml`` describes the tables and ``datasette.yaml`` holds
the settings and canned queries, both with the database's name written as ``"*"``.
Datasette 0.65 wants canned queries inside metadata, under the database's name (the
results file's name without its suffix), so this module merges the two files for one
database file, writes the result out, and runs ``datasette serve`` with it, together with
our templates (``datasette/templates``), plugin (``datasette/plugins``) and static files
(``datasette/static``, served at ``/assets/``). See docs/publishing.md.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import json
import os
import shlex
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import sqlite_utils
import yaml

from council_audit.interrupts import die_with_parent, signals_interrupt
from council_audit.results.migrations import MIGRATIONS, migrate

DATASETTE_DIR = Path(__file__).parent / "datasette"
METADATA_FILE = DATASETTE_DIR / "metadata.yml"
CONFIG_FILE = DATASETTE_DIR / "datasette.yaml"
TEMPLATES_DIR = DATASETTE_DIR / "templates"
PLUGINS_DIR = DATASETTE_DIR / "plugins"
STATIC_DIR = DATASETTE_DIR / "static"
STATIC_MOUNT = "assets"  # the plugin links its stylesheet from /assets/
PLACEHOLDER = "*"  # stands for the database's name in both files

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
READY_PATH = "-/versions.json"  # start_server waits until this answers
READY_TIMEOUT = 30.0  # seconds start_server waits for Datasette to answer
STOP_TIMEOUT = 10.0  # seconds Datasette gets to stop before it is killed
STDERR_TAIL_CHARS = 4000  # how much of Datasette's stderr an error message shows


class ServerError(RuntimeError):
    """Datasette did not start, or did not answer in time."""


# --- configuration ---------------------------------------------------------------------
def database_name(db_path: str | Path) -> str:
    """The name Datasette gives the database in this file (its name without suffix)."""
    return Path(db_path).stem


def datasette_config(db_path: str | Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Metadata and configuration for serving ``db_path``, both under its database name.

    The metadata carries the canned queries too, since Datasette 0.65 reads them from
    there; the settings are in ``config["settings"]``.
    """
    name = database_name(existing_database(db_path))
    metadata = _named(_load_yaml(METADATA_FILE), name)
    config = _named(_load_yaml(CONFIG_FILE), name)
    queries = config.get("databases", {}).get(name, {}).get("queries", {})
    database = metadata.setdefault("databases", {}).setdefault(name, {})
    database["queries"] = copy.deepcopy(queries)
    return metadata, config


def existing_database(db_path: str | Path) -> Path:
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, "No results database at this path", str(path))
    return path


def write_metadata(db_path: str | Path, out_path: str | Path) -> Path:
    """Write the merged metadata (with canned queries) for ``datasette publish`` users:
    JSON if ``out_path`` ends in ``.json``, YAML otherwise."""
    metadata, _ = datasette_config(db_path)
    return _dump(metadata, Path(out_path))


RESULT_TABLES = {"runs", "pages", "findings"}


def check_servable(db_path: str | Path) -> Path:
    """``db_path`` if it is a council-audit results database at this version's schema;
    raises :class:`ServerError` otherwise. Opens the file read-only: serving never
    writes (``serve --upgrade`` upgrades an older database first, on purpose)."""
    path = existing_database(db_path)
    try:
        conn = read_only(path)
        try:
            names = {r[0] for r in conn.execute("select name from sqlite_master")}
            applied = set()
            if "_migrations" in names:
                applied = {r[0] for r in conn.execute("select name from _migrations")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ServerError(f"{path} cannot be read as a SQLite database ({exc})") from None
    if not names >= RESULT_TABLES:
        raise ServerError(
            f"{path} is not a council-audit results database (it has no "
            f"{', '.join(sorted(RESULT_TABLES - names))} table): not served, not changed"
        )
    missing = [name for name, _ in MIGRATIONS if name not in applied]
    if missing:
        raise ServerError(
            f"{path} was written by an older council-audit (missing {', '.join(missing)}); "
            "serve it with --upgrade to upgrade it in place first"
        )
    return path


def can_be_immutable(db_path: str | Path) -> bool:
    """Whether Datasette may open the file immutable: only when no crawl is writing it
    (an immutable database ignores the write-ahead log, so a crawl's pages in it would
    be missing or the file unreadable)."""
    path = Path(db_path)
    if not os.access(path.parent, os.W_OK):
        return True  # read-only media: nothing can be writing it (nor open it read-only)
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    try:
        conn = read_only(path)
        try:
            running = conn.execute("select count(*) from runs where status = 'running'")
            return not running.fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write. On read-only media a database in WAL mode cannot
    be opened read-only (SQLite needs its shared-memory file), so it is opened immutable:
    nothing can be writing it there."""
    uri = f"file:{urllib.request.pathname2url(str(path.resolve()))}"
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        conn.execute("select count(*) from sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        if os.access(path.parent, os.W_OK):
            raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True)


def upgrade_database(db_path: str | Path) -> list[str]:
    """Apply the migrations ``db_path`` has not had (the canned queries need the columns,
    view and search indexes they add); returns their names. A file this process may not
    write, or that is not a SQLite database, is left as it is (Datasette reports the
    latter when it starts)."""
    path = existing_database(db_path)
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return []
    try:
        db = sqlite_utils.Database(path)
        try:
            return migrate(db)
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return []


def site_args() -> list[str]:
    """Options that add our templates, plugin and static files to ``datasette serve`` or
    ``datasette publish``."""
    return [
        "--template-dir",
        str(TEMPLATES_DIR),
        "--plugins-dir",
        str(PLUGINS_DIR),
        "--static",
        f"{STATIC_MOUNT}:{STATIC_DIR}",
    ]


def publish_command(
    db_path: str | Path, platform: str, metadata_out: str | Path, *extra: str
) -> list[str]:
    """The argv of ``datasette publish PLATFORM`` for ``db_path`` with everything
    ``serve_command`` uses (metadata written to ``metadata_out``, settings, templates,
    plugin, static files); ``extra`` are the platform's own options, such as
    ``--service`` for Cloud Run."""
    path = existing_database(db_path).resolve()
    upgrade_database(path)
    _, config = datasette_config(path)
    argv = ["datasette", "publish", platform, str(path)]
    argv += ["--metadata", str(write_metadata(path, metadata_out))]
    argv += ["--extra-options", shlex.join(setting_args(config.get("settings") or {}))]
    argv += site_args()
    return argv + list(extra)


def setting_args(settings: Mapping[str, Any]) -> list[str]:
    """``--setting NAME VALUE`` options for ``datasette serve`` (and ``publish``)."""
    args: list[str] = []
    for name, value in settings.items():
        args += ["--setting", name, _setting_value(value)]
    return args


def _setting_value(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def _load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def _named(document: dict[str, Any], name: str) -> dict[str, Any]:
    """A copy of ``document`` with its ``databases["*"]`` entry put under ``name``."""
    document = copy.deepcopy(document)
    databases = document.get("databases") or {}
    if PLACEHOLDER in databases:
        databases[name] = databases.pop(PLACEHOLDER)
    return document


def _dump(document: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".json":
        text = json.dumps(document, indent=2, ensure_ascii=False)
    else:
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- running Datasette -----------------------------------------------------------------
def serve_command(
    db_path: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    immutable: bool = True,
    metadata_out: str | Path | None = None,
) -> list[str]:
    """The argv that serves ``db_path`` with Datasette.

    Writes the merged metadata to ``metadata_out``, or to a new temporary file (which the
    caller then owns). Serve a database a crawl is still writing to with
    ``immutable=False``: an immutable database is read as it was when Datasette started.
    """
    path = existing_database(db_path).resolve()
    metadata, config = datasette_config(path)
    out = Path(metadata_out) if metadata_out else _temp_file(".json")
    argv = [sys.executable, "-m", "datasette", "serve"]
    argv += ["-i", str(path)] if immutable else [str(path)]
    argv += ["--metadata", str(_dump(metadata, out))]
    argv += setting_args(config.get("settings") or {})
    argv += ["--host", host, "--port", str(port)]
    return argv + site_args()


def base_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(
    db_path: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    open_browser: bool = False,
    upgrade: bool = False,
) -> int:
    """Serve ``db_path`` in the foreground until Datasette exits, Ctrl-C, SIGTERM or
    SIGHUP; returns the exit code (0 after a signal). Never writes to ``db_path`` unless
    ``upgrade`` asks for its migrations first; raises :class:`ServerError` for a file
    that is not a results database of this version. Datasette never outlives this
    process, and the temporary folder is removed."""
    if upgrade:
        upgrade_database(db_path)
    check_servable(db_path)
    immutable = can_be_immutable(db_path)
    with tempfile.TemporaryDirectory(prefix="council-audit-") as tmp, signals_interrupt():
        out = Path(tmp) / "metadata.json"
        argv = serve_command(db_path, host, port, immutable=immutable, metadata_out=out)
        if open_browser:
            argv.append("--open")
        print(f"Serving {db_path} at {base_url(host, port)} (Ctrl-C to stop)", flush=True)
        proc = subprocess.Popen(argv, preexec_fn=die_with_parent)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            _stop(proc)


@contextlib.contextmanager
def start_server(
    db_path: str | Path, port: int = 0, timeout: float = READY_TIMEOUT
) -> Iterator[str]:
    """Run Datasette on 127.0.0.1 in the background; yields its base URL once it answers.

    ``port=0`` picks a free port. Raises :class:`ServerError`, with Datasette's stderr,
    if it exits or does not answer within ``timeout`` seconds. Stops it on exit.
    """
    check_servable(db_path)
    immutable = can_be_immutable(db_path)
    port = port or free_port(DEFAULT_HOST)
    with tempfile.TemporaryDirectory(prefix="council-audit-") as tmp:
        logs = Path(tmp)
        meta = logs / "metadata.json"
        argv = serve_command(db_path, DEFAULT_HOST, port, immutable=immutable, metadata_out=meta)
        with (logs / "stdout.log").open("wb") as out, (logs / "stderr.log").open("wb") as err:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                preexec_fn=die_with_parent,
            )
            try:
                url = base_url(DEFAULT_HOST, port)
                _wait_ready(proc, url, logs / "stderr.log", timeout)
                yield url
            finally:
                _stop(proc)


def free_port(host: str = DEFAULT_HOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _wait_ready(proc: subprocess.Popen[bytes], url: str, stderr: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(
                f"Datasette exited with code {proc.returncode} before answering at {url}.\n"
                f"Its stderr:\n{_tail(stderr)}"
            )
        if _answers(url + READY_PATH):
            return
        time.sleep(0.1)
    raise ServerError(
        f"Datasette did not answer at {url} within {timeout:g} s.\nIts stderr:\n{_tail(stderr)}"
    )


def _answers(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
    try:
        with opener.open(url, timeout=1) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _tail(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return text[-STDERR_TAIL_CHARS:] or "(empty)"


def _temp_file(suffix: str) -> Path:
    fd, name = tempfile.mkstemp(prefix="council-audit-metadata-", suffix=suffix)
    os.close(fd)
    return Path(name)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main(argv: list[str] | None = None) -> None:
    """``python -m council_audit.publish PLATFORM DB [OPTIONS...]`` prints the
    ``datasette publish`` command for DB (and writes its metadata.json beside DB)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2:
        raise SystemExit("usage: python -m council_audit.publish PLATFORM DB [OPTIONS...]")
    platform, db_path, extra = args[0], Path(args[1]), args[2:]
    metadata = db_path.with_name(f"{db_path.stem}-metadata.json")
    print(shlex.join(publish_command(db_path, platform, metadata, *extra)))


if __name__ == "__main__":
    main()
