"""LinkedIn's data export: Connections.csv, messages.csv (2018: Messages.csv) and
Invitations.csv.

Given one of the files, the export's folder, or its zip archive. Each table is found by
its header (``tables``) in a file as LinkedIn wrote it or a spreadsheet re-saved it
(``spreadsheet``, ``dates``), and each has a module of its own for what its rows become:
``connections`` (a person per connection), ``messages`` (a written event per
conversation and day; ``names`` tells the recipients apart), ``invitations`` (who
reached out). A warning repeated on many rows (a date that cannot be read) is one line
with a count.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from pathlib import Path

from ...model import Me
from .. import Context, EventRecord, Extract, Owner, PersonRecord, Refused, Skip
from ..exports import export_files, head
from ..ids import name_key
from .connections import extract_connections
from .invitations import extract_invitations
from .messages import by_conversation, extract_messages, participants, read_messages
from .names import person_key
from .spreadsheet import decoded
from .tables import export_tables, read_tables, table_of, table_text

WHAT = "a LinkedIn export (Connections.csv, messages.csv or Invitations.csv)"
#: How much of a file is read to identify it: a header below a preamble, in UTF-16 too.
HEAD = 16384


def identify(path: Path) -> bool:
    """A LinkedIn CSV (by its header), or a folder or zip archive holding one."""
    if path.is_file() and not zipfile.is_zipfile(path):
        return table_of(head(path, HEAD, decoded)) is not None
    try:
        return bool(export_tables(path))
    except Refused:
        return False


def extract(path: Path, context: Context) -> Extract:
    """People and events of every LinkedIn table in the export."""
    people: list[PersonRecord] = []
    events: list[EventRecord] = []
    skipped: list[Skip] = []
    tables, problems = read_tables(path)
    connected: list[str] = []  # the names of Connections.csv help to read messages
    for table, file, text in tables:
        if table == "connections":
            part = extract_connections(file, text, context)
            connected += [person.name for person in part.people if person.name]
        elif table == "invitations":
            part = extract_invitations(file, text, context)
        else:
            part = extract_messages(file, text, context, connected, table)
        people += part.people
        events += part.events
        skipped += part.skipped
        problems += part.problems
    return Extract(tuple(people), tuple(events), tuple(skipped), tuple(problems))


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
            reader = csv.DictReader(io.StringIO(table_text(file), newline=""))
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
    tables, _ = read_tables(path)
    for table, file, text in tables:
        if table not in ("messages", "messages 2018"):
            continue
        messages, _ = read_messages(file, text, None, (), table)
        conversations = by_conversation(messages)
        names: dict[str, str] = {}
        present = []
        for items in conversations.values():
            keys = set()
            for message in items:
                for name, url in participants(message):
                    keys.add(person_key(name, url))
                    if name:
                        names.setdefault(person_key(name, url), name)
            present.append(keys)
        shared = set.intersection(*present) if len(present) > 1 else set()
        if len(shared) == 1 and next(iter(shared)) in names:
            return names[next(iter(shared))], "the one person in every conversation of messages.csv"
    return None, ""
