"""The pieces every chart is made of: escaping, numbers, elements, links
relative to the page, and the accessible <svg> in its one-line <figure>.

Every attribute goes through ``el``, which escapes it; text goes through ``xml``.
Nothing here knows what a chart shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from markupsafe import Markup

from ..model import IN_PERSON
from ..text import MONTHS

# ---------------------------------------------------------------- small pieces

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
#: Any character ``xml`` changes: most values (numbers, classes) have none.
_SPECIAL = re.compile(r"[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Fallback colours (the stylesheet's light scheme) for each channel's class.
CHANNEL_COLOURS = {
    IN_PERSON: "#e8590c",
    "call": "#1c7ed6",
    "written": "#2f9e44",
    "signal": "#868e96",
    "introduction": "#ae3ec9",
}
OTHER_COLOUR = "#f08c00"
DUE_COLOUR = "#e03131"
#: Fallback colours of the network's groups (kb-g0 ... kb-g6, in turn).
GROUP_COLOURS = ("#1c7ed6", "#e8590c", "#2f9e44", "#ae3ec9", "#c2255c", "#0c8599", "#f08c00")


def xml(value: object) -> str:
    """``value`` as XML text or attribute content: markup characters escaped and
    the control characters XML cannot hold removed."""
    text = value if type(value) is str else str(value)
    if _SPECIAL.search(text) is None:  # a chart has hundreds of thousands of values
        return text
    return _CONTROL.sub("", text).translate(_XML)


def num(value: float) -> str:
    """A coordinate with at most one decimal, none when it is whole: short, and
    the same on every machine."""
    text = f"{value:.1f}"
    if text == "-0.0":
        return "0"
    return text[:-2] if text.endswith(".0") else text


def el(tag: str, *content: str, **attrs: object) -> str:
    """One element: attributes escaped (``data_n`` is written ``data-n``, ``class_``
    ``class``; floats go through ``num``; None leaves the attribute out); the
    content is markup already (escape text with ``xml``). No content: self-closed."""
    parts = [tag]
    for key, value in attrs.items():
        if value is None:
            continue
        shown = num(value) if type(value) is float else xml(value)
        parts.append(f'{_attribute(key)}="{shown}"')
    head = " ".join(parts)
    return f"<{head}>{''.join(content)}</{tag}>" if content else f"<{head}/>"


@cache
def _attribute(key: str) -> str:
    """The attribute a keyword argument of ``el`` names: ``data_n`` -> ``data-n``."""
    return key.rstrip("_").replace("_", "-")


def channel_class(channel: str) -> str:
    return "kb-ch-" + (re.sub(r"[^a-z0-9]+", "-", channel.lower()).strip("-") or "other")


def channel_colour(channel: str) -> str:
    return CHANNEL_COLOURS.get(channel, OTHER_COLOUR)


# ---------------------------------------------------------------- two drawings of a chart

#: The least size, in CSS pixels, of any word in a chart as a person sees it.
TEXT_PX = 11.5


@dataclass(frozen=True)
class Size:
    """One of the two drawings of every chart. An SVG scales with its column, words and
    all, so one drawing cannot read on a phone and fill a desktop column: each chart is
    drawn ``wide`` (its own width) and ``narrow`` (``NARROW_WIDTH`` across), and the
    stylesheet shows the wide one in a column of ``WIDE_FROM`` pixels or more, the
    narrow one below. ``least`` is the narrowest column this drawing is shown in, so
    that text drawn at ``text(width)`` user units never shows under ``TEXT_PX``."""

    name: str
    least: float

    def width(self, wide: float) -> float:
        """The drawing's width in user units, for a chart whose wide drawing is ``wide``."""
        return NARROW_WIDTH if self.name == "narrow" else wide

    def text(self, width: float) -> float:
        """The size of the chart's words in user units, for a drawing ``width`` across."""
        return round(TEXT_PX * width / self.least, 1)


#: The narrow drawing's width: a phone's column is 328 px at 360 px (Material's margins).
NARROW_WIDTH = 320.0
#: From this column width on (CSS px), the wide drawing shows (kithbook.css says the same).
WIDE_FROM = 640.0
NARROW = Size("narrow", NARROW_WIDTH)
WIDE = Size("wide", WIDE_FROM)
#: The wide drawing first: what a desktop shows, and what a reader of the markup meets first.
SIZES = (WIDE, NARROW)


def figure(svgs: str | Iterable[str], kind: str, caption: str = "") -> Markup:
    """The chart as one line of raw HTML: a figure, its SVG drawings (``SIZES``) and an
    optional caption."""
    drawings = [svgs] if isinstance(svgs, str) else list(svgs)
    cap = el("figcaption", xml(caption)) if caption else ""
    # out of the search index: its words are labels and tooltips, not content
    return Markup(
        el("figure", *drawings, cap, class_=f"kb-chart kb-{kind}", data_search_exclude="")
    )


def svg_element(
    width: float,
    height: float,
    label: str,
    body: Iterable[str],
    kind: str,
    top: float = 0.0,
    size: Size = WIDE,
) -> str:
    """An accessible SVG: role img, an aria-label and a <title> saying what it shows;
    its box is ``width`` x ``height`` from (0, ``top``); its words ``size.text(width)``
    user units high (``kb-wide`` or ``kb-narrow``, which the stylesheet shows in turn)."""
    return el(
        "svg",
        el("title", xml(label)),
        *body,
        class_=f"kb-svg kb-svg-{kind} kb-{size.name}",
        viewBox=f"0 {num(top)} {num(width)} {num(height)}",
        font_size=size.text(width),
        role="img",
        aria_label=label,
    )


