"""Files -> (Journal, problems).

The loader never raises for bad user data. A file it cannot read as a whole is
an error and left out; a field with a bad value is a warning, and the field's
default is used. Reading happens in two steps: each file on its own (cached by
path, mtime and size, so ``mkdocs serve`` re-reads only what changed), then the
names in ``with:``, ``by:`` and ``introduced_by:`` are resolved against everyone.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from .config import parse_day
from .model import (
    CIRCLES,
    Birthday,
    Config,
    Duration,
    Event,
    FollowUp,
    Journal,
    Person,
    Problem,
    Source,
    within_range,
)
from .names import People
from .reading import FileError, Parsed, decode, parse_yaml, split_front_matter
from .speed import collector_paused
from .text import SLUG, did_you_mean, slugify, title_from_stem
from .validate import event_problems, person_problems

PEOPLE_DIR = "people"
EVENTS_DIR = "events"
SUFFIXES = (".md", ".yml", ".yaml")  # in order of precedence for the same id
RESERVED_IDS = ("index",)

PERSON_FIELDS = (
    "name", "aka", "where", "tags", "circle", "keep_in_touch", "met", "how_we_met",
    "introduced_by", "birthday", "org", "role", "contact", "follows_me", "i_follow",
    "extra", "snooze_until",
)  # fmt: skip
EVENT_FIELDS = (
    "date", "end", "title", "kind", "with", "place", "by", "follow_up", "tags", "uid",
)  # fmt: skip

# ---------------------------------------------------------------- field values


def _text(value: object) -> str:
    if isinstance(value, bool) or isinstance(value, list | dict):
        raise ValueError(f"expected text, not {_shown(value)}")
    return str(value).strip()


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list):
        return tuple(_text(item) for item in value if item is not None and _text(item))
    return (_text(value),)


#: A tag: letters and digits in any script, spaces, and a few marks between them.
_TAG = re.compile(r"[^\W_](?:[\w .+&/'-]*[\w+])?")
LONGEST_TAG = 40


def parse_tag(text: str) -> str:
    """``text`` as a tag (a group such as ``brummies`` or ``book club``); ValueError saying
    what a tag may hold otherwise. Tags name groups on pages and in links, so nothing in
    them reads as markup anywhere: letters, digits, spaces, ``- _ . + & / '``."""
    tag = unicodedata.normalize("NFC", text.strip())
    if len(tag) > LONGEST_TAG or not _TAG.fullmatch(tag):
        raise ValueError(
            f"'{text}' is not a tag: use letters, digits, spaces and - _ . + & / ' "
            f"(at most {LONGEST_TAG} characters)"
        )
    return tag


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, not {_shown(value)}")


def _single(value: object, what: str) -> None:
    # str() of a list would show Python's repr ("'[datetime.date(...)]'"): say it plainly.
    if isinstance(value, list | dict):
        raise ValueError(f"expected {what}, not {_shown(value)}")


def _day(value: object) -> date:
    _single(value, "a date")
    if isinstance(value, datetime):
        return value.date()
    return parse_day(value)


