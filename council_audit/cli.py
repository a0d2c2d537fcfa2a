"""The ``council-audit`` command: a thin click layer over :mod:`council_audit.api`.

Exit statuses: 0 done (and, for ``check``, no finding passes ``--fail-on``); 1 the
tool itself failed, or was asked for something it cannot do (a missing database, a busy
port, a bad config); 2 ``check`` found problems passing ``--fail-on`` (click also exits 2
on a usage error); 3 ``check`` could not audit a page.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from council_audit import __version__, api, ci
from council_audit.findings import LEVELS
from council_audit.register import RegisterError, load_register, select
from council_audit.settings import Settings, SettingsError

EXIT_FAULT, EXIT_FINDINGS = 1, 2
T = TypeVar("T")
EXIT_STATUSES = """
| Status | Meaning |
|---|---|
| 0 | Done; for `check`, no finding passes `--fail-on`. |
| 1 | The tool failed, or cannot do what was asked: no such database (`report`, `crawl --resume`), the port is in use (`serve`, `demo`, checked before crawling), a bad `check` config, a bad register CSV, a results database that cannot be written or served, a crawl that did not complete. |
| 2 | `check` found more findings than `--fail-on` allows (default: any error). Click also exits 2 on a usage error (an unknown option, an unknown council code or nation). |
| 3 | `check` could not audit a page: unreachable, an error status, not HTML, or an address without `https://`. This comes before 2: a mistyped address never passes a CI build. |
"""


def settings_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--set NAME=VALUE, repeatable: any setting in docs/settings.md."""
    return click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="NAME=VALUE",
        help="Change a setting (see docs/settings.md); repeatable.",
    )(fn)


def verbose_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--verbose: Scrapy's own log as well as our progress (setting ``verbose``)."""
    return click.option(
        "--verbose",
        "-v",
        is_flag=True,
        default=None,
        help="Show Scrapy's own log as well as the progress (setting verbose).",
    )(fn)


def db_option(
    default: Path | None, help_text: str = "SQLite results database."
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--db FILE; required when there is no default."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=default,
        required=default is None,
        show_default=default is not None,
        help=help_text,
    )


def queue_option(envvar: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--queue redis://HOST:PORT/DB: the Redis queue of a crawl spread over machines."""
    return click.option(
        "--queue",
        "queue_url",
        metavar="URL",
        envvar=envvar,
        show_envvar=envvar is not None,
        help="Redis queue shared by the machines of a crawl: redis://HOST:PORT/DB "
        "(docs/scaling.md).",
    )


def build_settings(
    overrides: tuple[str, ...], base: dict[str, Any] | None = None, **extra: Any
) -> Settings:
    values: dict[str, Any] = dict(base or {})
    values |= {k: v for k, v in extra.items() if v is not None}
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--set")
        values[name.strip()] = value
    try:
        return Settings.from_mapping(values)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="council-audit")
def main() -> None:
    """Audit UK council websites for accessibility and plain language, into open data."""


