"""changes.md and changes.html: what changed since the previous render of a report folder.

`python -m helpers.publish.changes OLD NEW` prints the Markdown for two report folders.

Compares two finished folders as published: the inputs (digests and row counts in the manifests),
the parameters, every figure, every table cell (rows are matched by their label columns, so a ward
in a month is matched with the same ward in the same month), the tables, the key headlines, and the
cells newly suppressed or revealed. Paths are never shown: a folder parameter appears by its name.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from helpers.errors import ReportError
from helpers.publish.folder import (
    SUPPRESSED,
    DisplayTable,
    figure_cell,
    parse_cell,
    read_figures,
    read_headlines,
    read_manifest,
    read_tables,
)

MARKDOWN_FILE = "changes.md"
HTML_FILE = "changes.html"
TITLE = "Changes since the previous render"
FIRST_RENDER = "Nothing to compare: this is the first render of this folder."
BLANK = "(blank)"
ABSENT = "(none)"
_ABSOLUTE_PATH = re.compile(r"^(/|~|\\\\|[A-Za-z]:[\\/])")


@dataclass(frozen=True)
class Change:
    """Something named (an input, a parameter, a figure) and its text before and after."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class CellChange:
    table: str
    row: str
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class Reshaped:
    """A table present in both renders whose rows or columns differ."""

    table: str
    rows_added: tuple[str, ...] = ()
    rows_removed: tuple[str, ...] = ()
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Changes:
    this_render: str
    previous_render: str | None = None
    inputs: tuple[Change, ...] = ()
    parameters: tuple[Change, ...] = ()
    figures: tuple[Change, ...] = ()
    cells: tuple[CellChange, ...] = ()
    newly_suppressed: tuple[CellChange, ...] = ()
    revealed: tuple[CellChange, ...] = ()
    tables_added: tuple[str, ...] = ()
    tables_removed: tuple[str, ...] = ()
    reshaped: tuple[Reshaped, ...] = ()
    headlines_added: tuple[str, ...] = ()
    headlines_gone: tuple[str, ...] = ()

    @property
    def first_render(self) -> bool:
        return self.previous_render is None


def _shown(text: str) -> str:
    return text if text else BLANK


def _parameter_text(value: object) -> str:
    """A text as it is, a folder by its last part only (no absolute path goes into an output), else JSON."""
    if isinstance(value, str):
        return f".../{Path(value).name}" if _ABSOLUTE_PATH.match(value) else value
    return json.dumps(value, ensure_ascii=False)


def _input_entries(manifest: dict) -> dict[str, dict]:
    entries = {f"{i['extract']} ({i['file']})": i for i in manifest.get("inputs", [])}
    entries.update({f"reference data {r['file']}": r for r in manifest.get("reference_data", [])})
    return entries


def _input_text(entry: dict | None) -> str:
    if entry is None:
        return ABSENT
    rows = f"{entry['rows']:,} rows, " if "rows" in entry else ""
    return f"{rows}SHA-256 {entry['sha256'][:12]}"


def input_changes(old: dict, new: dict) -> list[Change]:
    before, after = _input_entries(old), _input_entries(new)
    return [
        Change(name, _input_text(before.get(name)), _input_text(after.get(name)))
        for name in sorted(before.keys() | after.keys())
        if _input_text(before.get(name)) != _input_text(after.get(name))
    ]


def parameter_changes(old: dict, new: dict) -> list[Change]:
    before, after = old.get("parameters", {}), new.get("parameters", {})
    changes = []
    for name in sorted(before.keys() | after.keys()):
        if before.get(name, ABSENT) != after.get(name, ABSENT):
            changes.append(
                Change(
                    name,
                    _parameter_text(before[name]) if name in before else ABSENT,
                    _parameter_text(after[name]) if name in after else ABSENT,
                )
            )
    return changes


def figure_changes(old: dict[str, object], new: dict[str, object]) -> list[Change]:
    changes = []
    for key in sorted(old.keys() | new.keys()):
        before = figure_cell(old[key]) if key in old else None
        after = figure_cell(new[key]) if key in new else None
        if before != after:
            changes.append(
                Change(
                    key, _shown(before.display()) if before else ABSENT, _shown(after.display()) if after else ABSENT
                )
            )
    return changes


