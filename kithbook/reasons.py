"""The parts of a score, each with its reason: who to meet next, and why.

Each part is a small function of one person's Timeline and a ``Context`` (the journal,
today, the ranking's settings); it returns a ``Part`` with its points, a reason in plain
words and the ids of the events behind it, or None when it has nothing to say.
kithbook.suggest adds them up into the ranking. Pure: the same journal and the same
today give the same parts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .measures import activity, city, city_words, mentions, saturate
from .model import CALL, IN_PERSON, REAL_CONTACT, SIGNAL, WRITTEN, Event, FollowUp, Journal, Person
from .text import ago, count, day_near, month
from .timeline import Timeline

#: The order in which parts are computed and shown when their points are equal.
PART_NAMES = (
    "overdue",
    "opportunity",
    "unanswered",
    "follow_up",
    "never_met",
    "near",
    "reciprocity",
    "tie",
)


@dataclass(frozen=True)
class Part:
    """One visible part of a score: its name (a key of DEFAULTS), its points, the
    reason in plain words, and the ids of the events behind it."""

    name: str
    points: float
    reason: str
    events: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What every part needs besides the person's timeline."""

    journal: Journal
    today: date
    weights: Mapping[str, float]
    my_city: str | None
    planned: tuple[Event, ...]
    follow_ups: Mapping[str, tuple[tuple[Event, FollowUp], ...]]
    #: The first plan in each city, found once per city and horizon rather than once
    #: per person: people share cities, and plans grow with the network.
    trips: dict[tuple[str, float], Event | None] = field(default_factory=dict, compare=False)


# ---------------------------------------------------------------- the parts


def overdue(timeline: Timeline, context: Context) -> Part | None:
    """Points once the keep-in-touch date has come: the weight times log2(1 + the
    intervals elapsed since the last real contact), so a year's silence counts
    more than a month's without drowning every other reason. Signals (mentions,
    likes) do not restart the clock: only talking does."""
    interval = timeline.keep_in_touch
    due = timeline.due(context.today)
    if interval is None or due is None or due > context.today:
        return None
    contact = timeline.last_real_contact
    start = timeline.clock_start
    elapsed = (context.today - start).days if start else interval.days
    intervals = max(elapsed / interval.days, 1.0)
    points = context.weights["overdue"] * math.log2(1 + intervals)
    wanted = f"you wanted {interval.words()}"
    if contact:
        reason = f"Last real contact: {_event_words(contact, context.today)}; {wanted}"
        signals = [
            e for e in timeline.past if e.channel == SIGNAL and e.sort_key > contact.sort_key
        ]
        if signals:
            reason += (
                f" (since then only {_kind_counts(signals)}: signals do not restart the clock)"
            )
        return Part("overdue", points, reason, (contact.id,))
    if start:
        met = f"{day_near(start, context.today)}, {ago(start, context.today)}"
        return Part("overdue", points, f"No contact logged since you met on {met}; {wanted}")
    return Part("overdue", points, f"No contact logged yet; {wanted}")


def tie(timeline: Timeline, context: Context) -> Part | None:
    """Tie strength from the history (Gilbert and Karahalios, CHI 2009): recency
    and frequency as the sum of past events weighted by channel and halved every
    ``tie_half_life_days``, and the duration of the acquaintance. Three quarters
    of the points come from the first, a quarter from the second."""
    weights = context.weights
    recent = activity(timeline.past, context.today, weights)
    first = min((d for d in (timeline.first_seen, timeline.person.met) if d), default=None)
    years = (context.today - first).days / 365 if first else 0.0
    strength = 0.75 * saturate(recent, weights["tie_saturation"]) + 0.25 * saturate(
        max(years, 0.0), weights["tie_years"]
    )
    if strength <= 0:
        return None
    adjective = "Strong" if strength >= 0.6 else "Steady" if strength >= 0.3 else "Light"
    reason = f"{adjective} tie: {_history_words(timeline, context.today)}"
    return Part("tie", weights["tie"] * strength, reason, tuple(e.id for e in timeline.past))