@main.command()
@click.argument("urls", nargs=-1)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A TOML file of URLs, thresholds, ignore rules and settings (see docs/cli.md).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "sarif"]),
    default="text",
    show_default=True,
    help="junit: JUnit XML; sarif: SARIF 2.1.0, for CI systems.",
)
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    metavar="LEVEL[=N]",
    help="Exit 2 when more than N findings (default 0) are at LEVEL or worse; "
    "repeatable, e.g. --fail-on error --fail-on warning=20. Default: error.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (default: standard output).",
)
@settings_option
def check(
    urls: tuple[str, ...],
    config_path: Path | None,
    fmt: str,
    fail_on: tuple[str, ...],
    out: Path | None,
    overrides: tuple[str, ...],
) -> None:
    """Audit the given pages (no crawling) and print the findings.

    Exit status: 0 no finding passes --fail-on; 1 the tool failed (or a bad config);
    2 findings pass --fail-on; 3 a page could not be audited (unreachable, not HTML,
    an address without https://...)."""
    try:
        config = ci.load_config(config_path) if config_path else ci.CheckConfig()
        thresholds = [ci.Threshold.parse(t) for t in fail_on] or config.fail_on
    except ci.ConfigError as exc:
        click.echo(f"council-audit: {exc}", err=True)
        sys.exit(EXIT_FAULT)
    pages = list(urls) or config.urls
    if not pages:
        raise click.UsageError("give the pages to audit, or --config with a list of urls")
    settings = build_settings(overrides, config.settings)
    try:
        result = api.check(pages, settings)
    except Exception as exc:  # the tool itself failed: exit 1, say why
        click.echo(f"council-audit: {exc}", err=True)
        sys.exit(EXIT_FAULT)
    report = api.check_report(result)
    ci.add_hints(report)
    ignored = ci.apply_ignores(report, config.ignore)
    status, reasons = ci.exit_status(report, thresholds or [ci.Threshold("error")])
    render = {"json": lambda r: json.dumps(r, indent=2, ensure_ascii=False)}
    render |= {"junit": ci.junit, "sarif": ci.sarif, "text": text_report}
    text = render[fmt](report)
    if out is None:
        click.echo(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
    if ignored:
        click.echo(f"{ignored} findings left out by the config's ignore rules", err=True)
    for reason in reasons:
        click.echo(f"council-audit: {reason}", err=True)
    sys.exit(status)


def text_report(report: dict[str, Any]) -> str:
    lines = []
    for page in report["pages"]:
        head = f"{page['url']}  [{page['status'] or '-'}]"
        if page["error"]:
            why = page["error"].removeprefix("not audited: ")
            lines.append(f"{head}  NOT AUDITED: {why}")
            continue
        lines.append(head)
        for f in page["findings"]:
            wcag = ", ".join(f["wcag"]) or "best practice"
            lines.append(f"  {f['level'].upper():7} {f['check_id']} ({wcag}) {f['selector']}")
            lines.append(f"          {f['message'].splitlines()[0]}")
        n = {level: sum(f["level"] == level for f in page["findings"]) for level in LEVELS}
        lines.append(
            f"  {n['error']} errors, {n['warning']} to review"
            f" (WCAG A/AA), {n['advice']} advice (beyond the legal standard)"
        )
    tool = report["tool"]
    lines.append(f"council-audit {tool['version']}, axe-core {tool['axe_core']}")
    return "\n".join(lines)


@main.command()
@click.argument("codes", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Every council in the register.")
@click.option(
    "--nation", help="Every council in this nation (England, Scotland, Wales, Northern Ireland)."
)
@click.option("--type", "kind", help="Every council of this type, e.g. 'London borough'.")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(exists=True, dir_okay=False),
    help="A register CSV of the same shape, for other organisations.",
)
@click.option("--budget", type=int, help="Pages per council (setting page_budget).")
@click.option("--dry-run", is_flag=True, help="List what would be crawled, crawl nothing.")
@click.option(
    "--resume",
    is_flag=True,
    help="Continue the latest run that did not complete (killed or stopped), fetching "
    "no recorded page again.",
)
@click.option(
    "--fresh",
    is_flag=True,
    help="Audit every page again, even pages unchanged since the council's last complete "
    "run (their findings are otherwise carried forward; setting reuse_unchanged).",
)
@queue_option()
@click.option(
    "--status",
    "status_run",
    metavar="RUN",
    help="With --queue: show where each council of queued run RUN is, crawl nothing.",
)
@db_option(api.DEFAULT_DB)
@settings_option
@verbose_option
def crawl(
    codes: tuple[str, ...],
    everything: bool,
    nation: str | None,
    kind: str | None,
    csv_path: str | None,
    budget: int | None,
    dry_run: bool,
    resume: bool,
    fresh: bool,
    queue_url: str | None,
    status_run: str | None,
    db_path: Path,
    overrides: tuple[str, ...],
    verbose: bool | None,
) -> None:
    """Crawl and audit councils by register code (or --all, --nation, --type, --csv).
    Pages unchanged since a council's last complete run keep that run's findings
    (marked carried forward) unless --fresh is given.

    With --queue, create the run and queue its councils for `worker`s instead, print
    the run id and return."""
    if status_run:
        sys.exit(show_queue_status(queue_url, status_run))
    fresh_only = {"reuse_unchanged": False} if fresh else {}
    settings = build_settings(overrides, page_budget=budget, verbose=verbose, **fresh_only)
    if resume and queue_url:
        raise click.UsageError("--resume is for a crawl on this machine; workers resume their own")
    if resume:  # the run's own settings, unless some are given
        given = settings if (overrides or budget or verbose or fresh) else None
        run_and_report(lambda: api.resume(db_path, given))
        return
    try:
        register = load_register(csv_path)
    except RegisterError as exc:  # a bad file, not a bad command: one line, status 1
        click.echo(f"council-audit: {csv_path or 'register'}: {exc}", err=True)
        sys.exit(EXIT_FAULT)
    try:
        chosen = select(
            register,
            codes,
            nation,
            kind,
            everything or (csv_path is not None and not (codes or nation or kind)),
        )
    except RegisterError as exc:
        raise click.UsageError(str(exc)) from None
    if not chosen:
        raise click.UsageError("no councils chosen: give codes, --all, --nation or --type")
    if dry_run:
        click.echo(dry_run_text(chosen, settings, db_path))
        return
    if queue_url:
        queue_run(queue_url, chosen, settings)
        return
    run_and_report(lambda: api.crawl(chosen, db_path, settings))


def dry_run_text(chosen: list[dict[str, Any]], settings: Settings, db_path: Path) -> str:
    plan = api.describe_crawl(chosen, settings)
    lines = [
        f"Sample for each council: up to {settings.page_budget} pages and "
        f"{settings.document_limit} documents, in this order:"
    ]
    lines += [f"  {n}. {step}" for n, step in enumerate(plan["sample"], start=1)]
    lines.append("Hosts followed (each with or without www.); redirects elsewhere are recorded.")
    lines.append("")
    for c in plan["councils"]:
        lines.append(
            f"{c['code']}  {c['name']}  {c['homepage_url']}  hosts: {', '.join(c['hosts'])}"
        )
    lines.append(
        f"{len(chosen)} councils would be crawled into {db_path} "
        f"(up to {len(chosen) * settings.page_budget} pages)"
    )
    return "\n".join(lines)


def run_writing(job: Callable[[], T], refused: tuple[type[Exception], ...]) -> T:
    """Run a job that writes the results database; a refusal in ``refused`` or a
    database that cannot be written is one line on stderr and exit status 1."""
    try:
        return job()
    except refused as exc:
        click.echo(f"council-audit: {exc}", err=True)
        sys.exit(EXIT_FAULT)
    except (sqlite3.Error, OSError) as exc:  # unwritable place, read-only media, disk full
        click.echo(f"council-audit: the results database cannot be written: {exc}", err=True)
        sys.exit(EXIT_FAULT)


def run_and_report(job: Callable[[], api.RunSummary]) -> None:
    """Run a crawl job, print its summary, exit 0 when it completed."""
    from council_audit.locks import CrawlBusy

    summary = run_writing(job, (CrawlBusy, api.NothingToResume))
    echo_summary(summary)
    sys.exit(0 if summary.status == "complete" else EXIT_FAULT)


def echo_summary(summary: api.RunSummary, serving: bool = False) -> None:
    """The closing summary: the run's counts (as stored), each council's, and what to
    do next."""
    click.echo(summary_text(summary, serving))


SUMMARY_COUNCILS = 10  # councils listed by name in the closing summary


def summary_text(summary: api.RunSummary, serving: bool = False, next_steps: bool = True) -> str:
    from council_audit.progress import duration

    lines = [
        f"Run {summary.run_id} {summary.status} in {duration(summary.seconds)}: "
        f"{summary.councils} council{'s' if summary.councils != 1 else ''}, "
        f"{summary.pages:,} pages, {summary.findings:,} findings "
        f"({summary.errors:,} errors, {summary.findings - summary.errors:,} to review or advice)."
    ]
    for c in summary.per_council[:SUMMARY_COUNCILS]:
        lines.append(
            f"  {c.code:5} {c.name[:36]:36} {c.pages:5,} pages {c.errors:6,} errors "
            f"{c.warnings:6,} to review or advice"
        )
    if len(summary.per_council) > SUMMARY_COUNCILS:
        lines.append(f"  and {len(summary.per_council) - SUMMARY_COUNCILS} more councils")
    if summary.status != "complete":
        lines.append(
            f"Carry on where it stopped: council-audit crawl --resume --db {summary.db_path}"
        )
    if not next_steps:
        return "\n".join(lines)
    lines.append(f"Results: {summary.db_path}. Next:")
    worst = max(summary.per_council, key=lambda c: c.errors, default=None)
    code = worst.code if worst else "CODE"
    lines.append(
        f"  council-audit report {code} --db {summary.db_path} --out {code.lower()}-fixes.html"
        "   # a fix list for a web team"
    )
    if not serving:
        lines.append(
            f"  council-audit serve --db {summary.db_path}   # browse and compare in Datasette"
        )
    return "\n".join(lines)


@main.command("run-due")
@click.option(
    "--plan",
    "plan_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="The crawl plan (TOML): which councils, page budget, how often, database.",
)
@click.option("--dry-run", is_flag=True, help="Say what is due, crawl nothing.")
def run_due(plan_path: Path, dry_run: bool) -> None:
    """Crawl whatever the plan says is due; safe to run from cron every few minutes."""
    from council_audit.schedule import PlanError
    from council_audit.schedule import run_due as due

    try:
        due(plan_path, dry_run=dry_run, say=click.echo)
    except PlanError as exc:
        click.echo(f"council-audit: {exc}", err=True)
        sys.exit(EXIT_FAULT)


@main.command()
@click.option(
    "--serve/--no-serve",
    default=True,
    show_default=True,
    help="Serve the results with Datasette afterwards.",
)
@click.option("--port", type=int, default=8001, show_default=True)
@db_option(api.DEMO_DB)
@settings_option
@verbose_option
def demo(
    serve: bool, port: int, db_path: Path, overrides: tuple[str, ...], verbose: bool | None
) -> None:
    """Run the whole pipeline on the bundled demo councils (served on 127.0.0.1)."""
    if serve:
        refuse_busy_port("127.0.0.1", port)
    from council_audit.locks import CrawlBusy

    runs = run_writing(
        lambda: api.demo(db_path, build_settings(overrides, verbose=verbose)),
        (CrawlBusy, api.DemoDatabaseInUse),
    )
    for n, summary in enumerate(runs, start=1):
        last = n == len(runs)
        if len(runs) > 1:
            click.echo(DEMO_RUNS[n - 1])
        click.echo(summary_text(summary, serve, next_steps=last))
    if runs[-1].status != "complete":
        sys.exit(EXIT_FAULT)
    if serve:
        sys.exit(serve_db(db_path, "127.0.0.1", port))


DEMO_RUNS = (
    "First run: the three demo councils.",
    "Second run: Typicalton (DTY) has fixed some barriers since; its council page shows "
    "the trend and its report what changed.",
)


def refuse_busy_port(host: str, port: int) -> None:
    problem = api.port_problem(host, port)
    if problem:
        click.echo(f"council-audit: {problem}", err=True)
        sys.exit(EXIT_FAULT)


def serve_db(db_path: Path, host: str, port: int, upgrade: bool = False) -> int:
    """Serve ``db_path``; a file that cannot be served is one line and exit status 1."""
    from council_audit import publish

    try:
        return publish.serve(db_path, host=host, port=port, upgrade=upgrade)
    except publish.ServerError as exc:
        click.echo(f"council-audit: {exc}", err=True)
        return EXIT_FAULT


@main.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="SQLite results database to publish.",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8001, show_default=True)
@click.option(
    "--upgrade", is_flag=True, help="Upgrade a database from an older version in place first."
)
def serve(db_path: Path, host: str, port: int, upgrade: bool) -> None:
    """Publish a results database with Datasette (read-only: serving never writes)."""
    refuse_busy_port(host, port)
    sys.exit(serve_db(db_path, host, port, upgrade))