def table_changes(
    old: DisplayTable, new: DisplayTable
) -> tuple[list[CellChange], list[CellChange], list[CellChange], Reshaped | None]:
    """Cells whose value changed, cells newly suppressed, cells revealed, and rows or columns added or removed."""
    # Rows are named by the label columns both renders have, so that the names can be matched.
    labels = min(old.label_column_count(), new.label_column_count())
    before, after = dict(zip(old.row_keys(labels), old.rows)), dict(zip(new.row_keys(labels), new.rows))
    old_columns = {header: position for position, header in enumerate(old.header) if position >= labels}
    new_columns = {header: position for position, header in enumerate(new.header) if position >= labels}
    changed, suppressed, revealed = [], [], []
    for key, new_row in after.items():
        if key not in before:
            continue
        for column, position in new_columns.items():
            if column not in old_columns:
                continue
            was, now = parse_cell(before[key][old_columns[column]]), parse_cell(new_row[position])
            if was == now:
                continue
            change = CellChange(new.name, key, column, _shown(was.display()), _shown(now.display()))
            if now.symbol == SUPPRESSED:
                suppressed.append(change)
            elif was.symbol == SUPPRESSED:
                revealed.append(change)
            else:
                changed.append(change)
    reshaped = Reshaped(
        new.name,
        rows_added=tuple(k for k in after if k not in before),
        rows_removed=tuple(k for k in before if k not in after),
        columns_added=tuple(c for c in new_columns if c not in old_columns),
        columns_removed=tuple(c for c in old_columns if c not in new_columns),
    )
    shape_changed = reshaped.rows_added or reshaped.rows_removed or reshaped.columns_added or reshaped.columns_removed
    return changed, suppressed, revealed, reshaped if shape_changed else None


def compare(old: Path | None, new: Path) -> Changes:
    """What changed between the render in `old` (None: there was none) and the one in `new`."""
    new_manifest = read_manifest(new)
    if old is None:
        return Changes(this_render=new_manifest.get("end_time", ""))
    old_manifest = read_manifest(old)
    old_tables, new_tables = read_tables(old), read_tables(new)
    cells, suppressed, revealed, reshaped = [], [], [], []
    for name in sorted(old_tables.keys() & new_tables.keys()):
        changed, hidden, shown, shape = table_changes(old_tables[name], new_tables[name])
        cells += changed
        suppressed += hidden
        revealed += shown
        reshaped += [shape] if shape else []
    old_headlines, new_headlines = read_headlines(old), read_headlines(new)
    return Changes(
        this_render=new_manifest.get("end_time", ""),
        previous_render=old_manifest.get("end_time", ""),
        inputs=tuple(input_changes(old_manifest, new_manifest)),
        parameters=tuple(parameter_changes(old_manifest, new_manifest)),
        figures=tuple(figure_changes(read_figures(old), read_figures(new))),
        cells=tuple(cells),
        newly_suppressed=tuple(suppressed),
        revealed=tuple(revealed),
        tables_added=tuple(sorted(new_tables.keys() - old_tables.keys())),
        tables_removed=tuple(sorted(old_tables.keys() - new_tables.keys())),
        reshaped=tuple(reshaped),
        headlines_added=tuple(h for h in new_headlines if h not in old_headlines),
        headlines_gone=tuple(h for h in old_headlines if h not in new_headlines),
    )


@dataclass(frozen=True)
class _Part:
    """One heading of the page: a list of lines, or a table, or the words for nothing."""

    heading: str
    nothing: str
    lines: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def _named_part(heading: str, nothing: str, changes: Sequence[Change], first_column: str) -> _Part:
    return _Part(
        heading, nothing, header=(first_column, "Before", "Now"), rows=tuple((c.name, c.old, c.new) for c in changes)
    )


def _cell_part(heading: str, nothing: str, changes: Sequence[CellChange]) -> _Part:
    return _Part(
        heading,
        nothing,
        header=("Table", "Row", "Column", "Before", "Now"),
        rows=tuple((c.table, c.row, c.column, c.old, c.new) for c in changes),
    )


def _reshaped_line(shape: Reshaped) -> str:
    parts = [
        (f"rows added: {'; '.join(shape.rows_added)}", shape.rows_added),
        (f"rows removed: {'; '.join(shape.rows_removed)}", shape.rows_removed),
        (f"columns added: {'; '.join(shape.columns_added)}", shape.columns_added),
        (f"columns removed: {'; '.join(shape.columns_removed)}", shape.columns_removed),
    ]
    return f"{shape.table}: " + ", ".join(text for text, present in parts if present)


