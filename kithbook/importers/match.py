"""Who is who: the people of an export merged among themselves, then found in the journal.

Matching is humble. Stable ids decide first (an email address, a LinkedIn profile, a
Twitter/X account id or handle, a vCard UID); a name or aka decides only when no id
does; and whatever could mean more than one person is held back, with the reason,
for the person to decide. Nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Person, Source
from . import PersonRecord
from .ids import SINGLE_IDS, name_key, stable_ids

MATCHED = "matched"
NEW = "new"
AMBIGUOUS = "ambiguous"
SKIPPED = "skipped"

_ID_WORDS = {
    "email": "email address",
    "linkedin": "LinkedIn profile",
    "twitter": "Twitter/X handle",
    "twitter_id": "Twitter/X account",
    "vcard_uid": "vCard UID",
}


@dataclass(frozen=True)
class Candidate:
    """One person of the export: its records that share a stable id, or a name
    without conflicting ids, merged. The first record's values come first."""

    sources: tuple[Source, ...]
    keys: tuple[str, ...]
    name: str | None
    names: tuple[str, ...]
    facts: dict[str, object]
    new_facts: dict[str, object]
    ids: frozenset[tuple[str, str]]
    create: bool
    why_not_created: str = ""

    @property
    def source(self) -> Source:
        return self.sources[0]

    @property
    def shown(self) -> str:
        """How messages name this person: their name, or their first id."""
        if self.name:
            return self.name
        kind, value = sorted(self.ids)[0] if self.ids else ("", "someone")
        return f"{_ID_WORDS.get(kind, kind)} {value}".strip()


@dataclass(frozen=True)
class Found:
    """What matching made of a candidate: ``status`` is MATCHED (``slug`` is theirs,
    found by a stable id or, ``by_name``, by name), NEW, AMBIGUOUS or SKIPPED (``why``
    says why, in words that do not name the record, so that records skipped for one
    reason are counted together)."""

    candidate: Candidate
    status: str
    slug: str | None = None
    why: str = ""
    by_name: bool = False


# ---------------------------------------------------------------- within the export


class _Groups:
    """Union-find over record numbers, keeping each group's single-valued ids."""

    def __init__(self, ids: list[set[tuple[str, str]]]) -> None:
        self.parent = list(range(len(ids)))
        self.single: list[dict[str, set[str]]] = [_single_ids(record_ids) for record_ids in ids]

    def root(self, number: int) -> int:
        while self.parent[number] != number:
            self.parent[number] = self.parent[self.parent[number]]
            number = self.parent[number]
        return number

    def has_single(self, number: int) -> bool:
        """Whether the group of ``number`` has a single-valued id."""
        return any(self.single[self.root(number)].values())

    def compatible(self, a: int, b: int) -> bool:
        """Whether two groups may be one person: no single-valued id differs."""
        mine, theirs = self.single[self.root(a)], self.single[self.root(b)]
        return all(not (mine.get(k) and theirs.get(k)) or mine[k] & theirs[k] for k in SINGLE_IDS)

    def join(self, a: int, b: int) -> None:
        a, b = self.root(a), self.root(b)
        if a == b:
            return
        if b < a:
            a, b = b, a  # the earlier record's group absorbs the later one
        self.parent[b] = a
        for kind, values in self.single[b].items():
            self.single[a].setdefault(kind, set()).update(values)


