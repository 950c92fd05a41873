"""Calendar files (``.ics``) as Google Calendar, Outlook, Exchange and Thunderbird export them.

Read with icalendar, one component at a time (``read_calendars``), so that nothing in
one event, time zone or free/busy block can cost the others: a byte-order mark, folded
lines and parameters, a ``TZID`` that the file never defines, a property that cannot be
read. What can be read is imported; what cannot is skipped and counted, one line for
each reason; a file in which nothing can be read as iCalendar is refused.

Each ``VEVENT`` with someone besides you is an event: ``SUMMARY`` as the title,
``DTSTART`` as the date (an all-day event as a day; a timed one at the local time of
its ``TZID`` as written, and a UTC time in the calendar's own ``X-WR-TIMEZONE`` when it
names one), ``DTEND`` (or ``DURATION``) as ``end``, ``LOCATION`` as the place (not a
bare link), kind ``video`` when it carries a video-call link, else ``meeting``; uid
its ``UID``, with ``;RECURRENCE-ID=...`` for a moved occurrence of a series. A
recurring event is imported once, at its first date. Cancelled events are skipped, and
so are events outside the years kithbook takes.

Its people are the organiser and the attendees, found by email address; you (an
address of ``me.email`` in the config, or the calendar's own address) are left out,
as is whoever declined, and every address that is not a person (``not_a_person``:
Google's calendars and placeholder organizer, rooms, resources and groups, no-reply
mailboxes, Meetup's and TripIt's own addresses). An attendee no one matches becomes a
new person (named by ``CN``, "Doe, Jane" read as "Jane Doe"; else by an address of
words, ``rui.costa@`` as "Rui Costa"; else by the address itself), except in meetings
of more than LARGE_MEETING others, unless ``--all``; one with a name and no address is
never created, only linked to a person of that name already in the journal.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, Event
from icalendar.parser import Contentline

from ..model import FIRST_DAY, LAST_DAY, Me, Problem, Source, within_range
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
#: What a participant of these CUTYPEs is, in words: never a person.
_NOT_PEOPLE_TYPES = {"ROOM": "a room", "RESOURCE": "a resource", "GROUP": "a group"}
#: Google gives each calendar an address of its own, and puts a placeholder organizer
#: (unknownorganizer@calendar.google.com) on the events it makes from Gmail or Goals.
_GOOGLE_CALENDARS = {
    "group.calendar.google.com": "a shared Google calendar",
    "group.v.calendar.google.com": "a Google holiday or birthday calendar",
    "import.calendar.google.com": "a subscribed Google calendar",
    "resource.calendar.google.com": "a Google room or resource",
}
#: Mailboxes no one reads: no-reply senders, mail systems, notifications.
_NO_REPLY = re.compile(
    r"no[-_.]?reply|do[-_.]?not[-_.]?reply|"
    r"^(mailer[-_.]?daemon|postmaster|(calendar[-_.])?notifications?)$"
)
#: Services that put an address of their own on the events they make.
_SERVICES = {"meetup.com": "Meetup", "tripit.com": "TripIt"}
#: Why a participant with a name and no address is not created.
_NAME_ONLY = (
    "a name without an address: not created (add them yourself, and the next import "
    "links them by name)"
)


def identify(path: Path) -> bool:
    """A file that starts with ``BEGIN:VCALENDAR``."""
    return path.is_file() and head(path, 512).lstrip().upper().startswith("BEGIN:VCALENDAR")


def extract(path: Path, context: Context) -> Extract:
    """An event for each VEVENT with someone besides you, and its people; what cannot be
    read is skipped or reported, one line for each reason (``read_calendars``)."""
    try:
        data = read_file(path, path.name)
    except OSError as error:
        raise Refused(f"cannot read {path.name}: {error.strerror}") from None
    read = read_calendars(data, path.name)
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
    unreadable: dict[str, list[tuple[Source, str]]] = {}
    for calendar, vevent, line in vevents:
        source = Source(path.name, line)
        zone = _zone(calendar.get("X-WR-TIMEZONE"))
        for name, why in _not_people(vevent):
            left_out.setdefault(name, Skip(source, why))
        part = _event(vevent, source, me, zone, context.take_all)
        if isinstance(part, Skip):
            skipped.append(part)
            continue
        for name, error in _unreadable(vevent):
            unreadable.setdefault(name, []).append((source, error))
        event, attendees = part
        people += attendees
        events.append(event)
    skipped += left_out.values()
    problems = [*read.problems, *_unreadable_problems(unreadable)]
    return Extract(tuple(people), tuple(events), tuple(skipped), tuple(problems))


# ---------------------------------------------------------------- the file, component by component


@dataclass
class _Part:
    """One component of a calendar as text: its name, the line it begins on, its own
    content lines (number, text; those of the components inside it left out) and whether
    it ends."""

    name: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    ended: bool = False


@dataclass
class _CalendarText:
    """One ``VCALENDAR`` of the file as text: its own properties (line, text) and its
    components."""

    line: int
    properties: list[tuple[int, str]] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    ended: bool = False


@dataclass(frozen=True)
class Read:
    """What ``read_calendars`` could read: each calendar with its own properties and the
    events that could be read (also in ``vevents``, with the line each begins on), the
    components skipped and the lines left out."""

    calendars: list[Calendar]
    vevents: list[tuple[Calendar, Event, int]]
    skipped: list[Skip]
    problems: list[Problem]


#: Components read for no event: an event's time is its wall time as written.
_NOT_READ = {"VTIMEZONE"}
#: What the components that are not events are, in words.
_NOT_EVENTS = {
    "VTODO": "a to-do (VTODO)",
    "VJOURNAL": "a journal entry (VJOURNAL)",
    "VFREEBUSY": "a free/busy block (VFREEBUSY)",
    "VAVAILABILITY": "an availability (VAVAILABILITY)",
}


def read_calendars(data: bytes, shown: str) -> Read:
    """The calendars of the file ``shown`` (its bytes ``data``), read one component at a
    time: icalendar refuses a whole text for one property it cannot read (a negative
    duration ``PT-2H`` in an alarm, a free/busy period that ends before it starts) and
    fails outright on some odd structures (a ``VTIMEZONE`` with several ``TZID``s, as The
    Events Calendar for WordPress writes it). So each event is read on its own, without
    its alarms, a line it cannot read left out; time zones are not read at all (an
    event's time is its wall time as written). An event cut off by the end of the file,
    and each component that is not an event, are skipped; each line left out is
    reported. Refused when nothing in the file can be read as iCalendar."""
    texts, outside = _split(_content_lines(_decoded(data)))
    calendars: list[Calendar] = []
    vevents: list[tuple[Calendar, Event, int]] = []
    skipped: list[Skip] = []
    bad_lines: list[tuple[int, str]] = []
    bad_event_lines: list[tuple[int, str]] = []
    readable = False
    for text in texts:
        calendar, bad = _component(Calendar, text.properties)
        bad_lines += bad
        readable = readable or len(bad) < len(text.properties) or bool(text.parts)
        calendars.append(calendar)
        for part in text.parts:
            source = Source(shown, part.line)
            if part.name in _NOT_READ:
                continue
            if part.name != "VEVENT":
                what = _NOT_EVENTS.get(part.name, f"a {part.name} component")
                skipped.append(Skip(source, f"{what}: only events are imported"))
            elif not part.ended:
                skipped.append(Skip(source, "an event cut off by the end of the file"))
            else:
                event, bad = _component(Event, part.lines)
                bad_event_lines += bad
                calendar.add_component(event)
                vevents.append((calendar, event, part.line))
    if not readable:
        why = f"line {bad_lines[0][0]}: {bad_lines[0][1]}" if bad_lines else "it holds nothing"
        raise Refused(f"cannot read {shown} as a calendar: {why}")
    problems = _left_out(shown, bad_lines, "this line of the calendar")
    problems += _left_out(shown, bad_event_lines, "this line of an event")
    problems += _left_out(shown, [(n, "") for n in outside], "this line outside the calendar")
    problems += [
        Problem(Source(shown, text.line), "warning", "the calendar has no END:VCALENDAR: the "
                "file may be cut off; what it holds is imported")
        for text in texts
        if not text.ended
    ]  # fmt: skip
    return Read(calendars, vevents, skipped, problems)


def _decoded(data: bytes) -> str:
    """The text of a calendar file as icalendar reads it: UTF-8 (a BOM dropped), a byte
    that is not UTF-8 replaced."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors="replace")


def _content_lines(text: str) -> list[tuple[int, str]]:
    """The content lines of ``text``, unfolded (a line that begins with a space or a tab
    goes on the one before, across empty lines, as icalendar unfolds), each with the
    number of the line it begins on."""
    lines: list[tuple[int, str]] = []
    for number, line in enumerate(re.split(r"\r?\n", text), start=1):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + line[1:])
        elif line.strip():
            lines.append((number, line.lstrip()))
    return lines


