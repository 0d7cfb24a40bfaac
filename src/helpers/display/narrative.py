"""Numbers in sentences: narrative and headlines take every number from published figures.

Every number is traceable to figures.json. The published figures reach templates and words as `Figures`
namespaces (`facts(...)`, `section.figures.<prefix>`), whose attributes are the values of figures.json; each
value remembers the full key of its figure (`figure_key`) wherever it is passed, while a value worked out from
it (a sum, `int(...)`, `abs(...)`) is a plain number again. Inside `figure_marks()`, what the formatter writes
from such a value, and what a section's words write with `figure_text` or `keyed`, is marked with the key, and
the marked text is then rendered twice: as plain text (`plain_text`: headlines.md, the notebook's text/plain)
and with each value a link to its definition on the technical page (`linked_markdown` for the narrative and the
data-quality part, `linked_html` for the key headlines of report.html):
`<a class="figure" href="technical.html#strategic.new_referrals">650</a>`. Outside `figure_marks()` nothing
is marked, so chart titles, alt text and table cells, which take words from the same functions, stay plain.

A notebook works out a sentence's words (`words.number_of(t.open_cases)`) before `Section.say` formats the
narrative within `figure_marks()`. So a function of words that marks values is declared `@figure_words`: called
outside the marks it returns `Words`, a str holding the plain text, which is written again, marked, when the
narrative formats it. Values passed to a template that are not figures (dates, labels, the parameters) carry
no key and are not linked.
"""

from __future__ import annotations

import functools
import html
import re
import string
from _string import formatter_field_name_split  # how string.Formatter itself splits a field name
from collections.abc import Callable, Iterator, Mapping
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


class _Remembered:
    """A value of figures.json that remembers the key of its figure; arithmetic on it gives a plain value."""

    figure_key: str

    def __reduce__(self):
        return figure_value, (_PLAIN[type(self)](self), self.figure_key)


class _Int(_Remembered, int):
    pass


class _Float(_Remembered, float):
    pass


class _Share(_Remembered, Share):
    pass


class _Str(_Remembered, str):
    pass


_REMEMBERING: dict[type, type] = {int: _Int, float: _Float, Share: _Share, str: _Str}
_PLAIN: dict[type, Callable[[Any], object]] = {
    _Int: int,
    _Float: float,
    _Str: str,
    _Share: lambda value: Share(float(value), value.whole),
}


def figure_value(value: object, key: str) -> object:
    """The value as the value of figure `key`, remembering the key (a table cell that the figure repeats, so that a
    sentence showing the cell links it); None (not computed) and any other kind of value as it is."""
    if isinstance(value, _Remembered):
        value = _PLAIN[type(value)](value)
    kind = _REMEMBERING.get(type(value))
    if kind is None:
        return value
    remembered = kind(float(value), value.whole) if kind is _Share else kind(value)
    remembered.figure_key = key
    return remembered


def figure_key(value: object) -> str | None:
    """The key of the figure a value was published as (taken from a Figures namespace); None for any other value."""
    return value.figure_key if isinstance(value, _Remembered) else None


class Figures(SimpleNamespace):
    """The published figures of one key prefix, as attributes (`strategic.new_referrals` is
    `figures.new_referrals`); the attribute is the value itself, remembering its full key (`key_of`)."""

    __slots__ = ("_prefix",)  # not an attribute among the figures

    def __init__(self, prefix: str, values: Mapping[str, object]) -> None:
        self._prefix = prefix
        super().__init__(**{name: figure_value(value, self.key_of(name)) for name, value in values.items()})

    def key_of(self, name: str) -> str:
        return f"{self._prefix}.{name}"

    def __reduce__(self):
        return Figures, (self._prefix, dict(vars(self)))


@contextmanager
def figure_marks() -> Iterator[None]:
    """Within it, the formatter, `figure_text` and `keyed` mark each published value with its key (see the
    module)."""
    token = _MARKING.set(True)
    try:
        yield
    finally:
        _MARKING.reset(token)


