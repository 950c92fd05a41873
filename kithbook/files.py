"""The files of a journal: which files under people/ and events/ are journal files,
read only when they are plain files of the journal, and kept, parsed, while unchanged
(``FileCache``: under ``mkdocs serve`` a rebuild re-reads only what was saved). What one
file holds, before names are resolved, is a ``FileRecords``.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .model import Event, Person, Problem, Source
from .reading import FileError

SUFFIXES = (".md", ".yml", ".yaml")  # in order of precedence for the same id


@dataclass(frozen=True)
class Reference:
    """A value written in a record that can only be resolved once everything is read: a
    name (``with``, ``by``, ``introduced_by``) against everyone, a ``kind`` against the
    config's kinds. Its source is where a problem with it is reported."""

    source: Source
    field: str
    value: str


@dataclass(frozen=True)
class FileRecords:
    """What one file holds before names are resolved: records, their references
    (keyed by record id), and the problems found in the file alone."""

    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    references: tuple[tuple[str, Reference], ...] = ()
    problems: tuple[Problem, ...] = ()


def read_journal_file(
    root: Path, path: Path, rel: str, reader: Callable[[str, bytes], FileRecords]
) -> FileRecords:
    """What ``reader`` makes of the journal file ``path`` (``rel`` under ``root``), or the
    problem that kept it from being read."""
    try:
        plain_file(root, path)
        data = path.read_bytes()
    except FileError as error:
        return FileRecords(problems=(Problem(Source(rel, error.line), "error", error.message),))
    except OSError as error:
        return FileRecords(
            problems=(Problem(Source(rel), "error", f"cannot read: {error.strerror}"),)
        )
    return reader(rel, data)


class Changes:
    """The paths in the journal's folders ``watched`` that changed since they were last
    taken, as the system's notices of change report them (under ``mkdocs serve``), made
    absolute. What changed is not known until the first ``take`` after the watching
    started, nor after a folder itself came, went or moved."""

    def __init__(self, watched: list[Path]) -> None:
        self.watched = {os.path.abspath(folder) for folder in watched}
        self._lock = threading.Lock()
        self._paths: set[str] | None = None

    def saw(self, path: str, folder: bool = False) -> None:
        with self._lock:
            if folder:
                self._paths = None
            elif self._paths is not None:
                self._paths.add(os.path.abspath(path))

    def take(self) -> set[str] | None:
        """The paths that changed since the last take; None when that is not known."""
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths


class FileCache:
    """Parsed files kept across builds, keyed on path, mtime and size: under
    ``mkdocs serve`` a rebuild re-reads only the files that changed. Where ``changes``
    tells what changed since the last load (``begin``), the other files are taken as
    they were without looking at each (80,000 files at 10,000 people)."""

    def __init__(self) -> None:
        #: mtime, size, records, and whether the path is a link (whose file changes
        #: without a notice for the link)
        self._entries: dict[Path, tuple[int, int, FileRecords, bool]] = {}
        self.reads = 0  # how many files were actually read, for tests and benchmarks
        #: what kithbook.load worked out from the records, kept with them: the events
        #: resolved, and the last load (its config, files' records, journal, problems)
        self.resolved: dict = {}
        self.loaded: tuple | None = None
        self.lookups = 0  # how many files were asked for, read or not
        self.changes: Changes | None = None
        self._changed: set[str] | None = None  # this load's, if known
        self._watched: tuple[str, ...] = ()  # the folders it is known for
        #: each folder's last list of files, with where each path is in it
        self._listings: dict[tuple[str, str, bool], tuple[list[tuple[Path, str]], dict]] = {}
        #: each folder's last list, the records read of its files, and whether every one
        #: of them is a plain file that was read (not a link, not unreadable)
        self._records: dict[tuple[str, str, bool], tuple[list, list[FileRecords], bool]] = {}

    def begin(self) -> None:
        """A load starts: what changed since the last one, if known."""
        self._changed = self.changes.take() if self.changes is not None else None
        watched = self.changes.watched if self.changes is not None else ()
        self._watched = tuple(folder + os.sep for folder in watched)

    def files(self, root: Path, folder: str, recursive: bool) -> list[tuple[Path, str]]:
        """``journal_files``: the last load's list with the changed paths put right, when
        the changes under a watched folder are known; else a look at the folder. The
        list is the last load's, the same object, when no file came or went. The root
        is absolute, as ``Changes`` tells paths."""
        key = (str(root), folder, recursive)
        base = str(root / folder)
        last, changed = self._listings.get(key), self._changed
        found = None
        if last is not None and changed is not None and base in self.changes.watched:
            found = _listing_after(*last, changed, base, folder, recursive)
        if found is None:
            found = journal_files(root, folder, recursive)
        if last is None or found is not last[0]:
            last = (found, {str(path): at for at, (path, _) in enumerate(found)})
        self._listings[key] = last
        return found

    def read_folder(
        self, root: Path, folder: str, recursive: bool, reader: Callable[[str, bytes], FileRecords]
    ) -> list[FileRecords]:
        """``read`` of each of the journal files of ``folder`` (``files``), in order. When
        no file came or went and what changed is known, only the files that changed are
        looked up, and the others' records are taken from the last load's list."""
        key = (str(root), folder, recursive)
        listing = self.files(root, folder, recursive)
        last = self._records.get(key)
        if last is None or last[0] is not listing or not last[2] or self._changed is None:
            found = [self.read(root, path, rel, reader) for path, rel in listing]
            plain = all(self._is_plain(path) for path, _ in listing)
        else:
            found, plain = list(last[1]), True
            self.lookups += len(listing)
            where = self._listings[key][1]
            for name in self._changed:
                at = where.get(name)
                if at is not None:
                    path, rel = listing[at]
                    found[at] = self.read(root, path, rel, reader)
                    self.lookups -= 1  # counted once, above
                    plain = plain and self._is_plain(path)
        self._records[key] = (listing, found, plain)
        return found

    def _is_plain(self, path: Path) -> bool:
        """Whether ``path`` was read as a plain file: not a link, whose file changes with
        no notice for the link, nor a file that could not be read."""
        entry = self._entries.get(path)
        return entry is not None and not entry[3]

    def read(
        self, root: Path, path: Path, rel: str, reader: Callable[[str, bytes], FileRecords]
    ) -> FileRecords:
        """As ``read_journal_file``, from the cache while the file is unchanged."""
        self.lookups += 1
        cached = self._entries.get(path)
        if cached and not cached[3] and self._changed is not None:
            name = str(path)
            if name.startswith(self._watched) and name not in self._changed:
                return cached[2]
        try:
            stat = plain_file(root, path)
        except (FileError, OSError):
            return read_journal_file(root, path, rel, reader)  # which says why not
        key = (stat.st_mtime_ns, stat.st_size)
        if cached and cached[:2] == key:
            return cached[2]
        self.reads += 1
        records = read_journal_file(root, path, rel, reader)
        self._entries[path] = (*key, records, os.path.islink(path))
        return records