def _when(value: object) -> tuple[date, time | None]:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM`` (YAML may already have made a date or datetime),
    within the days kithbook works with."""
    _single(value, "a date")
    if isinstance(value, datetime):
        moment = value.time().replace(second=0, microsecond=0, tzinfo=None)
        return within_range(value.date()), moment
    if isinstance(value, date):
        return within_range(value), None
    text = str(value).strip().replace("T", " ")
    try:
        if " " in text:
            moment = datetime.strptime(text, "%Y-%m-%d %H:%M")
            day, at = moment.date(), moment.time()
        else:
            day, at = date.fromisoformat(text), None
    except ValueError:
        raise ValueError(f"'{value}' is not a date: write YYYY-MM-DD or YYYY-MM-DD HH:MM") from None
    return within_range(day), at


def _circle(value: object) -> str:
    text = _text(value).lower()
    if text not in CIRCLES:
        raise ValueError(
            f"unknown circle '{value}'{did_you_mean(text, CIRCLES)} (circles: {', '.join(CIRCLES)})"
        )
    return text


def _keep_in_touch(value: object) -> Duration | str:
    _single(value, "a duration or never")
    if value is False or str(value).strip().lower() == "never":
        return "never"
    return Duration.parse(value)


def _birthday(value: object) -> Birthday:
    _single(value, "a birthday")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Birthday(value.month, value.day, within_range(value).year)
    text = str(value).strip()
    try:
        if len(text) == 5:
            day = date(2000, int(text[:2]), int(text[3:]))  # a leap year: 02-29 is a birthday
            if text[2] != "-":
                raise ValueError
            return Birthday(day.month, day.day)
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{value}' is not a birthday: write YYYY-MM-DD or MM-DD") from None
    return Birthday(day.month, day.day, within_range(day).year)


def _mapping(value: object) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping of names to values, not {_shown(value)}")
    return {str(key): item for key, item in value.items()}


def _contact(value: object) -> dict[str, tuple[str, ...]]:
    contact = {}
    for key, item in _mapping(value).items():
        items = item if isinstance(item, list) else [item]
        values = tuple(_text(v) for v in items if v is not None)
        if any(values):
            contact[key] = tuple(v for v in values if v)
    return contact


def _follow_ups(value: object) -> tuple[FollowUp, ...]:
    items = value if isinstance(value, list) else [value]
    follow_ups = []
    for item in items:
        if item is None:  # an empty '-' line
            continue
        text = _text(item)
        done = text[:4].lower() == "[x] "
        if done or text.startswith("[ ] "):
            text = text[4:].strip()
        if text:
            follow_ups.append(FollowUp(text, done))
    return tuple(follow_ups)


def _shown(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


class _Fields:
    """Reads the fields of one record; a bad value becomes a warning and its default."""

    def __init__(self, parsed: Parsed, path: str, line: int, known: tuple[str, ...]):
        self.data: dict = parsed.value  # type: ignore[assignment]
        self.lines = parsed.lines
        self.path = path
        self.line = line
        self.problems: list[Problem] = []
        for key in self.data:
            if key not in known:
                hint = did_you_mean(str(key), known) or (
                    "; put your own fields under 'extra:'" if "extra" in known else ""
                )
                self.warn(key, f"unknown field '{key}'{hint}")

    def source(self, key: object) -> Source:
        return Source(self.path, self.lines.get(key, self.line))

    def warn(self, key: object, message: str, level: str = "warning") -> None:
        self.problems.append(Problem(self.source(key), level, message))  # type: ignore[arg-type]

    def get(self, key: str, parse: Callable[[object], object], default: object = None):
        value = self.data.get(key)
        if value is None or value == "" or value == []:
            return default
        try:
            return parse(value)
        except ValueError as error:
            self.warn(key, f"{key}: {error}; ignored")
            return default

    def tags(self) -> tuple[str, ...]:
        """The record's tags; each one that is not a tag (``parse_tag``) is a warning at
        its line and left out, the others kept."""
        kept = []
        for index, tag in enumerate(self.get("tags", _texts, ())):
            try:
                kept.append(parse_tag(tag))
            except ValueError as error:
                self.problems.append(
                    Problem(_item_source(self, "tags", index), "warning", f"tags: {error}; ignored")
                )
        return tuple(dict.fromkeys(kept))

    def required(self, key: str, parse: Callable[[object], object], what: str):
        value = self.data.get(key)
        if value is None or value == "":
            raise FileError(self.line, what)
        try:
            return parse(value)
        except ValueError as error:
            raise FileError(self.lines.get(key, self.line), f"{key}: {error}") from None


# ---------------------------------------------------------------- one file


@dataclass(frozen=True)
class Reference:
    """A value written in a record that can only be resolved once everything is read: a
    name (``with``, ``by``, ``introduced_by``) against everyone, a ``kind`` against the
    config's kinds. Its source is where a problem with it is reported."""

    source: Source
    field: str
    value: str


