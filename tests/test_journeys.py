"""Whole journeys, as a new user makes them: the commands, real git, a real build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import REPO, mkdocs_build
from test_history import git
from test_site import html, text_of

from kithbook.cli import main

KITHBOOK = Path(sys.executable).parent / "kithbook"


def run(folder: Path, *args: str):
    env = {"KITHBOOK_TODAY": "2026-11-21"}
    return CliRunner().invoke(main, ["--journal", str(folder), *args], env=env)


def test_a_new_journal_from_add_and_log_to_a_commit_and_the_site(tmp_path):
    folder = tmp_path / "mynet"
    init = CliRunner().invoke(
        main, ["init", str(folder), "--name", "Sam"], env={"KITHBOOK_TODAY": "2026-11-21"}
    )
    assert init.exit_code == 0, init.output
    assert run(folder, "add", "Zoë Ångström", "--where", "Leeds, UK").exit_code == 0
    assert run(folder, "add", "Bob Smith", "--circle", "friend").exit_code == 0
    assert (folder / "people" / "zoe-angstrom.md").is_file()

    coffee = run(
        folder, "log", "Coffee at Tilt", "--with", "Zoë Ångström, Bob Smith", "--kind", "coffee"
    )
    assert coffee.exit_code == 0, coffee.output
    assert (folder / "events" / "2026" / "2026-11-21-coffee-at-tilt.md").is_file()

    before = sorted(p.name for p in (folder / "events").rglob("*.md"))
    typo = run(folder, "log", "Lunch", "--with", "Bob Smyth")
    assert typo.exit_code == 1
    assert "did you mean 'Bob Smith'" in typo.output
    assert sorted(p.name for p in (folder / "events").rglob("*.md")) == before

    assert run(folder, "check").exit_code == 0

    # The journal's commits go through `kithbook check`, as its pre-commit hook does.
    git(folder, "init", "-q")
    hook = folder / ".git" / "hooks" / "pre-commit"
    hook.write_text(f'#!/bin/sh\nexec "{KITHBOOK}" check\n')
    hook.chmod(0o755)
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "A new journal", day="2026-11-21")
    (folder / "people" / "broken.md").write_text("---\nname: [oops\n---\n")
    git(folder, "add", "-A")
    refused = subprocess.run(
        ["git", "-C", str(folder), "commit", "-q", "-m", "broken"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "Sam",
            "GIT_AUTHOR_EMAIL": "s@example.org",
            "GIT_COMMITTER_NAME": "Sam",
            "GIT_COMMITTER_EMAIL": "s@example.org",
        },
    )
    assert refused.returncode != 0
    assert "people/broken.md:2: error: bad YAML" in refused.stdout + refused.stderr
    git(folder, "rm", "-q", "--cached", "people/broken.md")
    (folder / "people" / "broken.md").unlink()

    assert mkdocs_build(folder, strict=True).returncode == 0
    for slug in ("zoe-angstrom", "bob-smith"):
        page = text_of(html(folder / "site", f"people/{slug}"))
        assert "Coffee at Tilt" in page
        assert "In the journal added 21 Nov 2026" in page


def test_kithbook_next_agrees_with_the_demo_site(demo_site):
    terminal = CliRunner().invoke(
        main, ["--journal", str(REPO), "next", "--json"], env={"KITHBOOK_TODAY": ""}
    )
    assert terminal.exit_code == 0, terminal.output
    site = json.loads((demo_site / "api" / "next.json").read_text(encoding="utf-8"))
    assert json.loads(terminal.output) == site
    assert [row["slug"] for row in site[:3]] == ["dave-okafor", "tom-griffiths", "rachel-adeyemi"]
    assert site[0]["suggestion"] == "Meet Dave at Thrive Birmingham on 5 Dec"


def test_output_cut_short_by_a_pipe_ends_quietly():
    """`kithbook next | head -1`: the reader leaves before kithbook writes (`true` reads
    nothing and exits at once); no error line, no traceback, exit status 0."""
    pipeline = f'"{KITHBOOK}" --journal "{REPO}" next | true; echo "status ${{PIPESTATUS[0]}}"'
    result = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, timeout=60)
    assert result.stdout == "status 0\n"
    assert result.stderr == ""
