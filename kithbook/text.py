"""Words and names: slugs from names, did-you-mean hints, titles from file names."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Letters that Unicode does not decompose into a base letter and an accent.
_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
        "ı": "i",
    }
)  # fmt: skip


def slugify(text: str) -> str:
    """A URL-safe slug: ASCII lowercase letters, digits and single hyphens.
    Accents are transliterated ("Zoë Ångström" -> "zoe-angstrom")."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or an empty string."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        lowered = {choice.lower(): choice for choice in choices}
        close = [lowered[c] for c in difflib.get_close_matches(word.lower(), lowered, n=1)]
    return f"; did you mean '{close[0]}'?" if close else ""


def title_from_stem(stem: str) -> str:
    """An event's default title: its file name without the date prefix, in words."""
    words = re.sub(r"^\d{4}-\d{2}-\d{2}[-_ ]*", "", stem)
    words = re.sub(r"[-_]+", " ", words).strip()
    return words[:1].upper() + words[1:] if words else stem
