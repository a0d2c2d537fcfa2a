"""The GDS-style sample: which pages a crawl always tries to include, and how links are
matched to those reasons by their text and address.

Like the Government Digital Service's monitoring sample, each council's sample holds
its home page, contact page, accessibility statement, a search results page, at least
one form and its top tasks, then is filled breadth-first from links and sitemaps
(:mod:`council_audit.crawler.frontier` does the choosing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HOME, CONTACT, STATEMENT, SEARCH, FORM = (
    "home",
    "contact",
    "accessibility-statement",
    "search-results",
    "form",
)
LINK, SITEMAP, DOCUMENT = "link", "sitemap", "document"


@dataclass(frozen=True)
class Want:
    """A kind of page the sample should hold, found by link text and URL words."""

    reason: str
    label: str
    phrases: tuple[str, ...]  # link text (lower case, English and Welsh)
    url_words: tuple[str, ...]  # fragments of the URL path


TASKS: tuple[Want, ...] = (
    Want("task:bins", "bins and recycling",
         ("bins and recycling", "bins, rubbish and recycling", "rubbish and recycling",
          "bin collections", "bin collection", "bin day", "bins", "recycling", "waste and recycling",
          "biniau ac ailgylchu", "ailgylchu"),
         ("bins", "bin-", "recycling", "waste", "rubbish")),
    Want("task:council-tax", "council tax",
         ("council tax", "pay your council tax", "treth y cyngor"),
         ("council-tax", "counciltax", "council_tax")),
    Want("task:parking", "parking", ("parking", "parcio"), ("parking",)),
    Want("task:planning", "planning",
         ("planning", "planning and building control", "planning applications", "cynllunio"),
         ("planning",)),
    Want("task:housing", "housing", ("housing", "tai"), ("housing",)),
    Want("task:benefits", "benefits",
         ("benefits", "housing benefit", "benefits and support", "budd-daliadau"),
         ("benefit",)),
    Want("task:blue-badge", "blue badge",
         ("blue badge", "blue badges", "apply for a blue badge", "bathodyn glas"),
         ("blue-badge", "bluebadge", "blue_badge")),
    Want("task:school-admissions", "school admissions",
         ("school admissions", "apply for a school place", "school places", "schools",
          "schools and education", "derbyn i ysgolion", "ysgolion"),
         ("admission", "school")),
    Want("task:libraries", "libraries",
         ("libraries", "library", "find a library", "llyfrgelloedd"), ("librar",)),
    Want("task:report-a-problem", "report a problem",
         ("report a problem", "report it", "report", "report an issue", "rhoi gwybod"),
         ("report",)),
)  # fmt: skip
CONTACT_WANT = Want(
    CONTACT,
    "contact page",
    ("contact us", "contact", "contact the council", "get in touch", "cysylltu â ni",
     "cysylltwch â ni", "cysylltu"),
    ("contact", "cysylltu"),
)  # fmt: skip
STATEMENT_WANT = Want(
    STATEMENT,
    "accessibility statement",
    ("accessibility statement", "website accessibility statement", "accessibility",
     "datganiad hygyrchedd", "hygyrchedd"),
    ("accessibility-statement", "accessibility", "hygyrchedd"),
)  # fmt: skip
FORM_WANT = Want(
    FORM,
    "a form",
    ("apply", "report", "request", "book", "register", "form", "pay", "make a payment"),
    ("apply", "report", "request", "book", "form", "register"),
)
WANTS: dict[str, Want] = {w.reason: w for w in (CONTACT_WANT, STATEMENT_WANT, *TASKS, FORM_WANT)}
STRONG_STATEMENT = ("accessibility statement", "datganiad hygyrchedd")


def required_reasons(top_tasks: bool = True) -> list[str]:
    """The reasons the sample always tries, in the order they are resolved."""
    tasks = [t.reason for t in TASKS] if top_tasks else []
    return [CONTACT, STATEMENT, SEARCH, *tasks, FORM]


def normalise(text: str) -> str:
    text = re.sub(r"[‘’'`]", "'", text.lower())
    text = re.sub(r"[^\w'&]+", " ", text)
    return " ".join(text.split())


def score(reason: str, texts: list[str], url_path: str) -> int:
    """How well a link matches ``reason``: 4 exact link text, 3 a strong phrase in the
    text, 2 a phrase as words in the text, 1 a URL word, 0 no match."""
    want = WANTS.get(reason)
    if want is None:
        return 0
    best = 0
    for raw in texts:
        text = normalise(raw)
        if not text or len(text) > 80:
            continue
        if text in want.phrases:
            best = max(best, 4)
        elif reason == STATEMENT and any(p in text for p in STRONG_STATEMENT):
            best = max(best, 3)
        elif any(re.search(rf"\b{re.escape(p)}\b", text) for p in want.phrases):
            best = max(best, 2)
    if not best and any(w in url_path.lower() for w in want.url_words):
        best = 1
    return best


def describe_plan(top_tasks: bool = True) -> list[str]:
    """The sample plan in words, for ``crawl --dry-run`` and the docs."""
    lines = ["home page"]
    for reason in required_reasons(top_tasks):
        if reason == SEARCH:
            lines.append("search results (the site's own search form)")
            continue
        want = WANTS[reason]
        lines.append(
            f"{want.label} (link text like '{want.phrases[0]}', URL like '{want.url_words[0]}')"
        )
    lines.append("then breadth-first from links and sitemaps; pages of the previous run first")
    return lines
