"""`kithbook log`: a new event file, with people resolved or nothing written."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import write_journal

from kithbook.cli import main
from kithbook.cli.options import parse_when
from kithbook.config import parse_config
from kithbook.load import load_journal
from kithbook.model import FollowUp

TODAY = "2026-11-21"
PEOPLE = {
    "people/jane-doe.md": "---\nname: Jane Doe\naka: [Janie]\n---\n",
    "people/zoe-angstrom.md": "---\nname: Zoë Ångström\naka: [Zo]\n---\n",
    "people/tom-reed.md": "---\nname: Tom Reed\naka: [T]\n---\n",
    "people/tom-smith.md": "---\nname: Tom Smith\naka: [T]\n---\n",
}


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": TODAY})


def event_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "events").rglob("*.md"))


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return write_journal(tmp_path, PEOPLE, settings="default_kind: coffee\n")


def test_log_by_name_aka_slug_comma_separated_and_repeated(journal: Path) -> None:
    result = kithbook(
        journal, "log", "Coffee at Tilt", "--with", "jane doe, Zo", "--with", "tom-reed",
        "--with", "Janie",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote events/2026/2026-11-21-coffee-at-tilt.md\n"
    assert (journal / "events/2026/2026-11-21-coffee-at-tilt.md").read_text(encoding="utf-8") == (
        "---\n"
        "date: 2026-11-21\n"
        "title: Coffee at Tilt\n"
        "kind: coffee\n"
        "with: [jane-doe, zoe-angstrom, tom-reed]\n"
        "---\n"
    )


def test_every_field_reads_back_as_written(journal: Path) -> None:
    result = kithbook(
        journal, "log", "Dinner: the canal place", "--with", "Zoë Ångström", "--kind", "meal",
        "--date", "2026-12-04 19:30", "--place", "Tilt, Birmingham", "--by", "them",
        "--follow-up", "book a table", "--follow-up", "[x] ask Zoë",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote events/2026/2026-12-04-dinner-the-canal-place.md (planned)\n"
    journal_read, problems = load_journal(journal, parse_config({})[0])
    assert problems == []
    (event,) = journal_read.events
    assert event.id == "2026/2026-12-04-dinner-the-canal-place"
    assert (event.date, event.time) == (date(2026, 12, 4), time(19, 30))
    assert (event.title, event.kind, event.place, event.by) == (
        "Dinner: the canal place", "meal", "Tilt, Birmingham", "them",
    )  # fmt: skip
    assert event.with_ == ("zoe-angstrom",)
    assert event.follow_up == (FollowUp("book a table"), FollowUp("ask Zoë", done=True))


def test_a_misspelt_name_gets_a_did_you_mean_and_nothing_is_written(journal: Path) -> None:
    result = kithbook(journal, "log", "Coffee", "--with", "zoe-angstrom, Jane Deo")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: nothing written: no one called 'Jane Deo' in people/; "
        "did you mean 'Jane Doe' (jane-doe)?\n"
    )
    assert event_files(journal) == []


def test_a_name_two_people_share_is_refused(journal: Path) -> None:
    result = kithbook(journal, "log", "Coffee", "--with", "T")
    assert result.exit_code == 1
    assert "'T' could be tom-reed or tom-smith: write the slug" in result.stderr
    assert event_files(journal) == []


def test_by_a_person_is_resolved_and_an_unknown_one_refused(journal: Path) -> None:
    assert kithbook(journal, "log", "Intro", "--with", "Zo", "--by", "Janie").exit_code == 0
    text = (journal / "events/2026/2026-11-21-intro.md").read_text(encoding="utf-8")
    assert "by: jane-doe\n" in text
    refused = kithbook(journal, "log", "Intro 2", "--with", "Zo", "--by", "Jaine")
    assert refused.exit_code == 1
    assert "--by: no one called 'Jaine'" in refused.stderr


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("today", "events/2026/2026-11-21-call.md"),
        ("yesterday", "events/2026/2026-11-20-call.md"),
        ("2025-01-31", "events/2025/2025-01-31-call.md"),
        ("2024-02-29 08:05", "events/2024/2024-02-29-call.md"),
    ],
)
def test_log_dates(journal: Path, given: str, expected: str) -> None:
    result = kithbook(journal, "log", "Call", "--with", "Janie", "-k", "call", "--date", given)
    assert result.exit_code == 0, result.output
    assert event_files(journal) == [expected]


def test_a_bad_date_is_a_usage_error(journal: Path) -> None:
    result = kithbook(journal, "log", "Call", "--with", "Janie", "--date", "2025-02-30")
    assert result.exit_code == 2
    assert "'2025-02-30' is not a date" in result.stderr
    assert event_files(journal) == []


def test_parse_when() -> None:
    today = date(2026, 3, 1)
    assert parse_when("Yesterday", today) == (date(2026, 2, 28), None)
    assert parse_when("tomorrow", today) == (date(2026, 3, 2), None)
    assert parse_when("2026-03-01T18:30", today) == (date(2026, 3, 1), time(18, 30))
    assert parse_when("last tuesday", today) == (date(2026, 2, 24), None)
    with pytest.raises(ValueError, match="not a date"):
        parse_when("the other day", today)


def test_an_unknown_kind_is_a_usage_error_with_a_hint(journal: Path) -> None:
    result = kithbook(journal, "log", "Coffee", "--with", "Janie", "--kind", "cofee")
    assert result.exit_code == 2
    assert "did you mean 'coffee'?" in result.stderr
    assert event_files(journal) == []


def test_with_is_required(journal: Path) -> None:
    assert kithbook(journal, "log", "Coffee").exit_code == 2


def test_an_existing_file_name_gets_a_number(journal: Path) -> None:
    first = journal / "events/2026/2026-11-21-coffee.md"
    first.parent.mkdir(parents=True)
    first.write_text("---\ndate: 2026-11-21\nwith: [Janie]\n---\nMine.\n", encoding="utf-8")
    for _ in range(2):
        assert kithbook(journal, "log", "Coffee", "--with", "Janie").exit_code == 0
    assert event_files(journal) == [
        "events/2026/2026-11-21-coffee-2.md",
        "events/2026/2026-11-21-coffee-3.md",
        "events/2026/2026-11-21-coffee.md",
    ]
    assert first.read_text(encoding="utf-8").endswith("Mine.\n")


def test_a_title_without_letters_uses_the_kind(journal: Path) -> None:
    assert kithbook(journal, "log", "☕", "--with", "Janie").exit_code == 0
    assert event_files(journal) == ["events/2026/2026-11-21-coffee.md"]
    text = (journal / "events/2026/2026-11-21-coffee.md").read_text(encoding="utf-8")
    assert "title: ☕\n" in text


def test_edit_opens_the_new_file_and_reports_its_problems(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def editor(filename: str) -> None:
        Path(filename).write_text("---\ndate: 2026-11-21\nwhen: later\n---\n", encoding="utf-8")

    monkeypatch.setattr(click, "edit", editor)
    result = kithbook(journal, "log", "Coffee", "--with", "Janie", "-e")
    assert result.exit_code == 0, result.output
    assert "events/2026/2026-11-21-coffee.md:3: warning: unknown field 'when'" in result.stderr


def test_a_name_typed_without_its_accents_finds_the_person_by_slug(journal: Path) -> None:
    result = kithbook(journal, "log", "Coffee", "--with", "zoe angstrom", "--with", "Tom  Reed")
    assert result.exit_code == 0, result.output
    text = (journal / "events/2026/2026-11-21-coffee.md").read_text(encoding="utf-8")
    assert "with: [zoe-angstrom, tom-reed]\n" in text
