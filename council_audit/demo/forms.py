"""The demo sites' forms, built the well-built way: every field labelled, groups in a
fieldset with a legend, valid autocomplete values. Each form holds the slot where
form barriers are put."""

from __future__ import annotations

from council_audit.demo.context import Context
from council_audit.demo.spec import FORM_SLOT

PROBLEM_TYPES = (
    ("pothole", "Pothole or damaged road"),
    ("fly-tipping", "Fly-tipping"),
    ("graffiti", "Graffiti"),
    ("street-light", "Street light not working"),
    ("other", "Something else"),
)
BIN_TYPES = (
    ("recycling", "Green recycling bin"),
    ("rubbish", "Black rubbish bin"),
    ("food", "Brown food caddy"),
)


def field(name: str, label: str, kind: str = "text", autocomplete: str = "", hint: str = "") -> str:
    auto = f' autocomplete="{autocomplete}"' if autocomplete else ""
    described = f' aria-describedby="{name}-hint"' if hint else ""
    hint_html = f'<span class="hint" id="{name}-hint">{hint}</span>' if hint else ""
    return (
        f'<div class="field"><label for="{name}">{label}</label>{hint_html}'
        f'<input type="{kind}" id="{name}" name="{name}"{auto}{described}></div>'
    )


def textarea(name: str, label: str) -> str:
    return (
        f'<div class="field"><label for="{name}">{label}</label>'
        f'<textarea id="{name}" name="{name}" rows="4"></textarea></div>'
    )


def radios(name: str, legend: str, options: tuple[tuple[str, str], ...]) -> str:
    items = "".join(
        f'<div class="radio"><input type="radio" id="{name}-{value}" name="{name}" '
        f'value="{value}"><label for="{name}-{value}">{text}</label></div>'
        for value, text in options
    )
    return f"<fieldset><legend>{legend}</legend>{items}</fieldset>"


def form(action: str, inner: str, submit: str, extra: str = "") -> str:
    return (
        f'<form action="{action}" method="get" class="form"{extra}>{inner}{FORM_SLOT}'
        f'<div class="field"><button type="submit" class="button">{submit}</button></div></form>'
    )


def report_form(ctx: Context, arg: str) -> str:
    details = (
        field("full-name", "Your name", autocomplete="name")
        + field("email", "Email address", "email", "email", "We will send your reference here.")
        + field("phone", "Phone number (optional)", "tel", "tel")
    )
    inner = (
        radios("problem", "What is the problem?", PROBLEM_TYPES)
        + field(
            "where", "Where is the problem?", hint="For example, the street and a house number."
        )
        + textarea("details", "Describe the problem")
        + f"<fieldset><legend>Your details</legend>{details}</fieldset>"
    )
    return form("/report-a-problem/sent/", inner, "Send report")


def missed_bin_form(ctx: Context, arg: str) -> str:
    inner = (
        field("address-line", "House number and street", autocomplete="address-line1")
        + field("postcode", "Postcode", autocomplete="postal-code")
        + radios("bin", "Which bin did we miss?", BIN_TYPES)
        + field("email", "Email address", "email", "email")
    )
    return form("/report-a-problem/sent/", inner, "Report missed bin")


def pay_form(ctx: Context, arg: str) -> str:
    inner = field("account", "Council tax account number", hint="This is 9 numbers long.")
    return "<h2>Check your balance</h2>" + form("/council-tax/pay/", inner, "Check balance")


def search_form(ctx: Context, arg: str) -> str:
    inner = field("q", "Search this website", "search")
    return form("/search/results/", inner, "Search", ' role="search"')


def fallback_form(snippets: list[str]) -> str:
    """A small form for form barriers planted on a page that has no form of its own."""
    return (
        '<form action="/search/results/" method="get" class="form">'
        + "".join(snippets)
        + '<div class="field"><button type="submit" class="button">Continue</button></div></form>'
    )


FORMS = {
    "report-form": report_form,
    "missed-bin-form": missed_bin_form,
    "pay-form": pay_form,
    "search-form": search_form,
}
