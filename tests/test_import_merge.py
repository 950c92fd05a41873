"""The shared engine of imports: matching, filling only empty fields, conflicts,
ambiguity, all or nothing. Journals are written inline; exports too, where small."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_journal
from importing import ME, kithbook

from kithbook.importers import PersonRecord, plan
from kithbook.importers.match import unify
from kithbook.model import Source
from kithbook.write import changeset

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
EXPORT = FIXTURES / "linkedin" / "export"

TOM = """\
---
# Tom from the Thursday code club
name: Tom Reed
aka: ["Tommy"]
where: 'Moseley, Birmingham'   # moved in 2024
org: Brindle and Finch
contact:
    email: tom@reed.example   # personal
extra:
  coffee: "flat white"
---
Met at the code club; he lent me *Refactoring*.

- a list in the notes
"""


def everything(root: Path) -> dict[str, bytes]:
    """Every file of the journal, hidden ones included."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def connections(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "Connections.csv"
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_hand_written_person_gets_only_empty_fields_and_keeps_every_byte(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {"people/tom-reed.md": TOM}, settings=ME)
    result = kithbook(root, "import", "linkedin", EXPORT)
    assert result.exit_code == 0, result.output
    assert (root / "people" / "tom-reed.md").read_text(encoding="utf-8") == TOM.replace(
        "    email: tom@reed.example   # personal\n",
        "    email: tom@reed.example   # personal\n"
        "    linkedin: https://www.linkedin.com/in/tomreed\n",
    ).replace(
        '  coffee: "flat white"\n---\n',
        '  coffee: "flat white"\nmet: 2019-03-12\nrole: Developer\n---\n',
    )
    assert "updated   people/tom-reed.md: added met, role, contact.linkedin" in result.stdout
    assert (
        "conflict  people/tom-reed.md: org is 'Brindle and Finch'; export/Connections.csv:6 "
        "says 'Brindle & Finch': kept as written" in result.stdout
    )
    assert "people/tom-reed-2.md" not in everything(root)  # found by name: no duplicate


def test_notes_from_an_address_book_never_go_into_the_notes(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {"people/tom-reed.md": TOM}, settings=ME)
    kithbook(root, "import", "vcard", FIXTURES / "vcard" / "google.vcf")
    text = (root / "people" / "tom-reed.md").read_text(encoding="utf-8")
    assert text.endswith(
        "---\nMet at the code club; he lent me *Refactoring*.\n\n- a list in the notes\n"
    )
    assert "  imported_notes: Owes me a book.\n" in text


def test_a_list_that_has_values_is_not_extended_but_reported(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path / "journal",
        {"people/jane.md": "---\nname: Jane Doe\ncontact:\n  email: [jane@home.example]\n---\n"},
        settings=ME,
    )
    result = kithbook(root, "import", "vcard", FIXTURES / "vcard" / "google.vcf")
    assert (
        "conflict  people/jane.md: contact.email is 'jane@home.example'; google.vcf:1 also gives "
        "'jane.doe@canalmaps.example': not added" in result.stdout
    )
    assert "  email: [jane@home.example]\n" in (root / "people" / "jane.md").read_text()


def test_a_stable_id_wins_over_the_name(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path / "journal",
        {"people/jd.md": "---\nname: J. D.\ncontact:\n  email: jane.doe@canalmaps.example\n---\n"},
        settings=ME,
    )
    result = kithbook(root, "import", "linkedin", EXPORT / "Connections.csv")
    assert "updated   people/jd.md: added met, org, role, contact.linkedin" in result.stdout
    assert not (root / "people" / "jane-doe.md").exists()


def test_a_name_of_two_people_is_ambiguous_and_their_events_wait(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path / "journal",
        {
            "people/jane-doe.md": "---\nname: Jane Doe\n---\n",
            "people/jane-doe-york.md": "---\nname: Jane D.\naka: [Jane Doe]\n---\n",
        },
        settings=ME,
    )
    before = everything(root)
    result = kithbook(root, "import", "linkedin", EXPORT)
    assert result.exit_code == 0, result.output
    assert (
        "ambiguous export/Connections.csv:5: 'Jane Doe' could be jane-doe or jane-doe-york: add "
        "their email or profile address to the right file, then import again" in result.stdout
    )
    assert (
        "ambiguous export/messages.csv:2: 'LinkedIn messages with Jane Doe' waits for:"
        in result.stdout
    )
    after = everything(root)
    assert {k: after[k] for k in before} == before
    assert not any("jane" in path for path in set(after) - set(before))
    assert ", 3 ambiguous" in result.stdout.splitlines()[-1]

    # settled by writing her address into the right file: the next import finds her
    (root / "people" / "jane-doe.md").write_text(
        "---\nname: Jane Doe\ncontact:\n  email: jane.doe@canalmaps.example\n---\n",
        encoding="utf-8",
    )
    again = kithbook(root, "import", "linkedin", EXPORT)
    assert "0 ambiguous" in again.stdout.splitlines()[-1]
    assert (root / "events/2026/2026-02-09-linkedin-messages-with-jane-doe.md").exists()


def test_a_namesake_with_another_profile_is_ambiguous(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path / "journal",
        {
            "people/jane-doe.md": "---\nname: Jane Doe\ncontact:\n"
            "  linkedin: linkedin.com/in/other-jane\n---\n"
        },
        settings=ME,
    )
    result = kithbook(root, "import", "linkedin", EXPORT / "Connections.csv")
    assert (
        "ambiguous Connections.csv:5: 'Jane Doe' has the name of jane-doe, whose LinkedIn "
        "profile is another" in result.stdout
    )
    assert not (root / "people" / "jane-doe-2.md").exists()


