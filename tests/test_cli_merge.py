"""`kithbook merge` and `kithbook rm`: one person from two (an import's duplicate), and a
person removed, with every reference following and nothing else changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import write_journal
from test_cli_rename import committed, git, journal_of, tree

from kithbook.cli import main

TODAY = "2026-11-21"
JANE = """\
---
name: Jane Doe
aka: [Janie]   # what Tom calls her
where: Leeds, UK
contact:
  email: jane@home.example
---
Loves maps.
"""
CARD = """\
BEGIN:VCARD
VERSION:3.0
FN:Jane D.
N:D.;Jane;;;
EMAIL:jane.d@work.example
ORG:Canal Maps
TEL:+44 7700 900123
NOTE:From my phone.
BDAY:1985-03-14
END:VCARD
"""


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": TODAY})


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    files = {
        "people/jane-doe.md": JANE,
        "people/tom-reed.md": "---\nname: Tom Reed\n---\n",
        "events/2026/2026-10-01-coffee.md": "---\ndate: 2026-10-01\nwith: [jane-doe]\n---\n",
    }
    root = committed(write_journal(tmp_path / "journal", files))
    card = tmp_path / "phone.vcf"
    card.write_text(CARD, encoding="utf-8")
    result = kithbook(root, "import", "vcard", str(card))
    assert result.exit_code == 0, result.output
    assert (root / "people/jane-d.md").exists()  # the import's duplicate
    events = {
        "events/2026/2026-11-01-call.md": (
            "---\ndate: 2026-11-01\nkind: call\nwith: [jane-d]\n---\n"
        ),
        "events/2026/2026-11-02-both.md": (
            "---\ndate: 2026-11-02\nwith:\n  - jane-doe\n  - jane-d\n  - tom-reed\n"
            "by: jane-d\n---\n"
        ),
        "events/2026/2026-11-03-by-name.md": "---\ndate: 2026-11-03\nwith: [Jane D.]\n---\n",
    }
    for rel, text in events.items():
        (root / rel).write_text(text, encoding="utf-8")
    with (root / "people/jane-d.md").open("a", encoding="utf-8") as notes:
        notes.write("Met at the canal.\n")
    git(root, "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "import")
    return root


def test_merge_fills_empty_fields_lists_conflicts_and_follows_references(journal: Path) -> None:
    before = tree(journal)
    result = kithbook(journal, "merge", "jane-doe", "jane-d")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "merged Jane D. (jane-d) into Jane Doe (jane-doe); check: 2 people, 4 events: no problems"
    )
    assert "note: kept contact.email: jane@home.example (people/jane-d.md says " in result.stderr
    after = tree(journal)
    assert "people/jane-d.md" not in after
    jane = after["people/jane-doe.md"].decode()
    assert jane.startswith(
        "---\nname: Jane Doe\naka: [Janie, Jane D.]   # what Tom calls her\n"
        "where: Leeds, UK\ncontact:\n  email: jane@home.example\n"
        "  phone: +44 7700 900123\n"
    )
    assert (
        "birthday: 1985-03-14\norg: Canal Maps\nextra:\n  imported_notes: From my phone.\n" in jane
    )
    assert jane.endswith("Loves maps.\n\n## Notes merged from Jane D.\n\nMet at the canal.\n")
    # her own event stays; jane-d becomes jane-doe, or goes where jane-doe is named already
    assert after["events/2026/2026-10-01-coffee.md"] == before["events/2026/2026-10-01-coffee.md"]
    assert after["events/2026/2026-11-01-call.md"] == before[
        "events/2026/2026-11-01-call.md"
    ].replace(b"[jane-d]", b"[jane-doe]")
    assert after["events/2026/2026-11-02-both.md"] == (
        b"---\ndate: 2026-11-02\nwith:\n  - jane-doe\n  - tom-reed\nby: jane-doe\n---\n"
    )
    # by her other name: her aka now, so the file still finds her and stays
    assert after["events/2026/2026-11-03-by-name.md"] == before["events/2026/2026-11-03-by-name.md"]
    journal_read, problems = journal_of(journal)
    assert problems == []
    assert [event.with_ for event in journal_read.events] == [
        ("jane-doe",),
        ("jane-doe",),
        ("jane-doe", "tom-reed"),
        ("jane-doe",),
    ]
    assert "D  people/jane-d.md" in git(journal, "status", "--porcelain")


def test_merge_dry_run_writes_nothing(journal: Path) -> None:
    before = tree(journal)
    result = kithbook(journal, "merge", "Jane Doe", "Jane D.", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "events/2026/2026-11-02-both.md:5: with: - jane-d" in result.stdout
    assert "events/2026/2026-11-02-both.md:7: by: jane-d -> jane-doe" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("dry run: nothing written")
    assert tree(journal) == before


def test_merging_a_person_into_themselves_is_refused(journal: Path) -> None:
    result = kithbook(journal, "merge", "jane-doe", "Janie")
    assert result.exit_code == 1
    assert result.stderr == "Error: 'Jane Doe' and 'Jane Doe' are the same person\n"


def test_rm_refuses_while_events_name_them_and_lists_them(journal: Path) -> None:
    before = tree(journal)
    result = kithbook(journal, "rm", "jane-d")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "  events/2026/2026-11-01-call.md:1: 2026-11-01 Call",
        "  events/2026/2026-11-02-both.md:1: 2026-11-02 Both",
        "  events/2026/2026-11-03-by-name.md:1: 2026-11-03 By name",
        "Error: Jane D. is named in 3 places: nothing removed; --detach takes them out of "
        "those, or merge them into someone: kithbook merge KEEP jane-d",
    ]
    assert tree(journal) == before


def test_rm_detach_takes_them_out_and_removes_the_file(journal: Path) -> None:
    result = kithbook(journal, "rm", "jane-d", "--detach")
    assert result.exit_code == 0, result.output
    after = tree(journal)
    assert "people/jane-d.md" not in after
    assert after["events/2026/2026-11-02-both.md"] == (
        b"---\ndate: 2026-11-02\nwith:\n  - jane-doe\n  - tom-reed\n---\n"
    )
    assert after["events/2026/2026-11-01-call.md"] == (
        b"---\ndate: 2026-11-01\nkind: call\nwith: []\n---\n"
    )
    assert "note: events/2026/2026-11-01-call.md:1: now names no one" in result.stderr
    assert kithbook(journal, "check").exit_code == 0


def test_rm_of_a_person_no_one_names(tmp_path: Path) -> None:
    root = write_journal(tmp_path, {"people/old.md": "---\nname: Old Contact\n---\n"})
    result = kithbook(root, "rm", "Old Contact")
    assert result.exit_code == 0, result.output
    assert not (root / "people/old.md").exists()
    assert result.stdout.splitlines()[-1] == (
        "removed Old Contact (old); check: 0 people, 0 events: no problems"
    )


def test_an_introducer_follows_a_merge(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path,
        {
            "people/ann.md": "---\nname: Ann\n---\n",
            "people/ann-2.md": "---\nname: Annie\nwhere: York\n---\n",
            "people/bo.md": "---\nname: Bo\nintroduced_by: ann-2  # at the party\n---\n",
        },
    )
    result = kithbook(root, "merge", "ann", "ann-2")
    assert result.exit_code == 0, result.output
    assert (root / "people/bo.md").read_text() == (
        "---\nname: Bo\nintroduced_by: ann  # at the party\n---\n"
    )
    assert (
        root / "people/ann.md"
    ).read_text() == "---\nname: Ann\naka: [Annie]\nwhere: York\n---\n"
