"""vCard files (``.vcf``) as phones, Google, Apple, Outlook and address books export them.

vCard 2.1, 3.0 and 4.0, card by card. vobject reads each content line (its group, name,
parameters and value, with 2.1's bare parameters such as ``TEL;WORK;VOICE``); what it
gets wrong for real exports is done here, before and after it:

- **Bytes first.** Lines are unfolded as bytes and each value is decoded on its own, so
  an exporter that folds a line in the middle of a UTF-8 character (ownCloud) or writes
  one card in another charset does not turn the file, or the card, into mojibake.
- **Quoted-printable** values are decoded in the charset the bytes are in (``CHARSET``
  when they are not UTF-8), soft line breaks and all; a value that is quoted-printable
  without saying so is decoded only when that is unambiguous (``quoted_printable``).
- **A comma is text.** vobject reads every text value as a comma-separated list and keeps
  its first item (``FN:Dows, Paul`` became ``Dows``); here only what vCard 3.0 and 4.0
  make lists (``NICKNAME``, the parts of ``N``) is split at commas, and in 2.1, where a
  comma is not special, nothing is.

Each card is a person: ``FN`` (else ``N``, else ``ORG``) as the name, ``NICKNAME`` as
``aka``, ``EMAIL`` and ``TEL`` under ``contact``, ``BDAY`` as ``birthday``, ``ORG``
and ``TITLE`` as ``org`` and ``role``, the home ``ADR`` as ``where`` (city, country),
profile addresses (``URL``, ``X-SOCIALPROFILE``) as ``linkedin``, ``twitter`` or
``website``, ``NOTE`` as ``extra.imported_notes`` (never into your notes), and ``UID``
as ``extra.vcard_uid``. Photos are ignored. Your own card (an email address of
``me`` in the config) is skipped. A line that cannot be read is left out and reported;
a card that cannot be read is skipped, with the reason.
"""

from __future__ import annotations

import binascii
import codecs
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import vobject

from ..model import Birthday, Problem, Source
from . import (
    Context,
    Extract,
    PersonRecord,
    Refused,
    Skip,
    email_address,
    head,
    linkedin_id,
    read_file,
    twitter_handle,
)

KIND = "vcard"
WHAT = "a vCard file (.vcf)"

#: Apple writes a birthday without a year as year 1604; nobody alive was born before 1800.
FIRST_YEAR = 1800
#: What a value that is not UTF-8 and names no charset kithbook knows is read as:
#: Windows' code page, in which Outlook and other Windows programs write.
FALLBACK_CHARSET = "cp1252"
#: The properties whose values kithbook reads; the others (a photo, ``X-`` fields) are
#: parsed, to know the line is a property, but their values are neither decoded nor kept.
READ = frozenset(
    {"VERSION", "FN", "N", "NICKNAME", "EMAIL", "TEL", "BDAY", "ORG", "TITLE", "ADR", "URL"}
    | {"X-SOCIALPROFILE", "NOTE", "UID"}
)
#: Charsets that write text in ASCII bytes (Sony Ericsson phones wrote names in UTF-7).
_SEVEN_BIT = ("utf-7", "iso2022", "hz")
#: 2.1 writes the values of some parameters without their names (``;QUOTED-PRINTABLE``).
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})

_BEGIN = re.compile(rb"(?:[A-Za-z0-9_-]+\.)?BEGIN:VCARD", re.IGNORECASE)
_END = re.compile(rb"(?:[A-Za-z0-9_-]+\.)?END:VCARD", re.IGNORECASE)
_PROPERTY_START = re.compile(rb"(?:[A-Za-z0-9_-]+\.)?[A-Za-z0-9_-]+[;:]")
_QP_SHAPED = re.compile(rb"(?:[\t\x20-\x3C\x3E-\x7E]|=[0-9A-Fa-f]{2})*=?")  # "=": a soft break
_QP_HIGH = re.compile(rb"=[89A-Fa-f][0-9A-Fa-f]")
_QP_TAIL = re.compile(rb"(?:=[0-9A-Fa-f]{2})+$")
_UTF8_CHARACTER = re.compile(
    rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}"
)
_BASE64 = re.compile(rb"ENCODING=(?:B|BASE64)\b|;BASE64\b", re.IGNORECASE)
_CHARSET = re.compile(rb'CHARSET="?([^;:"]*)', re.IGNORECASE)
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}


