"""Reference docs generated from the code (checks, settings, command line)."""

from __future__ import annotations

import inspect
from pathlib import Path

import click

from council_audit.catalogue import checks_markdown
from council_audit.settings import FINDING_SETTINGS, settings_reference


def settings_markdown() -> str:
    lines = [
        "# Settings",
        "",
        "Generated from `council_audit/settings.py` by `council-audit docs`; do not edit.",
        "Set them with `--set NAME=VALUE` on the command line, `COUNCIL_AUDIT_NAME=VALUE` in",
        "the environment, or keyword arguments to `Settings.from_mapping()` in Python.",
        "",
        "Settings marked **(changes findings)** change what the checks find. Each run records",
        "them (`runs.finding_settings`, with the checks it ran in `run_checks`), and runs that",
        "differ in them are compared only like for like, with the difference said in plain",
        "words.",
        "",
        "| setting | default | what it does |",
        "| --- | --- | --- |",
    ]
    for name, default, doc in settings_reference():
        shown = ", ".join(default) if isinstance(default, list) else default
        mark = " **(changes findings)**" if name in FINDING_SETTINGS else ""
        lines.append(f"| `{name}` | `{shown}` | {doc}{mark} |")
    return "\n".join(lines) + "\n"


def cli_markdown(main: click.Group, exit_statuses: str) -> str:
    """docs/cli.md: ``main``'s help, the exit statuses and the check config format (the
    CLI passes itself in, so that this module never imports it)."""
    from council_audit import ci

    lines = ["# Command line", "", "Generated from the click commands by `council-audit docs`.", ""]
    ctx = click.Context(
        main,
        info_name="council-audit",
        terminal_width=88,
        max_content_width=88,
        help_option_names=["-h", "--help"],
    )
    lines += ["```", main.get_help(ctx), "```", ""]
    lines += ["## Exit statuses", "", inspect.cleandoc(exit_statuses), ""]
    lines += ["## The check config file", "", inspect.cleandoc(ci.__doc__ or ""), ""]
    for name in sorted(main.commands):
        command = main.commands[name]
        sub = click.Context(
            command,
            info_name=name,
            parent=ctx,
            terminal_width=88,
            max_content_width=88,
        )
        lines += [f"## council-audit {name}", "", "```", command.get_help(sub), "```", ""]
    return "\n".join(lines)


def generate(folder: Path, write: bool = True, cli_md: str | None = None) -> list[str]:
    """Write the generated docs (docs/cli.md when ``cli_md`` is given, from
    :func:`cli_markdown`); returns the names of files that were out of date."""
    wanted = {"checks.md": checks_markdown() + "\n", "settings.md": settings_markdown()}
    if cli_md is not None:
        wanted["cli.md"] = cli_md
    stale = []
    for name, text in wanted.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if write:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale
