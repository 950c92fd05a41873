"""History from git: when each person was added and last edited, with real git."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

from conftest import mkdocs_build, write_journal
from test_site import html, text_of

from kithbook.history import FileHistory, parse_log, read_history


def git(root: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Sam", "GIT_AUTHOR_EMAIL": "sam@example.org"}
    env.update(GIT_COMMITTER_NAME="Sam", GIT_COMMITTER_EMAIL="sam@example.org")
    if day:
        env.update(GIT_AUTHOR_DATE=f"{day}T12:00:00", GIT_COMMITTER_DATE=f"{day}T12:00:00")
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def test_parse_log_takes_the_oldest_commit_as_added_and_the_newest_as_edited():
    output = (
        "\0"
        + "2026-11-10\n\npeople/jane.md\n"
        + "\0"
        + "2026-10-01\n\npeople/jane.md\nevents/a.md\n"
    )
    assert parse_log(output) == {
        "people/jane.md": FileHistory(added=date(2026, 10, 1), edited=date(2026, 11, 10)),
        "events/a.md": FileHistory(added=date(2026, 10, 1), edited=date(2026, 10, 1)),
    }


def test_a_folder_that_is_not_a_repository_has_no_history(tmp_path):
    assert read_history(tmp_path) == {}


def test_person_pages_and_dashboard_show_history_from_git(tmp_path):
    root = write_journal(
        tmp_path / "journal",
        {
            "people/jane-doe.md": "---\nname: Jane Doe\n---\n",
            "people/old-friend.md": "---\nname: Old Friend\n---\n",
        },
    )
    git(root, "init", "-q")
    git(root, "add", "people/old-friend.md", "mkdocs.yml")
    git(root, "commit", "-q", "-m", "an old friend", day="2025-01-05")
    git(root, "add", "people/jane-doe.md")
    git(root, "commit", "-q", "-m", "Jane", day="2026-11-01")
    (root / "people" / "jane-doe.md").write_text("---\nname: Jane Doe\nwhere: Leeds\n---\n")
    git(root, "commit", "-q", "-am", "Jane lives in Leeds", day="2026-11-10")
    event = root / "events" / "2026" / "2026-11-15-coffee.md"
    event.parent.mkdir(parents=True)
    event.write_text("---\ndate: 2026-11-15\ntitle: Coffee with Jane\nwith: [jane-doe]\n---\n")
    git(root, "add", "events")
    git(root, "commit", "-q", "-m", "coffee", day="2026-11-15")

    history = read_history(root)
    assert history["people/jane-doe.md"] == FileHistory(date(2026, 11, 1), date(2026, 11, 10))
    assert history["events/2026/2026-11-15-coffee.md"].added == date(2026, 11, 15)

    assert mkdocs_build(root).returncode == 0
    site = root / "site"
    assert "In the journal added 1 Nov 2026, last edited 10 Nov 2026" in text_of(
        html(site, "people/jane-doe")
    )
    assert "In the journal added 5 Jan 2025" in text_of(html(site, "people/old-friend"))
    dashboard = text_of((site / "index.html").read_text(encoding="utf-8"))
    assert "New in the journal" in dashboard
    assert "added 1 person (Jane Doe)" in dashboard and "Old Friend" not in dashboard
    assert "logged 1 event: Coffee with Jane" in dashboard
