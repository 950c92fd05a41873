"""`kithbook import linkedin`: Connections.csv (both layouts), messages.csv, Invitations.csv."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import write_journal
from importing import files, kithbook

from kithbook.importers.linkedin.dates import linkedin_date

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
EXPORT = FIXTURES / "linkedin" / "export"


EXPECTED = {
    "events/2022/2022-11-02-linkedin-invitation-from-zoe-angstrom.md": """\
---
date: 2022-11-02
title: LinkedIn invitation from Zoë Ångström
kind: like
with: [zoe-angstrom]
by: them
uid: linkedin-invitation:in/zoe-angstrom:2022-11-02
---
""",
    "events/2023/2023-08-20-linkedin-invitation-to-priya-nair.md": """\
---
date: 2023-08-20
title: LinkedIn invitation to Priya Nair
kind: message
with: [priya-nair]
by: me
uid: linkedin-invitation:in/priya-nair-88:2023-08-20
---
""",
    "events/2026/2026-02-09-linkedin-messages-with-jane-doe.md": """\
---
date: 2026-02-09
title: LinkedIn messages with Jane Doe
kind: message
with: [jane-doe]
by: them
uid: linkedin-message:2-MTIzNDU2Nzg5MA==:2026-02-09
---
""",
    "events/2026/2026-02-12-linkedin-messages-with-jane-doe.md": """\
---
date: 2026-02-12
title: LinkedIn messages with Jane Doe
kind: message
with: [jane-doe]
by: them
uid: linkedin-message:2-MTIzNDU2Nzg5MA==:2026-02-12
---
""",
    "people/jane-doe.md": """\
---
name: Jane Doe
met: 2026-02-07
how_we_met: LinkedIn
org: Canal Maps, Ltd
role: Senior Surveyor
contact:
  email: jane.doe@canalmaps.example
  linkedin: https://www.linkedin.com/in/jane-doe-4b1a2c
---
""",
    "people/priya-nair.md": """\
---
name: Priya Nair
met: 2023-08-21
how_we_met: LinkedIn
org: Nair Analytics
role: Founder
contact:
  email: priya@nair.example
  linkedin: https://www.linkedin.com/in/priya-nair-88
---
""",
    "people/tom-reed.md": """\
---
name: Tom Reed
met: 2019-03-12
how_we_met: LinkedIn
org: Brindle & Finch
role: Developer
contact:
  linkedin: https://www.linkedin.com/in/tomreed
---
""",
    "people/zoe-angstrom.md": """\
---
name: Zoë Ångström
met: 2022-11-03
how_we_met: LinkedIn
org: Fika, Films & Co
role: Producer, Documentaries
contact:
  linkedin: https://www.linkedin.com/in/zoe-angstrom
