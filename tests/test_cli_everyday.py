"""The everyday commands as a new user meets them: a file the system will not write is
named as the person knows it, nothing is said to have changed before it has, a merge
loses no list's item, completion offers what a shell can insert, one-line values stay
on one line, and `today` agrees with /next/."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import write_journal
from test_cli_rename import tree

from kithbook.cli import main
from kithbook.write import changeset, new_files

TODAY = "2026-11-21"


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": TODAY})


# ---------------------------------------------------------------- a file the system refuses


@pytest.fixture
def two(tmp_path: Path) -> Path:
    return write_journal(
        tmp_path,
        {
            "people/zoe-angstrom.md": "---\nname: Zoë Ångström\n---\n",
            "people/tom-reed.md": "---\nname: Tom Reed\n---\n",
            "events/2026/2026-11-20-coffee.md": (
                "---\ndate: 2026-11-20\nwith: [zoe-angstrom]\nfollow_up: call\n---\n"
            ),
        },
    )


def _refuse_replacing(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The system refuses to replace the file ``name`` (as for a file made immutable)."""
    replace = os.replace

    def refusing(source, target, *args, **kwargs):
        if str(target).endswith(name):
            raise PermissionError(errno.EPERM, "Operation not permitted", str(source))
        return replace(source, target, *args, **kwargs)

    monkeypatch.setattr(changeset.os, "replace", refusing)


