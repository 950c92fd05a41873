"""A calendar file read one part at a time: unfolded, split into calendars and their
components, and each component read by icalendar on its own.

icalendar refuses a whole text for one property it cannot read (a negative duration
``PT-2H`` in an alarm, a free/busy period that ends before it starts) and fails outright
on some odd structures (a ``VTIMEZONE`` with several ``TZID``s, as The Events Calendar
for WordPress writes it). Read one part at a time, nothing in one event, time zone or
free/busy block can cost the others: what can be read is imported; what cannot is
skipped or left out, one line for each reason; a file in which nothing can be read as
iCalendar is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from icalendar import Calendar, Component, Event
from icalendar.parser import Contentline

from ...model import Problem, Source
from ...text import count
from .. import Refused, Repeated, Skip
from ..exports import utf8_text


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
    texts, outside = _split(_content_lines(utf8_text(data)))
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
    left_out = Repeated()
    for what, lines in (
        ("this line of the calendar", bad_lines),
        ("this line of an event", bad_event_lines),
        ("this line outside the calendar", [(n, "") for n in outside]),
    ):
        for number, why in lines:
            message = f"cannot read {what}" + (f" ({why})" if why else "") + ": left out"
            left_out.add(what, Source(shown, number), message)
    problems = left_out.problems(_more_such_lines)
    problems += [
        Problem(Source(shown, text.line), "warning", "the calendar has no END:VCALENDAR: the "
                "file may be cut off; what it holds is imported")
        for text in texts
        if not text.ended
    ]  # fmt: skip
    return Read(calendars, vevents, skipped, problems)


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


def _more_such_lines(more: int) -> str:
    """How many more lines were left out for the same reason, after the first."""
    return f", as {'are' if more > 1 else 'is'} {count(more, 'more such line')}"