def identify(path: Path) -> bool:
    """A file that starts with ``BEGIN:VCARD``."""
    return path.is_file() and head(path, 512).lstrip().upper().startswith("BEGIN:VCARD")


# ---------------------------------------------------------------- a card, as read


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


# ---------------------------------------------------------------- from bytes to cards


@dataclass(frozen=True)
class _Block:
    """The lines of one ``BEGIN:VCARD`` ... ``END:VCARD`` block, as bytes, numbered."""

    line: int
    lines: tuple[tuple[int, bytes], ...]
    ended: bool


@dataclass
class _Decoding:
    """The lines whose values were not decoded for sure, to be said once per file: read as
    Windows-1252 (neither UTF-8 nor in the card's charset), or as UTF-8 with U+FFFD."""

    guessed: list[int]
    broken: list[int]

    def note(self, how: str, line: int) -> None:
        """Remember that the value at ``line`` was decoded ``how`` (see ``decode``)."""
        (self.guessed if how == "guessed" else self.broken).append(line)

    def problems(self, shown: str) -> list[Problem]:
        """A warning for each kind, at its first line, counting the others."""
        said = []
        for lines, message in (
            (
                self.guessed,
                "text neither in UTF-8 nor in a charset its card names: read as Windows-1252",
            ),
            (self.broken, "text in UTF-8 with bytes that are not: shown as \ufffd"),
        ):
            if lines:
                more = len(lines) - 1
                message += f" (and {more} more line{'s' if more > 1 else ''})" if more else ""
                said.append(Problem(Source(shown, lines[0]), "warning", message))
        return said


def read(data: bytes, shown: str) -> tuple[list[Card], list[Skip], list[Problem]]:
    """The cards of an export's bytes, the cards skipped (with why) and the problems of
    the lines left out. ``shown`` names the file in sources and messages."""
    cards: list[Card] = []
    skipped: list[Skip] = []
    problems: list[Problem] = []
    decoding = _Decoding([], [])
    for block in _blocks(data):
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
    problems += decoding.problems(shown)
    return cards, skipped, problems


def _lines(data: bytes) -> list[bytes]:
    """The lines of the file, their ends dropped: ``\\r\\n``, ``\\n``, the ``\\r\\r\\n``
    of some iOS exports, or ``\\r`` alone in a file with no ``\\n`` at all (old Macs)."""
    if b"\n" not in data:
        return data.split(b"\r")
    return [line.rstrip(b"\r") for line in data.split(b"\n")]


def _blocks(data: bytes) -> list[_Block]:
    """The cards of the file, in order, as blocks of numbered lines. A card inside a card
    (a vCard 2.1 ``AGENT``) is a card of its own; a card the file ends in the middle of is
    a block that has not ``ended``."""
    found: list[_Block] = []
    open_blocks: list[tuple[int, list[tuple[int, bytes]]]] = []
    for number, line in enumerate(_lines(data), start=1):
        bare = line.rstrip().removeprefix(codecs.BOM_UTF8)  # files joined with `cat`
        if _BEGIN.fullmatch(bare):
            open_blocks.append((number, []))
        elif _END.fullmatch(bare) and open_blocks:
            start, lines = open_blocks.pop()
            found.append(_Block(start, tuple(lines), True))
        elif open_blocks:
            open_blocks[-1][1].append((number, line))
    found += [_Block(start, tuple(lines), False) for start, lines in open_blocks]
    return sorted(found, key=lambda block: block.line)


def read_card(block: _Block, source: Source, decoding: _Decoding) -> tuple[Card, list[Problem]]:
    """The card of a block, and a warning for each line left out because it is not a
    vCard property; Unreadable when most of its lines are not (it is not a vCard)."""
    properties: list[Property] = []
    bad: list[int] = []
    for number, line in logical_lines(block.lines):
        found = read_property(number, line, decoding)
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


