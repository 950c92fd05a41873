"""Contact per month: a person's relationship over time, and the network's activity."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from markupsafe import Markup

from ..model import IN_PERSON, Event
from ..text import count, day
from ..timeline import Timeline
from .bars import (
    BARS,
    Months,
    axis,
    channels_in,
    frame_for,
    grid,
    in_person_strip,
    legend,
    month_group,
)
from .markers import Marker, markers_for
from .svg import (
    SIZES,
    figure,
    month_index,
    month_name,
    svg_element,
)

# ---------------------------------------------------------------- contact per month


def months(
    past: Iterable[Event],
    planned: Iterable[Event],
    today: date,
    extra: Iterable[date] = (),
    span: int = 36,
    ahead: int = 12,
) -> Months:
    """The months to draw and what happened in each: from the first event (at most
    ``span`` months back from today's month; at least 12 months shown) to today,
    or on to the last plan or date in ``extra`` within ``ahead`` months."""
    now = month_index(today)
    past, planned = list(past), list(planned)
    first = min((month_index(e.date) for e in past + planned), default=now)
    first = max(first, now - span + 1)
    later = [month_index(e.date) for e in planned] + [month_index(d) for d in extra]
    last = min(max([now, *later]), now + ahead)
    first = min(first, last - 11)
    past_counts: dict[int, Counter] = defaultdict(Counter)
    planned_counts: Counter[int] = Counter()
    for event in past:
        if first <= (m := month_index(event.date)) <= last:
            past_counts[m][event.channel] += 1
    for event in planned:
        if first <= (m := month_index(event.date)) <= last:
            planned_counts[m] += 1
    return Months(first, last, dict(past_counts), dict(planned_counts))


def month_bars(data: Months, label: str, markers: list[Marker], strip: bool) -> list[str]:
    """Both drawings (``SIZES``) of bars of contact per month stacked by channel (in
    person at the bottom), plans as dashed outlines, a row of dots for the months with
    in-person contact (``strip``), and vertical lines for today and the due date."""
    channels = channels_in(data)
    keys = tuple(channels) + (("planned",) if data.planned else ())
    highest = max([data.total(m) for m in range(data.first, data.last + 1)] + [1])
    drawings = []
    for size in SIZES:
        frame = frame_for(data, size, strip, keys)
        scale = BARS / highest
        body = [legend(keys, frame.text, frame.width), grid(highest, frame)]
        for m in range(data.first, data.last + 1):
            body.append(month_group(data, m, channels, frame, scale))
        if strip:
            body.append(in_person_strip(data, frame))
        body.append(axis(frame, data.last))
        body.extend(markers_for(markers, frame))
        drawings.append(svg_element(frame.width, frame.height, label, body, "months", size=size))
    return drawings


def relationship_chart(timeline: Timeline, today: date) -> Markup:
    """A person's contact per month (at most the last 36 months, and on to their
    plans and due date), by channel, with the months you met marked apart; empty
    Markup when nothing is logged."""
    if not timeline.past and not timeline.planned:
        return Markup("")
    due = timeline.due(today)
    data = months(timeline.past, timeline.planned, today, extra=[due] if due else [])
    markers = [Marker(today, "today", "today")]
    if due:
        words = "overdue since" if due < today else "due"
        markers.append(Marker(due, f"{words} {day(due)}", "due"))
    shown = [e for e in timeline.past if data.first <= month_index(e.date) <= data.last]
    in_person = sum(1 for e in shown if e.channel == IN_PERSON)
    words = [
        f"Contact with {timeline.person.name} per month, {month_name(data.first)} to "
        f"{month_name(data.last)}: {count(len(shown), 'event')}, {in_person} in person"
    ]
    if timeline.planned:
        words.append(f"{len(timeline.planned)} planned")
    if due:
        words.append(f"next contact {'was ' if due < today else ''}due {day(due)}")
    label = "; ".join(words) + "."
    return figure(month_bars(data, label, markers, strip=True), "relationship")


def activity_chart(events: Iterable[Event], today: date) -> Markup:
    """The whole network's events per month over the last 36 months (and the plans
    of the next 12), by channel: each event counts once, whoever was there."""
    events = list(events)
    if not events:
        return Markup("")
    past = [e for e in events if not e.is_planned(today)]
    data = months(past, [e for e in events if e.is_planned(today)], today)
    shown = sum(sum(c.values()) for c in data.past.values())
    in_person = sum(c.get(IN_PERSON, 0) for c in data.past.values())
    label = (
        f"The network's events per month, {month_name(data.first)} to "
        f"{month_name(data.last)}: {count(shown, 'event')}, {in_person} in person."
    )
    markers = [Marker(today, "today", "today")]
    return figure(month_bars(data, label, markers, strip=True), "activity")
