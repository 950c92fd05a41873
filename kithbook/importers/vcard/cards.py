"""A vCard file read card by card: each card's properties, with their values as text.

vCard 2.1, 3.0 and 4.0. vobject reads each content line (its group, name, parameters
and value, with 2.1's bare parameters such as ``TEL;WORK;VOICE``); what it gets wrong
for real exports is done here, before and after it: lines are unfolded as bytes
(``unfolding``), each value decoded on its own (``charsets``), and a comma is text:
vobject reads every text value as a comma-separated list and keeps its first item
(``FN:Dows, Paul`` became ``Dows``); here only what vCard 3.0 and 4.0 make lists is
split at commas (``Card.listed``), and in 2.1, where a comma is not special, nothing is.
A line that cannot be read is left out and reported; a card that cannot be read is
skipped, with the reason.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass

import vobject

from ...model import Problem, Source
from ...text import count
from .. import Repeated, Skip
from .charsets import decode, quoted_printable
from .unfolding import Block, blocks, logical_lines

#: The properties whose values kithbook reads; the others (a photo, ``X-`` fields) are
#: parsed, to know the line is a property, but their values are neither decoded nor kept.
READ = frozenset(
    {"VERSION", "FN", "N", "NICKNAME", "EMAIL", "TEL", "BDAY", "ORG", "TITLE", "ADR", "URL"}
    | {"X-SOCIALPROFILE", "NOTE", "UID"}
)
#: 2.1 writes the values of some parameters without their names (``;QUOTED-PRINTABLE``).
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}


@dataclass(frozen=True)
class Property:
    """One property of a card: the line of the file it starts on, its name (upper case,
    without its group), its parameters (names upper case; 2.1's bare ones under
    ``ENCODING`` or ``TYPE``) and its value: decoded to text, still escaped as written
    (empty for a property kithbook does not read, such as a photo)."""

    line: int
    name: str
    params: dict[str, tuple[str, ...]]
    value: str

    def text(self) -> str:
        """The value as one text: escapes undone, a comma kept as a comma."""
        return unescape(self.value)

    def parts(self) -> list[str]:
        """The parts of a structured value (``N``, ``ADR``, ``ORG``): the value cut at
        each unescaped semicolon, each part still escaped."""
        return split(self.value, ";")

    def types(self) -> set[str]:
        """The property's types (``home``, ``work``, ``linkedin``), lower case."""
        return {
            t.strip().lower() for value in self.params.get("TYPE", ()) for t in value.split(",")
        }


@dataclass(frozen=True)
class Card:
    """A card of the export: where it starts, its vCard version (``2.1``, ``3.0``,
    ``4.0``; 3.0 when it says none) and its properties, in the order written."""

    source: Source
    version: str
    properties: tuple[Property, ...]

    def all(self, name: str) -> list[Property]:
        """The card's properties called ``name`` (any case), in order."""
        name = name.upper()
        return [p for p in self.properties if p.name == name]

    def listed(self, value: str) -> list[str]:
        """The items of a text that vCard 3.0 and 4.0 make a comma-separated list, escapes
        undone; in 2.1, where a comma is not special, the text as one item."""
        if self.version == "2.1":
            return [unescape(value)]
        return [unescape(item) for item in split(value, ",")]


class Unreadable(Exception):
    """A card that cannot be read as a whole: the reason, as the skipped line says it."""


def unescape(value: str) -> str:
    """A vCard text with its backslash escapes undone: ``\\n`` is a line break, ``\\,``
    ``\\;`` ``\\:`` and ``\\\\`` the character itself; any other backslash stays."""
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), value, flags=re.S)


def split(value: str, separator: str) -> list[str]:
    """``value`` cut at each ``separator`` that no backslash escapes; the parts keep their
    escapes, to be undone once they are cut."""
    parts, current, escaped = [], [], False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


#: What is said, once for a file, of the values that were not decoded for sure (``decode``).
_UNSURE = {
    "guessed": "text neither in UTF-8 nor in a charset its card names: read as Windows-1252",
    "broken": "text in UTF-8 with bytes that are not: shown as \ufffd",
}


