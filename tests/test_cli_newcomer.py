"""The command line as a newcomer meets it: looking councils up, near misses, codes in
any case, hints instead of silence, and failing before a long crawl rather than after."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from council_audit.ci import ConfigError, Threshold
from council_audit.cli import main
from council_audit.lookup import did_you_mean, search
from council_audit.register import load_register


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_councils_lists_and_looks_up() -> None:
    everyone = run("councils")
    assert everyone.exit_code == 0 and len(everyone.output.splitlines()) == 382
    leeds = run("councils", "leeds")
    assert leeds.exit_code == 0
    assert leeds.output.splitlines()[0].startswith("LDS   Leeds City Council")
    assert run("councils", "lds").output.splitlines()[0].startswith("LDS ")
    nothing = run("councils", "Narnia")
    assert nothing.exit_code == 1 and "no council matches 'Narnia'" in nothing.output


def test_search_ranks_an_exact_code_first_then_names() -> None:
    rows = load_register()
    assert [r["code"] for r in search(rows, "man")][0] == "MAN"
    assert all("wales" in r["nation"].lower() for r in search(rows, "wales"))
    assert did_you_mean("Walse", ["England", "Wales", "Scotland"]) == ["Wales"]


def test_unknown_codes_and_nations_get_a_suggestion() -> None:
    code = run("crawl", "LDSS", "--dry-run")
    assert code.exit_code == 2
    assert "unknown council code 'LDSS'; did you mean LDS (Leeds City Council)?" in code.output
    assert "council-audit councils SEARCH" in code.output
    nation = run("crawl", "--nation", "Narnia", "--dry-run")
    assert "unknown nation 'Narnia': choose England, Northern Ireland, Scotland or Wales" in (
        nation.output
    )
    assert "did you mean Wales?" in run("crawl", "--nation", "Walse", "--dry-run").output
    lower = run("crawl", "lds", "--nation", "wales", "--dry-run")
    assert lower.exit_code == 0 and "23 councils would be crawled" in lower.output


def test_report_without_a_database_says_crawl_first(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    done = run("report", "lds", "--db", str(db))
    assert done.exit_code == 1
    assert f"crawl first, with council-audit crawl LDS --db {db}" in done.output
    assert not db.exists()


def test_resume_never_creates_a_database(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    done = run("crawl", "--resume", "--db", str(db))
    assert done.exit_code == 1 and "start a crawl first" in done.output
    assert not db.exists()


@pytest.fixture
def busy_port():  # type: ignore[no-untyped-def]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_busy_port_is_found_before_crawling(busy_port: int, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    done = run("demo", "--port", str(busy_port), "--db", str(db))
    assert done.exit_code == 1
    assert f"cannot serve on 127.0.0.1:{busy_port}: it is already in use" in done.output
    assert not db.exists()  # nothing was crawled
    served = run("serve", "--db", str(Path(__file__)), "--port", str(busy_port))
    assert served.exit_code == 1 and "already in use" in served.output


def test_fail_on_thresholds_parse() -> None:
    assert Threshold.parse("error") == Threshold("error", 0)
    assert Threshold.parse("Warning=20") == Threshold("warning", 20)
    for bad in ("severe", "error=x", "error=-1"):
        with pytest.raises(ConfigError):
            Threshold.parse(bad)
