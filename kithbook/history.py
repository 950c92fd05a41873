"""When each journal file was added and last edited, from git: one ``git log`` per
build, not one per file. A journal that is not a git repository has no history,
and builds the same without it."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .load import EVENTS_DIR, PEOPLE_DIR


@dataclass(frozen=True)
class FileHistory:
    """The dates of the first and the last commit that touched a file."""

    added: date
    edited: date


def read_history(root: Path) -> dict[str, FileHistory]:
    """Each committed file under people/ and events/, by its path relative to ``root``
    (with ``/``); empty when ``root`` is not in a git repository or git is missing."""
    command = [
        "git", "-c", "core.quotepath=off", "-C", str(root), "log",
        "--format=%x00%cs", "--name-only", "--no-renames", "--relative",
        "--", PEOPLE_DIR, EVENTS_DIR,
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    return parse_log(result.stdout)


def parse_log(output: str) -> dict[str, FileHistory]:
    """The history in ``git log --format=%x00%cs --name-only`` output (newest commit first)."""
    history: dict[str, FileHistory] = {}
    for commit in output.split("\0")[1:]:
        day_text, _, names = commit.partition("\n")
        day = date.fromisoformat(day_text.strip())
        for name in names.split("\n"):
            name = name.strip()
            if not name:
                continue
            known = history.get(name)
            # Newest first: the first commit seen is the last edit, the last one the addition.
            history[name] = FileHistory(added=day, edited=known.edited if known else day)
    return history
