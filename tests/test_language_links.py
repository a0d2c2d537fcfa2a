"""Plain-language and link checks beyond their fixtures: which element and sentence a
finding names, the helpers' edge cases, and broken links found from a real results
database after a run."""

from __future__ import annotations

from pathlib import Path

import pytest

from council_audit.checks import default_registry
from council_audit.checks.common.caps import acronyms, capital_runs, is_block_capitals
from council_audit.checks.common.links import destination, normalise_name
from council_audit.checks.common.page import PageView
from council_audit.checks.common.plain import lines
from council_audit.checks.language.passive_voice import is_passive
from council_audit.checks.language.unexplained_acronym import initials_match
from council_audit.findings import Finding
from council_audit.results import ResultsDB
from council_audit.results.linkcheck import broken_link_findings


def run(check_id: str, body: str, lang: str = "en-GB") -> list[Finding]:
    html = f'<!doctype html><html lang="{lang}"><head><title>T</title></head><body>{body}</body></html>'
    return list(default_registry().get(check_id).run(PageView(url="https://c.test/p", html=html)))


# --- helpers -------------------------------------------------------------------------
def test_lines_break_at_br_and_blocks() -> None:
    page = PageView(url="u", html="<p>Town Hall<br>High Street<div>Anytown</div>AN1 2CD</p>")
    assert lines(page.tree.find(".//p")) == ["Town Hall", "High Street"]
    page = PageView(url="u", html="<li>Town Hall<br>High <b>Street</b><div>Anytown</div></li>")
    assert lines(page.tree.find(".//li")) == ["Town Hall", "High Street", "Anytown"]


@pytest.mark.parametrize(
    ("name", "words", "expected"),
    [
        ("HMO", "Houses in Multiple Occupation".split(), True),
        ("SEND", "special educational needs and disabilities".split(), True),
        ("HMRC", "HM Revenue and Customs".split(), True),
        ("FOI", "make a Freedom of Information".split(), True),
        ("CTR", "contact us for help with your rent".split(), False),
    ],
)
def test_initials_match(name: str, words: list[str], expected: bool) -> None:
    assert initials_match(name, words) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Your bin is collected every week.", True),
        ("You will be charged a fee.", True),
        ("Letters were sent in May.", True),
        ("The form has been written in plain English.", True),
        ("It is not usually taken on Mondays.", True),
        ("We collect your bin every week.", False),
        ("The office is interested in your views.", False),
        ("The sign is red.", False),
        ("You are needed here.", True),
    ],
)
def test_is_passive(sentence: str, expected: bool) -> None:
    assert is_passive(sentence) is expected


def test_acronyms_leave_out_known_shouted_and_codes() -> None:
    text = (
        "PLEASE NOTE the NHS, GOV.UK, COVID-19, CF10 3ND and Chapter IV. Ask about HMOs and EHCP."
    )
    assert [m.group(1) for m in acronyms(text)] == ["HMO", "EHCP"]


def test_capital_runs_need_everyday_words() -> None:
    runs = list(capital_runs("PAY YOUR BILL now, or ask NHS BSL CTR"))
    assert [is_block_capitals(r) for r in runs] == [True, False]


def test_link_name_and_destination_normalising() -> None:
    assert normalise_name("  Read more » ") == "read more"
    assert normalise_name("Click here.") == "click here"
    a = destination("HTTPS://Council.GOV.uk:443/bins/#days")
    assert a == destination("http://www.council.gov.uk/bins") == "https://council.gov.uk/bins"
    assert destination("https://c.gov.uk/a?x=1") != destination("https://c.gov.uk/a?x=2")


# --- which element, which sentence -----------------------------------------------------
LONG = (
    "If you are responsible for paying council tax on a property that is empty and "
    "substantially unfurnished for more than two years, you may have to pay a premium."
)


def test_long_sentence_names_its_paragraph_and_sentence() -> None:
    found = run("sentence-length", f"<main><p>Short one.</p><p id='long'>Hello. {LONG}</p></main>")
    (finding,) = found
    assert finding.selector == "#long"
    assert finding.snippet == LONG and finding.key == ""
    assert finding.extras["longest"][0]["words"] == 29 and finding.extras["sentences"] == 3


