"""A save that changes only notes makes only the pages of those records again, and the
site is the one a build from nothing makes."""

from __future__ import annotations

from dataclasses import replace

from builders import TODAY, event, journal, person

from kithbook.pages import build_site
from kithbook.rebuild import SiteMemory, notes_changed

PEOPLE = [
    person("ana-lee", tags=("climbing",), notes="Likes *maps*."),
    person("bo-chen", introduced_by="ana-lee", where="Leeds, UK"),
    person("cy-dove", circle="close"),
]
EVENTS = [
    event(40, "ana-lee", "bo-chen", notes="Talked about maps.", place="Tilt", tags=("maps",)),
    event(3, "ana-lee", "cy-dove", kind="call"),
    event(-12, "bo-chen", kind="meetup", title="Thrive"),
]


def with_notes(base, slug: str, text: str, event_notes: str):
    people = dict(base.people)
    people[slug] = replace(people[slug], notes=text)
    events = (replace(base.events[0], notes=event_notes), *base.events[1:])
    return replace(base, people=people, events=events)


def test_notes_show_only_on_their_own_page():
    """The rule the quick rebuild rests on: no other file changes with a record's notes."""
    before = journal(PEOPLE, EVENTS)
    after = with_notes(before, "bo-chen", "Now in Leeds.", "Maps, and climbing.")
    old, new = build_site(before, [], TODAY), build_site(after, [], TODAY)
    changed = sorted(path for path in new if new[path] != old[path])
    assert changed == ["events/" + EVENTS[0].id + ".md", "people/bo-chen.md"]


def test_a_change_of_notes_gives_the_site_a_build_from_nothing_gives():
    memory = SiteMemory()
    before = journal(PEOPLE, EVENTS)
    first = memory.build(before, [], TODAY)
    assert first == build_site(before, [], TODAY)
    after = with_notes(before, "ana-lee", "Climbs on Tuesdays.", "")
    assert notes_changed(before, after) == (["ana-lee"], [after.events[0]])
    again = memory.build(after, [], TODAY)
    assert again == build_site(after, [], TODAY)
    assert again["index.md"] is first["index.md"]  # kept, not made again


def test_any_other_change_makes_everything_again():
    before = journal(PEOPLE, EVENTS)
    renamed = dict(before.people)
    renamed["cy-dove"] = replace(renamed["cy-dove"], name="Cy Dover", notes="New notes.")
    after = replace(before, people=renamed)
    assert notes_changed(before, after) is None
    memory = SiteMemory()
    memory.build(before, [], TODAY)
    assert memory.build(after, [], TODAY) == build_site(after, [], TODAY)
