"""Bad input gets one clear line and changes nothing (issue #10): register CSVs,
settings, stored text, CSV reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from council_audit.findings import Finding
from council_audit.locks import Locks
from council_audit.register import RegisterError, load_register
from council_audit.report.render import defuse
from council_audit.results.writer import TEXT_CAPS, ResultsDB
from council_audit.settings import Settings, SettingsError

HEAD = "code,name,homepage_url\n"
REGISTERS = {
    "duplicate": (HEAD + "AB,A,https://a.gov.uk/\nab,B,https://b.gov.uk/\n", "used already"),
    "traversal": (HEAD + "../../x,A,https://a.gov.uk/\n", "letters, digits"),
    "no host": (HEAD + "AB,A,http://\n", "no host"),
    "port": (HEAD + "AB,A,http://a.gov.uk:99999/\n", "bad port"),
    "spaces": (HEAD + "AB,A,http://a gov.uk/\n", "spaces"),
    "ipv6": (HEAD + "AB,A,http://[::1\n", "not a usable address"),
    "scheme": (HEAD + "AB,A,ftp://a.gov.uk/\n", "http:// or https://"),
}


@pytest.mark.parametrize("name", REGISTERS)
def test_bad_registers_are_refused_with_a_clear_reason(tmp_path: Path, name: str) -> None:
    text, reason = REGISTERS[name]
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegisterError, match=reason):
        load_register(path)


def test_a_register_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes((HEAD + "AB,Café,https://a.gov.uk/\n").encode("latin-1"))
    with pytest.raises(RegisterError, match="not UTF-8"):
        load_register(path)


def test_crawl_with_a_bad_register_prints_one_line_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(REGISTERS["duplicate"][0], encoding="utf-8")
    db = tmp_path / "results.db"
    done = subprocess.run(
        [sys.executable, "-m", "council_audit", "crawl", "--csv", str(path), "--db", str(db)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done
    assert done.stderr.strip().count("\n") == 0 and "used already" in done.stderr
    assert "Traceback" not in done.stderr and not db.exists()


def test_lock_names_never_leave_the_lock_folder(tmp_path: Path) -> None:
    locks = Locks(tmp_path / "locks")
    for name in ("council-../../escape", "council-/abs", "council-a b"):
        assert locks.path(name).parent == tmp_path / "locks"
    assert locks.path("council-../x") != locks.path("council-.._x")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"page_timeout": "nan"}, "finite"),
        ({"page_timeout": "inf"}, "finite"),
        ({"axe_timeout": float("inf")}, "finite"),
        ({"page_budget": "1000000000"}, "at most"),
        ({"render_pages": 10**9}, "at most"),
        ({"page_time_limit": 20, "page_timeout": 30}, "must exceed"),
        ({"user_agent": "bot {nope}"}, "unknown placeholder"),
        ({"user_agent": "bot {"}, "not a valid template"),
        ({"user_agent": "bot\r\nX-Evil: 1"}, "one line"),
        ({"page_budget": 2.5}, "whole number"),
    ],
)
def test_bad_settings_are_refused(values: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_mapping(values, env=False)


def test_a_bad_setting_on_the_command_line_is_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "council_audit", "check", "--set", "user_agent={nope}",
         "http://127.0.0.1:9/"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "unknown placeholder" in done.stderr


def test_stored_text_is_capped(tmp_path: Path) -> None:
    db = ResultsDB(tmp_path / "caps.db")
    run = db.start_run({"councils": ["AB"]})
    db.upsert_councils([{"code": "AB", "name": "A", "homepage_url": "https://a.gov.uk/"}])
    title = "T" * 200_000
    finding = Finding("page-title", "builtin", "warning", None, (), "html > head > title",
                      "", f"The title is {title}", "")  # fmt: skip
    db.write_page({"run_id": run, "council_code": "AB", "url": "https://a.gov.uk/",
                   "title": title, "error": "E" * 50_000}, [finding])  # fmt: skip
    page = next(db.db["pages"].rows)
    stored = next(db.db["findings"].rows)
    assert len(page["title"]) == TEXT_CAPS["title"] and page["title"].endswith("…")
    assert len(page["error"]) == TEXT_CAPS["error"]
    assert len(stored["message"]) == TEXT_CAPS["message"]
    db.close()


@pytest.mark.parametrize("value", ["=1+1", " =1+1", "\n=HYPERLINK(1)", "\t@SUM(A1)", " -2"])
def test_csv_formulas_are_defused_after_spaces_and_line_breaks(value: str) -> None:
    assert defuse(value).startswith("'")


def test_ordinary_csv_text_is_left_alone() -> None:
    assert defuse(" plain words") == " plain words" and defuse(3) == 3


def test_scrapy_remote_control_is_off_and_every_request_is_scoped() -> None:
    from council_audit.crawler.settings import scrapy_settings

    s = scrapy_settings(Settings(), "x.db", "run")
    assert s["REMOTE_CONTROL_ENABLED"] is False
    assert s["EXTENSIONS"]["scrapy.extensions.remote_control.RemoteControl"] is None
    assert min(s["DOWNLOADER_MIDDLEWARES"], key=s["DOWNLOADER_MIDDLEWARES"].get).endswith(
        "ScopeMiddleware"
    )
    assert s["TWISTED_DNS_RESOLVER"].endswith("ScopedResolver")
