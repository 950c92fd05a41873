"""Who knows whom, and where to draw them: the network as a graph, its groups,
and a deterministic layout computed at build time.

Pure geometry over plain data: no MkDocs, no SVG (``kithbook.charts`` draws).
The owner of the journal is never a node: every event includes them.

Cost: building the graph is linear in the events (quadratic only within one
event, and events of more than ``CROWD`` people are left out); the layout is
linear per iteration (repulsion is computed only between nearby nodes, on a
grid), with a fixed number of iterations, over at most ``DRAWN_MAX`` nodes.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .model import INTRODUCTION, Journal

#: An event with more people than this says little about who knows whom (a
#: conference): it adds no ties, so one crowd does not hide the whole picture.
CROWD = 50
#: Networks with more people than this are drawn with only the strongest ``DRAWN_CAPPED``.
DRAWN_MAX = 2000
DRAWN_CAPPED = 500
#: Force-directed iterations (for parts of up to 250 people; see ``iterations``).
ITERATIONS = 80
#: Nodes further apart than this (in ideal edge lengths) do not push each other.
REACH = 2.0

Point = tuple[float, float]


@dataclass(frozen=True)
class Network:
    """Who knows whom: ``ties`` maps a pair of slugs (sorted) to the number of past
    events they shared (an introduction counts as one, and its ``by`` person is in
    it; ``introduced_by`` on a person makes a tie of at least 1). ``neighbours``
    gives the same ties from each person's side."""

    ties: dict[tuple[str, str], int]
    neighbours: dict[str, dict[str, int]]

    def degree(self, slug: str) -> int:
        """The sum of a person's ties: how many shared events link them to others."""
        return sum(self.neighbours.get(slug, {}).values())


def network(journal: Journal, today: date) -> Network:
    """The graph of who knows whom, from past events and introductions."""
    ties: Counter[tuple[str, str]] = Counter()
    for event in journal.events:
        if event.is_planned(today):
            continue
        people = list(dict.fromkeys(event.with_))
        if event.channel == INTRODUCTION and event.by in journal.people:
            people.append(event.by)
            people = list(dict.fromkeys(people))
        if len(people) < 2 or len(people) > CROWD:
            continue
        people.sort()
        for i, first in enumerate(people):
            for second in people[i + 1 :]:
                ties[(first, second)] += 1
    for slug, person in journal.people.items():
        other = person.introduced_by
        if other and other != slug and other in journal.people:
            pair = (min(slug, other), max(slug, other))
            ties[pair] = max(ties[pair], 1)
    ordered = dict(sorted(ties.items()))
    neighbours: dict[str, dict[str, int]] = defaultdict(dict)
    for (first, second), weight in ordered.items():
        neighbours[first][second] = weight
        neighbours[second][first] = weight
    return Network(ordered, {slug: neighbours[slug] for slug in sorted(neighbours)})


@dataclass(frozen=True)
class Layout:
    """A drawing of the network: ``nodes`` (drawn slugs, strongest first), their
    ``positions`` in a ``width`` x ``height`` box, each node's ``group`` (0 is the
    largest group), the ``edges`` between drawn nodes, how many people have ties
    at all (``total``), and whether only the strongest were drawn (``capped``)."""

    nodes: tuple[str, ...]
    positions: dict[str, Point]
    groups: dict[str, int]
    edges: tuple[tuple[str, str, int], ...]
    width: float
    height: float
    total: int
    capped: bool


