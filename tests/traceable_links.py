"""How the tests read the figure links of report.html: a link's key and text, the numbers a fragment shows without
a link (but for the few numbers that are fixed words of the report rather than figures), and whether a link's text
is a reading of its figure's value in figures.json."""

from __future__ import annotations

import html
import re

LINK = re.compile(r'<a class="figure" href="technical\.html#([^"]+)">([^<]*)</a>')
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # a mark of helpers.display.narrative that was never rendered

MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# Numbers the narrative and the headlines hold without a link, each a fixed part of the words rather than a figure:
NOT_FIGURES = [
    re.compile(rf"\b\d{{1,2}} {MONTH} \d{{4}}\b"),  # dates: the report's periods, set by its parameters
    re.compile(rf"\b{MONTH} \d{{4}}\b"),  # months: the end of the trend's window, the ward months
    re.compile(r"\b\d{4}[/-]\d{2}\b"),  # financial years: the report's year and the one before
    re.compile(r"\b24 months\b"),  # the trend test's window, fixed by the method
    re.compile(r"\b95% interval\b"),  # the projection's confidence level, fixed by the method
    # ages in words, fixed by the definitions of children and of the age bands: under the age of 18, under-18,
    # aged 35, older than 45, aged 18 to 24, 18 or over
    re.compile(r"\b(?:(?:under(?: the age of)?|aged|older than)[ -]\d{2}(?: to \d{2})?|\d{2} or over)\b(?!%)"),
    re.compile(r"\bper 10,000\b"),  # the unit of the ward rates
    re.compile(r"\b2011 Census\b"),  # the census of the reference data
    re.compile(r"\bmid-\d{4} estimates\b"),  # the population estimates of the reference data
    re.compile(r"\(\d+ months\)"),  # the ward months the figures cover: the months parameter
    re.compile(r"\bat least \d+ open cases\b"),  # the ward_list_min parameter of the tactical ward table
    re.compile(r"\b(?:birth or offence|other record) before \d{4}\b"),  # the input contract's earliest dates
]


def link(key: str, text: str) -> str:
    return f'<a class="figure" href="technical.html#{key}">{text}</a>'


def unlinked_numbers(fragment: str) -> list[str]:
    """The numbers an HTML fragment shows outside a figure link, but for those of NOT_FIGURES."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", LINK.sub(" ", fragment)))
    for pattern in NOT_FIGURES:
        text = pattern.sub(" ", text)
    return re.findall(r"\d[\d,.]*%?", text)


def reads_as(text: str, value: object) -> bool:
    """Whether a link's text is a reading of the figure's value in figures.json: a count, a whole number or one
    with decimals, a whole percentage rounded once from the exact ratio, `less than 1%` or `more than 99%` for a
    share that would round to none or all, the decade of a year; `some` for a `c`, `not available` for null, the
    text itself for a text."""
    if value is None:
        return text == "not available"
    if value == "c":
        return text.lower() == "some"
    if isinstance(value, str):
        return text == value
    if text in ("less than 1%", "more than 99%"):
        return 0 < value < 0.5 if text == "less than 1%" else 99.5 <= value < 100
    decade = re.fullmatch(r"(\d{3})0s", text)
    if decade:
        return int(value) // 10 == int(decade[1])
    number = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)%?", text)
    # 0.55: a whole number from a value published to one decimal, itself rounded from the exact ratio.
    return number is not None and abs(float(number[1].replace(",", "")) - abs(float(value))) <= 0.55
