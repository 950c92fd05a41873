"""Drawing a month chart: bars of contact per month stacked by channel, plans as
dashed outlines, a strip for the months met in person, and lines for today and the
due date; each chart drawn twice, wide and narrow (``SIZES``)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..model import CHANNELS, IN_PERSON
from ..speed import remembered
from ..text import MONTHS, count
from .svg import (
    CHANNEL_COLOURS,
    DUE_COLOUR,
    SIZES,
    Size,
    channel_class,
    channel_colour,
    el,
    month_index,
    month_name,
    svg_element,
    svg_text,
    text_width,
    xml,
)

if TYPE_CHECKING:
    from .months import Months


@dataclass(frozen=True)
class Marker:
    day: date
    label: str
    kind: str  # "today" or "due"


#: The height of the bars' area, in user units, in either drawing.
BARS = 100.0


@dataclass(frozen=True)
class _Frame:
    """The geometry of one drawing of a month chart: ``text`` is the size of its words,
    ``legend`` the height the legend takes, from which the rest follows."""

    first: int
    step: float
    width: float
    text: float
    left: float
    legend: float
    strip: bool

    @property
    def right(self) -> float:
        return self.width - 0.6 * self.text

    @property
    def row(self) -> float:
        """The height of one row of words."""
        return 1.35 * self.text

    @property
    def top(self) -> float:
        """The top of the bars: below the legend and two rows for the markers' labels."""
        return self.legend + 2 * self.row + 6

    @property
    def base(self) -> float:
        return self.top + BARS

    @property
    def strip_y(self) -> float:
        return self.base + 1.2 * self.row

    @property
    def axis_y(self) -> float:
        """The baseline of the years under the chart."""
        return self.base + (2.4 if self.strip else 1.2) * self.row

    @property
    def height(self) -> float:
        return self.axis_y + 0.5 * self.text

    def x(self, month: int) -> float:
        return self.left + (month - self.first) * self.step


def _channels_in(data: Months) -> list[str]:
    seen: set[str] = set().union(*data.past.values())
    return [c for c in CHANNELS if c in seen] + sorted(seen - set(CHANNELS))


def _frame(data: Months, size: Size, strip: bool, keys: tuple[str, ...]) -> _Frame:
    """Where everything goes in one drawing: room at the left for the counts and the
    strip's name, the legend wrapped into as many rows as it needs."""
    width = size.width(720.0)
    text = size.text(width)
    left = text_width("in person" if strip else "000", text) + 0.8 * text
    rows = len(_legend_rows(keys, text, width))
    legend = 4 + rows * 1.5 * text
    step = (width - 0.6 * text - left) / (data.last - data.first + 1)
    return _Frame(data.first, step, width, text, left, legend, strip)


def month_bars(data: Months, label: str, markers: list[Marker], strip: bool) -> list[str]:
    """Both drawings (``SIZES``) of bars of contact per month stacked by channel (in
    person at the bottom), plans as dashed outlines, a row of dots for the months with
    in-person contact (``strip``), and vertical lines for today and the due date."""
    channels = _channels_in(data)
    keys = tuple(channels) + (("planned",) if data.planned else ())
    highest = max([data.total(m) for m in range(data.first, data.last + 1)] + [1])
    drawings = []
    for size in SIZES:
        frame = _frame(data, size, strip, keys)
        scale = BARS / highest
        body = [_legend(keys, frame.text, frame.width), _grid(highest, frame)]
        for m in range(data.first, data.last + 1):
            body.append(_month_group(data, m, channels, frame, scale))
        if strip:
            body.append(_in_person_strip(data, frame))
        body.append(_axis(frame, data.last))
        body.extend(_markers(markers, frame))
        drawings.append(svg_element(frame.width, frame.height, label, body, "months", size=size))
    return drawings


# The legend, the grid and the axis depend on a few numbers that most charts share
# (the channels, the highest month, the months shown): each is drawn once and reused.


def _legend_rows(keys: tuple[str, ...], text: float, width: float) -> list[list[tuple[str, float]]]:
    """The legend's keys in rows that fit the width, each with its x."""
    rows: list[list[tuple[str, float]]] = [[]]
    x = 2.0
    for name in keys:
        wide = 1.3 * text + text_width(name, text) + text
        if rows[-1] and x + wide > width:
            rows.append([])
            x = 2.0
        rows[-1].append((name, x))
        x += wide
    return rows


