"""The lines a month chart draws for today and the due date, each labelled above the
bars beside its own line."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .bars import Frame
from .svg import DUE_COLOUR, el, month_index, svg_text, text_width


@dataclass(frozen=True)
class Marker:
    day: date
    label: str
    kind: str  # "today" or "due"


def markers_for(markers: list[Marker], frame: Frame) -> list[str]:
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
