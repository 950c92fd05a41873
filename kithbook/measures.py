"""The measures that the ranking and the pictures share, so that both say the same:
the ranking's settings, how much a history of contact weighs today, and where people
are. kithbook.suggest scores with them; kithbook.charts draws them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from .model import Event
from .timeline import Timeline

#: Every weight and horizon of the ranking, by the name used in ``extra.kithbook.ranking``
#: (docs/ranking.md documents each one).
DEFAULTS: dict[str, float] = {
    # overdue: points once the keep-in-touch date has come, times log2(1 + intervals elapsed)
    "overdue": 2.0,
    # tie strength: points at full strength (recent, frequent, long, in person)
    "tie": 2.0,
    "tie_half_life_days": 180.0,  # an event counts half as much after this many days
    "tie_saturation": 1.0,  # decayed contacts at which the activity half of the tie is 1/2
    "tie_years": 2.0,  # years known at which the duration half of the tie is 1/2
    "channel_in_person": 1.0,
    "channel_call": 0.6,
    "channel_written": 0.35,
    "channel_signal": 0.1,
    "channel_introduction": 0.2,
    # never met in person, though in touch online: points at most
    "never_met": 2.0,
    "never_met_contacts": 3.0,  # online contacts at which half the points are reached
    # nearness: they live where you live, or where you are going
    "near": 1.0,
    "travel_horizon_days": 90.0,
    # opportunity: a planned event soon with them (full) or in their city (a share),
    # shrinking to a quarter for someone you met in person only days ago
    "opportunity": 3.0,
    "opportunity_city": 0.5,
    "opportunity_met_days": 60.0,  # days since you last met at which it is 5/8 of the weight
    "horizon_days": 42.0,
    # reciprocity: at most this many points for contact that comes from them too
    "reciprocity": 1.0,
    # unanswered: their last message has had no answer
    "unanswered": 2.0,
    # open follow-ups: points per open to-do, counting at most follow_up_max of them
    "follow_up": 1.0,
    "follow_up_max": 3.0,
}


def settings(ranking: Mapping[str, float]) -> dict[str, float]:
    """DEFAULTS with the journal's own values (``extra.kithbook.ranking``) put over them."""
    return {name: float(ranking.get(name, default)) for name, default in DEFAULTS.items()}


# ---------------------------------------------------------------- how contact weighs


def channel_weight(channel: str, weights: Mapping[str, float]) -> float:
    """What one event of ``channel`` counts for (``channel_<channel>``): in person most."""
    return weights.get("channel_" + channel.replace(" ", "_"), 0.0)


def decay(days: int, half_life: float) -> float:
    """What an event this many days old still counts for: halved every ``half_life``
    days (no decay at all when the half-life is 0 or less)."""
    return 0.5 ** (max(days, 0) / half_life) if half_life > 0 else 1.0


def saturate(amount: float, half: float) -> float:
    """amount / (amount + half): 0 for nothing, 1/2 at ``half``, towards 1 for a lot."""
    if amount <= 0:
        return 0.0
    if half <= 0:
        return 1.0
    return amount / (amount + half)


def activity(events: Iterable[Event], today: date, weights: Mapping[str, float]) -> float:
    """Recent, frequent contact as one number (Gilbert and Karahalios, CHI 2009): the
    sum of past events, each weighted by its channel and halved every
    ``tie_half_life_days``. The ranking's tie and the circles chart both stand on it."""
    half_life = weights["tie_half_life_days"]
    return sum(
        channel_weight(e.channel, weights) * decay((today - e.date).days, half_life) for e in events
    )


#: Recent contact (``activity``) at which a tie's strength is 1/2.
STRENGTH_HALF = 2.0


def tie_strength(timeline: Timeline, today: date, weights: Mapping[str, float]) -> float:
    """How strong a tie is, measured from the journal: from 0 (no contact) towards 1.
    Recent contact (``activity``) saturated at STRENGTH_HALF: two in-person meetings
    this month, or about one a month for a while, make 1/2; a tie with no contact for a
    year falls towards 0. The circles chart and the network picture draw it."""
    return saturate(activity(timeline.past, today, weights), STRENGTH_HALF)


def strengths(
    timelines: Mapping[str, Timeline], today: date, weights: Mapping[str, float]
) -> dict[str, float]:
    """Everyone's tie strength, by slug."""
    return {slug: tie_strength(t, today, weights) for slug, t in timelines.items()}


# ---------------------------------------------------------------- where people are


def city(where: str | None) -> str | None:
    """The city part of a ``where`` ("Birmingham, UK" -> "birmingham"), casefolded
    so that places compare as a person would; None when there is none."""
    if not where:
        return None
    return where.split(",")[0].strip().casefold() or None


def city_words(where: str | None) -> str:
    """The city as the person wrote it: "Birmingham, UK" -> "Birmingham"."""
    return (where or "").split(",")[0].strip()


def mentions(text: str | None, word: str) -> bool:
    """True if ``text`` holds ``word`` as a whole word, whatever the case: an event's
    place names a city ("Thrive, Leeds" names "leeds"), a follow-up names a person."""
    if not text or not word.strip():
        return False
    pattern = rf"(?<!\w){re.escape(word.casefold())}(?!\w)"
    return re.search(pattern, text.casefold()) is not None
