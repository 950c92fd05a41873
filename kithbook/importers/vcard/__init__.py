"""vCard files (``.vcf``) as phones, Google, Apple, Outlook and address books export them.

Each card is a person. How the file is read is ``cards`` (with ``unfolding`` and
``charsets``: the bytes, lines and values of real exports); what a card becomes is
``person``. Your own card (an email address of ``me`` in the config) is skipped, and so
is a card with no name.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ...model import Me
from .. import Context, Extract, Owner, PersonRecord, Skip
from ..exports import binary, export_file, head, read_export
from .cards import read
from .person import person

WHAT = "a vCard file (.vcf)"


def identify(path: Path) -> bool:
    """A file that starts with ``BEGIN:VCARD``."""
    return path.is_file() and head(path, 512).lstrip().upper().startswith("BEGIN:VCARD")


def extract(path: Path, context: Context) -> Extract:
    """A person for each card of the file."""
    cards, skipped, problems = read(_read(path), path.name)
    mine = {email.lower() for email in context.me.emails}
    people: list[PersonRecord] = []
    for card in cards:
        record = person(card, card.source)
        emails = {str(e).lower() for e in record.facts.get("contact.email", [])}  # type: ignore[union-attr]
        if emails & mine:
            skipped.append(Skip(card.source, "your own card"))
        elif not record.name:
            skipped.append(Skip(card.source, "a card with no name"))
        else:
            people.append(record)
    skipped.sort(key=lambda skip: skip.source.line)
    return Extract(tuple(people), (), tuple(skipped), tuple(problems))


def _read(path: Path) -> bytes:
    """The bytes of the export (a UTF-8 byte-order mark dropped); Refused when it cannot
    be read or is not text at all."""
    return read_export(export_file(path), _text_bytes)


def _text_bytes(data: bytes) -> bytes | None:
    return None if binary(data) else data.removeprefix(codecs.BOM_UTF8)


def owner(path: Path, me: Me) -> Owner | None:
    """None: a vCard file does not say whose address book it is (your own card is known
    by ``me.email``)."""
    return None
