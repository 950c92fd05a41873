"""What `kithbook show` prints: one relationship's figures and timeline, for a terminal."""

from __future__ import annotations

from datetime import date

import click

from .model import Event, Journal
from .render import since
from .timeline import Timeline


def person_lines(timeline: Timeline, journal: Journal, today: date) -> list[str]:
    """The terminal page of one person: header, figures, then the timeline."""
    person = timeline.person
    lines = [click.style(person.name, bold=True) + f"  ({person.slug}, {person.circle})"]
    about = [
        person.where,
        ", ".join(filter(None, (person.role, person.org))) or None,
        f"aka {', '.join(person.aka)}" if person.aka else None,
        f"tags {', '.join(person.tags)}" if person.tags else None,
    ]
    lines += [f"  {line}" for line in about if line]
    lines.append(f"  {person.source.path}")
    lines.append("")
    lines += [f"{label:<19}{value}" for label, value in figures(timeline, journal, today)]
    lines += timeline_lines(timeline, journal)
    return lines


def figures(timeline: Timeline, journal: Journal, today: date) -> list[tuple[str, str]]:
    """The relationship in numbers, as (label, value) rows."""
    person = timeline.person
    rows: list[tuple[str, str]] = []
    if person.met:
        how = f", {person.how_we_met}" if person.how_we_met else ""
        rows.append(("met", f"{person.met}{how}"))
    if person.introduced_by:
        introducer = journal.person(person.introduced_by)
        rows.append(("introduced by", introducer.name if introducer else person.introduced_by))
    first, last = timeline.first_seen, timeline.last_seen
    rows.append(("first seen", f"{first} ({since(first, today)})" if first else "never"))
    rows.append(("last seen", f"{last} ({since(last, today)})" if last else "never"))
    channels = ", ".join(f"{channel} {n}" for channel, n in timeline.by_channel.items())
    rows.append(
        ("interactions", f"{timeline.interactions}" + (f": {channels}" if channels else ""))
    )
    rows.append(("in person", str(timeline.in_person)))
    contact = timeline.last_real_contact
    rows.append(
        (
            "last real contact",
            f"{contact.date} ({since(contact.date, today)}): {contact.title}"
            if contact
            else "none logged",
        )
    )
    rows.append(("next due", due_words(timeline, today)))
    if person.snooze_until and person.snooze_until > today:
        rows.append(("snoozed until", str(person.snooze_until)))
    return rows


def due_words(timeline: Timeline, today: date) -> str:
    """When to be in touch next, in words: 'never (acquaintance)', '2026-12-01 (in 10 days)'."""
    if timeline.keep_in_touch is None:
        return f"never ({timeline.person.circle}: no keep-in-touch interval)"
    due = timeline.due(today)
    assert due is not None
    interval = timeline.keep_in_touch.words()
    if due < today:
        return f"{due} (was due {since(due, today)}; {interval})"
    return f"{due} ({since(due, today)}; {interval})"


def timeline_lines(timeline: Timeline, journal: Journal) -> list[str]:
    """Planned events (soonest first), then past events by year (most recent first)."""
    lines: list[str] = []
    if timeline.planned:
        lines += ["", click.style("Planned", bold=True)]
        lines += [line for e in timeline.planned for line in event_lines(e, timeline, journal)]
    if timeline.past:
        lines += ["", click.style("Past", bold=True)]
        year = None
        for event in reversed(timeline.past):
            if event.date.year != year:
                year = event.date.year
                lines.append(f" {year}")
            lines += event_lines(event, timeline, journal)
    if not timeline.planned and not timeline.past:
        lines += ["", "No events with them yet: kithbook log TITLE --with " + timeline.person.slug]
    return lines


def event_lines(event: Event, timeline: Timeline, journal: Journal) -> list[str]:
    """One event in a person's timeline: date, title, kind, place, the others there,
    and its open follow-ups."""
    when = f"{event.date} {event.time:%H:%M}" if event.time else f"{event.date}      "
    others = [
        journal.people[slug].name if slug in journal.people else slug
        for slug in event.with_
        if slug != timeline.person.slug
    ]
    parts = [event.title] + ([event.kind] if event.kind != event.title.lower() else [])
    if event.place:
        parts.append(f"at {event.place}")
    if others:
        parts.append(f"with {', '.join(others)}")
    lines = [f"  {when}  " + " · ".join(parts)]
    lines += [f"{'':20}to do: {item.text}" for item in event.open_follow_ups]
    return lines
