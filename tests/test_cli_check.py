"""`kithbook check`: every problem as path:line: level: message, and exit codes."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import write_journal

from kithbook.cli import main
from kithbook.cli.checking import problem_changes, watch_journal
from kithbook.model import Problem, Source

TODAY = "2026-11-21"
CLEAN = {
    "people/jane-doe.md": "---\nname: Jane Doe\n---\n",
    "people/tom-reed.md": "---\nname: Tom Reed\n---\n",
    "events/2026/2026-11-01-coffee.md": "---\ndate: 2026-11-01\nwith: [Jane Doe]\n---\n",
}
WARNING = {"people/zoe.md": "---\nname: Zoë\ncircle: bestie\n---\n"}
ERROR = {
    "events/2026/2026-11-02-call.md": "---\ndate: 2026-11-02\nkind: call\nwith: [Jane Deo]\n---\n"
}


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": TODAY})


def test_a_clean_journal_says_so_in_one_line(tmp_path: Path) -> None:
    result = kithbook(write_journal(tmp_path, CLEAN), "check")
    assert result.exit_code == 0
    assert result.stdout == "2 people, 1 event: no problems\n"
    assert kithbook(tmp_path, "check", "--strict").exit_code == 0


def test_errors_are_printed_as_path_line_level_message_and_exit_1(tmp_path: Path) -> None:
    root = write_journal(tmp_path, {**CLEAN, **ERROR, **WARNING})
    result = kithbook(root, "check")
    assert result.exit_code == 1
    assert result.stdout == (
        "events/2026/2026-11-02-call.md:4: error: with: no one called 'Jane Deo' in people/; "
        "did you mean 'Jane Doe' (jane-doe)?\n"
        "people/zoe.md:3: warning: circle: unknown circle 'bestie' "
        "(circles: inner, close, friend, acquaintance); ignored\n"
    )
    assert result.stderr == "3 people, 2 events: 1 error, 1 warning\n"


def test_warnings_fail_only_under_strict(tmp_path: Path) -> None:
    root = write_journal(tmp_path, {**CLEAN, **WARNING})
    plain = kithbook(root, "check")
    assert plain.exit_code == 0
    assert "people/zoe.md:3: warning: circle: unknown circle 'bestie'" in plain.stdout
    assert kithbook(root, "check", "--strict").exit_code == 1


def test_config_problems_are_checked_too(tmp_path: Path) -> None:
    root = write_journal(tmp_path, CLEAN, settings="cadance: {inner: 1w}\n")
    result = kithbook(root, "check", "--strict")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "mkdocs.yml:0: warning: extra.kithbook: unknown setting 'cadance'; did you mean 'cadence'?"
    )


@pytest.mark.parametrize(
    ("files", "args", "code"),
    [
        (CLEAN, [], 0),
        ({**CLEAN, **WARNING}, [], 0),
        ({**CLEAN, **WARNING}, ["--strict"], 1),
        ({**CLEAN, **ERROR}, [], 1),
    ],
)
def test_json_lists_the_problems_with_the_same_exit_codes(
    tmp_path: Path, files: dict, args: list[str], code: int
) -> None:
    result = kithbook(write_journal(tmp_path, files), "check", "--json", *args)
    assert result.exit_code == code
    problems = json.loads(result.stdout)
    assert isinstance(problems, list)
    assert len(problems) == len(files) - len(CLEAN)
    for problem in problems:
        assert set(problem) == {"path", "line", "level", "message"}
        assert problem["level"] in ("error", "warning")


def test_an_unreadable_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    root = write_journal(tmp_path, {"people/bad.md": "---\nname: [unclosed\n---\n"})
    result = kithbook(root, "check")
    assert result.exit_code == 1
    assert result.stdout.startswith("people/bad.md:")
    assert ": error: bad YAML" in result.stdout


def test_a_missing_journal_is_one_line(tmp_path: Path) -> None:
    result = kithbook(tmp_path, "check")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path} is not a journal: it holds no mkdocs.yml\n"


def test_watch_does_not_go_with_json(tmp_path: Path) -> None:
    assert kithbook(write_journal(tmp_path, CLEAN), "check", "--watch", "--json").exit_code == 2


def test_a_problem_that_only_moved_is_neither_new_nor_fixed() -> None:
    moved = Problem(Source("people/a.md", 3), "warning", "unknown field 'x'")
    before = [Problem(Source("people/a.md", 2), "warning", "unknown field 'x'")]
    gone = Problem(Source("people/b.md", 1), "error", "bad YAML")
    new = Problem(Source("people/c.md", 1), "error", "the file is empty")
    assert problem_changes([*before, gone], [moved, new]) == ([new], [gone])


def _wait_for(lines: list[str], test: Callable[[str], bool], seconds: float = 15) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [line for line in list(lines) if test(line)]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"not printed; printed so far: {lines}")


def test_watch_prints_new_and_fixed_problems_on_save(tmp_path: Path) -> None:
    root = write_journal(tmp_path, CLEAN)
    lines: list[str] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch_journal, args=(root, lines.append, stop, 0.05))
    watcher.start()
    try:
        _wait_for(lines, lambda line: "watching for changes" in line)
        bad = root / "people" / "zoe.md"
        bad.write_text("---\nname: Zoë\ncircle: bestie\n---\n", encoding="utf-8")
        _wait_for(lines, lambda line: line.startswith("  new:   people/zoe.md:3: warning:"))
        bad.write_text("---\nname: Zoë\ncircle: close\n---\n", encoding="utf-8")
        _wait_for(lines, lambda line: line.startswith("  fixed: people/zoe.md:3: warning:"))
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()
    assert any("people/zoe.md changed: 3 people, 1 event: no problems" in line for line in lines)


def test_the_pre_commit_hook_runs_check_on_journal_files() -> None:
    import re

    import yaml

    (hook,) = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "kithbook-check"
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "kithbook check", "python", False,
    )  # fmt: skip
    files = re.compile(hook["files"])
    assert [bool(files.search(p)) for p in ("people/a.md", "events/2026/b.yml", "mkdocs.yml")] == [
        True, True, True,
    ]  # fmt: skip
    assert not any(files.search(p) for p in ("docs/index.md", "site/mkdocs.yml", "mkdocs_yml"))


def test_a_broken_mkdocs_yml_is_a_problem_and_commands_still_work(tmp_path: Path) -> None:
    root = write_journal(tmp_path, CLEAN)
    (root / "mkdocs.yml").write_text("site_name: t\nextra: [unclosed\n", encoding="utf-8")
    result = kithbook(root, "check")
    assert result.exit_code == 1
    assert result.stdout.startswith("mkdocs.yml:")
    assert ": error: bad YAML" in result.stdout
    assert kithbook(root, "show", "jane-doe").exit_code == 0
