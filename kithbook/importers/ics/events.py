"""What a calendar's event becomes: an event of the journal, and its people.

``SUMMARY`` as the title, ``DTSTART`` as the date (an all-day event as a day; a timed
one at the local time of its ``TZID`` as written, and a UTC time in the calendar's own
``X-WR-TIMEZONE`` when it names one), ``DTEND`` (or ``DURATION``) as ``end``,
``LOCATION`` as the place (not a bare link), kind ``video`` when it carries a video-call
link, else ``meeting``; uid its ``UID``, with ``;RECURRENCE-ID=...`` for a moved
occurrence of a series. A recurring event is imported once, at its first date.
Cancelled events are skipped, and so are events outside the years kithbook takes. Its
people are found by ``participants``; an attendee no one matches becomes a new person,
except in meetings of more than LARGE_MEETING others, unless ``--all``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from ...model import FIRST_DAY, LAST_DAY, Source, within_range
from ...text import count
from .. import EventRecord, PersonRecord, Repeated, Skip
from .participants import attendees_of

#: Attendees of a meeting with more others than this are not created (--all: they are).
LARGE_MEETING = 10
_VIDEO = re.compile(
    r"zoom\.us/|meet\.google\.com/|teams\.microsoft\.com/|teams\.live\.com/|"
    r"whereby\.com/|meet\.jit\.si/|webex\.com/|facetime\.apple\.com/",
    re.IGNORECASE,
)
_LINK_PROPERTIES = (
    "LOCATION", "URL", "CONFERENCE", "X-GOOGLE-CONFERENCE", "DESCRIPTION",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK",
)  # fmt: skip
#: Why a participant with a name and no address is not created.
_NAME_ONLY = (
    "a name without an address: not created (add them yourself, and the next import "
    "links them by name)"
)
#: Properties an import reads that may be broken in an event it still imports.
_READ_PROPERTIES = {
    "DTEND": "the end (DTEND)",
    "DURATION": "the DURATION",
    "RECURRENCE-ID": "the RECURRENCE-ID",
}


def note_unreadable(vevent, source: Source, unreadable: Repeated) -> None:
    """Note in ``unreadable`` each property of ``vevent`` that an import reads and
    icalendar could not (it keeps them as broken values), with what icalendar said; a
    broken start is the event's own skip. Said once for each property, at its first
    event (``ALSO_IN``)."""
    for name, message in getattr(vevent, "errors", []):
        if name in _READ_PROPERTIES:
            error = " ".join(str(message).split())
            what = _READ_PROPERTIES[name]
            unreadable.add(name, source, f"cannot read {what} of this event ({error}): left out")


def also_in(more: int) -> str:
    """How many more events a property could not be read in, after the first."""
    return f", also in {count(more, 'more event')}"


def calendar_zone(name: object) -> tzinfo | None:
    """The time zone a calendar names (``X-WR-TIMEZONE``), or None."""
    try:
        return ZoneInfo(str(name).strip()) if name else None
    except (ValueError, KeyError, OSError):
        return None


def event_record(vevent, source: Source, me: set[str], zone, take_all: bool):
    """(EventRecord, its people) of one VEVENT, or a Skip saying why not."""
    if str(vevent.get("STATUS") or "").upper() == "CANCELLED":
        return Skip(source, "a cancelled event")
    start = moment(vevent.get("DTSTART"), zone)
    if start is None:
        return Skip(source, "an event without a readable start (DTSTART)")
    if not _in_range(start):
        return Skip(
            source, f"an event dated outside the years kithbook takes ({FIRST_DAY} to {LAST_DAY})"
        )
    attendees, by = attendees_of(vevent, source, me)
    if not attendees:
        return Skip(source, "an event with no one but you")
    large = len(attendees) > LARGE_MEETING
    too_many = f"one of {len(attendees)} people in a large meeting (--all takes everyone)"
    people = [
        PersonRecord(
            source=source,
            key=key,
            name=name,
            facts={"contact.email": [email]} if email else {},
            create=bool(email) and (take_all or not large),
            why_not_created=too_many if email else _NAME_ONLY,
        )
        for key, name, email in attendees
    ]
    title = " ".join(str(vevent.get("SUMMARY") or "").split()) or "Meeting"
    event = EventRecord(
        source=source,
        uid=_uid(vevent, start, title),
        date=start,
        end=_end(vevent, start, zone),
        title=title,
        kind="video" if _has_video_link(vevent) else "meeting",
        people=tuple(key for key, _, _ in attendees),
        place=_place(vevent),
        by=by,
    )
    return event, people


def moment(prop, zone: tzinfo | None = None) -> date | datetime | None:
    """A DTSTART or DTEND as the journal writes it: a day, or a local time to the
    minute (the wall time of its TZID as written, even one the file does not define;
    a UTC time in ``zone`` when given); None if it cannot be read."""
    if isinstance(prop, list):
        prop = next((p for p in prop if _readable(p)), None)
    if prop is None or not _readable(prop):
        return None
    value = prop.dt
    if isinstance(value, datetime):
        if value.tzinfo is not None and "TZID" not in prop.params and zone is not None:
            try:
                value = value.astimezone(zone)
            except (OverflowError, ValueError):  # a year at the edge of Python's dates
                pass
        return value.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(value, date):
        return value
    return None


def _readable(prop) -> bool:
    try:
        return isinstance(prop.dt, date)
    except Exception:  # icalendar's broken-property error, or no dt at all
        return False


def _end(vevent, start: date | datetime, zone) -> date | datetime | None:
    end = moment(vevent.get("DTEND"), zone)
    if end is None and vevent.get("DURATION") is not None:
        try:
            end = start + vevent.get("DURATION").dt
        except (AttributeError, TypeError, ValueError, OverflowError):
            end = None  # two DURATIONs, a broken one (PT-2H), or past Python's years
    if end is None or type(end) is not type(start) or not _in_range(end):
        return None
    if not isinstance(start, datetime):
        end = end - timedelta(days=1)  # an all-day DTEND is the day after
    return end if end > start else None


def _in_range(when: date | datetime) -> bool:
    """Whether kithbook takes the day of ``when`` (``model.within_range``)."""
    try:
        within_range(when.date() if isinstance(when, datetime) else when)
    except ValueError:
        return False
    return True


def _uid(vevent, start: date | datetime, title: str) -> str:
    uid = " ".join(str(vevent.get("UID") or "").split())
    if not uid:  # some exports leave it out: the start and title make one
        digest = hashlib.sha1(f"{start.isoformat()} {title}".encode()).hexdigest()[:16]
        uid = f"ics-{digest}"
    recurrence = vevent.get("RECURRENCE-ID")
    if recurrence is not None:
        try:
            uid += ";RECURRENCE-ID=" + recurrence.to_ical().decode()
        except (AttributeError, ValueError):
            pass
    return uid


def _has_video_link(vevent) -> bool:
    return any(_VIDEO.search(str(vevent.get(name) or "")) for name in _LINK_PROPERTIES)


def _place(vevent) -> str | None:
    place = " ".join(str(vevent.get("LOCATION") or "").split())
    if not place or re.fullmatch(r"https?://\S+", place):
        return None
    return place
