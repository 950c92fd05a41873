"""LinkedIn's data export: Connections.csv, messages.csv (2018: Messages.csv) and
Invitations.csv.

Given one of the files, the export's folder, or its zip archive. Each table is found
by its header's names, wherever the header is (Connections.csv has had a "Notes:"
preamble above it since 2020) and whatever the order, case and spacing of the columns.
A file re-saved by a spreadsheet is read as it comes: UTF-8 with or without a
byte-order mark, UTF-16 (Excel's "Unicode Text"), Windows' code page (line by line,
where a line is not UTF-8), commas, semicolons or tabs between the cells, the dates
spreadsheets write (``23-Apr-23``, ``27-juil-25``, ``16.09.2021``, ...), and ``NA`` or
``N/A`` for an empty cell.

- Connections.csv: a person per row: name, profile address (exports have the column
  since 2022, not all of them), email (when they share it; older exports put
  ``urn:li:member:...`` there, which is not an email), company and position (``org``,
  ``role``), and ``Connected On`` as ``met``. Rows of hidden profiles hold only a
  date: they are skipped and counted.
- messages.csv: a written event (kind ``message``) per conversation and day, with the
  others in the conversation; uid ``linkedin-message:<conversation id>:<day>``. The
  text of the messages is not copied. People are created only from conversations in
  which you wrote too. Accounts LinkedIn hides ("LinkedIn Member") are no one, and
  sponsored conversations are skipped. Until late 2022 the recipients of a message had
  no profile addresses, only their names joined by commas: they are told apart by the
  names the export knows whole (see ``split_recipients``).
- Messages.csv (2018): ``From,To,Date,Subject,Content,Direction,Folder``, without
  conversation ids: a conversation is the people in it, uid
  ``linkedin-message:<their name keys>:<day>``.
- Invitations.csv: who reached out (``by``), as an event on the day of the invitation:
  kind ``message`` when it carries a note, else ``like`` (a signal, not a talk). It
  adds no one: it is for people already in the journal or in Connections.csv.

A warning repeated on many rows (a date that cannot be read) is one line with a count.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..model import Me, Problem, Source
from ..text import slugify
from . import (
    Context,
    EventRecord,
    ExportFile,
    Extract,
    Owner,
    PersonRecord,
    Refused,
    Skip,
    email_address,
    export_files,
    read_file,
)
from . import linkedin_id as _linkedin_id
from . import name_key as _name_key

KIND = "linkedin"
WHAT = "a LinkedIn export (Connections.csv, messages.csv or Invitations.csv)"

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
#: How far down a file its header may be (today's preamble is three or four lines).
HEADER_ROWS = 30
#: What may stand between cells: a comma, or what a spreadsheet writes instead (a
#: semicolon where the comma is the decimal mark, a tab in Excel's "Unicode Text").
DELIMITERS = (",", ";", "\t")
#: What spreadsheets write in a cell that holds nothing (``NA`` from R, ``#N/A`` from Excel).
BLANKS = frozenset({"na", "n/a", "#n/a"})
#: The name LinkedIn gives an account it hides (deleted, or private to you).
HIDDEN = "LinkedIn Member"
SPONSORED = "sponsored conversation"

# A messages.csv names the same few hundred people on each of its 100,000 rows.
name_key = functools.lru_cache(maxsize=1 << 16)(_name_key)
linkedin_id = functools.lru_cache(maxsize=1 << 16)(_linkedin_id)


# ---------------------------------------------------------------- reading the files


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
    if b"\0" in data[:4096]:
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


def _text(file: ExportFile) -> str:
    """The text of a file of the export (``decoded``); Refused if it cannot be read."""
    try:
        data = file.read()
    except (OSError, zipfile.BadZipFile) as error:
        raise Refused(
            f"cannot read {file.shown}: {getattr(error, 'strerror', None) or error}"
        ) from None
    text = decoded(data)
    if text is None:
        raise Refused(f"cannot read {file.shown}: it is not a text file")
    return text


def _head(path: Path, size: int = 16384) -> str:
    """The start of the file ``path`` as text, to identify it ("" if it cannot be read)."""
    try:
        return decoded(read_file(path, path.name, size)) or ""
    except (OSError, Refused):
        return ""


def _header(text: str) -> tuple[str, str] | None:
    """(table, delimiter) of the first row of ``text`` that is a LinkedIn header, within
    HEADER_ROWS rows, trying each delimiter in turn; None if there is none."""
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for number, cells in enumerate(reader):
                if number >= HEADER_ROWS:
                    break
                table = _table_of_header(cells)
                if table:
                    return table, delimiter
        except csv.Error:
            continue
    return None


def _table_of_header(cells: list[str]) -> str | None:
    names = {column(cell) for cell in cells}
    return next((table for table, needed in HEADERS.items() if needed <= names), None)


def table_of(text: str) -> str | None:
    """Which LinkedIn table ``text`` holds ('connections', ...), found by its header."""
    found = _header(text)
    return found[0] if found else None


def rows(file: ExportFile, text: str) -> Iterator[Row]:
    """The rows below the header, each with its cells by column and the line it starts
    on; blank lines are passed over."""
    found = _header(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=found[1] if found else ",")
    columns: list[str] | None = None
    line = 0
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if columns is None:
                if _table_of_header(cells):
                    columns = [column(cell) for cell in cells]
                continue
            if not any(cell.strip() for cell in cells):
                continue
            yield Row(Source(file.shown, start), dict(zip(columns, cells, strict=False)))
    except csv.Error as error:
        raise Refused(f"{file.shown}:{line + 1}: cannot read the CSV: {error}") from None


class _Warnings:
    """The warnings of a table, a line per kind: the first, and how many more rows say
    the same (a re-saved file can give the same warning on every one of 2,000 rows)."""

    def __init__(self) -> None:
        self._found: dict[str, list[Problem]] = {}

    def add(self, kind: str, source: Source, message: str) -> None:
        self._found.setdefault(kind, []).append(Problem(source, "warning", message))

    def problems(self) -> tuple[Problem, ...]:
        """A problem per kind: the first found, with the count of the others."""
        grouped = []
        for found in self._found.values():
            first = found[0]
            if len(found) > 1:
                more = f" (and {len(found) - 1:,} more like it)"
                first = Problem(first.source, first.level, first.message + more)
            grouped.append(first)
        return tuple(grouped)


# ---------------------------------------------------------------- dates

_MONTH_NAMES = (
    "january janvier januar enero gennaio januari janeiro",
    "february fevrier februar febrero febbraio februari fevereiro",
    "march mars marz marzo maart marco",
    "april avril abril aprile",
    "may mai mayo maggio mei maio",
    "june juin juni junio giugno junho",
    "july juillet juli julio luglio julho",
    "august aout agosto augustus",
    "september septembre septiembre settembre setembro",
    "october octobre oktober octubre ottobre outubro",
    "november novembre noviembre novembro",
    "december decembre dezember diciembre dicembre dezembro",
)


def _month_words() -> dict[str, int]:
    """Month by the words spreadsheets write for it, in English, French, German, Spanish,
    Italian, Dutch and Portuguese, accents aside: each name and each beginning of it of
    three letters or more that no other month's name begins with (``juil``, not ``jui``)."""
    months: dict[str, set[int]] = {}
    for number, names in enumerate(_MONTH_NAMES, start=1):
        for name in names.split():
            for end in range(3, len(name) + 1):
                months.setdefault(name[:end], set()).add(number)
    words = {word: next(iter(found)) for word, found in months.items() if len(found) == 1}
    return words | {"mrz": 3, "mrt": 3}  # German and Dutch abbreviations of March


