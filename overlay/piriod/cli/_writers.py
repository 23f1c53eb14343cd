"""Writing items as their pages arrive: JSON Lines, a JSON array, CSV, or a table.

Every writer can continue a file an earlier run began (`resumed=True`): it then writes no
second header, byte-order mark or `[`. A writer's `finish()` ends a complete export only;
after an error it is not called, so a cut export stays visibly cut (JSON without `]`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from ._columns import Column, Columns

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

__all__ = [
    "FORMULA_STARTS",
    "CsvOptions",
    "Writer",
    "clean_cell",
    "make_writer",
    "neutralise_formula",
]


class Writer(Protocol):
    def write_page(self, items: Sequence[Any]) -> None:
        """Writes one page's items, as soon as the page arrives."""

    def finish(self) -> None:
        """Ends a complete export."""


def _json(item: Any) -> str:
    return json.dumps(item.to_dict(), ensure_ascii=False)


class _JsonLinesWriter:
    def __init__(self, stream: TextIO, *, resumed: bool) -> None:
        self._stream = stream

    def write_page(self, items: Sequence[Any]) -> None:
        self._stream.write("".join(_json(item) + "\n" for item in items))

    def finish(self) -> None:
        pass


class _JsonArrayWriter:
    def __init__(self, stream: TextIO, *, resumed: bool) -> None:
        self._stream = stream
        # A resumed file holds `[` and at least one item (an empty start is not kept).
        self._separator = ",\n" if resumed else "[\n"

    def write_page(self, items: Sequence[Any]) -> None:
        parts = []
        for item in items:
            parts.append(self._separator + _json(item))
            self._separator = ",\n"
        self._stream.write("".join(parts))

    def finish(self) -> None:
        self._stream.write("[]\n" if self._separator == "[\n" else "\n]\n")