def never_met(timeline: Timeline, context: Context) -> Part | None:
    """Points for real online contact (messages, calls; signals count half) with no
    meeting in person yet: the more contact, the stronger the reason to meet."""
    if timeline.in_person:
        return None
    online = [e for e in timeline.past if e.channel in (CALL, WRITTEN, SIGNAL)]
    if not any(e.channel in REAL_CONTACT for e in online):
        return None
    contacts = sum(0.5 if e.channel == SIGNAL else 1.0 for e in online)
    points = context.weights["never_met"] * saturate(
        contacts, context.weights["never_met_contacts"]
    )
    since = day_near(online[0].date, context.today)
    reason = (
        f"Never met in person, though in touch {count(len(online), 'time')} since {since} "
        f"({_channel_counts(online)})"
    )
    return Part("never_met", points, reason, tuple(e.id for e in online))


def near(timeline: Timeline, context: Context) -> Part | None:
    """Points when they live where you live, or in a city a plan of yours (within
    ``travel_horizon_days``) takes you to."""
    their_city = city(timeline.person.where)
    if their_city is None:
        return None
    place = city_words(timeline.person.where)
    if their_city == context.my_city:
        return Part("near", context.weights["near"], f"Lives in {place}, like you")
    trip = first_in_city(context, their_city, context.weights["travel_horizon_days"])
    if trip is None:
        return None
    reason = f"Lives in {place}, where you will be for {_plan_words(trip, context.today)}"
    return Part("near", context.weights["near"], reason, (trip.id,))


def opportunity(timeline: Timeline, context: Context) -> Part | None:
    """Points for a plan within ``horizon_days``: all of them when they will be
    there, ``opportunity_city`` of them when it is in their city and you travel
    there (a plan in your own city is no rarer than any other day for a local)."""
    horizon = context.weights["horizon_days"]
    rarity, seen = _rarity(timeline, context)
    together = next((e for e in timeline.planned if within(e, context.today, horizon)), None)
    if together is not None:
        reason = f"You will see them at {_plan_words(together, context.today)}{seen}"
        points = context.weights["opportunity"] * rarity
        return Part("opportunity", points, reason, (together.id,))
    their_city = city(timeline.person.where)
    if their_city is None or their_city == context.my_city:
        return None
    trip = first_in_city(context, their_city, horizon)
    if trip is None:
        return None
    points = context.weights["opportunity"] * context.weights["opportunity_city"] * rarity
    reason = (
        f"{_plan_words(trip, context.today)} is in "
        f"{city_words(timeline.person.where)}, where they live{seen}"
    )
    return Part("opportunity", points, reason, (trip.id,))


def _rarity(timeline: Timeline, context: Context) -> tuple[float, str]:
    """How much a chance to meet is worth, from 1/4 (you met days ago) to 1 (you
    never met in person), and the words that say when you last met."""
    last = timeline.last_in_person
    if last is None:
        return 1.0, "; you have never met in person"
    days = (context.today - last.date).days
    share = saturate(days, context.weights["opportunity_met_days"])
    return 0.25 + 0.75 * share, f"; you last met {ago(last.date, context.today)}"


def reciprocity(timeline: Timeline, context: Context) -> Part | None:
    """Points for contact that runs both ways: events where they reached out
    (``by: them``) and their following you, saturating towards the weight.
    One-way contact from you alone earns nothing here."""
    person = timeline.person
    theirs = [e for e in timeline.past if _is_by_them(e, person)]
    follows = bool(person.follows_me)
    evidence = len(theirs) + (0.5 if follows else 0.0)
    if evidence == 0:
        return None
    points = context.weights["reciprocity"] * saturate(evidence, 1.0)
    words = []
    if theirs:
        words.append(f"{len(theirs)} of {count(len(timeline.past), 'contact')} came from them")
    if follows:
        words.append("they follow you" + ("" if person.i_follow is not False else ", not back"))
    return Part("reciprocity", points, "They reach out too: " + "; ".join(words), _ids(theirs))


def unanswered(timeline: Timeline, context: Context) -> Part | None:
    """Points when the last real contact was their message (written: a message, an
    email, a letter, a comment) and you have not answered yet: nothing since."""
    last = unanswered_event(timeline)
    if last is None:
        return None
    when = day_near(last.date, context.today)
    reason = f"Their {last.kind} of {when} ({last.title}) has no answer yet"
    return Part("unanswered", context.weights["unanswered"], reason, (last.id,))