_MONTHS = _month_words()
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
_DAY_MONTH = re.compile(r"(\d{1,2})\.?[\s/-]*([^\W\d_]{3,})\.?[\s/.-]*(\d{4}|\d{2})(?!\d)")
_MONTH_DAY = re.compile(r"([^\W\d_]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)")


def linkedin_date(text: str, day_first: bool = False) -> date | None:
    """A date as LinkedIn writes one, or a spreadsheet re-saves it; None if it is none.

    LinkedIn: ``07 Feb 2026`` (today), ``1/8/18, 6:14 PM`` (before, month first),
    ``2026-02-07 10:22:33 UTC`` (messages). Spreadsheets: ``23-Apr-23``, ``9-Sep-22``,
    ``27-juil-25``, ``Feb 7, 2026``, ``16.09.2021`` and ``16-09-2021`` (day first),
    ``1/8/2018 18:14``, or ``08/01/2018`` where ``day_first`` (``slashes_day_first``).
    A year of two digits is in this century (LinkedIn began in 2003)."""
    text = text.strip()
    try:
        if match := _ISO.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _NUMERIC.match(text):
            first, second = int(match[1]), int(match[3])
            day, month = (first, second) if match[2] != "/" or day_first else (second, first)
            return date(_year(match[4]), month, day)
        if match := _DAY_MONTH.match(text):
            month = _MONTHS.get(slugify(match[2]))
            return date(_year(match[3]), month, int(match[1])) if month else None
        if match := _MONTH_DAY.match(text):
            month = _MONTHS.get(slugify(match[1]))
            return date(int(match[3]), month, int(match[2])) if month else None
    except ValueError:
        return None
    return None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def slashes_day_first(values: Iterable[str]) -> bool:
    """Whether the dates of a column written with slashes put the day first, as a
    spreadsheet of a day-first country re-saves LinkedIn's ``1/8/18`` (``08/01/2018``):
    when some date can only be read so (a first number above 12) and none only month
    first. LinkedIn itself writes the month first."""
    day = month = False
    for value in values:
        match = _NUMERIC.match(value.strip())
        if match and match[2] == "/":
            day = day or int(match[1]) > 12
            month = month or int(match[3]) > 12
    return day and not month


