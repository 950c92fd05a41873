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
    for component in (
        *keep_in_touch_events(timelines, today),
        *birthday_events(journal.people.values()),
        *plan_events(journal, today),
    ):
        component.add("dtstamp", stamp)
        calendar.add_component(component)
    return calendar.to_ical().decode("utf-8")


def keep_in_touch_events(timelines: Mapping[str, Timeline], today: date) -> list[CalendarEvent]:
    """One all-day event per person whose keep-in-touch date is at most
    DUE_WINDOW_DAYS away: on that date, or today once it has passed. A snoozed
    person's reminder waits for the end of the snooze."""
    reminders = []
    for slug, timeline in timelines.items():
        day = reminder_day(timeline, today)
        if day is not None:
            reminders.append((day, slug, timeline))
    events = []
    for day, slug, timeline in sorted(reminders, key=lambda item: item[:2]):
        person = timeline.person
        event = _all_day(f"keep-in-touch-{slug}@kithbook", f"Get in touch with {person.name}", day)
        event.add("description", _keep_in_touch_words(timeline, today))
        event.add("categories", ["kithbook", "keep in touch"])
        events.append(event)
    return events


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


def birthday_events(people: Iterable[Person]) -> list[CalendarEvent]:
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
        event = _all_day(f"birthday-{person.slug}@kithbook", f"{person.name}'s birthday", start)
        event.add("rrule", rule)
        event.add("categories", ["kithbook", "birthday"])
        events.append(event)
    return events


def plan_events(journal: Journal, today: date) -> list[CalendarEvent]:
    """Each event from today on, under its title: timed when the file gives a time
    (local, floating time), all-day otherwise; the place as its location."""
    events = []
    for plan in journal.events:
        if plan.date < today:
            continue
        event = _plan_times(plan)
        event.add("uid", f"event-{plan.id}@kithbook")
        event.add("summary", plan.title)
        if plan.place:
            event.add("location", plan.place)
        names = [journal.people[s].name for s in plan.with_ if s in journal.people]
        if names:
            event.add("description", "With " + ", ".join(names))
        events.append(event)
    return events


def _plan_times(plan: Event) -> CalendarEvent:
    """A calendar event holding the plan's start and end (DTEND is exclusive)."""
    event = CalendarEvent()
    if plan.time is None:
        last = plan.end_date if plan.end_date and plan.end_date >= plan.date else plan.date
        event.add("dtstart", plan.date)
        event.add("dtend", last + timedelta(days=1))
        return event
    start = datetime.combine(plan.date, plan.time)
    end = start + DEFAULT_LENGTH
    if plan.end_date is not None and plan.end_time is not None:
        end = datetime.combine(plan.end_date, plan.end_time)
    elif plan.end_date is not None:  # an end day without a time: until that day is over
        end = datetime.combine(plan.end_date + timedelta(days=1), time.min)
    event.add("dtstart", start)
    event.add("dtend", max(end, start))
    return event


def _all_day(uid: str, summary: str, day: date) -> CalendarEvent:
    """An all-day event with its UID and summary."""
    event = CalendarEvent()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder does not make you busy
    return event


def _keep_in_touch_words(timeline: Timeline, today: date) -> str:
    """Why the reminder is there: the wish and the last real contact."""
    wish = f"You wanted to be in touch {timeline.keep_in_touch.words()}."  # type: ignore[union-attr]
    contact = timeline.last_real_contact
    if contact is not None:
        return f"{wish} Last real contact: {contact.title} on {contact.date.isoformat()}."
    return f"{wish} No contact logged yet."