@main.command()
@click.option("--check", "check_only", is_flag=True, help="Fail if the docs are out of date.")
def docs(check_only: bool) -> None:
    """Regenerate docs/checks.md, docs/settings.md and docs/cli.md from the code."""
    from council_audit.docs import cli_markdown, generate

    cli_md = cli_markdown(main, EXIT_STATUSES)
    stale = generate(Path("docs"), write=not check_only, cli_md=cli_md)
    for name in stale:
        click.echo(f"{'out of date' if check_only else 'wrote'}: docs/{name}")
    if check_only and stale:
        sys.exit(EXIT_FAULT)


@main.command()
@click.argument("code")
@db_option(api.DEFAULT_DB)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "csv", "json", "earl"]),
    default="html",
    show_default=True,
    help="earl: W3C EARL 1.0 as JSON-LD.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default: standard output).",
)
def report(code: str, db_path: Path, fmt: str, out: Path | None) -> None:
    """Write a fix list for one council from its latest run."""
    from council_audit.report import ReportError, build_report, render

    if not db_path.is_file():
        click.echo(
            f"council-audit: no results database at {db_path}: crawl first, with "
            f"council-audit crawl {code.upper()} --db {db_path} (or council-audit demo)",
            err=True,
        )
        sys.exit(EXIT_FAULT)
    try:
        text = render(build_report(db_path, code), fmt)
    except ReportError as exc:
        click.echo(f"council-audit: {exc}", err=True)
        sys.exit(EXIT_FAULT)
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(f"wrote {out}", err=True)


