"""The pictures of the site, drawn as inline SVG at build time: pure functions
from timelines and the network to markup, with no script and no MkDocs.

Every chart is one line of markup inside a ``<figure>`` (a blank line would end
a raw HTML block in Markdown); every value from the files is XML-escaped (all
attributes go through ``el``); links are computed relative to the page, because
MkDocs does not rewrite links inside raw HTML. Colours come from classes that
kithbook.css styles for the light and the dark scheme; the attributes hold a
fallback. The same input always gives the same bytes.

``svg`` holds the pieces; ``months`` contact per month (a person, the network),
``circles`` tie strength and the circles, ``network`` who knows whom,
``places`` where people live. This module gives each page its pictures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date

from markupsafe import Markup

from ..layout import Layout, Network, arrange
from ..model import Event, Journal, Person
from ..timeline import Timeline
from .circles import (
    CIRCLE_THRESHOLDS,
    Placed,
    circles,
    circles_chart,
    measured_circle,
)
from .months import Months, activity_chart, months, relationship_chart
from .network import ego_chart, ego_inputs, group_names, network_chart
from .places import Place, places, places_chart
from .svg import el, xml

__all__ = [
    "CIRCLE_THRESHOLDS",
    "Months",
    "Place",
    "Placed",
    "activity_chart",
    "circles",
    "circles_chart",
    "dashboard_pictures",
    "ego_chart",
    "ego_inputs",
    "el",
    "group_names",
    "measured_circle",
    "months",
    "network_chart",
    "network_drawing",
    "network_pictures",
    "person_pictures",
    "places",
    "places_chart",
    "places_pictures",
    "relationship_chart",
    "xml",
]

# ---------------------------------------------------------------- what each page shows


def person_pictures(
    timeline: Timeline,
    net: Network,
    people: Mapping[str, Person],
    today: date,
    link: Callable[[str], str],
) -> dict[str, Markup]:
    """A person page's pictures: ``timeline``, the relationship per month, and
    ``ego``, their part of the network (each empty Markup when there is nothing)."""
    slug = timeline.person.slug
    return {
        "timeline": relationship_chart(timeline, today),
        "ego": ego_chart(slug, net, people, link),
    }


def dashboard_pictures(
    journal: Journal,
    strength: Mapping[str, float],
    today: date,
    link: Callable[[str], str],
    known_since: Mapping[str, date | None] | None = None,
    settle_days: float = 0.0,
) -> dict[str, object]:
    """The dashboard's pictures: ``activity`` per month, the ``circles`` chart of each
    person's tie ``strength`` (``measures.strengths``), the people who ``drifted``
    further out than their circle and those who are ``closer`` (most rings first), and
    how many were ``left_out`` of the chart. A person first seen (``known_since``) less
    than ``settle_days`` ago has not drifted: their tie is too new to measure."""
    placed, left_out = circles(journal.people, strength)
    if known_since is not None:
        placed = [
            replace(p, settled=_settled(known_since.get(p.person.slug), today, settle_days))
            for p in placed
        ]
    by_drift = sorted(placed, key=lambda p: (-abs(p.drift), -p.strength, p.person.slug))
    return {
        "activity": activity_chart(journal.events, today),
        "circles": circles_chart(placed, link) if placed else Markup(""),
        "drifted": [p for p in by_drift if p.drift > 0],
        "closer": [p for p in by_drift if p.drift < 0],
        "left_out": left_out,
        "unmeasured": sum(1 for v in strength.values() if v <= 0),
    }


def _settled(first_seen: date | None, today: date, days: float) -> bool:
    return first_seen is not None and (today - first_seen).days >= days


def network_drawing(net: Network, strength: Mapping[str, float]) -> Layout:
    """Where the network page draws each person: the strongest ties first, and for a
    large network only the strongest people (kithbook.layout.arrange)."""
    return arrange(net, strength)


def network_pictures(
    journal: Journal,
    net: Network,
    drawing: Layout,
    strength: Mapping[str, float],
    link: Callable[[str], str],
    labels: int = 40,
) -> dict[str, object]:
    """The network page: the ``chart`` of the ``drawing`` (``network_drawing``), its
    ``layout``, the named ``groups``, and how many people have no tie to anyone
    (``alone``)."""
    return {
        "chart": network_chart(drawing, journal.people, strength, link, labels),
        "layout": drawing,
        "groups": group_names(drawing, journal.people, net),
        "labelled": min(labels, len(drawing.nodes)),
        "alone": len(journal.people) - drawing.total,
    }


def places_pictures(journal: Journal, today: date) -> dict[str, object]:
    """The places page: the ``chart``, the ``places`` (most people first), the people
    with no place (``nowhere``), your own city (``home``: its Place or None) and the
    ``trips``: each plan that goes where people live, with those places."""
    rows, nowhere = places(journal, today)
    trips: dict[str, tuple[Event, list[Place]]] = {}
    for place in rows:
        for event in place.trips:
            trips.setdefault(event.id, (event, []))[1].append(place)
    ordered = sorted(trips.values(), key=lambda item: item[0].sort_key)
    return {
        "chart": places_chart(rows),
        "places": rows,
        "nowhere": nowhere,
        "home": next((p for p in rows if p.local), None),
        "home_name": journal.config.me.where,
        "trips": ordered,
    }
