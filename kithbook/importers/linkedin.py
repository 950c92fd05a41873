"""LinkedIn's data export: Connections.csv, messages.csv and Invitations.csv.

Given one of the files, the export's folder, or its zip archive. Each table is found
by its header's names, wherever the header is (today's Connections.csv has a
"Notes:" preamble above it) and whatever the order of the columns; the files may
have been re-saved with a byte-order mark or in Windows' code page.

- Connections.csv: a person per row: name, profile address (today's exports), email
  (when they share it; older exports put ``urn:li:member:...`` there, which is not an
  email), company and position (``org``, ``role``), and ``Connected On`` as ``met``.
  Rows of hidden profiles hold only a date: they are skipped and counted.
- messages.csv: a written event (kind ``message``) per conversation and day, with the
  others in the conversation; uid ``linkedin-message:<conversation id>:<day>``. The
  text of the messages is not copied. People are created only from conversations in
  which you wrote too.
- Invitations.csv: who reached out (``by``), as an event on the day of the invitation:
  kind ``message`` when it carries a note, else ``like`` (a signal, not a talk). It
  adds no one: it is for people already in the journal or in Connections.csv.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..model import Me, Problem, Source
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
    head,
    linkedin_id,
    name_key,
    read_text,
)

KIND = "linkedin"
WHAT = "a LinkedIn export (Connections.csv, messages.csv or Invitations.csv)"

#: The columns that name each table; the rest are mapped by name when present.
HEADERS = {
    "connections": frozenset({"first name", "last name", "connected on"}),
    "messages": frozenset({"conversation id", "from", "date"}),
    "invitations": frozenset({"from", "to", "sent at", "direction"}),
}
TABLE_ORDER = ("connections", "messages", "invitations")
FILE_NAMES = frozenset({"connections.csv", "messages.csv", "invitations.csv"})
#: How far down a file its header may be (today's preamble is three or four lines).
HEADER_ROWS = 30

_MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


@dataclass(frozen=True)
class Row:
    """A row of a table: its cells by column name, and where it is."""

    source: Source
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


def table_of(text: str) -> str | None:
    """Which LinkedIn table ``text`` holds ('connections', ...), found by its header."""
    for _, header in _header_rows(text):
        return header
    return None


def _header_rows(text: str) -> Iterator[tuple[int, str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, row in enumerate(reader):
            if number >= HEADER_ROWS:
                return
            names = {cell.strip().lower() for cell in row}
            for table, needed in HEADERS.items():
                if needed <= names:
                    yield reader.line_num, table
                    return
    except csv.Error:
        return


def rows(file: ExportFile, text: str) -> Iterator[Row]:
    """The rows below the header, each with its columns by (lowercased) name and the
    line it starts on; blank lines are passed over."""
    reader = csv.reader(io.StringIO(text, newline=""))
    columns: list[str] | None = None
    line = 0
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if columns is None:
                names = [cell.strip().lower() for cell in row]
                if any(needed <= set(names) for needed in HEADERS.values()):
                    columns = names
                continue
            if not any(cell.strip() for cell in row):
                continue
            yield Row(Source(file.shown, start), dict(zip(columns, row, strict=False)))
    except csv.Error as error:
        raise Refused(f"{file.shown}:{line + 1}: cannot read the CSV: {error}") from None


# ---------------------------------------------------------------- identify


def identify(path: Path) -> bool:
    """A LinkedIn CSV (by its header), or a folder or zip archive holding one."""
    if path.is_file() and not zipfile.is_zipfile(path):
        return table_of(head(path, 16384)) is not None
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


def _tables(path: Path) -> list[tuple[str, ExportFile, str]]:
    """(table, file, text) for each LinkedIn table of the export, Connections first."""
    found = []
    for file in _export_tables(path):
        text = read_text(file)
        table = table_of(text)
        if table:
            found.append((table, file, text))
    return sorted(found, key=lambda item: TABLE_ORDER.index(item[0]))


# ---------------------------------------------------------------- extract


def extract(path: Path, context: Context) -> Extract:
    """People and events of every LinkedIn table in the export."""
    people: list[PersonRecord] = []
    events: list[EventRecord] = []
    skipped: list[Skip] = []
    problems: list[Problem] = []
    readers = {"connections": _connections, "messages": _messages, "invitations": _invitations}
    for table, file, text in _tables(path):
        part = readers[table](file, text, context)
        people += part.people
        events += part.events
        skipped += part.skipped
        problems += part.problems
    return Extract(tuple(people), tuple(events), tuple(skipped), tuple(problems))


def linkedin_date(text: str) -> date | None:
    """A date as LinkedIn writes one: ``07 Feb 2026`` (today), ``1/8/18, 6:14 PM`` (before,
    month first), ``2026-02-07 10:22:33 UTC`` (messages); None if it is none of them."""
    text = text.strip()
    try:
        match = re.match(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})", text)
        if match and match.group(2).lower() in _MONTHS:
            return date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
        match = re.match(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b", text)
        if match:
            year = int(match.group(3))
            return date(
                year + 2000 if year < 100 else year, int(match.group(1)), int(match.group(2))
            )
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return None


def _connections(file: ExportFile, text: str, context: Context) -> Extract:
    people: list[PersonRecord] = []
    skipped: list[Skip] = []
    problems: list[Problem] = []
    for row in rows(file, text):
        name = " ".join(f"{row.get('first name')} {row.get('last name')}".split())
        url = row.get("url") or row.get("profile url")
        email = email_address(row.get("email address"))
        if not name and not url and not email:
            skipped.append(Skip(row.source, "a hidden profile (only a date)"))
            continue
        met = linkedin_date(row.get("connected on"))
        if row.get("connected on") and met is None:
            problems.append(
                Problem(row.source, "warning", f"'{row.get('connected on')}' is not a date: no met")
            )
        facts: dict[str, object] = {
            "met": met,
            "org": row.get("company") or None,
            "role": row.get("position") or None,
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
    return Extract(tuple(people), (), tuple(skipped), tuple(problems))


def _split_urls(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,;]+", text) if part]


def _participants(row: Row) -> list[tuple[str, str | None]]:
    """(name, profile address) of the sender, then of each recipient of a message row."""
    found = [(row.get("from"), row.get("sender profile url") or None)]
    urls = _split_urls(row.get("recipient profile urls"))
    names = [n.strip() for n in row.get("to").split(",")] if row.get("to") else []
    if len(urls) == 1:
        names = [row.get("to")]
    if len(names) == len(urls):
        found += list(zip(names, urls, strict=True))
    else:
        found += [("", url) for url in urls] or [(name, None) for name in names]
    return [(name, url) for name, url in found if name or url]


def _who_is_me(conversations: dict[str, list[Row]], context: Context) -> set[str]:
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


def _person_key(name: str, url: str | None) -> str:
    return (linkedin_id(url) if url else None) or f"name:{name_key(name)}"


def _messages(file: ExportFile, text: str, context: Context) -> Extract:
    conversations: dict[str, list[Row]] = {}
    skipped: list[Skip] = []
    for row in rows(file, text):
        folder = row.get("folder").upper()
        if (
            folder == "SPAM"
            or "SPONSORED" in folder
            or row.get("is message draft").lower() == "yes"
        ):
            skipped.append(Skip(row.source, "a draft, spam or a sponsored message"))
            continue
        if linkedin_date(row.get("date")) is None:
            skipped.append(Skip(row.source, "a message without a date"))
            continue
        conversations.setdefault(
            row.get("conversation id") or f"line-{row.source.line}", []
        ).append(row)
    me = _who_is_me(conversations, context)
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
    for conversation, messages in conversations.items():
        part = _conversation(conversation, messages, me)
        people += part.people
        events += part.events
    return Extract(tuple(people), tuple(events), tuple(skipped), ())


def _conversation(conversation: str, messages: list[Row], me: set[str]) -> Extract:
    """The people of one conversation, and an event per day on which it went on."""
    others: dict[str, tuple[str, str | None, Source]] = {}
    i_wrote = False
    days: dict[date, list[Row]] = {}
    for row in messages:
        for number, (name, url) in enumerate(_participants(row)):
            key = _person_key(name, url)
            if key in me:
                i_wrote = i_wrote or number == 0
            elif key not in others or not others[key][0]:
                others[key] = (name, url, row.source)
        days.setdefault(linkedin_date(row.get("date")), []).append(row)  # type: ignore[arg-type]
    if not others:
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
    for day, rows_of_day in sorted(days.items()):
        first = min(rows_of_day, key=lambda r: (r.get("date"), r.source.line))
        sender = _person_key(*_participants(first)[0]) if _participants(first) else ""
        events.append(
            EventRecord(
                source=first.source,
                uid=f"linkedin-message:{conversation}:{day.isoformat()}",
                date=day,
                title=title,
                kind="message",
                people=tuple(f"message:{key}" for key in others),
                by="me" if sender in me else "them",
            )
        )
    return Extract(tuple(people), tuple(events))


def _listed(names: list[str]) -> str:
    if len(names) <= 3:
        return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    return f"{', '.join(names[:2])} and {len(names) - 2} more"


def _invitations(file: ExportFile, text: str, context: Context) -> Extract:
    people: list[PersonRecord] = []
    events: list[EventRecord] = []
    skipped: list[Skip] = []
    for row in rows(file, text):
        outgoing = row.get("direction").upper() == "OUTGOING"
        name = row.get("to") if outgoing else row.get("from")
        url = row.get("inviteeprofileurl") if outgoing else row.get("inviterprofileurl")
        day = linkedin_date(row.get("sent at"))
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
            reader = csv.DictReader(io.StringIO(read_text(file), newline=""))
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
    conversations: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for table, file, text in _tables(path):
        if table != "messages":
            continue
        for row in rows(file, text):
            key = row.get("conversation id") or f"line-{row.source.line}"
            for name, url in _participants(row):
                person = _person_key(name, url)
                conversations.setdefault(key, set()).add(person)
                if name:
                    names.setdefault(person, name)
    shared = set.intersection(*conversations.values()) if conversations else set()
    if len(shared) != 1 or len(conversations) < 2 or next(iter(shared)) not in names:
        return None, ""
    return names[next(iter(shared))], "the one person in every conversation of messages.csv"
