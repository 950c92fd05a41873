"""What kithbook asks of MkDocs' server under ``mkdocs serve``: its rebuilds made dirty
ones, the journal's folders watched with the system's own notices of change, the git
history read again only after a new commit, and the theme's templates kept compiled.
What here leans on MkDocs' insides is pinned by tests/test_live.py."""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

from jinja2 import BytecodeCache

from ..files import Changes
from ..history import read_history

log = logging.getLogger("mkdocs.plugins.kithbook")

#: What MkDocs logs on each dirty build; kithbook makes its dirty builds whole, so it is
#: not shown.
DIRTY_WARNING = "A 'dirty' build is being performed"


def dirty_rebuilds(builder) -> bool:
    """Make the rebuilds of ``mkdocs serve`` dirty ones, as ``mkdocs serve --dirty``
    does: the builder MkDocs hands ``on_serve`` reads its ``is_dirty`` flag from its
    closure at each rebuild (mkdocs/commands/serve.py, MkDocs 1.6; tests/test_live.py
    holds it). False if the builder is not made that way: rebuilds then stay whole."""
    code = getattr(builder, "__code__", None)
    names = code.co_freevars if code is not None else ()
    if "is_dirty" not in names or builder.__closure__ is None:
        log.info("kithbook: this MkDocs rebuilds everything on each change")
        return False
    builder.__closure__[names.index("is_dirty")].cell_contents = True
    return True


def hide_dirty_warning() -> None:
    """MkDocs warns on each dirty build that its navigation may be wrong; kithbook's
    are made whole, so the warning would only mislead (and count under --strict)."""
    for name in ("mkdocs.commands.build", "properdocs.commands.build"):
        logger = logging.getLogger(name)
        if _not_dirty_warning not in logger.filters:
            logger.addFilter(_not_dirty_warning)


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(DIRTY_WARNING)


#: The notices of a change to a file or folder (watchdog's event types).
CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})


def watch_journal(live, folders: list[Path], changes: Changes):
    """Watch the journal's folders with the system's own notices of changes (inotify
    on Linux), which come at once, instead of MkDocs' poll of every file every half
    second (80,000 files for 10,000 people). A change is told to ``changes`` and asks
    ``live.server``, once there is one, for a rebuild as its own watcher does. None
    where no notices can be had."""
    if not folders:
        return None
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Rebuild(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            # A file opened or read (by the build itself) changes nothing.
            if event.event_type not in CHANGES or (
                event.is_directory and event.event_type == "modified"
            ):
                return
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path:
                    changes.saw(os.fsdecode(path), folder=event.is_directory)
            server = live.server
            if server is not None:
                with server._rebuild_cond:
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()

    observer = Observer()
    try:
        for folder in folders:
            observer.schedule(Rebuild(), str(folder), recursive=True)
        observer.start()
    except OSError as error:  # no notices to be had (inotify's limits): MkDocs polls
        log.info(f"kithbook: watching the journal by polling ({error})")
        return None
    return observer


_histories: dict[Path, tuple[str, dict]] = {}


def history_of(root: Path) -> dict:
    """``read_history``, read again only when the journal's git repository has a new
    commit (under ``mkdocs serve``, ``git log`` of 80,000 files took seconds)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        head = ""
    kept = _histories.get(root)
    if head and kept and kept[0] == head:
        return kept[1]
    history = read_history(root)
    _histories[root] = (head, history)
    return history


class CompiledTemplates(BytecodeCache):
    """The theme's templates as compiled, kept in memory across the rebuilds of
    ``mkdocs serve``: each rebuild makes a new template environment, which compiled every
    template of the theme again (a few tenths of a second). Jinja keys each one on its
    name and the checksum of its source, so a changed template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


compiled_templates = CompiledTemplates()
