"""Files -> (Journal, problems).

The loader never raises for bad user data. A file it cannot read as a whole is
an error and left out; a field with a bad value is a warning, and the field's
default is used. Reading happens in two steps: each file on its own (kithbook.files
keeps them while unchanged, so ``mkdocs serve`` re-reads only what changed; their
fields are read by kithbook.fields), then the names in ``with:``, ``by:`` and
``introduced_by:`` are resolved against everyone (kithbook.names) and the rules of
kithbook.validate run.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from .fields import (
    Fields,
    as_birthday,
    as_bool,
    as_circle,
    as_contact,
    as_day,
    as_follow_ups,
    as_keep_in_touch,
    as_mapping,
    as_text,
    as_texts,
    as_when,
)
from .files import SUFFIXES, FileCache, FileRecords, Reference, journal_files, read_journal_file
from .model import (
    Config,
    Event,
    Journal,
    Person,
    Problem,
    Source,
    same_but_notes,
)
from .names import People
from .reading import FileError, Parsed, decode, parse_yaml, split_front_matter
from .speed import collector_paused
from .text import SLUG, did_you_mean, slugify, title_from_stem
from .validate import event_problems, person_problems

PEOPLE_DIR = "people"
EVENTS_DIR = "events"
RESERVED_IDS = ("index",)

PERSON_FIELDS = (
    "name", "aka", "where", "tags", "circle", "keep_in_touch", "met", "how_we_met",
    "introduced_by", "birthday", "org", "role", "contact", "follows_me", "i_follow",
    "extra", "snooze_until",
)  # fmt: skip
EVENT_FIELDS = (
    "date", "end", "title", "kind", "with", "place", "by", "follow_up", "tags", "uid",
)  # fmt: skip

# ---------------------------------------------------------------- one file


def read_person_file(path: str, data: bytes) -> FileRecords:
    """The person in ``people/<slug>.md`` (or ``.yml``), given its path and bytes."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    try:
        if not SLUG.match(stem) or stem in RESERVED_IDS:
            suggestion = slugify(stem) if stem not in RESERVED_IDS else f"{stem}-1"
            raise FileError(
                1,
                f"'{stem}' cannot be a person's id: name the file '{suggestion or 'a-name'}"
                f"{path[path.rfind('.') :]}' (lowercase letters, digits and single hyphens)",
            )
        parsed, notes = _parse_file(path, decode(data))
        if not isinstance(parsed.value, dict):
            raise FileError(1, "a person file holds a mapping of fields, starting with 'name:'")
        known = PERSON_FIELDS + (("notes",) if not path.endswith(".md") else ())
        fields = Fields(parsed, path, 1, known)
        person = Person(
            source=Source(path, 1),
            slug=stem,
            name=fields.required("name", as_text, "a person needs a name: add 'name: ...'"),
            aka=fields.get("aka", as_texts, ()),
            where=fields.get("where", as_text),
            tags=fields.tags(),
            circle=fields.get("circle", as_circle, "acquaintance"),
            keep_in_touch=fields.get("keep_in_touch", as_keep_in_touch),
            met=fields.get("met", as_day),
            how_we_met=fields.get("how_we_met", as_text),
            birthday=fields.get("birthday", as_birthday),
            org=fields.get("org", as_text),
            role=fields.get("role", as_text),
            contact=fields.get("contact", as_contact, {}),
            follows_me=fields.get("follows_me", as_bool),
            i_follow=fields.get("i_follow", as_bool),
            extra=fields.get("extra", as_mapping, {}),
            snooze_until=fields.get("snooze_until", as_day),
            notes=notes if path.endswith(".md") else fields.get("notes", as_text, ""),
        )
        introducer = fields.get("introduced_by", as_text)
        references = (
            ((stem, Reference(fields.source("introduced_by"), "introduced_by", introducer)),)
            if introducer
            else ()
        )
        return FileRecords(people=(person,), references=references, problems=tuple(fields.problems))
    except FileError as error:
        return FileRecords(problems=(Problem(Source(path, error.line), "error", error.message),))


def read_event_file(path: str, data: bytes) -> FileRecords:
    """The event in ``events/**/<name>.md``, or the event(s) of a ``.yml`` file
    (a mapping is one event with a page; a list holds small events without pages)."""
    event_id = path[len(EVENTS_DIR) + 1 :].rsplit(".", 1)[0]
    stem = event_id.rsplit("/", 1)[-1]
    try:
        if event_id in RESERVED_IDS:
            raise FileError(1, f"'{event_id}' is reserved for the events page: rename the file")
        if not event_id.isprintable():  # it makes the page's address
            raise FileError(
                0,
                "the file's name holds a control character or a byte that is not UTF-8: "
                "rename the file",
            )
        parsed, notes = _parse_file(path, decode(data))
    except FileError as error:
        return FileRecords(problems=(Problem(Source(path, error.line), "error", error.message),))
    if isinstance(parsed.value, list) and not path.endswith(".md"):  # only .yml holds lists
        results = [
            _read_event(
                path, f"{event_id}#{n}", stem, item, "", page=False, line=parsed.lines[n - 1]
            )
            for n, item in enumerate(parsed.items, start=1)
        ]
    else:
        results = [_read_event(path, event_id, stem, parsed, notes, page=True, line=1)]
    return FileRecords(
        events=tuple(event for result in results for event in result.events),
        references=tuple(ref for result in results for ref in result.references),
        problems=tuple(problem for result in results for problem in result.problems),
    )


