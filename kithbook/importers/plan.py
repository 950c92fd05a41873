"""The plan of an import: what it would create, fill in, leave alone and hold back.

A plan is computed in full before anything is written, so ``--dry-run`` shows exactly
what an import does, and an import writes the whole plan or nothing
(``write.Changeset``). New facts fill only the empty fields of a person already
written; a field that says something else is a conflict, reported and kept as
written; notes are never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from ..files import journal_files
from ..load import (
    EVENTS_DIR,
    PEOPLE_DIR,
    PERSON_FIELDS,
    RESERVED_IDS,
    load_journal,
)
from ..model import Birthday, Config, Person, Problem, Source
from ..text import file_slug
from ..write import Changeset, JournalChanged, add_to_front_matter, event_markdown, person_markdown
from . import (
    Context,
    EventRecord,
    Extract,
    Refused,
    Skip,
    check_export,
    email_address,
    importers,
    linkedin_id,
    name_key,
    twitter_handle,
)
from .match import AMBIGUOUS, MATCHED, NEW, Candidate, Directory, Found, merge_facts, unify

#: ``progress(label, total)`` gives a context whose value is ``advance(steps)``.
Progress = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]


def no_progress(label: str, total: int) -> AbstractContextManager[Callable[[int], None]]:
    """A Progress that shows nothing."""
    return nullcontext(lambda steps: None)


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
            f"{self.new} new ({_count(len(self.people), 'person', 'people')}, "
            f"{_count(len(self.events), 'event')})",
            f"{len(self.changes)} updated",
            f"{self.unchanged} unchanged",
            f"{len(self.skipped)} skipped",
            f"{len(self.ambiguous)} ambiguous",
            _count(len(self.conflicts), "conflict"),
            _count(len(self.problems), "problem"),
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


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"


# ---------------------------------------------------------------- the whole import


def identify(kind: str, path: Path) -> None:
    """Nothing if ``path`` is an export of ``kind``; else Refused, saying which kind of
    export it looks like, if any."""
    modules = importers()
    module = modules[kind]
    if module.identify(path):
        return
    other = next((m for k, m in modules.items() if k != kind and m.identify(path)), None)
    hint = f": it looks like {other.WHAT}; try 'kithbook import {other.KIND}'" if other else ""
    raise Refused(f"{path.name} is not {module.WHAT}{hint}")


def run_import(
    kind: str,
    path: Path,
    root: Path,
    config: Config,
    context: Context,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> Plan:
    """Identify, extract, plan, and (unless ``dry_run``) write: the plan carried out.
    Refused when the export cannot be read, holds nothing to import, or the journal
    changed while writing (then nothing was written)."""
    check_export(path)
    identify(kind, path)
    module = importers()[kind]
    owner = module.owner(path, context.me) if hasattr(module, "owner") else None
    if owner is not None:
        context = replace(context, me=owner.me)
    extract = module.extract(path, context)
    if not extract.people and not extract.events:
        raise Refused(f"nothing to import from {path.name}{_why_nothing(extract)}")
    plan = make_plan(root, config, kind, path.name, extract, progress)
    if owner is not None:
        plan = replace(plan, me=owner.line)
    if not dry_run:
        apply_plan(root, plan, progress)
    return plan


def _why_nothing(extract: Extract) -> str:
    """Why an export gave nothing, for the one line: its first problem, or why its
    records were skipped."""
    if extract.problems:
        return f": {extract.problems[0].message}"
    if extract.skipped:
        return f": {extract.skipped[0].why} ({len(extract.skipped)} skipped)"
    return ""


def apply_plan(root: Path, plan: Plan, progress: Progress = no_progress) -> None:
    """Write the plan, all or nothing; Refused (nothing written) if a file changed meanwhile."""
    changeset = Changeset(root, f"{plan.kind} import")
    for new in (*plan.people, *plan.events):
        changeset.add(new.rel, new.text)
    for change in plan.changes:
        changeset.change(change.rel, change.before, change.after)
    if not changeset.steps:
        return
    try:
        with progress("Writing", changeset.steps) as advance:
            changeset.commit(advance)
    except JournalChanged as error:
        raise Refused(f"nothing written: {error}; run the import again") from None


# ---------------------------------------------------------------- planning


def make_plan(
    root: Path,
    config: Config,
    kind: str,
    export: str,
    extract: Extract,
    progress: Progress = no_progress,
) -> Plan:
    """What importing ``extract`` into the journal at ``root`` would do."""
    journal, _ = load_journal(root, config)
    directory = Directory(dict(journal.people))
    candidates = unify(extract.people)
    found = directory.namesakes([directory.find(candidate) for candidate in candidates])
    unreadable = _unreadable_people(root, journal.people)
    taken_people = {stem for stem in _stems(root, PEOPLE_DIR, False)} | set(RESERVED_IDS)

    people: list[NewFile] = []
    ambiguous: list[Held] = []
    skipped = list(extract.skipped)
    by_key: dict[str, Found] = {}
    matched: dict[str, list[Candidate]] = {}
    with progress("Planning", len(found) + len(extract.events)) as advance:
        for result in found:
            candidate = result.candidate
            if result.status == NEW:
                slug = _new_slug(candidate.name or "", taken_people)
                base = file_slug(candidate.name or "") or "person"
                if base in unreadable:
                    why = f"people/{unreadable[base]} cannot be read: fix it, then import again"
                    result = Found(candidate, AMBIGUOUS, why=f"'{candidate.shown}': {why}")
                else:
                    taken_people.add(slug)
                    result = Found(candidate, NEW, slug)
                    people.append(_new_person(slug, candidate))
            if result.status == MATCHED:
                matched.setdefault(result.slug, []).append(candidate)  # type: ignore[arg-type]
            elif result.status == AMBIGUOUS:
                ambiguous.append(Held(candidate.source, result.why))
            elif result.status != NEW:
                skipped.append(Skip(candidate.source, result.why, candidate.shown))
            for key in candidate.keys:
                by_key[key] = result
            advance(1)

        changes, conflicts, problems = _fill_people(root, journal.people, matched)
        events, unchanged_events = _plan_events(
            root, journal, extract.events, by_key, ambiguous, skipped, advance
        )
    unchanged_people = len(matched) - len(changes)
    return Plan(
        kind=kind,
        export=export,
        people=tuple(people),
        events=tuple(events),
        changes=tuple(changes),
        conflicts=tuple(conflicts),
        ambiguous=tuple(ambiguous),
        skipped=tuple(skipped),
        problems=tuple([*extract.problems, *problems]),
        unchanged=unchanged_people + unchanged_events,
    )


def _stems(root: Path, folder: str, recursive: bool) -> set[str]:
    """The ids of the journal files under ``folder``, readable or not."""
    return {
        rel[len(folder) + 1 :].rsplit(".", 1)[0]
        for _, rel in journal_files(root, folder, recursive)
    }


def _unreadable_people(root: Path, people: Mapping) -> dict[str, str]:
    """Slug -> file name of the person files that could not be read."""
    return {
        rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]: rel.rsplit("/", 1)[-1]
        for _, rel in journal_files(root, PEOPLE_DIR, False)
        if rel.rsplit("/", 1)[-1].rsplit(".", 1)[0] not in people
    }


def _new_slug(name: str, taken: set[str]) -> str:
    """A slug for a new person: from the name, numbered (-2, -3, ...) past those taken."""
    base = file_slug(name) or "person"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


# ---------------------------------------------------------------- new people


def _new_person(slug: str, candidate: Candidate) -> NewFile:
    facts = merge_facts([candidate.facts, candidate.new_facts])
    fields: dict[str, object] = {"name": candidate.name}
    fields.update(nested(_ordered(facts)))
    return NewFile(
        f"{PEOPLE_DIR}/{slug}.md", person_markdown(fields), candidate.source, candidate.name or slug
    )


def nested(facts: Mapping[str, object]) -> dict[str, object]:
    """Dotted facts as front matter: ``contact.email`` under ``contact``; a contact
    given once is written as one value, not a list of one."""
    fields: dict[str, object] = {}
    for key, value in facts.items():
        top, _, sub = key.partition(".")
        if top == "contact" and isinstance(value, list) and len(value) == 1:
            value = value[0]
        if sub:
            fields.setdefault(top, {})[sub] = value  # type: ignore[index]
        else:
            fields[top] = value
    return fields


def _ordered(facts: Mapping[str, object]) -> dict[str, object]:
    """Facts in the order of FORMAT.md's person fields (sub-fields as they came)."""

    def rank(key: str) -> int:
        top = key.split(".", 1)[0]
        return PERSON_FIELDS.index(top) if top in PERSON_FIELDS else len(PERSON_FIELDS)

    return dict(sorted(facts.items(), key=lambda item: rank(item[0])))


