"""council-audit's own pages on Datasette: the home page's figures, the league table
(``/league``), a page per council (``/council/CODE``), the site's stylesheet and security
headers.

Self-contained (Datasette and the standard library only) so that ``datasette publish
--plugins-dir`` works on a host where council-audit is not installed. The SQL is the
canned queries' (``datasette.yaml``), looked up by name, so the pages and the JSON API
always agree. Every string from a crawled page reaches the browser through Jinja's
autoescaping; links are made only from http(s) addresses (see ``web_href``).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

NONCE_KEY = "council_audit_nonce"  # where asgi_wrapper leaves the response's nonce
STATIC_MOUNT = "assets"  # publish.py serves council_audit/datasette/static here
SECURITY_HEADERS = {
    # Everything comes from this server: no CDN, no third party sees our visitors.
    "content-security-policy": "; ".join(
        [
            "default-src 'self'",
            # Inline scripts run only with this response's nonce, which only our templates
            # write (see csp_nonce): a script a crawled string slipped into a page never runs.
            "script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
SORTABLE = (
    "council_name",
    "nation",
    "region",
    "type",
    "pages_audited",
    "pct_pages_with_errors",
    "errors_per_page",
    "pct_pages_serious_errors",
    "warnings_per_page",
    "median_reading_age",
    "statement",
    "documents",
)
FILTERS = ("nation", "region", "type")
SMALL_SAMPLE = 10  # fewer pages checked than this: the league table says so
STATEMENT_STATUS = ("compliance", "compliance_status", "status")
SHOWN_COLUMNS = {  # the columns worth showing on a council's page, where they exist
    "statements": (
        "url", "found", "format", "compliance", "wcag_version", "disproportionate_burden",
        "prepared_on", "reviewed_on", "review_age_days", "fix_dates_past", "enforcement",
        "placeholders", "errors", "warnings",
    ),
    "documents": (
        "url", "title", "page_count", "tagged", "lang", "image_only_pages", "encrypted",
        "errors", "warnings", "created_at", "may_be_exempt",
    ),
}  # fmt: skip
HIDDEN_COLUMNS = ("id", "run_id", "council_code", "page_id", "text")
COLUMN_LABELS = {  # database names of columns, in words, wherever a table shows them
    "council_code": "Code", "council_name": "Council", "nation": "Nation", "region": "Region",
    "type": "Type", "pages_audited": "Pages checked", "errors_per_page": "Errors per page",
    "pages_with_errors": "Pages with an error",
    "pct_pages_with_errors": "Pages with an error (%)", "league_rank": "Rank", "rank": "Rank",
    "pages_with_serious_errors": "Pages with a serious barrier",
    "pct_pages_serious_errors": "Pages with a serious barrier (%)",
    "warnings_per_page": "To review per page", "pages_reading_age": "Pages with enough text",
    "median_reading_age": "Median reading age", "most_common_error": "Most common error",
    "run_id": "Run", "previous_run_id": "Previous run", "run_started_at": "Run started",
    "started_at": "Started", "ended_at": "Ended", "status": "Status",
    "axe_core_version": "axe-core version", "check_id": "Check", "check_title": "Problem",
    "level": "Kind", "impact": "Impact", "findings": "Times found",
    "pages_affected": "Pages affected", "pct_pages_affected": "Pages affected (%)",
    "wcag": "WCAG criteria", "help_url": "How to fix (link)", "title": "Title",
    "errors": "Errors", "warnings": "To review", "problem": "Not checked because",
    "url": "Address", "audited": "Checked", "reading_age": "Reading age", "depth": "Clicks from home",
    "page_id": "Page", "message": "What is wrong", "page_url": "Page address",
    "page_title": "Page title", "selector": "Element", "selectors": "Elements",
    "snippet": "Code", "fingerprint": "Fingerprint", "change": "Change",
    "example_page": "Example page", "how_to_fix": "How to fix",
    "error_findings": "Errors found", "councils_affected": "Councils affected",
    "source": "Found by", "code": "Code", "name": "Name", "homepage_url": "Website",
    "content_type": "Content type", "fetched_at": "Fetched", "label": "Label",
}  # fmt: skip
YES_NO = {  # columns of 0/1 that mean no/yes
    "found", "recognised", "tagged", "encrypted", "may_be_exempt", "audited",
    "disproportionate_burden", "non_accessible_section",
}  # fmt: skip
COLUMN_LABELS.update(
    {
        "found": "Statement found", "format": "Format",
        "compliance": "Compliance the statement claims", "wcag_version": "WCAG version",
        "disproportionate_burden": "Claims a disproportionate burden",
        "prepared_on": "Prepared on", "reviewed_on": "Last reviewed",
        "review_age_days": "Days since it was reviewed",
        "fix_dates_past": "Fix dates already past",
        "enforcement": "Enforcement procedure named",
        "placeholders": "Template text left in", "page_count": "Pages",
        "tagged": "Tagged for screen readers", "lang": "Language",
        "image_only_pages": "Pages that are only images", "encrypted": "Encrypted",
        "created_at": "Created", "may_be_exempt": "May be exempt (before 2018)",
    }
)  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
CHART = {"width": 640, "height": 240, "left": 56, "right": 48, "top": 16, "bottom": 48}


# --- hooks -----------------------------------------------------------------------------
@hookimpl
def register_routes() -> list[tuple[str, Callable[..., Awaitable[Response]]]]:
    return [
        (r"^/league$", league_view),
        (r"^/council/(?P<code>[^/]{1,64})$", council_view),
    ]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path(f"/{STATIC_MOUNT}/site.css")]


@hookimpl
def prepare_jinja2_environment(env: Any, datasette: Any) -> None:
    env.globals["site_metadata_of"] = datasette.metadata  # for the footer of error pages
    env.filters["web_href"] = web_href
    env.filters["figure"] = figure
    env.filters["human"] = human
    env.filters["when"] = when
    env.globals["column_label"] = column_label


@hookimpl
def extra_template_vars(template: str, datasette: Any, request: Any) -> Any:
    shared = {
        "csp_nonce": csp_nonce(request),
        "column_label": column_label,
        "site_metadata": datasette.metadata(),
        "council_href": lambda code: datasette.urls.path("/council/" + quote(code, safe="")),
    }
    if template != "index.html":
        return shared

    async def home() -> dict[str, Any]:
        return {**shared, "site": await home_data(datasette)}

    return home


def column_label(name: str) -> str:
    """A column's name in words: 'pct_pages_serious_errors' -> 'Pages with a serious
    barrier (%)'; names we do not know lose their underscores."""
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def csp_nonce(request: Any) -> str:
    """The nonce this response's Content-Security-Policy allows inline scripts with; ""
    where there is no request (a page rendered outside a request runs no inline script)."""
    scope = getattr(request, "scope", None) or {}
    return scope.get(NONCE_KEY, "")


