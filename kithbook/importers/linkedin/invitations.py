"""Invitations.csv: who reached out (``by``), as an event on the day of the invitation.

Kind ``message`` when it carries a note, else ``like`` (a signal, not a talk). It adds
no one: it is for people already in the journal or in Connections.csv.
"""

from __future__ import annotations

from .. import Context, EventRecord, Extract, PersonRecord, Skip
from ..exports import ExportFile
from .dates import linkedin_date, slashes_day_first
from .names import hidden_name, person_key
from .tables import table_rows


def extract_invitations(file: ExportFile, text: str, context: Context) -> Extract:
    """An event per row of Invitations.csv (its ``text``), and the person it names, who
    is not created by it."""
    people: list[PersonRecord] = []
    events: list[EventRecord] = []
    skipped: list[Skip] = []
    table = list(table_rows(file, text))
    day_first = slashes_day_first(row.get("sent at") for row in table)
    for row in table:
        outgoing = row.get("direction").upper() == "OUTGOING"
        name = row.get("to") if outgoing else row.get("from")
        url = row.get("inviteeprofileurl") if outgoing else row.get("inviterprofileurl")
        name = "" if hidden_name(name) else name
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
                uid=f"linkedin-invitation:{person_key(name, url)}:{day.isoformat()}",
                date=day,
                title=f"LinkedIn invitation {'to' if outgoing else 'from'} {name or 'them'}",
                kind="message" if row.get("message") else "like",
                people=(key,),
                by="me" if outgoing else "them",
            )
        )
    return Extract(tuple(people), tuple(events), tuple(skipped), ())
