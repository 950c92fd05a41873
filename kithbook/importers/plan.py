"""The plan of an import, made and carried out: who is who, what is new and what it is
called, then everything written or nothing.

The export's records are found among the people already written (``match``); each new
person gets a slug of its own and each new event an id, numbered past those taken. What
goes into the files this asks for is ``fields``'s to say, and the plan as a whole is an
``outcome.Plan``, computed in full before anything is written, so that ``--dry-run``
shows exactly what an import does. An import writes the whole plan or nothing
(``write.Changeset``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from ..files import journal_files
from ..load import EVENTS_DIR, PEOPLE_DIR, RESERVED_IDS, load_journal
from ..model import FIRST_DAY, LAST_DAY, Config
from ..text import file_slug, first_free
from ..write import Changeset, JournalChanged
from . import Context, EventRecord, Extract, Refused, Repeated, Skip, importer, importers
from .exports import check_export
from .fields import event_file, fill_people, person_file
from .match import AMBIGUOUS, MATCHED, NEW, Candidate, Directory, Found, unify
from .outcome import Held, NewFile, Plan

#: ``progress(label, total)`` gives a context whose value is ``advance(steps)``.
Progress = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]


def no_progress(label: str, total: int) -> AbstractContextManager[Callable[[int], None]]:
    """A Progress that shows nothing."""
    return nullcontext(lambda steps: None)


# ---------------------------------------------------------------- the whole import


def identify(kind: str, path: Path) -> None:
    """Nothing if ``path`` is an export of ``kind``; else Refused, saying which kind of
    export it looks like, if any."""
    found = importers()
    if found[kind].identify(path):
        return
    other = next((k for k, i in found.items() if k != kind and i.identify(path)), None)
    hint = f": it looks like {found[other].WHAT}; try 'kithbook import {other}'" if other else ""
    raise Refused(f"{path.name} is not {found[kind].WHAT}{hint}")


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
    chosen = importer(kind)
    owner = chosen.owner(path, context.me)
    if owner is not None:
        context = replace(context, me=owner.me)
    extract = within_the_calendar(chosen.extract(path, context))
    if not extract.people and not extract.events:
        raise Refused(f"nothing to import from {path.name}{_why_nothing(extract)}")
    plan = make_plan(root, config, kind, path.name, extract, progress)
    if owner is not None:
        plan = replace(plan, me=owner.line)
    if not dry_run:
        apply_plan(root, plan, progress)
    return plan


def within_the_calendar(extract: Extract) -> Extract:
    """``extract`` with only the days kithbook takes (``model.within_range``): an event
    dated outside them is skipped, a person's date outside them (``met: 0001-01-01``
    from a re-saved spreadsheet) is left out with a warning, so that no import leaves a
    journal that ``kithbook check`` finds fault with."""
    outside = f"dated outside the years kithbook takes ({FIRST_DAY.year} to {LAST_DAY.year})"
    events, skipped = [], list(extract.skipped)
    for event in extract.events:
        if _takes(event.date) and (event.end is None or _takes(event.end)):
            events.append(event)
        else:
            skipped.append(Skip(event.source, f"an event {outside}", event.title))
    repeated = Repeated()
    people = []
    for record in extract.people:
        facts, new_facts = _taken(record.facts), _taken(record.new_facts)
        for name in (record.facts.keys() - facts.keys()) | (
            record.new_facts.keys() - new_facts.keys()
        ):
            value = record.facts.get(name, record.new_facts.get(name))
            repeated.add(name, record.source, f"{name}: {value} is {outside}; left out")
        people.append(replace(record, facts=facts, new_facts=new_facts))
    return replace(
        extract,
        people=tuple(people),
        events=tuple(events),
        skipped=tuple(skipped),
        problems=(*extract.problems, *repeated.problems()),
    )


def _taken(facts: Mapping[str, object]) -> dict[str, object]:
    """``facts`` without the dates kithbook does not take."""
    return {key: v for key, v in facts.items() if not isinstance(v, date) or _takes(v)}


def _takes(when: date) -> bool:
    day = when.date() if isinstance(when, datetime) else when
    return FIRST_DAY <= day <= LAST_DAY


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
                    people.append(person_file(slug, candidate))
            if result.status == MATCHED:
                matched.setdefault(result.slug, []).append(candidate)  # type: ignore[arg-type]
            elif result.status == AMBIGUOUS:
                ambiguous.append(Held(candidate.source, result.why))
            elif result.status != NEW:
                skipped.append(Skip(candidate.source, result.why, candidate.shown))
            for key in candidate.keys:
                by_key[key] = result
            advance(1)

        changes, conflicts, problems = fill_people(root, journal.people, matched)
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
    return first_free(file_slug(name) or "person", taken)


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
        events.append(event_file(record, slugs, _event_id(record, taken)))
    return events, unchanged


def _event_id(record: EventRecord, taken: set[str]) -> str:
    """The id of a new event: its year, its date and the slug of its title, numbered (-2,
    -3, ...) past those ``taken``; taken from then on."""
    day = record.date.date() if isinstance(record.date, datetime) else record.date
    stem = f"{day.year:04d}/{day.isoformat()}-{file_slug(record.title, record.kind or 'event')}"
    event_id = first_free(stem, taken)
    taken.add(event_id)
    return event_id