# ---------------------------------------------------------------- people already written


def _fill_people(
    root: Path, people: Mapping, matched: dict[str, list[Candidate]]
) -> tuple[list[Change], list[Conflict], list[Problem]]:
    """For each person matched: the empty fields the export fills, and its conflicts."""
    changes: list[Change] = []
    conflicts: list[Conflict] = []
    problems: list[Problem] = []
    for slug in sorted(matched):
        candidates = matched[slug]
        person = people[slug]
        rel = person.source.path
        written = written_fields(person)
        facts = _ordered(merge_facts(c.facts for c in candidates))
        source = candidates[0].source
        additions: dict[str, object] = {}
        for key, value in facts.items():
            verdict = _compare(key, written, value)
            if verdict == "fill":
                top, _, sub = key.partition(".")
                if sub:
                    additions.setdefault(top, {})[sub] = _one_if_single(top, value)  # type: ignore[index]
                else:
                    additions[top] = value
            elif verdict:
                conflicts.append(
                    Conflict(rel, key, source, f"{verdict}; {source} {_says(key, written, value)}")
                )
        if not additions:
            continue
        data = (root / rel).read_bytes()
        try:
            after, failed = add_to_front_matter(data, additions, yaml_file=not rel.endswith(".md"))
        except Exception:  # the file changed since it was loaded and cannot be read now
            problems.append(Problem(Source(rel), "warning", "cannot read the fields: not changed"))
            continue
        for key, why in failed.items():
            conflicts.append(Conflict(rel, key, source, f"{key} not added: {why}"))
        if after != data:
            added = [
                f"{top}.{sub}" if isinstance(value, Mapping) else top
                for top, value in additions.items()
                if top not in failed
                for sub in (value if isinstance(value, Mapping) else [None])
            ]
            changes.append(Change(rel, data, after, source, tuple(added)))
    return changes, conflicts, problems


