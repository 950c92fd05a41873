"""The files a plan asks for: an export's facts as front matter.

A new person's or event's file, written by the same code as ``kithbook add`` and
``kithbook log``; and for a person already written, the empty fields the export fills.
A field that says something else is a conflict, reported and kept as written (an
earlier ``met`` stands; addresses compare without case, phones by their digits); notes
are never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path

from ..load import EVENTS_DIR, PEOPLE_DIR, PERSON_FIELDS
from ..model import Birthday, Person, Problem, Source
from ..write import add_to_front_matter, event_markdown, person_markdown
from . import EventRecord
from .ids import email_address, linkedin_id, name_key, spacing_key, twitter_handle
from .match import Candidate, merge_facts
from .outcome import Change, Conflict, NewFile


def person_file(slug: str, candidate: Candidate) -> NewFile:
    """The file of a new person: ``people/<slug>.md``, their facts in the order of the
    format, with the facts that are written only of a new person (``new_facts``)."""
    facts = merge_facts([candidate.facts, candidate.new_facts])
    fields: dict[str, object] = {"name": candidate.name}
    fields.update(nested(_ordered(facts)))
    return NewFile(
        f"{PEOPLE_DIR}/{slug}.md", person_markdown(fields), candidate.source, candidate.name or slug
    )


def event_file(record: EventRecord, slugs: list[str], event_id: str) -> NewFile:
    """The file of a new event: ``events/<event_id>.md``, with the people ``slugs``."""
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


def nested(facts: Mapping[str, object]) -> dict[str, object]:
    """Dotted facts as front matter: ``contact.email`` under ``contact``; a contact
    given once is written as one value, not a list of one."""
    fields: dict[str, object] = {}
    for key, value in facts.items():
        top, _, sub = key.partition(".")
        value = _one_if_single(top, value)
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


def fill_people(
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
    """A contact given once as one value, not a list of one."""
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
    normal = _NORMAL.get(key, spacing_key)
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
