"""The network drawn: who knows whom (laid out by kithbook.layout), and one
person's part of it."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

from markupsafe import Markup

from ..layout import Layout, Network
from ..model import IN_PERSON, Person
from ..text import count
from .svg import (
    CHANNEL_COLOURS,
    GROUP_COLOURS,
    SIZES,
    Segments,
    Size,
    channel_class,
    el,
    figure,
    num,
    place_label,
    svg_element,
    svg_text,
    text_width,
    xml,
)

# ---------------------------------------------------------------- the network


def group_names(
    layout: Layout, people: Mapping[str, Person], net: Network
) -> list[tuple[str, list[str]]]:
    """Each group of the drawing (largest first), named by the tag most of its
    members share, else after its best-connected member; with its members, most
    connected first."""
    members: dict[int, list[str]] = defaultdict(list)
    for slug in layout.nodes:
        members[layout.groups[slug]].append(slug)
    named = []
    for number in sorted(members):
        slugs = sorted(members[number], key=lambda s: (-net.degree(s), s))
        tags = Counter(tag for s in slugs for tag in dict.fromkeys(people[s].tags))
        common = [
            t for t, n in sorted(tags.items(), key=lambda i: (-i[1], i[0])) if 2 * n > len(slugs)
        ]
        around = f"around {people[slugs[0]].name}"
        name = common[0] if common and len(slugs) > 1 else around
        if any(name == earlier for earlier, _ in named):
            name = f"{name}, {around}"
        named.append((name, slugs))
    return named


def network_chart(
    layout: Layout,
    people: Mapping[str, Person],
    strength: Mapping[str, float],
    link: Callable[[str], str],
    labels: int = 40,
) -> Markup:
    """The network drawn: a line for each tie (thicker for more shared events), a dot
    for each person (larger for a stronger tie with you, coloured by group), each a
    link to their page; names for the ``labels`` strongest where they cross no line
    and no other name, a <title> for everyone. Drawn twice (``SIZES``): the narrow
    drawing is the wide one made smaller, with names at a size a phone can read."""
    if not layout.nodes:
        return Markup("")
    drawn = count(len(layout.nodes), "person", "people")
    label = (
        f"The network: {drawn} and {count(len(layout.edges), 'tie')} from shared events "
        f"and introductions"
        + (f", the strongest {len(layout.nodes)} of {layout.total}" if layout.capped else "")
        + "."
    )
    return figure(
        [_network_drawing(layout, people, strength, link, labels, size, label) for size in SIZES],
        "network",
    )


def _network_drawing(
    layout: Layout,
    people: Mapping[str, Person],
    strength: Mapping[str, float],
    link: Callable[[str], str],
    labels: int,
    size: Size,
    label: str,
) -> str:
    full_width, full_height = max(layout.width, 200.0), max(layout.height, 120.0)
    width = size.width(full_width)
    k = width / full_width
    height = full_height * k
    text = size.text(width)
    pos = {s: (x * k, y * k) for s, (x, y) in layout.positions.items()}
    by_weight: dict[int, list[str]] = defaultdict(list)
    segments = []
    for a, b, w in layout.edges:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        by_weight[w].append(f"M{num(x1)} {num(y1)}L{num(x2)} {num(y2)}")
        segments.append((a, b, (x1, y1, x2, y2)))
    lines = [  # one path for all the ties of one weight keeps a large network small
        el(
            "path",
            class_="kb-ties",
            data_w=w,
            data_ties=len(parts),
            d="".join(parts),
            stroke_width=(0.8 + 0.9 * math.log2(w)) * max(k, 0.6),
        )
        for w, parts in sorted(by_weight.items())
    ]
    radius = {s: (3.0 + 6.0 * strength.get(s, 0.0)) * max(k, 0.6) for s in layout.nodes}
    # names keep clear of each other, of the named dots and of the lines
    boxes = [
        (x - radius[s], y - radius[s], x + radius[s], y + radius[s])
        for s in layout.nodes[:labels]
        for x, y in [pos[s]]
    ]
    ties = Segments(segments, width, height)
    names = {}
    for slug in layout.nodes[:labels]:  # the strongest choose their spot first
        name, (x, y) = people[slug].name, pos[slug]
        shown = place_label(name, x, y, radius[slug], boxes, width, height, text, ties)
        if not shown:  # else beside their own ties, which start under their dot
            shown = place_label(name, x, y, radius[slug], boxes, width, height, text, ties, slug)
        if not shown:  # in the thick of the ties: on a patch of the page that hides them
            shown = place_label(name, x, y, radius[slug], boxes, width, height, text)
            if shown:
                left, top, right, bottom = boxes[-1]
                patch = el(
                    "rect",
                    class_="kb-label-bg",
                    x=left - 2,
                    y=top,
                    width=right - left + 4,
                    height=bottom - top,
                    rx="3",
                    fill="#fff",
                )
                shown = patch + shown
        if shown:
            names[slug] = shown
    wide = size.name == "wide"
    nodes = []
    for slug in sorted(layout.nodes, key=lambda s: (s in names, s)):  # names on top
        x, y = pos[slug]
        colour = layout.groups[slug] % len(GROUP_COLOURS)  # small groups share colours
        nodes.append(
            el(
                "a",
                el(
                    "circle",
                    el("title", xml(people[slug].name)),
                    class_=f"kb-g{colour}",
                    cx=x,
                    cy=y,
                    r=radius[slug],
                    fill=GROUP_COLOURS[colour],
                ),
                names.get(slug, ""),
                class_="kb-person",
                id=f"n-{slug}" if wide else None,  # one id per page: the wide drawing's
                href=link(slug),
                data_slug=slug,
            )
        )
    body = [
        el(
            "g",
            *lines,
            class_="kb-edges",
            fill="none",
            stroke="currentColor",
            stroke_opacity=num(max(0.12, min(0.35, 12 / math.sqrt(len(layout.edges) or 1)))),
            stroke_linecap="round",
        )
        if lines
        else "",
        el("g", *nodes, class_="kb-nodes"),
    ]
    return svg_element(width, height, label, body, "network", size=size)


#: A person's part of the network draws at most this many of the people around them.
EGO_MOST = 12


def ego_inputs(slug: str, net: Network, most: int = EGO_MOST) -> tuple:
    """What ``ego_chart`` draws of the network (besides names and links): the people
    around ``slug`` with their ties, most first, and the ties among those drawn. Two
    networks with the same inputs for a person draw the same picture of them."""
    around = sorted(net.neighbours.get(slug, {}).items(), key=lambda i: (-i[1], i[0]))
    shown = around[:most]
    among = tuple(
        net.neighbours[a].get(b) for i, (a, _) in enumerate(shown) for b, _ in shown[i + 1 :]
    )
    return tuple(around), among


def ego_chart(
    slug: str,
    net: Network,
    people: Mapping[str, Person],
    link: Callable[[str], str],
    most: int = EGO_MOST,
) -> Markup:
    """A person's part of the network: them in the middle, the people they share
    events with around them (at most ``most``, most shared first), a faint line
    for each tie among those; empty Markup when they share nothing with anyone."""
    around = sorted(net.neighbours.get(slug, {}).items(), key=lambda i: (-i[1], i[0]))
    if not around:
        return Markup("")
    shown = around[:most]
    name = people[slug].name
    more = len(around) - len(shown)
    label = f"{name} shares events with {count(len(around), 'person', 'people')}" + (
        f"; the {len(shown)} with the most are drawn." if more else "."
    )
    caption = f"… and {more} more: see the whole network" if more else ""
    drawings = [_ego_drawing(slug, shown, net, people, link, size, label) for size in SIZES]
    return figure(drawings, "ego", caption)


def _ego_drawing(
    slug: str,
    shown: list[tuple[str, int]],
    net: Network,
    people: Mapping[str, Person],
    link: Callable[[str], str],
    size: Size,
    label: str,
) -> str:
    width = size.width(560.0)
    text = size.text(width)
    k = width / 560.0
    # a ring small enough to leave room for names at its sides
    longest = max(text_width(people[o].name, text) for o, _ in shown)
    r = max(min(105.0 * max(k, 0.75), width / 2 - longest - 12), 40.0)
    cx, cy = width / 2, 150.0
    pos = {}
    for n, (other, _) in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * n / len(shown)
        pos[other] = (cx + r * math.cos(angle), cy + r * math.sin(angle), angle)
    among = "".join(  # the ties among them, faint, as one path
        f"M{num(pos[a][0])} {num(pos[a][1])}L{num(pos[b][0])} {num(pos[b][1])}"
        for i, (a, _) in enumerate(shown)
        for b, _ in shown[i + 1 :]
        if net.neighbours[a].get(b)
    )
    lines = [el("path", class_="kb-among", d=among, stroke_opacity="0.18")] if among else []
    for other, w in shown:
        lines.append(
            el(
                "line",
                class_="kb-spoke",
                data_slug=other,
                data_w=w,
                x1=cx,
                y1=cy,
                x2=pos[other][0],
                y2=pos[other][1],
                stroke_opacity="0.5",
                stroke_width=1 + math.log2(w),
            )
        )
    body = [
        el(
            "g",
            *lines,
            class_="kb-edges",
            fill="none",
            stroke="currentColor",
            stroke_linecap="round",
        )
    ]
    for other, w in shown:
        x, y, angle = pos[other]
        side = math.cos(angle)
        if abs(side) < 0.3:
            below = y >= cy
            text_el = svg_text(
                people[other].name,
                x,
                y + (1.5 * text if below else -0.8 * text),
                "middle",
                "kb-name",
            )
        else:
            anchor = "start" if side > 0 else "end"
            text_el = svg_text(
                people[other].name,
                x + (9 if side > 0 else -9),
                y + 0.35 * text,
                anchor,
                "kb-name",
            )
        body.append(
            el(
                "a",
                el(
                    "circle",
                    el("title", xml(f"{people[other].name}: {count(w, 'shared event')}")),
                    class_="kb-g0",
                    cx=x,
                    cy=y,
                    r="6",
                    fill=GROUP_COLOURS[0],
                ),
                text_el,
                class_="kb-person",
                href=link(other),
                data_slug=other,
            )
        )
    name = people[slug].name
    body.append(svg_text(name, cx, cy + 9 + 1.3 * text, "middle", "kb-name kb-self-name"))
    body.append(
        el(
            "circle",
            el("title", xml(name)),
            class_=f"kb-self {channel_class(IN_PERSON)}",
            cx=cx,
            cy=cy,
            r="9",
            fill=CHANNEL_COLOURS[IN_PERSON],
        )
    )
    top = min(y for _, y, _ in pos.values()) - 2.5 * text if len(shown) > 1 else cy - r - 2.5 * text
    bottom = max([cy + 9 + 2 * text] + [y + 2.5 * text for _, y, _ in pos.values()])
    return svg_element(width, bottom - top, label, body, "ego", top, size=size)
