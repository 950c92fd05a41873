"""The pieces of a month chart: what it draws (``Months``), where everything goes in one
drawing (``Frame``), the legend, the grid, each month's bar stacked by channel (plans as
dashed outlines), the strip of the months met in person, and the axis."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import CHANNELS, IN_PERSON
from ..speed import remembered
from ..text import MONTHS, count
from .svg import (
    CHANNEL_COLOURS,
    Size,
    channel_class,
    channel_colour,
    el,
    month_name,
    svg_text,
    text_width,
    xml,
)

#: The counts of a month with nothing in it (a chart asks for every month).
_NONE: Counter = Counter()


@dataclass(frozen=True)
class Months:
    """What a month chart draws: ``past[m]`` counts the past events of month index
    ``m`` (year * 12 + month - 1) by channel, ``planned[m]`` the plans, from month
    ``first`` to ``last`` (both included)."""

    first: int
    last: int
    past: dict[int, Counter]
    planned: dict[int, int]

    def counts(self, month: int) -> Counter:
        """The past events of ``month`` by channel."""
        return self.past.get(month, _NONE)

    def total(self, month: int) -> int:
        return sum(self.counts(month).values()) + self.planned.get(month, 0)


#: The height of the bars' area, in user units, in either drawing.
BARS = 100.0


@dataclass(frozen=True)
class Frame:
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


def channels_in(data: Months) -> list[str]:
    seen: set[str] = set().union(*data.past.values())
    return [c for c in CHANNELS if c in seen] + sorted(seen - set(CHANNELS))


def frame_for(data: Months, size: Size, strip: bool, keys: tuple[str, ...]) -> Frame:
    """Where everything goes in one drawing: room at the left for the counts and the
    strip's name, the legend wrapped into as many rows as it needs."""
    width = size.width(720.0)
    text = size.text(width)
    left = text_width("in person" if strip else "000", text) + 0.8 * text
    rows = len(legend_rows(keys, text, width))
    legend = 4 + rows * 1.5 * text
    step = (width - 0.6 * text - left) / (data.last - data.first + 1)
    return Frame(data.first, step, width, text, left, legend, strip)


# The legend, the grid and the axis depend on a few numbers that most charts share
# (the channels, the highest month, the months shown): each is drawn once and reused.


def legend_rows(keys: tuple[str, ...], text: float, width: float) -> list[list[tuple[str, float]]]:
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
def legend(keys: tuple[str, ...], text: float, width: float) -> str:
    out = []
    for number, row in enumerate(legend_rows(keys, text, width)):
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
def grid(highest: int, frame: Frame) -> str:
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


def month_group(data: Months, m: int, channels: list[str], frame: Frame, scale: float) -> str:
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


def in_person_strip(data: Months, frame: Frame) -> str:
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
def axis(frame: Frame, last: int) -> str:
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
