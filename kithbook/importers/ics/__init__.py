"""Calendar files (``.ics``) as Google Calendar, Outlook, Exchange and Thunderbird export them.

Read one component at a time (``components``), so that nothing in one event, time zone
or free/busy block can cost the others. Each ``VEVENT`` with someone besides you is an
event (``events``); its people are the organiser and the attendees, found by email
address, you and every address that is not a person left out (``participants``). One
with a name and no address is never created, only linked to a person of that name
already in the journal.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ...model import Me, Source
from .. import Context, EventRecord, Extract, Owner, PersonRecord, Refused, Repeated, Skip
from ..exports import export_file, head, read_bytes
from ..ids import email_address
from .components import read_calendars
from .events import also_in, calendar_zone, event_record, note_unreadable
from .participants import not_people

WHAT = "a calendar file (.ics)"


def identify(path: Path) -> bool:
    """A file that starts with ``BEGIN:VCALENDAR``."""
    return path.is_file() and head(path, 512).lstrip().upper().startswith("BEGIN:VCALENDAR")


def extract(path: Path, context: Context) -> Extract:
    """An event for each VEVENT with someone besides you, and its people; what cannot be
    read is skipped or reported, one line for each reason (``read_calendars``)."""
    read = read_calendars(read_bytes(export_file(path)), path.name)
    calendars, vevents = read.calendars, read.vevents
    me = set(context.me.emails) | {
        address.lower()
        for calendar in calendars
        if (address := email_address(str(calendar.get("X-WR-CALNAME") or "")))
    }
    if not me and vevents:
        raise Refused(
            "set me.email under extra.kithbook in mkdocs.yml first: the import must "
            "know which attendee is you"
        )
    people: list[PersonRecord] = []
    events: list[EventRecord] = []
    skipped: list[Skip] = list(read.skipped)
    left_out: dict[str, Skip] = {}
    unreadable = Repeated()
    for calendar, vevent, line in vevents:
        source = Source(path.name, line)
        zone = calendar_zone(calendar.get("X-WR-TIMEZONE"))
        for name, why in not_people(vevent):
            left_out.setdefault(name, Skip(source, why))
        part = event_record(vevent, source, me, zone, context.take_all)
        if isinstance(part, Skip):
            skipped.append(part)
            continue
        note_unreadable(vevent, source, unreadable)
        event, attendees = part
        people += attendees
        events.append(event)
    skipped += left_out.values()
    problems = [*read.problems, *unreadable.problems(also_in)]
    return Extract(tuple(people), tuple(events), tuple(skipped), tuple(problems))


# ---------------------------------------------------------------- who you are


def owner(path: Path, me: Me) -> Owner | None:
    """You, where the calendar says so and the config does not: the calendar's own
    address (Google names a person's calendar by its owner's address, X-WR-CALNAME),
    else, when the config gives no address at all, the one address in more events
    than any other and in at least half of those that name anyone (the organiser or
    an attendee). None when the config names you, or the calendar cannot tell (a tie:
    every event a one-to-one with the same person)."""
    text = re.sub(r"\r?\n[ \t]", "", head(path, -1))  # unfolded
    known = set(me.emails)
    named = [
        address.lower()
        for value in re.findall(r"(?im)^X-WR-CALNAME[^:\r\n]*:(.*)$", text)
        if (address := email_address(value))
    ]
    new = [address for address in dict.fromkeys(named) if address not in known]
    if new:
        line = f"me: {', '.join(new)}, the calendar's own address (X-WR-CALNAME)"
        return Owner(replace(me, emails=(*me.emails, *new)), line)
    events = [
        {address.lower() for address in _event_addresses(block)}
        for block in re.findall(r"(?ims)^BEGIN:VEVENT\s*$(.*?)^END:VEVENT\s*$", text)
    ]
    events = [addresses for addresses in events if addresses]
    if not events or known:  # the config names you: a calendar of others' is no guess
        return None
    counts: dict[str, int] = {}
    for addresses in events:
        for address in addresses:
            counts[address] = counts.get(address, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    address, count = ranked[0]
    if (len(ranked) > 1 and ranked[1][1] == count) or count * 2 < len(events) or count < 2:
        return None
    line = f"me: {address}, the one address in most events ({count} of {len(events)})"
    return Owner(replace(me, emails=(*me.emails, address)), line)


def _event_addresses(block: str) -> list[str]:
    """The addresses of the organiser and the attendees in the text of one VEVENT."""
    found = []
    for value in re.findall(
        r"(?im)^(?:ORGANIZER|ATTENDEE)[^:\r\n]*(?:\"[^\"]*\"[^:\r\n]*)*:(.*)$", block
    ):
        address = email_address(value)
        if address:
            found.append(address)
    return found
