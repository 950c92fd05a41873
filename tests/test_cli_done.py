"""`kithbook done`: a follow-up ticked, `[x] ` before it, and nothing else changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import write_journal
from test_cli_rename import tree

from kithbook.cli import main

TODAY = "2026-11-21"
PEOPLE = {"people/zoe.md": "---\nname: Zoë Ångström\n---\n"}


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": TODAY})


@pytest.mark.parametrize(
    ("written", "ticked"),
    [
        ("follow_up: send the slides\n", "follow_up: '[x] send the slides'\n"),
        (
            "follow_up: '[ ] send the slides'  # soon\n",
            "follow_up: '[x] send the slides'  # soon\n",
        ),
        (
            "follow_up:\n  - '[x] book'\n  - send the slides\n",
            "follow_up:\n  - '[x] book'\n  - '[x] send the slides'\n",
        ),
        ('follow_up: ["send the slides", call]\n', 'follow_up: ["[x] send the slides", call]\n'),
        ('follow_up:\n  - "send the slides"\n', 'follow_up:\n  - "[x] send the slides"\n'),
        ("follow_up: send the slides, and the notes\n", None),
    ],
)
def test_the_only_open_follow_up_is_ticked_in_place(
    tmp_path: Path, written: str, ticked: str | None
) -> None:
    text = f"---\ndate: 2026-11-20\nwith: [zoe]\n{written}---\nNotes stay.\n"
    root = write_journal(tmp_path, {**PEOPLE, "events/2026/2026-11-20-coffee.md": text})
    args = ["done", "2026/2026-11-20-coffee"] + (["slides"] if "call" in written else [])
    result = kithbook(root, *args)
    assert result.exit_code == 0, result.output
    expected = ticked or "follow_up: '[x] send the slides, and the notes'\n"
    assert (root / "events/2026/2026-11-20-coffee.md").read_text(encoding="utf-8") == (
        f"---\ndate: 2026-11-20\nwith: [zoe]\n{expected}---\nNotes stay.\n"
    )
    assert result.stdout.splitlines()[-1].endswith("check: 1 person, 1 event: no problems")


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return write_journal(
        tmp_path,
        {
            **PEOPLE,
            "events/2026/2026-11-20-coffee-at-tilt.md": (
                "---\ndate: 2026-11-20\nwith: [zoe]\nfollow_up:\n"
                "  - Send Zoë the slides\n  - Book the climbing wall\n---\n"
            ),
            "events/2026/log.yml": (
                "- date: 2026-11-01\n  with: [zoe]\n"
                "- date: 2026-11-02\n  with: [zoe]\n  follow_up: Ring Zoë about Leeds\n"
            ),
        },
    )


def test_text_picks_the_follow_up_whatever_its_case_and_accents(journal: Path) -> None:
    result = kithbook(journal, "done", "coffee-at-tilt", "send zoe")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "events/2026/2026-11-20-coffee-at-tilt.md:5: follow_up: [x] Send Zoë the slides"
    )
    assert "  - '[x] Send Zoë the slides'\n  - Book the climbing wall\n" in (
        journal / "events/2026/2026-11-20-coffee-at-tilt.md"
    ).read_text(encoding="utf-8")


def test_an_item_of_a_list_file_is_ticked(journal: Path) -> None:
    result = kithbook(journal, "done", "2026/log#2")
    assert result.exit_code == 0, result.output
    assert (
        (journal / "events/2026/log.yml")
        .read_text(encoding="utf-8")
        .endswith("  follow_up: '[x] Ring Zoë about Leeds'\n")
    )


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["coffee-at-tilt"], "2 follow-ups are open: 'Send Zoë the slides'; 'Book the climbing"),
        (["coffee-at-tilt", "paint"], "no open follow-up of events/2026/2026-11-20-coffee-at-tilt"),
        (["2026/log#1"], "events/2026/log.yml has no open follow-up"),
        (["nowhere"], "no event 'nowhere' in events/"),
        (["2026"], "'2026' could be 2026/log#2, 2026/2026-11-20-coffee-at-tilt: give"),
    ],
)
def test_what_is_unclear_is_refused_in_one_line(journal: Path, args: list[str], why: str) -> None:
    before = tree(journal)
    result = kithbook(journal, "done", *args)
    assert result.exit_code == 1
    assert why in result.stderr
    assert result.stderr.count("\n") == 1
    assert tree(journal) == before


def test_dry_run_says_what_it_would_tick(journal: Path) -> None:
    before = tree(journal)
    result = kithbook(journal, "done", "coffee-at-tilt", "wall", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "done: Book the climbing wall (2026/2026-11-20-coffee-at-tilt); dry run: nothing written"
    )
    assert tree(journal) == before