def keyed(key: str | None, text: str) -> str:
    """`text`, the words of figure `key` as a sentence shows them (`18%`, `less than 1%`), marked with the key
    within `figure_marks()`; unchanged outside it, or without a key."""
    return f"{_OPEN}{key}{_MIDDLE}{text}{_CLOSE}" if key and text and _MARKING.get() else text


def figure_text(value: object, text: str) -> str:
    """`text`, the words a sentence shows for a published value (`1,153`, `18%`, `1960s`), marked with the
    value's key when it has one (see `keyed`)."""
    return keyed(figure_key(value), text)


class Words(str):
    """Words a section wrote from published figures, outside `figure_marks()`: as a str, the plain text (a chart
    title, alt text, a test reads it so); formatted within `figure_marks()`, as `Section.say` formats a narrative,
    written again with each value marked."""

    def __new__(cls, write: Callable[[], str]) -> Words:
        words = super().__new__(cls, write())
        words._write = write
        return words

    def __format__(self, format_spec: str) -> str:
        return format(self._write() if _MARKING.get() else str(self), format_spec)


def figure_words(write: Callable[..., str]) -> Callable[..., str]:
    """For a function of a section's words that marks the values it writes: called within `figure_marks()` it
    returns the marked text, called outside them `Words`, which are marked when a narrative formats them."""

    @functools.wraps(write)
    def words(*args: Any, **kwargs: Any) -> str:
        if _MARKING.get():
            return write(*args, **kwargs)
        return Words(functools.partial(write, *args, **kwargs))

    return words


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
        parts += [html.escape(marked[last : m.start()]), figure_link(m[1], html.escape(m[2]))]
        last = m.end()
    return "".join(parts) + html.escape(marked[last:])


class _Null:
    """A figure that could not be computed (null in figures.json), as a template field takes it from a namespace."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


class NarrativeFormatter(string.Formatter):
    """Formats figures in sentences: `{x:count}` 1,153; `{x:pct}` 18%; `{x:num1}` 54.2; `{x:whole}` 54;
    `{x:date}` 29 March 2016; `{x:bracketed_pct}` " (18%)", or nothing when the share is suppressed or missing.

    A suppressed value reads "some": true of every `c` (a `c` is never 0) and the same whether it hides a
    small count or a larger one hidden to protect another, so the words tell a reader nothing the table
    does not. A value that could not be computed reads "not available". Templates that would read badly
    with either test the value first.

    Within `figure_marks()`, whatever a field writes from a published value (`{s.new_referrals:count}`) is
    marked with its key, whatever it reads: a number, "some" for a `c` (figures.json holds the `c`, and the
    technical page says what the figure counts, which tells a reader no more than the `c` does) or "not
    available" (the technical page says why). Only the number of a bracketed share is marked, not its brackets.
    """

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, Any]:
        """The field's value; a null figure of a Figures namespace, which cannot remember its key, with the key."""
        first, rest = formatter_field_name_split(field_name)
        value, owner, name = self.get_value(first, args, kwargs), None, None
        for is_attribute, step in rest:
            owner, name = value, step if is_attribute else None
            value = getattr(value, step) if is_attribute else value[step]
        if value is None and isinstance(owner, Figures) and name:
            return _Null(owner.key_of(name)), first
        return value, first

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Null):
            return "" if format_spec == "bracketed_pct" else keyed(value.key, self._format(None, format_spec))
        if format_spec == "bracketed_pct":
            return f" ({figure_text(value, self._format(value, 'pct'))})" if is_known(value) else ""
        return figure_text(value, self._format(value, format_spec))

    def _format(self, value: Any, format_spec: str) -> str:
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
    return re.sub(
        rf"(^|[.!?]\s+|\n\s*\n\s*|\n\s*[-*]\s+)({_OPEN}[^{_MIDDLE}]*{_MIDDLE})?([a-z])",
        lambda m: m[1] + (m[2] or "") + m[3].upper(),
        text,
    )