def test_long_sentences_are_one_finding_per_page_longest_first() -> None:
    shorter = " ".join(LONG.split()[:27]) + "."
    body = f"<main><p id='a'>{shorter}</p><p id='b'>{LONG}</p><p>{shorter}</p></main>"
    (finding,) = run("sentence-length", body)
    assert finding.selector == "#b"  # the longest sentence, wherever it is
    assert [s["words"] for s in finding.extras["longest"]] == [29, 27, 27]
    assert finding.message.startswith("3 of 3 sentences have more than 25 words")
    assert "(29 words); " in finding.message


def test_plain_language_skips_passages_in_welsh_and_navigation() -> None:
    body = f'<nav><p>{LONG} eg etc</p></nav><main><p lang="cy">{LONG} ie</p></main>'
    for check_id in ("sentence-length", "latin-abbreviations", "words-to-avoid"):
        assert run(check_id, body) == [], check_id


def test_words_to_avoid_once_per_page_most_used_first() -> None:
    body = (
        "<main><h1>Tackling fly-tipping</h1><p>We tackle it. We will tackle more.</p>"
        "<p>Rent from Robust Homes Ltd. In order to report it, call us.</p></main>"
    )
    (finding,) = run("words-to-avoid", body)
    words = [(w["word"], w["count"]) for w in finding.extras["words"]]
    assert words == [("tackle", 3), ("in order to", 1)]
    assert finding.selector.endswith("h1:nth-child(1)")  # where the most used word is
    assert finding.message.startswith("2 words or phrases could be plainer: 'tackle' (3 times)")
    assert "'in order to': use 'to' instead" in finding.message


def test_acronym_explained_anywhere_on_the_page_counts() -> None:
    footer = "<footer><p>Disclosure and Barring Service (DBS)</p></footer>"
    assert run("unexplained-acronym", f"<main><p>Get a DBS check.</p></main>{footer}") == []
    (finding,) = run(
        "unexplained-acronym", "<main><p>Get a DBS check. DBS takes 2 weeks.</p></main>"
    )
    assert finding.key == "DBS" and finding.extras["count"] == 2


def test_block_capitals_in_text() -> None:
    (finding,) = run("block-capitals", "<main><p>PLEASE PUT YOUR BIN OUT by 7am.</p></main>")
    assert finding.key == "text" and finding.snippet == "PLEASE PUT YOUR BIN OUT"


def test_latin_abbreviations_each_kind_once() -> None:
    found = run(
        "latin-abbreviations",
        "<main><p>Bring ID, eg a bill, i.e. proof. Bills etc. Also eg.</p></main>",
    )
    assert {f.key: f.extras["count"] for f in found} == {"eg": 2, "ie": 1, "etc": 1}


def test_broken_link_on_the_page_itself() -> None:
    found = run("broken-link", '<a href="file:///C:/x.docx">x</a><a href="https://c.test/">ok</a>')
    # GOV.UK guidance, not a WCAG A/AA criterion: advice that failed
    assert [(f.level, f.outcome) for f in found] == [("advice", "fail")]