@remembered(256)
def _legend(keys: tuple[str, ...], text: float, width: float) -> str:
    out = []
    for number, row in enumerate(_legend_rows(keys, text, width)):
        y = 4 + number * 1.5 * text
        for name, x in row:
            planned = name == "planned"
            cls, colour = ("kb-planned-bar", "none") if planned else (channel_class(name), None)
            outline = {"stroke": "currentColor"} if planned else {}
            out.append(
                el(
                    "rect",
                    class_=cls,
                    x=float(x),
                    y=float(y),
                    width=0.9 * text,
                    height=0.9 * text,
                    fill=colour or channel_colour(name),
                    **outline,
                )
                + svg_text(name, x + 1.3 * text, y + 0.85 * text)
            )
    return "".join(out)


@remembered(4096)
def _grid(highest: int, frame: _Frame) -> str:
    """Lines across the chart at 0, half and the highest count, labelled."""
    scale = BARS / highest
    out = []
    for tick in sorted({0, highest, *([highest // 2] if highest >= 4 else [])}):
        y = frame.base - tick * scale
        out.append(
            el(
                "line",
                class_="kb-grid",
                x1=frame.left,
                x2=frame.right,
                y1=y,
                y2=y,
                stroke="currentColor",
                stroke_opacity="0.5" if tick == 0 else "0.15",
            )
            + svg_text(
                str(tick), frame.left - 0.5 * frame.text, y + 0.35 * frame.text, "end", "kb-tick"
            )
        )
    return "".join(out)


def _month_group(data: Months, m: int, channels: list[str], frame: _Frame, scale: float) -> str:
    """One month's stacked bar with a <title> that says what it holds; '' for none."""
    counts = data.counts(m)
    planned = data.planned.get(m, 0)
    if not counts and not planned:
        return ""
    width = max(frame.step * 0.72, 1.0)
    x = frame.x(m) + (frame.step - width) / 2
    y = frame.base
    rects, words = [], []
    for channel in channels:
        if n := counts.get(channel, 0):
            y -= n * scale
            words.append(f"{n} {channel}")
            rects.append(
                el(
                    "rect",
                    class_=channel_class(channel),
                    data_channel=channel,
                    data_n=n,
                    x=x,
                    y=y,
                    width=width,
                    height=n * scale,
                    fill=channel_colour(channel),
                )
            )
    if planned:
        y -= planned * scale
        words.append(f"{planned} planned")
        rects.append(
            el(
                "rect",
                class_="kb-planned-bar",
                data_n=planned,
                x=x + 0.5,
                y=y + 0.5,
                width=max(width - 1, 0.5),
                height=max(planned * scale - 1, 0.5),
                fill="none",
                stroke="currentColor",
                stroke_dasharray="3 2",
            )
        )
    year, month = divmod(m, 12)
    return el(
        "g",
        el("title", xml(f"{month_name(m)}: {', '.join(words)}")),
        *rects,
        class_="kb-month",
        data_month=f"{year:04d}-{month + 1:02d}",
        data_count=sum(counts.values()),
        data_planned=planned,
    )


def _in_person_strip(data: Months, frame: _Frame) -> str:
    """A dot for each month with in-person contact, larger for more; a dashed line
    and 'not once in person' when there is none in the months shown."""
    y = frame.strip_y
    marks = [svg_text("in person", frame.left - 0.5 * frame.text, y + 0.35 * frame.text, "end")]
    for m in range(data.first, data.last + 1):
        if n := data.counts(m).get(IN_PERSON, 0):
            r = max(min(2.5 + 1.2 * n, frame.step * 0.48, 7.0), 1.5)
            marks.append(
                el(
                    "circle",
                    el("title", xml(f"{month_name(m)}: met {count(n, 'time')}")),
                    class_=f"kb-met {channel_class(IN_PERSON)}",
                    data_n=n,
                    cx=frame.x(m) + frame.step / 2,
                    cy=float(y),
                    r=r,
                    fill=CHANNEL_COLOURS[IN_PERSON],
                )
            )
    if len(marks) == 1:
        words = "not once in person in these months"
        if text_width(words, frame.text) > frame.right - frame.left:
            words = "not once in person"
        marks.append(
            el(
                "line",
                class_="kb-grid",
                x1=frame.left,
                x2=frame.right,
                y1=float(y),
                y2=float(y),
                stroke="currentColor",
                stroke_opacity="0.3",
                stroke_dasharray="2 4",
            )
            + svg_text(
                words, (frame.left + frame.right) / 2, y + 0.35 * frame.text, "middle", "kb-never"
            )
        )
    return "".join(marks)


@remembered(4096)
def _axis(frame: _Frame, last: int) -> str:
    """A tick and the year at each January (and the month at the start); quarters
    too on short charts; a label that would run into the one before is left out."""
    first, y, text = frame.first, frame.axis_y, frame.text
    out = []
    short = last - first < 24
    free = frame.left  # where the last label ended
    for m in range(first, last + 1):
        year, month = divmod(m, 12)
        x = frame.x(m)
        if month == 0 or m == first:
            out.append(
                el(
                    "line",
                    class_="kb-axis",
                    x1=x,
                    x2=x,
                    y1=frame.base,
                    y2=y - 0.9 * text,
                    stroke="currentColor",
                    stroke_opacity="0.5",
                )
            )
            label, cls = (str(year) if month == 0 else month_name(m)), ""
        elif short and month % 3 == 0:
            label, cls = MONTHS[month], "kb-muted"
        else:
            continue
        wide = text_width(label, text)
        if x + 2 < free or x + 2 + wide > frame.width:
            continue  # no room before the next label, or at the edge
        if month and m == first and x + 2 + wide + 6 > frame.x(m + 12 - month):
            continue
        out.append(svg_text(label, x + 2, y, cls=cls, opacity="0.7" if cls else None))
        free = x + 2 + wide + 0.5 * text
    return "".join(out)


def _markers(markers: list[Marker], frame: _Frame) -> list[str]:
    """Vertical lines for today and the due date, each labelled above the bars in one
    of two rows, beside its own line: a label never crosses another marker's line or
    label (a date off the chart sits at its edge)."""
    text = frame.text
    xs = []
    for marker in markers:
        days = calendar.monthrange(marker.day.year, marker.day.month)[1]
        x = frame.x(month_index(marker.day)) + (marker.day.day - 1) / days * frame.step
        xs.append(min(max(x, frame.left), frame.right))
    rows = [frame.top - 0.45 * text - k * frame.row for k in (0, 1)]
    taken: dict[int, list[tuple[float, float]]] = {0: [], 1: []}
    placed_row: dict[int, int] = {}
    out = []
    for i, (marker, x) in enumerate(zip(markers, xs, strict=True)):
        w = text_width(marker.label, text)
        spot = None
        for row in (0, 1):
            # lines reach up to their own label's row: in row 1, only those placed there
            # (or still to be placed) stand in the way
            others = [
                xs[j] for j in range(len(xs)) if j != i and (row == 0 or placed_row.get(j, 1) == 1)
            ]
            for anchor, tx in (("end", x - 4), ("start", x + 4)):
                span = (tx - w, tx) if anchor == "end" else (tx, tx + w)
                if span[0] < 1 or span[1] > frame.width - 1:
                    continue
                if any(span[0] - 3 <= o <= span[1] + 3 for o in others):
                    continue
                if any(span[0] < b + 6 and a < span[1] + 6 for a, b in taken[row]):
                    continue
                spot = (row, anchor, tx, span)
                break
            if spot:
                break
        if spot is None:  # no clear place: the higher row, inside the chart
            tx = min(max(x + 4, 1), frame.width - w - 1)
            spot = (1, "start", tx, (tx, tx + w))
        row, anchor, tx, span = spot
        taken[row].append(span)
        placed_row[i] = row
        due = marker.kind == "due"
        out.append(
            el(
                "g",
                el(
                    "line",
                    x1=x,
                    x2=x,
                    y1=rows[row] - 0.8 * text,
                    y2=frame.axis_y - 1.3 * text,  # above the years and months
                    stroke_width="1.5",
                    stroke=DUE_COLOUR if due else "currentColor",
                    stroke_dasharray="4 3" if due else None,
                ),
                svg_text(marker.label, tx, rows[row], anchor, "kb-halo"),
                class_=f"kb-marker kb-{marker.kind}",
                data_date=marker.day.isoformat(),
            )
        )
    return out
