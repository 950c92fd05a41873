"""vCard files (``.vcf``) as Google Contacts, Apple Contacts and Outlook export them.

vCard 2.1, 3.0 and 4.0, read card by card with vobject: folded lines, quoted-printable
values (Outlook), the ``\\r\\r\\n`` line ends of some iOS exports, and Apple's
birthdays without a year (``X-APPLE-OMIT-YEAR``, year 1604) and vCard 4's ``--MMDD``.
A card that cannot be read is skipped with its line; a line of a card that cannot be
read is left out and reported.

Each card is a person: ``FN`` (else ``N``, else ``ORG``) as the name, ``NICKNAME`` as
``aka``, ``EMAIL`` and ``TEL`` under ``contact``, ``BDAY`` as ``birthday``, ``ORG``
and ``TITLE`` as ``org`` and ``role``, the home ``ADR`` as ``where`` (city, country),
profile addresses (``URL``, ``X-SOCIALPROFILE``) as ``linkedin``, ``twitter`` or
``website``, ``NOTE`` as ``extra.imported_notes`` (never into your notes), and ``UID``
as ``extra.vcard_uid``. Photos are ignored. Your own card (an email address of
``me`` in the config) is skipped.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import vobject

from ..model import Birthday, Problem, Source
from . import (
    Context,
    ExportFile,
    Extract,
    PersonRecord,
    Skip,
    email_address,
    head,
    linkedin_id,
    read_text,
    twitter_handle,
)

KIND = "vcard"
WHAT = "a vCard file (.vcf)"

#: Apple writes a birthday without a year as year 1604; nobody alive was born before 1800.
FIRST_YEAR = 1800
#: How many unreadable lines a card may lose before it is skipped as a whole.
BAD_LINES = 5


def identify(path: Path) -> bool:
    """A file that starts with ``BEGIN:VCARD``."""
    return path.is_file() and head(path, 512).lstrip().upper().startswith("BEGIN:VCARD")


def cards(text: str) -> list[tuple[int, str]]:
    """(line, text) of each ``BEGIN:VCARD`` ... ``END:VCARD`` block of ``text``."""
    found: list[tuple[int, str]] = []
    start, lines = 0, []
    for number, line in enumerate(text.split("\n"), start=1):
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            start, lines = number, []
        if start:
            lines.append(line.rstrip("\r"))
        if word == "END:VCARD" and start:
            found.append((start, "\r\n".join(lines) + "\r\n"))
            start = 0
    return found


def read_card(text: str, source: Source) -> tuple[object | None, list[Problem]]:
    """The vobject component of one card, leaving out lines it cannot read (each a
    warning), or None when the card cannot be read at all."""
    problems: list[Problem] = []
    lines = text.split("\r\n")
    for _ in range(BAD_LINES + 1):
        try:
            return vobject.readOne("\r\n".join(lines), allowQP=True), problems
        except vobject.base.ParseError as error:
            number = getattr(error, "lineNumber", None)
            if not isinstance(number, int) or not 1 < number < len(lines):
                break
            line = Source(source.path, source.line + number - 1)
            problems.append(Problem(line, "warning", "cannot read this line of the card: left out"))
            del lines[number - 1]
        except Exception:  # vobject raises many things on odd input
            break
    return None, problems


def extract(path: Path, context: Context) -> Extract:
    """A person for each card of the file."""
    text = read_text(ExportFile(path.name, path.name, path)).replace("\r\r\n", "\r\n")
    mine = set(context.me.emails)
    people: list[PersonRecord] = []
    skipped: list[Skip] = []
    problems: list[Problem] = []
    for line, card_text in cards(text):
        source = Source(path.name, line)
        card, card_problems = read_card(card_text, source)
        problems += card_problems
        if card is None:
            skipped.append(Skip(source, "a card that cannot be read"))
            continue
        record = person(card, source, card_text)
        emails = {str(e).lower() for e in record.facts.get("contact.email", [])}  # type: ignore[union-attr]
        if emails & mine:
            skipped.append(Skip(source, "your own card"))
        elif not record.name:
            skipped.append(Skip(source, "a card with no name"))
        else:
            people.append(record)
    return Extract(tuple(people), (), tuple(skipped), tuple(problems))


# ---------------------------------------------------------------- one card


def _lines(card, name: str) -> list:
    return list(card.contents.get(name, []))  # type: ignore[attr-defined]


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        value = next((v for v in value if str(v).strip()), "")
    if isinstance(value, bytes):
        return ""
    return " ".join(str(value).split())


def _types(line) -> set[str]:
    types = {t.lower() for value in line.params.get("TYPE", []) for t in str(value).split(",")}
    return types | {str(p).lower() for p in getattr(line, "singletonparams", [])}


def person(card, source: Source, text: str = "") -> PersonRecord:
    """The person of one card (see the module's docstring for the fields); ``text``
    is the card as written, for what vobject does not keep (every nickname)."""
    facts: dict[str, object] = {
        "aka": _nicknames(text),
        "where": _where(card),
        "birthday": _birthday(card),
        "org": next((_text(x.value) for x in _lines(card, "org") if _text(x.value)), None),
        "role": next((_text(x.value) for x in _lines(card, "title") if _text(x.value)), None),
        "contact.email": _unique(email_address(_text(x.value)) for x in _lines(card, "email")),
        "contact.phone": _unique(_text(x.value).removeprefix("tel:") for x in _lines(card, "tel")),
        **_profiles(card),
        "extra.imported_notes": _note(card),
        "extra.vcard_uid": next((_text(x.value) for x in _lines(card, "uid")), None),
    }
    return PersonRecord(
        source=source,
        key=f"card:{source.line}",
        name=_name(card),
        facts={key: value for key, value in facts.items() if value},
    )


def _unique(values) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value.casefold() not in {s.casefold() for s in seen}:
            seen.append(value)
    return seen


def _name(card) -> str | None:
    for line in _lines(card, "fn"):
        if _text(line.value):
            return _text(line.value)
    for line in _lines(card, "n"):
        value = line.value
        parts = [getattr(value, part, "") for part in ("prefix", "given", "additional", "family")]
        name = " ".join(_text(part) for part in parts if _text(part))
        if name:
            return name
    for line in _lines(card, "org"):
        if _text(line.value):
            return _text(line.value)
    return None


def _nicknames(text: str) -> list[str]:
    """Every NICKNAME of the card, read from its text: vobject keeps only the first of a
    comma-separated list."""
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    found = []
    for match in re.finditer(r"(?im)^(?:[\w-]+\.)?NICKNAME(?:;[^:\r\n]*)?:(.*)$", unfolded):
        for part in re.split(r"(?<!\\),", match.group(1)):
            found.append(" ".join(part.replace("\\,", ",").replace("\\;", ";").split()))
    return _unique(found)


def _where(card) -> str | None:
    lines = _lines(card, "adr")
    home = [line for line in lines if "home" in _types(line)] or lines
    for line in home:
        value = line.value
        city = _text(getattr(value, "city", ""))
        country = _text(getattr(value, "country", "")) or _text(getattr(value, "region", ""))
        where = ", ".join(part for part in (city, country) if part)
        if where:
            return where
    return None


def _birthday(card) -> Birthday | None:
    """``BDAY`` as a Birthday: 1985-03-14, 19850314, --0314, --03-14, or Apple's year-less
    form; None when it is none of them (a birthday is not worth a guess)."""
    for line in _lines(card, "bday"):
        text = _text(line.value)
        match = re.fullmatch(r"--(\d{2})-?(\d{2})", text)
        year = None
        if not match:
            match = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", text)
            if not match:
                continue
            year = int(match.group(1))
            if "X-APPLE-OMIT-YEAR" in line.params or year < FIRST_YEAR:
                year = None
            match = re.match(r"\d{4}-?(\d{2})-?(\d{2})", text)
        try:
            month, day = int(match.group(1)), int(match.group(2))  # type: ignore[union-attr]
            date(year or 2000, month, day)  # 2000: a leap year, so 02-29 is a birthday
        except ValueError:
            continue
        return Birthday(month, day, year)
    return None


def _profiles(card) -> dict[str, object]:
    """Profile addresses: LinkedIn and Twitter/X ones (stable ids), other websites."""
    found: dict[str, list[str]] = {"linkedin": [], "twitter": [], "website": []}
    for name in ("url", "x-socialprofile"):
        for line in _lines(card, name):
            url = _text(line.value).replace("\\:", ":")  # Google writes https\://
            lowered = url.lower()
            types = _types(line)
            if not url:
                continue
            if "linkedin" in lowered or "linkedin" in types:
                if linkedin_id(url):
                    found["linkedin"].append(url)
            elif any(host in lowered for host in ("twitter.com/", "x.com/")) or "twitter" in types:
                handle = twitter_handle(url)
                if handle:
                    found["twitter"].append(f"@{handle}")
            elif name == "url":
                found["website"].append(url)
    facts: dict[str, object] = {}
    if found["linkedin"]:
        facts["contact.linkedin"] = found["linkedin"][0]
    if found["twitter"]:
        facts["contact.twitter"] = found["twitter"][0]
    if found["website"]:
        facts["contact.website"] = _unique(found["website"])
    return facts


def _note(card) -> str | None:
    notes = [
        "\n".join(line.rstrip() for line in str(x.value).replace("\r\n", "\n").split("\n")).strip()
        for x in _lines(card, "note")
        if not isinstance(x.value, bytes)
    ]
    text = "\n\n".join(note for note in notes if note)
    return text or None
