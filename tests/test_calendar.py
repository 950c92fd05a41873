"""``/reminders.ics``, parsed back with the icalendar library: due reminders,
yearly birthdays, planned events, and UIDs and bytes that stay the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from builders import TODAY, event, journal, person
from dateutil.rrule import rrulestr
from icalendar import Calendar

from kithbook.calendar import BIRTHDAY_START_YEAR, reminders_ics
from kithbook.model import Birthday, Journal
from kithbook.timeline import timelines


def feed(j: Journal, today: date = TODAY) -> str:
    return reminders_ics(j, timelines(j, today), today)


def parsed(j: Journal, today: date = TODAY) -> dict[str, object]:
    """The feed's VEVENTs by UID."""
    calendar = Calendar.from_ical(feed(j, today))
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def day_of(component, name: str = "dtstart"):
    return component.decoded(name)


def sample() -> Journal:
    return journal(
        [
            person("overdue", circle="close"),  # last coffee 100 days ago, monthly
            person("soon", circle="friend"),  # 3m wish, due in 30 days
            person("later", circle="friend"),  # 3m wish, due in 80 days
            person("never", keep_in_touch="never"),
            person("dozing", circle="close", snooze_until=TODAY + timedelta(days=20)),
            person("bday", birthday=Birthday(6, 6), met=date(2019, 4, 12), circle="acquaintance"),
            person("leap", birthday=Birthday(2, 29, 1992), circle="acquaintance"),
        ],
        [
            event(100, "overdue"),
            event(62, "soon"),
            event(12, "later"),
            event(300, "never"),
            event(100, "dozing"),
            event(
                date(2026, 12, 5),
                "soon",
                kind="meetup",
                id="2026/2026-12-05-thrive",
                title="Thrive Birmingham",
                place="Millpond Hall, Birmingham",
                time=datetime(2026, 12, 5, 10, 0).time(),
                end_date=date(2026, 12, 5),
                end_time=datetime(2026, 12, 5, 17, 0).time(),
            ),
            event(
                date(2027, 1, 22),
                kind="conference",
                id="2027/northern-stack",
                title="Northern Stack",
                end_date=date(2027, 1, 23),
            ),
            event(TODAY, "later", kind="call", id="today-call", title="Call with Later"),
        ],
    )


def test_the_feed_is_valid_icalendar_with_crlf_and_a_prodid() -> None:
    text = feed(sample())
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    calendar = Calendar.from_ical(text)
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//kithbook//reminders//EN"
    for component in calendar.walk("VEVENT"):
        assert component["uid"] and component["summary"] and component["dtstart"]
        assert component.decoded("dtstamp") == datetime(2026, 11, 21, tzinfo=UTC)


def test_the_same_files_and_today_give_the_same_bytes_and_uids() -> None:
    assert feed(sample()) == feed(sample())
    before = parsed(sample())
    j = sample()
    grown = journal(
        list(j.people.values()),
        [*j.events, event(-3, "overdue", id="2026/new-plan", title="New plan")],
    )
    after = parsed(grown)
    assert set(after) == set(before) | {"event-2026/new-plan@kithbook"}
    for uid, component in before.items():
        assert after[uid]["summary"] == component["summary"]


def test_each_event_written_once_is_written_as_icalendar_writes_the_whole_feed() -> None:
    """An event's text is made once and kept (``_component_text``): the feed is still
    the one icalendar writes of the calendar whole, and a renamed person's entries
    carry the new name."""
    text = feed(sample())
    assert Calendar.from_ical(text).to_ical().decode("utf-8") == text
    j = sample()
    renamed = journal(
        [replace(p, name="Olive Due") if p.slug == "overdue" else p for p in j.people.values()],
        list(j.events),
    )
    summaries = {str(e["summary"]) for e in Calendar.from_ical(feed(renamed)).walk("VEVENT")}
    assert "Get in touch with Olive Due" in summaries


def test_keep_in_touch_reminders_for_the_next_60_days_and_those_passed() -> None:
    events = parsed(sample())
    reminders = {uid: e for uid, e in events.items() if uid.startswith("keep-in-touch-")}
    assert set(reminders) == {
        "keep-in-touch-overdue@kithbook",
        "keep-in-touch-soon@kithbook",
        "keep-in-touch-dozing@kithbook",
    }
    overdue = reminders["keep-in-touch-overdue@kithbook"]
    assert day_of(overdue) == TODAY  # passed: today
    assert day_of(overdue, "dtend") == TODAY + timedelta(days=1)  # all day
    assert str(overdue["summary"]) == "Get in touch with Overdue"
    soon = reminders["keep-in-touch-soon@kithbook"]
    assert day_of(soon) == date(2026, 12, 20)  # 20 Sep + 3 months
    assert day_of(reminders["keep-in-touch-dozing@kithbook"]) == TODAY + timedelta(days=20)


def test_birthdays_recur_every_year_from_the_year_we_met() -> None:
    events = parsed(sample())
    bday = events["birthday-bday@kithbook"]
    assert str(bday["summary"]) == "Bday's birthday"
    assert day_of(bday) == date(2019, 6, 6)
    assert bday["rrule"]["FREQ"] == ["YEARLY"]
    start = datetime(2019, 6, 6)
    rule = rrulestr(bday["rrule"].to_ical().decode(), dtstart=start)
    assert rule.after(datetime(2030, 1, 1)) == datetime(2030, 6, 6)


def test_a_29_february_birthday_falls_on_28_february_in_other_years() -> None:
    leap = parsed(sample())["birthday-leap@kithbook"]
    start = day_of(leap)
    assert start == date(BIRTHDAY_START_YEAR, 2, 29)  # no met: the fixed (leap) year
    rule = rrulestr(
        leap["rrule"].to_ical().decode(), dtstart=datetime(start.year, start.month, start.day)
    )
    days = [d.date() for d in rule.between(datetime(2026, 1, 1), datetime(2029, 1, 1))]
    assert days == [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]


def test_planned_events_are_there_under_their_titles_with_time_and_place() -> None:
    events = parsed(sample())
    thrive = events["event-2026/2026-12-05-thrive@kithbook"]
    assert str(thrive["summary"]) == "Thrive Birmingham"
    assert str(thrive["location"]) == "Millpond Hall, Birmingham"
    assert day_of(thrive) == datetime(2026, 12, 5, 10, 0)
    assert day_of(thrive, "dtend") == datetime(2026, 12, 5, 17, 0)
    assert "Soon" in str(thrive["description"])
    stack = events["event-2027/northern-stack@kithbook"]
    assert day_of(stack) == date(2027, 1, 22)
    assert day_of(stack, "dtend") == date(2027, 1, 24)  # DTEND is exclusive
    assert "event-today-call@kithbook" in events  # today's plans stay in the calendar
    past = [e.id for e in sample().events if e.date < TODAY]
    assert past and not any(f"event-{id}@kithbook" in events for id in past)  # the past is not


def test_an_empty_journal_is_still_a_valid_feed() -> None:
    calendar = Calendar.from_ical(feed(journal([])))
    assert calendar.walk("VEVENT") == []
