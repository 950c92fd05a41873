"""A change to files a person wrote, planned whole before anything is written: a rename,
a merge, a removal, a follow-up ticked.

``Opened`` reads the journal once and keeps what each file gave (``JournalFiles``). A
``Builder`` collects the edits of each file (``FileEdit``), the fields to add, the files
to move and remove, and the lines that say what changes; ``finish`` makes them a
``Plan``. Before a plan is written, ``check`` reads the journal as it would be, from the
planned bytes, with the loader itself: every record must be as expected and no problem
may appear that was not there before; otherwise nothing is written. ``Plan.commit``
writes it all or nothing (a ``Changeset``) and tells git of moved and removed files.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..files import FileCache, FileRecords
from ..load import PEOPLE_DIR, load_journal, read_event_file, read_person_file
from ..model import Config, Event, Journal, Person, Problem
from ..names import People
from .additions import add_to_front_matter
from .changeset import Changeset
from .edits import EditRefused, FileEdit
from .git_index import stage_moves


class JournalFiles(FileCache):
    """The journal's files as the loader reads them, each file's records kept by path
    (``records``); with ``planned`` set, the records of the planned bytes stand in for
    the files on disk (a moved file's under its old path, whose place it takes)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: dict[str, FileRecords] = {}
        self.planned: dict[str, FileRecords] = {}

    def read(self, root, path, rel, reader) -> FileRecords:
        if rel in self.planned:
            return self.planned[rel]
        records = super().read(root, path, rel, reader)
        self.records[rel] = records
        return records


@dataclass
class Opened:
    """A journal read for a command that changes it: the records, the problems found,
    and each file's records (``files.records``)."""

    root: Path
    config: Config
    journal: Journal
    problems: list[Problem]
    files: JournalFiles

    @classmethod
    def read(cls, root: Path, config: Config) -> Opened:
        files = JournalFiles()
        journal, problems = load_journal(root, config, files)
        return cls(root, config, journal, problems, files)

    @property
    def people(self) -> People:
        if not hasattr(self, "_people"):
            self._people = People(self.journal.people.values())
        return self._people

    def unread_mentions(self, words: Iterable[str]) -> str | None:
        """The first file that could not be read whole (an error left a record out) and
        whose text holds one of ``words`` (any case): what it may say about them is
        unknown, so a change to them waits until the file is fixed."""
        wanted = [word.lower() for word in words if word.strip()]
        for rel, records in sorted(self.files.records.items()):
            errors = [p for p in records.problems if p.level == "error"]
            if not errors:
                continue
            try:
                text = (self.root / rel).read_bytes().decode("utf-8", "replace").lower()
            except OSError:
                continue
            if any(word in text for word in wanted):
                return f"{errors[0]} (fix it first: it may name them)"
        return None


@dataclass
class Plan:
    """Files to change (before and after), to add (moved files' new bytes), to remove;
    the moves (old path, new path); the lines that say what changes, and notes (what
    was kept instead, what is left to do), each said once it is done and as it would
    be (for a dry run): see ``note``."""

    what: str
    changed: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    new: dict[str, bytes] = field(default_factory=dict)
    removed: dict[str, bytes] = field(default_factory=dict)
    moves: list[tuple[str, str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    def note(self, done: str, would: str) -> None:
        """A note, as said once the plan is written (``done``) and before (``would``)."""
        self.notes.append((done, would))

    @property
    def files(self) -> int:
        return len(self.changed) + len(self.new) + len(self.removed) - len(self.moves)

    def commit(self, root: Path) -> list[str]:
        """Write the plan, all or nothing; then tell git of the moves and removals. The
        lines git's part says."""
        changeset = Changeset(root, self.what)
        for rel, data in self.new.items():
            changeset.add(rel, data)
        for rel, (before, after) in self.changed.items():
            changeset.change(rel, before, after)
        for rel, before in self.removed.items():
            changeset.remove(rel, before)
        changeset.commit()
        moved = {old for old, _ in self.moves}
        return stage_moves(root, self.moves, [rel for rel in self.removed if rel not in moved])


class Builder:
    """A plan in the making: one FileEdit per file, fields to add, moves and removals."""

    def __init__(self, opened: Opened, what: str) -> None:
        self.opened = opened
        self.plan = Plan(what)
        self.edits: dict[str, FileEdit] = {}
        self.additions: dict[str, dict[str, object]] = {}
        self.moves: dict[str, str] = {}

    def edit(self, rel: str) -> FileEdit:
        """The edits of file ``rel``, begun on its bytes as they are now."""
        if rel not in self.edits:
            self.edits[rel] = FileEdit(rel, (self.opened.root / rel).read_bytes())
        return self.edits[rel]

    def add_fields(self, rel: str, fields: dict[str, object]) -> None:
        """Fields to add to ``rel``, which it holds empty or not at all."""
        self.additions.setdefault(rel, {}).update(fields)

    def move(self, old: str, new: str) -> None:
        self.moves[old] = new

    def remove(self, rel: str) -> None:
        self.plan.removed[rel] = (self.opened.root / rel).read_bytes()

    def say(self, line: str) -> None:
        self.plan.lines.append(line)

    def finish(self) -> Plan:
        """The plan: every file's edits made and checked (EditRefused when one cannot
        be made exactly), the fields added, the moved files' new bytes."""
        plan = self.plan
        for rel in sorted(self.edits.keys() | self.additions.keys() | self.moves.keys()):
            edit = self.edits.get(rel)
            before = edit.data if edit else (self.opened.root / rel).read_bytes()
            after = edit.result() if edit and edit.changed() else before
            if self.additions.get(rel):
                after, failed = add_to_front_matter(
                    after, self.additions[rel], yaml_file=not rel.endswith(".md")
                )
                if failed:
                    key, why = next(iter(failed.items()))
                    raise EditRefused(f"{rel}: {key}: {why}")
            if rel in self.moves:
                plan.moves.append((rel, self.moves[rel]))
                plan.new[self.moves[rel]] = after
                plan.removed[rel] = before
            elif after != before:
                plan.changed[rel] = (before, after)
        return plan


def check(
    opened: Opened,
    plan: Plan,
    person: Callable[[Person], Person | None],
    event: Callable[[Event], Event],
    loose: Iterable[str] = (),
) -> tuple[Journal, list[Problem]]:
    """The journal as ``plan`` would leave it, read by the loader from the planned bytes;
    EditRefused unless each person is ``person(before)`` (None: gone; a person whose
    slug or name changes is checked by slug, name and names) and each event
    ``event(before)``, and unless every problem it has was there before. The people
    whose slugs are in ``loose`` are checked by name and names (see ``_same_person``)."""
    loose = set(loose)
    moved = dict(plan.moves)
    planned: dict[str, FileRecords] = {}
    for rel, (_, after) in plan.changed.items():
        planned[rel] = _reader(rel)(rel, after)
    for rel in plan.removed:
        planned[rel] = FileRecords()
    for old, new in plan.moves:
        planned[old] = _reader(new)(new, plan.new[new])
    opened.files.planned = planned
    try:
        journal, problems = load_journal(opened.root, opened.config, opened.files)
    finally:
        opened.files.planned = {}

    expected_people = {}
    for before in opened.journal.people.values():
        wanted = person(before)
        if wanted is not None:
            expected_people[wanted.slug] = wanted
    if expected_people.keys() != journal.people.keys():
        missing = sorted(expected_people.keys() ^ journal.people.keys())
        raise EditRefused(f"people/{missing[0]}: would not be as planned: nothing written")
    for slug, wanted in expected_people.items():
        got = journal.people[slug]
        if not _same_person(got, wanted, loose):
            raise EditRefused(f"{got.source.path}: would not read as planned: nothing written")
    after_events = {e.id: e for e in journal.events}
    for before in opened.journal.events:
        got = after_events.get(before.id)
        wanted = event(before)
        if got is None or replace(got, source=wanted.source) != wanted:
            raise EditRefused(f"{before.source}: would not read as planned: nothing written")

    known = Counter(_problem_key(p, moved) for p in opened.problems)
    for problem in problems:
        key = _problem_key(problem, {})
        if known[key]:
            known[key] -= 1
        else:
            raise EditRefused(f"{problem}: the {plan.what} would bring this; nothing written")
    return journal, problems


def _same_person(got: Person, wanted: Person, loose: set[str]) -> bool:
    """Whether ``got`` is ``wanted``: exactly (but for where it was read), or, for the
    people in ``loose`` (whose own file the plan edits), in name, introducer and with
    every name wanted among theirs."""
    if replace(got, source=wanted.source) == wanted:
        return True
    lowered = {name.lower() for name in got.names}
    return (
        wanted.slug in loose
        and got.name == wanted.name
        and got.introduced_by == wanted.introduced_by
        and all(name.lower() in lowered for name in wanted.names)
    )


def _problem_key(problem: Problem, moved: dict[str, str]) -> tuple[str, str, str]:
    """A problem as compared before and after a change: its file (where it moved to),
    level and message without its did-you-mean (which may name what changed); not its
    line, which an edit above it moves."""
    message = re.sub(r"; did you mean .*$", "", problem.message)
    return (moved.get(problem.source.path, problem.source.path), problem.level, message)


def _reader(rel: str):
    return read_person_file if rel.startswith(f"{PEOPLE_DIR}/") else read_event_file


__all__ = ["Builder", "EditRefused", "Opened", "Plan", "check"]