def test_a_change_the_system_refuses_names_the_journal_file_and_says_nothing_changed(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(two)
    _refuse_replacing(monkeypatch, "2026-11-20-coffee.md")
    result = kithbook(two, "rename", "zoe-angstrom", "--slug", "zoe")
    assert result.exit_code == 1
    assert result.stdout == ""  # no line says a change was made
    assert result.stderr == (
        "Error: could not write events/2026/2026-11-20-coffee.md: Operation not permitted; "
        "nothing written\n"
    )
    assert tree(two) == before


def test_a_new_file_the_system_refuses_is_named_as_the_person_knows_it(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refusing(temp, path):
        raise PermissionError(errno.EPERM, "Operation not permitted", str(temp))

    monkeypatch.setattr(new_files, "move_into_place", refusing)
    before = tree(two)
    result = kithbook(two, "add", "New Person")
    assert result.stderr == (
        "Error: could not write people/new-person.md: Operation not permitted; nothing written\n"
    )
    result = kithbook(two, "log", "Blocked", "--with", "tom-reed", "--date", "2026-11-29")
    assert result.stderr == (
        "Error: could not write events/2026/2026-11-29-blocked.md: Operation not permitted; "
        "nothing written\n"
    )
    assert tree(two) == before


def test_rm_detach_says_what_it_did_once_done_and_what_it_would_do_in_a_dry_run(
    two: Path,
) -> None:
    dry = kithbook(two, "rm", "zoe-angstrom", "--detach", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "note: events/2026/2026-11-20-coffee.md:1: would name no one" in dry.stderr
    done = kithbook(two, "rm", "zoe-angstrom", "--detach")
    assert done.exit_code == 0, done.output
    assert "note: events/2026/2026-11-20-coffee.md:1: now names no one" in done.stderr


# ---------------------------------------------------------------- merge: lists joined


def test_merge_joins_lists_of_the_same_field_and_loses_no_item(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path,
        {
            "people/zoe.md": (
                "---\nname: Zoë\ntags: [climbing]\norg: Tilt\ncontact:\n"
                "  email: zoe@example.net  # home\n  phone: ['0113']\n---\n"
            ),
            "people/zed-dup.md": (
                "---\nname: Zed\ntags: climbing, work\norg: Canal Maps\ncontact:\n"
                "  email: [zed@example.org, ZOE@example.net]\n  phone: ['0113', '0114']\n---\n"
            ),
        },
    )
    result = kithbook(root, "merge", "zoe", "zed-dup")
    assert result.exit_code == 0, result.output
    assert "people/zoe.md: contact.email: + zed@example.org (from people/zed-dup.md)" in (
        result.stdout
    )
    assert (root / "people/zoe.md").read_text(encoding="utf-8") == (
        "---\nname: Zoë\naka: [Zed]\ntags: [climbing, work]\norg: Tilt\ncontact:\n"
        "  email: [zoe@example.net, zed@example.org]  # home\n  phone: ['0113', '0114']\n---\n"
    )  # the new aka after the name, where FORMAT.md puts it
    # two single values that differ: KEEP's is kept, and the other said
    assert result.stderr == "note: kept org: Tilt (people/zed-dup.md says Canal Maps)\n"


# ---------------------------------------------------------------- completion


def complete(words: list[str]) -> list[str]:
    """What bash's completion offers for ``words`` (the last being completed), as the
    shell splits them: a quoted name is one word."""
    env = {
        "_KITHBOOK_COMPLETE": "bash_complete",
        "COMP_WORDS": " ".join(words),
        "COMP_CWORD": str(len(words) - 1),
        "KITHBOOK_TODAY": TODAY,
    }
    result = CliRunner().invoke(main, [], env=env, prog_name="kithbook")
    return [item.split(",", 1)[1] for item in result.stdout.splitlines() if item]


def test_completion_offers_slugs_only_for_a_name_or_aka_typed(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path,
        {
            "people/tom-reed.md": "---\nname: Tom Reed\naka: [\"Tommy 'T' R\"]\n---\n",
            "people/dana.md": "---\nname: 'Dana \"Fox\"'\n---\n",
        },
    )
    where = ["kithbook", "--journal", str(root)]
    assert complete([*where, "show", "Tom"]) == ["tom-reed"]
    assert complete([*where, "show", "tommy"]) == ["tom-reed"]  # an aka
    assert complete([*where, "merge", "tom-reed", "Dana"]) == ["dana"]
    assert complete([*where, "log", "Coffee", "--with", "dana,Tom"]) == ["dana,tom-reed"]
    assert complete([*where, "log", "Coffee", "--by", "Da"]) == ["dana"]


def test_done_completes_only_events_with_an_open_follow_up_by_their_ids(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path,
        {
            "people/zoe.md": "---\nname: Zoë\n---\n",
            "events/2026/2026-11-20-coffee.md": (
                "---\ndate: 2026-11-20\nwith: [zoe]\nfollow_up: send the slides\n---\n"
            ),
            "events/2026/2026-11-19-coffee-again.md": (
                "---\ndate: 2026-11-19\nwith: [zoe]\nfollow_up: '[x] paid'\n---\n"
            ),
            "events/2026/2026-11-18-call.md": "---\ndate: 2026-11-18\nwith: [zoe]\n---\n",
            "events/2026/log.yml": (
                "- date: 2026-11-01\n  with: [zoe]\n"
                "- date: 2026-11-02\n  with: [zoe]\n  follow_up: Ring Zoë\n"
            ),
        },
    )
    where = ["kithbook", "--journal", str(root), "done"]
    assert complete([*where, ""]) == ["2026/log#2", "2026/2026-11-20-coffee"]
    assert complete([*where, "coff"]) == ["2026/2026-11-20-coffee"]
    assert complete([*where, "2026/l"]) == ["2026/log#2"]
    assert complete([*where, "call"]) == []


# ---------------------------------------------------------------- one line


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["add", "Line\nBreak"], "'NAME'"),  # shown as 'Line\\nBreak', on one line
        (["add", "Al", "--how", "at\tthe wall"], "'--how'"),
        (["add", "Al", "--aka", "ok", "--aka", "a\x1b[2Jb"], "'--aka'"),
        (["log", "Two\u2028lines", "--with", "tom-reed"], "'TITLE'"),
        (["log", "Coffee", "--with", "tom-reed", "--follow-up", "two\nlines"], "'--follow-up'"),
        (["log", "Coffee", "--with", "tom-reed", "--place", "Tilt\r"], "'--place' / '-p'"),
        (["rename", "tom-reed", "--name", "Tom\nReed"], "'--name'"),
    ],
)
def test_a_value_of_one_line_with_a_control_character_is_refused(
    two: Path, args: list[str], option: str
) -> None:
    before = tree(two)
    result = kithbook(two, *args)
    assert result.exit_code == 2
    line = result.stderr.splitlines()[-1]
    assert line.startswith(f"Error: Invalid value for {option}: '")
    assert line.endswith(
        "' holds a line break, a tab or another control character: give one line of plain text"
    )
    assert tree(two) == before


