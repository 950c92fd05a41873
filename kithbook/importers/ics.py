"""Calendar files (``.ics``) as Google Calendar, Outlook, Exchange and Thunderbird export them.

Read with icalendar, forgivingly: a byte-order mark, folded lines and parameters, a
``TZID`` that the file never defines, a property that cannot be read. What can be read
is imported; an event without a readable start is skipped with its line; a file that is
not a calendar at all is refused.

Each ``VEVENT`` with someone besides you is an event: ``SUMMARY`` as the title,
``DTSTART`` as the date (an all-day event as a day; a timed one at the local time of
its ``TZID`` as written, and a UTC time in the calendar's own ``X-WR-TIMEZONE`` when it
names one), ``DTEND`` (or ``DURATION``) as ``end``, ``LOCATION`` as the place (not a
bare link), kind ``video`` when it carries a video-call link, else ``meeting``; uid
its ``UID``, with ``;RECURRENCE-ID=...`` for a moved occurrence of a series. A
recurring event is imported once, at its first date. Cancelled events are skipped.

Its people are the organiser and the attendees, found by email address; you (an
address of ``me.email`` in the config, or the calendar's own address) are left out,
as are rooms, resources and whoever declined. An attendee no one matches becomes a new
person (named by ``CN``, "Doe, Jane" read as "Jane Doe"; else by an address of words,
``rui.costa@`` as "Rui Costa"; else by the address itself), except
in meetings of more than LARGE_MEETING others, unless ``--all``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from ..model import Me, Source
from . import (
    Context,
    EventRecord,
    Extract,
    Owner,
    PersonRecord,
    Refused,
    Skip,
    email_address,
    head,
    lines_where,
    read_file,
)

KIND = "ics"
WHAT = "a calendar file (.ics)"

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
_LEFT_OUT = {"ROOM", "RESOURCE"}


def identify(path: Path) -> bool:
    """A file that starts with ``BEGIN:VCALENDAR``."""
    return path.is_file() and head(path, 512).lstrip().upper().startswith("BEGIN:VCALENDAR")


def extract(path: Path, context: Context) -> Extract:
    """An event for each VEVENT with someone besides you, and its people."""
    try:
        data = read_file(path, path.name).removeprefix(b"\xef\xbb\xbf")
        calendars = Calendar.from_ical(data, multiple=True)
    except OSError as error:
        raise Refused(f"cannot read {path.name}: {error.strerror}") from None
    except ValueError as error:
        raise Refused(f"cannot read {path.name} as a calendar: {error}") from None
    text = data.decode("utf-8", errors="replace")
    starts = list(lines_where(text, r"(?i)\s*BEGIN:VEVENT\s*$"))
    vevents = [(c, e) for c in calendars for e in c.walk("VEVENT")]
    if len(starts) != len(vevents):
        starts = [0] * len(vevents)
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
    skipped: list[Skip] = []
    for (calendar, vevent), line in zip(vevents, starts, strict=True):
        source = Source(path.name, line)
        zone = _zone(calendar.get("X-WR-TIMEZONE"))
        part = _event(vevent, source, me, zone, context.take_all)
        if isinstance(part, Skip):
            skipped.append(part)
            continue
        event, attendees = part
        people += attendees
        events.append(event)
    return Extract(tuple(people), tuple(events), tuple(skipped), ())


def _zone(name: object) -> tzinfo | None:
    try:
        return ZoneInfo(str(name).strip()) if name else None
    except (ValueError, KeyError, OSError):
        return None


def _event(vevent, source: Source, me: set[str], zone, take_all: bool):
    """(EventRecord, its people) of one VEVENT, or a Skip saying why not."""
    if str(vevent.get("STATUS") or "").upper() == "CANCELLED":
        return Skip(source, "a cancelled event")
    start = moment(vevent.get("DTSTART"), zone)
    if start is None:
        return Skip(source, "an event without a readable start (DTSTART)")
    attendees, by = _attendees(vevent, source, me)
    if not attendees:
        return Skip(source, "an event with no one but you")
    large = len(attendees) > LARGE_MEETING
    people = [
        PersonRecord(
            source=source,
            key=key,
            name=name,
            facts={"contact.email": [email]} if email else {},
            create=take_all or not large,
            why_not_created=f"one of {len(attendees)} people in a large meeting "
            "(--all takes everyone)",
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
            value = value.astimezone(zone)
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
        except (AttributeError, TypeError):
            end = None
    if end is None or type(end) is not type(start):
        return None
    if not isinstance(start, datetime):
        end = end - timedelta(days=1)  # an all-day DTEND is the day after
    return end if end > start else None


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


def _addresses(vevent, name: str) -> list:
    value = vevent.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _attendees(vevent, source: Source, me: set[str]) -> tuple[list[tuple], str | None]:
    """((key, name, email) of each person in the event but you, each once), and who
    reached out: 'me' when you organised it, 'them' when someone else did."""
    found: list[tuple[str, str | None, str | None]] = []
    seen: set[str] = set()
    by = None
    organisers = _addresses(vevent, "ORGANIZER")
    for role, address in [("organiser", a) for a in organisers] + [
        ("attendee", a) for a in _addresses(vevent, "ATTENDEE")
    ]:
        params = getattr(address, "params", {})
        email = email_address(str(address))
        if role == "organiser":
            by = "me" if email and email.lower() in me else "them"
        if email and email.lower() in me:
            continue
        if str(params.get("CUTYPE", "")).upper() in _LEFT_OUT:
            continue
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        name = _person_name(str(params.get("CN") or ""), email)
        key = f"attendee:{(email or name or '').lower()}"
        if key == "attendee:" or key in seen:
            continue
        seen.add(key)
        found.append((key, name, email))
    return found, by


def _person_name(cn: str, email: str | None) -> str | None:
    """A name from a CN: "Doe, Jane" (Outlook's order) read as "Jane Doe". Without one
    (or with an address as the CN, as Google writes it), a name from an address of
    words (rui.costa@... is "Rui Costa"), else the address itself."""
    cn = " ".join(cn.strip().strip('"').split())
    if email_address(cn):
        cn = ""
    parts = [part.strip() for part in cn.split(",")]
    if len(parts) == 2 and all(parts) and all(" " not in part for part in parts):
        cn = f"{parts[1]} {parts[0]}"
    if cn or not email:
        return cn or None
    words = re.split(r"[._-]", email.split("@")[0])
    if len(words) > 1 and all(word.isalpha() for word in words):
        return " ".join(word.capitalize() for word in words)
    return email


def _has_video_link(vevent) -> bool:
    return any(_VIDEO.search(str(vevent.get(name) or "")) for name in _LINK_PROPERTIES)


def _place(vevent) -> str | None:
    place = " ".join(str(vevent.get("LOCATION") or "").split())
    if not place or re.fullmatch(r"https?://\S+", place):
        return None
    return place


# ---------------------------------------------------------------- who you are


def owner(path: Path, me: Me) -> Owner | None:
    """You, where the calendar says so and the config does not: the calendar's own
    address (Google names a person's calendar by its owner's address, X-WR-CALNAME),
    else, when no address of ``me.email`` is in any event, the one address in more
    events than any other and in at least half of those that name anyone (the
    organiser or an attendee). None when the config's addresses say it already, or the
    calendar cannot tell (a tie: every event a one-to-one with the same person)."""
    try:
        text = read_file(path, path.name).decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    text = re.sub(r"\r?\n[ \t]", "", text)  # unfolded
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
    if not events or any(addresses & known for addresses in events):
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
