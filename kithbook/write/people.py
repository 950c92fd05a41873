"""A person renamed, merged into another, or removed, with every reference following.

A reference is a name in an event's ``with:`` or ``by:`` or a person's
``introduced_by:``. One is changed only when it has to be: when, after the change, it
would no longer name the person it names now (a slug that goes, a name that is
someone else's). The old name joins ``aka``, so a reference by that name, old notes
and future imports still find the person; such a reference stays as it is. A reference
that would come to name someone else than now stops the change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..load import PEOPLE_DIR, PERSON_FIELDS, RESERVED_IDS
from ..model import Event, Person
from ..names import People
from ..text import SLUG, file_slug
from .edits import EditRefused, FileEdit
from .file_text import is_empty
from .new_files import existing_file
from .plan import Builder, Opened, Plan, check

#: The fields that name people, in events and in people's files.
EVENT_REFERENCES = ("with", "by")
PERSON_REFERENCES = ("introduced_by",)
#: The fields a merge does not fill: the names are joined, the notes appended.
NOT_FILLED = ("name", "aka", "notes")
#: The fields read as a list even when written as one text, separated by commas.
TEXT_LISTS = ("tags",)


def find_person(opened: Opened, written: str) -> Person:
    """The person ``written`` names at the terminal (a slug, a whole name, an aka);
    EditRefused saying why no one (or who it could be) otherwise."""
    found = opened.people.find_typed(written)
    if found.slug is None:
        raise EditRefused(found.why)
    return opened.journal.people[found.slug]


# ---------------------------------------------------------------- rename


def plan_rename(opened: Opened, person: Person, new_name: str | None, new_slug: str | None) -> Plan:
    """Rename ``person``: a new name (the slug made from it unless ``new_slug`` is
    given), a new slug, or both. The file moves to the new slug; the old name joins
    ``aka``; references that would no longer name them follow."""
    name = (new_name or person.name).strip()
    if new_name is not None and not name:
        raise EditRefused("a person needs a name")
    slug = new_slug if new_slug is not None else file_slug(name) if new_name else person.slug
    if not slug:
        raise EditRefused(f"cannot make a file name from '{name}': give one with --slug")
    _refuse_slug(opened, person, slug)
    _refuse_name(opened, person, name)
    if (name, slug) == (person.name, person.slug):
        raise EditRefused(f"{person.name} is called that already: nothing to change")
    stopped = opened.unread_mentions(person.names)
    if stopped:
        raise EditRefused(stopped)

    renamed_names = person.aka
    if name != person.name and not _among(person.name, (name, *person.aka)):
        renamed_names = (*person.aka, person.name)
    renamed = replace(person, slug=slug, name=name, aka=renamed_names)
    index = People([renamed, *(p for p in opened.journal.people.values() if p is not person)])
    builder = Builder(opened, "rename")
    rel = person.source.path
    new_rel = f"{PEOPLE_DIR}/{slug}{rel[rel.rfind('.') :]}"
    if name != person.name:
        edit = builder.edit(rel)
        edit.set(0, "name", name)
        builder.say(f"{rel}:{edit.line_of(0, 'name')}: name: {person.name} -> {name}")
        if renamed_names != person.aka:
            _add_names(builder, rel, [person.name])
    if slug != person.slug:
        builder.move(rel, new_rel)
        builder.say(f"{rel} -> {new_rel}")
    follow_references(builder, {person.slug: slug}, index)
    plan = builder.finish()

    def expected(before: Person) -> Person:
        if before.slug == person.slug:
            return renamed
        return replace(before, introduced_by=_mapped(before.introduced_by, {person.slug: slug}))

    check(opened, plan, expected, _events_following({person.slug: slug}), loose={slug})
    return plan, renamed


def _refuse_slug(opened: Opened, person: Person, slug: str) -> None:
    """Stop a new slug that is no slug, is reserved, is another's file, or is another
    person's name or aka (the files that say it mean them)."""
    if not SLUG.match(slug) or slug in RESERVED_IDS:
        raise EditRefused(
            f"'{slug}' cannot be a person's id: use lowercase letters, digits and single hyphens"
        )
    if slug == person.slug:
        return
    taken = existing_file(opened.root / PEOPLE_DIR / f"{slug}.md")
    if taken is not None:
        raise EditRefused(f"{taken.relative_to(opened.root).as_posix()} exists already")
    found = opened.people.find(slug)
    if found.slug not in (None, person.slug) or found.could_be:
        who = found.slug or " or ".join(found.could_be)
        raise EditRefused(f"'{slug}' is a name of {who} already: choose another with --slug")


