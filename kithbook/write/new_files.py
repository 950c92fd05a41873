"""A new journal file, written whole or not at all, and never over another.

The text goes to a hidden temp file in the same folder, is flushed to disk, and is then
linked into place, which fails if a file of that name has appeared meanwhile. So a file
is never half-written, and nothing a person wrote is overwritten. `kithbook add`, `log`
and `init` write this way; an import's many files go through a ``Changeset``.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from ..files import SUFFIXES


class WriteFailed(OSError):
    """The system refused to write a journal file (it is read-only or immutable, its
    folder may not be written, the disk is full). ``filename`` is the journal file the
    person knows, not the temporary or staged file the system refused; nothing of the
    write is left in the journal."""

    @classmethod
    def of(cls, error: OSError, path: Path | str) -> WriteFailed:
        """``error``, said of the journal file ``path``."""
        return cls(error.errno, error.strerror or str(error), str(path))


def write_new(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) as the new file ``path``, atomically, and return ``path``.

    Raises FileExistsError, leaving the existing file untouched, if ``path`` exists,
    even when it appears while this runs; WriteFailed, naming ``path``, when the system
    refuses to write it. Missing folders are made.
    """
    try:
        return _write_new(path, text)
    except FileExistsError:
        raise
    except OSError as error:
        raise WriteFailed.of(error, path) from error


def _write_new(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise FileExistsError(errno.EEXIST, "the file exists already", str(path))
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        move_into_place(temp, path)
        sync_folder(path.parent)
    finally:
        temp.unlink(missing_ok=True)
    return path


def move_into_place(temp: Path | str, path: Path | str) -> None:
    """Give ``temp``'s content the name ``path`` unless that name is taken.

    A hard link fails with FileExistsError when the name exists, so two writers
    cannot clobber each other. Where hard links are not possible, Windows' rename
    refuses to replace a file too; elsewhere a check just before the replace leaves
    only a tiny window.
    """
    try:
        os.link(temp, path)
        return
    except FileExistsError:
        raise
    except (OSError, NotImplementedError):
        pass
    if os.name == "nt":
        os.rename(temp, path)
        return
    if os.path.exists(path):
        raise FileExistsError(errno.EEXIST, "the file exists already", str(path))
    os.replace(temp, path)


def sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the new file to disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def is_taken(path: Path) -> bool:
    """Whether a journal file with ``path``'s id exists: ``x.md``, ``x.yml`` or ``x.yaml``.

    Two files with the same id are an error in the journal, so a new ``.md`` must
    not sit beside an existing ``.yml`` of the same name.
    """
    return existing_file(path) is not None


def existing_file(path: Path) -> Path | None:
    """The journal file with ``path``'s id (``x.md``, ``x.yml`` or ``x.yaml``, in that
    order), or None: what stands in the way of a new file, to name it in a message."""
    return next((path.with_suffix(s) for s in SUFFIXES if path.with_suffix(s).exists()), None)


def numbered(path: Path, limit: int = 1000):
    """``path``, then ``<stem>-2``, ``<stem>-3``, ... up to ``limit``: the names tried
    for a new file whose name may be taken, each whose id is not taken yet."""
    for number in range(1, limit + 1):
        candidate = path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not is_taken(candidate):
            yield candidate


def write_new_numbered(path: Path, text: str, limit: int = 1000) -> Path:
    """Write ``text`` as ``path``, or as ``<stem>-2``, ``<stem>-3``, ... when that id is
    taken; return the path written. Nothing existing is ever replaced."""
    for candidate in numbered(path, limit):
        try:
            return write_new(candidate, text)
        except FileExistsError:
            continue  # someone wrote it between the check and the write
    raise FileExistsError(errno.EEXIST, f"{limit} files of this name exist already", str(path))
