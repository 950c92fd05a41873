"""Records built in a line, for the engine's tests: people, events and a journal, with
today fixed (the ranking, the pictures and the calendar feed are tested on them)."""

from __future__ import annotations

from datetime import date, timedelta

from kithbook.model import KIND_CHANNELS, Config, Duration, Event, FollowUp, Journal, Me, Person
from kithbook.model import Source as _Source

TODAY = date(2026, 11, 21)


def person(slug: str, **fields: object) -> Person:
    """A person named after the slug ("ana-lee" -> "Ana Lee"), a friend (3m) unless told."""
    fields.setdefault("name", slug.replace("-", " ").title())
    fields.setdefault("circle", "friend")
    keep = fields.get("keep_in_touch")
    if isinstance(keep, str) and keep != "never":
        fields["keep_in_touch"] = Duration.parse(keep)
    return Person(source=_Source(f"people/{slug}.md", 1), slug=slug, **fields)  # type: ignore[arg-type]


def event(
    when: date | int, *with_: str, kind: str = "coffee", id: str | None = None, **fields: object
) -> Event:
    """An event ``when`` days before today (negative: a plan) or on a date, with people."""
    day = when if isinstance(when, date) else TODAY - timedelta(days=when)
    title = str(fields.pop("title", kind.capitalize()))
    ident = id or f"{day.year}/{day.isoformat()}-{kind}-{'-'.join(with_) or 'alone'}"
    follow_up = fields.pop("follow_up", ())
    items = tuple(
        FollowUp(text[4:], True) if text.startswith("[x] ") else FollowUp(text)
        for text in follow_up  # type: ignore[union-attr]
    )
    return Event(
        source=_Source(f"events/{ident}.md", 1),
        id=ident,
        date=day,
        title=title,
        kind=kind,
        channel=KIND_CHANNELS[kind],
        with_=tuple(with_),
        follow_up=items,
        **fields,  # type: ignore[arg-type]
    )


def journal(
    people: list[Person],
    events: list[Event] = (),  # type: ignore[assignment]
    ranking: dict[str, float] | None = None,
    where: str | None = "Birmingham, UK",
) -> Journal:
    """A Journal of these records with default cadences, "me" in ``where``."""
    config = Config(me=Me(name="Sam", where=where), ranking=ranking or {})
    return Journal(
        people={p.slug: p for p in sorted(people, key=lambda p: p.slug)},
        events=tuple(sorted(events, key=lambda e: e.sort_key)),
        config=config,
    )
