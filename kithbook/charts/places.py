"""People by where they live: who is local, who is near a planned trip."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from ..measures import city, mentions
from ..model import IN_PERSON, Event, Journal, Person
from ..text import count
from .svg import (
    CHANNEL_COLOURS,
    el,
    figure,
    svg_element,
    svg_text,
    xml,
)

# ---------------------------------------------------------------- places


@dataclass(frozen=True)
class Place:
    """Everyone who lives in one city: its name as most often written, its people
    (by name), whether it is your own city, and the plans that go there."""

    name: str
    key: str
    people: tuple[Person, ...]
    local: bool
    trips: tuple[Event, ...]


def places(journal: Journal, today: date) -> tuple[list[Place], list[Person]]:
    """People grouped by city, most people first (then by name), and the people with
    no ``where``. A plan goes to a city when its place names it (whole word, any
    case); plans in your own city (``me.where``) are not trips."""
    home = city(journal.config.me.where)
    groups: dict[str, list[Person]] = defaultdict(list)
    spelt: dict[str, Counter] = defaultdict(Counter)
    nowhere = []
    for person in journal.people.values():
        key = city(person.where)
        if key is None:
            nowhere.append(person)
            continue
        groups[key].append(person)
        spelt[key][(person.where or "").split(",")[0].strip()] += 1
    planned = [e for e in journal.events if e.is_planned(today) and e.place]
    rows = []
    for key, members in groups.items():
        name = min(spelt[key].items(), key=lambda i: (-i[1], i[0]))[0]
        trips = () if key == home else tuple(e for e in planned if mentions(e.place, key))
        members.sort(key=lambda p: (p.name.casefold(), p.slug))
        rows.append(Place(name, key, tuple(members), key == home, trips))
    rows.sort(key=lambda p: (-len(p.people), p.name.casefold(), p.key))
    return rows, sorted(nowhere, key=lambda p: (p.name.casefold(), p.slug))


def places_chart(rows: list[Place], most: int = 25) -> Markup:
    """A bar for each city (the ``most`` with the most people), with your own city
    and the cities of planned trips marked."""
    rows = rows[:most]
    if not rows:
        return Markup("")
    left, line = 170.0, 22.0
    scale = (720 - left - 130) / max(len(p.people) for p in rows)
    colours = {"kb-home": CHANNEL_COLOURS[IN_PERSON], "kb-trip": "#1c7ed6", "kb-place": "#868e96"}
    body = []
    for i, place in enumerate(rows):
        y = 10 + i * line
        n = len(place.people)
        note = "home" if place.local else ("trip planned" if place.trips else "")
        cls = "kb-home" if place.local else ("kb-trip" if place.trips else "kb-place")
        name = place.name if len(place.name) <= 24 else place.name[:23] + "…"
        body.append(
            el(
                "g",
                el(
                    "title",
                    xml(
                        f"{place.name}: {count(n, 'person', 'people')}"
                        + (f", {note}" if note else "")
                    ),
                ),
                svg_text(name, left - 8, y + 13, "end"),
                el(
                    "rect",
                    class_=cls,
                    x=left,
                    y=y + 2,
                    width=max(n * scale, 2.0),
                    height=line - 6,
                    fill=colours[cls],
                ),
                svg_text(f"{n} · {note}" if note else str(n), left + n * scale + 6, y + 13),
                class_="kb-place-row",
                data_place=place.key,
                data_count=n,
            )
        )
    label = f"People by where they live: {count(len(rows), 'place')}, the most people first."
    return figure(svg_element(720, 20 + line * len(rows), label, body, "places"), "places")