def arrange(
    net: Network, strength: Mapping[str, float], width: float = 800.0, spacing: float = 90.0
) -> Layout:
    """Where to draw each person with ties: strongest first; for more than
    ``DRAWN_MAX`` people only the ``DRAWN_CAPPED`` strongest (by ``strength``, then
    by their ties in the network). The same network always gives the same layout."""
    everyone = sorted(net.neighbours, key=lambda s: (-strength.get(s, 0.0), -net.degree(s), s))
    capped = len(everyone) > DRAWN_MAX
    nodes = everyone[:DRAWN_CAPPED] if capped else everyone
    drawn = set(nodes)
    edges = tuple((a, b, w) for (a, b), w in net.ties.items() if a in drawn and b in drawn)
    adjacency: dict[str, dict[str, int]] = {slug: {} for slug in sorted(drawn)}
    for a, b, w in edges:
        adjacency[a][b] = w
        adjacency[b][a] = w
    groups = communities(adjacency)
    boxes = [_component_layout(part, adjacency, groups) for part in components(adjacency)]
    positions, box_width, box_height = _pack(boxes)
    # names need room at the sides; a small network is drawn no wider than
    # ``spacing`` per unit of edge length, in the middle of the width
    side, edge = 90.0, 24.0
    scale = min((width - 2 * side) / box_width if box_width else spacing, spacing)
    left = (width - box_width * scale) / 2
    placed = {
        slug: (round(left + x * scale, 1), round(edge + y * scale, 1))
        for slug, (x, y) in positions.items()
    }
    return Layout(
        nodes=tuple(nodes),
        positions=placed,
        groups=groups,
        edges=edges,
        width=width,
        height=round(box_height * scale + 2 * edge, 1),
        total=len(everyone),
        capped=capped,
    )


def components(adjacency: Mapping[str, Mapping[str, int]]) -> list[list[str]]:
    """The connected parts of the graph, largest first (ties by their first slug),
    each sorted by slug."""
    seen: set[str] = set()
    parts = []
    for start in sorted(adjacency):
        if start in seen:
            continue
        seen.add(start)
        stack, part = [start], []
        while stack:
            slug = stack.pop()
            part.append(slug)
            for other in adjacency[slug]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        parts.append(sorted(part))
    return sorted(parts, key=lambda p: (-len(p), p[0]))


def communities(adjacency: Mapping[str, Mapping[str, int]], passes: int = 12) -> dict[str, int]:
    """Groups of people who mostly meet each other: the local-moving phase of the
    Louvain method (each person joins the neighbouring group that raises the
    weighted modularity most), in slug order, for at most ``passes`` passes.
    Returns each slug's group number, 0 for the largest group."""
    order = sorted(adjacency)
    degree = {s: float(sum(adjacency[s].values())) for s in order}
    total = sum(degree.values())
    group = {s: s for s in order}
    if not total:
        return {s: i for i, s in enumerate(order)}
    size = dict(degree)
    for _ in range(passes):
        moved = False
        for slug in order:
            links: dict[str, float] = defaultdict(float)
            for other, weight in adjacency[slug].items():
                links[group[other]] += weight
            current = group[slug]
            size[current] -= degree[slug]
            best = current
            best_gain = links.get(current, 0.0) - size[current] * degree[slug] / total
            for candidate in sorted(links):
                gain = links[candidate] - size[candidate] * degree[slug] / total
                if gain > best_gain + 1e-9:
                    best, best_gain = candidate, gain
            size[best] += degree[slug]
            group[slug] = best
            moved |= best != current
        if not moved:
            break
    members: dict[str, list[str]] = defaultdict(list)
    for slug in order:
        members[group[slug]].append(slug)
    ranked = sorted(members.values(), key=lambda m: (-len(m), m[0]))
    return {slug: number for number, part in enumerate(ranked) for slug in part}