def _one_if_single(top: str, value: object) -> object:
    if top == "contact" and isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


def written_fields(person: Person) -> dict[str, object]:
    """The fields of a person as read by the loader, in the shape of front matter, to
    compare with an export's facts. (A value the loader could not read looks empty
    here; ``add_to_front_matter`` sees it in the file and leaves it alone.)"""
    return {
        "aka": list(person.aka),
        "where": person.where,
        "met": person.met,
        "how_we_met": person.how_we_met,
        "birthday": str(person.birthday) if person.birthday else None,
        "org": person.org,
        "role": person.role,
        "contact": {kind: list(values) for kind, values in person.contact.items()},
        "follows_me": person.follows_me,
        "i_follow": person.i_follow,
        "extra": dict(person.extra),
    }


def _compare(key: str, written: Mapping, imported: object) -> str:
    """ "fill" if the field is empty, "" if it already says the same, else the conflict
    in words ("org is 'Acme'")."""
    top, _, sub = key.partition(".")
    value = written.get(top)
    if sub:
        if _empty(value):
            return "fill"
        if not isinstance(value, Mapping):
            return f"{top} is not a mapping of fields"
        value = value.get(sub)
    if _empty(value):
        return "fill"
    if _same(key, value, imported):
        return ""
    return f"{key} is {_shown(value)}"


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _same(key: str, written: object, imported: object) -> bool:
    """Whether the file already says what the export says (or more)."""
    if key == "met":
        return _iso(written) <= _iso(imported)  # an earlier first meeting stands
    if key == "birthday":
        mine, theirs = _iso(written), _iso(imported)
        return mine == theirs or mine[-5:] == theirs[-5:]
    if isinstance(imported, bool) or isinstance(written, bool):
        return written == imported
    return not _missing(key, written, imported)


