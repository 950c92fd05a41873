"""`kithbook next`: the ranking in the terminal and as /api/next.json."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import write_journal

from kithbook.cli import main

TODAY = "2026-11-21"
FILES = {
    "people/jane-doe.md": "---\nname: Jane Doe\ncircle: inner\n---\n",
    "people/tom-reed.md": "---\nname: Tom Reed\ncircle: close\n---\n",
    "people/zoe.md": "---\nname: Zoë\ncircle: friend\n---\n",
    "events/2026/2026-01-10-coffee.md": "---\ndate: 2026-01-10\nwith: [jane-doe]\n---\n",
    "events/2026/2026-10-10-coffee.md": "---\ndate: 2026-10-10\nwith: [tom-reed]\n---\n",
    "events/2026/2026-11-20-coffee.md": "---\ndate: 2026-11-20\nwith: [zoe]\n---\n",
}


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": TODAY})


def test_next_json_is_the_api_list(tmp_path: Path) -> None:
    result = kithbook(write_journal(tmp_path, FILES), "next", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and rows[0]["slug"] == "jane-doe"
    for row in rows:
        assert set(row) == {"slug", "name", "score", "reasons", "suggestion"}
    limited = json.loads(kithbook(tmp_path, "next", "--json", "-n", "1").stdout)
    assert limited == rows[:1]


def test_next_in_the_terminal_shows_names_reasons_and_suggestions(tmp_path: Path) -> None:
    root = write_journal(tmp_path, FILES)
    rows = json.loads(kithbook(root, "next", "--json").stdout)
    result = kithbook(root, "next", "-n", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f" 1. Jane Doe (jane-doe)  {rows[0]['score']:.2f}\n")
    for reason in rows[0]["reasons"]:
        assert f"      - {reason}\n" in result.stdout
    assert "Tom Reed" not in result.stdout


def test_next_with_a_bad_count_is_a_usage_error(tmp_path: Path) -> None:
    assert kithbook(write_journal(tmp_path, FILES), "next", "-n", "0").exit_code == 2