# --- broken links after the run --------------------------------------------------------
def test_broken_links_found_from_the_links_table(tmp_path: Path) -> None:
    db = ResultsDB(tmp_path / "r.db")
    db.upsert_councils([{"code": "TST", "name": "Test", "homepage_url": "https://t.gov.uk/"}])
    run_id = db.start_run({"label": "t", "settings": {}, "councils": ["TST"]})

    def page(url: str, status: int | None, error: str | None = None) -> str:
        row = {
            "run_id": run_id,
            "council_code": "TST",
            "url": url,
            "status": status,
            "error": error,
        }
        return db.write_page(row, [])

    home = page("https://t.gov.uk/", 200)
    page("https://t.gov.uk/gone", 404, "HTTP 404")
    page("https://t.gov.uk/down?b=2&a=1", None, "ConnectionRefusedError: refused")
    page("https://t.gov.uk/slow", None, "TimeoutError: Timeout 30000ms exceeded.")
    page("https://t.gov.uk/busy", 429, "HTTP 429")
    page("https://t.gov.uk/ok", 200)
    links = [
        {"url": "https://t.gov.uk/gone#top", "selector": "#a", "snippet": '<a id="a">Gone</a>'},
        {"url": "https://t.gov.uk/down?a=1&b=2", "selector": "#b", "snippet": "<a>Down</a>"},
        {"url": "https://t.gov.uk/slow", "selector": "#c", "snippet": "<a>Slow</a>"},
        {"url": "https://t.gov.uk/busy", "selector": "#d", "snippet": "<a>Busy</a>"},
        {"url": "https://t.gov.uk/ok", "selector": "#e", "snippet": "<a>OK</a>"},
        {"url": "https://t.gov.uk/never-crawled", "selector": "#f", "snippet": "<a>?</a>"},
        {"selector": "#g"},  # no url: skipped
    ]
    assert db.write_links(home, run_id, "TST", links) == 6
    assert db.write_links(home, run_id, "TST", links) == 6  # replaced, not added to
    assert db.db["links"].count == 6

    assert broken_link_findings(db, run_id) == 2
    assert broken_link_findings(db, run_id) == 2  # again: upserted, not duplicated
    rows = list(db.db.query("select * from findings order by selector"))
    assert [(r["check_id"], r["level"], r["selector"]) for r in rows] == [
        ("broken-link", "advice", "#a"),
        ("broken-link", "advice", "#b"),
    ]
    assert "HTTP 404" in rows[0]["message"] and "could not be reached" in rows[1]["message"]
    assert (db.db["pages"].get(home)["errors"], db.db["pages"].get(home)["advice"]) == (0, 2)
    assert db.db["checks"].get("broken-link")
    db.end_run(run_id, "complete")
    assert db.db["runs"].get(run_id)["findings_count"] == 2


def test_no_broken_targets_means_no_findings(tmp_path: Path) -> None:
    db = ResultsDB(tmp_path / "r.db")
    db.upsert_councils([{"code": "TST", "name": "Test", "homepage_url": "https://t.gov.uk/"}])
    run_id = db.start_run({"label": "t", "settings": {}, "councils": ["TST"]})
    home = db.write_page(
        {"run_id": run_id, "council_code": "TST", "url": "https://t.gov.uk/", "status": 200}, []
    )
    db.write_links(home, run_id, "TST", [{"url": "https://t.gov.uk/a", "selector": "#a"}])
    assert broken_link_findings(db, run_id) == 0
    assert db.db["findings"].count == 0


def test_internal_links_from_facts() -> None:
    from council_audit.results.linkcheck import internal_links

    assert internal_links({}) == [] and internal_links({"links": {"error": "x"}}) == []
    link = {"url": "https://t.gov.uk/a", "selector": "#a", "snippet": "<a>"}
    assert internal_links({"links": {"links": [], "internal": [link, "junk"]}}) == [link]


def test_link_text_with_context_is_advice_under_2_4_9_and_alone_an_error() -> None:
    body = (
        "<main><p>To report a pothole, <a href='/potholes'>click here</a>.</p>"
        "<div><a href='/more'>Read more</a></div></main>"
    )
    page = PageView(url="http://council.test/", html=body)
    page.facts["links"] = {
        "links": [
            {"href": "http://council.test/potholes", "name": "click here",
             "selector": "html > body:nth-child(1) > main:nth-child(1) > p:nth-child(1) > a:nth-child(1)"},
            {"href": "http://council.test/more", "name": "Read more",
             "selector": "html > body:nth-child(1) > main:nth-child(1) > div:nth-child(2) > a:nth-child(1)"},
        ]
    }  # fmt: skip
    found = {
        f.selector.split(" > ")[-2]: f
        for f in default_registry().get("link-text-descriptive").run(page)
    }
    assert (found["p:nth-child(1)"].level, found["p:nth-child(1)"].wcag) == ("advice", ("2.4.9",))
    assert (found["div:nth-child(2)"].level, found["div:nth-child(2)"].wcag) == (
        "error",
        ("2.4.4", "2.4.9"),
    )