def _read_event(
    path: str, event_id: str, stem: str, parsed: Parsed, notes: str, page: bool, line: int
) -> FileRecords:
    what = "this item" if not page else "an event"
    try:
        if parsed.error:
            raise parsed.error
        if not isinstance(parsed.value, dict):
            raise FileError(line, f"{what} must be a mapping of fields, starting with 'date:'")
        known = EVENT_FIELDS + (("notes",) if not path.endswith(".md") else ())
        fields = Fields(parsed, path, line, known)
        day, at = fields.required("date", as_when, f"{what} needs a date: add 'date: YYYY-MM-DD'")
        end_day, end_at = fields.get("end", as_when, (None, None))
        kind = fields.get("kind", as_text, "")
        default_title = title_from_stem(stem) if page else (kind or "Event").capitalize()
        event = Event(
            source=Source(path, line),
            id=event_id,
            date=day,
            time=at,
            end_date=end_day,
            end_time=end_at,
            title=fields.get("title", as_text, default_title),
            kind=kind,  # checked against the config's kinds when names are resolved
            place=fields.get("place", as_text),
            follow_up=fields.get("follow_up", as_follow_ups, ()),
            tags=fields.tags(),
            uid=fields.get("uid", as_text),
            notes=notes if path.endswith(".md") else fields.get("notes", as_text, ""),
            page=page,
        )
        references = [
            (event_id, Reference(fields.item_source("with", index), "with", name))
            for index, name in enumerate(fields.get("with", as_texts, ()))
        ]
        by = fields.get("by", as_text)
        if by:
            references.append((event_id, Reference(fields.source("by"), "by", by)))
        if kind:
            references.append((event_id, Reference(fields.source("kind"), "kind", kind)))
        problems = (*fields.problems, *event_problems(event, fields.source))
        return FileRecords(events=(event,), references=tuple(references), problems=problems)
    except FileError as error:
        return FileRecords(problems=(Problem(Source(path, error.line), "error", error.message),))


def _parse_file(path: str, text: str) -> tuple[Parsed, str]:
    if path.endswith(".md"):
        front, first_line, notes = split_front_matter(text)
        return parse_yaml(front, first_line), notes
    return parse_yaml(text, 1), ""


# ---------------------------------------------------------------- the journal


def read_people(root: Path) -> list[Person]:
    """The people of the journal, read without its events (for the commands that write)."""
    people = []
    for path, rel in journal_files(root, PEOPLE_DIR, False):
        people.extend(read_journal_file(root, path, rel, read_person_file).people)
    return people


@collector_paused()
def load_journal(
    root: Path, config: Config, cache: FileCache | None = None
) -> tuple[Journal, list[Problem]]:
    """Every person and event under ``root``, and every problem found, sorted by file and line."""
    cache = cache or FileCache()
    cache.begin()
    root = Path(os.path.abspath(root))  # as a watcher tells the paths that changed
    person_files = cache.read_folder(root, PEOPLE_DIR, False, read_person_file)
    event_files = cache.read_folder(root, EVENTS_DIR, True, read_event_file)
    loaded = _notes_saved(cache.loaded, config, person_files, event_files)
    if loaded is None:
        loaded = _put_together(person_files, event_files, config, cache)
    cache.loaded = (config, person_files, event_files, *loaded)
    return loaded[0], list(loaded[1])


def _put_together(
    person_files: list[FileRecords], event_files: list[FileRecords], config: Config, cache
) -> tuple[Journal, list[Problem]]:
    """The journal of the records of these files, names resolved, and every problem
    found, sorted by file and line."""
    problems = [problem for f in (*person_files, *event_files) for problem in f.problems]
    people = _unique(
        [p for f in person_files for p in f.people], lambda p: p.slug, "person", problems
    )
    events = _unique([e for f in event_files for e in f.events], lambda e: e.id, "event", problems)
    references: dict[str, list[Reference]] = {}
    for records in (*person_files, *event_files):
        for record_id, reference in records.references:
            references.setdefault(record_id, []).append(reference)

    index = People(people.values())
    people = {
        slug: _resolve_person(person, references.get(slug, ()), index, problems)
        for slug, person in people.items()
    }
    resolved = _resolve_events(events.values(), references, index, config, problems, cache)
    journal = Journal(
        people=dict(sorted(people.items())),
        events=tuple(sorted(resolved, key=lambda e: e.sort_key)),
        config=config,
    )
    return journal, sorted(problems)


