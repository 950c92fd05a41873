"""The commands for every day that only read: `kithbook today` (the day's digest) and
`find` (people and events holding a text)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, timedelta

import click

from ..dates import WEEKDAYS
from ..load import load_journal
from ..model import Event, FollowUp, Journal, Person
from ..pages import birthdays
from ..site import Site
from ..suggest import Row, rank
from ..terminal import Bold, Line, echo
from ..text import ago, clock, count, day, folded
from ..timeline import Timeline, timelines
from .group import State, pass_state

#: The digest looks this many days ahead, for birthdays and plans.
WEEK = 7
#: It lists at most this many open follow-ups, the most recent events' first.
FOLLOW_UPS = 15

# ---------------------------------------------------------------- today


@click.command()
@pass_state
def today(state: State) -> None:
    """The day's digest: birthdays this week, who is due, open follow-ups, plans.

    Who is due: everyone whose keep-in-touch date has come (not snoozed), in the
    order of kithbook next and with its words: someone never contacted is due until
    you log a contact, not due anew each day. Open
    follow-ups: the most recent events' first (tick one with kithbook done). Plans:
    the events of the next 7 days.

    \b
    Examples:
      kithbook today
      KITHBOOK_TODAY=2026-12-24 kithbook today
    """
    workspace = state.workspace()
    journal, _ = load_journal(workspace.root, workspace.config)
    now = workspace.today
    by_person = timelines(journal, now)
    lines = digest_lines(journal, by_person, now, rank(journal, by_person, now))
    for line in lines:
        echo(line)


def digest_lines(
    journal: Journal, by_person: dict[str, Timeline], now: date, rows: list[Row]
) -> list[Line]:
    """The digest of ``now``, as lines for the terminal; ``rows`` is the ranking
    (``suggest.rank``), whose keep-in-touch reasons say who is due."""
    lines: list[Line] = [(Bold(f"{WEEKDAYS[now.weekday()].capitalize()}, {day(now)}"),)]
    sections = (
        ("Birthdays", _birthday_lines(journal, by_person, now)),
        ("Due", _due_lines(rows)),
        ("Open follow-ups", _follow_up_lines(journal, now)),
        ("This week", _plan_lines(journal, now)),
    )
    for title, section in sections:
        if section:
            lines += ["", (Bold(title),), *section]
    if len(lines) == 1:
        lines += ["", "Nothing today: no birthdays, no one due, nothing to do, nothing planned."]
    return lines


def _birthday_lines(journal: Journal, by_person: dict[str, Timeline], now: date) -> list[Line]:
    site = Site(journal, (), now, by_person)
    lines: list[Line] = []
    for when, person in birthdays(site, WEEK - 1):
        age = f", {when.year - person.birthday.year}" if person.birthday.year else ""
        words = "today" if when == now else ago(when, now)
        lines.append(f"  {day(when, year=False):<7} {person.name} ({person.slug}): {words}{age}")
    return lines


def _due_lines(rows: list[Row]) -> list[Line]:
    """Who is due, as /next/ and `kithbook next` rank them and say it: each row with an
    ``overdue`` part (the keep-in-touch date has come), with that part's reason."""
    return [
        f"  {row.person.name} ({row.person.slug}): {part.reason}"
        for row in rows
        for part in row.parts
        if part.name == "overdue"
    ]


def _follow_up_lines(journal: Journal, now: date) -> list[Line]:
    items: list[tuple[Event, FollowUp]] = [
        (event, item)
        for event in reversed(journal.events)
        if not event.is_planned(now)
        for item in event.open_follow_ups
    ]
    lines: list[Line] = [
        f"  {item.text}  ({event.date}, {event.title}: {event.id})" for event, item in items
    ]
    if len(lines) > FOLLOW_UPS:
        more = len(lines) - FOLLOW_UPS
        lines = [*lines[:FOLLOW_UPS], f"  and {count(more, 'more')}: kithbook find TEXT"]
    return lines