def _missing(key: str, written: object, imported: object) -> list:
    """The values of ``imported`` that ``written`` does not hold, compared as the field
    compares them (addresses without case, phones by their digits)."""
    normal = _NORMAL.get(key, _words)
    have = {normal(str(v)) for v in (written if isinstance(written, list) else [written])}
    given = imported if isinstance(imported, list) else [imported]
    return [v for v in given if normal(str(v)) not in have]


def _says(key: str, written: Mapping, imported: object) -> str:
    """What the export says beside the file, in words, for a conflict."""
    top, _, sub = key.partition(".")
    value = written.get(top)
    value = value.get(sub) if sub and isinstance(value, Mapping) else value
    if isinstance(imported, list) and isinstance(value, list | str):
        return f"also gives {_shown(_missing(key, value, imported))}: not added"
    return f"says {_shown(imported)}: kept as written"


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit() or char == "+")


_NORMAL: dict[str, Callable[[str], str]] = {
    "contact.email": lambda t: (email_address(t) or t).casefold(),
    "contact.linkedin": lambda t: linkedin_id(t) or t,
    "contact.twitter": lambda t: twitter_handle(t) or t,
    "contact.phone": _digits,
    "aka": name_key,
}


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _shown(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, Birthday):
        return str(value)
    if isinstance(value, date | datetime):
        return _iso(value)
    return f"'{value}'"


# ---------------------------------------------------------------- events


def _plan_events(
    root: Path,
    journal,
    records: Iterable[EventRecord],
    by_key: Mapping[str, Found],
    ambiguous: list[Held],
    skipped: list[Skip],
    advance: Callable[[int], None],
) -> tuple[list[NewFile], int]:
    """New event files for the records whose uid is not in the journal yet, with their
    people; (the files, how many records were in the journal already)."""
    known = {event.uid for event in journal.events if event.uid}
    taken = _stems(root, EVENTS_DIR, True)
    events: list[NewFile] = []
    unchanged = 0
    for record in records:
        advance(1)
        if record.uid in known:
            unchanged += 1
            continue
        slugs: list[str] = []
        found = [by_key[key] for key in record.people if key in by_key]
        waits = [result.why for result in found if result.status == AMBIGUOUS]
        if waits:
            ambiguous.append(Held(record.source, f"'{record.title}' waits for: {waits[0]}"))
            continue
        for result in found:
            slug = result.slug
            if slug and slug not in slugs:
                slugs.append(slug)
        if not slugs:
            skipped.append(
                Skip(record.source, "no one in it is in the journal or created", record.title)
            )
            continue
        known.add(record.uid)
        events.append(_new_event(record, slugs, taken))
    return events, unchanged


def _new_event(record: EventRecord, slugs: list[str], taken: set[str]) -> NewFile:
    day = record.date.date() if isinstance(record.date, datetime) else record.date
    stem = f"{day.year:04d}/{day.isoformat()}-{file_slug(record.title, record.kind or 'event')}"
    event_id, number = stem, 1
    while event_id in taken:
        number += 1
        event_id = f"{stem}-{number}"
    taken.add(event_id)
    fields = {
        "date": record.date,
        "end": record.end,
        "title": record.title,
        "kind": record.kind,
        "with": slugs,
        "place": record.place,
        "by": record.by,
        "uid": record.uid,
    }
    return NewFile(
        f"{EVENTS_DIR}/{event_id}.md", event_markdown(fields), record.source, record.title
    )
