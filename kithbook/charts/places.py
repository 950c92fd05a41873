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
    SIZES,
    Size,
    el,
    figure,
    svg_element,
    svg_text,
    text_width,
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
    and the cities of planned trips marked; drawn twice (``SIZES``)."""
    rows = rows[:most]
    if not rows:
        return Markup("")
    label = f"People by where they live: {count(len(rows), 'place')}, the most people first."
    return figure([_places_drawing(rows, size, label) for size in SIZES], "places")


def _places_drawing(rows: list[Place], size: Size, label: str) -> str:
    width = size.width(720.0)
    text = size.text(width)
    line = 1.9 * text
    left = min(text_width("M" * 24, text), 0.36 * width) + 0.6 * text
    chars = max(int((left - 0.6 * text) / (0.62 * text)), 4)
    after = text_width("00 · trip planned", text) + 0.6 * text
    scale = (width - left - after) / max(len(p.people) for p in rows)
    colours = {"kb-home": CHANNEL_COLOURS[IN_PERSON], "kb-trip": "#1c7ed6", "kb-place": "#868e96"}
    body = []
    for i, place in enumerate(rows):
        y = 0.4 * text + i * line
        n = len(place.people)
        note = "home" if place.local else ("trip planned" if place.trips else "")
        cls = "kb-home" if place.local else ("kb-trip" if place.trips else "kb-place")
        name = place.name if len(place.name) <= chars else place.name[: chars - 1] + "…"
        baseline = y + line / 2 + 0.35 * text
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
                svg_text(name, left - 0.6 * text, baseline, "end"),
                el(
                    "rect",
                    class_=cls,
                    x=left,
                    y=y + 0.2 * line,
                    width=max(n * scale, 2.0),
                    height=0.6 * line,
                    fill=colours[cls],
                ),
                svg_text(
                    f"{n} · {note}" if note else str(n), left + n * scale + 0.5 * text, baseline
                ),
                class_="kb-place-row",
                data_place=place.key,
                data_count=n,
            )
        )
    return svg_element(width, 0.8 * text + line * len(rows), label, body, "places", size=size)
