"""`kithbook import ics`: addresses in a calendar that are not people (Google's calendars
and placeholder organizer, rooms, groups, no-reply mailboxes, Meetup's and TripIt's own
addresses) never become people; a name without an address is never created."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_journal
from importing import ME, files, kithbook

ICS = Path(__file__).parent / "fixtures" / "imports" / "ics"


def calendar(tmp_path: Path, *participants: str, summary: str = "Planning") -> Path:
    """A calendar of one event with Jane Doe, you, and ``participants`` (content lines)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "BEGIN:VEVENT",
        "UID:planning-1",
        "DTSTART:20260401T090000Z",
        f"SUMMARY:{summary}",
        *participants,
        "ATTENDEE;CN=Sam Example:mailto:sam@example.org",
        "ATTENDEE;CN=Jane Doe;PARTSTAT=ACCEPTED:mailto:jane@doe.example",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    path = tmp_path / "calendar.ics"
    path.write_bytes("\r\n".join(lines).encode() + b"\r\n")
    return path


def person(name: str, email: str) -> str:
    return f"---\nname: {name}\ncontact:\n  email: {email}\n---\n"


# Google: an event Gmail made (the placeholder organizer), one from Goals (the same
# address, another name), events on shared calendars ("School", "Appointments", and one
# named by its address), a calendar invited as a guest, a room
EXPECTED = {
    "events/2026/2026-03-18-parents-evening.md": """\
---
date: 2026-03-18 17:30
end: 2026-03-18 19:00
title: Parents' evening
kind: meeting
with: [jane-doe]
place: Kettle Lane Primary School
uid: fa17vug88kjca505metppm4d5f@google.com
---
""",
    "events/2026/2026-03-24-physio-with-tom.md": """\
---
date: 2026-03-24 08:00
end: 2026-03-24 08:45
title: Physio with Tom
kind: meeting
with: [tom-reed]
uid: 5m8q1r3t6v9x2z4b7d0f3h6k9n@google.com
---
""",
    "events/2026/2026-03-26-guest-lecture-canals-and-cities.md": """\
---
date: 2026-03-26 14:00
end: 2026-03-26 16:00
title: 'Guest lecture: canals and cities'
kind: meeting
with: [rui-costa]
place: Poynting Building, Edgbaston
uid: 0q2s4u6w8y1a3c5e7g9i2k4m6o@google.com
---
""",
    "people/jane-doe.md": person("Jane Doe", "jane.doe@canalmaps.example"),
    "people/rui-costa.md": person("Rui Costa", "rui.costa@harbour.example"),
    "people/tom-reed.md": person("Tom Reed", "tom@reed.example"),
}


def test_googles_calendars_and_placeholder_organizer_are_not_people(root: Path) -> None:
    result = kithbook(root, "import", "ics", ICS / "google-calendars.ics")
    assert result.exit_code == 0, result.output
    assert files(root) == EXPECTED
    assert [line for line in result.stdout.splitlines() if line.startswith("skipped")] == [
        "skipped   google-calendars.ics:8 and 1 more: an event with no one but you",
        "skipped   google-calendars.ics:8: Google's placeholder organizer "
        "(unknownorganizer@calendar.google.com), not a person",
        "skipped   google-calendars.ics:29 and 2 more: a shared Google calendar "
        "(…@group.calendar.google.com), not a person",
        "skipped   google-calendars.ics:72: a resource (CUTYPE=RESOURCE), not a person",
    ]
    assert kithbook(root, "check").exit_code == 0
    again = kithbook(root, "import", "ics", ICS / "google-calendars.ics")
    assert files(root) == EXPECTED
    assert "0 new (0 people, 0 events), 0 updated" in again.stdout


