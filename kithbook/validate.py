"""The rules a journal is checked by, beyond reading each field: small named
functions, one rule each, listed in one place. The loader runs them, so
``kithbook check`` and a build report the same problems.

A rule takes a record, once its names are resolved, and ``where``, which gives the
Source (file and line) of one of its fields; it returns a Problem or None. A new
rule is a new function in one of the lists below.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from .model import Event, Person, Problem, Source

Where = Callable[[str], Source]


def end_before_date(event: Event, where: Where) -> Problem | None:
    """An event cannot end before it starts (the calendar shows it ending as it starts)."""
    if event.end_date is None:
        return None
    end = (event.end_date, event.end_time or time.max)
    if end >= (event.date, event.time or time.min):
        return None
    written = event.end_date.isoformat() + (f" {event.end_time:%H:%M}" if event.end_time else "")
    return Problem(
        where("end"),
        "warning",
        f"end: {written} is before the event's date: it is shown as ending when it starts",
    )


def introduced_by_themselves(person: Person, where: Where) -> Problem | None:
    """Nobody introduces themselves to you (the network draws no such introduction)."""
    if person.introduced_by != person.slug:
        return None
    return Problem(
        where("introduced_by"),
        "warning",
        "introduced_by: names the person themselves; write who introduced you",
    )


EVENT_RULES: tuple[Callable[[Event, Where], Problem | None], ...] = (end_before_date,)
PERSON_RULES: tuple[Callable[[Person, Where], Problem | None], ...] = (introduced_by_themselves,)


def event_problems(event: Event, where: Where) -> list[Problem]:
    """What the event rules find in ``event``."""
    return [problem for rule in EVENT_RULES if (problem := rule(event, where))]


def person_problems(person: Person, where: Where) -> list[Problem]:
    """What the person rules find in ``person``."""
    return [problem for rule in PERSON_RULES if (problem := rule(person, where))]
