"""Names in messages: who is who in the TO cell of a message, and accounts LinkedIn hides.

Until late 2022 the recipients of a message had no profile addresses, only their names
joined by commas; names hold commas too. They are told apart by the names the export
knows whole (``split_recipients``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..ids import linkedin_id, name_key, spacing_key
from .spreadsheet import Row

#: The name LinkedIn gives an account it hides (deleted, or private to you).
HIDDEN = "LinkedIn Member"


def hidden_name(name: str) -> bool:
    """Whether ``name`` is the one LinkedIn gives an account it hides (deleted, or
    private to you): "LinkedIn Member". It names no one."""
    return spacing_key(name) == spacing_key(HIDDEN)


def hidden_account(name: str, url: str | None) -> bool:
    """Whether a participant is an account LinkedIn hides, with no profile address to
    find it by: no one."""
    return not url and hidden_name(name)


def person_key(name: str, url: str | None) -> str:
    """A participant's key within the export: their profile (``in/...``), else their
    name (``name:...``, a name key)."""
    return (linkedin_id(url) if url else None) or f"name:{name_key(name)}"


@dataclass
class Names:
    """What the export tells of names: those it writes whole (each message's sender, a
    recipient given with one profile address, your name, the names of Connections.csv),
    and the profile address of each, so that a recipient written without one is the
    sender who has one."""

    whole: set[str] = field(default_factory=set)
    folded: set[str] = field(default_factory=set)
    spaced: set[str] = field(default_factory=set)
    urls: dict[str, dict[str, str]] = field(default_factory=dict)
    by_url: dict[str, str] = field(default_factory=dict)
    splits: dict[tuple[str, int | None], tuple[list[str], list[str]]] = field(default_factory=dict)

    def add(self, name: str, url: str | None = None, as_written: bool = True) -> None:
        """A name known whole (``as_written``: exactly as the file writes it), and its
        profile address if it has one."""
        if not name.strip():
            return
        if as_written:
            self.whole.add(name)
            if name[:1].isspace():
                self.spaced.add(name)
        self.folded.add(spacing_key(name))
        profile = linkedin_id(url) if url and not hidden_name(name) else None
        if url and profile:
            self.urls.setdefault(name_key(name), {}).setdefault(profile, url)
            self.by_url.setdefault(profile, name.strip())

    def known(self, text: str) -> bool:
        """Whether ``text`` is a name known whole."""
        return text in self.whole or spacing_key(text) in self.folded

    def url_of(self, name: str, nearby: dict[str, str]) -> str | None:
        """The profile address of ``name``: the one it has in its conversation
        (``nearby``), else the one it has in the export, if it has only one."""
        key = name_key(name)
        if key in nearby:
            return nearby[key]
        found = self.urls.get(key, {})
        return next(iter(found.values())) if len(found) == 1 else None


def known_names(table: list[Row], connected: Iterable[str], me: str | None) -> Names:
    """The names known whole from the rows of messages.csv, the names of Connections.csv
    (``connected``) and yours (``me``)."""
    names = Names()
    names.add(HIDDEN)
    for row in table:
        names.add(row.raw("from"), row.get("sender profile url") or None)
        urls = split_urls(row.get("recipient profile urls"))
        if len(urls) == 1:
            names.add(row.raw("to"), urls[0])
    for name in connected:
        names.add(name, as_written=False)
    if me and me != "Me":
        names.add(me, as_written=False)
    return names


def split_urls(text: str) -> list[str]:
    """The profile addresses of a cell that holds several."""
    return [part for part in re.split(r"[\s,;]+", text) if part]


_BRACKETS = {"(": ")", "[": "]", "{": "}"}
#: The most pieces a name is looked for in (``Ada Obi MBA,ACA,CFA`` is three): a group's
#: TO cell of fifty names is not tried whole, and in every way.
NAME_PIECES = 12


def split_recipients(
    cell: str, names: Names, count: int | None = None
) -> tuple[list[str], list[str]]:
    """The names in the TO cell of a message, and the parts of it that may be one name
    or several.

    LinkedIn joins the names of the recipients with a bare comma, and names hold commas
    too: ``Femi O SPHRi, CPHR`` and ``Kehinde Ade (ACIPM,HRPL)`` are one name each. So the
    cell is cut only at a comma outside brackets with no space after it (unless a name
    known to begin with a space follows); a run of pieces that is a name known whole is
    that name; a piece alone between names is a name. What stays, two or more pieces
    that could be one name with commas or several names, is given back apart, to be
    reported rather than guessed. ``count``, the number of profile addresses given with
    the names, settles a cut that agrees with it."""
    if not cell.strip():
        return [], []
    if names.known(cell):
        return [cell.strip()], []
    pieces = [piece for piece in _pieces(cell, names) if piece.strip()]
    if len(pieces) <= 1 or count == len(pieces):
        return [piece.strip() for piece in pieces], []
    found: list[tuple[list[str], bool]] = []  # pieces of a name, and whether it is sure
    run: list[str] = []
    start = 0
    while start < len(pieces):
        longest = min(len(pieces), start + NAME_PIECES)
        end = next(
            (e for e in range(longest, start, -1) if names.known(",".join(pieces[start:e]))), 0
        )
        if not end:
            run.append(pieces[start])
            start += 1
            continue
        if run:
            found.append((run, len(run) == 1))
            run = []
        found.append((pieces[start:end], True))
        start = end
    if run:
        found.append((run, len(run) == 1))
    found = _settled(found, count)
    return (
        [",".join(parts).strip() for parts, sure in found if sure],
        [",".join(parts).strip() for parts, sure in found if not sure],
    )


def _settled(
    found: list[tuple[list[str], bool]], count: int | None
) -> list[tuple[list[str], bool]]:
    """``found`` with its one unsure run settled by ``count`` when only one reading of it
    gives that many names (all its pieces apart, or all of them one name)."""
    unsure = [number for number, (_, sure) in enumerate(found) if not sure]
    if count is None or len(unsure) != 1:
        return found
    number = unsure[0]
    run, needed = found[number][0], count - (len(found) - 1)
    if needed == 1:
        return [*found[:number], (run, True), *found[number + 1 :]]
    if needed == len(run):
        return [*found[:number], *[([piece], True) for piece in run], *found[number + 1 :]]
    return found


def _pieces(cell: str, names: Names) -> list[str]:
    """``cell`` cut at each comma that may join two names (``split_recipients``)."""
    pieces, start, at = [], 0, 0
    while at < len(cell):
        char = cell[at]
        if char in _BRACKETS:
            end = _closing(cell, at)
            if end is not None:
                at = end + 1
                continue
        elif char == "," and _joins(cell, at + 1, names):
            pieces.append(cell[start:at])
            start = at + 1
        at += 1
    pieces.append(cell[start:])
    return pieces


def _joins(cell: str, after: int, names: Names) -> bool:
    if after >= len(cell):
        return False
    if not cell[after].isspace():
        return True
    return any(cell.startswith(name, after) for name in names.spaced)


def _closing(text: str, start: int) -> int | None:
    """Where the bracket opened at ``start`` closes; None if it never does."""
    opening, closing, depth = text[start], _BRACKETS[text[start]], 0
    for at in range(start, len(text)):
        if text[at] == opening:
            depth += 1
        elif text[at] == closing:
            depth -= 1
            if depth == 0:
                return at
    return None
