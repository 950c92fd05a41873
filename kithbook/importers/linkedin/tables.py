"""LinkedIn's tables: which of them an export holds, each known by its header's names,
wherever the header is (Connections.csv has had a "Notes:" preamble above it since 2020)
and whatever the order, case and spacing of the columns.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from ...model import Problem, Source
from ..exports import ExportFile, export_files, read_export
from .spreadsheet import Row, column, decoded, header, rows

#: The columns that name each table (as ``column`` writes them); the rest are mapped by
#: name when present. The 2018 layout of messages is told from today's by its lack of
#: a conversation id, so today's comes first.
HEADERS = {
    "connections": frozenset({"firstname", "lastname", "connectedon"}),
    "messages": frozenset({"conversationid", "from", "date"}),
    "messages 2018": frozenset({"from", "to", "date", "subject"}),
    "invitations": frozenset({"from", "to", "sentat", "direction"}),
}
TABLE_ORDER = ("connections", "messages", "messages 2018", "invitations")
FILE_NAMES = frozenset({"connections.csv", "messages.csv", "invitations.csv"})


def table_text(file: ExportFile) -> str:
    """The text of a file of the export (``decoded``); Refused if it cannot be read."""
    return read_export(file, decoded)


def table_of_header(cells: list[str]) -> str | None:
    """The LinkedIn table whose header ``cells`` are, by the names of its columns."""
    names = {column(cell) for cell in cells}
    return next((table for table, needed in HEADERS.items() if needed <= names), None)


def table_of(text: str) -> str | None:
    """Which LinkedIn table ``text`` holds ('connections', ...), found by its header."""
    found = header(text, table_of_header)
    return found[0] if found else None


def table_rows(file: ExportFile, text: str) -> Iterator[Row]:
    """The rows of the LinkedIn table in ``text`` (``spreadsheet.rows``)."""
    return rows(file, text, table_of_header)


def export_tables(path: Path) -> list[ExportFile]:
    """The files of an export that hold LinkedIn's tables: the one file given, or those
    of a folder or archive named as LinkedIn names them."""
    files = export_files(path)
    if path.is_file() and not zipfile.is_zipfile(path):
        return files
    return [file for file in files if file.name.lower() in FILE_NAMES]


def read_tables(path: Path) -> tuple[list[tuple[str, ExportFile, str]], list[Problem]]:
    """(table, file, text) for each LinkedIn table of the export, Connections first; and
    a warning for each file named as LinkedIn names its tables that holds none of the
    layouts read here (so that it is not left out without a word)."""
    found, problems = [], []
    for file in export_tables(path):
        text = table_text(file)
        table = table_of(text)
        if table:
            found.append((table, file, text))
            continue
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        problems.append(
            Problem(
                Source(file.shown),
                "warning",
                f"not read: its columns ({first[:80] or 'none'}) are none of the LinkedIn "
                "layouts kithbook knows",
            )
        )
    return sorted(found, key=lambda item: TABLE_ORDER.index(item[0])), problems