def _plan_lines(journal: Journal, now: date) -> list[Line]:
    end = now + timedelta(days=WEEK)
    lines: list[Line] = []
    for event in journal.events:
        if now < event.date <= end:
            names = [journal.people[s].name for s in event.with_ if s in journal.people]
            parts = [event.title, event.kind]
            if event.place:
                parts.append(f"at {event.place}")
            if names:
                parts.append(f"with {', '.join(names)}")
            when = f"{WEEKDAYS[event.date.weekday()][:3].capitalize()} {day(event.date, False)}"
            at = f" {clock(event.time)}" if event.time else ""
            lines.append(f"  {when}{at}  " + " · ".join(parts))
    return lines


# ---------------------------------------------------------------- find


@click.command()
@click.argument("text")
@pass_state
def find(state: State, text: str) -> None:
    """People and events holding TEXT, whatever the case and accents.

    People: in their name, aka, where they live, org, tags or notes. Events: in their
    title, place, tags, follow-ups (to do, or done) or notes. Each is listed with its
    id (for show, done, rename) and where TEXT was found. TEXT of letters and digits
    is found whatever the case, accents, spaces and punctuation (zoe angstrom finds
    Zoë-Ångström); TEXT with other signs (an emoji, #, C++) is found as typed, case
    and accents aside.

    \b
    Examples:
      kithbook find zoe            # finds Zoë Ångström
      kithbook find "tilt"
      kithbook find slides         # the follow-up to tick with kithbook done
      kithbook find 🦊
    """
    if not text.strip():
        raise click.BadParameter("give something to look for", param_hint="TEXT")
    workspace = state.workspace()
    journal, _ = load_journal(workspace.root, workspace.config)
    people, events = matches(journal, text)
    if people:
        echo((Bold("People"),))
        for person, fields in people:
            echo(f"  {person.name} ({person.slug}): {'; '.join(fields)}")
    if events:
        if people:
            echo()
        echo((Bold("Events"),))
        for event, fields in events:
            echo(f"  {event.date}  {event.title} ({event.id}): {'; '.join(fields)}")
    if not people and not events:
        echo(f"Nothing holds '{text}'.")


def matches(
    journal: Journal, text: str
) -> tuple[list[tuple[Person, list[str]]], list[tuple[Event, list[str]]]]:
    """(the people, the events) holding ``text`` (see ``_holding``), each with where:
    ``name``, ``aka Zo``, ``to do Send the slides``, ``done Pay her back``, ``notes``."""
    holds = _holding(text)
    people = []
    for person in journal.people.values():
        fields = _found(
            holds,
            [("name", person.name)]
            + [("aka", name) for name in person.aka]
            + [("where", person.where), ("org", person.org)]
            + [("tag", tag) for tag in person.tags],
        )
        if holds(person.notes):
            fields.append("notes")
        if fields:
            people.append((person, fields))
    events = []
    for event in reversed(journal.events):
        fields = _found(
            holds,
            [("title", event.title), ("place", event.place)]
            + [("tag", tag) for tag in event.tags]
            + [("done" if item.done else "to do", item.text) for item in event.follow_up],
        )
        if holds(event.notes):
            fields.append("notes")
        if fields:
            events.append((event, fields))
    return people, events


def _holding(text: str) -> Callable[[str | None], bool]:
    """Whether a value holds ``text``: text of letters, digits, spaces and punctuation
    as names are compared (``text.folded``: case, accents, spaces and punctuation
    aside); any other text (an emoji, ``#``, ``C++``), which folding would empty or
    change, as typed, only case and accents aside (``_plain``)."""
    wanted = folded(text)
    if wanted and all(char.isalnum() or char.isspace() or _punctuation(char) for char in text):
        return lambda value: bool(value) and wanted in folded(value)
    plain = _plain(text)
    return lambda value: bool(value) and plain in _plain(value)


def _punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def _plain(text: str) -> str:
    """``text`` in lowercase, its accents dropped and its spaces made one."""
    bare = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return " ".join(bare.casefold().split())


def _found(holds: Callable[[str | None], bool], values: list[tuple[str, str | None]]) -> list[str]:
    """'label value' for each value holding the text; the name only as 'name'."""
    return [
        label if label in ("name", "title") else f"{label} {value}"
        for label, value in values
        if holds(value)
    ]