def iterations(size: int) -> int:
    """Force-directed steps for a part of ``size`` people: ``ITERATIONS``, fewer for
    large parts (never under 30), so that the cost stays about linear."""
    return ITERATIONS if size <= 250 else max(30, ITERATIONS * 250 // size)


def _component_layout(
    part: list[str], adjacency: Mapping[str, Mapping[str, int]], groups: Mapping[str, int]
) -> dict[str, Point]:
    """Fruchterman-Reingold for one connected part, with an ideal edge length of 1:
    seeded start positions (each group around its own centre), ``iterations`` steps
    of a linearly cooling temperature, repulsion only between nodes less than
    ``REACH`` apart (found on a grid of that size). Returns positions with the
    top-left corner at (0, 0)."""
    if len(part) == 1:
        return {part[0]: (0.0, 0.0)}
    n = len(part)
    rng = random.Random(f"kithbook:{part[0]}:{n}")
    own = sorted({groups[s] for s in part})
    spread = math.sqrt(n)
    centre = {
        g: (
            0.6 * spread * math.cos(2 * math.pi * k / len(own)),
            0.6 * spread * math.sin(2 * math.pi * k / len(own)),
        )
        if len(own) > 1
        else (0.0, 0.0)
        for k, g in enumerate(own)
    }
    xs, ys = [], []
    for slug in part:
        cx, cy = centre[groups[slug]]
        xs.append(cx + rng.uniform(-0.5, 0.5) * spread)
        ys.append(cy + rng.uniform(-0.5, 0.5) * spread)
    index = {slug: i for i, slug in enumerate(part)}
    edges = [
        (index[a], index[b], 1.0 + 0.3 * math.log(w))
        for a in part
        for b, w in adjacency[a].items()
        if a < b
    ]
    reach2 = REACH * REACH
    steps = iterations(n)
    start = max(spread * 0.5, 1.0)
    for step in range(steps):
        heat = start * (1 - step / steps) + 0.02
        fx, fy = [0.0] * n, [0.0] * n
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            cells[(math.floor(xs[i] / REACH), math.floor(ys[i] / REACH))].append(i)
        for (cx, cy), members in cells.items():
            # each pair once: within the cell, and with the cells right and below
            for k, i in enumerate(members):
                _repel(i, members[k + 1 :], xs, ys, fx, fy, reach2)
            for dx, dy in _FORWARD:
                others = cells.get((cx + dx, cy + dy))
                if others:
                    for i in members:
                        _repel(i, others, xs, ys, fx, fy, reach2)
        for a, b, weight in edges:
            dx, dy = xs[a] - xs[b], ys[a] - ys[b]
            pull = math.hypot(dx, dy) * weight  # d^2 / k along the unit vector
            fx[a] -= dx * pull
            fy[a] -= dy * pull
            fx[b] += dx * pull
            fy[b] += dy * pull
        for i in range(n):
            gx = fx[i] - 0.05 * xs[i]  # a little gravity keeps a loose part together
            gy = fy[i] - 0.05 * ys[i]
            d = math.hypot(gx, gy)
            if d > 0:
                limit = min(d, heat) / d
                xs[i] += gx * limit
                ys[i] += gy * limit
    left, top = min(xs), min(ys)
    return {slug: (xs[i] - left, ys[i] - top) for i, slug in enumerate(part)}


#: The neighbouring cells each cell pairs up with, so that two cells meet once.
_FORWARD = ((1, -1), (1, 0), (1, 1), (0, 1))


def _repel(
    i: int,
    others: list[int],
    xs: list[float],
    ys: list[float],
    fx: list[float],
    fy: list[float],
    reach2: float,
) -> None:
    """Push ``i`` and each of ``others`` (all closer than the reach) apart, with a
    force of k^2 / d along the line between them (k = 1), on both at once."""
    x, y = xs[i], ys[i]
    ax = ay = 0.0
    for j in others:
        dx, dy = x - xs[j], y - ys[j]
        d2 = dx * dx + dy * dy
        if d2 >= reach2:
            continue
        if d2 < 1e-6:  # two on one spot: apart along a fixed axis
            dx, dy, d2 = (0.01 if i < j else -0.01), 0.0, 1e-4
        px, py = dx / d2, dy / d2
        ax += px
        ay += py
        fx[j] -= px
        fy[j] -= py
    fx[i] += ax
    fy[i] += ay


def _pack(boxes: list[dict[str, Point]]) -> tuple[dict[str, Point], float, float]:
    """Connected parts side by side in rows (largest first), one unit apart:
    returns every position, and the width and height of the whole."""
    sizes = [(max(x for x, _ in box.values()), max(y for _, y in box.values())) for box in boxes]
    area = sum((w + 1) * (h + 1) for w, h in sizes)
    row_width = max([math.sqrt(area) * 1.3] + [w for w, _ in sizes])
    positions: dict[str, Point] = {}
    x = y = row_height = width = 0.0
    for box, (w, h) in zip(boxes, sizes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + 1.0, 0.0
        for slug, (bx, by) in box.items():
            positions[slug] = (x + bx, y + by)
        width = max(width, x + w)
        row_height = max(row_height, h)
        x += w + 1.0
    return positions, width, y + row_height
