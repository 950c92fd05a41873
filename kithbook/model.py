"""The journal's records: frozen, each with the Source it was read from.

Everything the engine knows comes from these records. They are built by
``kithbook.load`` and never changed afterwards; a change makes a new record
(``dataclasses.replace``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import Literal

Level = Literal["error", "warning"]

CIRCLES = ("inner", "close", "friend", "acquaintance")

IN_PERSON = "in person"
CALL = "call"
WRITTEN = "written"
SIGNAL = "signal"
INTRODUCTION = "introduction"

#: The channel each built-in kind counts as; ``extra.kithbook.kinds`` adds more.
KIND_CHANNELS: dict[str, str] = {
    **dict.fromkeys(
        ("meetup", "conference", "meeting", "coffee", "meal", "drinks", "visit", "party"), IN_PERSON
    ),
    **dict.fromkeys(("call", "video"), CALL),
    **dict.fromkeys(("message", "email", "letter", "comment"), WRITTEN),
    **dict.fromkeys(("mention", "like", "share"), SIGNAL),
    "intro": INTRODUCTION,
}

#: Channels in order of weight, strongest first.
CHANNELS = (IN_PERSON, CALL, WRITTEN, SIGNAL, INTRODUCTION)

#: Channels that restart the keep-in-touch clock: you actually talked.
REAL_CONTACT = frozenset({IN_PERSON, CALL, WRITTEN})


@dataclass(frozen=True, order=True)
class Source:
    """Where a record or a problem comes from: a path relative to the journal
    (with ``/``) and a 1-based line (0 when the whole file or no line applies)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in the files, as a value: never raised, always reported."""

    source: Source
    level: Level
    message: str

    def __str__(self) -> str:
        """``path:line: level: message``, on one line: a line break in a quoted value shows
        as ``\\n``, so that it cannot pass for another problem's line."""
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.source.path}:{self.source.line}: {self.level}: {message}"

    def as_json(self) -> dict:
        return {
            "path": self.source.path,
            "line": self.source.line,
            "level": self.level,
            "message": self.message,
        }


#: The days kithbook works with: far enough back for a birthday or an old letter, far enough
#: ahead for any plan. Outside them the date arithmetic of a site (a keep-in-touch date, a
#: chart's months, next year's birthday) would leave the years Python's dates can hold, so
#: the loader reports such a date instead of keeping it.
FIRST_DAY = date(1800, 1, 1)
LAST_DAY = date(2999, 12, 31)


def within_range(day: date) -> date:
    """``day`` itself, if it lies between FIRST_DAY and LAST_DAY; ValueError otherwise."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            f"{day.isoformat()} is out of range: kithbook takes dates from "
            f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
        )
    return day


_DURATION = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$")
_UNIT_WORDS = {"d": "day", "w": "week", "m": "month", "y": "year"}
_EVERY = {("d", 1): "daily", ("w", 1): "weekly", ("m", 1): "monthly", ("y", 1): "yearly"}


@dataclass(frozen=True, order=True)
class Duration:
    """A whole number of days, weeks, months or years: ``10d``, ``2w``, ``3m``, ``1y``."""

    count: int
    unit: Literal["d", "w", "m", "y"]

    @classmethod
    def parse(cls, text: object) -> Duration:
        """The duration written as ``text``; ValueError with a readable message if it is not one."""
        match = _DURATION.match(str(text))
        if not match or int(match.group(1)) == 0:
            raise ValueError(
                f"'{text}' is not a duration: write a whole number and a unit, "
                "like 10d, 2w, 3m (months) or 1y"
            )
        duration = cls(int(match.group(1)), match.group(2))  # type: ignore[arg-type]
        if duration.days > LONGEST.days:
            raise ValueError(f"'{text}' is too long: at most {LONGEST} (or write never)")
        return duration

    def after(self, day: date) -> date:
        """The date this long after ``day``; months and years keep the day of the month
        where they can (31 Jan + 1m = 28 or 29 Feb)."""
        if self.unit == "d":
            return date.fromordinal(day.toordinal() + self.count)
        if self.unit == "w":
            return date.fromordinal(day.toordinal() + 7 * self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        year, month = divmod(day.month - 1 + months, 12)
        year += day.year
        month += 1
        return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

    @property
    def days(self) -> int:
        """An approximate length in days, for comparing and scoring."""
        return self.count * {"d": 1, "w": 7, "m": 30, "y": 365}[self.unit]

    def words(self) -> str:
        """The interval in plain words: 'weekly', 'every 2 weeks'."""
        every = _EVERY.get((self.unit, self.count))
        if every:
            return every
        return f"every {self.count} {_UNIT_WORDS[self.unit]}s"

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


#: The longest interval a duration may give (a keep-in-touch wish of more is "never").
LONGEST = Duration(100, "y")


@dataclass(frozen=True)
class Birthday:
    """A birthday; the year is optional (``MM-DD``)."""

    month: int
    day: int
    year: int | None = None

    def next_after(self, day: date) -> date:
        """The first birthday on or after ``day`` (29 Feb falls on 28 Feb in other years)."""
        for year in (day.year, day.year + 1):
            last = calendar.monthrange(year, self.month)[1]
            candidate = date(year, self.month, min(self.day, last))
            if candidate >= day:
                return candidate
        raise AssertionError("unreachable")

    def __str__(self) -> str:
        text = f"{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{text}" if self.year else text


@dataclass(frozen=True)
class FollowUp:
    """A to-do from an event; written ``[x] text`` once done."""

    text: str
    done: bool = False


@dataclass(frozen=True)
class Person:
    """One person: ``people/<slug>.md`` (or ``.yml``).

    ``keep_in_touch`` is what the file says: a Duration, ``"never"``, or None when the
    file leaves it to the circle's default (see ``Config.keep_in_touch``).
    ``contact`` maps a kind of contact to a tuple of values; ``extra`` holds the
    person's own fields as they wrote them.
    """

    source: Source
    slug: str
    name: str
    aka: tuple[str, ...] = ()
    where: str | None = None
    tags: tuple[str, ...] = ()
    circle: str = "acquaintance"
    keep_in_touch: Duration | Literal["never"] | None = None
    met: date | None = None
    how_we_met: str | None = None
    introduced_by: str | None = None
    birthday: Birthday | None = None
    org: str | None = None
    role: str | None = None
    contact: dict[str, tuple[str, ...]] = field(default_factory=dict)
    follows_me: bool | None = None
    i_follow: bool | None = None
    extra: dict[str, object] = field(default_factory=dict)
    snooze_until: date | None = None
    notes: str = ""

    def snoozed(self, today: date) -> bool:
        """True while ``snooze_until`` is still ahead: the person asked for a break."""
        return self.snooze_until is not None and self.snooze_until > today

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this person answers to in ``with:``: slug, name and akas."""
        return (self.slug, self.name, *self.aka)


