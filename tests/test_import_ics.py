"""`kithbook import ics`: Google, Outlook and Thunderbird calendars, odd and broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_journal
from importing import files, kithbook

ICS = Path(__file__).parent / "fixtures" / "imports" / "ics"


def calendar(tmp_path: Path, events: str, head: str = "") -> Path:
    path = tmp_path / "calendar.ics"
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{head}{events}END:VCALENDAR\n"
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def person(name: str, email: str) -> str:
    return f"---\nname: {name}\ncontact:\n  email: {email}\n---\n"


OUTLOOK_UID = (
    "040000008200E00074C5B7101A82E00800000000D0E0F0A1B2C3D4010000000000000000"
    "10000000A1B2C3D4E5F60718293A4B5C6D7E8F90"
)
EXPECTED = {
    # UTC times in X-WR-TIMEZONE; folded attendees; an all-day event; a series and one
    # moved occurrence; an event with no one but you; a cancelled one
    "google.ics": {
        "events/2026/2026-02-19-canal-survey-review.md": """\
---
date: 2026-02-19 10:00
end: 2026-02-19 11:00
title: Canal survey review
kind: video
with: [jane-doe, rui-costa]
by: me
uid: 5k2j3h4g5f6d7s8a9b0c1d2e3f@google.com
---
""",
        "events/2026/2026-03-07-canal-walk.md": """\
---
date: 2026-03-07
title: Canal walk
kind: meeting
with: [jane-doe, tom-reed]
place: Gas Street Basin, Birmingham
by: them
uid: 0a1b2c3d4e5f6a7b8c9d@google.com
---
""",
        "events/2026/2026-03-12-code-club.md": """\
---
date: 2026-03-12 18:00
end: 2026-03-12 19:30
title: Code club
kind: meeting
with: [tom-reed]
place: The Old Printworks, Digbeth
by: them
uid: codeclub-series@google.com
---
""",
        "events/2026/2026-03-26-code-club-late-start.md": """\
---
date: 2026-03-26 18:30
end: 2026-03-26 20:00
title: Code club (late start)
kind: meeting
with: [tom-reed]
place: The Old Printworks, Digbeth
by: them
uid: codeclub-series@google.com;RECURRENCE-ID=20260326T180000
---
""",
        "people/jane-doe.md": person("Jane Doe", "jane.doe@canalmaps.example"),
        # Google gives an address as the name of a guest it knows no name for
        "people/rui-costa.md": person("Rui Costa", "rui.costa@harbour.example"),
        "people/tom-reed.md": person("Tom Reed", "tom@reed.example"),
    },
    # a BOM; a TZID that is never defined; "Last, First" names; a declined attendee and a
    # room left out; a large meeting; an event whose start cannot be read
    "outlook.ics": {
        "events/2026/2026-01-15-data-ethics-next-steps.md": f"""\
---
date: 2026-01-15 09:30
end: 2026-01-15 10:30
title: 'Data ethics: next steps'
kind: meeting
with: [priya-nair]
place: Room 4.02 (Digbeth)
by: me
uid: {OUTLOOK_UID}
---
""",
        "events/2026/2026-01-22-all-hands.md": """\
---
date: 2026-01-22 14:00
end: 2026-01-22 15:00
title: All hands
kind: video
with: [priya-nair]
by: them
uid: 040000008200E00074C5B7101A82E00800000000AABBCCDDEEFF
---
""",
        "people/priya-nair.md": person("Priya Nair", "priya@nair.example"),
    },
    # a floating time and a DURATION
    "thunderbird.ics": {
        "events/2026/2026-02-14-fika-with-zoe.md": """\