def summary(changes: Changes) -> str:
    if changes.first_render:
        return FIRST_RENDER
    counts = [
        (len(changes.inputs), "input", "inputs"),
        (len(changes.parameters), "parameter", "parameters"),
        (len(changes.figures), "figure", "figures"),
        (len(changes.cells), "table cell", "table cells"),
        (len(changes.newly_suppressed), "cell newly suppressed", "cells newly suppressed"),
        (len(changes.revealed), "cell revealed", "cells revealed"),
        (len(changes.tables_added) + len(changes.tables_removed), "table added or removed", "tables added or removed"),
        (
            len(changes.reshaped),
            "table with rows or columns added or removed",
            "tables with rows or columns added or removed",
        ),
        (
            len(changes.headlines_added) + len(changes.headlines_gone),
            "headline added or gone",
            "headlines added or gone",
        ),
    ]
    said = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
    return "Changed: " + ", ".join(said) + "." if said else "Nothing published has changed."


def _parts(changes: Changes) -> list[_Part]:
    tables = (
        [f"added: {name}" for name in changes.tables_added]
        + [f"removed: {name}" for name in changes.tables_removed]
        + [_reshaped_line(shape) for shape in changes.reshaped]
    )
    headlines = [f"added: {text}" for text in changes.headlines_added] + [
        f"gone: {text}" for text in changes.headlines_gone
    ]
    return [
        _named_part("Inputs", "No input changed.", changes.inputs, "Input"),
        _named_part("Parameters", "No parameter changed.", changes.parameters, "Parameter"),
        _named_part("Figures", "No figure changed.", changes.figures, "Figure"),
        _cell_part("Table cells", "No table cell changed.", changes.cells),
        _cell_part("Cells newly suppressed", "No cell was newly suppressed.", changes.newly_suppressed),
        _cell_part("Cells revealed", "No suppressed cell was revealed.", changes.revealed),
        _Part("Tables added, removed or reshaped", "No table was added, removed or reshaped.", lines=tuple(tables)),
        _Part("Key headlines", "No headline was added or gone.", lines=tuple(headlines)),
    ]


def _compared(changes: Changes) -> str:
    return (
        f"This render finished {changes.this_render or 'at an unrecorded time'}; "
        f"the previous one {changes.previous_render or 'at an unrecorded time'}."
    )


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def markdown(changes: Changes) -> str:
    lines = [f"# {TITLE}", "", summary(changes), ""]
    if changes.first_render:
        return "\n".join(lines)
    lines += [_compared(changes), ""]
    for part in _parts(changes):
        lines += [f"## {part.heading}", ""]
        if part.rows:
            lines.append("| " + " | ".join(part.header) + " |")
            lines.append("|" + "---|" * len(part.header))
            lines += ["| " + " | ".join(_markdown_cell(cell) for cell in row) + " |" for row in part.rows]
        elif part.lines:
            lines += [f"- {line}" for line in part.lines]
        else:
            lines.append(part.nothing)
        lines.append("")
    return "\n".join(lines)


_STYLE = """body { font-family: "Segoe UI", Arial, "DejaVu Sans", sans-serif; color: #1a1a1a; background: #fff;
       max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; line-height: 1.5; }
h2 { border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; margin-top: 2rem; }
table { border-collapse: collapse; font-size: 0.92rem; }
th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #eef3f8; }"""


def html_page(changes: Changes) -> str:
    """A small self-contained page: no script, nothing fetched, every text escaped."""
    e = html.escape
    body = [f"<h1>{e(TITLE)}</h1>", f"<p>{e(summary(changes))}</p>"]
    if not changes.first_render:
        body.append(f"<p>{e(_compared(changes))}</p>")
        for part in _parts(changes):
            body.append(f"<h2>{e(part.heading)}</h2>")
            if part.rows:
                head = "".join(f'<th scope="col">{e(h)}</th>' for h in part.header)
                rows = "".join("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in part.rows)
                body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
            elif part.lines:
                body.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in part.lines) + "</ul>")
            else:
                body.append(f"<p>{e(part.nothing)}</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(TITLE)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def write_changes(old: Path | None, new: Path) -> tuple[Path, Path]:
    """Write changes.md and changes.html into `new`, comparing it with `old` (None: first render)."""
    changes = compare(old, new)
    written = new / MARKDOWN_FILE, new / HTML_FILE
    written[0].write_text(markdown(changes), encoding="utf-8")
    written[1].write_text(html_page(changes), encoding="utf-8")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publish.changes", description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the folder of the previous render")
    parser.add_argument("new", type=Path, help="the folder of the render to compare with it")
    args = parser.parse_args(argv)
    try:
        print(markdown(compare(args.old, args.new)), end="")
    except ReportError as error:
        print(f"Compare failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