def _notes_saved(
    last: tuple | None, config: Config, person_files: list, event_files: list
) -> tuple[Journal, list[Problem]] | None:
    """The last load's journal and problems with the notes of the files that changed,
    when these files changed nothing but their notes (the commonest save): nothing
    else needs putting together again. None otherwise, or if there was no last load."""
    if last is None or last[0] != config:
        return None
    before_people, before_events, journal, problems = last[1:]
    if len(before_people) != len(person_files) or len(before_events) != len(event_files):
        return None
    people, events = journal.people, list(journal.events)
    for before, after in zip(
        (*before_people, *before_events), (*person_files, *event_files), strict=True
    ):
        if before is after:
            continue
        if (before.problems, before.references) != (after.problems, after.references):
            return None
        if len(before.people) != len(after.people) or len(before.events) != len(after.events):
            return None
        for was, now in zip(before.people, after.people, strict=True):
            kept = people.get(now.slug)
            if kept is None or kept.source != was.source or not same_but_notes(was, now):
                return None  # more than the notes changed, or a record left out for its id
            people = {**people, now.slug: replace(kept, notes=now.notes)}
        for was, now in zip(before.events, after.events, strict=True):
            at = bisect_left(events, now.sort_key, key=lambda e: e.sort_key)
            kept = events[at] if at < len(events) else None
            if kept is None or kept.source != was.source or not same_but_notes(was, now):
                return None
            events[at] = replace(kept, notes=now.notes)
    return replace(journal, people=people, events=tuple(events)), problems


def _unique(records: list, key: Callable, what: str, problems: list[Problem]) -> dict:
    """Records by id; of two files with the same id, the .md one (then .yml) is kept."""

    def precedence(record) -> tuple:
        path = record.source.path
        return (SUFFIXES.index("." + path.rsplit(".", 1)[-1]), path)

    kept: dict = {}
    for record in sorted(records, key=precedence):
        other = kept.get(key(record))
        if other is None:
            kept[key(record)] = record
        elif other.source.path != record.source.path:
            problems.append(
                Problem(
                    Source(record.source.path, 1),
                    "error",
                    f"the same {what} '{key(record)}' as {other.source.path}, which is used; "
                    "this file is left out",
                )
            )
    return kept


def _resolve_person(person: Person, references, index: People, problems: list[Problem]) -> Person:
    for reference in references:
        found = index.find(reference.value)
        if found.slug:
            person = replace(person, introduced_by=found.slug)
            problems += person_problems(person, lambda _, source=reference.source: source)
            return person
        problems.append(Problem(reference.source, "error", f"introduced_by: {found.why}"))
    return person


def _resolve_events(
    events: Iterable[Event],
    references: dict[str, list[Reference]],
    index: People,
    config: Config,
    problems: list[Problem],
    cache: FileCache,
) -> list[Event]:
    """Each event with its names and kind resolved. Under ``mkdocs serve`` most events
    are the records of files that did not change, resolved against the same names and
    kinds: those are taken as the last load resolved them (``cache.resolved``)."""
    names = (config, tuple((slug, person.names) for slug, person in index.people.items()))
    kept = cache.resolved if cache.resolved.get("names") == names else {}
    memo: dict = {"names": names}
    resolved = []
    for event in events:
        refs = tuple(references.get(event.id, ()))
        last = kept.get(id(event))
        if last is None or last[0] is not event or last[1] != refs:
            found: list[Problem] = []
            last = (event, refs, _resolve_event(event, refs, index, config, found), found)
        memo[id(event)] = last
        resolved.append(last[2])
        problems += last[3]
    cache.resolved = memo
    return resolved


def _resolve_event(
    event: Event, references, index: People, config: Config, problems: list[Problem]
) -> Event:
    people: list[str] = []
    by = None
    kind = config.default_kind
    for reference in references:
        if reference.field == "kind":
            if reference.value in config.kinds:
                kind = reference.value
            elif reference.value.lower() in config.kinds:  # 'Coffee', as circles allow 'Inner'
                kind = reference.value.lower()
            else:
                hint = did_you_mean(reference.value, config.kinds)
                problems.append(
                    Problem(
                        reference.source,
                        "warning",
                        f"unknown kind '{reference.value}', so '{kind}' is used{hint} "
                        "(more kinds can be mapped to a channel under extra.kithbook.kinds)",
                    )
                )
        elif reference.field == "by" and reference.value.lower() in ("me", "them"):
            by = reference.value.lower()
        else:
            found = index.find(reference.value)
            if found.slug is None:
                level = "error" if reference.field == "with" else "warning"
                problems.append(Problem(reference.source, level, f"{reference.field}: {found.why}"))
            elif reference.field == "by":
                by = found.slug
            elif found.slug not in people:
                people.append(found.slug)
    return replace(event, kind=kind, channel=config.kinds[kind], with_=tuple(people), by=by)