---
date: 2026-02-14 15:00
end: 2026-02-14 16:30
title: Fika with Zoë
kind: meeting
with: [zoe-angstrom]
place: Fika Café, Moseley
by: them
uid: 7d1c0a8e-3f2b-4c5d-9e6f-0a1b2c3d4e5f
---
""",
        "people/zoe-angstrom.md": person("Zoë Ångström", "zoe@fika.example"),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_export_writes_these_files(root: Path, name: str) -> None:
    result = kithbook(root, "import", "ics", ICS / name)
    assert result.exit_code == 0, result.output
    assert files(root) == EXPECTED[name]
    assert kithbook(root, "check").exit_code == 0
    again = kithbook(root, "import", "ics", ICS / name)
    assert files(root) == EXPECTED[name]
    assert f"ics {name}: 0 new (0 people, 0 events), 0 updated" in again.stdout


def test_what_is_skipped_says_why_with_its_line(root: Path) -> None:
    google = kithbook(root, "import", "ics", ICS / "google.ics").stdout
    assert "skipped   google.ics:85: an event with no one but you" in google
    assert "skipped   google.ics:92: a cancelled event" in google
    outlook = kithbook(root, "import", "ics", ICS / "outlook.ics").stdout
    assert "skipped   outlook.ics:49: an event without a readable start (DTSTART)" in outlook
    assert (
        "skipped   outlook.ics:27 and 11 more: one of 13 people in a large meeting "
        "(--all takes everyone)" in outlook
    )


def test_all_takes_everyone_in_a_large_meeting(root: Path) -> None:
    result = kithbook(root, "import", "ics", ICS / "outlook.ics", "--all")
    assert result.exit_code == 0, result.output
    people = sorted(path for path in files(root) if path.startswith("people/"))
    assert len(people) == 13 and "people/big-boss.md" in people and "people/guest-11.md" in people
    assert "people/ngozi-okafor.md" not in people  # declined
    assert not any("room" in path for path in people)  # a resource


def test_the_calendars_own_address_is_you(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {})  # no me.email
    result = kithbook(root, "import", "ics", ICS / "google.ics")  # X-WR-CALNAME:sam@example.org
    assert result.exit_code == 0, result.output
    assert "people/sam-example.md" not in files(root)


def test_without_knowing_you_a_calendar_is_refused(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {})
    result = kithbook(root, "import", "ics", ICS / "outlook.ics")
    assert result.exit_code == 1
    assert result.output == (
        "Error: set me.email under extra.kithbook in mkdocs.yml first: the import must know "
        "which attendee is you\n"
    )


def test_a_utc_time_in_summer_is_written_in_the_calendars_time_zone(
    root: Path, tmp_path: Path
) -> None:
    path = calendar(
        tmp_path,
        "BEGIN:VEVENT\nUID:summer\nDTSTART:20260701T090000Z\nSUMMARY:Call\n"
        "ATTENDEE;CN=Jane Doe:mailto:jane@example.org\nEND:VEVENT\n",
        head="X-WR-TIMEZONE:Europe/London\n",
    )
    kithbook(root, "import", "ics", path)
    assert "date: 2026-07-01 10:00\n" in files(root)["events/2026/2026-07-01-call.md"]


def test_an_event_without_a_uid_gets_a_stable_one(root: Path, tmp_path: Path) -> None:
    path = calendar(
        tmp_path,
        "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260701\nSUMMARY:Picnic\n"
        "ATTENDEE:MAILTO:Jane.Doe@Example.org\nEND:VEVENT\n",
    )
    kithbook(root, "import", "ics", path)
    before = files(root)
    assert "uid: ics-" in before["events/2026/2026-07-01-picnic.md"]
    assert "name: Jane Doe\n" in before["people/jane-doe.md"]  # from the address's words
    assert "0 new" in kithbook(root, "import", "ics", path).stdout
    assert files(root) == before


def test_a_file_that_is_not_a_calendar_inside_is_refused_in_one_line(
    root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "broken.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nthis is not a calendar line\nEND:VCALENDAR\n", encoding="utf-8"
    )
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot read broken.ics as a calendar: ")
    assert result.output.count("\n") == 1
    vcf = ICS.parent / "vcard" / "apple.vcf"
    result = kithbook(root, "import", "ics", vcf)
    assert result.output == (
        "Error: apple.vcf is not a calendar file (.ics): it looks like a vCard file (.vcf); "
        "try 'kithbook import vcard'\n"
    )
    assert files(root) == {}