def read(data: bytes, shown: str) -> tuple[list[Card], list[Skip], list[Problem]]:
    """The cards of an export's bytes, the cards skipped (with why) and the problems of
    the lines left out. ``shown`` names the file in sources and messages."""
    cards: list[Card] = []
    skipped: list[Skip] = []
    problems: list[Problem] = []
    decoding = Repeated(*_UNSURE)
    for block in blocks(data):
        source = Source(shown, block.line)
        try:
            if not block.ended:
                raise Unreadable("a card cut off before its END:VCARD")
            card, lost = read_card(block, source, decoding)
        except Unreadable as error:
            skipped.append(Skip(source, str(error)))
            continue
        cards.append(card)
        problems += lost
    problems += decoding.problems(lambda more: f" (and {count(more, 'more line')})")
    return cards, skipped, problems


def read_card(block: Block, source: Source, decoding: Repeated) -> tuple[Card, list[Problem]]:
    """The card of a block, and a warning for each line left out because it is not a
    vCard property; Unreadable when most of its lines are not (it is not a vCard)."""
    properties: list[Property] = []
    bad: list[int] = []
    for number, line in logical_lines(block.lines):
        found = read_property(Source(source.path, number), line, decoding)
        if found is None:
            bad.append(number)
        else:
            properties.append(found)
    if len(bad) > len(properties):
        raise Unreadable("a card that cannot be read: most of its lines are not vCard lines")
    version = next((p.value.strip() for p in properties if p.name == "VERSION"), "")
    card = Card(source, version if version in ("2.1", "3.0", "4.0") else "3.0", tuple(properties))
    lost = [
        Problem(Source(source.path, n), "warning", "cannot read this line of the card: left out")
        for n in bad
    ]
    return card, lost


# vobject's pattern of a property line (``[group.]name *(;param[=value,...]) : value``)
# nests quantifiers that can match nothing: on a line it cannot match, such as 80
# characters of ``;C=D0=90=D0=BB...`` with no colon, it backtracks for minutes. The same
# grammar with possessive quantifiers turns such lines away in linear time first.
_NAME = r"[a-zA-Z0-9_-]++"
_VALUE = r'(?:"[^"]*+"|[^";:,]*+)'
_PROPERTY_HEAD = re.compile(rf"(?:{_NAME}\.)?{_NAME}(?:;{_NAME}(?:[=,]{_VALUE})*+)*+:")


def read_property(source: Source, line: bytes, decoding: Repeated) -> Property | None:
    """The property of the unfolded line at ``source``, its value decoded to text (only
    for the properties kithbook reads; a value not decoded for sure is noted in
    ``decoding``); None when the line is not a vCard property, or its value is base64
    that cannot be decoded."""
    number = source.line
    text = line.decode("utf-8", "surrogateescape")
    if not _PROPERTY_HEAD.match(text):
        return None
    try:
        name, raw_params, value, _group = vobject.base.parseLine(text, number)
    except vobject.base.ParseError:
        return None
    params = _params(raw_params)
    name = name.upper()
    if name not in READ:
        return Property(number, name, params, "")
    encoding = next(iter(params.get("ENCODING", ())), "").upper()
    charset = next(iter(params.get("CHARSET", ())), None)
    data = value.encode("utf-8", "surrogateescape")
    if encoding in ("B", "BASE64"):  # Nokia writes a NOTE in base64
        try:
            data = binascii.a2b_base64(data)
        except binascii.Error:
            return None
    elif encoding == "QUOTED-PRINTABLE":
        data = binascii.a2b_qp(data)
    elif encoding not in ("8BIT", "7BIT"):
        data = quoted_printable(data, charset) or data
    decoded, sure = decode(data, charset)
    if sure:
        decoding.add(sure, source, _UNSURE[sure])
    return Property(number, name, params, decoded)


def _params(raw: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """vobject's parameters as a mapping: names upper case, 2.1's bare values (``HOME``,
    ``QUOTED-PRINTABLE``) under ``TYPE`` or ``ENCODING``; bytes that are not UTF-8 shown
    as U+FFFD."""
    params: dict[str, list[str]] = {}
    for name, *values in raw:
        name = _text_of(name)
        if not values:
            key = "ENCODING" if name.upper() in _BARE_ENCODINGS else "TYPE"
            name, values = key, [name]
        params.setdefault(name.upper(), []).extend(_text_of(v) for v in values)
    return {name: tuple(values) for name, values in params.items()}


def _text_of(value: str) -> str:
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