def _split(lines: list[tuple[int, str]]) -> tuple[list[_CalendarText], list[int]]:
    """The calendars of the file, each with its own lines and its components, and the
    numbers of the content lines outside every calendar. An ``END`` closes whatever was
    opened inside what it ends; components inside components are left out."""
    calendars: list[_CalendarText] = []
    outside: list[int] = []
    stack: list[str] = []
    for number, line in lines:
        word, _, value = line.partition(":")
        word, value = word.strip().upper(), value.strip().upper()
        if word == "BEGIN" and value == "VCALENDAR":
            calendars.append(_CalendarText(number))
            stack = ["VCALENDAR"]
        elif not stack:
            outside.append(number)
        elif word == "END" and value in stack:
            while stack[-1] != value:
                stack.pop()
            if len(stack) == 2:
                calendars[-1].parts[-1].ended = True
            elif len(stack) == 1:
                calendars[-1].ended = True
            stack.pop()
        elif word == "BEGIN" and len(stack) == 1:
            calendars[-1].parts.append(_Part(value, number))
            stack.append(value)
        elif word == "BEGIN":
            stack.append(value)
        elif len(stack) == 1:
            calendars[-1].properties.append((number, line))
        elif len(stack) == 2:
            calendars[-1].parts[-1].lines.append((number, line))
    return calendars, outside


