"""Dates as people say them on the command line: ``today``, ``last friday``, ``3 days
ago``, ``in 2 weeks``, ``2026-03-04``, each read against today, and a form that could
mean two days (``03/04/2026``) refused with both.

No date library does this: the ones that read such phrases guess where this must refuse
(``03/04/2026`` is the 4th of March to them, whatever the person meant), read a bare
weekday said on that weekday as a week ago, take text such as ``in 2 weeks ago`` as a
date, and bring tens of megabytes of language tables and time zones with them. The
phrases a journal needs are few, so they are read here, by the rules in RULES; a date
written as a date (``YYYY-MM-DD``, with ``HH:MM``) is read as the loader reads it
(``fields.as_when``), so the command line and the files take the same dates.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time, timedelta

from .fields import as_when
from .model import within_range
from .text import MONTHS, day

#: The rules, in the words of the help text of every command that takes a date.
RULES = (
    "A date is today, yesterday, tomorrow; a weekday (friday: the last one, today "
    "included; last friday: the one before today; next tuesday: the first after today); "
    "3 days ago, 2 weeks ago, in 2 weeks, in 3 months; 2026-03-04 or 4 Mar 2026; any of "
    "them may end with a time, 18:30. A form that could mean two days (03/04/2026) is "
    "refused with both."
)
#: What a date option says it takes, in one line.
SHORT = "today, yesterday, friday, last friday, 3 days ago, in 2 weeks, YYYY-MM-DD [HH:MM]"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAMES = {
    **{name: number for number, name in enumerate(WEEKDAYS)},
    **{name[:3]: number for number, name in enumerate(WEEKDAYS)},
    "tues": 1, "weds": 2, "thur": 3, "thurs": 4,
}  # fmt: skip
_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_UNITS = {"day": "d", "week": "w", "month": "m", "year": "y"}
_FULL_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_NAMES = {
    **{name.lower(): n for n, name in enumerate(MONTHS, start=1)},
    **{name: n for n, name in enumerate(_FULL_MONTHS, start=1)},
    "sept": 9,
}

_TIME = re.compile(r"^(?P<day>.*?)(?: (?P<hour>\d{1,2}):(?P<minute>\d{2}))?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ tT]\d{2}:\d{2})?$")
_WEEKDAY = re.compile(r"^(?:(?P<which>last|next) )?(?P<name>[a-z]+)$")
_AMOUNT = r"(?P<count>\d+|an?|one)"
_AGO = re.compile(rf"^{_AMOUNT} (?P<unit>day|week|month|year)s? ago$")
_IN = re.compile(rf"^in {_AMOUNT} (?P<unit>day|week|month|year)s?$")
_NAMED = re.compile(r"^(?P<day>\d{1,2}) (?P<month>[a-z]+)\.?,?(?: (?P<year>\d{4}))?$")
_NAMED_US = re.compile(
    r"^(?P<month>[a-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?,?(?: (?P<year>\d{4}))?$"
)
_NUMBERS = re.compile(r"^(?P<a>\d{1,4})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})$")


def said_when(text: str, today: date) -> tuple[date, time | None]:
    """The day (and time, if one was said) that ``text`` names, seen from ``today``,
    by RULES; ValueError saying what is wrong otherwise: what it could mean when it
    could mean two days, or the forms to use. Days outside FIRST_DAY..LAST_DAY (see
    ``model.within_range``) are refused."""
    said = " ".join(text.strip().lower().split())
    if _ISO.match(said):
        return as_when(said.replace("t", " "))  # as the loader reads a date in a file
    match = _TIME.match(said)
    words, at = match["day"].strip(), None  # type: ignore[index]
    if match["hour"] is not None and words:  # type: ignore[index]
        hour, minute = int(match["hour"]), int(match["minute"])  # type: ignore[index]
        if hour > 23 or minute > 59:
            raise ValueError(
                f"'{text}': {hour}:{minute:02d} is not a time: write HH:MM, 00:00 to 23:59"
            )
        at = time(hour, minute)
    else:
        words = said
    try:
        found = _day(words, today)
    except OverflowError:
        raise ValueError(f"'{text}' is too far from today") from None
    if found is None:
        raise ValueError(f"'{text}' is not a date: write {SHORT}")
    return within_range(found), at


def _day(words: str, today: date) -> date | None:
    """The day ``words`` (no time) names, or None when it is none of the forms."""
    if words in _WORDS:
        return today + timedelta(days=_WORDS[words])
    for reader in (_weekday, _relative, _named, _numbers):
        found = reader(words, today)
        if found is not None:
            return found
    return None


def _weekday(words: str, today: date) -> date | None:
    """``friday``: the last Friday, today included; ``last friday``: the one before
    today; ``next friday``: the first after today."""
    match = _WEEKDAY.match(words)
    if not match or match["name"] not in _WEEKDAY_NAMES:
        return None
    wanted = _WEEKDAY_NAMES[match["name"]]
    back = (today.weekday() - wanted) % 7
    if match["which"] == "next":
        return today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1)
    if match["which"] == "last":
        return today - timedelta(days=back or 7)
    return today - timedelta(days=back)


def _relative(words: str, today: date) -> date | None:
    """``3 days ago``, ``a week ago``, ``in 2 months``: months and years keep the day of
    the month where they can (31 Jan and a month is the last day of February)."""
    match = _AGO.match(words) or _IN.match(words)
    if not match:
        return None
    count = int(match["count"]) if match["count"].isdigit() else 1
    sign = -1 if words.endswith(" ago") else 1
    unit = _UNITS[match["unit"]]
    if unit in "dw":
        return today + timedelta(days=sign * count * (7 if unit == "w" else 1))
    months = sign * count * (12 if unit == "y" else 1)
    year, month = divmod(today.month - 1 + months, 12)
    year += today.year
    if not 1 <= year <= 9999:
        raise OverflowError
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(today.day, last))


def _named(words: str, today: date) -> date | None:
    """``4 Mar 2026``, ``4 march 2026``, ``March 4, 2026``; without a year, refused with
    the two years it could be."""
    match = _NAMED.match(words) or _NAMED_US.match(words)
    if not match or match["month"] not in _MONTH_NAMES:
        return None
    month, number = _MONTH_NAMES[match["month"]], int(match["day"])
    if match["year"] is None:
        could = [
            day(date(year, month, number))
            for year in (today.year - 1, today.year, today.year + 1)
            if _real(year, month, number)
        ]
        if not could:
            raise ValueError(f"'{words}' is not a day of the year")
        raise ValueError(f"'{words}': say which year, e.g. {' or '.join(could)}")
    if not _real(int(match["year"]), month, number):
        raise ValueError(f"'{words}' is not a date: {match['month']} has no day {number}")
    return date(int(match["year"]), month, number)


def _numbers(words: str, today: date) -> date | None:
    """``2026/03/04`` (year first: year, month, day); ``25/12/2026`` (a day that only
    one order makes); ``03/04/2026`` is refused with the two days it could be, and a
    year of two digits with the ways to write it in full."""
    match = _NUMBERS.match(words)
    if not match:
        return None
    a, b, c = match["a"], match["b"], match["c"]
    if len(a) == 4:
        if _real(int(a), int(b), int(c)):
            return date(int(a), int(b), int(c))
        raise ValueError(f"'{words}' is not a date")
    if len(c) != 4:
        raise ValueError(f"'{words}': write the year in full, as YYYY-MM-DD")
    year = int(c)
    readings = {
        date(year, month, number)
        for number, month in ((int(a), int(b)), (int(b), int(a)))
        if _real(year, month, number)
    }
    if len(readings) == 1:
        return readings.pop()
    if not readings:
        raise ValueError(f"'{words}' is not a date")
    first, second = sorted(readings, key=lambda d: (d.day != int(a), d))
    raise ValueError(
        f"'{words}' could be {day(first)} or {day(second)}: write "
        f"{first.isoformat()} or {second.isoformat()}"
    )


def _real(year: int, month: int, number: int) -> bool:
    """Whether year-month-number is a day of the calendar."""
    return (
        1 <= year <= 9999
        and 1 <= month <= 12
        and 1 <= number <= calendar.monthrange(year, month)[1]
    )
