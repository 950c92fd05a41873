"""The fields of a record: each value read as what FORMAT.md says it is, or a warning
at its line and the field's default. ``Fields`` reads one record's mapping; the
functions below read one value each, raising ValueError with words a person can use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time

from .config import parse_day
from .model import CIRCLES, Birthday, Duration, FollowUp, Problem, Source, within_range
from .reading import FileError, Parsed
from .text import did_you_mean


def as_text(value: object) -> str:
    if isinstance(value, bool) or isinstance(value, list | dict):
        raise ValueError(f"expected text, not {_shown(value)}")
    return str(value).strip()


def as_texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list):
        return tuple(as_text(item) for item in value if item is not None and as_text(item))
    return (as_text(value),)


#: A tag: letters and digits in any script, spaces, and a few marks between them.
_TAG = re.compile(r"[^\W_](?:[\w .+&/'-]*[\w+])?")
LONGEST_TAG = 40


def parse_tag(text: str) -> str:
    """``text`` as a tag (a group such as ``brummies`` or ``book club``); ValueError saying
    what a tag may hold otherwise. Tags name groups on pages and in links, so nothing in
    them reads as markup anywhere: letters, digits, spaces, ``- _ . + & / '``."""
    tag = unicodedata.normalize("NFC", text.strip())
    if len(tag) > LONGEST_TAG or not _TAG.fullmatch(tag):
        raise ValueError(
            f"'{text}' is not a tag: use letters, digits, spaces and - _ . + & / ' "
            f"(at most {LONGEST_TAG} characters)"
        )
    return tag


def as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, not {_shown(value)}")


def _single(value: object, what: str) -> None:
    # str() of a list would show Python's repr ("'[datetime.date(...)]'"): say it plainly.
    if isinstance(value, list | dict):
        raise ValueError(f"expected {what}, not {_shown(value)}")


def as_day(value: object) -> date:
    _single(value, "a date")
    if isinstance(value, datetime):
        return value.date()
    return parse_day(value)


def as_when(value: object) -> tuple[date, time | None]:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM`` (YAML may already have made a date or datetime),
    within the days kithbook works with."""
    _single(value, "a date")
    if isinstance(value, datetime):
        moment = value.time().replace(second=0, microsecond=0, tzinfo=None)
        return within_range(value.date()), moment
    if isinstance(value, date):
        return within_range(value), None
    text = str(value).strip().replace("T", " ")
    try:
        if " " in text:
            moment = datetime.strptime(text, "%Y-%m-%d %H:%M")
            day, at = moment.date(), moment.time()
        else:
            day, at = date.fromisoformat(text), None
    except ValueError:
        raise ValueError(f"'{value}' is not a date: write YYYY-MM-DD or YYYY-MM-DD HH:MM") from None
    return within_range(day), at


def as_circle(value: object) -> str:
    text = as_text(value).lower()
    if text not in CIRCLES:
        raise ValueError(
            f"unknown circle '{value}'{did_you_mean(text, CIRCLES)} (circles: {', '.join(CIRCLES)})"
        )
    return text


def as_keep_in_touch(value: object) -> Duration | str:
    _single(value, "a duration or never")
    if value is False or str(value).strip().lower() == "never":
        return "never"
    return Duration.parse(value)


def as_birthday(value: object) -> Birthday:
    _single(value, "a birthday")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Birthday(value.month, value.day, within_range(value).year)
    text = str(value).strip()
    try:
        if len(text) == 5:
            day = date(2000, int(text[:2]), int(text[3:]))  # a leap year: 02-29 is a birthday
            if text[2] != "-":
                raise ValueError
            return Birthday(day.month, day.day)
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{value}' is not a birthday: write YYYY-MM-DD or MM-DD") from None
    return Birthday(day.month, day.day, within_range(day).year)


def as_mapping(value: object) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping of names to values, not {_shown(value)}")
    return {str(key): item for key, item in value.items()}


def as_contact(value: object) -> dict[str, tuple[str, ...]]:
    contact = {}
    for key, item in as_mapping(value).items():
        items = item if isinstance(item, list) else [item]
        values = tuple(as_text(v) for v in items if v is not None)
        if any(values):
            contact[key] = tuple(v for v in values if v)
    return contact


def as_follow_ups(value: object) -> tuple[FollowUp, ...]:
    items = value if isinstance(value, list) else [value]
    follow_ups = []
    for item in items:
        if item is None:  # an empty '-' line
            continue
        text = as_text(item)
        done = text[:4].lower() == "[x] "
        if done or text.startswith("[ ] "):
            text = text[4:].strip()
        if text:
            follow_ups.append(FollowUp(text, done))
    return tuple(follow_ups)


def _shown(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


class Fields:
    """Reads the fields of one record; a bad value becomes a warning and its default."""

    def __init__(self, parsed: Parsed, path: str, line: int, known: tuple[str, ...]):
        self.data: dict = parsed.value  # type: ignore[assignment]
        self.lines = parsed.lines
        self.path = path
        self.line = line
        self.problems: list[Problem] = []
        for key in self.data:
            if key not in known:
                hint = did_you_mean(str(key), known) or (
                    "; put your own fields under 'extra:'" if "extra" in known else ""
                )
                self.warn(key, f"unknown field '{key}'{hint}")

    def source(self, key: object) -> Source:
        """Where field ``key`` is written (the record's line when it is not)."""
        return Source(self.path, self.lines.get(key, self.line))

    def item_source(self, key: str, index: int) -> Source:
        """Where item ``index`` of a list field is (the field's line for a one-line list)."""
        return Source(self.path, self.lines.get((key, index), self.lines.get(key, self.line)))

    def warn(self, key: object, message: str, level: str = "warning") -> None:
        self.problems.append(Problem(self.source(key), level, message))  # type: ignore[arg-type]

    def get(self, key: str, parse: Callable[[object], object], default: object = None):
        value = self.data.get(key)
        if value is None or value == "" or value == []:
            return default
        try:
            return parse(value)
        except ValueError as error:
            self.warn(key, f"{key}: {error}; ignored")
            return default

    def tags(self) -> tuple[str, ...]:
        """The record's tags; each one that is not a tag (``parse_tag``) is a warning at
        its line and left out, the others kept."""
        kept = []
        for index, tag in enumerate(self.get("tags", as_texts, ())):
            try:
                kept.append(parse_tag(tag))
            except ValueError as error:
                self.problems.append(
                    Problem(self.item_source("tags", index), "warning", f"tags: {error}; ignored")
                )
        return tuple(dict.fromkeys(kept))

    def required(self, key: str, parse: Callable[[object], object], what: str):
        value = self.data.get(key)
        if value is None or value == "":
            raise FileError(self.line, what)
        try:
            return parse(value)
        except ValueError as error:
            raise FileError(self.lines.get(key, self.line), f"{key}: {error}") from None