@hookimpl
def asgi_wrapper() -> Callable[[Any], Any]:
    def wrap(app: Any) -> Any:
        async def with_headers(scope: dict, receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                return await app(scope, receive, send)
            nonce = secrets.token_urlsafe(18)  # new for every response
            scope = {**scope, NONCE_KEY: nonce}

            async def send_with_headers(message: dict) -> None:
                if message["type"] == "http.response.start":
                    names = {k.lower() for k, _ in message.get("headers", [])}
                    extra = [
                        (k.encode(), v.format(nonce=nonce).encode())
                        for k, v in SECURITY_HEADERS.items()
                        if k.encode() not in names
                    ]
                    message = {**message, "headers": [*message.get("headers", []), *extra]}
                await send(message)

            await app(scope, receive, send_with_headers)

        return with_headers

    return wrap


# --- filters ---------------------------------------------------------------------------
def web_href(url: Any) -> str | None:
    """``url`` if it is an http(s) address to link to, else None: a crawled
    ``javascript:`` or ``data:`` URL is shown as text, never made a link."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def figure(value: Any, suffix: str = "") -> str:
    """A number for people: "not measured" when there is none."""
    if value is None or value == "":
        return "not measured"
    if isinstance(value, float):
        value = f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value}{suffix}"


def human(value: Any, column: str = "") -> str:
    """A stored value as words: 1/0 as yes/no for yes-no columns, a JSON list as its
    items ("none" when empty), a timestamp as a date, nothing as "not stated"."""
    if value is None or value == "":
        return "not stated"
    if column in YES_NO and value in (0, 1, "0", "1"):
        return "yes" if int(value) else "no"
    if isinstance(value, str) and value.startswith("["):
        try:
            items = json.loads(value)
        except ValueError:
            return value
        if isinstance(items, list):
            return ", ".join(str(i) for i in items) if items else "none"
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        return when(value)
    return str(value)


def when(value: Any) -> str:
    """'2026-12-02T00:43:26+00:00' -> '2 December 2026 at 00:43 UTC'; a date alone ->
    '2 December 2026'; anything else as it is."""
    text = str(value or "")
    try:
        year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
        date = f"{day} {MONTHS[month - 1]} {year}"
    except (ValueError, IndexError):
        return text
    if len(text) >= 16 and text[10] in "T ":
        zone = " UTC" if text.endswith(("+00:00", "Z")) else ""
        return f"{date} at {text[11:16]}{zone}"
    return date


# --- data ------------------------------------------------------------------------------
async def rows(db: Any, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    result = await db.execute(sql, params or {})
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


async def canned(datasette: Any, db: Any, name: str, request: Any, **params: Any) -> list[dict]:
    query = await datasette.get_canned_query(db.name, name, request.actor)
    if query is None:
        raise NotFound(f"canned query {name} is missing from the metadata")
    return await rows(db, query["sql"], params)


async def allowed(datasette: Any, db: Any, request: Any) -> None:
    await datasette.ensure_permissions(request.actor, [("view-database", db.name), "view-instance"])


async def optional_table(db: Any, name: str) -> list[str] | None:
    """The columns of ``name``, or None while the table does not exist (the statements
    and documents tables arrive with the crawl-scope work)."""
    if not await db.table_exists(name):
        return None
    return list(await db.table_columns(name))


async def latest_rows(db: Any, table: str, columns: list[str], code: str | None = None) -> list:
    """Rows of ``table`` from each council's latest run (or ``code``'s only)."""
    join = ""
    if "run_id" in columns:
        join = (
            "join council_runs as cr on cr.council_code = t.council_code"
            " and cr.run_id = t.run_id and cr.recency = 1"
        )
    sql = f"select t.* from [{table}] as t {join} where (:code is null or t.council_code = :code)"
    return await rows(db, sql, {"code": code})


async def statement_status(db: Any) -> dict[str, str] | None:
    """Each council's statement result in its latest run: its compliance status, "none
    found", or "found" when it does not say; None while statements are not checked."""
    columns = await optional_table(db, "statements")
    if columns is None:
        return None
    status = next((c for c in STATEMENT_STATUS if c in columns), None)
    found = await latest_rows(db, "statements", columns)
    return {r["council_code"]: statement_result(r, status) for r in found}


