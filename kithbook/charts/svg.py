"""The pieces every chart is made of: escaping, numbers, elements, links
relative to the page, and the accessible <svg> in its one-line <figure>.

Every attribute goes through ``el``, which escapes it; text goes through ``xml``.
Nothing here knows what a chart shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def figure(svg: str, kind: str, caption: str = "") -> Markup:
    """The chart as one line of raw HTML: a figure, its SVG and an optional caption."""
    cap = el("figcaption", xml(caption)) if caption else ""
    # out of the search index: its words are labels and tooltips, not content
    return Markup(el("figure", svg, cap, class_=f"kb-chart kb-{kind}", data_search_exclude=""))


def svg_element(
    width: float, height: float, label: str, body: Iterable[str], kind: str, top: float = 0.0
) -> str:
    """An accessible SVG: role img, an aria-label and a <title> saying what it shows;
    its box is ``width`` x ``height`` from (0, ``top``)."""
    return el(
        "svg",
        el("title", xml(label)),
        *body,
        class_=f"kb-svg kb-svg-{kind}",
        viewBox=f"0 {num(top)} {num(width)} {num(height)}",
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
    """A rough width of ``text`` in the page's sans-serif font, for placing labels."""
    return 0.58 * size * len(text)


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
    boxes: list[tuple[float, float, float, float]],
    width: float,
    height: float,
) -> str:
    """A name beside its dot where it covers no other dot or name (right, left,
    below, above, in that order), its box noted; '' when there is no room."""
    w, h = text_width(name, 12), 12.0
    options = [
        ("start", x + r + 3, y + 4, (x + r + 3, y - 8, x + r + 3 + w, y + 4)),
        ("end", x - r - 3, y + 4, (x - r - 3 - w, y - 8, x - r - 3, y + 4)),
        ("middle", x, y + r + 12, (x - w / 2, y + r, x + w / 2, y + r + h)),
        ("middle", x, y - r - 3, (x - w / 2, y - r - 3 - h, x + w / 2, y - r - 3)),
    ]
    own = (x - r, y - r, x + r, y + r)

    def free(box: tuple[float, float, float, float]) -> bool:
        if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
            return False
        return not any(
            b != own and box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
            for b in boxes
        )

    spot = next((o for o in options if free(o[3])), None)
    if spot is None:
        return ""  # no room: the dot's <title> names them
    anchor, tx, ty, box = spot
    boxes.append(box)
    return svg_text(name, tx, ty, anchor, "kb-name")
