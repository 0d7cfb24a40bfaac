"""Numbers in sentences: narrative and headlines take every number from published figures.

Every number is traceable to figures.json. The published figures reach templates as `Figures` namespaces
(`facts(...)`, `section.figures.<prefix>`), whose attributes are the values of figures.json and which know
each value's full key. Inside `figure_marks()`, the formatter marks what it writes from such a namespace
with the key, and the marked text is then rendered twice: as plain text (`plain_text`: headlines.md, the
notebook's text/plain) and with each value a link to its definition on the technical page
(`linked_markdown` for the narrative, `linked_html` for the key headlines of report.html):
`<a class="figure" href="technical.html#strategic.new_referrals">650</a>`. Outside `figure_marks()` nothing
is marked, so chart titles, alt text and table cells, which take words from the same functions, stay plain.
Values passed to a template as plain keyword arguments (dates, labels, words worked out by a section) carry
no key and are not linked.
"""
from __future__ import annotations

import html
import re
import string
from _string import formatter_field_name_split  # how string.Formatter itself splits a field name
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import SimpleNamespace
from typing import Any

from helpers.display.formatting import (
    SUPPRESSED,
    Share,
    count_text,
    date_text,
    pct_text,
    round_half_away,
)

# A marked value: OPEN key MIDDLE text CLOSE. Characters of Unicode's private use area, which no data,
# template or word of the suite holds; marks live only between a template and its rendering.
_OPEN, _MIDDLE, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARK = re.compile(f"{_OPEN}([^{_MIDDLE}]*){_MIDDLE}([^{_CLOSE}]*){_CLOSE}")
_MARKING: ContextVar[bool] = ContextVar("figure_marks", default=False)
TECHNICAL_PAGE = "technical.html"


class Figures(SimpleNamespace):
    """The published figures of one key prefix, as attributes (`strategic.new_referrals` is
    `figures.new_referrals`); the attribute is the value itself, and `key_of` gives its full key."""

    __slots__ = ("_prefix",)  # not an attribute among the figures

    def __init__(self, prefix: str, values: Mapping[str, object]) -> None:
        super().__init__(**values)
        self._prefix = prefix

    def key_of(self, name: str) -> str:
        return f"{self._prefix}.{name}"

    def __reduce__(self):
        return Figures, (self._prefix, dict(vars(self)))


class _Keyed:
    """A value a template took from a Figures namespace, with its key, on its way to format_field."""

    __slots__ = ("key", "value")

    def __init__(self, value: object, key: str) -> None:
        self.value, self.key = value, key


@contextmanager
def figure_marks() -> Iterator[None]:
    """Within it, the formatter and `keyed` mark each published value with its key (see the module)."""
    token = _MARKING.set(True)
    try:
        yield
    finally:
        _MARKING.reset(token)


def keyed(key: str, text: str) -> str:
    """`text`, the words of figure `key` as a sentence shows them (`18%`, `less than 1%`), marked with the key
    within `figure_marks()`; unchanged outside it."""
    return f"{_OPEN}{key}{_MIDDLE}{text}{_CLOSE}" if text and _MARKING.get() else text


def keyed_numbers(text: str, shown: Mapping[str, str]) -> str:
    """`text` with the numbers of the figures `shown` (key -> the number as the text writes it) marked, for
    text a section's words wrote from figures (`there were 272 children`). A number is marked only where it
    stands once in the text and no other figure shown reads the same, so a mark is never put on the wrong
    figure; a value written in words (`no children`) holds no number and is not marked."""
    if not _MARKING.get():
        return text
    readings, marked = list(shown.values()), [m.span() for m in _MARK.finditer(text)]
    spans = []
    for key, number in shown.items():
        found = [m for m in re.finditer(rf"(?<![\d.,]){re.escape(number)}(?![\d%]|[.,]\d)", text) if number
                 and not any(start <= m.start() < end for start, end in marked)]
        if len(found) == 1 and readings.count(number) == 1:
            spans.append((found[0].start(), found[0].end(), key))
    for start, end, key in sorted(spans, reverse=True):
        text = text[:start] + keyed(key, text[start:end]) + text[end:]
    return text


def plain_text(marked: str) -> str:
    """The text as a reader of plain text sees it: marks removed."""
    return _MARK.sub(r"\2", marked)


def figure_link(key: str, text_html: str) -> str:
    """A published value linked to the definition of its key on the technical page."""
    return f'<a class="figure" href="{TECHNICAL_PAGE}#{html.escape(key)}">{text_html}</a>'


