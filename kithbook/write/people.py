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
from dataclasses import replace

from ..load import PEOPLE_DIR, RESERVED_IDS
from ..model import Event, Person
from ..names import People
from ..text import SLUG, file_slug
from .edits import EditRefused, FileEdit
from .new_files import existing_file
from .plan import Builder, Opened, Plan, check

#: The fields that name people, in events and in people's files.
EVENT_REFERENCES = ("with", "by")
PERSON_REFERENCES = ("introduced_by",)


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
    if name != person.name and not among(person.name, (name, *person.aka)):
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
            add_names(builder, rel, [person.name])
    if slug != person.slug:
        builder.move(rel, new_rel)
        builder.say(f"{rel} -> {new_rel}")
    follow_references(builder, {person.slug: slug}, index)
    plan = builder.finish()

    def expected(before: Person) -> Person:
        if before.slug == person.slug:
            return renamed
        return replace(before, introduced_by=followed(before.introduced_by, {person.slug: slug}))

    check(opened, plan, expected, events_following({person.slug: slug}), loose={slug})
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
        return replace(before, introduced_by=followed(before.introduced_by, gone))

    check(opened, plan, expected, events_following(gone))
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


def events_following(follow: dict[str, str | None]) -> Callable[[Event], Event]:
    """What each event is once the people in ``follow`` are renamed, merged or gone."""

    def expected(event: Event) -> Event:
        people = tuple(
            dict.fromkeys(
                mapped for slug in event.with_ if (mapped := followed(slug, follow)) is not None
            )
        )
        by = event.by if event.by in (None, "me", "them") else followed(event.by, follow)
        return replace(event, with_=people, by=by)

    return expected


def followed(slug: str | None, follow: dict[str, str | None]) -> str | None:
    return follow.get(slug, slug) if slug is not None else None


# ---------------------------------------------------------------- small parts


def add_names(
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


def among(name: str, names: tuple[str, ...] | list[str]) -> bool:
    return name.strip().lower() in {other.strip().lower() for other in names}


def shown(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {shown(v)}" for k, v in value.items())
    return str(value)


__all__ = [
    "find_person",
    "follow_references",
    "plan_remove",
    "plan_rename",
    "references_to",
]
