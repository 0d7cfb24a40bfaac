"""Disclosure control: the one engine every published number passes through (see model, engine, audit)."""

from helpers.disclosure.model import (
    Figure,
    PublishedTable,
    Table,
    count,
    derived,
    guarded,
    is_small,
    missing,
    percent,
    plain,
    publish_figures,
    row_of_label,
    suppress_table,
)

__all__ = [
    "Figure",
    "PublishedTable",
    "Table",
    "count",
    "derived",
    "guarded",
    "is_small",
    "missing",
    "percent",
    "plain",
    "publish_figures",
    "row_of_label",
    "suppress_table",
]
