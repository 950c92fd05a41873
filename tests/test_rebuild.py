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


def test_a_new_event_or_name_keeps_the_pages_it_does_not_touch():
    """Any other change makes the site again, taking from the last build the person and
    event pages whose inputs are the same: the result is a build from nothing's."""
    people = [*PEOPLE, person("di-eve"), person("ed-fox", tags=("maps",))]
    events = [*EVENTS, event(9, "di-eve", "ed-fox", kind="call"), event(5, "ed-fox")]
    before = journal(people, events)
    memory = SiteMemory()
    first = memory.build(before, [], TODAY)
    met = replace(before, events=(*before.events, event(1, "ana-lee", "bo-chen", kind="meetup")))
    again = memory.build(met, [], TODAY)
    assert again == build_site(met, [], TODAY)
    kept = [path for path in again if path in first and again[path] is first[path]]
    assert "people/di-eve.md" in kept and "events/" + events[3].id + ".md" in kept
    assert "people/cy-dove.md" in kept  # Ana's companion, whose own page did not change
    assert "people/ana-lee.md" not in kept and "people/bo-chen.md" not in kept
    renamed = dict(met.people)
    renamed["ed-fox"] = replace(renamed["ed-fox"], name="Ed Fox-Hale", tags=("maps", "C"))
    named = replace(met, people=renamed)
    third = memory.build(named, [], TODAY)
    assert third == build_site(named, [], TODAY)
    kept = [path for path in third if third[path] is again[path]]
    assert "people/bo-chen.md" in kept and "events/" + events[0].id + ".md" in kept
    assert "people/di-eve.md" not in kept  # names Ed on her page
    assert "events/" + events[3].id + ".md" not in kept
