"""Two people merged into one: the other's fields fill the empty ones of the one kept,
lists are joined, the names join ``aka``, the notes are appended under a heading, every
reference follows (``people.follow_references``) and the other's file goes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..load import PERSON_FIELDS
from ..model import Person
from ..names import People
from .edits import EditRefused, FileEdit
from .file_text import is_empty
from .people import add_names, among, events_following, follow_references, followed, shown
from .plan import Builder, Opened, Plan, check

#: The fields a merge does not fill: the names are joined, the notes appended.
NOT_FILLED = ("name", "aka", "notes")
#: The fields read as a list even when written as one text, separated by commas.
TEXT_LISTS = ("tags",)


def plan_merge(opened: Opened, keep: Person, other: Person) -> Plan:
    """One person from two: ``other``'s fields fill ``keep``'s empty ones (each that
    differs is noted and ``keep``'s value kept), ``other``'s names join ``keep``'s aka,
    ``other``'s notes are appended under a heading ("## Notes merged from NAME"),
    references follow, and ``other``'s file goes."""
    heading = f"## Notes merged from {' '.join(other.name.split())}"
    if keep.slug == other.slug:
        raise EditRefused(f"'{keep.name}' and '{other.name}' are the same person")
    stopped = opened.unread_mentions(other.names)
    if stopped:
        raise EditRefused(stopped)
    builder = Builder(opened, "merge")
    keep_rel, other_rel = keep.source.path, other.source.path
    keep_edit = builder.edit(keep_rel)
    other_edit = FileEdit(other_rel, (opened.root / other_rel).read_bytes())
    fills, unions, conflicts = _fills(keep_edit, other_edit, opened.people, keep, other)
    for key, value in fills.items():
        builder.say(f"{keep_rel}: {key}: {shown(value)} (from {other_rel})")
    for union in unions:
        if union.single:
            keep_edit.make_list(0, union.keys, [union.current, *union.added])
        else:
            for item in union.added:
                keep_edit.append(0, union.keys if len(union.keys) > 1 else union.keys[0], item)
        added = ", ".join(str(item) for item in union.added)
        builder.say(f"{keep_rel}: {'.'.join(union.keys)}: + {added} (from {other_rel})")
    for done, would in conflicts:
        builder.plan.note(done, would)
    names = [
        name for name in dict.fromkeys((other.name, *other.aka)) if not among(name, keep.names)
    ]
    add_names(builder, keep_rel, names, fills)
    if other.notes.strip():
        notes = f"{heading}\n\n{other.notes.strip()}"
        if keep_rel.endswith(".md"):
            keep_edit.append_notes(notes)
        elif not keep.notes:
            fills["notes"] = notes
        else:
            raise EditRefused(f"{keep_rel}: its notes are a field: add {other_rel}'s by hand")
        builder.say(f"{keep_rel}: notes: + {other_rel}'s, under '{heading}'")
    order = (*PERSON_FIELDS, "notes")
    builder.add_fields(keep_rel, dict(sorted(fills.items(), key=lambda kv: order.index(kv[0]))))
    introducer = fills.get("introduced_by")
    merged = replace(
        keep,
        aka=(*keep.aka, *names),
        introduced_by=opened.people.find(str(introducer)).slug
        if introducer
        else keep.introduced_by,
    )
    others = [p for p in opened.journal.people.values() if p.slug not in (keep.slug, other.slug)]
    index = People([merged, *others])
    follow_references(builder, {other.slug: keep.slug}, index)
    builder.remove(other_rel)
    builder.say(f"{other_rel}: removed")
    plan = builder.finish()
    follow = {other.slug: keep.slug}

    def expected(before: Person) -> Person | None:
        if before.slug == other.slug:
            return None
        if before.slug == keep.slug:
            return replace(merged, introduced_by=followed(merged.introduced_by, follow))
        return replace(before, introduced_by=followed(before.introduced_by, follow))

    check(opened, plan, expected, events_following(follow), loose={keep.slug})
    return plan


def _fills(
    keep_edit: FileEdit, other_edit: FileEdit, people: People, keep: Person, other: Person
) -> tuple[dict[str, object], list[Union], list[tuple[str, str]]]:
    """(the fields of ``other``'s file that fill ``keep``'s empty ones, as written; the
    items of ``other``'s lists that ``keep``'s lists of the same field lack; a note for
    each single value both give differently, as done and as it would be: ``keep``'s is
    kept)."""
    fills: dict[str, object] = {}
    unions: list[Union] = []
    conflicts: list[tuple[str, str]] = []
    mine, theirs = keep_edit.expected, other_edit.expected
    for key, value in theirs.items():
        if key in NOT_FILLED or is_empty(value) or key not in PERSON_FIELDS:
            continue
        if key == "introduced_by" and people.find(str(value)).slug in (keep.slug, other.slug):
            continue  # they cannot introduce themselves
        current = mine.get(key)
        if isinstance(value, dict) and isinstance(current, dict) and current:
            added = {k: v for k, v in value.items() if is_empty(current.get(k)) and not is_empty(v)}
            if added:
                fills[key] = added
            for k, v in value.items():
                if is_empty(current.get(k)) or is_empty(v) or current[k] == v:
                    continue
                union = _union((key, k), current[k], v, as_text=False)
                if union is not None:
                    unions += [union] if union.added else []
                else:
                    conflicts.append(_kept(f"{key}.{k}", current[k], v, other))
        elif is_empty(current):
            fills[key] = value
        elif current != value:
            union = _union((key,), current, value, as_text=key in TEXT_LISTS)
            if union is not None:
                unions += [union] if union.added else []
            else:
                conflicts.append(_kept(key, current, value, other))
    return fills, unions, conflicts


@dataclass(frozen=True)
class Union:
    """The items of OTHER's list (field ``keys``: inside mappings when several) that
    KEEP's lacks, and whether KEEP's is one value, to be made a list."""

    keys: tuple[str, ...]
    added: tuple[object, ...]
    single: bool
    current: object


def _union(keys: tuple[str, ...], mine: object, theirs: object, as_text: bool) -> Union | None:
    """What OTHER's value adds to KEEP's when either is a list (or both are texts of a
    field read as a list, ``as_text``): OTHER's items KEEP's lacks, in order, each once
    (addresses whatever their case); None when both are single values, or either holds
    more than plain values (a conflict, KEEP's kept)."""
    if not (as_text or isinstance(mine, list) or isinstance(theirs, list)):
        return None
    mine_items, their_items = _items(mine, as_text), _items(theirs, as_text)
    if mine_items is None or their_items is None:
        return None
    seen = {_same_key(item) for item in mine_items}
    added = []
    for item in their_items:
        if _same_key(item) not in seen:
            seen.add(_same_key(item))
            added.append(item)
    return Union(keys, tuple(added), not isinstance(mine, list) and not as_text, mine)


def _items(value: object, as_text: bool) -> list[object] | None:
    """The items of a field's value (a list, or one value; a comma-separated text when
    ``as_text``, as the loader reads it); None when one is not a plain value."""
    if as_text and isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str | int | float) for item in items if item is not None):
        return None
    return [item.strip() if isinstance(item, str) else item for item in items if item is not None]


def _same_key(item: object) -> object:
    """What two items are compared by: an address (with an ``@``) whatever its case."""
    if isinstance(item, str) and "@" in item:
        return item.casefold()
    return item


def _kept(key: str, mine: object, theirs: object, other: Person) -> tuple[str, str]:
    """The note for a field both give differently: KEEP's value is kept."""
    said = f"{key}: {shown(mine)} ({other.source.path} says {shown(theirs)})"
    return f"kept {said}", f"would keep {said}"