---
""",
}


def test_an_export_folder_writes_these_files(root: Path) -> None:
    result = kithbook(root, "import", "linkedin", EXPORT)
    assert result.exit_code == 0, result.output
    assert files(root) == EXPECTED
    lines = result.stdout.splitlines()
    assert "skipped   export/Connections.csv:7 and 1 more: a hidden profile (only a date)" in lines
    assert "skipped   export/messages.csv:7: a draft, spam or a sponsored message" in lines
    assert lines[-1] == (
        "linkedin export: 8 new (4 people, 4 events), 0 updated, 0 unchanged, 7 skipped, "
        "0 ambiguous, 0 conflicts, 0 problems"
    )
    assert kithbook(root, "check").exit_code == 0


def test_a_second_import_changes_nothing(root: Path) -> None:
    kithbook(root, "import", "linkedin", EXPORT)
    before = files(root)
    again = kithbook(root, "import", "linkedin", EXPORT)
    assert again.exit_code == 0, again.output
    assert files(root) == before
    assert again.stdout.splitlines()[-1].startswith(
        "linkedin export: 0 new (0 people, 0 events), 0 updated"
    )
    assert not [line for line in again.stdout.splitlines() if line.startswith(("new", "updated"))]


def test_the_zip_archive_gives_the_same_files(root: Path, tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_02-14-2026.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in EXPORT.iterdir():
            out.write(file, file.name)
        out.writestr("Profile.csv", "First Name,Last Name,Headline\nSam,Example,Maps\n")
    result = kithbook(root, "import", "linkedin", archive)
    assert result.exit_code == 0, result.output
    assert files(root) == EXPECTED
    assert "Basic_LinkedInDataExport_02-14-2026.zip/Connections.csv:5" in result.stdout


def test_one_file_alone(root: Path) -> None:
    result = kithbook(root, "import", "linkedin", EXPORT / "Connections.csv")
    assert result.exit_code == 0, result.output
    assert sorted(files(root)) == [
        "people/jane-doe.md", "people/priya-nair.md",
        "people/tom-reed.md", "people/zoe-angstrom.md",
    ]  # fmt: skip
    assert "(Jane Doe; Connections.csv:5)" in result.stdout


def test_the_layout_before_2020_with_a_bom_and_windows_line_ends(root: Path) -> None:
    result = kithbook(
        root, "import", "linkedin", FIXTURES / "linkedin" / "2018" / "Connections.csv"
    )
    assert result.exit_code == 0, result.output
    assert files(root) == {
        "people/bob-smith.md": "---\nname: Bob Smith\nmet: 2017-12-24\nhow_we_met: LinkedIn\n"
        "contact:\n  email: bob.smith@example.org\n---\n",
        # urn:li:member:... is not an email address
        "people/ngozi-okafor.md": "---\nname: Ngozi Okafor\nmet: 2018-01-08\nhow_we_met: LinkedIn\n"
        "org: Okafor Design\nrole: Designer\n---\n",
    }


def test_a_file_saved_by_a_spreadsheet_in_windows_code_page(root: Path, tmp_path: Path) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_bytes(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Zoë,Ångström,,,,,03 Nov 2022\r\n".encode("cp1252")
    )
    assert kithbook(root, "import", "linkedin", csv).exit_code == 0
    assert "name: Zoë Ångström\n" in files(root)["people/zoe-angstrom.md"]


def test_an_updated_export_adds_only_what_is_new(root: Path, tmp_path: Path) -> None:
    kithbook(root, "import", "linkedin", EXPORT)
    before = files(root)
    updated = tmp_path / "export"
    shutil.copytree(EXPORT, updated)
    with open(updated / "Connections.csv", "a", encoding="utf-8") as out:
        out.write("Lena,Fischer,https://www.linkedin.com/in/lena-f,,Harbour Co,Pilot,01 Mar 2026\n")
    with open(updated / "messages.csv", "a", encoding="utf-8") as out:
        out.write(
            "2-MTIzNDU2Nzg5MA==,,Sam Example,https://www.linkedin.com/in/sam-example,Jane Doe,"
            "https://www.linkedin.com/in/jane-doe-4b1a2c,2026-03-02 09:00:00 UTC,,Thanks!,INBOX,\n"
        )
    result = kithbook(root, "import", "linkedin", updated)
    assert result.exit_code == 0, result.output
    added = {path: text for path, text in files(root).items() if path not in before}
    assert sorted(added) == [
        "events/2026/2026-03-02-linkedin-messages-with-jane-doe.md",
        "people/lena-fischer.md",
    ]
    assert "by: me\n" in added["events/2026/2026-03-02-linkedin-messages-with-jane-doe.md"]
    assert {path: files(root)[path] for path in before} == before
    assert result.stdout.splitlines()[-1].startswith("linkedin export: 2 new (1 person, 1 event)")


def test_dry_run_prints_the_plan_and_writes_nothing(root: Path) -> None:
    result = kithbook(root, "import", "linkedin", EXPORT, "--dry-run")
    assert result.exit_code == 0, result.output
    assert files(root) == {}
    assert "new       people/jane-doe.md  (Jane Doe; export/Connections.csv:5)" in result.stdout
    assert result.stdout.rstrip().endswith("; dry run: nothing written")


def test_without_knowing_me_messages_are_left_out_with_a_warning(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {})  # no me.name in the config
    messages = tmp_path / "messages.csv"
    lines = (EXPORT / "messages.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    messages.write_text("".join(lines[:5]), encoding="utf-8")  # one conversation: two people
    result = kithbook(root, "import", "linkedin", messages)
    assert result.exit_code == 1
    assert result.output == (
        "Error: nothing to import from messages.csv: cannot tell which participant is you, "
        "so no messages were imported: set extra.kithbook.me.name in mkdocs.yml to your "
        "name on LinkedIn\n"
    )
    result = kithbook(root, "import", "linkedin", EXPORT)  # you are the one in every conversation
    assert result.exit_code == 0, result.output
    assert "events/2026/2026-02-09-linkedin-messages-with-jane-doe.md" in files(root)


def test_another_kind_of_file_is_refused_in_one_line(root: Path, tmp_path: Path) -> None:
    result = kithbook(root, "import", "linkedin", FIXTURES / "vcard" / "google.vcf")
    assert result.exit_code == 1
    assert result.output == (
        "Error: google.vcf is not a LinkedIn export (Connections.csv, messages.csv or "
        "Invitations.csv): it looks like a vCard file (.vcf); try 'kithbook import vcard'\n"
    )
    other = tmp_path / "Profile.csv"
    other.write_text("First Name,Last Name,Headline\nSam,Example,Maps\n", encoding="utf-8")
    result = kithbook(root, "import", "linkedin", other)
    assert result.exit_code == 1
    assert (
        result.output.count("\n") == 1 and "Profile.csv is not a LinkedIn export" in result.output
    )
    assert files(root) == {}


def test_only_hidden_profiles_is_nothing_to_import(root: Path, tmp_path: Path) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n,,,,,,15 Jan 2024\n",
        encoding="utf-8",
    )
    result = kithbook(root, "import", "linkedin", csv)
    assert result.exit_code == 1
    assert result.output == (
        "Error: nothing to import from Connections.csv: a hidden profile (only a date) "
        "(1 skipped)\n"
    )


def test_a_kind_that_is_not_an_importer_is_a_usage_error(root: Path) -> None:
    assert kithbook(root, "import", "facebook", EXPORT).exit_code == 2


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("07 Feb 2026", date(2026, 2, 7)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("12/24/2017", date(2017, 12, 24)),
        ("2026-02-09 08:15:02 UTC", date(2026, 2, 9)),
        ("31 Feb 2026", None),
        ("yesterday", None),
    ],
)
def test_linkedin_dates(text: str, day: date | None) -> None:
    assert linkedin_date(text) == day
