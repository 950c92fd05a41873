"""CSV files as LinkedIn writes them, or as a spreadsheet re-saves them.

A file re-saved by a spreadsheet is read as it comes: UTF-8 with or without a byte-order
mark, UTF-16 (Excel's "Unicode Text"), Windows' code page (line by line, where a line is
not UTF-8), commas, semicolons or tabs between the cells, a header row below a preamble,
columns in any order, case and spacing, and ``NA`` or ``N/A`` for an empty cell. Which
table a header names is for the caller to say (``tables``).
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ...model import Source
from .. import Refused
from ..exports import ExportFile, binary

#: How far down a file its header may be (today's preamble is three or four lines).
HEADER_ROWS = 30
#: What may stand between cells: a comma, or what a spreadsheet writes instead (a
#: semicolon where the comma is the decimal mark, a tab in Excel's "Unicode Text").
DELIMITERS = (",", ";", "\t")
#: What spreadsheets write in a cell that holds nothing (``NA`` from R, ``#N/A`` from Excel).
BLANKS = frozenset({"na", "n/a", "#n/a"})

#: Which table a row of cells is the header of; None when it is no header.
TableOf = Callable[[list[str]], str | None]


@functools.lru_cache(maxsize=512)
def column(name: str) -> str:
    """A column's name as tables are matched: case, spaces, underscores, hyphens and
    dots aside (``Connected On``, ``Connected on`` and ``ConnectedOn`` are one column)."""
    return re.sub(r"[\s_.\-]+", "", name).casefold()


@dataclass(frozen=True)
class Row:
    """A row of a table: its cells by column (as ``column`` writes the names), and where
    it is."""

    source: Source
    cells: dict[str, str]

    def raw(self, name: str) -> str:
        """The cell as written (a name is compared as written: its spaces count)."""
        return self.cells.get(column(name), "")

    def get(self, name: str) -> str:
        """The cell, stripped."""
        return self.raw(name).strip()

    def value(self, name: str) -> str:
        """The cell, stripped, and empty where a spreadsheet wrote ``NA``, ``N/A`` or
        ``#N/A`` for nothing."""
        text = self.get(name)
        return "" if text.casefold() in BLANKS else text


def decoded(data: bytes) -> str | None:
    """The text of a file as LinkedIn or a spreadsheet saved it, line ends as written:
    UTF-16 after its byte-order mark (Excel's "Unicode Text"), else UTF-8 (a BOM
    dropped), else line by line UTF-8 or Windows' code page, which is what spreadsheets
    save CSV files in (a file of both is a file re-saved with some lines re-encoded).
    None if it is not text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if binary(data):
        return None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(_line_text(line) for line in data.splitlines(keepends=True))


def _line_text(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def header(text: str, table_of: TableOf) -> tuple[str, str] | None:
    """(table, delimiter) of the first row of ``text`` that is a header (``table_of``
    names its table), within HEADER_ROWS rows, trying each delimiter in turn; None if
    there is none."""
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for number, cells in enumerate(reader):
                if number >= HEADER_ROWS:
                    break
                table = table_of(cells)
                if table:
                    return table, delimiter
        except csv.Error:
            continue
    return None


def rows(file: ExportFile, text: str, table_of: TableOf) -> Iterator[Row]:
    """The rows below the header (``header``), each with its cells by column and the line
    it starts on; blank lines are passed over."""
    found = header(text, table_of)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=found[1] if found else ",")
    columns: list[str] | None = None
    line = 0
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if columns is None:
                if table_of(cells):
                    columns = [column(cell) for cell in cells]
                continue
            if not any(cell.strip() for cell in cells):
                continue
            yield Row(Source(file.shown, start), dict(zip(columns, cells, strict=False)))
    except csv.Error as error:
        raise Refused(f"{file.shown}:{line + 1}: cannot read the CSV: {error}") from None
