"""Words: how kithbook says a day, how long ago, how many; slugs from names,
did-you-mean hints, titles from file names. Every page, message and line of the
terminal says these things through here."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, time

from .speed import remembered

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Letters that Unicode does not decompose into a base letter and an accent.
_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
        "ı": "i",
    }
)  # fmt: skip


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def count(number: int, one: str, many: str | None = None) -> str:
    """'1 person', '3 people', '0 events': a number and its noun."""
    return f"{number} {one if number == 1 else many or one + 's'}"


@remembered(1 << 14)  # a site says the same few thousand days again and again
def day(value: date | None, year: bool = True) -> str:
    """'5 Dec 2026' (or '5 Dec'); an empty string for no date. Month names are English
    whatever the machine's locale, like every other word of the site."""
    if value is None:
        return ""
    text = f"{value.day} {MONTHS[value.month - 1]}"
    return f"{text} {value.year}" if year else text


def day_near(value: date, today: date) -> str:
    """'1 Aug' within today's year, '1 Aug 2024' in any other."""
    return day(value, year=value.year != today.year)


def month(value: date) -> str:
    """'Mar 2021'."""
    return f"{MONTHS[value.month - 1]} {value.year}"


def clock(value: time | None) -> str:
    """'09:30'; an empty string for no time."""
    return value.strftime("%H:%M") if value else ""


def ago(then: date | None, today: date) -> str:
    """How long ago or ahead, in the words a person uses: 'today', 'yesterday',
    '3 weeks ago', '2 years ago', 'tomorrow', 'in 5 days'; 'never' for no date."""
    if then is None:
        return "never"
    days = (today - then).days
    if days == 0:
        return "today"
    if abs(days) == 1:
        return "yesterday" if days > 0 else "tomorrow"
    amount = abs(days)
    if amount < 14:
        words = f"{amount} days"
    elif amount < 60:
        words = f"{amount // 7} weeks"
    elif amount < 730:
        words = count(round(amount / 30.44), "month")
    else:
        words = f"{amount // 365} years"
    return f"{words} ago" if days > 0 else f"in {words}"


def slugify(text: str) -> str:
    """A URL-safe slug: ASCII lowercase letters, digits and single hyphens.
    Accents are transliterated ("Zoë Ångström" -> "zoe-angstrom")."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word`` (exactly as written first, then ignoring case), or None."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        lowered = {choice.lower(): choice for choice in choices}
        close = [lowered[c] for c in difflib.get_close_matches(word.lower(), lowered, n=1)]
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or an empty string."""
    choice = closest(word, choices)
    return f"; did you mean '{choice}'?" if choice is not None else ""


def title_from_stem(stem: str) -> str:
    """An event's default title: its file name without the date prefix, in words."""
    words = re.sub(r"^\d{4}-\d{2}-\d{2}[-_ ]*", "", stem)
    words = re.sub(r"[-_]+", " ", words).strip()
    return words[:1].upper() + words[1:] if words else stem
