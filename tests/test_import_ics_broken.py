"""`kithbook import ics` reads a calendar one component at a time: what icalendar cannot
read in one event, time zone or free/busy block costs nothing else, and what is skipped
is said once for each reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import mkdocs_build
from importing import files, kithbook

ICS = Path(__file__).parent / "fixtures" / "imports" / "ics"


def calendar(tmp_path: Path, body: str, name: str = "calendar.ics", end: str = "END:VCALENDAR\n"):
    path = tmp_path / name
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{body}{end}"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    return path


def event(uid: str, start: str, summary: str, *lines: str) -> str:
    """A VEVENT with Jane Doe in it, and ``lines``."""
    return (
        f"BEGIN:VEVENT\nUID:{uid}\nDTSTART:{start}\nSUMMARY:{summary}\n"
        "ATTENDEE;CN=Jane Doe:mailto:jane@doe.example\n"
        + "".join(f"{line}\n" for line in lines)
        + "END:VEVENT\n"
    )


#: A period that ends before it starts.
BACKWARDS = "20260402T120000Z/20260402T100000Z"


def person(name: str, email: str) -> str:
    return f"---\nname: {name}\ncontact:\n  email: {email}\n---\n"


EXPECTED = {
    # The Events Calendar for WordPress: one VTIMEZONE holding two TZIDs (icalendar fails
    # on it with AttributeError), organisers' names URL-encoded, no line folded, no line
    # end after END:VCALENDAR
    "events-calendar.ics": {
        "events/2026/2026-04-18-repair-cafe.md": """\
---
date: 2026-04-18 10:00
end: 2026-04-18 13:00
title: Repair café
kind: meeting
with: [priya-nair]
place: The Old Print Works, 9 Kettle Lane, Birmingham, B12 0XX, United Kingdom
by: them
uid: 10042-1776506400-1776517200@moseleymakers.example
---
""",
        "events/2026/2026-05-09-makers-exchange-a-visit-to-utrecht.md": """\
---
date: 2026-05-09 14:30
end: 2026-05-09 17:00
title: 'Makers'' exchange: a visit to Utrecht'
kind: meeting
with: [jan-de-vries]
place: De Werkplaats, Kanaalweg 12, Utrecht, 3526 XX, Netherlands
by: them
uid: 10057-1778337000-1778346000@moseleymakers.example
---
""",
        "people/jan-de-vries.md": person("Jan de Vries", "jan@devries.example"),
        "people/priya-nair.md": person("Priya Nair", "priya@nair.example"),
    },
    # Thunderbird: a rail e-ticket kept with its alarm, TRIGGER:PT-2H (the minus sign
    # after the P), which made icalendar refuse the whole file; a to-do
    "rail-ticket.ics": {
        "events/2026/2026-03-20-dinner-with-femke.md": """\
---
date: 2026-03-20 19:00
end: 2026-03-20 21:30
title: Dinner with Femke
kind: meeting
with: [femke-visser]
place: Café Lindeboom, Lange Nieuwstraat 40, Utrecht
by: me
uid: 3b9e6f2a-5c1d-4e7b-8a90-1f2e3d4c5b6a
---
""",
        "people/femke-visser.md": person("Femke Visser", "femke@visser.example"),
    },
    # Zimbra: a free/busy block with a period that ends before it starts (icalendar
    # refused the whole file); quoted TZIDs
    "zimbra.ics": {
        "events/2026/2026-04-16-workshop-planning.md": """\