@dataclass(frozen=True)
class Event:
    """Something that happened, or will happen, with people.

    ``with_`` holds person slugs, resolved from whatever names the file used.
    ``page`` is False for the small items of a list file, which get no page.
    ``by`` is ``"me"``, ``"them"``, a person slug, or None when the file does not say.
    """

    source: Source
    id: str
    date: date
    title: str
    kind: str = "meetup"
    channel: str = IN_PERSON
    time: time | None = None
    end_date: date | None = None
    end_time: time | None = None
    with_: tuple[str, ...] = ()
    place: str | None = None
    by: str | None = None
    follow_up: tuple[FollowUp, ...] = ()
    tags: tuple[str, ...] = ()
    uid: str | None = None
    notes: str = ""
    page: bool = True

    @property
    def sort_key(self) -> tuple:
        """Date, then time (untimed first), then id: the one order of events."""
        return (self.date, self.time or time.min, self.time is not None, self.id)

    def is_planned(self, today: date) -> bool:
        """An event after today is a plan; today's events have happened."""
        return self.date > today

    @property
    def open_follow_ups(self) -> tuple[FollowUp, ...]:
        return tuple(item for item in self.follow_up if not item.done)


def same_but_notes(was: Person | Event, now: Person | Event) -> bool:
    """Whether the record ``now`` is ``was``, its notes aside: notes show on the
    record's own page alone, so a change of notes changes only that page."""
    return replace(was, notes=now.notes) == now


@dataclass(frozen=True)
class Me:
    """The journal's owner, from ``extra.kithbook.me``."""

    name: str = "Me"
    where: str | None = None
    emails: tuple[str, ...] = ()


DEFAULT_CADENCE: dict[str, Duration | None] = {
    "inner": Duration(2, "w"),
    "close": Duration(1, "m"),
    "friend": Duration(3, "m"),
    "acquaintance": None,
}


@dataclass(frozen=True)
class Config:
    """``extra.kithbook`` from mkdocs.yml, with every default filled in.

    ``cadence`` maps each circle to its default keep-in-touch interval (None: never).
    ``kinds`` maps every known event kind to its channel. ``ranking`` holds the
    weights and horizons of ``kithbook.suggest`` by name; absent names take that
    module's defaults.
    """

    me: Me = Me()
    cadence: dict[str, Duration | None] = field(default_factory=lambda: dict(DEFAULT_CADENCE))
    kinds: dict[str, str] = field(default_factory=lambda: dict(KIND_CHANNELS))
    default_kind: str = "meetup"
    today: date | None = None
    ranking: dict[str, float] = field(default_factory=dict)

    def keep_in_touch(self, person: Person) -> Duration | None:
        """The interval wished for ``person``: their own, else their circle's; None for never."""
        if person.keep_in_touch == "never":
            return None
        if isinstance(person.keep_in_touch, Duration):
            return person.keep_in_touch
        return self.cadence.get(person.circle)


@dataclass(frozen=True)
class Journal:
    """Everyone and everything, as read: people by slug (sorted), events in the one order."""

    people: dict[str, Person]
    events: tuple[Event, ...]
    config: Config = Config()

    def person(self, slug: str) -> Person | None:
        return self.people.get(slug)
