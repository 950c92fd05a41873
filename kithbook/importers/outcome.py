"""What an import does, as records, and how it says so.

A plan (``Plan``) is computed in full before anything is written, so ``--dry-run`` shows
exactly what an import does: the files it creates (``NewFile``), the lines it adds to
people already written (``Change``), what it keeps as written (``Conflict``), holds back
(``Held``) or leaves out (``Skip``), and the problems of the export. ``Plan.report``
prints it the same way on every run: a screenful, or a line for every record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Problem, Source
from ..text import count
from . import Skip


@dataclass(frozen=True)
class NewFile:
    """A file the import creates: a person or an event."""

    rel: str
    text: str
    source: Source
    label: str


@dataclass(frozen=True)
class Change:
    """Lines added to the front matter of a person's file; ``before`` is the file as
    read, which it must still be when the change is written."""

    rel: str
    before: bytes
    after: bytes
    source: Source
    added: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """A fact of the export that the file says otherwise, or that could not be added."""

    rel: str
    field: str
    source: Source
    message: str


@dataclass(frozen=True)
class Held:
    """A record held back because it could mean more than one person."""

    source: Source
    why: str


#: Lines of detail that an import prints above its summary, at most, without --verbose:
#: with the summary and the line about you, a screenful.
SCREEN = 20
#: When the details do not fit, each kind of outcome shows this many, then how many more.
FEW = 2
#: ...but the reasons for skipping, a handful for any export, are all shown up to this many.
REASONS = 6


@dataclass(frozen=True)
class Plan:
    """Everything an import does, before it does it. ``me`` says who the import took
    you to be, when the export told it (``Owner.line``)."""

    kind: str
    export: str
    people: tuple[NewFile, ...] = ()
    events: tuple[NewFile, ...] = ()
    changes: tuple[Change, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    ambiguous: tuple[Held, ...] = ()
    skipped: tuple[Skip, ...] = ()
    problems: tuple[Problem, ...] = ()
    unchanged: int = 0
    me: str = ""

    @property
    def new(self) -> int:
        return len(self.people) + len(self.events)

    @property
    def writes(self) -> bool:
        return bool(self.people or self.events or self.changes)

    def summary(self) -> str:
        """One line with a count for every outcome, the same words on every run, so that
        a first import and a second one can be read side by side: new, updated,
        unchanged, skipped, ambiguous, conflicts, problems."""
        parts = [
            f"{self.new} new ({count(len(self.people), 'person', 'people')}, "
            f"{count(len(self.events), 'event')})",
            f"{len(self.changes)} updated",
            f"{self.unchanged} unchanged",
            f"{len(self.skipped)} skipped",
            f"{len(self.ambiguous)} ambiguous",
            count(len(self.conflicts), "conflict"),
            count(len(self.problems), "problem"),
        ]
        return f"{self.kind} {self.export}: " + ", ".join(parts)

    def report(self, verbose: bool = False) -> list[str]:
        """What the import does, for the terminal: who you are taken to be (when the
        export said it), the details, and the summary last. With ``verbose``, a line for
        every record. Without, skipped records are counted by reason, and the rest is
        listed while it fits in SCREEN lines; past that, each kind of outcome shows its
        first FEW (the reasons for skipping: REASONS) and how many more."""
        groups = self._details(verbose)
        if not verbose and sum(len(lines) for _, lines in groups) > SCREEN:
            groups = [(word, _shortened(word, lines)) for word, lines in groups]
        head = [self.me] if self.me else []
        return [*head, *(line for _, lines in groups for line in lines), self.summary()]

    def _details(self, verbose: bool) -> list[tuple[str, list[str]]]:
        """(the outcome's word, a line per record or reason) for each kind of outcome."""
        new = [f"new       {f.rel}  ({f.label}; {f.source})" for f in (*self.people, *self.events)]
        return [
            ("new", new),
            ("updated", [f"updated   {c.rel}: added {', '.join(c.added)}" for c in self.changes]),
            ("conflict", [f"conflict  {c.rel}: {c.message}" for c in self.conflicts]),
            ("ambiguous", [f"ambiguous {h.source}: {h.why}" for h in self.ambiguous]),
            ("skipped", _skipped_lines(self.skipped, verbose)),
            ("problem", [str(problem) for problem in self.problems]),
        ]


def _skipped_lines(skipped: Iterable[Skip], verbose: bool) -> list[str]:
    """A line per skipped record (``verbose``), or per reason: where the first one is, how
    many more, and why."""
    if verbose:
        return [
            f"skipped   {skip.source}: {skip.why}" + (f" ({skip.what})" if skip.what else "")
            for skip in skipped
        ]
    reasons: dict[str, list[Skip]] = {}
    for skip in skipped:
        reasons.setdefault(skip.why, []).append(skip)
    return [
        f"skipped   {skips[0].source}"
        + (f" and {len(skips) - 1} more" if len(skips) > 1 else "")
        + f": {why}"
        for why, skips in reasons.items()
    ]


def _shortened(word: str, lines: list[str]) -> list[str]:
    """The first FEW ``lines`` (REASONS of the skipped), and a line saying how many more."""
    keep = REASONS if word == "skipped" else FEW
    if len(lines) <= keep + 1:
        return lines
    more = f"{len(lines) - keep} more" + (" reasons" if word == "skipped" else "")
    return [*lines[:keep], f"{word:<9} ... and {more} (--verbose lists them all)"]
