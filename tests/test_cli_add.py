"""`kithbook add`: a new person file, never an overwrite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import write_journal

from kithbook.cli import main
from kithbook.config import parse_config
from kithbook.load import load_journal

TODAY = "2026-11-21"
JANE = """\
    ---
    name: Jane Doe
    aka: [Janie]
    ---
    Met at the canal.
    """


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": TODAY, "EDITOR": "true"}
    )


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return write_journal(tmp_path / "journal", {"people/jane-doe.md": JANE})


def test_add_writes_a_person_with_accents_transliterated_in_the_slug(journal: Path) -> None:
    result = kithbook(
        journal, "add", "Zoë Ångström", "--where", "Leeds, UK", "--circle", "Friend",
        "--tag", "climbing,work", "-t", "leeds", "--met", "yesterday", "--how", "Pennine Code",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote people/zoe-angstrom.md\n"
    assert (journal / "people" / "zoe-angstrom.md").read_text(encoding="utf-8") == (
        "---\n"
        "name: Zoë Ångström\n"
        "where: Leeds, UK\n"
        "tags: [climbing, work, leeds]\n"
        "circle: friend\n"
        "met: 2026-11-20\n"
        "how_we_met: Pennine Code\n"
        "---\n"
    )
    people, problems = load_journal(journal, parse_config({})[0])
    assert problems == []
    zoe = people.people["zoe-angstrom"]
    assert (zoe.name, zoe.circle, zoe.met) == ("Zoë Ångström", "friend", date(2026, 11, 20))


def test_add_refuses_to_overwrite_and_names_the_person_there(journal: Path) -> None:
    before = (journal / "people" / "jane-doe.md").read_bytes()
    result = kithbook(journal, "add", "Jane Doe", "--where", "York")
    assert result.exit_code == 1
    assert "people/jane-doe.md exists already (Jane Doe): nothing written" in result.stderr
    assert "--slug" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (journal / "people" / "jane-doe.md").read_bytes() == before


def test_add_refuses_a_name_that_only_differs_in_accents(tmp_path: Path) -> None:
    root = write_journal(tmp_path, {"people/zoe-angstrom.md": "---\nname: Zoë Ångström\n---\n"})
    result = kithbook(root, "add", "Zoe Angstrom")
    assert result.exit_code == 1
    assert "people/zoe-angstrom.md exists already (Zoë Ångström)" in result.stderr


def test_add_refuses_when_a_yml_file_has_the_slug(tmp_path: Path) -> None:
    root = write_journal(tmp_path, {"people/jane-doe.yml": "name: Jane Doe\n"})
    result = kithbook(root, "add", "Jane Doe")
    assert result.exit_code == 1
    assert "people/jane-doe.yml exists already" in result.stderr
    assert not (root / "people" / "jane-doe.md").exists()


def test_a_name_that_is_someones_aka_needs_its_own_slug(journal: Path) -> None:
    refused = kithbook(journal, "add", "Janie")
    assert refused.exit_code == 1
    assert "'Janie' already names Jane Doe (people/jane-doe.md): nothing written" in refused.stderr
    assert not (journal / "people" / "janie.md").exists()

    added = kithbook(journal, "add", "Janie", "--slug", "janie-smith")
    assert added.exit_code == 0, added.output
    assert (journal / "people" / "janie-smith.md").exists()
    assert added.stderr == (
        "note: 'Janie' now names Jane Doe (people/jane-doe.md) too; "
        "events must name them by slug: jane-doe, janie-smith\n"
    )


def test_add_mentions_a_similar_name(journal: Path) -> None:
    result = kithbook(journal, "add", "Jayne Doe")
    assert result.exit_code == 0, result.output
    assert (journal / "people" / "jayne-doe.md").exists()
    assert "note: there is also 'Jane Doe' (people/jane-doe.md)" in result.stderr


def test_a_name_in_another_script_gets_a_transliterated_slug(journal: Path) -> None:
    assert kithbook(journal, "add", "王伟").exit_code == 0
    assert "name: 王伟\n" in (journal / "people" / "wang-wei.md").read_text(encoding="utf-8")


def test_a_name_without_letters_asks_for_a_slug(journal: Path) -> None:
    result = kithbook(journal, "add", "🙂🙂")
    assert result.exit_code == 1
    assert "--slug" in result.stderr
    assert kithbook(journal, "add", "🙂🙂", "--slug", "smiley").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["add", "Tom", "--met", "last week"],
        ["add", "Tom", "--circle", "best"],
        ["add", "Tom", "--slug", "Tom Reed"],
        ["add", " "],
    ],
)
def test_bad_options_are_usage_errors_and_write_nothing(journal: Path, args: list[str]) -> None:
    result = kithbook(journal, *args)
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in (journal / "people").iterdir()) == ["jane-doe.md"]


def test_edit_opens_the_new_file(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened = []
    monkeypatch.setattr(click, "edit", lambda filename: opened.append(filename))
    result = kithbook(journal, "add", "Tom Reed", "-e")
    assert result.exit_code == 0, result.output
    assert opened == [str(journal.resolve() / "people" / "tom-reed.md")]


def test_without_a_journal_there_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["add", "Tom"])
    assert result.exit_code == 1
    assert "no journal here: no mkdocs.yml in" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_journal_is_found_upwards(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (journal / "docs" / "deeper").mkdir()
    monkeypatch.chdir(journal / "docs" / "deeper")
    result = CliRunner().invoke(main, ["add", "Tom Reed"], env={"KITHBOOK_TODAY": TODAY})
    assert result.exit_code == 0, result.output
    assert (journal / "people" / "tom-reed.md").exists()


def test_a_failing_disk_is_one_line_not_a_traceback(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, text: str) -> Path:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr("kithbook.cli.making.write_new", disk_full)
    result = kithbook(journal, "add", "Tom Reed")
    assert result.exit_code == 1
    assert result.stderr.endswith("people/tom-reed.md: No space left on device\n")
    assert len(result.stderr.splitlines()) == 1