---
date: 2026-04-16 10:00
end: 2026-04-16 11:30
title: Workshop planning
kind: meeting
with: [lena-hoffmann, jonas-weber]
place: Werkstatt, Raum 2
by: them
uid: 5d0b6e8a-2f41-4c7d-b913-7a2e4c6f8d10
---
""",
        "people/jonas-weber.md": person("Jonas Weber", "jonas@weber.example"),
        "people/lena-hoffmann.md": person("Lena Hoffmann", "lena.hoffmann@werkstatt.example"),
    },
}
SKIPPED = {
    "events-calendar.ics": ["skipped   events-calendar.ics:68: an event with no one but you"],
    "rail-ticket.ics": [
        "skipped   rail-ticket.ics:64: a to-do (VTODO): only events are imported",
        "skipped   rail-ticket.ics:22: an event with no one but you",
    ],
    "zimbra.ics": [
        "skipped   zimbra.ics:48: a free/busy block (VFREEBUSY): only events are imported"
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_part_icalendar_cannot_read_costs_nothing_else(root: Path, name: str) -> None:
    result = kithbook(root, "import", "ics", ICS / name)
    assert result.exit_code == 0, result.output
    assert files(root) == EXPECTED[name]
    assert [line for line in result.stdout.splitlines() if line.startswith("skipped")] == (
        SKIPPED[name]
    )
    assert "warning" not in result.stdout
    assert kithbook(root, "check").exit_code == 0
    again = kithbook(root, "import", "ics", ICS / name)
    assert files(root) == EXPECTED[name]
    assert f"ics {name}: 0 new (0 people, 0 events), 0 updated" in again.stdout


def test_the_site_builds_strictly_after_these_imports(root: Path) -> None:
    for name in sorted(EXPECTED):
        assert kithbook(root, "import", "ics", ICS / name).exit_code == 0
    build = mkdocs_build(root, strict=True)
    assert build.returncode == 0, build.stderr


def test_a_broken_duration_leaves_the_event_without_an_end(root: Path, tmp_path: Path) -> None:
    # icalendar keeps PT-2H as a broken value, and reading it raised: a traceback
    path = calendar(
        tmp_path,
        event("ticket", "20260320T160400Z", "Train to Utrecht", "DURATION:PT-2H")
        + event("again", "20260321T160400Z", "Train back", "DURATION:PT-1H"),
    )
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 0, result.output
    written = files(root)
    assert (
        "date: 2026-03-20 16:04\ntitle: Train to Utrecht\n"
        in (written["events/2026/2026-03-20-train-to-utrecht.md"])
    )
    assert result.stdout.count("warning") == 1
    assert (
        "calendar.ics:4: warning: cannot read the DURATION of this event (Invalid iCalendar "
        "duration: PT-2H): left out, also in 1 more event\n" in result.stdout
    )


def test_a_line_icalendar_fails_on_is_left_out_of_its_event(root: Path, tmp_path: Path) -> None:
    path = calendar(
        tmp_path,
        event(
            "long-zone",
            "20260401T090000Z",
            "Planning",
            # a TZID too long to be a file name: icalendar fails with OSError
            f"DTEND;TZID={'Zone' * 80}:20260401T100000",
        )
        # a period that ends before it starts: icalendar fails even in a tolerant event
        + event("period", "20260402T090000Z", "Review", f"FREEBUSY:{BACKWARDS}"),
    )
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 0, result.output
    assert sorted(files(root)) == [
        "events/2026/2026-04-01-planning.md",
        "events/2026/2026-04-02-review.md",
        "people/jane-doe.md",
    ]
    assert "end:" not in files(root)["events/2026/2026-04-01-planning.md"]
    assert (
        "calendar.ics:9: warning: cannot read this line of an event (icalendar fails on it "
        "with OSError): left out, as is 1 more such line\n" in result.stdout
    )


def test_each_reason_is_one_line_with_how_many(root: Path, tmp_path: Path) -> None:
    todo = "BEGIN:VTODO\nUID:t{n}\nSUMMARY:Task {n}\nEND:VTODO\n"
    busy = "BEGIN:VFREEBUSY\nFREEBUSY:20260101T120000Z/20260101T100000Z\nEND:VFREEBUSY\n"
    path = calendar(
        tmp_path,
        "".join(todo.format(n=n) for n in range(3))
        + busy * 2
        + "BEGIN:VJOURNAL\nUID:j\nSUMMARY:Notes\nEND:VJOURNAL\n"
        + event("one", "20260401T090000Z", "Coffee"),
    )
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stdout.splitlines() if line.startswith("skipped")]
    assert skipped == [
        "skipped   calendar.ics:4 and 2 more: a to-do (VTODO): only events are imported",
        "skipped   calendar.ics:16 and 1 more: a free/busy block (VFREEBUSY): only events are "
        "imported",
        "skipped   calendar.ics:22: a journal entry (VJOURNAL): only events are imported",
    ]
    assert "6 skipped" in result.stdout


def test_a_line_of_the_calendar_it_cannot_read_is_left_out(root: Path, tmp_path: Path) -> None:
    path = calendar(
        tmp_path,
        "REFRESH-INTERVAL;VALUE=DURATION:PT-1H\nX-WR-TIMEZONE:Europe/London\n"
        "this is not a calendar line\n" + event("one", "20260701T090000Z", "Coffee"),
    )
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 0, result.output
    assert "date: 2026-07-01 10:00\n" in files(root)["events/2026/2026-07-01-coffee.md"]
    assert (
        "calendar.ics:4: warning: cannot read this line of the calendar (Invalid iCalendar "
        "duration: PT-1H): left out, as is 1 more such line\n" in result.stdout
    )


def test_a_file_cut_off_imports_what_it_holds(root: Path, tmp_path: Path) -> None:
    path = calendar(
        tmp_path,
        event("one", "20260401T090000Z", "Coffee")
        + "BEGIN:VEVENT\nUID:two\nDTSTART:20260402T090000Z\nSUMMARY:Lunch\nATTENDEE:mailto:jo",
        end="",
    )
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 0, result.output
    assert sorted(files(root)) == ["events/2026/2026-04-01-coffee.md", "people/jane-doe.md"]
    assert "skipped   calendar.ics:10: an event cut off by the end of the file\n" in result.stdout
    assert (
        "calendar.ics:1: warning: the calendar has no END:VCALENDAR: the file may be cut off; "
        "what it holds is imported\n" in result.stdout
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("BEGIN:VCALENDAR\nthis is not a calendar line\nEND:VCALENDAR\n", "line 2: "),
        ("BEGIN:VCALENDAR\n", "it holds nothing"),
        ("BEGIN:VCALENDAR\n\x1b]0;pwned\x07\n", "line 2: "),
    ],
)
def test_a_file_that_is_no_calendar_at_all_is_one_line(
    root: Path, tmp_path: Path, text: str, why: str
) -> None:
    path = tmp_path / "broken.ics"
    path.write_text(text, encoding="utf-8")
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot read broken.ics as a calendar: {why}")
    assert result.output.count("\n") == 1
    assert "\x1b" not in result.output
    assert files(root) == {}


def test_a_calendar_with_nothing_to_import_says_why_in_one_line(root: Path, tmp_path: Path) -> None:
    path = calendar(tmp_path, "BEGIN:VFREEBUSY\nFREEBUSY:20260101T120000Z/20260101T100000Z\n"
                    "END:VFREEBUSY\n")  # fmt: skip
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 1
    assert result.output == (
        "Error: nothing to import from calendar.ics: a free/busy block (VFREEBUSY): only "
        "events are imported (1 skipped)\n"
    )


def test_an_event_outside_the_years_kithbook_takes_is_skipped(root: Path, tmp_path: Path) -> None:
    # icalendar reads year 9999 and year 1; the journal would then fail `kithbook check`
    path = calendar(
        tmp_path,
        event("far", "99991231T235959Z", "Far ahead")
        + event("old", "00010101T000000Z", "Long ago")
        + event("now", "20260401T090000Z", "Coffee", "DTEND:30010101T000000Z"),
        end="X-WR-TIMEZONE:America/New_York\nEND:VCALENDAR\n",
    )
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 0, result.output
    assert sorted(files(root)) == ["events/2026/2026-04-01-coffee.md", "people/jane-doe.md"]
    assert "end:" not in files(root)["events/2026/2026-04-01-coffee.md"]
    assert (
        "skipped   calendar.ics:4 and 1 more: an event dated outside the years kithbook takes "
        "(1800-01-01 to 2999-12-31)\n" in result.stdout
    )
    assert kithbook(root, "check").exit_code == 0
