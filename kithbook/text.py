"""Words and names: slugs from names, did-you-mean hints, titles from file names,
and relative links between pages."""

from __future__ import annotations

import difflib
import posixpath
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


def relative(target: str, here: str) -> str:
    """``target`` relative to the folder of ``here``, both paths under the docs folder:
    what ``posixpath.relpath`` gives, without its two ``os.getcwd()`` calls per link
    (a site has a few links per event on several pages)."""
    start = here.split("/")[:-1]
    parts = target.split("/")
    if "." not in parts[-1] or any(part in ("", ".", "..") for part in (*start, *parts)):
        return posixpath.relpath(target, "/".join(start) or ".")
    common = 0
    for mine, theirs in zip(start, parts[:-1], strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:])