def _clock(text: str) -> str:
    """The time of day in a date as ``HH:MM:SS`` (``6:14 PM`` is ``18:14:00``), to put
    the messages of a day in order; "" when there is none."""
    match = re.search(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?", text)
    if not match:
        return ""
    hour = int(match[1])
    if match[4]:
        hour = hour % 12 + (12 if match[4].lower() == "pm" else 0)
    return f"{hour:02d}:{match[2]}:{match[3] or '00'}"


# ---------------------------------------------------------------- identify


def identify(path: Path) -> bool:
    """A LinkedIn CSV (by its header), or a folder or zip archive holding one."""
    if path.is_file() and not zipfile.is_zipfile(path):
        return table_of(_head(path)) is not None
    try:
        return bool(_export_tables(path))
    except Refused:
        return False


def _export_tables(path: Path) -> list[ExportFile]:
    """The files of an export that hold LinkedIn's tables: the one file given, or those
    of a folder or archive named as LinkedIn names them."""
    files = export_files(path)
    if path.is_file() and not zipfile.is_zipfile(path):
        return files
    return [file for file in files if file.name.lower() in FILE_NAMES]


def _tables(path: Path) -> tuple[list[tuple[str, ExportFile, str]], list[Problem]]:
    """(table, file, text) for each LinkedIn table of the export, Connections first; and
    a warning for each file named as LinkedIn names its tables that holds none of the
    layouts read here (so that it is not left out without a word)."""
    found, problems = [], []
    for file in _export_tables(path):
        text = _text(file)
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


# ---------------------------------------------------------------- extract


def extract(path: Path, context: Context) -> Extract:
    """People and events of every LinkedIn table in the export."""
    people: list[PersonRecord] = []
    events: list[EventRecord] = []
    skipped: list[Skip] = []
    tables, problems = _tables(path)
    connected: list[str] = []  # the names of Connections.csv help to read messages
    for table, file, text in tables:
        if table == "connections":
            part = _connections(file, text, context)
            connected += [person.name for person in part.people if person.name]
        elif table == "invitations":
            part = _invitations(file, text, context)
        else:
            part = _messages(file, text, context, connected, table)
        people += part.people
        events += part.events
        skipped += part.skipped
        problems += part.problems
    return Extract(tuple(people), tuple(events), tuple(skipped), tuple(problems))


def _connections(file: ExportFile, text: str, context: Context) -> Extract:
    people: list[PersonRecord] = []
    skipped: list[Skip] = []
    warnings = _Warnings()
    table = list(rows(file, text))
    # A file that writes NA for an empty email writes it for an empty name too; "Na"
    # is a name all the same (a Korean family name), and so is NA in any other file.
    blank_names = any(row.get("email address").casefold() in BLANKS for row in table)
    day_first = slashes_day_first(row.value("connected on") for row in table)
    for row in table:
        names = (row.get(c) for c in ("first name", "last name"))
        kept = (n for n in names if not (blank_names and n.upper() == n and n.casefold() in BLANKS))
        name = " ".join(" ".join(kept).split())
        url = row.value("url") or row.value("profile url") or row.value("linkedin url")
        email = email_address(row.value("email address") or row.value("email"))
        if not name and not url and not email:
            skipped.append(Skip(row.source, "a hidden profile (only a date)"))
            continue
        connected = row.value("connected on")
        met = linkedin_date(connected, day_first)
        if connected and met is None:
            warnings.add("date", row.source, f"'{connected}' is not a date: no met")
        facts: dict[str, object] = {
            "met": met,
            "org": row.value("company") or None,
            "role": row.value("position") or None,
            "contact.email": [email] if email else None,
            "contact.linkedin": url or None,
        }
        people.append(
            PersonRecord(
                source=row.source,
                key=f"connection:{row.source}",
                name=name or None,
                facts={k: v for k, v in facts.items() if v},
                new_facts={"how_we_met": "LinkedIn"},
            )
        )
    return Extract(tuple(people), (), tuple(skipped), warnings.problems())


# ---------------------------------------------------------------- names in messages


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _hidden_name(name: str) -> bool:
    """Whether ``name`` is the one LinkedIn gives an account it hides (deleted, or
    private to you): "LinkedIn Member". It names no one."""
    return _fold(name) == _fold(HIDDEN)


def _hidden(name: str, url: str | None) -> bool:
    """Whether a participant is an account LinkedIn hides, with no profile address to
    find it by: no one."""
    return not url and _hidden_name(name)


@dataclass
class Names:
    """What the export tells of names: those it writes whole (each message's sender, a
    recipient given with one profile address, your name, the names of Connections.csv),
    and the profile address of each, so that a recipient written without one is the
    sender who has one."""

    whole: set[str] = field(default_factory=set)
    folded: set[str] = field(default_factory=set)
    spaced: set[str] = field(default_factory=set)
    urls: dict[str, dict[str, str]] = field(default_factory=dict)
    by_url: dict[str, str] = field(default_factory=dict)
    splits: dict[tuple[str, int | None], tuple[list[str], list[str]]] = field(default_factory=dict)

    def add(self, name: str, url: str | None = None, as_written: bool = True) -> None:
        """A name known whole (``as_written``: exactly as the file writes it), and its
        profile address if it has one."""
        if not name.strip():
            return
        if as_written:
            self.whole.add(name)
            if name[:1].isspace():
                self.spaced.add(name)
        self.folded.add(_fold(name))
        profile = linkedin_id(url) if url and not _hidden_name(name) else None
        if url and profile:
            self.urls.setdefault(name_key(name), {}).setdefault(profile, url)
            self.by_url.setdefault(profile, name.strip())

    def known(self, text: str) -> bool:
        """Whether ``text`` is a name known whole."""
        return text in self.whole or _fold(text) in self.folded

    def url_of(self, name: str, nearby: dict[str, str]) -> str | None:
        """The profile address of ``name``: the one it has in its conversation
        (``nearby``), else the one it has in the export, if it has only one."""
        key = name_key(name)
        if key in nearby:
            return nearby[key]
        found = self.urls.get(key, {})
        return next(iter(found.values())) if len(found) == 1 else None


def _names(table: list[Row], connected: Iterable[str], me: str | None) -> Names:
    names = Names()
    names.add(HIDDEN)
    for row in table:
        names.add(row.raw("from"), row.get("sender profile url") or None)
        urls = _split_urls(row.get("recipient profile urls"))
        if len(urls) == 1:
            names.add(row.raw("to"), urls[0])
    for name in connected:
        names.add(name, as_written=False)
    if me and me != "Me":
        names.add(me, as_written=False)
    return names


_BRACKETS = {"(": ")", "[": "]", "{": "}"}
#: The most pieces a name is looked for in (``Ada Obi MBA,ACA,CFA`` is three): a group's
#: TO cell of fifty names is not tried whole, and in every way.
NAME_PIECES = 12


def split_recipients(
    cell: str, names: Names, count: int | None = None
) -> tuple[list[str], list[str]]:
    """The names in the TO cell of a message, and the parts of it that may be one name
    or several.

    LinkedIn joins the names of the recipients with a bare comma, and names hold commas
    too: ``Femi O SPHRi, CPHR`` and ``Kehinde Ade (ACIPM,HRPL)`` are one name each. So the
    cell is cut only at a comma outside brackets with no space after it (unless a name
    known to begin with a space follows); a run of pieces that is a name known whole is
    that name; a piece alone between names is a name. What stays, two or more pieces
    that could be one name with commas or several names, is given back apart, to be
    reported rather than guessed. ``count``, the number of profile addresses given with
    the names, settles a cut that agrees with it."""
    if not cell.strip():
        return [], []
    if names.known(cell):
        return [cell.strip()], []
    pieces = [piece for piece in _pieces(cell, names) if piece.strip()]
    if len(pieces) <= 1 or count == len(pieces):
        return [piece.strip() for piece in pieces], []
    found: list[tuple[list[str], bool]] = []  # pieces of a name, and whether it is sure
    run: list[str] = []
    start = 0
    while start < len(pieces):
        longest = min(len(pieces), start + NAME_PIECES)
        end = next(
            (e for e in range(longest, start, -1) if names.known(",".join(pieces[start:e]))), 0
        )
        if not end:
            run.append(pieces[start])
            start += 1
            continue
        if run:
            found.append((run, len(run) == 1))
            run = []
        found.append((pieces[start:end], True))
        start = end
    if run:
        found.append((run, len(run) == 1))
    found = _settled(found, count)
    return (
        [",".join(parts).strip() for parts, sure in found if sure],
        [",".join(parts).strip() for parts, sure in found if not sure],
    )


def _settled(
    found: list[tuple[list[str], bool]], count: int | None
) -> list[tuple[list[str], bool]]:
    """``found`` with its one unsure run settled by ``count`` when only one reading of it
    gives that many names (all its pieces apart, or all of them one name)."""
    unsure = [number for number, (_, sure) in enumerate(found) if not sure]
    if count is None or len(unsure) != 1:
        return found
    number = unsure[0]
    run, needed = found[number][0], count - (len(found) - 1)
    if needed == 1:
        return [*found[:number], (run, True), *found[number + 1 :]]
    if needed == len(run):
        return [*found[:number], *[([piece], True) for piece in run], *found[number + 1 :]]
    return found


def _pieces(cell: str, names: Names) -> list[str]:
    """``cell`` cut at each comma that may join two names (``split_recipients``)."""
    pieces, start, at = [], 0, 0
    while at < len(cell):
        char = cell[at]
        if char in _BRACKETS:
            end = _closing(cell, at)
            if end is not None:
                at = end + 1
                continue
        elif char == "," and _joins(cell, at + 1, names):
            pieces.append(cell[start:at])
            start = at + 1
        at += 1
    pieces.append(cell[start:])
    return pieces


def _joins(cell: str, after: int, names: Names) -> bool:
    if after >= len(cell):
        return False
    if not cell[after].isspace():
        return True
    return any(cell.startswith(name, after) for name in names.spaced)


def _closing(text: str, start: int) -> int | None:
    """Where the bracket opened at ``start`` closes; None if it never does."""
    opening, closing, depth = text[start], _BRACKETS[text[start]], 0
    for at in range(start, len(text)):
        if text[at] == opening:
            depth += 1
        elif text[at] == closing:
            depth -= 1
            if depth == 0:
                return at
    return None


# ---------------------------------------------------------------- messages


@dataclass(frozen=True)
class Message:
    """A message, read: its conversation and day, and the sender and recipients as
    (name, profile address), accounts LinkedIn hides left out (``hidden`` says whether
    there were any). ``unsure`` holds the parts of the TO cell that may be one name or
    several; ``outgoing`` is the 2018 layout's Direction (None without it)."""

    source: Source
    conversation: str
    day: date
    clock: str
    sender: tuple[str, str | None]
    recipients: tuple[tuple[str, str | None], ...]
    hidden: bool = False
    unsure: tuple[str, ...] = ()
    outgoing: bool | None = None


def _split_urls(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,;]+", text) if part]


def _participants(message: Message) -> list[tuple[str, str | None]]:
    """(name, profile address) of the sender, then of each recipient of a message."""
    sender = [message.sender] if message.sender[0] or message.sender[1] else []
    return sender + list(message.recipients)


def _read(row: Row, day: date, names: Names, nearby: dict[str, str], table: str) -> Message:
    """A row of messages.csv as a Message (``nearby``: the profile addresses of the names
    in its conversation)."""
    name, url = row.get("from"), row.get("sender profile url") or None
    hidden = _hidden(name, url)
    name = "" if _hidden_name(name) else name
    url = url or (names.url_of(name, nearby) if name else None)
    urls = _split_urls(row.get("recipient profile urls"))
    recipients: list[tuple[str, str | None]] = []
    unsure: list[str] = []
    if len(urls) == 1:
        recipients = [(row.get("to"), urls[0])]
    else:
        cell = (row.raw("to"), len(urls) or None)
        if cell not in names.splits:  # a group's cell comes again with each message
            names.splits[cell] = split_recipients(cell[0], names, cell[1])
        found, unsure = names.splits[cell]
        if not urls:
            recipients = [(each, names.url_of(each, nearby)) for each in found]
        elif len(found) == len(urls) and not unsure:
            recipients = list(zip(found, urls, strict=True))
        else:  # the names do not tell whose each address is
            recipients = [(names.by_url.get(linkedin_id(u) or "", ""), u) for u in urls]
            unsure = []
    kept = [(n, u) for n, u in recipients if not _hidden(n, u)]
    direction = row.get("direction").upper()
    return Message(
        source=row.source,
        conversation="" if table == "messages 2018" else row.get("conversation id"),
        day=day,
        clock=_clock(row.get("date")),
        sender=(" ".join(name.split()), url),
        recipients=tuple(("" if _hidden_name(n) else " ".join(n.split()), u) for n, u in kept),
        hidden=hidden or len(kept) < len(recipients),
        unsure=tuple(unsure),
        outgoing={"OUTGOING": True, "INCOMING": False}.get(direction),
    )


def _nearby(table: list[Row]) -> dict[str, dict[str, str]]:
    """For each conversation, the profile address of each name that has exactly one
    there (as senders give them)."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for row in table:
        name, url = row.get("from"), row.get("sender profile url")
        profile = linkedin_id(url) if url and name else None
        if profile:
            by_name = found.setdefault(row.get("conversation id"), {})
            by_name.setdefault(name_key(name), {}).setdefault(profile, url)
    return {
        conversation: {key: next(iter(u.values())) for key, u in by_name.items() if len(u) == 1}
        for conversation, by_name in found.items()
    }


def _who_is_me(conversations: dict[str, list[Message]], context: Context) -> set[str]:
    """The keys (profile id or name) that are you: your name from the config, else the
    one profile that is in every conversation."""
    mine = name_key(context.me.name) if context.me.name and context.me.name != "Me" else ""
    me: set[str] = set()
    counts: dict[str, int] = {}
    for messages in conversations.values():
        keys = set()
        for row in messages:
            for name, url in _participants(row):
                key = _person_key(name, url)
                keys.add(key)
                if mine and name and name_key(name) == mine:
                    me.add(key)
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    if me:
        return me
    everywhere = [
        key for key, n in counts.items() if n == len(conversations) and key.startswith("in/")
    ]
    return set(everywhere) if len(everywhere) == 1 and len(conversations) > 1 else set()


def _me_by_direction(messages: list[Message]) -> set[str]:
    """The keys that are you by the 2018 layout's Direction: the sender of what went out,
    the one recipient of what came in."""
    me = set()
    for message in messages:
        if message.outgoing and (message.sender[0] or message.sender[1]):
            me.add(_person_key(*message.sender))
        elif message.outgoing is False and len(message.recipients) == 1:
            me.add(_person_key(*message.recipients[0]))
    return me


def _person_key(name: str, url: str | None) -> str:
    return (linkedin_id(url) if url else None) or f"name:{name_key(name)}"


def _by_conversation(messages: list[Message]) -> dict[str, list[Message]]:
    conversations: dict[str, list[Message]] = {}
    for message in messages:
        key = message.conversation or f"line-{message.source.line}"
        conversations.setdefault(key, []).append(message)
    return conversations


def _with_others(messages: list[Message], me: set[str]) -> dict[str, list[Message]]:
    """The messages of the 2018 layout, which has no conversation ids, by conversation:
    the others in it (their keys, joined)."""
    conversations: dict[str, list[Message]] = {}
    for message in messages:
        keys = sorted({_person_key(*p) for p in _participants(message)} - me)
        if keys:
            conversations.setdefault("+".join(keys), []).append(message)
    return conversations


def _skipped_message(row: Row, sponsored: set[str]) -> bool:
    """Whether a row is a draft, spam or sponsored: LinkedIn files sponsored messages
    under INBOX too, in conversations titled "Sponsored Conversation"."""
    return (
        row.get("folder").upper() == "SPAM"
        or "SPONSORED" in row.get("folder").upper()
        or row.get("is message draft").lower() == "yes"
        or row.get("conversation title").casefold() == SPONSORED
        or row.get("conversation id") in sponsored
    )


def _read_messages(
    file: ExportFile,
    text: str,
    me_name: str | None,
    connected: Iterable[str],
    table_name: str,
) -> tuple[list[Message], list[Skip]]:
    """The messages of messages.csv that are conversations, read (names split, addresses
    found), and the rows skipped: drafts, spam, sponsored threads, rows without a date."""
    skipped: list[Skip] = []
    table = list(rows(file, text))
    sponsored = {
        row.get("conversation id")
        for row in table
        if row.get("conversation title").casefold() == SPONSORED and row.get("conversation id")
    }
    day_first = slashes_day_first(row.get("date") for row in table)
    kept: list[tuple[Row, date]] = []
    for row in table:
        day = linkedin_date(row.get("date"), day_first)
        if _skipped_message(row, sponsored):
            skipped.append(Skip(row.source, "a draft, spam or a sponsored message"))
        elif day is None:
            skipped.append(Skip(row.source, "a message without a date"))
        else:
            kept.append((row, day))
    names = _names([row for row, _ in kept], connected, me_name)
    nearby = _nearby([row for row, _ in kept])
    messages = [
        _read(row, day, names, nearby.get(row.get("conversation id"), {}), table_name)
        for row, day in kept
    ]
    return messages, skipped


def _messages(
    file: ExportFile,
    text: str,
    context: Context,
    connected: Iterable[str] = (),
    table_name: str = "messages",
) -> Extract:
    """The conversations of messages.csv (``table_name`` "messages 2018": Messages.csv),
    with their people; ``connected``, the names of Connections.csv, help to tell the
    recipients of a message apart."""
    messages, skipped = _read_messages(file, text, context.me.name, connected, table_name)
    conversations = _by_conversation(messages)
    me = _who_is_me(conversations, context)
    if table_name == "messages 2018":
        me |= _me_by_direction(messages)
        conversations = _with_others(messages, me)
    if conversations and not me:
        problem = Problem(
            Source(file.shown),
            "warning",
            "cannot tell which participant is you, so no messages were imported: "
            "set extra.kithbook.me.name in mkdocs.yml to your name on LinkedIn",
        )
        return Extract((), (), tuple(skipped), (problem,))
    people: list[PersonRecord] = []
    events: list[EventRecord] = []
    for conversation, items in conversations.items():
        part = _conversation(conversation, items, me)
        people += part.people
        events += part.events
        skipped += part.skipped
    return Extract(tuple(people), tuple(events), tuple(skipped), _unsure(conversations))


def _unsure(conversations: dict[str, list[Message]]) -> tuple[Problem, ...]:
    """A warning for each run of names of a conversation that may be one name or several."""
    warnings = _Warnings()
    for messages in conversations.values():
        seen: set[str] = set()
        for message in messages:
            for text in message.unsure:
                if text not in seen:
                    seen.add(text)
                    warnings.add(
                        "unsure",
                        message.source,
                        f"'{text}' may be one name or several (LinkedIn writes commas "
                        "between the names of recipients, and in some names): left out "
                        "of the conversation; add them by hand",
                    )
    return warnings.problems()


def _conversation(conversation: str, messages: list[Message], me: set[str]) -> Extract:
    """The people of one conversation, and an event per day on which it went on."""
    others: dict[str, tuple[str, str | None, Source]] = {}
    i_wrote = False
    days: dict[date, list[Message]] = {}
    for message in messages:
        i_wrote = i_wrote or _sender_key(message) in me
        for name, url in _participants(message):
            key = _person_key(name, url)
            if key not in me and (key not in others or not others[key][0]):
                others[key] = (name, url, message.source)
        days.setdefault(message.day, []).append(message)
    if not others:
        if any(message.hidden for message in messages):
            why = "a conversation with hidden or deleted accounts only (LinkedIn Member)"
            return Extract(skipped=(Skip(messages[0].source, why),))
        return Extract()
    people = [
        PersonRecord(
            source=source,
            key=f"message:{key}",
            name=name or None,
            facts={"contact.linkedin": url} if url else {},
            create=i_wrote,
            why_not_created="wrote to you on LinkedIn, but you never answered",
        )
        for key, (name, url, source) in others.items()
    ]
    names = [name for name, _, _ in others.values() if name]
    title = "LinkedIn messages" + (f" with {_listed(names)}" if names else "")
    events = []
    for day, of_the_day in sorted(days.items()):
        first = min(of_the_day, key=lambda m: (m.clock, m.source.line))
        events.append(
            EventRecord(
                source=first.source,
                uid=f"linkedin-message:{conversation}:{day.isoformat()}",
                date=day,
                title=title,
                kind="message",
                people=tuple(f"message:{key}" for key in others),
                by="me" if _sender_key(first) in me else "them",
            )
        )
    return Extract(tuple(people), tuple(events))


def _sender_key(message: Message) -> str | None:
    name, url = message.sender
    return _person_key(name, url) if name or url else None


def _listed(names: list[str]) -> str:
    if len(names) <= 3:
        return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    return f"{', '.join(names[:2])} and {len(names) - 2} more"


# ---------------------------------------------------------------- invitations


def _invitations(file: ExportFile, text: str, context: Context) -> Extract:
    people: list[PersonRecord] = []
    events: list[EventRecord] = []
    skipped: list[Skip] = []
    table = list(rows(file, text))
    day_first = slashes_day_first(row.get("sent at") for row in table)
    for row in table:
        outgoing = row.get("direction").upper() == "OUTGOING"
        name = row.get("to") if outgoing else row.get("from")
        url = row.get("inviteeprofileurl") if outgoing else row.get("inviterprofileurl")
        name = "" if _hidden_name(name) else name
        day = linkedin_date(row.get("sent at"), day_first)
        if day is None or not (name or url):
            skipped.append(Skip(row.source, "an invitation without a date or a name"))
            continue
        key = f"invitation:{row.source}"
        people.append(
            PersonRecord(
                source=row.source,
                key=key,
                name=name or None,
                facts={"contact.linkedin": url} if url else {},
                create=False,
                why_not_created="an invitation alone adds no one: import Connections.csv",
            )
        )
        events.append(
            EventRecord(
                source=row.source,
                uid=f"linkedin-invitation:{_person_key(name, url)}:{day.isoformat()}",
                date=day,
                title=f"LinkedIn invitation {'to' if outgoing else 'from'} {name or 'them'}",
                kind="message" if row.get("message") else "like",
                people=(key,),
                by="me" if outgoing else "them",
            )
        )
    return Extract(tuple(people), tuple(events), tuple(skipped), ())


# ---------------------------------------------------------------- who you are


def owner(path: Path, me: Me) -> Owner | None:
    """You, where the export says so and the config does not: the name on your own
    profile (Profile.csv, in the full export), else the one person in every
    conversation of messages.csv. None when the config already names you so, or the
    export cannot tell (one conversation has two people in every conversation)."""
    name, whence = _profile_name(path)
    if not name:
        name, whence = _everywhere(path)
    if not name or (me.name != "Me" and name_key(me.name) == name_key(name)):
        return None
    return Owner(replace(me, name=name), f"me: {name}, {whence}")


def _profile_name(path: Path) -> tuple[str | None, str]:
    """(your name, where it was found) from the export's Profile.csv, or (None, "")."""
    if path.is_file() and not zipfile.is_zipfile(path):
        return None, ""
    for file in export_files(path):
        if file.name.lower() != "profile.csv":
            continue
        try:
            reader = csv.DictReader(io.StringIO(_text(file), newline=""))
            row = next(reader, None)
        except (csv.Error, Refused):
            return None, ""
        cells = {str(k).strip().lower(): str(v or "").strip() for k, v in (row or {}).items()}
        name = " ".join(f"{cells.get('first name', '')} {cells.get('last name', '')}".split())
        return (name, "from Profile.csv") if name else (None, "")
    return None, ""


def _everywhere(path: Path) -> tuple[str | None, str]:
    """(the name of the one person in every conversation of messages.csv, where from),
    or (None, "") when there is no such one person, or no name for them."""
    tables, _ = _tables(path)
    for table, file, text in tables:
        if table not in ("messages", "messages 2018"):
            continue
        messages, _ = _read_messages(file, text, None, (), table)
        conversations = _by_conversation(messages)
        names: dict[str, str] = {}
        present = []
        for items in conversations.values():
            keys = set()
            for message in items:
                for name, url in _participants(message):
                    keys.add(_person_key(name, url))
                    if name:
                        names.setdefault(_person_key(name, url), name)
            present.append(keys)
        shared = set.intersection(*present) if len(present) > 1 else set()
        if len(shared) == 1 and next(iter(shared)) in names:
            return names[next(iter(shared))], "the one person in every conversation of messages.csv"
    return None, ""
