"""Reading a rendered report as a committee member would: its visible words, and the faults a reader would
stop at. The end-to-end test applies the rules to every report of two years; unit/test_report_reading.py
shows each rule catching what it should."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

# A word a reader should never meet: a missing value shown as code.
CODE_WORDS = re.compile(
    r"\b(?:nan|NaN|null|undefined|inf)\b|nan%"
    r"|\bNone\b(?! (?:were|was|of|had|has|have|is|are)\b)"  # "None were assessed as ..." is English
)
# What suppression must not read like: the words are "some" or a `c` in a table.
SUPPRESSION_WORDS = re.compile(r"suppressed figure", re.IGNORECASE)
OF_NOTHING = re.compile(r"\b\d[\d,.]*%? of 0\b")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
# Text that may start in lower case: the symbol c where it is defined, and a figure of the form "e.g.".
LOWER_CASE_STARTS = re.compile(r"^(?:c\b|e\.g\.)")


def visible_text(page: str) -> list[str]:
    """The paragraphs and list items of a report.html a reader sees (tables, charts and the collapsed data aside)."""
    soup = BeautifulSoup(page, "html.parser")
    for hidden in soup(["style", "script", "details", "table", "figure", "nav"]):
        hidden.decompose()
    return [" ".join(block.get_text(" ").split()) for block in soup.find_all(["p", "li", "h1", "h2", "h3"])]


def sentences(paragraph: str) -> list[str]:
    return [s for s in SENTENCE_END.split(paragraph) if s]


def faults(paragraphs: list[str]) -> list[str]:
    """Each fault a reader would stop at, with the paragraph it is in."""
    found = []
    for paragraph in paragraphs:
        for rule, pattern in (
            ("code word", CODE_WORDS),
            ("suppression wording", SUPPRESSION_WORDS),
            ("a share of nothing", OF_NOTHING),
        ):
            if pattern.search(paragraph):
                found.append(f"{rule}: {paragraph}")
        for sentence in sentences(paragraph):
            first = sentence.lstrip("(\"'\u201c\u2018*")  # brackets, quotes and bold before the first word
            if first[:1].islower() and not LOWER_CASE_STARTS.match(first):
                found.append(f"sentence in lower case: {sentence}")
    return found


def charts_without_a_bar(page: str) -> list[str]:
    """The captions of charts whose data hold no published value above zero: nothing drawn."""
    soup = BeautifulSoup(page, "html.parser")
    tables = {
        " ".join(table.caption.get_text(" ").split()).split(":")[0]: table
        for table in soup.find_all("table")
        if table.caption
    }
    empty = []
    for figure in soup.find_all("figure", class_="chart"):
        caption = " ".join(figure.figcaption.get_text(" ").split())
        named = re.search(r"The data are in (Table \d+\.\d+)\.", caption)
        details = figure.find_next_sibling("details")
        data = [tables[named[1]]] if named else (details.find_all("table") if details else [])
        numbers = [
            float(cell)
            for table in data
            for td in table.find_all("td")
            if re.fullmatch(r"-?\d+(?:\.\d+)?", cell := td.get_text(strip=True).replace(",", ""))
        ]
        if not any(number > 0 for number in numbers):
            empty.append(caption)
    return empty
