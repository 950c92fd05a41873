"""Knowing who "me" is (issue 14, item 11): from the export where it says so (LinkedIn's
own profile, the one participant of every conversation, Twitter's account.js, a Google
calendar's own address, the one address in most events), said in one line, used for
that import only; and `kithbook init --email`."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import write_journal
from importing import FIXTURES, files, kithbook

from kithbook.cli import main

COMPLETE = FIXTURES / "linkedin" / "complete"


def test_linkedin_messages_know_you_from_your_own_profile(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {})  # no me.name: "Me"
    config = (root / "mkdocs.yml").read_bytes()
    result = kithbook(root, "import", "linkedin", COMPLETE)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "me: Sam Example, from Profile.csv"
    event = files(root)["events/2026/2026-03-02-linkedin-messages-with-lena-fischer.md"]
    assert "with: [lena-fischer]\nby: them\n" in event
    assert "people/sam-example.md" not in files(root)
    assert (root / "mkdocs.yml").read_bytes() == config  # used for this import only
    again = kithbook(root, "import", "linkedin", COMPLETE)
    assert again.stdout.splitlines()[0] == "me: Sam Example, from Profile.csv"
    # the one conversation alone cannot tell which of its two people is you
    alone = kithbook(root, "import", "linkedin", COMPLETE / "messages.csv")
    assert alone.exit_code == 1
    assert "cannot tell which participant is you" in alone.output


def test_linkedin_says_nothing_when_the_config_names_you_already(root: Path) -> None:
    result = kithbook(root, "import", "linkedin", COMPLETE)  # me.name: Sam Example
    assert result.exit_code == 0, result.output
    assert not result.stdout.startswith("me:")


def test_linkedin_takes_the_one_person_in_every_conversation(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {})
    result = kithbook(root, "import", "linkedin", FIXTURES / "linkedin" / "export")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "me: Sam Example, the one person in every conversation of messages.csv"
    )


def test_twitter_takes_you_from_account_js_or_every_conversation(
    root: Path, tmp_path: Path
) -> None:
    result = kithbook(root, "import", "twitter", FIXTURES / "twitter" / "namesakes")
    assert result.stdout.splitlines()[0] == "me: @samexample (Sam Example), from account.js"
    with_account = files(root)
    archive = tmp_path / "no-account"
    shutil.copytree(FIXTURES / "twitter" / "namesakes", archive)
    (archive / "data" / "account.js").unlink()
    other = write_journal(tmp_path / "other", {})
    result = kithbook(other, "import", "twitter", archive)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "me: account 1111111111, the one account in every conversation"
    )
    dms = "events/2019/2019-02-10-direct-messages-with-freezer.md"
    assert files(other)[dms] == with_account[dms]


def test_a_google_calendar_names_its_owner(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {})  # no me.email
    result = kithbook(root, "import", "ics", FIXTURES / "ics" / "google.ics")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "me: sam@example.org, the calendar's own address (X-WR-CALNAME)"
    )
    assert "people/sam-example.md" not in files(root)


CALENDAR = """\
BEGIN:VCALENDAR\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
VERSION:2.0\r
METHOD:PUBLISH\r
X-WR-CALNAME:Calendar\r
{events}END:VCALENDAR\r
"""
EVENT = """\
BEGIN:VEVENT\r
UID:{uid}\r
DTSTART:2026030{day}T100000Z\r
SUMMARY:{title}\r
ORGANIZER;CN="{organiser}":mailto:{address}\r
ATTENDEE;CN="{guest}";PARTSTAT=ACCEPTED:mailto:{guest_address}\r
END:VEVENT\r
"""
SAM = ("Example, Sam", "sam@example.org")
PRIYA = ("Nair, Priya", "priya@nair.example")


def outlook(tmp_path: Path, *events: tuple[tuple[str, str], tuple[str, str]]) -> Path:
    """An Outlook calendar of ``events``, each (organiser, guest) as (CN, address)."""
    text = "".join(
        EVENT.format(
            uid=f"e{n}", day=n + 1, title=f"Meeting {n}", organiser=organiser[0],
            address=organiser[1], guest=guest[0], guest_address=guest[1],
        )
        for n, (organiser, guest) in enumerate(events)
    )  # fmt: skip
    path = tmp_path / "Calendar.ics"
    path.write_bytes(CALENDAR.format(events=text).encode())
    return path


def test_an_outlook_calendar_knows_you_as_the_one_address_in_most_events(
    tmp_path: Path,
) -> None:
    root = write_journal(tmp_path / "journal", {})
    path = outlook(
        tmp_path,
        (("Reed, Tom", "tom@reed.example"), SAM),
        (("Okafor, Ngozi", "ngozi@okafor.example"), SAM),
        (SAM, PRIYA),
        (PRIYA, SAM),
    )
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "me: sam@example.org, the one address in most events (4 of 4)"
    )
    assert sorted(p for p in files(root) if p.startswith("people/")) == [
        "people/ngozi-okafor.md",
        "people/priya-nair.md",
        "people/tom-reed.md",
    ]
    assert "by: me\n" in files(root)["events/2026/2026-03-03-meeting-2.md"]
    assert "by: them\n" in files(root)["events/2026/2026-03-04-meeting-3.md"]


def test_a_calendar_that_cannot_tell_is_refused_in_one_line(tmp_path: Path) -> None:
    """Sam and Priya are in every event: which one is you, the file does not say."""
    root = write_journal(tmp_path / "journal", {})
    path = outlook(tmp_path, (PRIYA, SAM), (SAM, PRIYA))
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "me.email" in result.output
    assert files(root) == {}


def test_init_takes_your_addresses(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    made = CliRunner().invoke(
        main, ["init", str(root), "--email", "Sam@Example.org", "--email", "sam@work.example"]
    )
    assert made.exit_code == 0, made.output
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert '      email: ["sam@example.org", "sam@work.example"] # your addresses' in config
    path = outlook(tmp_path, (PRIYA, SAM), (SAM, PRIYA))
    result = kithbook(root, "import", "ics", path)
    assert result.exit_code == 0, result.output
    assert not result.stdout.startswith("me:")  # the config said it
    assert "people/priya-nair.md" in files(root)
    assert kithbook(root, "check", "--strict").exit_code == 0
    bad = CliRunner().invoke(main, ["init", str(tmp_path / "other"), "--email", "sam"])
    assert bad.exit_code == 2
    assert "'sam' is not an email address" in bad.output
    assert not (tmp_path / "other").exists()