def linked_markdown(marked: str) -> str:
    """Markdown (the narrative) with each marked value a link; the rest of the Markdown left as written."""
    return _MARK.sub(lambda m: figure_link(m[1], html.escape(m[2], quote=False)), marked)


def linked_html(marked: str) -> str:
    """Plain text (a headline) as escaped HTML with each marked value a link."""
    parts, last = [], 0
    for m in _MARK.finditer(marked):
        parts += [html.escape(marked[last:m.start()]), figure_link(m[1], html.escape(m[2]))]
        last = m.end()
    return "".join(parts) + html.escape(marked[last:])


class NarrativeFormatter(string.Formatter):
    """Formats figures in sentences: `{x:count}` 1,153; `{x:pct}` 18%; `{x:num1}` 54.2; `{x:whole}` 54;
    `{x:date}` 29 March 2016; `{x:bracketed_pct}` " (18%)", or nothing when the share is suppressed or missing.

    A suppressed value reads "some": true of every `c` (a `c` is never 0) and the same whether it hides a
    small count or a larger one hidden to protect another, so the words tell a reader nothing the table
    does not. A value that could not be computed reads "not available". Templates that would read badly
    with either test the value first.

    Within `figure_marks()`, whatever a field writes from a `Figures` namespace (`{s.new_referrals:count}`) is
    marked with its key, whatever it reads: a number, "some" for a `c` (figures.json holds the `c`, and the
    technical page says what the figure counts, which tells a reader no more than the `c` does) or "not
    available" (the technical page says why). Only the number of a bracketed share is marked, not its brackets.
    """

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, Any]:
        """The field's value; when its last step is an attribute of a Figures namespace, with its key."""
        first, rest = formatter_field_name_split(field_name)
        value, key = self.get_value(first, args, kwargs), None
        for is_attribute, step in rest:
            key = value.key_of(step) if is_attribute and isinstance(value, Figures) else None
            value = getattr(value, step) if is_attribute else value[step]
        return (value if key is None else _Keyed(value, key)), first

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if isinstance(value, _Keyed):
            return _Keyed(super().convert_field(value.value, conversion), value.key)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Keyed):
            if format_spec == "bracketed_pct":
                return f" ({keyed(value.key, self._format(value.value, 'pct'))})" if is_known(value.value) else ""
            return keyed(value.key, self._format(value.value, format_spec))
        return self._format(value, format_spec)

    def _format(self, value: Any, format_spec: str) -> str:
        if format_spec == "bracketed_pct":
            # " (18%)" after a count; nothing when the share is suppressed or missing, as the count says it all.
            return f" ({pct_text(value if isinstance(value, Share) else float(value))})" if is_known(value) else ""
        if value is None:
            return "not available"
        if isinstance(value, str) and value == SUPPRESSED:
            return "some"
        if format_spec == "count":
            return count_text(int(value))
        if format_spec == "pct":
            return pct_text(value if isinstance(value, Share) else float(value))
        if format_spec == "whole":
            return count_text(int(round_half_away(float(value), 0)))
        if format_spec == "num1":
            return f"{float(value):,.1f}"
        if format_spec == "date":
            return date_text(value)
        return super().format_field(value, format_spec)


def facts(published: Mapping[str, object]) -> SimpleNamespace:
    """Published figures grouped by section, as `facts.strategic.new_referrals`; each group a Figures namespace,
    so a template's value keeps its key."""
    groups: dict[str, dict[str, object]] = {}
    for key, value in published.items():
        group, name = key.split(".", 1)
        groups.setdefault(group, {})[name] = value
    return SimpleNamespace(**{group: Figures(group, values) for group, values in groups.items()})


def is_known(*values: object) -> bool:
    """All values published as numbers: neither suppressed nor missing."""
    return all(v is not None and not (isinstance(v, str) and v == SUPPRESSED) for v in values)


def sentence_case(text: str) -> str:
    """Every sentence and paragraph starts with a capital letter, whatever a value put first ("some ...")."""
    # A line break inside a paragraph is not a new sentence: only paragraphs and list items start one. A value
    # marked with its key (see figure_marks) starts with its mark, which the capital letter goes after.
    return re.sub(rf"(^|[.!?]\s+|\n\s*\n\s*|\n\s*[-*]\s+)({_OPEN}[^{_MIDDLE}]*{_MIDDLE})?([a-z])",
                  lambda m: m[1] + (m[2] or "") + m[3].upper(), text)
