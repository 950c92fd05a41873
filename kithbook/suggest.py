"""Who to meet next: a ranking whose score is a sum of visible, explained parts.

Each part (kithbook.reasons) is a small function of one person's Timeline and the
journal; it returns a ``Part`` with its points, a reason in plain words and the ids
of the events behind it. A row's score is the sum of its parts, so the page can show
exactly why someone is where they are; the row also carries one concrete suggestion.
Weights and horizons are ``kithbook.measures.DEFAULTS``; ``extra.kithbook.ranking``
in mkdocs.yml overrides them by name (docs/ranking.md documents each one).

Everything here is pure: the same journal and the same today give the same
rows, in the same order (ties broken by slug).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .measures import city, city_words, mentions, settings
from .model import (
    IN_PERSON,
    Event,
    FollowUp,
    Journal,
    Person,
)
from .names import People, first_name
from .reasons import (
    PART_NAMES,
    SCORERS,
    Context,
    Part,
    first_in_city,
    unanswered_event,
    within,
)
from .text import day_near
from .timeline import Timeline


@dataclass(frozen=True)
class Row:
    """One person on the list: the score (the sum of the parts, rounded to 2
    decimals), the parts, those with points to show (strongest first), one concrete
    suggestion, and the keep-in-touch date (None for never)."""

    person: Person
    score: float
    parts: tuple[Part, ...]
    shown: tuple[Part, ...]
    suggestion: str
    due: date | None = None

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reasons in plain words, strongest first."""
        return tuple(part.reason for part in self.shown)


# ---------------------------------------------------------------- the ranking


def rank(journal: Journal, timelines: Mapping[str, Timeline], today: date) -> list[Row]:
    """Everyone worth a thought today, best first (ties by slug).

    ``timelines`` comes from ``kithbook.timeline.timelines(journal, today)``. A
    person is left out while snoozed, and when they have no keep-in-touch wish
    (``never``) and nothing pending: no opportunity, no unanswered message, no
    open follow-up.
    """
    context = Context(
        journal=journal,
        today=today,
        weights=settings(journal.config.ranking),
        my_city=city(journal.config.me.where),
        planned=tuple(e for e in journal.events if e.is_planned(today)),
        follow_ups=follow_ups_by_person(journal),
    )
    rows = []
    for slug in sorted(timelines):
        timeline = timelines[slug]
        if timeline.person.snoozed(today):
            continue
        parts = score_parts(timeline, context)
        if timeline.keep_in_touch is None and not _has_pending(parts):
            continue
        rows.append(_row(timeline, parts, context))
    return sorted(rows, key=lambda row: (-row.score, row.person.slug))


def score_parts(timeline: Timeline, context: Context) -> tuple[Part, ...]:
    """Every part with something to say about this person, in PART_NAMES order."""
    parts = (scorer(timeline, context) for scorer in SCORERS)
    return tuple(part for part in parts if part is not None)


def _has_pending(parts: Iterable[Part]) -> bool:
    """True if something is waiting whatever the keep-in-touch wish: a plan, a
    message to answer or a follow-up to do."""
    return any(p.name in ("opportunity", "unanswered", "follow_up") and p.points > 0 for p in parts)


def _row(timeline: Timeline, parts: tuple[Part, ...], context: Context) -> Row:
    """The Row of a scored person: reasons strongest first, and a suggestion."""
    order = {name: index for index, name in enumerate(PART_NAMES)}
    shown = sorted((p for p in parts if p.points > 0), key=lambda p: (-p.points, order[p.name]))
    return Row(
        person=timeline.person,
        score=round(sum(p.points for p in parts), 2),
        parts=parts,
        shown=tuple(shown),
        suggestion=suggestion(timeline, context),
        due=timeline.due(context.today),
    )


def row_events(row: Row) -> tuple[str, ...]:
    """The ids of every event behind a row's reasons, each once, in the order they appear."""
    return tuple(dict.fromkeys(event for part in row.parts for event in part.events))


def next_json(rows: Iterable[Row]) -> list[dict]:
    """The ``/api/next.json`` list of FORMAT.md, in the rows' order."""
    return [
        {
            "slug": row.person.slug,
            "name": row.person.name,
            "score": row.score,
            "reasons": list(row.reasons),
            "suggestion": row.suggestion,
        }
        for row in rows
    ]


# ---------------------------------------------------------------- the suggestion


def suggestion(timeline: Timeline, context: Context) -> str:
    """One concrete next step, the most specific that applies: a reply owed (it
    cannot wait for the next meeting), a plan together, a trip to their city, a
    follow-up, a coffee if local, else a call."""
    person = timeline.person
    first = first_name(person)
    horizon = context.weights["horizon_days"]
    owed = unanswered_event(timeline)
    if owed is not None:
        when = day_near(owed.date, context.today)
        return f"Reply to {first}'s {owed.kind} of {when}"
    together = next((e for e in timeline.planned if within(e, context.today, horizon)), None)
    if together is not None:
        when = day_near(together.date, context.today)
        # "Meet Ana at Coffee with Ana" reads badly: a title naming them is confirmed
        if any(mentions(together.title, name) for name in (*person.names, first)):
            return f"Confirm {together.title} on {when}"
        verb = "Meet" if together.channel == IN_PERSON else "Talk with"
        return f"{verb} {first} at {together.title} on {when}"
    their_city = city(person.where)
    if their_city and their_city != context.my_city:
        trip = first_in_city(context, their_city, context.weights["travel_horizon_days"])
        if trip is not None:
            return (
                f"Meet {first} in {city_words(person.where)} while you are there for "
                f"{trip.title} on {day_near(trip.date, context.today)}"
            )
    todo = next(iter(context.follow_ups.get(person.slug, ())), None)
    if todo is not None:
        return f"Follow up with {first}: {todo[1].text}"
    if their_city and their_city == context.my_city:
        coffee = "a first coffee" if not timeline.in_person else "a coffee"
        return f"Invite {first} for {coffee} in {city_words(person.where)}"
    return f"Call {first}"


# ---------------------------------------------------------------- small decisions


def follow_ups_by_person(journal: Journal) -> dict[str, tuple[tuple[Event, FollowUp], ...]]:
    """Every open follow-up, by the slugs of the people it is about, in event order.

    A follow-up that names people (by name, first name or aka, as written: "Pick
    up Hamid's zine", "Stay an extra night and see Rob") belongs to them, whether
    or not they were at the event; one that names nobody belongs to everyone at
    the event. A first name shared by several people counts only for those of
    them at the event: it is ambiguous otherwise, and guessing would mislead.
    """
    people = People(journal.people.values())
    owned: dict[str, list[tuple[Event, FollowUp]]] = {}
    for event in journal.events:
        for item in event.open_follow_ups:
            for slug in people.named_in(item.text, event.with_) or event.with_:
                owned.setdefault(slug, []).append((event, item))
    return {slug: tuple(items) for slug, items in owned.items()}
