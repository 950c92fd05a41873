"""The circles chart: each person placed by their tie strength (kithbook.measures) in
the quarter of the circle they were put in; who has drifted from it."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ..model import CIRCLES, Person
from ..text import count
from .svg import (
    DUE_COLOUR,
    SIZES,
    Size,
    el,
    figure,
    num,
    place_label,
    svg_element,
    svg_text,
    text_width,
    xml,
)

# ---------------------------------------------------------------- measured circles

#: The least strength measured in each circle, closest first.
CIRCLE_THRESHOLDS = {"inner": 0.65, "close": 0.5, "friend": 0.25, "acquaintance": 0.0}


def measured_circle(strength: float) -> str:
    """The circle whose band (CIRCLE_THRESHOLDS) holds ``strength``."""
    return next(c for c in CIRCLES if strength >= CIRCLE_THRESHOLDS[c])


# ---------------------------------------------------------------- circles


@dataclass(frozen=True)
class Placed:
    """One person on the circles chart: the circle their measured strength falls in."""

    person: Person
    strength: float
    measured: str
    #: Whether the journal holds enough of their history to say they drifted: a tie
    #: measures weak while it is new, however close it is.
    settled: bool = True

    @property
    def drift(self) -> int:
        """Rings between where they were put and where they measure; positive: further
        out (never while their history is too short to say so)."""
        rings = CIRCLES.index(self.measured) - CIRCLES.index(self.person.circle)
        return rings if self.settled or rings < 0 else 0


def circles(
    people: Mapping[str, Person], strength: Mapping[str, float], limit: int = 500
) -> tuple[list[Placed], int]:
    """Everyone with any measured contact, strongest first, at most ``limit`` of them;
    and how many were left out for the limit."""
    placed = [Placed(people[s], v, measured_circle(v)) for s, v in strength.items() if v > 0]
    placed.sort(key=lambda p: (-p.strength, p.person.slug))
    return placed[:limit], max(len(placed) - limit, 0)


def _radius(strength: float, hole: float, ring: float) -> float:
    """Piecewise linear: each circle's band of strength fills one ring of width
    ``ring`` outside a ``hole`` in the middle, the strongest nearest the middle."""
    high = 1.0
    for i, circle in enumerate(CIRCLES):
        low = CIRCLE_THRESHOLDS[circle]
        if strength >= low:
            share = (high - strength) / (high - low) if high > low else 0.0
            return hole + ring * (i + min(max(share, 0.0), 1.0))
        high = low
    return hole + ring * len(CIRCLES)


def _sector(cx: float, cy: float, r1: float, r2: float, a1: float, a2: float) -> str:
    """The path of the piece of a ring between angles ``a1`` and ``a2`` (radians)."""

    def at(r: float, a: float) -> str:
        return f"{num(cx + r * math.cos(a))} {num(cy + r * math.sin(a))}"

    outer = f"M{at(r2, a1)}A{num(r2)} {num(r2)} 0 0 1 {at(r2, a2)}"
    if r1 <= 0:
        return f"{outer}L{num(cx)} {num(cy)}Z"
    return f"{outer}L{at(r1, a2)}A{num(r1)} {num(r1)} 0 0 0 {at(r1, a1)}Z"


def circles_chart(placed: list[Placed], link: Callable[[str], str]) -> Markup:
    """The declared circles as rings, one quarter for each: each person a dot in the
    quarter of the circle you put them in, as far from the middle as their measured
    tie is weak. Their own ring is shaded, so a dot outside the shade has drifted.
    Drawn twice (kithbook.charts.svg.SIZES): the narrow drawing names fewer people."""
    drifted = sum(1 for p in placed if p.drift > 0)
    label = (
        f"Circles: {count(len(placed), 'person', 'people')} placed by measured tie strength "
        f"in the quarter of the circle you put them in; {drifted} drifted further out."
    )
    return figure([_circles_drawing(placed, link, size, label) for size in SIZES], "circles")


def _circles_drawing(
    placed: list[Placed], link: Callable[[str], str], size: Size, label: str
) -> str:
    width = size.width(560.0)
    text = size.text(width)
    k = width / 560.0
    # room above and below for the quarters' names, beside the rings
    cx, cy, hole = width / 2, width / 2 + 1.5 * text, 36.0 * k
    outer = width / 2 - 2.2 * text
    height = width + 3 * text
    ring = (outer - hole) / len(CIRCLES)
    quarter = math.pi / 2
    body = []
    boxes: list[tuple[float, float, float, float]] = []
    for i, circle in enumerate(CIRCLES):
        start = -math.pi + i * quarter
        band = _sector(cx, cy, hole + i * ring, hole + (i + 1) * ring, start, start + quarter)
        body.append(el("path", class_="kb-band", d=band, fill="currentColor", fill_opacity="0.1"))
        # the quarter's name in its corner, above or below the rings
        left, above = i in (0, 3), i in (0, 1)
        x = 2.0 if left else width - 2.0
        y = text if above else height - 0.4 * text
        words = f"put in: {circle}"
        body.append(svg_text(words, x, y, "start" if left else "end", "kb-quarter"))
        w = text_width(words, text)
        boxes.append((x if left else x - w, y - text, x + w if left else x, y + 0.3 * text))
    rings = [hole + i * ring for i in range(len(CIRCLES) + 1)]
    body.extend(
        el(
            "circle",
            class_="kb-ring",
            cx=cx,
            cy=cy,
            r=r,
            fill="none",
            stroke="currentColor",
            stroke_opacity="0.3",
        )
        for r in rings
    )
    cross = f"M{num(cx - outer)} {num(cy)}H{num(cx + outer)}M{num(cx)} {num(cy - outer)}"
    body.append(
        el(
            "path",
            class_="kb-axis",
            d=f"{cross}V{num(cy + outer)}",
            stroke="currentColor",
            stroke_opacity="0.3",
        )
    )
    for i, circle in enumerate(CIRCLES):  # ring names up the vertical axis
        y = cy - hole - i * ring - ring / 2 + 0.35 * text
        body.append(svg_text(circle, cx + 3, y, cls="kb-muted", opacity="0.7"))
        boxes.append((cx + 3, y - 0.8 * text, cx + 3 + text_width(circle, text), y + 0.25 * text))
    by_circle: dict[str, list[Placed]] = defaultdict(list)
    for p in placed:
        by_circle[p.person.circle].append(p)
    dots = []
    for i, circle in enumerate(CIRCLES):
        # around the quarter by name, so that the angle says nothing and the radius all
        people = sorted(by_circle[circle], key=lambda p: (p.person.name.casefold(), p.person.slug))
        for n, p in enumerate(people):
            angle = -math.pi + i * quarter + quarter * (0.08 + 0.84 * (n + 0.5) / len(people))
            r = _radius(p.strength, hole, ring)
            dots.append((p, cx + r * math.cos(angle), cy + r * math.sin(angle)))
    dot = (5.0 if len(placed) <= 60 else 3.0) * max(k, 0.8)
    named_boxes = boxes + [(x - dot, y - dot, x + dot, y + dot) for _, x, y in dots]
    named = len(placed) <= (40 if size.name == "wide" else 24)
    for p, x, y in dots:
        name = (
            place_label(p.person.name, x, y, dot, named_boxes, width, height, text) if named else ""
        )
        body.append(_circle_dot(p, x, y, dot, name, link))
    return svg_element(width, height, label, body, "circles", size=size)


def _circle_dot(
    p: Placed, x: float, y: float, r: float, name: str, link: Callable[[str], str]
) -> str:
    state = "kept" if p.drift == 0 else ("drifted" if p.drift > 0 else "closer")
    colour = {"kept": "#495057", "drifted": DUE_COLOUR, "closer": "#1c7ed6"}[state]
    title = (
        f"{p.person.name}: put in {p.person.circle}, measures {p.measured} "
        f"(tie strength {p.strength:.2f})"
    )
    return el(
        "a",
        el("circle", el("title", xml(title)), cx=x, cy=y, r=r, fill=colour),
        name,
        class_=f"kb-person kb-{state}",
        href=link(p.person.slug),
        data_slug=p.person.slug,
        data_circle=p.person.circle,
        data_measured=p.measured,
    )