# OWASP's list: a cell starting with one of these is a formula to Excel, LibreOffice and
# Google Sheets (tab and carriage return because some strip them first).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(cell: str) -> str:
    """`'` before a cell a spreadsheet would run as a formula; it then shows as text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


class CsvOptions:
    def __init__(self, *, formulas: bool = False, excel_semicolon: bool = False) -> None:
        self.formulas = formulas  # True: cells as they are, formulas included
        self.excel_semicolon = excel_semicolon  # a UTF-8 BOM and `;` between cells

    def identity(self) -> dict[str, bool]:
        return {"keep_formulas": self.formulas, "excel_semicolon": self.excel_semicolon}


class _CsvWriter:
    def __init__(
        self,
        stream: TextIO,
        columns: tuple[Column[Any], ...],
        options: CsvOptions,
        *,
        resumed: bool,
    ) -> None:
        self._stream = stream
        self._columns = columns
        self._clean: Callable[[str], str] = (
            (lambda cell: cell) if options.formulas else neutralise_formula
        )
        self._buffer = io.StringIO()
        self._csv = csv.writer(self._buffer, delimiter=";" if options.excel_semicolon else ",")
        self._bom = options.excel_semicolon and not resumed
        self._header_written = resumed

    def _write_header(self) -> None:
        if not self._header_written:
            if self._bom:
                self._buffer.write("\ufeff")
            self._csv.writerow(column.header for column in self._columns)
            self._header_written = True

    def _flush(self) -> None:
        self._stream.write(self._buffer.getvalue())
        self._buffer.seek(0)
        self._buffer.truncate()

    def write_page(self, items: Sequence[Any]) -> None:
        self._write_header()
        self._csv.writerows(
            [self._clean(column.cell(item)) for column in self._columns] for item in items
        )
        self._flush()

    def finish(self) -> None:
        self._write_header()  # an export of nothing is still a CSV with its header
        self._flush()


# --- the table -------------------------------------------------------------------------------

# Escape sequences whole (CSI such as `\x1b[2J`, OSC such as `\x1b]0;title\x07`, and the
# other two-byte ones), then any C0 or C1 control character and the bidirectional overrides
# that make text display in another order than it is stored.
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[ -~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029 ]+")


def clean_cell(text: str) -> str:
    """A cell safe to show on a terminal, on one line: escape sequences and control
    characters removed, line breaks and tabs turned into single spaces."""
    text = _ESCAPE.sub("", text)
    text = _SPACE.sub(" ", text)
    return _CONTROL.sub("", text).strip()


_GAP = 2  # spaces between columns


def fit_widths(
    columns: Sequence[Column[Any]], natural: Sequence[int], limit: int | None
) -> list[int | None]:
    """Each column's width (None: dropped) so the row fits `limit` display cells.

    Columns shrink toward their minimum (widest first); if the row is still too wide, the
    columns with the highest `drop` go, one at a time. The first column is never dropped."""
    if limit is None:
        return list(natural)
    floors = [
        width
        if column.keep_whole
        else min(width, max(column.shrink_to or column.min_width, len(column.header)))
        for column, width in zip(columns, natural, strict=True)
    ]
    droppable = sorted(
        (index for index, column in enumerate(columns) if column.drop),
        key=lambda index: -columns[index].drop,
    )
    dropped: set[int] = set()
    while True:
        widths: list[int | None] = [
            None if index in dropped else width for index, width in enumerate(natural)
        ]
        kept = [index for index, width in enumerate(widths) if width is not None]
        excess = sum(natural[index] for index in kept) + _GAP * (len(kept) - 1) - limit
        while excess > 0:
            shrinkable = [index for index in kept if (widths[index] or 0) > floors[index]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda index: widths[index] or 0)
            widths[widest] = (widths[widest] or 0) - 1
            excess -= 1
        if excess <= 0 or not droppable:
            return widths
        dropped.add(droppable.pop(0))


class _TableWriter:
    """A table (drawn by rich) whose column widths come from the first page, fitted to the
    terminal's width in display cells, then kept, so later rows print as their pages arrive
    instead of after the last one. Headers and cells are plain text, never rich markup."""

    def __init__(
        self,
        stream: TextIO,
        columns: tuple[Column[Any], ...],
        *,
        width: int | None,
        styled: bool,
        console: Console | None = None,
    ) -> None:
        self._stream = stream
        self._columns = columns
        self._limit = width
        self._styled = styled
        self._console = console  # a live progress display's, to print above it
        self._widths: list[int | None] = []

    def _table(self, rows: list[list[str]], *, header: bool) -> Table:
        from rich.table import Table  # noqa: PLC0415 (rich only when a table is drawn)
        from rich.text import Text  # noqa: PLC0415

        table = Table(
            box=None,
            show_header=header,
            header_style="bold" if self._styled else "",
            pad_edge=False,
            padding=(0, _GAP // 2),
            show_edge=False,
            expand=False,
        )
        kept = [
            (index, column, width)
            for index, (column, width) in enumerate(zip(self._columns, self._widths, strict=True))
            if width is not None
        ]
        for _, column, width in kept:
            table.add_column(
                Text(column.header),
                width=width,
                min_width=width,
                max_width=width,
                justify="right" if column.numeric else "left",
                no_wrap=not column.keep_whole,
                overflow="fold" if column.keep_whole else "ellipsis",
            )
        for row in rows:
            table.add_row(*(Text(row[index]) for index, _, _ in kept))
        return table

    def _render(self, table: Table) -> None:
        from rich.console import Console  # noqa: PLC0415

        if self._console is not None:
            self._console.print(table)
            return
        kept = [width for width in self._widths if width is not None]
        natural = sum(kept) + _GAP * (len(kept) - 1)
        capture = io.StringIO()
        console = Console(
            file=capture,
            width=max(natural, 1) if self._limit is None else self._limit,
            force_terminal=self._styled,
            color_system="standard" if self._styled else None,
            highlight=False,
            emoji=False,
            markup=False,
            legacy_windows=False,
            soft_wrap=False,
        )
        console.print(table)
        lines = capture.getvalue().splitlines()
        self._stream.write("".join(line.rstrip() + "\n" for line in lines))

    def write_page(self, items: Sequence[Any]) -> None:
        from rich.cells import cell_len  # noqa: PLC0415

        rows = [[clean_cell(column.cell(item)) for column in self._columns] for item in items]
        if not rows:
            return
        first = not self._widths
        if first:
            natural = [
                max(
                    len(column.header),
                    max(cell_len(row[index]) for row in rows)
                    if column.keep_whole
                    else min(
                        column.max_width,
                        max(column.min_width, *(cell_len(row[index]) for row in rows)),
                    ),
                )
                for index, column in enumerate(self._columns)
            ]
            self._widths = fit_widths(self._columns, natural, self._limit)
        self._render(self._table(rows, header=first))

    def finish(self) -> None:
        pass


FORMATS = ("csv", "json", "jsonl", "table")


def make_writer(
    output_format: str,
    stream: TextIO,
    columns: Columns[Any],
    *,
    resumed: bool = False,
    csv_options: CsvOptions | None = None,
    width: int | None = None,
    styled: bool = False,
    console: Console | None = None,
) -> Writer:
    if output_format == "jsonl":
        return _JsonLinesWriter(stream, resumed=resumed)
    if output_format == "json":
        return _JsonArrayWriter(stream, resumed=resumed)
    if output_format == "csv":
        return _CsvWriter(stream, columns.csv, csv_options or CsvOptions(), resumed=resumed)
    return _TableWriter(stream, columns.table, width=width, styled=styled, console=console)