@dataclass
class _Logical:
    """A line being unfolded: where it starts, its pieces as bytes, and which pieces follow
    a soft line break, each with whether it starts with a space and whether the break
    falls inside a UTF-8 character."""

    number: int
    pieces: list[bytes]
    after_breaks: list[tuple[int, bool, bool]]
    base64: bool

    def joined(self) -> bytes:
        """The line, its pieces joined; the space that starts each piece after a soft line
        break dropped when those spaces are folds (``_spaces_are_folds``)."""
        if _spaces_are_folds(self.after_breaks):
            for index, spaced, _ in self.after_breaks:
                if spaced:
                    self.pieces[index] = self.pieces[index][1:]
        return b"".join(self.pieces)


def logical_lines(lines: tuple[tuple[int, bytes], ...]) -> list[tuple[int, bytes]]:
    """The card's lines unfolded, as bytes (a fold may fall inside a UTF-8 character):
    a line that starts with a space or a tab goes on the line before it, without that
    space; a quoted-printable line that ends in ``=`` (a soft line break) goes on with the
    next line; so does a line of base64 after a base64 value, space or not. An empty line
    ends a line (Android writes one after a photo)."""
    unfolded: list[_Logical] = []
    current: _Logical | None = None
    soft = False
    for index, (number, line) in enumerate(lines):
        if not line:
            current, soft = None, False
            continue
        if soft and current is not None:
            current.pieces[-1] = current.pieces[-1][:-1]
            spaced = line[:1] in (b" ", b"\t")
            inside = spaced and _breaks_inside_character(current)
            current.after_breaks.append((len(current.pieces), spaced, inside))
            current.pieces.append(line)
        elif line[:1] in (b" ", b"\t") and current is not None:
            current.pieces.append(line[1:])
        elif current is not None and current.base64 and not _PROPERTY_START.match(line):
            current.pieces.append(line)  # base64 lines written without a space (vCard 2.1)
        else:
            line = line.lstrip(b" \t")
            base64 = bool(_BASE64.search(line.partition(b":")[0]))
            current = _Logical(number, [line], [], base64)
            unfolded.append(current)
        following = lines[index + 1][1] if index + 1 < len(lines) else b""
        soft = current.pieces[-1].endswith(b"=") and _soft_break(current, following)
    return [(line.number, line.joined()) for line in unfolded]


def _soft_break(line: _Logical, following: bytes) -> bool:
    """Whether ``line``, which ends in ``=``, goes on with the ``following`` line: always
    when it is quoted-printable (a literal ``=`` is written ``=3D``); when it does not say
    so, only if it looks quoted-printable and the next line is no property (nor a fold)."""
    name, _, value = b"".join(line.pieces).partition(b":")
    upper = name.upper()
    if b"QUOTED-PRINTABLE" in upper:
        return True
    if _BASE64.search(name) or b"ENCODING=8BIT" in upper or b"ENCODING=7BIT" in upper:
        return False
    if not following:
        return False
    if following[:1] in (b" ", b"\t") or _PROPERTY_START.match(following):
        return False
    return _looks_quoted_printable(value[:-1])


def _breaks_inside_character(line: _Logical) -> bool:
    """Whether the soft line break that ends ``line`` falls inside a UTF-8 character
    (its value being UTF-8: no ``CHARSET``, or UTF-8)."""
    charset = _CHARSET.search(line.pieces[0].partition(b":")[0])
    if charset and _codec(charset.group(1).decode("ascii", "replace")) not in ("utf-8", None):
        return False
    tail = _QP_TAIL.search(b"".join(line.pieces[-3:])[-12:])  # four escaped bytes at most
    return bool(tail) and _ends_inside_character(binascii.a2b_qp(tail.group()))


def _spaces_are_folds(after_breaks: list[tuple[int, bool, bool]]) -> bool:
    """Whether the spaces that start the pieces after soft line breaks are folds, not
    text. RFC 2045 makes them text ("come=" then " to the aid"), and so do Android and
    Outlook; but a writer that folds after a soft break (ez-vcard) starts every piece with
    one. They are folds when one falls inside a UTF-8 character, where no space can be, or
    when there are two or more pieces and every one starts with a space."""
    if any(inside for _, _, inside in after_breaks):
        return True
    return len(after_breaks) >= 2 and all(spaced for _, spaced, _ in after_breaks)