def statement_result(row: dict[str, Any], status: str | None) -> str:
    if "found" in row and not row["found"]:
        return "none found"
    if status and row.get(status):
        return str(row[status])
    return "found"


async def document_counts(db: Any) -> dict[str, int] | None:
    """How many documents each council's latest run checked; None while documents are
    not checked."""
    columns = await optional_table(db, "documents")
    if columns is None:
        return None
    counts: dict[str, int] = {}
    for r in await latest_rows(db, "documents", columns):
        if r.get("checked", 1):
            counts[r["council_code"]] = counts.get(r["council_code"], 0) + 1
    return counts


async def home_data(datasette: Any) -> dict[str, Any]:
    db = datasette.get_database()
    columns = (
        "select id, label, started_at, ended_at, status, tool_version, axe_core_version,"
        " browser_version, pages_count, findings_count, councils from runs"
    )
    runs = await rows(db, f"{columns} order by started_at desc, id desc limit 5")
    latest = await rows(  # only complete runs are published as the latest (issue #10)
        db, f"{columns} where status = 'complete' order by started_at desc, id desc limit 1"
    )
    newer = latest[0]["started_at"] if latest else ""
    in_progress = await rows(
        db,
        f"{columns} where status = 'running' and started_at > :newer"
        " order by started_at desc, id desc limit 1",
        {"newer": newer},
    )
    totals = await rows(
        db,
        "select count(distinct cr.council_code) as councils, count(p.id) as pages"
        " from council_runs as cr left join pages as p on p.run_id = cr.run_id"
        " and p.council_code = cr.council_code and p.audited = 1 where cr.recency = 1",
    )
    checks = await rows(db, "select source, count(*) as n from checks group by source")
    councils = await rows(
        db,
        "select c.code, c.name from councils as c where c.code in"
        " (select council_code from council_runs) order by c.name",
    )
    for run in runs:
        run["council_count"] = len(json.loads(run["councils"] or "[]"))
    query = await datasette.get_canned_query(db.name, "league_table", None)
    league = await rows(db, query["sql"], dict.fromkeys(FILTERS, "")) if query else []
    return {
        "league": await with_gss_codes(db, league),
        "db_name": db.name,
        "runs": runs,
        "latest": latest[0] if latest else None,
        "in_progress": in_progress[0] if in_progress else None,
        "totals": totals[0],
        "checks": {r["source"]: r["n"] for r in checks},
        "councils": councils,
    }


