"""`kithbook today` (the day's digest), `kithbook find` (people and events holding a
text) and the shell's completion of people, kinds and event ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import write_journal

from kithbook.cli import main

TODAY = "2026-11-21"  # a Saturday


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": TODAY})


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {
        "people/zoe-angstrom.md": (
            "---\nname: Zoë Ångström\naka: [Zo]\nwhere: Leeds, UK\ncircle: inner\n"
            "birthday: 1990-11-23\n---\nClimbs at the Depot.\n"
        ),
        "people/tom-reed.md": (
            "---\nname: Tom Reed\norg: Canal Maps\ncircle: close\nbirthday: 11-21\n"
            "tags: [climbing]\n---\n"
        ),
        "people/ann-lee.md": "---\nname: Ann Lee\ncircle: friend\nbirthday: 12-25\n---\n",
        "people/bo.md": "---\nname: Bo\ncircle: inner\nsnooze_until: 2026-12-01\n---\n",
        "events/2026/2026-10-01-coffee-at-tilt.md": (
            "---\ndate: 2026-10-01\nkind: coffee\nwith: [zoe-angstrom]\nplace: Tilt\n"
            "follow_up:\n  - Send Zoë the slides\n  - '[x] Pay her back'\n---\n"
        ),
        "events/2026/2026-11-20-call.md": (
            "---\ndate: 2026-11-20\nkind: call\nwith: [tom-reed, ann-lee]\n---\n"
            "Talked about the Ångström route.\n"
        ),
        "events/2026/2026-11-24-dinner.md": (
            "---\ndate: 2026-11-24 19:30\ntitle: Dinner\nkind: meal\nwith: [tom-reed]\n"
            "place: The Canal House\n---\n"
        ),
        "events/2026/2026-12-20-party.md": "---\ndate: 2026-12-20\nwith: [ann-lee]\n---\n",
    }
    return write_journal(tmp_path_factory.mktemp("today"), files)


def test_today_says_the_days_birthdays_who_is_due_follow_ups_and_plans(journal: Path) -> None:
    result = kithbook(journal, "today")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Saturday, 21 Nov 2026\n"
        "\n"
        "Birthdays\n"
        "  21 Nov  Tom Reed (tom-reed): today\n"
        "  23 Nov  Zoë Ångström (zoe-angstrom): in 2 days, 36\n"
        "\n"
        "Due\n"
        "  Zoë Ångström (zoe-angstrom): Last real contact: Coffee at tilt (coffee, 1 Oct), "
        "7 weeks ago; you wanted every 2 weeks\n"
        "\n"
        "Open follow-ups\n"
        "  Send Zoë the slides  (2026-10-01, Coffee at tilt: 2026/2026-10-01-coffee-at-tilt)\n"
        "\n"
        "This week\n"
        "  Tue 24 Nov 19:30  Dinner · meal · at The Canal House · with Tom Reed\n"
    )


def test_today_with_nothing_to_say(tmp_path: Path) -> None:
    root = write_journal(tmp_path, {"people/al.md": "---\nname: Al\n---\n"})
    result = kithbook(root, "today")
    assert result.stdout.splitlines()[-1].startswith("Nothing today")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "ZOE",
            [
                "  Zoë Ångström (zoe-angstrom): name",
                "2026/2026-10-01-coffee-at-tilt): to do Send Zoë the slides",
            ],
        ),
        ("angstrom", ["  Zoë Ångström (zoe-angstrom): name", "(2026/2026-11-20-call): notes"]),
        ("leeds", ["  Zoë Ångström (zoe-angstrom): where Leeds, UK"]),
        (
            "canal",
            [
                "  Tom Reed (tom-reed): org Canal Maps",
                "Dinner (2026/2026-11-24-dinner): place The Canal House",
            ],
        ),
        ("Climbing", ["  Tom Reed (tom-reed): tag climbing"]),
        ("depot", ["  Zoë Ångström (zoe-angstrom): notes"]),
        ("zo", ["  Zoë Ångström (zoe-angstrom): name; aka Zo"]),
        ("pay her", ["(2026/2026-10-01-coffee-at-tilt): done Pay her back"]),  # ticked
    ],
)
def test_find_is_blind_to_case_and_accents(journal: Path, text: str, found: list[str]) -> None:
    result = kithbook(journal, "find", text)
    assert result.exit_code == 0, result.output
    for line in found:
        assert line in result.stdout, result.stdout


def test_find_says_when_nothing_holds_the_text(journal: Path) -> None:
    result = kithbook(journal, "find", "xylophone")
    assert result.stdout == "Nothing holds 'xylophone'.\n"
    assert kithbook(journal, "find", "  ").exit_code == 2


def complete(journal: Path, line: str) -> list[str]:
    """What bash's completion gets for ``line`` (the last word being completed)."""
    words = line.split(" ")
    env = {
        "_KITHBOOK_COMPLETE": "bash_complete",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
        "KITHBOOK_TODAY": TODAY,
    }
    result = CliRunner().invoke(main, [], env=env, prog_name="kithbook")
    return [item.split(",", 1)[1] for item in result.stdout.splitlines() if item]


def test_completion_of_people_kinds_and_events(journal: Path) -> None:
    where = f"kithbook --journal {journal}"
    assert complete(journal, f"{where} show zo") == ["zoe-angstrom"]
    assert complete(journal, f"{where} show Zo") == ["zoe-angstrom"]  # slugs only
    assert complete(journal, f"{where} rename t") == ["tom-reed"]
    assert complete(journal, f"{where} merge zoe-angstrom ") == [
        "ann-lee", "bo", "tom-reed", "zoe-angstrom",
    ]  # fmt: skip
    assert complete(journal, f"{where} log Coffee --with tom-reed,zo") == ["tom-reed,zoe-angstrom"]
    assert complete(journal, f"{where} log Coffee --kind mee") == ["meeting", "meetup"]
    # only the events with an open follow-up: what done takes
    assert complete(journal, f"{where} done 2026/2026-1") == ["2026/2026-10-01-coffee-at-tilt"]
    assert complete(journal, f"{where} done tilt") == ["2026/2026-10-01-coffee-at-tilt"]


def test_completion_outside_a_journal_completes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert complete(tmp_path, "kithbook show zo") == []


def test_completion_offers_no_text_a_terminal_would_obey(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path, {"people/evil.md": '---\nname: "Zed\\e]0;owned\\a"\naka: ["Zed\\nTwo"]\n---\n'}
    )
    env = {
        "_KITHBOOK_COMPLETE": "zsh_complete",
        "COMP_WORDS": f"kithbook --journal {root} show Ze",
        "COMP_CWORD": "4",
    }
    result = CliRunner().invoke(main, [], env=env, prog_name="kithbook")
    assert result.stdout.split("\n")[:3] == ["plain", "evil", "Zed\\x1b]0;owned\\x07"]
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