def _refuse_name(opened: Opened, person: Person, name: str) -> None:
    """Stop a new name that is another person's name, aka or slug."""
    found = opened.people.find(name)
    others = [slug for slug in (found.slug, *found.could_be) if slug and slug != person.slug]
    if others:
        raise EditRefused(f"'{name}' already names {others[0]}: nothing written")


# ---------------------------------------------------------------- merge


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
        builder.say(f"{keep_rel}: {key}: {_shown(value)} (from {other_rel})")
    for union in unions:
        if union.single:
            keep_edit.make_list(0, union.keys, [union.current, *union.added])
        else:
            for item in union.added:
                keep_edit.append(0, union.keys if len(union.keys) > 1 else union.keys[0], item)
        shown = ", ".join(str(item) for item in union.added)
        builder.say(f"{keep_rel}: {'.'.join(union.keys)}: + {shown} (from {other_rel})")
    for done, would in conflicts:
        builder.plan.note(done, would)
    names = [
        name for name in dict.fromkeys((other.name, *other.aka)) if not _among(name, keep.names)
    ]
    _add_names(builder, keep_rel, names, fills)
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
            return replace(merged, introduced_by=_mapped(merged.introduced_by, follow))
        return replace(before, introduced_by=_mapped(before.introduced_by, follow))

    check(opened, plan, expected, _events_following(follow), loose={keep.slug})
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
    said = f"{key}: {_shown(mine)} ({other.source.path} says {_shown(theirs)})"
    return f"kept {said}", f"would keep {said}"


# ---------------------------------------------------------------- remove


def references_to(opened: Opened, slug: str) -> list[str]:
    """Where ``slug`` is named: each event (with or by) and each person (introduced_by),
    as ``path:line: title``."""
    found = [
        f"{event.source}: {event.date} {event.title}"
        for event in opened.journal.events
        if slug in event.with_ or event.by == slug
    ]
    found += [
        f"{person.source}: {person.name} (introduced_by)"
        for person in opened.journal.people.values()
        if person.introduced_by == slug and person.slug != slug
    ]
    return found


def plan_remove(opened: Opened, person: Person, detach: bool) -> Plan:
    """Remove ``person``'s file; with ``detach``, take them out of the events and the
    introductions that name them first (EditRefused without it while any does)."""
    named = references_to(opened, person.slug)
    if named and not detach:
        raise EditRefused(
            f"{person.name} is named in {len(named)} place{'s' if len(named) != 1 else ''}: "
            f"nothing removed; --detach takes them out of those, or merge them into "
            f"someone: kithbook merge KEEP {person.slug}"
        )
    stopped = opened.unread_mentions(person.names)
    if stopped:
        raise EditRefused(stopped)
    builder = Builder(opened, "removal")
    others = [p for p in opened.journal.people.values() if p.slug != person.slug]
    follow_references(builder, {person.slug: None}, People(others))
    builder.remove(person.source.path)
    builder.say(f"{person.source.path}: removed")
    plan = builder.finish()
    gone = {person.slug: None}

    def expected(before: Person) -> Person | None:
        if before.slug == person.slug:
            return None
        return replace(before, introduced_by=_mapped(before.introduced_by, gone))

    check(opened, plan, expected, _events_following(gone))
    for event in opened.journal.events:
        if event.with_ == (person.slug,):
            plan.note(f"{event.source}: now names no one", f"{event.source}: would name no one")
    return plan


# ---------------------------------------------------------------- references