# --- the league table ------------------------------------------------------------------
async def league_view(datasette: Any, request: Any) -> Response:
    db = datasette.get_database()
    await allowed(datasette, db, request)
    chosen = {f: request.args.get(f, "").strip() for f in FILTERS}
    league = await with_gss_codes(
        db, await canned(datasette, db, "league_table", request, **chosen)
    )
    statements, documents = await statement_status(db), await document_counts(db)
    for row in league:
        code = row["council_code"]
        row["statement"] = None if statements is None else statements.get(code, "not checked")
        row["documents"] = None if documents is None else documents.get(row["council_code"], 0)
        row["small_sample"] = row["pages_audited"] < SMALL_SAMPLE
    sort = request.args.get("sort") if request.args.get("sort") in SORTABLE else None
    descending = request.args.get("order") == "desc"
    if sort:
        league = sort_rows(league, sort, descending)
    options = {f: await distinct(db, f) for f in FILTERS}
    context = {
        "db_name": db.name,
        "metadata": datasette.metadata(),
        "league": league,
        "chosen": chosen,
        "options": options,
        "sort": sort,
        "descending": descending,
        "statements_checked": statements is not None,
        "documents_checked": documents is not None,
        "small_sample": SMALL_SAMPLE,
        "sort_links": sort_links(chosen, sort, descending),
    }
    return Response.html(await datasette.render_template("league.html", context, request))


async def with_gss_codes(db: Any, league: list[dict]) -> list[dict]:
    """League rows with each council's GSS code, which places it on the hex map."""
    found = await rows(db, "select code, gss_code from councils")
    codes = {r["code"]: r["gss_code"] for r in found}
    return [{**row, "gss_code": codes.get(row["council_code"])} for row in league]


def sort_rows(league: list[dict], column: str, descending: bool) -> list[dict]:
    """Sorted by ``column``; rows without a value always last."""
    present = [r for r in league if r.get(column) is not None]
    missing = [r for r in league if r.get(column) is None]
    present.sort(key=lambda r: (r[column], r["council_name"]), reverse=descending)
    return present + missing


def sort_links(chosen: dict[str, str], sort: str | None, descending: bool) -> dict[str, str]:
    """Query strings that sort by each column (a second click reverses the order)."""
    base = {k: v for k, v in chosen.items() if v}
    links = {}
    for column in SORTABLE:
        order = "asc" if sort == column and descending else "desc" if sort == column else "asc"
        links[column] = "?" + urlencode({**base, "sort": column, "order": order})
    return links


async def distinct(db: Any, column: str) -> list[str]:
    found = await rows(
        db,
        f"select distinct [{column}] as v from councils where code in"
        f" (select council_code from council_runs) and [{column}] is not null"
        f" and [{column}] != '' order by v",
    )
    return [r["v"] for r in found]


