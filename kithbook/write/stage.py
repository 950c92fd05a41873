"""Where a changeset waits: its own folder under STAGE_DIR, at the top of the journal.

The folder holds the list of the changeset's files, whose name is its state (PLANNED,
then COMMITTED, or UNDOING, then DONE), and the staged texts. It is on the same disk
as the files they become, so that moving one into place is atomic. STAGE_DIR holds a
.gitignore of "*", so git never shows it.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from .new_files import sync_folder

#: The hidden folder of the changesets being written, at the top of the journal.
STAGE_DIR = ".kithbook-changes"
#: A changeset's state is the name of its list of files; one of these exists at a time.
PLANNED, COMMITTED, UNDOING, DONE = "changes.json", "committed.json", "undoing.json", "done.json"


class Stage:
    """A changeset's folder under STAGE_DIR: its list of files (whose name is its state)
    and the staged texts: ``<n>.new`` for new files, ``<n>.after`` and ``<n>.before`` for
    changed ones, ``<n>.gone`` for the files it takes out. Paths as plain text: for
    30,000 files, pathlib costs seconds."""

    def __init__(
        self,
        folder: str,
        what: str,
        new: list[str],
        changed: list[str],
        folders: list[str],
        removed: list[str] | None = None,
    ) -> None:
        self.folder = folder
        self.what = what
        self.new = new
        self.changed = changed
        self.folders = folders  # folders the changeset makes, parents first
        self.removed = removed or []  # files the changeset takes out (their bytes: <n>.gone)

    @classmethod
    def create(
        cls,
        root: Path,
        what: str,
        new: list[str],
        changed: list[str],
        folders: list[str],
        removed: list[str] | None = None,
    ) -> Stage:
        stage = root / STAGE_DIR
        stage.mkdir(exist_ok=True)
        ignore = stage / ".gitignore"
        if not ignore.exists():  # before anything else, so that git never shows the stage
            # "*" first: even a file cut short by a kill says it.
            ignore.write_text("*\n# kithbook's changes being written: never committed\n")
        folder = stage / secrets.token_hex(6)
        folder.mkdir()
        sync_folder(stage)
        sync_folder(root)
        return cls(str(folder), what, new, changed, folders, removed)

    @classmethod
    def read(cls, folder: Path) -> tuple[Stage, str | None]:
        """The changeset in ``folder`` and its state (None: its list was never written);
        ValueError if the list cannot be read."""
        states = (COMMITTED, UNDOING, DONE, PLANNED)
        state = next((name for name in states if (folder / name).exists()), None)
        stage = cls(str(folder), "change", [], [], [])
        if state is None:
            return stage, None
        try:
            listed = json.loads((folder / state).read_text(encoding="utf-8"))
            stage.what = str(listed["what"])
            stage.new, stage.changed = list(listed["new"]), list(listed["changed"])
            stage.folders = list(listed["folders"])
            stage.removed = list(listed.get("removed", []))
        except (ValueError, KeyError, TypeError):
            if state in (COMMITTED, UNDOING):
                raise ValueError(f"{STAGE_DIR}/{folder.name}/{state} cannot be read") from None
        return stage, state

    def new_file(self, number: int) -> str:
        return f"{self.folder}/{number}.new"

    def after(self, number: int) -> str:
        return f"{self.folder}/{number}.after"

    def before(self, number: int) -> str:
        return f"{self.folder}/{number}.before"

    def gone(self, number: int) -> str:
        return f"{self.folder}/{number}.gone"

    @property
    def files(self) -> int:
        return len(self.new) + len(self.changed) + len(self.removed)

    def write_list(self, flush: bool) -> None:
        listed = {"what": self.what, "new": self.new, "changed": self.changed}
        listed["folders"] = self.folders
        if self.removed:
            listed["removed"] = self.removed
        data = json.dumps(listed, ensure_ascii=False, indent=0).encode("utf-8")
        write_staged(f"{self.folder}/{PLANNED}", data, flush)

    def mark(self, state: str, new_state: str) -> None:
        """Move the changeset from ``state`` to ``new_state``, on disk before returning."""
        os.replace(f"{self.folder}/{state}", f"{self.folder}/{new_state}")
        sync_folder(Path(self.folder))

    def finish(self, state: str) -> None:
        """Mark the changeset done (nothing left to place or undo), then remove it."""
        self.mark(state, DONE)
        self.remove()

    def remove(self) -> None:
        """Remove the folder, its state last (a stage half removed keeps saying what it
        was), and STAGE_DIR with it when it holds nothing else."""
        states = (PLANNED, COMMITTED, UNDOING, DONE)
        stage = os.path.dirname(self.folder)
        try:
            names = sorted(os.listdir(self.folder), key=lambda name: name in states)
            for name in names:
                os.unlink(f"{self.folder}/{name}")
            os.rmdir(self.folder)
            if os.listdir(stage) == [".gitignore"]:
                os.unlink(f"{stage}/.gitignore")
                os.rmdir(stage)
        except OSError:
            pass  # the next command tries again, or the next changeset uses STAGE_DIR


def write_staged(path: str, data: bytes, flush: bool) -> str:
    """Write ``data`` as the new file ``path`` (plain system calls: a stage holds
    thousands of files, and Python's file objects cost twice as much)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        if flush:
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return path


def missing_folders(root: Path, folders: set[str]) -> list[str]:
    """Which of ``folders`` (and their parents, under ``root``) do not exist: parents first."""
    missing: set[str] = set()
    for folder in folders:
        while folder and not (root / folder).is_dir():
            missing.add(folder)
            folder = folder.rpartition("/")[0]
    return sorted(missing, key=lambda folder: (folder.count("/"), folder))


def sync_folders(root: Path, stage: Stage) -> None:
    """Flush the entries of every folder the changeset placed files or folders in."""
    touched = {
        rel.rpartition("/")[0]
        for rel in (*stage.new, *stage.changed, *stage.removed, *stage.folders)
    }
    for folder in sorted(touched):
        sync_folder(root / folder)
