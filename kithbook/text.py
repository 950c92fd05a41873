"""Words: how kithbook says a day, how long ago, how many; slugs from names,
did-you-mean hints, titles from file names. Every page, message and line of the
terminal says these things through here."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Container, Iterable
from datetime import date, time

from anyascii import anyascii

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

#: Scripts written as an abugida: a consonant letter carries the vowel "a" unless a vowel
#: sign or a virama follows it (ಕನ್ನಡ is "kannada"); anyascii, letter by letter, leaves it out.
_ABUGIDAS = (
    "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA",
    "MALAYALAM", "SINHALA",
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
    """A URL-safe slug: ASCII lowercase letters, digits and single hyphens, from a name in
    any script. Accents are dropped ("Zoë Ångström" -> "zoe-angstrom"); other scripts are
    transliterated by anyascii ("Дмитрий" -> "dmitriy", "李小龙" -> "li-xiao-long"); what
    is neither a letter nor a digit (punctuation, symbols, emoji) separates words or goes."""
    ascii_text = text if text.isascii() else "".join(_ascii_parts(text))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


#: The longest slug a file name takes from a name or a title: a name thousands of
#: characters long would make a file name that no file system takes (255 bytes).
FILE_SLUG_LENGTH = 60


def file_slug(text: str, fallback: str = "") -> str:
    """The slug that names the file of a person or an event: ``slugify(text)``, cut at a
    word within FILE_SLUG_LENGTH characters; ``slugify(fallback)`` when the text has
    nothing to make one of (only emoji, say), which may be empty."""
    slug = slugify(text)
    if len(slug) > FILE_SLUG_LENGTH:
        slug = slug[:FILE_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug or slugify(fallback)


def first_free(base: str, taken: Container[str]) -> str:
    """``base``, or else ``base-2``, ``base-3``, ...: the first that is not ``taken``
    (a new slug, event id or anchor beside those already in use)."""
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def folded(text: str) -> str:
    """A name as names are compared: case, accents, spaces and punctuation folded as in a
    slug ("Zoë  Ångström" and "zoe-angstrom" are the same), while letters of other scripts
    stay as they are, marks and all: two names that only transliterate alike (李明 and
    黎明, both "li-ming"; ジョン and ション) are two names."""
    if text.isascii():
        return slugify(text)
    parts: list[str] = []
    after_other_script = False
    for char in text.translate(_TRANSLITERATE):
        kind, latin = _character(char)
        if kind == "latin":
            parts.append(latin)
            after_other_script = False
        elif kind == "mark":
            if after_other_script and unicodedata.combining(char):
                parts.append(char)  # a virama, a dakuten: part of the letter before
        elif kind == "letter":
            parts.append(unicodedata.normalize("NFKC", char))
            after_other_script = True
        else:
            parts.append(" " if after_other_script and kind == "punctuation" else "")
            after_other_script = False
    return re.sub(r"[\x00-/:-`{-\x7f]+", "-", "".join(parts).casefold()).strip("-")


def _ascii_parts(text: str) -> list[str]:
    """The pieces of a slug, character by character. A character that the accents rule
    makes ASCII is that ("ö" is "o", "ﬁ" is "fi", "ß" is "ss"), exactly as slugs always
    were; any other letter or digit is anyascii's transliteration, a syllable of a script
    written without spaces standing as a word of its own. Marks on a letter, invisible
    joiners and symbols go; so does punctuation, as it always did in a Latin name ("O’Neil" is
    "oneil"), except that after a letter of another script it ends a word ("ジョン・スミス")."""
    parts: list[str] = []
    text = text.translate(_TRANSLITERATE)
    after_other_script = False
    for index, char in enumerate(text):
        kind, latin = _character(char)
        if kind == "latin":
            parts.append(latin)
            after_other_script = False
        elif kind == "mark":
            continue
        elif kind == "punctuation":
            parts.append(" " if after_other_script else "")
            after_other_script = False
        elif kind == "symbol":
            after_other_script = False
        else:
            parts.append(_transliterated(text, index))
            after_other_script = True
    return parts


@functools.lru_cache(maxsize=4096)
def _character(char: str) -> tuple[str, str]:
    """(what ``char`` is to a slug, its ASCII when that is "latin"): "latin" (ASCII, or
    ASCII once its accents are dropped), "mark" (an accent, an invisible joiner),
    "punctuation" (or a space), "symbol", or "letter" (of another script)."""
    if char.isascii():
        return "latin", char
    decomposed = unicodedata.normalize("NFKD", char)
    latin = "".join(c for c in decomposed if c.isascii() and not unicodedata.combining(c))
    category = unicodedata.category(char)
    if latin:
        return "latin", latin
    if unicodedata.combining(char) or category == "Cf":
        return "mark", ""
    if category[0] in "PZ":
        return "punctuation", ""
    if category[0] not in "LNM":
        return "symbol", ""
    return "letter", ""


def _transliterated(text: str, index: int) -> str:
    """anyascii's ASCII for the letter ``text[index]``, without the ' and ` it writes for
    some sounds: a syllable it writes capitalised though the letter has no case (a Chinese
    character, a Hangul block) as a word of its own; an abugida's consonant with its
    inherent "a" (see ``_ABUGIDAS``)."""
    char = text[index]
    ascii_text = anyascii(char).replace("'", "").replace("`", "")  # ' and ` mark sounds
    if ascii_text[:1].isupper() and not (char.isupper() or char.islower()):
        return f" {ascii_text} "
    if _bare_consonant(char, ascii_text) and _takes_inherent_vowel(text, index):
        return ascii_text + "a"
    return ascii_text


def _bare_consonant(char: str, ascii_text: str) -> bool:
    """Whether ``char`` is a consonant letter of an abugida (its ASCII has no vowel)."""
    name = unicodedata.name(char, "")
    return (
        bool(ascii_text)
        and name.split(" ", 1)[0] in _ABUGIDAS
        and " LETTER " in name
        and not any(vowel in ascii_text for vowel in "aeiou")
    )


def _takes_inherent_vowel(text: str, index: int) -> bool:
    """Whether the consonant at ``index`` is read with its inherent "a": no vowel sign or
    virama follows it (a nukta may), and it does not end the word, where Hindi and most
    names drop it (राहुल is "rahul", ರಮ್ಯಾ is "ramya")."""
    for char in text[index + 1 :]:
        name = unicodedata.name(char, "")
        if name.endswith("SIGN NUKTA") or unicodedata.category(char) == "Cf":
            continue  # a dot below, or a zero-width joiner: look past it
        if "VOWEL SIGN" in name or unicodedata.combining(char) == 9:  # 9: a virama
            return False
        return unicodedata.category(char)[0] in "LM"
    return False


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


#: How alike two titles must be (difflib's ratio of their folded forms) to be "alike".
ALIKE = 0.8


def alike(first: str, second: str) -> bool:
    """Whether two titles say nearly the same thing: the same once case, accents and
    punctuation are set aside, one inside the other ("Coffee" and "Coffee at Tilt"), or
    at least ALIKE similar ("Coffee with Zoe" and "Coffee with Zoë!")."""
    a, b = folded(first), folded(second)
    if not a or not b:
        return a == b
    if a in b or b in a:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= ALIKE


def title_from_stem(stem: str) -> str:
    """An event's default title: its file name without the date prefix, in words."""
    words = re.sub(r"^\d{4}-\d{2}-\d{2}[-_ ]*", "", stem)
    words = re.sub(r"[-_]+", " ", words).strip()
    return words[:1].upper() + words[1:] if words else stem
