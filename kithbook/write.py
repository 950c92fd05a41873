"""The one place that writes journal files.

Every write is a new file, never a replacement: the text goes to a hidden temp
file in the same folder, is flushed to disk, and is then linked into place, which
fails if a file of that name has appeared meanwhile. So a file is never
half-written, and nothing a person wrote is overwritten.

Front matter is written with the keys in the order of FORMAT.md's tables and one
way of formatting each value, so the same record always gives the same text and
git diffs stay small.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path

import yaml

from .load import EVENT_FIELDS, PERSON_FIELDS, SUFFIXES
from .model import Birthday, Duration, FollowUp

#: Lists of names written on one line (``tags: [a, b]``) when they fit in FLOW_WIDTH characters.
FLOW_FIELDS = frozenset({"aka", "tags", "with"})
FLOW_WIDTH = 72


# ---------------------------------------------------------------- files


def write_new(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) as the new file ``path``, atomically, and return ``path``.

    Raises FileExistsError, leaving the existing file untouched, if ``path`` exists,
    even when it appears while this runs. Missing folders are made.
    """
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
        _move_into_place(temp, path)
        _sync_folder(path.parent)
    finally:
        temp.unlink(missing_ok=True)
    return path


def _move_into_place(temp: Path, path: Path) -> None:
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
    if path.exists():
        raise FileExistsError(errno.EEXIST, "the file exists already", str(path))
    os.replace(temp, path)


def _sync_folder(folder: Path) -> None:
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
    return any(path.with_suffix(suffix).exists() for suffix in SUFFIXES)


def write_new_numbered(path: Path, text: str, limit: int = 1000) -> Path:
    """Write ``text`` as ``path``, or as ``<stem>-2``, ``<stem>-3``, ... when that id is
    taken; return the path written. Nothing existing is ever replaced."""
    for number in range(1, limit + 1):
        candidate = path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")
        if is_taken(candidate):
            continue
        try:
            return write_new(candidate, text)
        except FileExistsError:
            continue  # someone wrote it between the check and the write
    raise FileExistsError(errno.EEXIST, f"{limit} files of this name exist already", str(path))


# ---------------------------------------------------------------- text


def person_markdown(fields: Mapping[str, object], notes: str = "") -> str:
    """A person file: front matter in FORMAT.md's order, then the notes."""
    return _markdown(fields, PERSON_FIELDS, notes)


def event_markdown(fields: Mapping[str, object], notes: str = "") -> str:
    """An event file: front matter in FORMAT.md's order, then the notes."""
    return _markdown(fields, EVENT_FIELDS, notes)


def _markdown(fields: Mapping[str, object], order: tuple[str, ...], notes: str) -> str:
    front = front_matter(fields, order)
    notes = notes.strip("\n")
    return f"---\n{front}---\n" + (f"\n{notes}\n" if notes else "")


def front_matter(fields: Mapping[str, object], order: tuple[str, ...]) -> str:
    """The YAML of ``fields``: known keys in ``order``, any others after them by name;
    empty values (None, "", [], {}) are left out, False is kept. Lists of names
    (FLOW_FIELDS) that fit go on one line; other lists have an item per line."""
    known = [key for key in order if key in fields]
    others = sorted(key for key in fields if key not in order)
    data = {}
    for key in (*known, *others):
        value = _plain(fields[key])
        if value is None or value == "" or value == [] or value == {}:
            continue
        data[key] = _flow_if_short(value) if key in FLOW_FIELDS else value
    if not data:
        return ""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
    )


def _plain(value: object) -> object:
    """``value`` as plain YAML data: dates as YYYY-MM-DD, times as HH:MM, the
    engine's small records as the text a person would write."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value  # YAML writes a date as YYYY-MM-DD, unquoted
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Duration | Birthday):
        return str(value)
    if isinstance(value, FollowUp):
        return f"[x] {value.text}" if value.done else value.text
    if isinstance(value, str):
        return value.strip() if "\n" not in value else value.strip("\n")
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


class _FlowList(list):
    """A list written on one line: ``[a, b]``."""


def _flow_if_short(value: object) -> object:
    if isinstance(value, list) and value and all(isinstance(v, str | int) for v in value):
        one_line = yaml.dump(
            value, Dumper=_Dumper, default_flow_style=True, allow_unicode=True, width=4096
        )
        if len(one_line.strip()) <= FLOW_WIDTH and "\n" not in one_line.strip():
            return _FlowList(value)
    return value


class _Dumper(yaml.SafeDumper):
    """Safe YAML with short lists on one line and text of several lines as a ``|`` block."""


def _represent_flow_list(dumper: yaml.SafeDumper, value: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(_FlowList, _represent_flow_list)
_Dumper.add_representer(str, _represent_text)
