"""A vCard file's bytes as cards of lines: the cards found, their lines unfolded.

Lines are unfolded as bytes, before anything is decoded, so that an exporter that folds
a line in the middle of a UTF-8 character (ownCloud) does not turn it into mojibake; a
quoted-printable line that ends in ``=`` (a soft line break) goes on with the next.
"""

from __future__ import annotations

import binascii
import codecs
import re
from dataclasses import dataclass

from .charsets import codec, ends_inside_character, looks_quoted_printable

_BEGIN = re.compile(rb"(?:[A-Za-z0-9_-]+\.)?BEGIN:VCARD", re.IGNORECASE)
_END = re.compile(rb"(?:[A-Za-z0-9_-]+\.)?END:VCARD", re.IGNORECASE)
_PROPERTY_START = re.compile(rb"(?:[A-Za-z0-9_-]+\.)?[A-Za-z0-9_-]+[;:]")
_QP_TAIL = re.compile(rb"(?:=[0-9A-Fa-f]{2})+$")
_BASE64 = re.compile(rb"ENCODING=(?:B|BASE64)\b|;BASE64\b", re.IGNORECASE)
_CHARSET = re.compile(rb'CHARSET="?([^;:"]*)', re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """The lines of one ``BEGIN:VCARD`` ... ``END:VCARD`` block, as bytes, numbered."""

    line: int
    lines: tuple[tuple[int, bytes], ...]
    ended: bool


def _lines(data: bytes) -> list[bytes]:
    """The lines of the file, their ends dropped: ``\\r\\n``, ``\\n``, the ``\\r\\r\\n``
    of some iOS exports, or ``\\r`` alone in a file with no ``\\n`` at all (old Macs)."""
    if b"\n" not in data:
        return data.split(b"\r")
    return [line.rstrip(b"\r") for line in data.split(b"\n")]


def blocks(data: bytes) -> list[Block]:
    """The cards of the file, in order, as blocks of numbered lines. A card inside a card
    (a vCard 2.1 ``AGENT``) is a card of its own; a card the file ends in the middle of is
    a block that has not ``ended``."""
    found: list[Block] = []
    open_blocks: list[tuple[int, list[tuple[int, bytes]]]] = []
    for number, line in enumerate(_lines(data), start=1):
        bare = line.rstrip().removeprefix(codecs.BOM_UTF8)  # files joined with `cat`
        if _BEGIN.fullmatch(bare):
            open_blocks.append((number, []))
        elif _END.fullmatch(bare) and open_blocks:
            start, lines = open_blocks.pop()
            found.append(Block(start, tuple(lines), True))
        elif open_blocks:
            open_blocks[-1][1].append((number, line))
    found += [Block(start, tuple(lines), False) for start, lines in open_blocks]
    return sorted(found, key=lambda block: block.line)


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
    return looks_quoted_printable(value[:-1])


def _breaks_inside_character(line: _Logical) -> bool:
    """Whether the soft line break that ends ``line`` falls inside a UTF-8 character
    (its value being UTF-8: no ``CHARSET``, or UTF-8)."""
    charset = _CHARSET.search(line.pieces[0].partition(b":")[0])
    if charset and codec(charset.group(1).decode("ascii", "replace")) not in ("utf-8", None):
        return False
    tail = _QP_TAIL.search(b"".join(line.pieces[-3:])[-12:])  # four escaped bytes at most
    return bool(tail) and ends_inside_character(binascii.a2b_qp(tail.group()))


def _spaces_are_folds(after_breaks: list[tuple[int, bool, bool]]) -> bool:
    """Whether the spaces that start the pieces after soft line breaks are folds, not
    text. RFC 2045 makes them text ("come=" then " to the aid"), and so do Android and
    Outlook; but a writer that folds after a soft break (ez-vcard) starts every piece with
    one. They are folds when one falls inside a UTF-8 character, where no space can be, or
    when there are two or more pieces and every one starts with a space."""
    if any(inside for _, _, inside in after_breaks):
        return True
    return len(after_breaks) >= 2 and all(spaced for _, spaced, _ in after_breaks)