def test_ids_of_two_people_are_ambiguous(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path / "journal",
        {
            "people/a.md": "---\nname: A\ncontact:\n  email: jane.doe@canalmaps.example\n---\n",
            "people/b.md": "---\nname: B\ncontact:\n  linkedin: https://linkedin.com/in/jane-doe-4b1a2c/\n---\n",
        },
        settings=ME,
    )
    result = kithbook(root, "import", "linkedin", EXPORT / "Connections.csv")
    assert (
        "ambiguous Connections.csv:5: 'Jane Doe' has ids of more than one person: "
        "a (jane.doe@canalmaps.example) and b (in/jane-doe-4b1a2c)" in result.stdout
    )


def test_a_person_file_that_cannot_be_read_is_not_duplicated(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path / "journal", {"people/jane-doe.md": "---\nname: [Jane\n---\n"}, settings=ME
    )
    result = kithbook(root, "import", "linkedin", EXPORT / "Connections.csv")
    assert (
        "ambiguous Connections.csv:5: 'Jane Doe': people/jane-doe.md cannot be read: fix "
        "it, then import again" in result.stdout
    )
    assert not (root / "people" / "jane-doe-2.md").exists()


def test_records_of_one_export_are_merged_by_id_and_by_name_unless_ids_differ() -> None:
    def record(line: int, name: str | None, **facts: object) -> PersonRecord:
        return PersonRecord(Source("x.csv", line), f"r{line}", name, facts)

    candidates = unify(
        [
            record(1, "Jane Doe", **{"contact.linkedin": "https://linkedin.com/in/jane"}),
            record(2, None, **{"contact.linkedin": "linkedin.com/in/Jane/", "org": "Maps"}),
            record(3, "jane doe", **{"contact.email": ["jane@example.org"]}),
            record(4, "Jane Doe", **{"contact.linkedin": "https://linkedin.com/in/other-jane"}),
            record(5, "Tom", **{"contact.email": ["T@Example.org"]}),
            record(6, "Thomas", **{"contact.email": ["t@example.org"]}),
        ]
    )
    assert [c.keys for c in candidates] == [("r1", "r2", "r3"), ("r4",), ("r5", "r6")]
    assert candidates[0].facts == {
        "contact.linkedin": "https://linkedin.com/in/jane",
        "org": "Maps",
        "contact.email": ["jane@example.org"],
    }
    assert candidates[2].names == ("Tom", "Thomas")


def test_dry_run_writes_nothing_and_says_what_it_would_do(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {"people/tom-reed.md": TOM}, settings=ME)
    before = everything(root)
    result = kithbook(root, "import", "linkedin", EXPORT, "--dry-run")
    assert result.exit_code == 0, result.output
    assert everything(root) == before
    assert "updated   people/tom-reed.md: added met, role, contact.linkedin" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "linkedin export: 7 new (3 people, 4 events), 1 updated, 0 unchanged, 7 skipped, "
        "0 ambiguous, 1 conflict, 0 problems; dry run: nothing written"
    )


def test_a_failure_while_writing_leaves_the_journal_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_journal(tmp_path / "journal", {"people/tom-reed.md": TOM}, settings=ME)
    before = everything(root)
    real_place = changeset._place_new
    placed: list[str] = []

    def disk_full_after_three(staged: str, path: str) -> None:
        if len(placed) == 3:
            raise OSError(28, "No space left on device", path)
        real_place(staged, path)
        placed.append(path)

    monkeypatch.setattr(changeset, "_place_new", disk_full_after_three)
    result = kithbook(root, "import", "linkedin", EXPORT)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "No space left on device" in result.output
    assert len(placed) == 3
    assert everything(root) == before
    assert sorted(p.name for p in root.iterdir()) == sorted(
        ["docs", "hooks", "mkdocs.yml", "people"]
    )


def test_a_file_saved_during_the_import_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_journal(tmp_path / "journal", {"people/tom-reed.md": TOM}, settings=ME)
    real_plan = plan.make_plan

    def someone_saves_tom(*args, **kwargs):
        made = real_plan(*args, **kwargs)
        (root / "people" / "tom-reed.md").write_text(TOM + "Saved meanwhile.\n", encoding="utf-8")
        return made

    monkeypatch.setattr(plan, "make_plan", someone_saves_tom)
    result = kithbook(root, "import", "linkedin", EXPORT)
    assert result.exit_code == 1
    assert result.output == (
        "Error: nothing written: people/tom-reed.md was changed while importing; "
        "run the import again\n"
    )
    after = everything(root)
    assert sorted(after) == [
        "docs/index.md",
        "hooks/journal.py",
        "mkdocs.yml",
        "people/tom-reed.md",
    ]
    assert after["people/tom-reed.md"].decode() == TOM + "Saved meanwhile.\n"


def test_a_long_import_shows_its_progress_on_stderr(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {}, settings=ME)
    rows = [f"P{n},Q{n},https://www.linkedin.com/in/p{n},,,,07 Feb 2026" for n in range(300)]
    result = kithbook(root, "import", "linkedin", connections(tmp_path, *rows))
    assert result.exit_code == 0, result.output
    assert "Writing" in result.stderr
    assert "Writing" not in result.stdout
    assert len(list((root / "people").iterdir())) == 300
    small = kithbook(root, "import", "linkedin", connections(tmp_path, "A,B,,,,,07 Feb 2026"))
    assert small.stderr == ""


def test_addresses_no_web_address_can_be_are_no_ids():
    """urlsplit refuses ``[z]`` (brackets hold an IPv6 host): an export's odd profile
    address is no id, not a crash."""
    from kithbook.importers.ids import linkedin_id, twitter_handle

    assert linkedin_id("[z]") is None and twitter_handle("@a[b]/c") is None
    assert linkedin_id("https://www.linkedin.com/in/Jane-Doe/") == "in/jane-doe"
