"""``/reminders.ics``: keep-in-touch dates, birthdays and plans as an iCalendar feed.

A calendar app that subscribes to the feed matches events by UID, so every UID
here is derived from what the event is about (a person's slug, an event's id),
never from its position or the clock: an edit updates the entry instead of
duplicating it. DTSTAMP comes from today, so the same files and the same today
give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .model import Event, Journal, Person
from .timeline import Timeline

PRODID = "-//kithbook//reminders//EN"
#: Keep-in-touch dates this many days ahead (or already passed) are in the feed.
DUE_WINDOW_DAYS = 60
#: The first year of a birthday's recurrence when the person's ``met`` is unknown;
#: a leap year, so that 29 February is a real date in it.
BIRTHDAY_START_YEAR = 2000
#: How long a timed plan without an ``end`` lasts in the calendar.
DEFAULT_LENGTH = timedelta(hours=1)


def reminders_ics(journal: Journal, timelines: Mapping[str, Timeline], today: date) -> str:
    """The whole feed as text with CRLF line ends: keep-in-touch reminders (by date,
    then slug), birthdays (by slug), then plans from today on (in event order)."""
    stamp = datetime.combine(today, time.min, tzinfo=UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{journal.config.me.name}: kithbook reminders")
    head = calendar.to_ical().decode("utf-8").removesuffix(_END)
    components = (
        *keep_in_touch_events(timelines, today),
        *birthday_events(journal.people.values()),
        *plan_events(journal, today),
    )
    return head + "".join(_component_text((*c, ("dtstamp", stamp))) for c in components) + _END


#: The last line of the feed, after its components.
_END = "END:VCALENDAR\r\n"
#: A calendar event as the properties it is made of, in order: (name, value) pairs,
#: a list held as a tuple and a recurrence rule as a tuple of its (part, value) pairs.
Component = tuple[tuple[str, object], ...]


@lru_cache(maxsize=1 << 17)
def _component_text(component: Component) -> str:
    """The text of a calendar event, made once for the same properties: of a feed of
    thousands that a save remakes, most events are what they were."""
    event = CalendarEvent()
    for name, value in component:
        if name == "rrule":
            value = dict(value)  # type: ignore[arg-type]
        elif isinstance(value, tuple):
            value = list(value)
        event.add(name, value)
    return event.to_ical().decode("utf-8")


def keep_in_touch_events(timelines: Mapping[str, Timeline], today: date) -> list[Component]:
    """One all-day event per person whose keep-in-touch date is at most
    DUE_WINDOW_DAYS away: on that date, or today once it has passed. A snoozed
    person's reminder waits for the end of the snooze."""
    reminders = []
    for slug, timeline in timelines.items():
        day = reminder_day(timeline, today)
        if day is not None:
            reminders.append((day, slug, timeline))
    return [
        (
            *_all_day(
                f"keep-in-touch-{slug}@kithbook", f"Get in touch with {timeline.person.name}", day
            ),
            ("description", _keep_in_touch_words(timeline, today)),
            ("categories", ("kithbook", "keep in touch")),
        )
        for day, slug, timeline in sorted(reminders, key=lambda item: item[:2])
    ]


def reminder_day(timeline: Timeline, today: date) -> date | None:
    """The day of a person's keep-in-touch reminder, or None when there is none
    (``never``, or not due within DUE_WINDOW_DAYS)."""
    due = timeline.due(today)
    if due is None:
        return None
    day = max(due, today)
    if timeline.person.snoozed(day):
        day = timeline.person.snooze_until
    return day if (day - today).days <= DUE_WINDOW_DAYS else None


def birthday_events(people: Iterable[Person]) -> list[Component]:
    """A yearly all-day event for each birthday, by slug. It starts in the year the
    person was met (BIRTHDAY_START_YEAR if unknown); 29 February is written as the
    last day of February, so it falls on the 28th in other years."""
    events = []
    for person in sorted(people, key=lambda p: p.slug):
        birthday = person.birthday
        if birthday is None:
            continue
        year = person.met.year if person.met else BIRTHDAY_START_YEAR
        rule: dict[str, object] = {"freq": "yearly"}
        if (birthday.month, birthday.day) == (2, 29):
            start = date(year, 3, 1) - timedelta(days=1)
            rule.update(bymonth=2, bymonthday=-1)
        else:
            start = date(year, birthday.month, birthday.day)
        events.append(
            (
                *_all_day(f"birthday-{person.slug}@kithbook", f"{person.name}'s birthday", start),
                ("rrule", tuple(rule.items())),
                ("categories", ("kithbook", "birthday")),
            )
        )
    return events


def plan_events(journal: Journal, today: date) -> list[Component]:
    """Each event from today on, under its title: timed when the file gives a time
    (local, floating time), all-day otherwise; the place as its location."""
    events = []
    for plan in journal.events:
        if plan.date < today:
            continue
        event = [*_plan_times(plan), ("uid", f"event-{plan.id}@kithbook"), ("summary", plan.title)]
        if plan.place:
            event.append(("location", plan.place))
        names = [journal.people[s].name for s in plan.with_ if s in journal.people]
        if names:
            event.append(("description", "With " + ", ".join(names)))
        events.append(tuple(event))
    return events


def _plan_times(plan: Event) -> Component:
    """The plan's start and end (DTEND is exclusive)."""
    if plan.time is None:
        last = plan.end_date if plan.end_date and plan.end_date >= plan.date else plan.date
        return (("dtstart", plan.date), ("dtend", last + timedelta(days=1)))
    start = datetime.combine(plan.date, plan.time)
    end = start + DEFAULT_LENGTH
    if plan.end_date is not None and plan.end_time is not None:
        end = datetime.combine(plan.end_date, plan.end_time)
    elif plan.end_date is not None:  # an end day without a time: until that day is over
        end = datetime.combine(plan.end_date + timedelta(days=1), time.min)
    return (("dtstart", start), ("dtend", max(end, start)))


def _all_day(uid: str, summary: str, day: date) -> Component:
    """An all-day event with its UID and summary."""
    return (
        ("uid", uid),
        ("summary", summary),
        ("dtstart", day),
        ("dtend", day + timedelta(days=1)),
        ("transp", "TRANSPARENT"),  # a reminder does not make you busy
    )


def _keep_in_touch_words(timeline: Timeline, today: date) -> str:
    """Why the reminder is there: the wish and the last real contact."""
    wish = f"You wanted to be in touch {timeline.keep_in_touch.words()}."  # type: ignore[union-attr]
    contact = timeline.last_real_contact
    if contact is not None:
        return f"{wish} Last real contact: {contact.title} on {contact.date.isoformat()}."
    return f"{wish} No contact logged yet."
