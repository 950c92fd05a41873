"""`kithbook import vcard`: Google, Apple and Outlook contacts, vCard 2.1, 3.0 and 4.0."""

from __future__ import annotations

from pathlib import Path

import pytest
from importing import files, kithbook

from kithbook.importers.vcard.cards import read
from kithbook.importers.vcard.person import person
from kithbook.model import Birthday

VCARD = Path(__file__).parent / "fixtures" / "imports" / "vcard"


EXPECTED = {
    "google.vcf": {
        "people/jane-doe.md": """\
---
name: Jane Doe
aka: [Janie, JD]
where: Birmingham, United Kingdom
birthday: 1985-03-14
org: Canal Maps, Ltd
role: Senior Surveyor
contact:
  email:
  - jane.doe@canalmaps.example
  - jane@home.example
  phone: +44 7700 900123
  linkedin: https://www.linkedin.com/in/jane-doe-4b1a2c
extra:
  imported_notes: |-
    Loves maps.
    Allergic to cats.
---
""",
        "people/tom-reed.md": """\
---
name: Tom Reed
birthday: 07-04
contact:
  email: tom@reed.example
  phone: +44 7700 900456
extra:
  imported_notes: Owes me a book.
---
""",
    },
    # iOS: \r\r\n line ends, a folded photo, a birthday without a year (1604), a social profile
    "apple.vcf": {
        "people/zoe-angstrom.md": """\
---
name: Zoë Ångström
birthday: 11-21
org: Fika, Films & Co
role: Producer
contact:
  email: zoe@fika.example
  phone: +46 70 123 45 67
  linkedin: https://www.linkedin.com/in/zoe-angstrom
extra:
  imported_notes: Met at the Fika screening.
---
""",
    },
    # vCard 2.1: a quoted-printable note over two lines, in UTF-8
    "outlook.vcf": {
        "people/priya-nair.md": """\
---
name: Priya Nair
birthday: 1990-05-21
org: Nair Analytics
role: Founder
contact:
  email: priya@nair.example
  phone: +44 121 496 0000
extra:
  imported_notes: |-
    Speaker at Pennine Code — data ethics.
    Ask about the café meetup.
---
""",
    },
    # vCard 4.0: a UID, a tel: URI, --MMDD; a card with a line that cannot be read
    "v4.vcf": {
        "people/broken-card.md": (
            "---\nname: Broken Card\ncontact:\n  email: broken@example.org\n---\n"
        ),
        "people/ngozi-okafor.md": """\
---
name: Ngozi Okafor
birthday: 02-29
contact:
  email: ngozi@okafor.example
  phone: +234-801-555-0100
extra:
  vcard_uid: urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1
---
""",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_export_writes_these_files(root: Path, name: str) -> None:
    result = kithbook(root, "import", "vcard", VCARD / name)
    assert result.exit_code == 0, result.output
    assert files(root) == EXPECTED[name]
    assert kithbook(root, "check").exit_code == 0
    again = kithbook(root, "import", "vcard", VCARD / name)
    assert files(root) == EXPECTED[name]
    assert f"vcard {name}: 0 new (0 people, 0 events), 0 updated" in again.stdout


def test_your_own_card_and_a_card_without_a_name_are_skipped(root: Path) -> None:
    result = kithbook(root, "import", "vcard", VCARD / "google.vcf")
    assert "skipped   google.vcf:28: your own card" in result.stdout
    assert "skipped   google.vcf:35: a card with no name" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "vcard google.vcf: 2 new (2 people, 0 events), 0 updated, 0 unchanged, 2 skipped, "
        "0 ambiguous, 0 conflicts, 0 problems"
    )


def test_a_line_that_cannot_be_read_is_reported_with_its_line(root: Path) -> None:
    result = kithbook(root, "import", "vcard", VCARD / "v4.vcf")
    assert "v4.vcf:14: warning: cannot read this line of the card: left out" in result.stdout


def test_a_renamed_person_is_found_again_by_uid(root: Path) -> None:
    kithbook(root, "import", "vcard", VCARD / "v4.vcf")
    path = root / "people" / "ngozi-okafor.md"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("Ngozi Okafor", "Ngozi O.")
        .replace("ngozi@okafor.example", "ngozi@new.example"),
        encoding="utf-8",
    )
    before = files(root)
    result = kithbook(root, "import", "vcard", VCARD / "v4.vcf")
    assert files(root) == before
    assert "conflict  people/ngozi-okafor.md: contact.email is 'ngozi@new.example'" in result.stdout


def test_other_files_are_refused_in_one_line(root: Path, tmp_path: Path) -> None:
    ics = VCARD.parent / "ics" / "google.ics"
    result = kithbook(root, "import", "vcard", ics)
    assert result.exit_code == 1
    assert result.output == (
        "Error: google.ics is not a vCard file (.vcf): it looks like a calendar file (.ics); "
        "try 'kithbook import ics'\n"
    )
    text = tmp_path / "notes.vcf"
    text.write_text("Jane: 0121 496 0000\n", encoding="utf-8")
    assert kithbook(root, "import", "vcard", text).output == (
        "Error: notes.vcf is not a vCard file (.vcf)\n"
    )
    empty = tmp_path / "empty.vcf"
    empty.write_text("BEGIN:VCARD\nVERSION:3.0\n", encoding="utf-8")  # cut off
    assert kithbook(root, "import", "vcard", empty).output == (
        "Error: nothing to import from empty.vcf: a card cut off before its END:VCARD (1 skipped)\n"
    )
    assert files(root) == {}


@pytest.mark.parametrize(
    ("line", "birthday"),
    [
        ("BDAY:1985-03-14", Birthday(3, 14, 1985)),
        ("BDAY:19850314", Birthday(3, 14, 1985)),
        ("BDAY:--0314", Birthday(3, 14)),
        ("BDAY:--03-14", Birthday(3, 14)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14", Birthday(3, 14)),
        ("BDAY;VALUE=date:1985-03-14T00:00:00Z", Birthday(3, 14, 1985)),
        ("BDAY:1985-02-30", None),
        ("BDAY:soon", None),
    ],
)
def test_birthdays(line: str, birthday: Birthday | None) -> None:
    text = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n{line}\r\nEND:VCARD\r\n"
    [card], _, _ = read(text.encode(), "x.vcf")
    assert person(card, card.source).facts.get("birthday") == birthday