@main.command()
@click.argument("search", required=False, default="")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(exists=True, dir_okay=False),
    help="A register CSV of the same shape, for other organisations.",
)
def councils(search: str, csv_path: str | None) -> None:
    """List the councils in the register, or those matching SEARCH (a code, or words of
    a name, place, type or web address), with the codes to crawl them by."""
    try:
        found = api.find_councils(search, csv_path)
    except RegisterError as exc:
        raise click.UsageError(str(exc)) from None
    for c in found:
        click.echo(f"{c['code']:5} {c['name']}  ({c.get('type') or '-'}, {c.get('nation') or '-'})")
    if not found:
        from council_audit.lookup import hint, suggest_councils

        close = hint(suggest_councils(search, load_register(csv_path)))
        click.echo(f"council-audit: no council matches {search!r}{close}", err=True)
        sys.exit(EXIT_FAULT)
    if search:
        click.echo(f"{len(found)} found; crawl with: council-audit crawl {found[0]['code']}")


# --- many machines (docs/scaling.md) ------------------------------------------------------
def queue_run(queue_url: str, chosen: list[dict[str, Any]], settings: Settings) -> None:
    """``crawl --queue``: print the new run's id (alone on stdout, for scripts)."""
    from council_audit.scale.broker import QueueError, shown

    try:
        run_id = api.enqueue(chosen, queue_url, settings)
    except QueueError as exc:
        click.echo(f"council-audit: {exc}", err=True)
        sys.exit(EXIT_FAULT)
    click.echo(run_id)
    click.echo(
        f"queued {len(chosen)} councils for run {run_id} on {shown(queue_url)}; start workers "
        f"with `council-audit worker --queue {shown(queue_url)} --db SHARD.db`",
        err=True,
    )