def _component(kind: type[Component], lines: list[tuple[int, str]]) -> tuple[Component, list]:
    """A ``kind`` (Calendar or Event) made of the content ``lines`` (number, text) that
    icalendar can read, and (number, why) of each line it cannot: a line that is no
    property at all, or one that makes icalendar refuse the whole text. All are read
    together; only when that fails, or drops a line, each is read on its own."""
    try:
        component = _read(kind, [text for _, text in lines])
        if all(name is not None for name, _ in getattr(component, "errors", [])):
            return component, []
    except Exception:  # icalendar raises more than ValueError on odd input
        pass
    bad, readable = [], []
    for number, text in lines:
        try:
            Contentline(text).parts()
            _read(kind, [text])
        except Exception as error:  # icalendar raises more than ValueError on odd input
            bad.append((number, _error(error)))
            continue
        readable.append(text)
    try:
        return _read(kind, readable), bad
    except Exception as error:  # lines that can each be read, but not together
        unread = [(number, _error(error)) for number, text in lines if text in readable]
        return kind(), sorted([*bad, *unread])


def _read(kind: type[Component], lines: list[str]) -> Component:
    name = "VCALENDAR" if kind is Calendar else "VEVENT"
    return kind.from_ical("\r\n".join([f"BEGIN:{name}", *lines, f"END:{name}"]))


def _error(error: Exception) -> str:
    """What icalendar said, on one short line; the kind of error when it failed inside."""
    if not isinstance(error, ValueError):
        return f"icalendar fails on it with {type(error).__name__}"
    text = " ".join(str(error).split())
    return text if len(text) <= 100 else text[:99] + "…"


def _left_out(shown: str, lines: list[tuple[int, str]], what: str) -> list[Problem]:
    """One warning for all the ``lines`` (number, why) left out: at the first, with
    how many more."""
    if not lines:
        return []
    (number, why), more = lines[0], len(lines) - 1
    message = f"cannot read {what}" + (f" ({why})" if why else "") + ": left out"
    if more:
        message += f", as {'are' if more > 1 else 'is'} {more} more such line{'s' * (more > 1)}"
    return [Problem(Source(shown, number), "warning", message)]


#: Properties an import reads that may be broken in an event it still imports.
_READ_PROPERTIES = {
    "DTEND": "the end (DTEND)",
    "DURATION": "the DURATION",
    "RECURRENCE-ID": "the RECURRENCE-ID",
}


def _unreadable(vevent) -> list[tuple[str, str]]:
    """(property, what icalendar said) for each property of ``vevent`` that an import
    reads and icalendar could not (it keeps them as broken values); a broken start is
    the event's own skip."""
    return [
        (name, " ".join(str(message).split()))
        for name, message in getattr(vevent, "errors", [])
        if name in _READ_PROPERTIES
    ]


