"""Dates as LinkedIn writes them, and as spreadsheets re-save them: ``07 Feb 2026``,
``1/8/18, 6:14 PM``, ``23-Apr-23``, ``27-juil-25``, ``16.09.2021``, ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ...text import slugify

_MONTH_NAMES = (
    "january janvier januar enero gennaio januari janeiro",
    "february fevrier februar febrero febbraio februari fevereiro",
    "march mars marz marzo maart marco",
    "april avril abril aprile",
    "may mai mayo maggio mei maio",
    "june juin juni junio giugno junho",
    "july juillet juli julio luglio julho",
    "august aout agosto augustus",
    "september septembre septiembre settembre setembro",
    "october octobre oktober octubre ottobre outubro",
    "november novembre noviembre novembro",
    "december decembre dezember diciembre dicembre dezembro",
)


def _month_words() -> dict[str, int]:
    """Month by the words spreadsheets write for it, in English, French, German, Spanish,
    Italian, Dutch and Portuguese, accents aside: each name and each beginning of it of
    three letters or more that no other month's name begins with (``juil``, not ``jui``)."""
    months: dict[str, set[int]] = {}
    for number, names in enumerate(_MONTH_NAMES, start=1):
        for name in names.split():
            for end in range(3, len(name) + 1):
                months.setdefault(name[:end], set()).add(number)
    words = {word: next(iter(found)) for word, found in months.items() if len(found) == 1}
    return words | {"mrz": 3, "mrt": 3}  # German and Dutch abbreviations of March


_MONTHS = _month_words()
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
_DAY_MONTH = re.compile(r"(\d{1,2})\.?[\s/-]*([^\W\d_]{3,})\.?[\s/.-]*(\d{4}|\d{2})(?!\d)")
_MONTH_DAY = re.compile(r"([^\W\d_]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)")


def linkedin_date(text: str, day_first: bool = False) -> date | None:
    """A date as LinkedIn writes one, or a spreadsheet re-saves it; None if it is none.

    LinkedIn: ``07 Feb 2026`` (today), ``1/8/18, 6:14 PM`` (before, month first),
    ``2026-02-07 10:22:33 UTC`` (messages). Spreadsheets: ``23-Apr-23``, ``9-Sep-22``,
    ``27-juil-25``, ``Feb 7, 2026``, ``16.09.2021`` and ``16-09-2021`` (day first),
    ``1/8/2018 18:14``, or ``08/01/2018`` where ``day_first`` (``slashes_day_first``).
    A year of two digits is in this century (LinkedIn began in 2003)."""
    text = text.strip()
    try:
        if match := _ISO.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _NUMERIC.match(text):
            first, second = int(match[1]), int(match[3])
            day, month = (first, second) if match[2] != "/" or day_first else (second, first)
            return date(_year(match[4]), month, day)
        if match := _DAY_MONTH.match(text):
            month = _MONTHS.get(slugify(match[2]))
            return date(_year(match[3]), month, int(match[1])) if month else None
        if match := _MONTH_DAY.match(text):
            month = _MONTHS.get(slugify(match[1]))
            return date(int(match[3]), month, int(match[2])) if month else None
    except ValueError:
        return None
    return None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def slashes_day_first(values: Iterable[str]) -> bool:
    """Whether the dates of a column written with slashes put the day first, as a
    spreadsheet of a day-first country re-saves LinkedIn's ``1/8/18`` (``08/01/2018``):
    when some date can only be read so (a first number above 12) and none only month
    first. LinkedIn itself writes the month first."""
    day = month = False
    for value in values:
        match = _NUMERIC.match(value.strip())
        if match and match[2] == "/":
            day = day or int(match[1]) > 12
            month = month or int(match[3]) > 12
    return day and not month


def time_of_day(text: str) -> str:
    """The time of day in a date as ``HH:MM:SS`` (``6:14 PM`` is ``18:14:00``), to put
    the messages of a day in order; "" when there is none."""
    match = re.search(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?", text)
    if not match:
        return ""
    hour = int(match[1])
    if match[4]:
        hour = hour % 12 + (12 if match[4].lower() == "pm" else 0)
    return f"{hour:02d}:{match[2]}:{match[3] or '00'}"
