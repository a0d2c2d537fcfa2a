"""Drift tests: the generated references match the code, every check is catalogued and
documented, every setting and command is documented."""

from __future__ import annotations

from pathlib import Path

from council_audit.catalogue import builtin_rows
from council_audit.checks import default_registry
from council_audit.cli import EXIT_STATUSES, main
from council_audit.docs import cli_markdown, generate
from council_audit.settings import settings_reference

ROOT = Path(__file__).resolve().parents[1]


def test_generated_docs_are_up_to_date() -> None:
    assert generate(ROOT / "docs", write=False, cli_md=cli_markdown(main, EXIT_STATUSES)) == [], (
        "run `make docs` and commit the result"
    )


def test_every_check_is_in_the_catalogue_and_docs() -> None:
    ids = {c.meta.id for c in default_registry()}
    assert {row["id"] for row in builtin_rows()} == ids
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for check_id in ids:
        assert f"### `{check_id}`" in text


def test_every_setting_and_command_is_documented() -> None:
    settings = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name, _, doc in settings_reference():
        assert f"`{name}`" in settings and doc
    cli = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in main.commands:
        assert f"## council-audit {command}" in cli
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme


def test_builtin_check_ids_do_not_clash_with_axe_rules() -> None:
    from council_audit.checks.axe import axe_source

    source = axe_source()
    for check in default_registry():
        assert f'id:"{check.meta.id}"' not in source, check.meta.id