def follow_up(timeline: Timeline, context: Context) -> Part | None:
    """Points for each open follow-up that is theirs, up to ``follow_up_max``."""
    todos = context.follow_ups.get(timeline.person.slug, ())
    if not todos:
        return None
    counted = min(len(todos), max(int(context.weights["follow_up_max"]), 0))
    points = context.weights["follow_up"] * counted
    listed = "; ".join(
        f"{item.text} ({e.title}, {day_near(e.date, context.today)})" for e, item in todos
    )
    label = "Open follow-up" if len(todos) == 1 else "Open follow-ups"
    return Part("follow_up", points, f"{label}: {listed}", _ids(e for e, _ in todos))


SCORERS: tuple[Callable[[Timeline, Context], Part | None], ...] = (
    overdue,
    opportunity,
    unanswered,
    follow_up,
    never_met,
    near,
    reciprocity,
    tie,
)


# ---------------------------------------------------------------- small decisions


def first_in_city(context: Context, city_name: str, horizon: float) -> Event | None:
    """The first plan within ``horizon`` days whose place is in the city."""
    key = (city_name, horizon)
    if key not in context.trips:
        context.trips[key] = next(
            (
                e
                for e in context.planned
                if within(e, context.today, horizon) and mentions(e.place, city_name)
            ),
            None,
        )
    return context.trips[key]


def within(event: Event, today: date, horizon: float) -> bool:
    return (event.date - today).days <= horizon


def _is_by_them(event: Event, person: Person) -> bool:
    """True if the person reached out: ``by: them`` or ``by: <their slug>``."""
    return event.by == "them" or event.by == person.slug


def unanswered_event(timeline: Timeline) -> Event | None:
    """Their message, if it is the last real contact: nothing from you since. (A call or
    a meeting answers itself: you talked.)"""
    last = timeline.last_real_contact
    if last is None or last.channel != WRITTEN:
        return None
    return last if _is_by_them(last, timeline.person) else None


def _ids(events: Iterable[Event]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.id for e in events))


# ---------------------------------------------------------------- words


def _event_words(event: Event, today: date) -> str:
    """'Coffee with Priya (coffee, 1 Aug), 3 months ago'."""
    return f"{event.title} ({event.kind}, {day_near(event.date, today)}), {ago(event.date, today)}"


def _plan_words(event: Event, today: date) -> str:
    """'Thrive Birmingham on 5 Dec (in 2 weeks)'."""
    return f"{event.title} on {day_near(event.date, today)} ({ago(event.date, today)})"


def _channel_counts(events: list[Event]) -> str:
    """'4 written, 1 call, 2 signals': how the contact happened, strongest channel first."""
    counts: dict[str, int] = {}
    for event in events:
        counts[event.channel] = counts.get(event.channel, 0) + 1
    order = (IN_PERSON, CALL, WRITTEN, SIGNAL)
    words = {IN_PERSON: "in person", CALL: "call", WRITTEN: "written", SIGNAL: "signal"}
    parts = []
    for channel in order:
        if channel in counts:
            n = counts[channel]
            noun = words[channel]
            parts.append(f"{n} {noun}" if channel in (IN_PERSON, WRITTEN) else count(n, noun))
    return ", ".join(parts)


def _kind_counts(events: list[Event]) -> str:
    """'2 likes, 1 mention': what the events were, by kind, in order of first appearance."""
    counts: dict[str, int] = {}
    for event in events:
        counts[event.kind] = counts.get(event.kind, 0) + 1
    return ", ".join(count(n, kind) for kind, n in counts.items())


def _history_words(timeline: Timeline, today: date) -> str:
    """'14 contacts since Mar 2021, 5 in person; the last 2 months ago'."""
    if not timeline.past:
        met = timeline.person.met
        return f"known since {day_near(met, today)}, nothing logged" if met else "nothing logged"
    first = timeline.past[0].date
    words = f"{count(len(timeline.past), 'contact')} since {month(first)}"
    if timeline.in_person:
        words += f", {timeline.in_person} in person"
    return f"{words}; the last {ago(timeline.past[-1].date, today)}"
