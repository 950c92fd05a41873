"""A vCard value's bytes as text: the charset they are in, and quoted-printable.

A vCard file has no one encoding: exporters name a charset per value
(``CHARSET=Windows-1252``), or mix cards from two programs, or write quoted-printable
without saying so. So each value is decoded on its own (``decode``), and a value that
is quoted-printable without saying so is decoded only when that is unambiguous
(``quoted_printable``).
"""

from __future__ import annotations

import binascii
import codecs
import functools
import re

#: What a value that is not UTF-8 and names no charset kithbook knows is read as:
#: Windows' code page, in which Outlook and other Windows programs write.
FALLBACK_CHARSET = "cp1252"
#: Charsets that write text in ASCII bytes (Sony Ericsson phones wrote names in UTF-7).
_SEVEN_BIT = ("utf-7", "iso2022", "hz")
_QP_SHAPED = re.compile(rb"(?:[\t\x20-\x3C\x3E-\x7E]|=[0-9A-Fa-f]{2})*=?")  # "=": a soft break
_QP_HIGH = re.compile(rb"=[89A-Fa-f][0-9A-Fa-f]")
_UTF8_CHARACTER = re.compile(
    rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}"
)


def quoted_printable(data: bytes, charset: str | None) -> bytes | None:
    """The bytes of a value that is quoted-printable without an ``ENCODING`` that says
    so, or None when that is not unambiguous: the whole value must be quoted-printable in
    shape (printable ASCII and ``=XX``), hold at least one escaped byte above 127, and
    decode to valid UTF-8, or to valid text in the card's ``CHARSET``."""
    if not looks_quoted_printable(data):
        return None
    decoded = binascii.a2b_qp(data)
    for name in ("utf-8", codec(charset)):
        if name:
            try:
                decoded.decode(name)
                return decoded
            except UnicodeDecodeError:
                continue
    return None


def looks_quoted_printable(data: bytes) -> bool:
    """Whether ``data`` is quoted-printable in shape, with an escaped byte above 127."""
    return bool(_QP_HIGH.search(data)) and bool(_QP_SHAPED.fullmatch(data))


def decode(data: bytes, charset: str | None) -> tuple[str, str]:
    """The text of a value's bytes, and how sure that is: ``""``, ``"guessed"`` or
    ``"broken"``. ASCII is ASCII (unless the card names a charset written in ASCII bytes,
    like UTF-7); UTF-8 when they are valid UTF-8, whatever the card says (by chance, text in
    another charset almost never is); else the ``CHARSET`` the card names; else UTF-8 with
    U+FFFD for the broken bytes if some characters are UTF-8 ("broken"); else Windows-1252
    ("guessed")."""
    named = codec(charset)
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
def codec(charset: str | None) -> str | None:
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


def ends_inside_character(data: bytes) -> bool:
    """Whether ``data`` ends with the first bytes of a UTF-8 character, not all of them."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if 0x80 <= byte <= 0xBF:
            continue
        needed = 2 if 0xC2 <= byte <= 0xDF else 3 if 0xE0 <= byte <= 0xEF else 4
        return 0xC2 <= byte <= 0xF4 and back < needed
    return False
