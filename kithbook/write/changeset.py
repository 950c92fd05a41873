"""All or nothing: the many new, changed and removed files of an import, a rename or a
merge, written together.

A changeset is a small transaction. Its texts are first written into its stage (see
``stage``), with the list of what goes where. Renaming that list to COMMITTED is the
moment the changeset happens: before it, nothing of it is in the journal and its
folder can simply go; after it, every file can be placed from the stage, however far
placing had got. Placing and undoing find out what is done by looking (a new file that
is the staged file is placed; a changed file that holds the staged "after" is changed;
a file to remove that is gone is removed),
so either can be run again after any stop. So whatever stops a changeset (an error,
Ctrl-C, a kill, a power cut), the journal is as before it or as after it once
``finish_interrupted`` has run, which every `kithbook` command does first.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..files import SUFFIXES
from .guard import journal_lock, signals_held
from .new_files import WriteFailed, move_into_place, sync_folder
from .stage import (
    COMMITTED,
    DONE,
    PLANNED,
    STAGE_DIR,
    UNDOING,
    Stage,
    missing_folders,
    sync_folders,
    write_staged,
)

#: Above this many files, one ``os.sync()`` replaces a flush of each staged file
#: (flushing 30,000 files one by one takes longer than writing them).
SYNC_EACH_LIMIT = 100


class JournalChanged(Exception):
    """A file changed, or a new file's name was taken, while a changeset was being
    written; the changeset was undone."""


class Changeset:
    """New files, changed files and files to remove, written together or not at all.

    ``commit`` stages every text and flushes it to disk, commits, then links each new
    file into place (which fails rather than replace a file that has appeared) and
    replaces each changed file after checking that it still holds exactly the bytes it
    was read with. If anything fails, what was placed is undone: the journal is as it
    was. Ctrl-C, SIGTERM and SIGHUP wait while files are placed; a kill or a power cut
    leaves the stage, which the next `kithbook` command finishes. ``what`` names the
    changeset in the line that says so ("linkedin import").
    """

    def __init__(self, root: Path, what: str = "change") -> None:
        self.root = root
        self.what = what
        self.new: list[tuple[str, str | bytes]] = []
        self.changed: list[tuple[str, bytes, bytes]] = []
        self.removed: list[tuple[str, bytes]] = []

    def add(self, rel: str, text: str | bytes) -> None:
        """Write ``text`` (UTF-8, or bytes as they are) as the new file ``rel`` (relative
        to the journal, with ``/``)."""
        self.new.append((rel, text))

    def change(self, rel: str, before: bytes, after: bytes) -> None:
        """Replace the file ``rel``, which must still hold ``before``, with ``after``."""
        self.changed.append((rel, before, after))

    def remove(self, rel: str, before: bytes) -> None:
        """Remove the file ``rel``, which must still hold ``before`` (kept, for undoing)."""
        self.removed.append((rel, before))

    @property
    def steps(self) -> int:
        """How many steps ``commit`` reports to its progress callback."""
        return 2 * (len(self.new) + len(self.changed) + len(self.removed))

    def commit(self, progress: Callable[[int], None] | None = None) -> None:
        """Write everything, or nothing; raises JournalChanged, or WriteFailed naming the
        journal file the system refused (the stage's folder when staging failed), after
        undoing."""
        advance = progress or (lambda steps: None)
        with journal_lock(self.root), _refused(self.root / STAGE_DIR):
            stage = Stage.create(
                self.root,
                self.what,
                [rel for rel, _ in self.new],
                [rel for rel, _, _ in self.changed],
                missing_folders(self.root, {rel.rpartition("/")[0] for rel, _ in self.new}),
                [rel for rel, _ in self.removed],
            )
            try:
                self._stage(stage, advance)
            except BaseException:
                stage.remove()
                raise
            with signals_held():
                try:
                    stage.mark(PLANNED, COMMITTED)
                except BaseException:
                    stage.remove()
                    raise
                try:
                    _place(self.root, stage, advance)
                except BaseException:
                    try:
                        _undo(self.root, stage, COMMITTED)
                    except OSError:
                        pass  # the stage stays, marked: the next command finishes undoing
                    raise
                stage.finish(COMMITTED)

    def _stage(self, stage: Stage, advance: Callable[[int], None]) -> None:
        """Write the list of files, then every text, into the stage, flushed to disk."""
        each = len(self.new) + 2 * len(self.changed) + len(self.removed) <= SYNC_EACH_LIMIT
        stage.write_list(each)
        for number, (_, text) in enumerate(self.new):
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            write_staged(stage.new_file(number), data, each)
            advance(1)
        for number, (_, before, after) in enumerate(self.changed):
            write_staged(stage.after(number), after, each)
            write_staged(stage.before(number), before, each)
            advance(1)
        for number, (_, before) in enumerate(self.removed):
            write_staged(stage.gone(number), before, each)
            advance(1)
        if each:
            sync_folder(Path(stage.folder))
        else:
            os.sync()


@contextmanager
def _refused(path: Path | str) -> Iterator[None]:
    """An OSError in the block (but a WriteFailed, which names its file already, and a
    FileExistsError, which means a name was taken) as WriteFailed naming ``path``."""
    try:
        yield
    except (WriteFailed, FileExistsError):
        raise
    except OSError as error:
        raise WriteFailed.of(error, path) from error


def _place(root: Path, stage: Stage, advance: Callable[[int], None]) -> None:
    """Put every file of a committed changeset in place (and take out those it removes),
    passing over what is done already; JournalChanged if a name is taken or a changed or
    removed file was edited meanwhile; WriteFailed naming the journal file the system
    would not write or remove."""
    meanwhile = _meanwhile(stage.what)
    names: dict[str, set[str]] = {}  # folder -> the names in it, listed once
    for number, rel in enumerate(stage.new):
        with _refused(f"{root}/{rel}"):
            _place_one_new(root, stage, number, rel, names, meanwhile)
        advance(1)
    for number, rel in enumerate(stage.changed):
        with _refused(f"{root}/{rel}"):
            _place_one_changed(root, stage, number, rel, meanwhile)
        advance(1)
    for number, rel in enumerate(stage.removed):
        with _refused(f"{root}/{rel}"):
            _place_one_removal(root, stage, number, rel, meanwhile)
        advance(1)
    sync_folders(root, stage)


def _place_one_new(
    root: Path, stage: Stage, number: int, rel: str, names: dict[str, set[str]], meanwhile: str
) -> None:
    """Link the new file ``rel`` into place, unless it was placed before an interruption."""
    folder, _, name = rel.rpartition("/")
    if folder not in names:
        os.makedirs(f"{root}/{folder}", exist_ok=True)
        names[folder] = set(os.listdir(f"{root}/{folder}"))
    target, staged = f"{root}/{rel}", stage.new_file(number)
    if name in names[folder] and _holds(target, staged):
        return  # placed before an interruption
    stem = name.rsplit(".", 1)[0]
    if any(stem + suffix in names[folder] for suffix in SUFFIXES):
        raise JournalChanged(f"{rel} appeared {meanwhile}")
    try:
        _place_new(staged, target)
    except FileExistsError:
        raise JournalChanged(f"{rel} appeared {meanwhile}") from None
    names[folder].add(name)


def _place_one_changed(root: Path, stage: Stage, number: int, rel: str, meanwhile: str) -> None:
    """Replace the changed file ``rel``, which must hold its old bytes or its new ones."""
    target = f"{root}/{rel}"
    try:
        now = _read(target)
    except FileNotFoundError:
        raise JournalChanged(f"{rel} was removed {meanwhile}") from None
    if now == _read(stage.before(number)):
        shutil.copymode(target, stage.after(number))
        _replace_with_copy(stage.after(number), target)
    elif not _holds(target, stage.after(number)):
        raise JournalChanged(f"{rel} was changed {meanwhile}")


def _place_one_removal(root: Path, stage: Stage, number: int, rel: str, meanwhile: str) -> None:
    """Take the file ``rel`` out, unless it is gone already; it must hold its old bytes."""
    target = f"{root}/{rel}"
    if not os.path.lexists(target):
        return  # removed before an interruption
    if _read(target) != _read(stage.gone(number)):
        raise JournalChanged(f"{rel} was changed {meanwhile}")
    os.unlink(target)


def _meanwhile(what: str) -> str:
    """'while importing', or 'while the rename was written': when a file changed."""
    return "while importing" if what.endswith("import") else f"while the {what} was written"


def _undo(root: Path, stage: Stage, state: str) -> None:
    """Take a changeset back out of the journal (changed files get their old bytes, new
    files and folders go), then remove its stage. What someone else wrote meanwhile, and
    what was never placed, is left alone. If undoing fails, the stage stays, marked, for
    the next `kithbook` command to finish undoing."""
    if state != UNDOING:
        stage.mark(state, UNDOING)
    for number in reversed(range(len(stage.removed))):
        target = f"{root}/{stage.removed[number]}"
        if not os.path.lexists(target):
            _place_new(stage.gone(number), target)
    for number in reversed(range(len(stage.changed))):
        target = f"{root}/{stage.changed[number]}"
        if _holds(target, stage.after(number)):
            shutil.copymode(target, stage.before(number))
            _replace_with_copy(stage.before(number), target)
    for number in reversed(range(len(stage.new))):
        target = f"{root}/{stage.new[number]}"
        if _holds(target, stage.new_file(number)):
            os.unlink(target)
    for folder in reversed(stage.folders):
        try:
            os.rmdir(f"{root}/{folder}")
        except OSError:
            pass  # someone put a file in it meanwhile
    sync_folders(root, stage)
    stage.finish(UNDOING)


def finish_interrupted(root: Path, say: Callable[[str], None]) -> None:
    """Finish each changeset that was stopped while its files were placed (a kill, a power
    cut), or undo it when the journal changed since, and remove the stage of any that was
    stopped before; ``say`` gets one line for each. If a changeset is being written right
    now, by another process, this waits for it (the journal is whole afterwards)."""
    if not (root / STAGE_DIR).is_dir():
        return
    with journal_lock(root, wait=False) as free:
        if free:
            _recover(root, say)
            return
    say("waiting for the changes another kithbook is writing to this journal")
    with journal_lock(root):
        _recover(root, say)


def interrupted(root: Path) -> str | None:
    """Why the journal is not whole, if it is not: a changeset was stopped while its files
    were placed (the next `kithbook` command finishes it), or is being placed right now.
    For a build, which reads the journal and never writes it."""
    stage = root / STAGE_DIR
    if not stage.is_dir():
        return None
    try:
        half = [
            folder
            for folder in sorted(stage.iterdir())
            if any((folder / state).exists() for state in (COMMITTED, UNDOING))
        ]
    except FileNotFoundError:
        return None  # done just now
    if not half:
        return None  # only stages of changesets that never began to be placed: nothing shows
    try:
        what = Stage.read(half[0])[0].what
    except (OSError, ValueError):
        what = "change"
    with journal_lock(root, wait=False) as free:
        if not free:
            return f"a {what} is being written right now: build again when it is done"
    return (
        f"an interrupted {what} is half written ({STAGE_DIR}/{half[0].name}): run any "
        "kithbook command (kithbook check) to finish or undo it, then build again"
    )


def _recover(root: Path, say: Callable[[str], None]) -> None:
    try:
        folders = sorted(folder for folder in (root / STAGE_DIR).iterdir() if folder.is_dir())
    except FileNotFoundError:
        return  # the changeset waited for was done, and took the stage with it
    for folder in folders:
        try:
            stage, state = Stage.read(folder)
        except ValueError as error:
            say(f"{error}: left as it is")
            continue
        with signals_held():
            if state == COMMITTED:
                try:
                    _place(root, stage, lambda steps: None)
                except JournalChanged as error:
                    _undo(root, stage, COMMITTED)
                    say(f"undid an interrupted {stage.what}: {error}; run it again")
                    continue
                stage.finish(COMMITTED)
                say(f"finished an interrupted {stage.what}: {stage.files:,} files written")
            elif state == UNDOING:
                _undo(root, stage, UNDOING)
                say(f"undid an interrupted {stage.what}: nothing of it is in the journal")
            else:
                stage.remove()
                if state != DONE:
                    say(f"an interrupted {stage.what} had written nothing: run it again")


def _read(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def _holds(target: str, staged: str) -> bool:
    """Whether the journal file ``target`` is the staged file (a hard link to it), or
    holds the same bytes (where files could not be linked)."""
    try:
        mine, theirs = os.stat(staged), os.stat(target)
    except FileNotFoundError:
        return False
    if os.path.samestat(mine, theirs):
        return True
    return mine.st_size == theirs.st_size and _read(staged) == _read(target)


def _place_new(staged: str, target: str) -> None:
    """Link the staged file as ``target`` (FileExistsError if the name is taken); where
    files cannot be linked, a copy is moved into place. The staged file stays, so that
    placing can be checked and undone."""
    try:
        os.link(staged, target)
        return
    except FileExistsError:
        raise
    except OSError:
        pass
    spare = f"{staged}.spare"
    shutil.copyfile(staged, spare)
    move_into_place(spare, target)


def _replace_with_copy(staged: str, target: str) -> None:
    """Replace ``target`` atomically with the staged file, which stays in the stage."""
    spare = f"{staged}.spare"
    if os.path.lexists(spare):
        os.unlink(spare)
    try:
        os.link(staged, spare)
    except OSError:
        shutil.copy2(staged, spare)
    os.replace(spare, target)
