"""After any import `kithbook check` is clean and a second import changes nothing, for
every export in the fixtures (issue 14, item 9): an import never leaves a journal that
`check` or `mkdocs build --strict` refuses, and the references it writes are slugs, which
say whom they mean even where two people share a name."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import mkdocs_build, write_journal
from importing import FIXTURES, ME, files, kithbook

EXPORTS = [
    ("linkedin", FIXTURES / "linkedin" / "export"),
    ("linkedin", FIXTURES / "linkedin" / "2018" / "Connections.csv"),
    ("twitter", FIXTURES / "twitter" / "archive"),
    ("twitter", FIXTURES / "twitter" / "2019" / "data" / "tweet.js"),
    ("twitter", FIXTURES / "twitter" / "namesakes"),
    *(("vcard", path) for path in sorted((FIXTURES / "vcard").glob("*.vcf"))),
    *(("ics", path) for path in sorted((FIXTURES / "ics").glob("*.ics"))),
]


@pytest.mark.parametrize(("kind", "export"), EXPORTS, ids=lambda value: str(value).split("/")[-1])
@pytest.mark.parametrize("take_all", [False, True], ids=["", "all"])
def test_check_is_clean_after_every_import(
    root: Path, kind: str, export: Path, take_all: bool
) -> None:
    options = ["--all"] if take_all else []
    result = kithbook(root, "import", kind, export, *options)
    assert result.exit_code == 0, result.output
    check = kithbook(root, "check", "--strict")
    assert check.exit_code == 0, check.output
    before = files(root)
    again = kithbook(root, "import", kind, export, *options)
    assert again.exit_code == 0, again.output
    assert files(root) == before
    assert ": 0 new (0 people, 0 events), 0 updated," in again.stdout.splitlines()[-1]


def test_two_accounts_called_freezer_are_two_people_whom_events_name_by_slug(
    root: Path,
) -> None:
    """Two accounts with one display name become freezer and freezer-2; each event names
    its own by slug, and the slug wins over the other's name."""
    result = kithbook(root, "import", "twitter", FIXTURES / "twitter" / "namesakes")
    assert result.exit_code == 0, result.output
    written = files(root)
    assert "name: Freezer\n" in written["people/freezer.md"]
    assert "twitter: '@freezer_uk'" in written["people/freezer.md"]
    assert "name: Freezer\n" in written["people/freezer-2.md"]
    assert "twitter: '@frzr'" in written["people/freezer-2.md"]
    assert "with: [freezer]\n" in written["events/2019/2019-01-05-replied-to-freezer-uk.md"]
    assert "with: [freezer-2]\n" in written["events/2019/2019-02-09-mentioned-frzr.md"]
    shown = kithbook(root, "show", "freezer")
    assert "Replied to @freezer_uk" in shown.stdout
    assert "Mentioned @frzr" not in shown.stdout
    assert kithbook(root, "check", "--strict").exit_code == 0
    built = mkdocs_build(root, strict=True)
    assert built.returncode == 0, built.stderr


def test_every_export_into_one_journal_builds_strict(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {}, settings=ME)
    for kind, export in EXPORTS:
        result = kithbook(root, "import", kind, export)
        assert result.exit_code == 0, (export, result.output)
    check = kithbook(root, "check", "--strict")
    assert check.exit_code == 0, check.output
    built = mkdocs_build(root, strict=True)
    assert built.returncode == 0, built.stderr


def test_dates_kithbook_does_not_take_stay_out_of_the_journal(root: Path, tmp_path: Path) -> None:
    """A spreadsheet that wrote year 1 (or 9999) into Connected On: the connection is
    imported without that date, with one warning, and check stays clean."""
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Quill,https://www.linkedin.com/in/ada-quill,,,,01 Jan 0001\n"
        "Bo,Reed,https://www.linkedin.com/in/bo-reed,,,,31 Dec 9999\n"
        "Cy,Vale,https://www.linkedin.com/in/cy-vale,,,,07 Feb 2026\n",
        encoding="utf-8",
    )
    result = kithbook(root, "import", "linkedin", export)
    assert result.exit_code == 0, result.output
    assert "met: 0001-01-01 is dated outside the years kithbook takes (1800 to 2999); " in (
        result.output
    )
    assert "(and 1 more like it)" in result.output
    written = files(root)
    assert "\nmet:" not in written["people/ada-quill.md"] + written["people/bo-reed.md"]
    assert "met: 2026-02-07" in written["people/cy-vale.md"]
    assert kithbook(root, "check", "--strict").exit_code == 0