def _single_ids(ids: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    single: dict[str, set[str]] = {}
    for kind, value in ids:
        if kind in SINGLE_IDS:
            single.setdefault(kind, set()).add(value)
    return single


def unify(records: Iterable[PersonRecord]) -> list[Candidate]:
    """The records of an export merged into candidates: records that share a stable
    id are one person; so are records of the same name whose single-valued ids
    (LinkedIn profile, account id, UID) do not differ. In the order first seen."""
    records = list(records)
    ids = [stable_ids(record.facts) for record in records]
    groups = _Groups(ids)
    first_with: dict[tuple[str, str], int] = {}
    for number, record_ids in enumerate(ids):
        for stable_id in sorted(record_ids):
            if stable_id in first_with:
                groups.join(first_with[stable_id], number)
            else:
                first_with[stable_id] = number
    # By name: a record joins the first group of its name when one of the two has no
    # single-valued id (a bare name cannot contradict anyone), and never joins a group
    # whose LinkedIn profile, account id or UID is another. (One look-up per record:
    # 30,000 connections share a few thousand names.)
    first: dict[str, int] = {}  # name -> the first record of that name
    bare: dict[str, int] = {}  # name -> a record of that name whose group had no such ids
    for number, record in enumerate(records):
        key = name_key(record.name) if record.name else ""
        if not key:
            continue
        if not groups.has_single(number):
            if key in first:
                groups.join(first[key], number)
        elif key in bare and groups.compatible(bare[key], number):
            groups.join(bare[key], number)
        first.setdefault(key, number)
        if not groups.has_single(number):
            bare.setdefault(key, number)
    members: dict[int, list[int]] = {}
    for number in range(len(records)):
        members.setdefault(groups.root(number), []).append(number)
    return [
        _candidate([records[n] for n in numbers], [ids[n] for n in numbers])
        for numbers in members.values()
    ]


def _candidate(records: list[PersonRecord], ids: list[set[tuple[str, str]]]) -> Candidate:
    name = next((r.name for r in records if r.name), None)
    names: list[str] = []
    for record in records:
        for other in (record.name, *record.names):
            if other and other not in names:
                names.append(other)
    return Candidate(
        sources=tuple(r.source for r in records),
        keys=tuple(r.key for r in records),
        name=name,
        names=tuple(names),
        facts=merge_facts(r.facts for r in records),
        new_facts=merge_facts(r.new_facts for r in records),
        ids=frozenset(i for record_ids in ids for i in record_ids),
        create=any(r.create for r in records),
        why_not_created=next((r.why_not_created for r in records if r.why_not_created), ""),
    )


def merge_facts(all_facts: Iterable[dict[str, object]]) -> dict[str, object]:
    """Facts of several records of one person: lists are joined (each value once,
    case aside), and of two other values the first is kept."""
    merged: dict[str, object] = {}
    for facts in all_facts:
        for key, value in facts.items():
            if value is None or value == "" or value == []:
                continue
            if key not in merged:
                merged[key] = list(value) if isinstance(value, list | tuple) else value
            elif isinstance(merged[key], list) and isinstance(value, list | tuple):
                seen = {str(item).casefold() for item in merged[key]}  # type: ignore[union-attr]
                merged[key] += [v for v in value if str(v).casefold() not in seen]  # type: ignore[operator]
    return merged


# ---------------------------------------------------------------- in the journal


def person_facts(person: Person) -> dict[str, object]:
    """The facts of a person as written, under the names that stable_ids reads."""
    facts: dict[str, object] = {
        f"contact.{kind}": list(values) for kind, values in person.contact.items()
    }
    for kind in ("twitter_id", "vcard_uid"):
        if person.extra.get(kind) is not None:
            facts[f"extra.{kind}"] = str(person.extra[kind])
    return facts


@dataclass
class Directory:
    """The people already in the journal, found by stable id and by name or aka."""

    people: dict[str, Person]
    by_id: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=dict)
    single: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for slug, person in self.people.items():
            ids = stable_ids(person_facts(person))
            for stable_id in ids:
                self.by_id.setdefault(stable_id, set()).add(slug)
            self.single[slug] = _single_ids(ids)
            for name in person.names:
                key = name_key(name)
                if key:
                    self.by_name.setdefault(key, set()).add(slug)

    def find(self, candidate: Candidate) -> Found:
        """The person ``candidate`` is: by stable id, else by name; or why not."""
        by_id: dict[str, set[tuple[str, str]]] = {}
        for stable_id in candidate.ids:
            for slug in self.by_id.get(stable_id, ()):
                by_id.setdefault(slug, set()).add(stable_id)
        if len(by_id) == 1:
            return Found(candidate, MATCHED, next(iter(by_id)))
        if by_id:
            return Found(candidate, AMBIGUOUS, why=_ids_of_several(candidate, by_id))
        by_name = sorted(
            {slug for name in candidate.names for slug in self.by_name.get(name_key(name), ())}
        )
        if (
            by_name
            and not candidate.create
            and all(self._differing_ids(candidate, slug) for slug in by_name)
        ):
            # Only namesakes (their ids are others), and this one is not to be created:
            # skipped for that, as when no one had the name (the import that created
            # the namesakes said so too).
            return Found(candidate, SKIPPED, why=candidate.why_not_created or "not created")
        if len(by_name) > 1:
            return Found(
                candidate,
                AMBIGUOUS,
                why=f"'{candidate.shown}' could be {' or '.join(by_name)}: "
                "add their email or profile address to the right file, then import again",
            )
        if by_name:
            slug = by_name[0]
            differing = self._differing_ids(candidate, slug)
            if differing:
                return Found(
                    candidate,
                    AMBIGUOUS,
                    why=f"'{candidate.shown}' has the name of {slug}, whose {differing} is "
                    "another: if they are someone else, add them by hand with that "
                    "address, then import again",
                )
            return Found(candidate, MATCHED, slug, by_name=True)
        if not candidate.name:
            return Found(candidate, SKIPPED, why="no name in the export, only an id")
        if not candidate.create:
            return Found(candidate, SKIPPED, why=candidate.why_not_created or "not created")
        return Found(candidate, NEW)

    def namesakes(self, found: list[Found]) -> list[Found]:
        """``found`` with the candidates that matched one person by name while their own
        single-valued ids differ (two accounts called Freezer, one "Freezer" written by
        hand) held back as ambiguous: which of them is the person cannot be told, and
        filling in the first one's id would make the next import say otherwise."""
        by_slug: dict[str, list[int]] = {}
        for number, result in enumerate(found):
            if result.status == MATCHED and result.by_name:
                by_slug.setdefault(result.slug, []).append(number)  # type: ignore[arg-type]
        held = list(found)
        for slug, numbers in by_slug.items():
            candidates = [found[n].candidate for n in numbers]
            if len(candidates) < 2 or not _ids_differ(candidates):
                continue
            shown = ", ".join(sorted({c.shown for c in candidates}))
            for number in numbers:
                held[number] = Found(
                    found[number].candidate,
                    AMBIGUOUS,
                    why=f"'{shown}': {len(candidates)} records of the export with other "
                    f"ids have the name of {slug}: add their ids (an address, a profile, "
                    "an account) to the right files, then import again",
                )
        return held

    def _differing_ids(self, candidate: Candidate, slug: str) -> str:
        """The words for a single-valued id that the candidate and the person both
        have, with different values ('LinkedIn profile'), or ''."""
        theirs = self.single.get(slug, {})
        mine = _single_ids(candidate.ids)
        for kind in sorted(SINGLE_IDS):
            if mine.get(kind) and theirs.get(kind) and not mine[kind] & theirs[kind]:
                return _ID_WORDS[kind]
        return ""


def _ids_differ(candidates: list[Candidate]) -> bool:
    """Whether two of ``candidates`` have different values of a single-valued id."""
    seen: dict[str, frozenset[str]] = {}
    for candidate in candidates:
        for kind, values in _single_ids(candidate.ids).items():
            if kind in seen and not seen[kind] & values:
                return True
            seen[kind] = seen.get(kind, frozenset()) | values
    return False


def _ids_of_several(candidate: Candidate, by_id: dict[str, set[tuple[str, str]]]) -> str:
    parts = [
        f"{slug} ({', '.join(value for _, value in sorted(ids))})"
        for slug, ids in sorted(by_id.items())
    ]
    return (
        f"'{candidate.shown}' has ids of more than one person: {' and '.join(parts)}: "
        "if they are one person, merge their files, then import again"
    )