@pytest.mark.parametrize(
    ("participant", "why"),
    [
        (
            "ORGANIZER;CN=Holidays in the United Kingdom:mailto:en.uk#holiday@group.v.calendar"
            ".google.com",
            "a Google holiday or birthday calendar (…@group.v.calendar.google.com), not a person",
        ),
        (
            "ATTENDEE;CN=Team rota:mailto:abc123@import.calendar.google.com",
            "a subscribed Google calendar (…@import.calendar.google.com), not a person",
        ),
        (
            "ATTENDEE;CN=Room 2 (8):mailto:c_188abc@resource.calendar.google.com",
            "a Google room or resource (…@resource.calendar.google.com), not a person",
        ),
        (
            "ATTENDEE;CUTYPE=ROOM;CN=Boardroom:mailto:boardroom@brindle.example",
            "a room (CUTYPE=ROOM), not a person",
        ),
        (
            "ATTENDEE;CUTYPE=GROUP;CN=Design team:mailto:design@brindle.example",
            "a group (CUTYPE=GROUP), not a person",
        ),
        ("ORGANIZER;CN=Zoom:mailto:no-reply@zoom.us", "a no-reply address, not a person"),
        (
            "ORGANIZER;CN=Calendly:mailto:notifications@calendly.com",
            "a no-reply address, not a person",
        ),
        (
            "ORGANIZER;CN=Eventbrite:mailto:noreply@order.eventbrite.com",
            "a no-reply address, not a person",
        ),
        (
            "ORGANIZER;CN=Meetup Reminder:MAILTO:info@meetup.com",
            "an address of Meetup's own, not a person",
        ),
        ("ORGANIZER;CN=TripIt:mailto:plans@tripit.com", "an address of TripIt's own, not a person"),
    ],
)
def test_an_address_that_is_not_a_person_is_left_out_with_its_reason(
    root: Path, tmp_path: Path, participant: str, why: str
) -> None:
    result = kithbook(root, "import", "ics", calendar(tmp_path, participant))
    assert result.exit_code == 0, result.output
    assert sorted(files(root)) == ["events/2026/2026-04-01-planning.md", "people/jane-doe.md"]
    assert f"skipped   calendar.ics:4: {why}\n" in result.stdout


def test_an_organiser_that_is_not_a_person_reached_out_to_no_one(
    root: Path, tmp_path: Path
) -> None:
    path = calendar(tmp_path, "ORGANIZER;CN=Meetup Reminder:MAILTO:info@meetup.com")
    kithbook(root, "import", "ics", path)
    assert "by:" not in files(root)["events/2026/2026-04-01-planning.md"]
    (root / "events/2026/2026-04-01-planning.md").unlink()
    path = calendar(tmp_path, "ORGANIZER;CN=Jane Doe:mailto:jane@doe.example")
    kithbook(root, "import", "ics", path)
    assert "by: them\n" in files(root)["events/2026/2026-04-01-planning.md"]


@pytest.mark.parametrize(
    "participant",
    [
        "ORGANIZER;CN=Bob Stone:mailto:",  # mailto: with no address
        'ATTENDEE;CN="Bob Stone";RSVP=TRUE:invalid:nomail',  # Outlook, for no address
        "ATTENDEE;CN=Bob Stone:urn:uuid:7a1c9e40-2b3d-4f5e-8a6b-0c1d2e3f4a5b",
    ],
)
def test_a_name_without_an_address_is_not_created_but_linked(
    tmp_path: Path, participant: str
) -> None:
    root = write_journal(tmp_path / "journal", {}, settings=ME)
    result = kithbook(root, "import", "ics", calendar(tmp_path, participant))
    assert result.exit_code == 0, result.output
    assert "people/bob-stone.md" not in files(root)
    assert (
        "skipped   calendar.ics:4: a name without an address: not created (add them "
        "yourself, and the next import links them by name)\n" in result.stdout
    )
    assert "with: [jane-doe]\n" in files(root)["events/2026/2026-04-01-planning.md"]
    # once they are in the journal, the same name finds them
    (root / "events/2026/2026-04-01-planning.md").unlink()
    assert kithbook(root, "add", "Bob Stone").exit_code == 0
    kithbook(root, "import", "ics", calendar(tmp_path, participant))
    assert "with: [bob-stone, jane-doe]\n" in files(root)["events/2026/2026-04-01-planning.md"]


@pytest.mark.parametrize(
    "participant",
    [
        # iCloud: a urn:uuid: and the address in the EMAIL parameter
        'ATTENDEE;CN="Bob Stone";EMAIL="bob@stone.example":urn:uuid:7a1c9e40-2b3d-4f5e',
        'ORGANIZER;CN=Bob Stone:"mailto:bob@stone.example"',  # a quoted value
    ],
)
def test_an_address_given_another_way_is_still_an_address(
    root: Path, tmp_path: Path, participant: str
) -> None:
    result = kithbook(root, "import", "ics", calendar(tmp_path, participant))
    assert result.exit_code == 0, result.output
    assert files(root)["people/bob-stone.md"] == person("Bob Stone", "bob@stone.example")