def follow_references(builder: Builder, follow: dict[str, str | None], index: People) -> None:
    """Edit every reference to a person in ``follow`` (slug -> new slug, None: gone)
    that ``index`` (everyone as they will be) would not read as the new slug: it is
    written as the new slug, or taken out when the person goes or the list names the
    new one already. EditRefused when a reference to anyone else would change meaning."""
    opened = builder.opened
    files = []
    for rel, records in sorted(opened.files.records.items()):
        for _, reference in records.references:
            if reference.field not in (*EVENT_REFERENCES, *PERSON_REFERENCES):
                continue
            if reference.field == "by" and reference.value.strip().lower() in ("me", "them"):
                continue
            now = opened.people.find(reference.value).slug
            then = index.find(reference.value).slug
            if now in follow:
                if follow[now] is None or then != follow[now]:
                    files.append(rel)
            elif then != now and now is not None:
                raise EditRefused(
                    f"{reference.source}: '{reference.value}' would then name {then} "
                    f"instead of {now}: nothing written"
                )
    for rel in dict.fromkeys(files):
        _follow_in_file(builder, rel, follow, index)


def _follow_in_file(
    builder: Builder, rel: str, follow: dict[str, str | None], index: People
) -> None:
    people = builder.opened.people
    edit = builder.edit(rel)
    keys = PERSON_REFERENCES if rel.startswith(f"{PEOPLE_DIR}/") else EVENT_REFERENCES
    for record in range(edit.records()):
        for key in keys:
            items = edit.items(record, key)
            now = [people.find(item.text).slug for item in items]
            named = {slug for slug in now if slug not in follow}
            for item, slug in zip(items, now, strict=True):
                if slug not in follow or key == "by" and item.text.lower() in ("me", "them"):
                    continue
                new = follow[slug]
                if new is not None and index.find(item.text).slug == new:
                    named.add(new)
                    continue  # it still names them: an aka, a name kept
                line = edit.line_of_item(item)
                if new is None or new in named:
                    edit.remove(item)
                    builder.say(f"{rel}:{line}: {key}: - {item.text}")
                else:
                    edit.replace(item, new)
                    named.add(new)
                    builder.say(f"{rel}:{line}: {key}: {item.text} -> {new}")


def _events_following(follow: dict[str, str | None]) -> Callable[[Event], Event]:
    """What each event is once the people in ``follow`` are renamed, merged or gone."""

    def expected(event: Event) -> Event:
        people = tuple(
            dict.fromkeys(
                mapped for slug in event.with_ if (mapped := _mapped(slug, follow)) is not None
            )
        )
        by = event.by if event.by in (None, "me", "them") else _mapped(event.by, follow)
        return replace(event, with_=people, by=by)

    return expected


def _mapped(slug: str | None, follow: dict[str, str | None]) -> str | None:
    return follow.get(slug, slug) if slug is not None else None


# ---------------------------------------------------------------- small parts


def _add_names(
    builder: Builder, rel: str, names: list[str], fills: dict[str, object] | None = None
) -> None:
    """Add ``names`` to the aka of the person in ``rel``: after its last, or as a new
    field when it has none."""
    if not names:
        return
    edit = builder.edit(rel)
    if _after_name(edit, names):
        pass  # a new field, after the name, where FORMAT.md puts it
    elif edit.value(0, "aka") in (None, ""):  # absent or empty: a new field (an empty [] grows)
        target = fills if fills is not None else {}
        target["aka"] = list(names)
        if fills is None:
            builder.add_fields(rel, target)
    else:
        for name in names:
            edit.append(0, "aka", name)
    builder.say(f"{rel}: aka: + {', '.join(names)}")


def _after_name(edit: FileEdit, names: list[str]) -> bool:
    """Add ``aka: [names]`` on the line after the name, where FORMAT.md's order puts it,
    when the file has no ``aka`` at all and its name is one value on its line."""
    try:
        edit.add_after(0, "name", "aka", list(names))
    except EditRefused:
        return False
    return True


def _among(name: str, names: tuple[str, ...] | list[str]) -> bool:
    return name.strip().lower() in {other.strip().lower() for other in names}


def _shown(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    return str(value)


__all__ = [
    "find_person",
    "follow_references",
    "plan_merge",
    "plan_remove",
    "plan_rename",
    "references_to",
]