#: What a path that is not a plain file is, in words.
_FILE_TYPES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def plain_file(root: Path, path: Path) -> os.stat_result:
    """The status of ``path`` if it is a plain file, or a link to one inside the journal
    at ``root``; a FileError saying why not otherwise. Only such files are read: a named
    pipe or a device would block a read for ever, and a file from outside the journal
    would be published without anyone having put it there. OSError if there is nothing."""
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise FileError(0, "a link to a folder, which is not followed: move the folder here")
        journal = os.path.realpath(root)
        if os.path.commonpath([os.path.realpath(path), journal]) != journal:
            raise FileError(
                0,
                "a link to a file outside the journal, which is not read (it would be "
                "published from elsewhere): move or copy the file into the journal",
            )
    if not stat.S_ISREG(status.st_mode):
        what = next((name for test, name in _FILE_TYPES if test(status.st_mode)), "not a file")
        raise FileError(0, f"{what}: only plain files are read")
    return status


def _listing_after(
    last: list[tuple[Path, str]],
    where: dict[str, int],
    changed: set[str],
    base: str,
    folder: str,
    recursive: bool,
) -> list[tuple[Path, str]] | None:
    """``journal_files`` of the folder ``base`` (``folder`` under the root), from its
    last list (``where``: each path's place in it) and the paths changed since: the
    last list itself when no file came or went. None when only a look at the folder
    tells (a link to a folder, which is listed to be reported)."""
    under = [path for path in changed if path.startswith(base + os.sep)]
    if all(path in where and os.path.isfile(path) for path in under):
        return last  # only files in the list changed, and each is still a file
    entries = {str(path): (path, rel) for path, rel in last}
    for path in under:
        if not os.path.lexists(path):
            entries.pop(path, None)
            continue
        if os.path.islink(path) and os.path.isdir(path):
            return None
        parts = path[len(base) + 1 :].split(os.sep)
        if (not recursive and len(parts) > 1) or any(p.startswith(".") for p in parts):
            continue
        if parts[-1].endswith(SUFFIXES):
            entries[path] = (Path(path), "/".join([folder, *parts]))
    return sorted(entries.values(), key=lambda item: item[1])


def journal_files(root: Path, folder: str, recursive: bool) -> list[tuple[Path, str]]:
    """The journal files of ``root/folder`` as (path, relative path with '/'), sorted;
    hidden files and folders and editor backups are passed over. A link to a folder is
    listed as it is, not followed, so that the reader reports it."""
    base = root / folder
    if not base.is_dir():
        return []
    found = []
    skip = len(str(base))
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")) if recursive else []
        rel = folder + dirpath[skip:].replace(os.sep, "/")  # not pathlib: 100,000s of files
        for name in dirnames:
            if os.path.islink(os.path.join(dirpath, name)):  # os.walk does not go in
                found.append((Path(dirpath, name), f"{rel}/{name}"))
        for name in filenames:
            if name.startswith(".") or not name.endswith(SUFFIXES):
                continue
            found.append((Path(dirpath, name), f"{rel}/{name}"))
    return sorted(found, key=lambda item: item[1])
