"""An export on disk: its files, in a folder, a zip archive or given alone, and their
bytes or text.

Every importer reads its export through these functions, so that a file that cannot be
read is refused in the same one line whatever the source (``cannot read contacts.vcf:
it is a named pipe (FIFO), not a plain file``), and nothing waits on a named pipe.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import Refused

#: How many folders deep an export's folder is searched: ``data/tweets.js`` is one down.
EXPORT_DEPTH = 3
#: How much of a file is looked at to tell text from a binary file.
TEXT_TEST = 4096

T = TypeVar("T")


@dataclass(frozen=True)
class ExportFile:
    """One file of an export, in a folder, a zip archive, or given alone. ``shown`` is
    how messages name it (the archive's name, then the path inside)."""

    shown: str
    name: str
    _path: Path | None = None
    _archive: Path | None = None
    _member: str = ""

    def read(self) -> bytes:
        if self._path is not None:
            return read_file(self._path, self.shown)
        with zipfile.ZipFile(self._archive) as archive:  # type: ignore[arg-type]
            return archive.read(self._member)


def check_export(path: Path) -> None:
    """Refused, saying what it is, if ``path`` (or a file of the folder ``path``) is not a
    plain file: reading a named pipe (FIFO), a socket or a device waits for a writer or
    never ends. Every import checks this before reading anything."""
    files = _folder_files(path) if path.is_dir() else [path]
    for file in files:
        what = _special(os.stat(file).st_mode)
        if what:
            shown = (
                path.name if file == path else f"{path.name}/{file.relative_to(path).as_posix()}"
            )
            raise Refused(_not_a_file(shown, what))


def read_file(path: Path, shown: str, size: int = -1) -> bytes:
    """The bytes of the file ``path`` (at most ``size``); Refused if it is not a plain file
    (``check_export``), found out without waiting: a named pipe opened to be read would
    wait for a writer, unless opened without blocking."""
    descriptor = os.open(
        path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    )
    with os.fdopen(descriptor, "rb") as stream:
        what = _special(os.fstat(descriptor).st_mode)
        if what:
            raise Refused(_not_a_file(shown, what))
        return stream.read(size)


def _special(mode: int) -> str:
    """What a file that is not a plain file or a folder is, in words; "" for those."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return ""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _not_a_file(shown: str, what: str) -> str:
    return f"cannot read {shown}: it is {what}, not a plain file"


def export_file(path: Path) -> ExportFile:
    """The file ``path``, given alone as the export."""
    return ExportFile(path.name, path.name, path)


def export_files(path: Path) -> list[ExportFile]:
    """The files of the export at ``path``: a file, a folder (searched recursively) or a
    zip archive; Refused if a folder or archive cannot be read."""
    if path.is_dir():
        return [
            ExportFile(f"{path.name}/{file.relative_to(path).as_posix()}", file.name, file)
            for file in _folder_files(path)
        ]
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if not m.endswith("/")]
        except (zipfile.BadZipFile, OSError) as error:
            raise Refused(f"cannot read {path.name} as a zip archive: {error}") from None
        return [
            ExportFile(f"{path.name}/{member}", member.rsplit("/", 1)[-1], None, path, member)
            for member in sorted(members)
            if not member.rsplit("/", 1)[-1].startswith(".")
        ]
    return [export_file(path)]


def _folder_files(folder: Path, depth: int = EXPORT_DEPTH) -> list[Path]:
    """The files of an export's folder, at most ``depth`` folders down (an archive keeps
    its data one folder down; a home folder given by mistake is not walked through)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        if len(here.relative_to(folder).parts) >= depth - 1:
            dirnames[:] = []
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [here / name for name in sorted(filenames) if not name.startswith(".")]
    return sorted(found)


# ---------------------------------------------------------------- bytes and text


def binary(data: bytes) -> bool:
    """Whether ``data`` is no text in an 8-bit charset: a NUL byte near its start.
    (UTF-16 has them, and only the LinkedIn importer, which takes it, looks for it first.)"""
    return b"\0" in data[:TEXT_TEST]


def utf8_text(data: bytes) -> str:
    """Bytes as UTF-8 text, a byte-order mark dropped, never failing: a byte that is not
    UTF-8 is shown as U+FFFD."""
    return data.decode("utf-8-sig", errors="replace")


def text_of(data: bytes) -> str | None:
    """The text of an export file: UTF-8 (a BOM dropped), else Windows' code page, which
    is what spreadsheet programs save CSV files in; line ends as written. None when it is
    not text (``binary``)."""
    if binary(data):
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_export(file: ExportFile, decode: Callable[[bytes], T | None]) -> T:
    """What ``decode`` makes of the bytes of an export file (text, or bytes checked to be
    text); Refused in one line when the file cannot be read, or ``decode`` finds it is no
    text file (gives None)."""
    try:
        data = file.read()
    except (OSError, zipfile.BadZipFile) as error:
        raise Refused(
            f"cannot read {file.shown}: {getattr(error, 'strerror', None) or error}"
        ) from None
    found = decode(data)
    if found is None:
        raise Refused(f"cannot read {file.shown}: it is not a text file")
    return found


def read_text(file: ExportFile) -> str:
    """The text of an export file (``text_of``); Refused when it cannot be read."""
    return read_export(file, text_of)


def read_bytes(file: ExportFile) -> bytes:
    """The bytes of an export file, as they are; Refused when it cannot be read."""
    return read_export(file, lambda data: data)


def head(path: Path, size: int = 4096, decode: Callable[[bytes], str | None] = utf8_text) -> str:
    """The start of the file ``path`` (``size`` bytes; -1: all of it) as text, to identify
    it or glance at it without failing: read by ``decode`` (``utf8_text`` unless told),
    "" when it cannot be read."""
    try:
        data = read_file(path, path.name, size)
    except (OSError, Refused):
        return ""
    return decode(data) or ""