def show_queue_status(queue_url: str | None, run_id: str) -> int:
    from council_audit.scale.broker import QueueError
    from council_audit.scale.status import status_text

    if not queue_url:
        raise click.UsageError("--status needs --queue redis://HOST:PORT/DB")
    try:
        found = api.queue_status(queue_url, run_id)
    except (QueueError, LookupError) as exc:
        click.echo(f"council-audit: {exc}", err=True)
        return EXIT_FAULT
    click.echo(status_text(found))
    return 0


@main.command()
@queue_option(envvar="COUNCIL_AUDIT_QUEUE")  # keeps a password out of the process list
@db_option(None, "This worker's own SQLite shard (a local disk, never a network share).")
@click.option("--burst", is_flag=True, help="Exit once no council is left in the queue.")
@settings_option
def worker(queue_url: str | None, db_path: Path, burst: bool, overrides: tuple[str, ...]) -> None:
    """Crawl councils from a --queue into a local shard, one council at a time.

    Runs until stopped (SIGTERM or Ctrl-C puts the current council back on the queue),
    or with --burst until every council is done. Settings come from the run; only those
    about this machine (render_pages, log_level, chromium_path, queue_*...) from --set."""
    from council_audit.scale.broker import QueueError
    from council_audit.scale.worker import WorkerBusy

    if not queue_url:
        raise click.UsageError("worker needs --queue redis://HOST:PORT/DB (or COUNCIL_AUDIT_QUEUE)")
    settings = build_settings(overrides)
    _log_to_stderr(settings)
    try:
        summary = api.work(queue_url, db_path, settings, burst=burst, say=_say)
    except (QueueError, WorkerBusy) as exc:
        click.echo(f"council-audit: {exc}", err=True)
        sys.exit(EXIT_FAULT)
    click.echo(
        f"worker {summary.name} stopped: {len(summary.done)} councils done "
        f"({summary.pages} pages), {len(summary.failed)} failed, "
        f"{len(summary.handed_back)} handed back, in {summary.shard}"
    )


def _say(line: str) -> None:
    click.echo(line, err=True)


def _log_to_stderr(settings: Settings) -> None:
    import logging

    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(name)s %(levelname)s: %(message)s"
    )


@main.command()
@click.argument("shards", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@db_option(None, "The results database to merge into (created if missing).")
def merge(shards: tuple[Path, ...], db_path: Path) -> None:
    """Merge worker shards into one results database (safe to repeat).

    Each council of a run is taken whole from its complete copy; merging a shard
    again changes nothing. Publish the result with `serve`."""
    from council_audit.results.merge import MergeError

    try:
        report = api.merge(db_path, shards)
    except MergeError as exc:
        click.echo(f"council-audit: {exc}", err=True)
        sys.exit(EXIT_FAULT)
    click.echo(
        f"merged {len(shards)} shard(s) into {report.db_path}: {len(report.taken)} council "
        f"copies taken, {report.kept} already there"
    )
    for run_id, status in sorted(report.runs.items()):
        click.echo(f"  run {run_id}: {status}")