def _unreadable_problems(unreadable: dict[str, list[tuple[Source, str]]]) -> list[Problem]:
    """One warning for each property that could not be read, at its first event."""
    problems = []
    for name, found in unreadable.items():
        (source, error), more = found[0], len(found) - 1
        what = _READ_PROPERTIES[name]
        message = f"cannot read {what} of this event ({error}): left out"
        if more:
            message += f", also in {more} more event{'s' if more > 1 else ''}"
        problems.append(Problem(source, "warning", message))
    return problems


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
    if not _in_range(start):
        return Skip(
            source, f"an event dated outside the years kithbook takes ({FIRST_DAY} to {LAST_DAY})"
        )
    attendees, by = _attendees(vevent, source, me)
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


def _addresses(vevent, name: str) -> list:
    value = vevent.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _participants(vevent) -> list[tuple[str, object, dict, str | None]]:
    """(role, address, its parameters, its email address or None) of the organiser and
    of each attendee of ``vevent``."""
    found = []
    for role, name in (("organiser", "ORGANIZER"), ("attendee", "ATTENDEE")):
        for address in _addresses(vevent, name):
            params = getattr(address, "params", {})
            found.append((role, address, params, _email(address, params)))
    return found


def _email(address: object, params) -> str | None:
    """The email address of a participant: its value (``mailto:``, even in quotes), else
    its EMAIL parameter (iCloud gives a ``urn:uuid:`` and the address in EMAIL)."""
    return email_address(str(address).strip().strip('"')) or email_address(
        str(params.get("EMAIL") or "").strip().strip('"')
    )


def not_a_person(email: str | None, params) -> str:
    """Why the participant at ``email`` (with the parameters ``params``) is not a person,
    in words, or "" when it may be one: a room, resource or group (its CUTYPE, or
    Google's address for it), one of Google's calendars or its placeholder organizer, a
    mailbox no one reads (no-reply), or an address of Meetup's or TripIt's own."""
    kind = _NOT_PEOPLE_TYPES.get(str(params.get("CUTYPE", "")).upper())
    if kind:
        return f"{kind} (CUTYPE={str(params.get('CUTYPE')).upper()})"
    if not email:
        return ""
    local, _, domain = email.lower().rpartition("@")
    if domain == "calendar.google.com" and local == "unknownorganizer":
        return "Google's placeholder organizer (unknownorganizer@calendar.google.com)"
    if domain == "calendar.google.com" or domain.endswith(".calendar.google.com"):
        what = _GOOGLE_CALENDARS.get(domain, "a Google calendar's own address")
        return f"{what} (…@{domain})"
    if _NO_REPLY.search(local):
        return "a no-reply address"
    for service, name in _SERVICES.items():
        if domain == service or domain.endswith(f".{service}"):
            return f"an address of {name}'s own"
    return ""


def _not_people(vevent) -> list[tuple[str, str]]:
    """(participant, why) for each participant of ``vevent`` that is not a person."""
    return [
        ((email or str(params.get("CN") or address)).lower(), f"{why}, not a person")
        for _, address, params, email in _participants(vevent)
        if (why := not_a_person(email, params))
    ]


def _attendees(vevent, source: Source, me: set[str]) -> tuple[list[tuple], str | None]:
    """((key, name, email) of each person in the event but you, each once), and who
    reached out: 'me' when you organised it, 'them' when someone else did (no one can
    tell when the organiser is not a person: a calendar, a no-reply address)."""
    found: list[tuple[str, str | None, str | None]] = []
    seen: set[str] = set()
    by = None
    for role, _, params, email in _participants(vevent):
        mine = email is not None and email.lower() in me
        other = not_a_person(email, params)
        if role == "organiser":
            by = "me" if mine else None if other else "them"
        if mine or other or str(params.get("PARTSTAT", "")).upper() == "DECLINED":
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
    if re.search(r"%[0-9A-Fa-f]{2}", cn) and " " not in cn:
        cn = " ".join(unquote(cn).split())  # The Events Calendar writes names URL-encoded
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
    else, when the config gives no address at all, the one address in more events
    than any other and in at least half of those that name anyone (the organiser or
    an attendee). None when the config names you, or the calendar cannot tell (a tie:
    every event a one-to-one with the same person)."""
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