def svg_text(text: str, x: float, y: float, anchor: str = "start", cls: str = "", **attrs) -> str:
    """Words in the chart, in the page's own text colour."""
    return el(
        "text",
        xml(text),
        class_=f"kb-label {cls}".strip(),
        x=float(x),
        y=float(y),
        text_anchor=None if anchor == "start" else anchor,
        fill="currentColor",
        **attrs,
    )


def text_width(text: str, size: float) -> float:
    """A generous width of ``text`` in the page's sans-serif font, for placing labels:
    wide enough for the widest system font the site falls back to."""
    return 0.62 * size * len(text)


Box = tuple[float, float, float, float]


def overlaps(box: Box, other: Box) -> bool:
    """Whether two boxes (left, top, right, bottom) share any area."""
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def crosses(box: Box, x1: float, y1: float, x2: float, y2: float) -> bool:
    """Whether the segment from (x1, y1) to (x2, y2) passes through ``box`` (clipped
    against each side in turn: Liang-Barsky)."""
    low, high = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            low = max(low, r)
        else:
            high = min(high, r)
        if low > high:
            return False
    return True


def month_name(index: int) -> str:
    """'Mar 2026' for a month index (``month_index``)."""
    year, month = divmod(index, 12)
    return f"{MONTHS[month]} {year}"


def month_index(value: date) -> int:
    return value.year * 12 + value.month - 1


def place_label(
    name: str,
    x: float,
    y: float,
    r: float,
    boxes: list[Box],
    width: float,
    height: float,
    size: float = 12.0,
    lines: Segments | None = None,
    skip: str | None = None,
) -> str:
    """A name beside its dot where it covers no other dot or name and no line
    (right, left, below, above, in that order), its box noted; '' when there is no
    room. ``size`` is the text's size in user units; ``lines`` are the segments that a
    name must not cross, but for those that end at ``skip``."""
    w = text_width(name, size)
    gap = 0.25 * size
    rise = 0.35 * size  # from the middle of a line of text to its baseline

    def box(anchor: str, tx: float, baseline: float) -> Box:
        """The room the words take as the browser draws them: ascent and descent."""
        left = {"start": tx, "end": tx - w, "middle": tx - w / 2}[anchor]
        return (left, baseline - 0.95 * size, left + w, baseline + 0.3 * size)

    spots = [
        ("start", x + r + gap, y + rise),
        ("end", x - r - gap, y + rise),
        ("middle", x, y + r + 1.05 * size),
        ("middle", x, y - r - 0.4 * size),
    ]
    options = [(anchor, tx, ty, box(anchor, tx, ty)) for anchor, tx, ty in spots]
    own = (x - r, y - r, x + r, y + r)

    def free(box: Box) -> bool:
        if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
            return False
        if any(b != own and overlaps(box, b) for b in boxes):
            return False
        return lines is None or not any(crosses(box, *s) for s in lines.through(box, skip))

    spot = next((o for o in options if free(o[3])), None)
    if spot is None:
        return ""  # no room: the dot's <title> names them
    anchor, tx, ty, box = spot
    boxes.append(box)
    return svg_text(name, tx, ty, anchor, "kb-name")


Segment = tuple[float, float, float, float]  # x1, y1, x2, y2


class Segments:
    """Line segments, each with the two things it joins, to be found by where they pass
    (a network's names are placed among thousands of ties, most of which run from the
    middle outwards): a grid over the picture whose cells list the segments that pass
    through them."""

    CELLS = 32  # across the longer side of the picture

    def __init__(self, segments: list[tuple[str, str, Segment]], width: float, height: float):
        self.segments = segments
        self.cell = max(width, height, 1.0) / self.CELLS
        self.grid: dict[tuple[int, int], list[int]] = {}
        for i, (_, _, segment) in enumerate(segments):
            for key in self._cells_on(*segment):
                self.grid.setdefault(key, []).append(i)

    def _cells_on(self, x1: float, y1: float, x2: float, y2: float):
        """The cells the segment passes through, and any it only touches."""
        c, pad = self.cell, self.cell * 1e-6
        if x1 > x2:
            x1, y1, x2, y2 = x2, y2, x1, y1
        for cx in range(int((x1 - pad) // c), int((x2 + pad) // c) + 1):
            if x2 - x1 > pad:  # where the segment enters and leaves the column
                left, right = max(x1, cx * c), min(x2, (cx + 1) * c)
                ya = y1 + (y2 - y1) * (left - x1) / (x2 - x1)
                yb = y1 + (y2 - y1) * (right - x1) / (x2 - x1)
            else:
                ya, yb = y1, y2
            for cy in range(int((min(ya, yb) - pad) // c), int((max(ya, yb) + pad) // c) + 1):
                yield cx, cy

    def through(self, box: Box, skip: str | None = None) -> list[Segment]:
        """Every segment that passes through the cells ``box`` covers (so every one
        that crosses it), but for those that end at ``skip``."""
        c = self.cell
        found: set[int] = set()
        for cx in range(int(box[0] // c), int(box[2] // c) + 1):
            for cy in range(int(box[1] // c), int(box[3] // c) + 1):
                found.update(self.grid.get((cx, cy), ()))
        return [
            segment
            for i in sorted(found)
            for a, b, segment in [self.segments[i]]
            if skip not in (a, b)
        ]
