"""Imports: exports of other services become people and events (DESIGN.md principle 7).

An importer is a module of this package that is an ``Importer`` (below), listed once, in
``IMPORTERS``, under the KIND the command line calls it. It reads one kind of export and
knows nothing of the journal: it tells its export from others (``identify``), says who
you are where the export says so (``owner``), and gives the records of the export, each
with the Source (file and line) it came from (``extract``).

The shared layer is the rest of the package: what an importer gives (this module), the
files of an export read as bytes or text (``exports``), stable ids and name keys
(``ids``), matching records to the people already written (``match``), and the plan of
an import, which says what to write (``plan``, ``outcome``, ``fields``);
``write.Changeset`` writes it all or nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol, cast, runtime_checkable

from ..model import Me, Problem, Source

#: The importers by the KIND the command line calls each one, in the order it lists them:
#: the module that is each one. The command line offers these kinds; a module is loaded
#: only when its kind is asked for (the calendar and vCard readers bring big libraries).
IMPORTERS: dict[str, str] = {
    "linkedin": f"{__name__}.linkedin",
    "twitter": f"{__name__}.twitter",
    "vcard": f"{__name__}.vcard",
    "ics": f"{__name__}.ics",
}
KINDS = tuple(IMPORTERS)


@runtime_checkable
class Importer(Protocol):
    """What every importer is: a module with these names.

    - ``WHAT``: what it reads, in words (``a vCard file (.vcf)``), for the line that
      refuses an export of another kind and names the kind it looks like;
    - ``identify(path)``: whether ``path`` is an export of its kind (a file of another
      kind is refused before anything is read in earnest);
    - ``owner(path, me)``: you, as the export says who you are (your own profile, your
      account, the calendar's own address, the one participant of every conversation)
      where the config does not already; None when it cannot tell, or has nothing to
      add. The import then runs with that "me" and says so in one line; nothing is
      written to mkdocs.yml;
    - ``extract(path, context)``: the records of the export. It raises ``Refused`` only
      when the export cannot be read at all; a bad row is a ``Skip`` or a ``Problem``,
      and the rest is read.
    """

    WHAT: str

    def identify(self, path: Path) -> bool: ...

    def owner(self, path: Path, me: Me) -> Owner | None: ...

    def extract(self, path: Path, context: Context) -> Extract: ...


def importer(kind: str) -> Importer:
    """The importer of ``kind`` (one of KINDS)."""
    return cast(Importer, importlib.import_module(IMPORTERS[kind]))


def importers() -> dict[str, Importer]:
    """Every importer, by KIND, in the order the command line lists them."""
    return {kind: importer(kind) for kind in IMPORTERS}


# ---------------------------------------------------------------- what an importer gives


class Refused(Exception):
    """The export cannot be imported at all: the one line that says why."""


@dataclass(frozen=True)
class Context:
    """What an importer may know of the journal: who "me" is, today, and ``--all``."""

    me: Me = Me()
    today: date | None = None
    take_all: bool = False


@dataclass(frozen=True)
class Owner:
    """You, as an export says who you are: ``me`` is the config's "me" with what the
    export adds, for this import only; ``line`` says in one line what was taken and
    where from (``me: Sam Example, from Profile.csv``)."""

    me: Me
    line: str


@dataclass(frozen=True)
class PersonRecord:
    """A person as one row of an export knows them.

    ``key`` names the record within the extract, so that events can point at it.
    ``facts`` are fields to fill, by dotted name (``org``, ``contact.email``,
    ``extra.vcard_uid``); only empty fields of a person already written are filled.
    ``new_facts`` are written only when the import creates the person
    (``how_we_met: LinkedIn`` is true of a new connection, not of an old friend).
    ``names`` are other names to match by (a ``@handle``). ``create`` says whether the
    import may create this person when no one matches (the Twitter import's rule).
    """

    source: Source
    key: str
    name: str | None
    facts: dict[str, object] = field(default_factory=dict)
    new_facts: dict[str, object] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    create: bool = True
    why_not_created: str = ""


@dataclass(frozen=True)
class EventRecord:
    """An event of an export: ``people`` are PersonRecord keys; ``uid`` is stable across
    exports, so a second import of the same file, or an updated one, finds it again."""

    source: Source
    uid: str
    date: date | datetime
    title: str
    kind: str
    people: tuple[str, ...]
    end: date | datetime | None = None
    place: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class Skip:
    """A record of the export left out on purpose, and why (a hidden profile, a retweet).
    ``why`` is the same words for every record left out for that reason, so that they
    are counted together; ``what`` names the record, for ``--verbose``."""

    source: Source
    why: str
    what: str = ""


@dataclass(frozen=True)
class Extract:
    """Everything an importer read from an export."""

    people: tuple[PersonRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()
    skipped: tuple[Skip, ...] = ()
    problems: tuple[Problem, ...] = ()


class Repeated:
    """Warnings that an export gives again and again (a date that cannot be read on each
    of 2,000 re-saved rows), said once for each kind: the first found, with how many more
    say the same. ``kinds`` given first are said in that order; the others in the order
    first found."""

    def __init__(self, *kinds: str) -> None:
        self._found: dict[str, list[Problem]] = {kind: [] for kind in kinds}

    def add(self, kind: str, source: Source, message: str) -> None:
        """A warning of ``kind`` at ``source``; only the first message of a kind is said."""
        self._found.setdefault(kind, []).append(Problem(source, "warning", message))

    def problems(self, more: Callable[[int], str] | None = None) -> list[Problem]:
        """A warning per kind: the first, and when ``n`` more say the same, ``more(n)``
        after it (unless told: `` (and 1,234 more like it)``)."""
        more = more or _more_like_it
        said = []
        for found in self._found.values():
            if found:
                first, others = found[0], len(found) - 1
                message = first.message + (more(others) if others else "")
                said.append(Problem(first.source, first.level, message))
        return said


def _more_like_it(count: int) -> str:
    return f" (and {count:,} more like it)"