# --- a council's page ------------------------------------------------------------------
async def council_view(datasette: Any, request: Any) -> Response:
    db = datasette.get_database()
    await allowed(datasette, db, request)
    code = request.url_vars["code"]
    found = await rows(
        db, "select * from councils where code = :code collate nocase", {"code": code}
    )
    if not found:
        raise NotFound("No council with this code")
    if found[0]["code"] != code:  # /council/dpr: the page lives at /council/DPR
        return Response.redirect(datasette.urls.path("/council/" + found[0]["code"]))
    trend = await canned(datasette, db, "council_trend", request, council=code)
    league = await canned(datasette, db, "league_table", request, nation="", region="", type="")
    context = {
        "db_name": db.name,
        "metadata": datasette.metadata(),
        "council": found[0],
        "latest": latest_scores(trend, league, code),
        "comparisons": [
            r for r in trend[1:] if r.get("comparison") and not r["comparison"].startswith("Same")
        ],
        "trend": trend,
        "charts": trend_charts(trend),
        "problems": await canned(datasette, db, "council_problems", request, council=code),
        "pages": (await canned(datasette, db, "council_pages", request, council=code))[:10],
        "statement": await council_table(db, "statements", code),
        "documents": await council_table(db, "documents", code),
    }
    return Response.html(await datasette.render_template("council.html", context, request))


def latest_scores(trend: list[dict], league: list[dict], code: str) -> dict[str, Any] | None:
    """The latest run's scores as the league table counts them (every check the run
    made), with the run's date and status; the trend counts only the checks every run
    made, so its last row can differ."""
    if not trend:
        return None
    row = next((r for r in league if r["council_code"] == code), {})
    return {**trend[-1], **row}


async def council_table(db: Any, table: str, code: str) -> dict[str, Any] | None:
    """The council's rows of an optional table from its latest run, with the columns
    worth showing; None while the table does not exist."""
    columns = await optional_table(db, table)
    if columns is None:
        return None
    shown = [c for c in SHOWN_COLUMNS.get(table, ()) if c in columns]
    shown = shown or [c for c in columns if c not in HIDDEN_COLUMNS][:8]
    found = await latest_rows(db, table, columns, code)
    status = next((c for c in STATEMENT_STATUS if c in columns), None)
    result = statement_result(found[0], status) if found and table == "statements" else None
    return {"columns": shown, "rows": found[:100], "total": len(found), "result": result}


def trend_charts(trend: list[dict]) -> list[dict[str, Any]]:
    labels = [str(r["started_at"] or r["run_id"])[:10] for r in trend]
    if len(set(labels)) < len(labels):  # runs on the same day: tell them apart by time
        labels = [str(r["started_at"] or r["run_id"])[:16].replace("T", " ") for r in trend]
    series = [
        ("errors_per_page", "Errors per page checked", ""),
        ("pct_pages_serious_errors", "Share of pages with a serious barrier", "%"),
    ]
    return [
        line_chart(name, title, labels, [r[name] for r in trend], suffix)
        for name, title, suffix in series
    ]


def line_chart(
    name: str, title: str, labels: list[str], values: list[float | None], suffix: str
) -> dict[str, Any]:
    """Geometry for a small SVG line chart, drawn by the template (no JavaScript)."""
    c = CHART
    plot_w = c["width"] - c["left"] - c["right"]
    plot_h = c["height"] - c["top"] - c["bottom"]
    top = nice_ceiling(max([v for v in values if v is not None] or [0]))
    step = plot_w / max(len(values) - 1, 1)
    points = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = c["left"] + (i * step if len(values) > 1 else plot_w / 2)
        y = None if value is None else c["top"] + plot_h * (1 - value / top)
        points.append({"x": round(x, 1), "y": None if y is None else round(y, 1),
                       "label": label, "value": value})  # fmt: skip
    ticks = [
        {"y": round(c["top"] + plot_h * (1 - i / 4), 1), "value": figure(top * i / 4, suffix)}
        for i in range(5)
    ]
    return {
        "id": name,
        "title": title,
        "suffix": suffix,
        "points": points,
        "line": " ".join(f"{p['x']},{p['y']}" for p in points if p["y"] is not None),
        "ticks": ticks,
        "box": c,
        "baseline": c["top"] + plot_h,
    }


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^n at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * magnitude:
            return float(m * magnitude)
    return float(10 * magnitude)
