"""Git's index told of a file a command moved or removed, as `git mv` and `git rm` would.

A rename moves a person's file and may edit it; a merge or `kithbook rm` removes one.
When the journal is in git and the file was tracked, the index records the move (the
old entry, under the new name) or the removal, so that `git status` shows a rename and
`git diff` shows only the lines that changed in the text. Nothing else is staged: the
edits stay in the work tree for the person to read and commit. Without git, or for a
file git does not track, nothing is done.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def stage_moves(root: Path, moves: list[tuple[str, str]], removed: list[str]) -> list[str]:
    """Record each move (old path, new path, relative to the journal) and each removal in
    git's index, for the files git tracks; a line for each done, for the terminal."""
    if not (moves or removed) or _git(root, "rev-parse", "--is-inside-work-tree") is None:
        return []
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    said = []
    for old, new in moves:
        entry = _entry(root, old)
        if entry is None:
            continue
        mode, blob = entry
        added = _git(root, "update-index", "--add", "--cacheinfo", f"{mode},{blob},{prefix}{new}")
        if (
            added is not None
            and _git(root, "update-index", "--force-remove", "--", old) is not None
        ):
            said.append(f"git: {old} -> {new} (as git mv)")
    for rel in removed:
        if _entry(root, rel) is not None:
            if _git(root, "update-index", "--force-remove", "--", rel) is not None:
                said.append(f"git: {rel} removed (as git rm)")
    return said


def _entry(root: Path, rel: str) -> tuple[str, str] | None:
    """(mode, blob) of ``rel`` in git's index, or None when git does not track it."""
    listed = _git(root, "ls-files", "--stage", "-z", "--", rel)
    if not listed:
        return None
    mode, blob, _ = listed.split("\t", 1)[0].split(" ")
    return mode, blob


def _git(root: Path, *args: str) -> str | None:
    """What ``git args`` prints, run in ``root`` with paths taken literally; None when it
    fails or git is not installed."""
    try:
        done = subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