@dataclass(frozen=True)
class FileRecords:
    """What one file holds before names are resolved: records, their references
    (keyed by record id), and the problems found in the file alone."""

    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    references: tuple[tuple[str, Reference], ...] = ()
    problems: tuple[Problem, ...] = ()


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
        fields = _Fields(parsed, path, 1, known)
        person = Person(
            source=Source(path, 1),
            slug=stem,
            name=fields.required("name", _text, "a person needs a name: add 'name: ...'"),
            aka=fields.get("aka", _texts, ()),
            where=fields.get("where", _text),
            tags=fields.tags(),
            circle=fields.get("circle", _circle, "acquaintance"),
            keep_in_touch=fields.get("keep_in_touch", _keep_in_touch),
            met=fields.get("met", _day),
            how_we_met=fields.get("how_we_met", _text),
            birthday=fields.get("birthday", _birthday),
            org=fields.get("org", _text),
            role=fields.get("role", _text),
            contact=fields.get("contact", _contact, {}),
            follows_me=fields.get("follows_me", _bool),
            i_follow=fields.get("i_follow", _bool),
            extra=fields.get("extra", _mapping, {}),
            snooze_until=fields.get("snooze_until", _day),
            notes=notes if path.endswith(".md") else fields.get("notes", _text, ""),
        )
        introducer = fields.get("introduced_by", _text)
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
        fields = _Fields(parsed, path, line, known)
        day, at = fields.required("date", _when, f"{what} needs a date: add 'date: YYYY-MM-DD'")
        end_day, end_at = fields.get("end", _when, (None, None))
        kind = fields.get("kind", _text, "")
        default_title = title_from_stem(stem) if page else (kind or "Event").capitalize()
        event = Event(
            source=Source(path, line),
            id=event_id,
            date=day,
            time=at,
            end_date=end_day,
            end_time=end_at,
            title=fields.get("title", _text, default_title),
            kind=kind,  # checked against the config's kinds when names are resolved
            place=fields.get("place", _text),
            follow_up=fields.get("follow_up", _follow_ups, ()),
            tags=fields.tags(),
            uid=fields.get("uid", _text),
            notes=notes if path.endswith(".md") else fields.get("notes", _text, ""),
            page=page,
        )
        references = [
            (event_id, Reference(_item_source(fields, "with", index), "with", name))
            for index, name in enumerate(fields.get("with", _texts, ()))
        ]
        by = fields.get("by", _text)
        if by:
            references.append((event_id, Reference(fields.source("by"), "by", by)))
        if kind:
            references.append((event_id, Reference(fields.source("kind"), "kind", kind)))
        problems = (*fields.problems, *event_problems(event, fields.source))
        return FileRecords(events=(event,), references=tuple(references), problems=problems)
    except FileError as error:
        return FileRecords(problems=(Problem(Source(path, error.line), "error", error.message),))


def _item_source(fields: _Fields, key: str, index: int) -> Source:
    """The line of item ``index`` of a list field (the field's line for a one-line list)."""
    return Source(fields.path, fields.lines.get((key, index), fields.lines.get(key, fields.line)))


def _parse_file(path: str, text: str) -> tuple[Parsed, str]:
    if path.endswith(".md"):
        front, first_line, notes = split_front_matter(text)
        return parse_yaml(front, first_line), notes
    return parse_yaml(text, 1), ""


# ---------------------------------------------------------------- the journal


def read_journal_file(
    root: Path, path: Path, rel: str, reader: Callable[[str, bytes], FileRecords]
) -> FileRecords:
    """What ``reader`` makes of the journal file ``path`` (``rel`` under ``root``), or the
    problem that kept it from being read."""
    try:
        plain_file(root, path)
        data = path.read_bytes()
    except FileError as error:
        return FileRecords(problems=(Problem(Source(rel, error.line), "error", error.message),))
    except OSError as error:
        return FileRecords(
            problems=(Problem(Source(rel), "error", f"cannot read: {error.strerror}"),)
        )
    return reader(rel, data)