def _ends_inside_character(data: bytes) -> bool:
    """Whether ``data`` ends with the first bytes of a UTF-8 character, not all of them."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if 0x80 <= byte <= 0xBF:
            continue
        needed = 2 if 0xC2 <= byte <= 0xDF else 3 if 0xE0 <= byte <= 0xEF else 4
        return 0xC2 <= byte <= 0xF4 and back < needed
    return False


# vobject's pattern of a property line (``[group.]name *(;param[=value,...]) : value``)
# nests quantifiers that can match nothing: on a line it cannot match, such as 80
# characters of ``;C=D0=90=D0=BB...`` with no colon, it backtracks for minutes. The same
# grammar with possessive quantifiers turns such lines away in linear time first.
_NAME = r"[a-zA-Z0-9_-]++"
_VALUE = r'(?:"[^"]*+"|[^";:,]*+)'
_PROPERTY_HEAD = re.compile(rf"(?:{_NAME}\.)?{_NAME}(?:;{_NAME}(?:[=,]{_VALUE})*+)*+:")


def read_property(number: int, line: bytes, decoding: _Decoding) -> Property | None:
    """The property of an unfolded line, its value decoded to text (only for the
    properties kithbook reads); None when the line is not a vCard property, or its value
    is base64 that cannot be decoded."""
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
        decoding.note(sure, number)
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


def quoted_printable(data: bytes, charset: str | None) -> bytes | None:
    """The bytes of a value that is quoted-printable without an ``ENCODING`` that says
    so, or None when that is not unambiguous: the whole value must be quoted-printable in
    shape (printable ASCII and ``=XX``), hold at least one escaped byte above 127, and
    decode to valid UTF-8, or to valid text in the card's ``CHARSET``."""
    if not _looks_quoted_printable(data):
        return None
    decoded = binascii.a2b_qp(data)
    for name in ("utf-8", _codec(charset)):
        if name:
            try:
                decoded.decode(name)
                return decoded
            except UnicodeDecodeError:
                continue
    return None


def _looks_quoted_printable(data: bytes) -> bool:
    """Whether ``data`` is quoted-printable in shape, with an escaped byte above 127."""
    return bool(_QP_HIGH.search(data)) and bool(_QP_SHAPED.fullmatch(data))


def decode(data: bytes, charset: str | None) -> tuple[str, str]:
    """The text of a value's bytes, and how sure that is: ``""``, ``"guessed"`` or
    ``"broken"``. ASCII is ASCII (unless the card names a charset written in ASCII bytes,
    like UTF-7); UTF-8 when they are valid UTF-8, whatever the card says (by chance, text in
    another charset almost never is); else the ``CHARSET`` the card names; else UTF-8 with
    U+FFFD for the broken bytes if some characters are UTF-8 ("broken"); else Windows-1252
    ("guessed")."""
    named = _codec(charset)
    if data.isascii():
        if named and named.startswith(_SEVEN_BIT):
            try:
                return data.decode(named), ""
            except UnicodeDecodeError:
                pass
        return data.decode("ascii"), ""
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    if named and named not in ("utf-8", "ascii"):  # Outlook says us-ascii of any bytes
        return data.decode(named, "replace"), ""
    if _UTF8_CHARACTER.search(data):
        return data.decode("utf-8", "replace"), "broken"
    return data.decode(FALLBACK_CHARSET, "replace"), "guessed"


@functools.lru_cache(maxsize=64)
def _codec(charset: str | None) -> str | None:
    """Python's name for a ``CHARSET``, or None when it names no charset Python knows (or
    a codec that is not one: ``CHARSET=quoted-printable`` names a codec of bytes)."""
    if not charset:
        return None
    try:
        name = codecs.lookup(charset.strip()).name
        b"\xe9A".decode(name, "replace")
    except (LookupError, ValueError, UnicodeError):
        return None
    return name


# ---------------------------------------------------------------- the import


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
    try:
        data = read_file(path, path.name)
    except OSError as error:
        raise Refused(f"cannot read {path.name}: {error.strerror or error}") from None
    if b"\0" in data[:4096]:
        raise Refused(f"cannot read {path.name}: it is not a text file")
    return data.removeprefix(codecs.BOM_UTF8)


# ---------------------------------------------------------------- one card


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
