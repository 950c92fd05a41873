"""Each relationship's history and its figures, computed once per build."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .model import CHANNELS, IN_PERSON, REAL_CONTACT, Config, Duration, Event, Journal, Person


@dataclass(frozen=True)
class Timeline:
    """One person's events and what they add up to.

    ``past`` holds the events up to and including today, oldest first; ``planned``
    the later ones, soonest first. ``companions`` are the people most often at the
    same past events, as (slug, shared events), most first.
    """

    person: Person
    past: tuple[Event, ...] = ()
    planned: tuple[Event, ...] = ()
    companions: tuple[tuple[str, int], ...] = ()
    keep_in_touch: Duration | None = None
    by_channel: dict[str, int] = field(default_factory=dict)

    @property
    def first_seen(self) -> date | None:
        return self.past[0].date if self.past else None

    @property
    def last_seen(self) -> date | None:
        return self.past[-1].date if self.past else None

    @property
    def interactions(self) -> int:
        return len(self.past)

    @property
    def in_person(self) -> int:
        return self.by_channel.get(IN_PERSON, 0)

    @property
    def last_real_contact(self) -> Event | None:
        """The last past event in which you actually talked (in person, call, written)."""
        return next((e for e in reversed(self.past) if e.channel in REAL_CONTACT), None)

    @property
    def last_in_person(self) -> Event | None:
        return next((e for e in reversed(self.past) if e.channel == IN_PERSON), None)

    @property
    def clock_start(self) -> date | None:
        """The day the keep-in-touch clock runs from: the last real contact, else the day
        you met; None when neither is known."""
        contact = self.last_real_contact
        return contact.date if contact else self.person.met

    def due(self, today: date) -> date | None:
        """When the next contact is due: ``clock_start`` plus the keep-in-touch interval;
        today if nothing is logged; None for never."""
        if self.keep_in_touch is None:
            return None
        start = self.clock_start
        return self.keep_in_touch.after(start) if start else today


def timelines(journal: Journal, today: date) -> dict[str, Timeline]:
    """Every person's Timeline, by slug, in one pass over the events."""
    past: dict[str, list[Event]] = {slug: [] for slug in journal.people}
    planned: dict[str, list[Event]] = {slug: [] for slug in journal.people}
    shared: dict[str, Counter] = {slug: Counter() for slug in journal.people}
    for event in journal.events:
        bucket = planned if event.is_planned(today) else past
        for slug in event.with_:
            bucket[slug].append(event)
            if bucket is past:
                shared[slug].update(other for other in event.with_ if other != slug)
    return {
        slug: _timeline(person, past[slug], planned[slug], shared[slug], journal.config)
        for slug, person in journal.people.items()
    }


def _timeline(
    person: Person, past: list[Event], planned: list[Event], shared: Counter, config: Config
) -> Timeline:
    counts = Counter(event.channel for event in past)
    by_channel = {channel: counts[channel] for channel in CHANNELS if counts[channel]}
    by_channel.update({c: n for c, n in counts.items() if c not in by_channel})
    companions = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
    return Timeline(
        person=person,
        past=tuple(past),
        planned=tuple(planned),
        companions=tuple(companions[:5]),
        keep_in_touch=config.keep_in_touch(person),
        by_channel=by_channel,
    )