class FileCache:
    """Parsed files kept across builds, keyed on path, mtime and size: under
    ``mkdocs serve`` a rebuild re-reads only the files that changed."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[int, int, FileRecords]] = {}
        self.reads = 0  # how many files were actually read, for tests and benchmarks
        self.lookups = 0  # how many files were asked for, read or not

    def read(
        self, root: Path, path: Path, rel: str, reader: Callable[[str, bytes], FileRecords]
    ) -> FileRecords:
        """As ``read_journal_file``, from the cache while the file is unchanged."""
        self.lookups += 1
        try:
            stat = plain_file(root, path)
        except (FileError, OSError):
            return read_journal_file(root, path, rel, reader)  # which says why not
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._entries.get(path)
        if cached and cached[:2] == key:
            return cached[2]
        self.reads += 1
        records = read_journal_file(root, path, rel, reader)
        self._entries[path] = (*key, records)
        return records


#: What a path that is not a plain file is, in words.
_FILE_TYPES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def plain_file(root: Path, path: Path) -> os.stat_result:
    """The status of ``path`` if it is a plain file, or a link to one inside the journal
    at ``root``; a FileError saying why not otherwise. Only such files are read: a named
    pipe or a device would block a read for ever, and a file from outside the journal
    would be published without anyone having put it there. OSError if there is nothing."""
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise FileError(0, "a link to a folder, which is not followed: move the folder here")
        journal = os.path.realpath(root)
        if os.path.commonpath([os.path.realpath(path), journal]) != journal:
            raise FileError(
                0,
                "a link to a file outside the journal, which is not read (it would be "
                "published from elsewhere): move or copy the file into the journal",
            )
    if not stat.S_ISREG(status.st_mode):
        what = next((name for test, name in _FILE_TYPES if test(status.st_mode)), "not a file")
        raise FileError(0, f"{what}: only plain files are read")
    return status


def journal_files(root: Path, folder: str, recursive: bool) -> list[tuple[Path, str]]:
    """The journal files of ``root/folder`` as (path, relative path with '/'), sorted;
    hidden files and folders and editor backups are passed over. A link to a folder is
    listed as it is, not followed, so that the reader reports it."""
    base = root / folder
    if not base.is_dir():
        return []
    found = []
    skip = len(str(base))
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")) if recursive else []
        rel = folder + dirpath[skip:].replace(os.sep, "/")  # not pathlib: 100,000s of files
        for name in dirnames:
            if os.path.islink(os.path.join(dirpath, name)):  # os.walk does not go in
                found.append((Path(dirpath, name), f"{rel}/{name}"))
        for name in filenames:
            if name.startswith(".") or not name.endswith(SUFFIXES):
                continue
            found.append((Path(dirpath, name), f"{rel}/{name}"))
    return sorted(found, key=lambda item: item[1])


@collector_paused()
def load_journal(
    root: Path, config: Config, cache: FileCache | None = None
) -> tuple[Journal, list[Problem]]:
    """Every person and event under ``root``, and every problem found, sorted by file and line."""
    cache = cache or FileCache()
    person_files = [
        cache.read(root, p, rel, read_person_file)
        for p, rel in journal_files(root, PEOPLE_DIR, False)
    ]
    event_files = [
        cache.read(root, p, rel, read_event_file)
        for p, rel in journal_files(root, EVENTS_DIR, True)
    ]
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
    resolved = [
        _resolve_event(event, references.get(event.id, ()), index, config, problems)
        for event in events.values()
    ]
    journal = Journal(
        people=dict(sorted(people.items())),
        events=tuple(sorted(resolved, key=lambda e: e.sort_key)),
        config=config,
    )
    return journal, sorted(problems)


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