# ---------------------------------------------------------------- find


def test_find_takes_any_text_and_matches_signs_as_typed(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path,
        {
            "people/dana.md": "---\nname: Dana 🦊 Fox\n---\nWrites C++ at #leeds.\n",
            "people/zoe.md": "---\nname: Zoë Ångström\n---\n",
            "people/cal.md": "---\nname: Cal\n---\nWrites C at home.\n",
        },
    )
    assert kithbook(root, "find", "🦊").stdout == "People\n  Dana 🦊 Fox (dana): name\n"
    assert kithbook(root, "find", "#").stdout == "People\n  Dana 🦊 Fox (dana): notes\n"
    assert kithbook(root, "find", "c++").stdout == "People\n  Dana 🦊 Fox (dana): notes\n"
    assert kithbook(root, "find", "ZOË ÅNG").stdout == "People\n  Zoë Ångström (zoe): name\n"
    assert kithbook(root, "find", "zoe-angstrom").stdout == "People\n  Zoë Ångström (zoe): name\n"
    assert kithbook(root, "find", "🐸").stdout == "Nothing holds '🐸'.\n"


# ---------------------------------------------------------------- today agrees with next


def test_today_says_who_is_due_as_next_does_and_not_due_anew_each_day(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path,
        {
            "people/nia.md": "---\nname: Nia\ncircle: friend\n---\n",  # never contacted
            "people/al.md": "---\nname: Al\n---\n",  # an acquaintance: never due
        },
    )
    for today in ("2026-11-21", "2026-11-22"):
        env = {"KITHBOOK_TODAY": today}
        digest = CliRunner().invoke(main, ["--journal", str(root), "today"], env=env)
        ranked = CliRunner().invoke(main, ["--journal", str(root), "next", "--json"], env=env)
        due = digest.stdout.split("Due\n", 1)[1].splitlines()
        assert due == ["  Nia (nia): No contact logged yet; you wanted every 3 months"]
        assert '"No contact logged yet; you wanted every 3 months"' in ranked.stdout


# ---------------------------------------------------------------- the writer's style kept


def test_rename_keeps_quotes_and_puts_a_new_aka_after_the_name_in_a_yml_person(
    tmp_path: Path,
) -> None:
    root = write_journal(
        tmp_path,
        {
            "people/zoe-angstrom.yml": "name: Zoë Ångström\nwhere: Leeds\nnotes: |\n  Climbs.\n",
            "events/2026/2026-11-20-call.md": (
                '---\ndate: 2026-11-20\nwith: ["zoe-angstrom"]\nby: "zoe-angstrom"\n---\n'
            ),
        },
    )
    result = kithbook(root, "rename", "zoe-angstrom", "--name", "Zoë Smith")
    assert result.exit_code == 0, result.output
    assert (root / "people/zoe-smith.yml").read_text(encoding="utf-8") == (
        "name: Zoë Smith\naka: [Zoë Ångström]\nwhere: Leeds\nnotes: |\n  Climbs.\n"
    )
    assert (root / "events/2026/2026-11-20-call.md").read_text(encoding="utf-8") == (
        '---\ndate: 2026-11-20\nwith: ["zoe-smith"]\nby: "zoe-smith"\n---\n'
    )
