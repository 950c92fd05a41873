"""What a card becomes: a person.

``FN`` (else ``N``, else ``ORG``) as the name, ``NICKNAME`` as ``aka``, ``EMAIL`` and
``TEL`` under ``contact``, ``BDAY`` as ``birthday``, ``ORG`` and ``TITLE`` as ``org``
and ``role``, the home ``ADR`` as ``where`` (city, country), profile addresses (``URL``,
``X-SOCIALPROFILE``) as ``linkedin``, ``twitter`` or ``website``, ``NOTE`` as
``extra.imported_notes`` (never into your notes), and ``UID`` as ``extra.vcard_uid``.
Photos are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ...model import FIRST_DAY, LAST_DAY, Birthday, Source
from .. import PersonRecord
from ..ids import email_address, linkedin_id, twitter_handle
from .cards import Card, unescape


def _line(text: str) -> str:
    """Text for a one-line field: its whitespace, line breaks included, as single spaces."""
    return " ".join(text.split())


def _first(card: Card, name: str) -> str | None:
    return next((_line(p.text()) for p in card.all(name) if _line(p.text())), None)


def person(card: Card, source: Source) -> PersonRecord:
    """The person of one card (see the module's docstring for the fields)."""
    facts: dict[str, object] = {
        "aka": _unique(_line(n) for p in card.all("NICKNAME") for n in card.listed(p.value)),
        "where": _where(card),
        "birthday": _birthday(card),
        "org": _org(card),
        "role": _first(card, "TITLE"),
        "contact.email": _unique(email_address(_line(p.text())) for p in card.all("EMAIL")),
        "contact.phone": _unique(_line(p.text()).removeprefix("tel:") for p in card.all("TEL")),
        **_profiles(card),
        "extra.imported_notes": _note(card),
        "extra.vcard_uid": _first(card, "UID"),
    }
    return PersonRecord(
        source=source,
        key=f"card:{source.line}",
        name=_name(card),
        facts={key: value for key, value in facts.items() if value},
    )


def _unique(values: Iterator[str | None]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value.casefold() not in {s.casefold() for s in seen}:
            seen.append(value)
    return seen


def _name(card: Card) -> str | None:
    """``FN``, one text in every version; else ``N`` (prefix, given, additional and family
    names, each part a list in 3.0 and 4.0); else the organisation."""
    name = _first(card, "FN")
    if name:
        return name
    for line in card.all("N"):
        parts = (line.parts() + [""] * 5)[:5]
        words = [card.listed(parts[i]) for i in (3, 1, 2, 0)]
        name = _line(" ".join(word for names in words for word in names))
        if name:
            return name
    return _org(card)


def _org(card: Card) -> str | None:
    """The organisation: the first part of ``ORG`` (the others are departments)."""
    for line in card.all("ORG"):
        found = next((_line(unescape(p)) for p in line.parts() if _line(unescape(p))), None)
        if found:
            return found
    return None


def _where(card: Card) -> str | None:
    """City and country (else region) of the home ``ADR``, else of the first."""
    lines = card.all("ADR")
    home = [line for line in lines if "home" in line.types()] or lines
    for line in home:
        parts = [_line(unescape(part)) for part in (line.parts() + [""] * 7)[:7]]
        city, region, country = parts[3], parts[4], parts[6]
        where = ", ".join(part for part in (city, country or region) if part)
        if where:
            return where
    return None


def _birthday(card: Card) -> Birthday | None:
    """``BDAY`` as a Birthday: 1985-03-14, 19850314, --0314, --03-14, or Apple's year-less
    form; None when it is none of them (a birthday is not worth a guess)."""
    for line in card.all("BDAY"):
        text = _line(line.text())
        match = re.fullmatch(r"--(\d{2})-?(\d{2})", text)
        year = None
        if not match:
            match = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", text)
            if not match:
                continue
            year = int(match.group(1))
            # Apple writes a birthday without a year as year 1604: a year kithbook does not
            # take is no year (the day and month still make a birthday)
            if "X-APPLE-OMIT-YEAR" in line.params or not FIRST_DAY.year <= year <= LAST_DAY.year:
                year = None
            match = re.match(r"\d{4}-?(\d{2})-?(\d{2})", text)
        try:
            month, day = int(match.group(1)), int(match.group(2))  # type: ignore[union-attr]
            date(year or 2000, month, day)  # 2000: a leap year, so 02-29 is a birthday
        except ValueError:
            continue
        return Birthday(month, day, year)
    return None


def _profiles(card: Card) -> dict[str, object]:
    """Profile addresses: LinkedIn and Twitter/X ones (stable ids), other websites."""
    found: dict[str, list[str]] = {"linkedin": [], "twitter": [], "website": []}
    for name in ("URL", "X-SOCIALPROFILE"):
        for line in card.all(name):
            url = _line(line.text())  # Google writes https\://, undone with the escapes
            lowered = url.lower()
            types = line.types()
            if not url:
                continue
            if "linkedin" in lowered or "linkedin" in types:
                if linkedin_id(url):
                    found["linkedin"].append(url)
            elif any(host in lowered for host in ("twitter.com/", "x.com/")) or "twitter" in types:
                handle = twitter_handle(url)
                if handle:
                    found["twitter"].append(f"@{handle}")
            elif name == "URL":
                found["website"].append(url)
    facts: dict[str, object] = {}
    if found["linkedin"]:
        facts["contact.linkedin"] = found["linkedin"][0]
    if found["twitter"]:
        facts["contact.twitter"] = found["twitter"][0]
    if found["website"]:
        facts["contact.website"] = _unique(iter(found["website"]))
    return facts


def _note(card: Card) -> str | None:
    """Every ``NOTE``, a blank line between two; line ends as ``\\n``."""
    notes = [
        "\n".join(line.rstrip() for line in re.split(r"\r\n|\r|\n", p.text())).strip()
        for p in card.all("NOTE")
    ]
    text = "\n\n".join(note for note in notes if note)
    return text or None
