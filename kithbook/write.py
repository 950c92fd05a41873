"""The one place that writes journal files.

A new file is never a replacement: the text goes to a hidden temp file in the same
folder, is flushed to disk, and is then linked into place, which fails if a file of
that name has appeared meanwhile. So a file is never half-written, and nothing a
person wrote is overwritten.

Imports also add to files people wrote (``add_to_front_matter``): new lines in the
front matter and not one other byte changed, checked by reading the result back.
They write through a ``Changeset``: many new and changed files, all or nothing.

Front matter is written with the keys in the order of FORMAT.md's tables and one
way of formatting each value, so the same record always gives the same text and
git diffs stay small.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import secrets
import shutil
from collections.abc import Callable, Mapping
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


def _move_into_place(temp: Path | str, path: Path | str) -> None:
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
    return _simple_yaml(data) or yaml.dump(
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
    if isinstance(value, Birthday) and value.year:
        return date(value.year, value.month, value.day)  # written as YYYY-MM-DD, unquoted
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


# ---------------------------------------------------------------- the fast path
#
# PyYAML's pure-Python emitter costs about 0.25 ms a file, which is most of an
# import of 30,000 LinkedIn connections. Front matter made only of short plain
# words, dates, booleans and lists of them is written here directly, exactly as
# PyYAML would write it (tests/test_import_write.py compares the two on random
# values); anything else goes through PyYAML.

_PLAIN = re.compile(r"[^\W_](?:[\w .,&'/()+@!$%=~:#?-]*[\w.)/'!$%=~+#?-])?")
# Inside a plain word, ':' and '#' are text unless they read as "key: value" or "# comment".
_NOT_PLAIN = re.compile(r": | #")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_SIMPLE_LENGTH = 1000  # far below the emitter's width, so PyYAML would not fold the line


def _simple_scalar(value: object) -> str | None:
    """``value`` as PyYAML writes it in block context, if it is a plain word, a date,
    a boolean or a whole number; None when only PyYAML can be trusted to write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if (
        isinstance(value, str)
        and len(value) < _SIMPLE_LENGTH
        and _PLAIN.fullmatch(value)
        and not _NOT_PLAIN.search(value)
        and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG
    ):
        return value
    return None


def _simple_entry(key: object, value: object, indent: str) -> list[str] | None:
    """The lines of one ``key: value`` at ``indent``, or None when not simple."""
    name = _simple_scalar(key) if isinstance(key, str) else None
    if name is None:
        return None
    if isinstance(value, _FlowList) or isinstance(value, list | dict) and not value:
        return None
    if isinstance(value, list):
        items = [_simple_scalar(item) for item in value]
        if any(item is None for item in items):
            return None
        return [f"{indent}{name}:"] + [f"{indent}- {item}" for item in items]
    if isinstance(value, dict):
        if indent:  # one level of nesting is all the journal's fields need
            return None
        lines = [f"{name}:"]
        for sub_key, sub_value in value.items():
            sub_lines = _simple_entry(sub_key, sub_value, "  ")
            if sub_lines is None:
                return None
            lines += sub_lines
        return lines
    scalar = _simple_scalar(value)
    return None if scalar is None else [f"{indent}{name}: {scalar}"]


def _simple_yaml(data: Mapping[str, object]) -> str | None:
    """The YAML of ``data`` when every value is simple (see _simple_scalar), else None."""
    if not data:
        return None
    lines: list[str] = []
    for key, value in data.items():
        entry = _simple_entry(key, value, "")
        if entry is None:
            return None
        lines += entry
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- adding to a file
#
# An import may fill the empty fields of a person someone wrote by hand. It never
# rewrites their file: it adds lines to the front matter and leaves every other byte
# (comments, order, quoting, line ends, notes) as it was.


def add_to_front_matter(
    data: bytes, additions: Mapping[str, object], yaml_file: bool = False
) -> tuple[bytes, dict[str, str]]:
    """``data`` (a journal file) with ``additions`` added to its front matter, and why
    each addition that could not be added was left out (``{"contact.phone": why}``).

    A key absent from the file is added as new lines at the end of the front matter;
    a key written empty (``org:`` alone on its line) gets its value on that line. A
    Mapping value adds sub-keys under the file's mapping of that name (``contact:``),
    with its indentation. Keys already holding a value are left out (the caller only
    asks for empty fields). The result is read back, and must be the old front matter
    plus the additions and nothing else; if not, nothing is added. ``yaml_file``: the
    file is all YAML (``.yml``), not Markdown with front matter.
    """
    from .load import parse_yaml  # the loader's own reading, so both agree on the file

    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text = data[len(bom) :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = re.split(r"(?<=\n)", text)
    if lines and lines[-1] == "":
        lines.pop()
    start, end = _front_matter_span(lines, yaml_file)
    before = parse_yaml("".join(lines[start:end]), 1).value or {}
    if not isinstance(before, dict):
        return data, {key: "the file does not hold a mapping of fields" for key in additions}

    failed: dict[str, str] = {}
    added: dict[str, object] = {}
    edits: list[tuple[int, int, list[str]]] = []  # (line, how many replaced, new lines)
    for key, value in additions.items():
        edit = _edit_for(lines, start, end, before, key, value, newline)
        if isinstance(edit, str):
            failed[key] = edit
        elif edit is not None:
            edits.append(edit[:3])
            added[key] = edit[3]
    if not edits:
        return data, failed
    # From the bottom up, so that the line numbers of what is above stay valid. At the
    # same line: a replaced line first, then new keys, then sub-keys, which must end
    # up above the new keys when the mapping is the last field.
    order = sorted(range(len(edits)), key=lambda n: _edit_order(edits[n], n))
    for line, replaced, new_lines in (edits[n] for n in order):
        if line > 0 and not lines[line - 1].endswith("\n"):
            lines[line - 1] += newline  # a .yml file without a last line end
        lines[line : line + replaced] = new_lines
    try:
        new_start, new_end = _front_matter_span(lines, yaml_file)
        after = parse_yaml("".join(lines[new_start:new_end]), 1).value
        expected = _merged(before, parse_yaml(front_matter(added, ()), 1).value or {})
    except Exception:  # the loader's own error for bad YAML: treated as a mismatch
        after, expected = None, {}
    if after != expected:
        why = "could not be added without changing the rest of the file"
        return data, {key: failed.get(key, why) for key in additions}
    return bom + "".join(lines).encode("utf-8"), failed


def _edit_order(edit: tuple[int, int, list[str]], number: int) -> tuple[int, int, int]:
    """Edits applied in this order keep the additions in the order they were asked for."""
    line, replaced, new_lines = edit
    nested = bool(new_lines) and new_lines[0].startswith(" ")
    return (-line, 0 if replaced else 2 if nested else 1, -number)


def _front_matter_span(lines: list[str], yaml_file: bool) -> tuple[int, int]:
    """(first line, line after the last) of the front matter; the loader's rule for its end."""
    if yaml_file:
        return 0, len(lines)
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return 1, number
    raise ValueError("the front matter has no end")


def _key_pattern(key: str, indent: int) -> re.Pattern:
    name = re.escape(key)
    return re.compile(rf"^ {{{indent}}}(?:{name}|\"{name}\"|'{name}')[ \t]*:(?:[ \t]|\r?\n|$)")


def _find_key(lines: list[str], start: int, end: int, key: str, indent: int) -> int | None:
    pattern = _key_pattern(key, indent)
    return next((n for n in range(start, end) if pattern.match(lines[n])), None)


def _block_end(lines: list[str], key_line: int, end: int, indent: int) -> tuple[int, int | None]:
    """(the line after the last line of the value under ``key_line``, the indentation of
    its first key, or None when it has none)."""
    last, child = key_line, None
    for number in range(key_line + 1, end):
        stripped = lines[number].strip()
        if not stripped or stripped.startswith("#"):
            continue
        spaces = len(lines[number]) - len(lines[number].lstrip(" "))
        if spaces <= indent:
            break
        last = number
        child = spaces if child is None else child
    return last + 1, child


def _edit_for(
    lines: list[str],
    start: int,
    end: int,
    before: Mapping,
    key: str,
    value: object,
    newline: str,
) -> tuple[int, int, list[str], object] | str | None:
    """How to add ``key: value``: (line, lines replaced, new lines, the value added), None
    when there is nothing to add, or why it cannot be added."""
    line = _find_key(lines, start, end, key, 0)
    current = before.get(key)
    if key in before and line is None:
        return f"'{key}' is written in a way kithbook does not edit"
    if isinstance(value, Mapping) and isinstance(current, Mapping) and current:
        if not lines[line].split(":", 1)[1].split("#", 1)[0].strip() == "":
            return f"'{key}' is written on one line: add it by hand"
        block_end, child = _block_end(lines, line, end, 0)
        new_keys = {k: v for k, v in value.items() if _is_empty(current.get(k))}
        if any(k in current for k in new_keys):
            return f"'{key}' has an empty sub-field that kithbook does not edit"
        if not new_keys:
            return None
        text = _indented(front_matter(new_keys, ()), child or 2)
        return block_end, 0, _split(text, newline), new_keys
    if current is not None and not _is_empty(current):
        return None  # it has a value: never touched
    text = front_matter({key: value}, ())
    if line is None:
        return end, 0, _split(text, newline), value
    if re.fullmatch(r"[^:#]*:[ \t]*\r?\n?", lines[line]):
        block_end, _ = _block_end(lines, line, end, 0)
        if block_end == line + 1:
            return line, 1, _split(text, newline), value
    return f"'{key}' is written empty in a way kithbook does not edit: fill it in by hand"


def _is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _indented(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line if line.strip() else line for line in text.splitlines(True))


def _split(text: str, newline: str) -> list[str]:
    return [line + newline for line in text.split("\n")[:-1]]


def _merged(base: Mapping, added: Mapping) -> dict:
    """``base`` with the keys of ``added``; mappings are merged one level down."""
    merged = dict(base)
    for key, value in added.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


# ---------------------------------------------------------------- all or nothing


class JournalChanged(Exception):
    """A file changed, or a new file's name was taken, while a changeset was being
    written; the changeset was undone."""


#: Above this many files, one ``os.sync()`` replaces a flush of each staged file
#: (flushing 30,000 files one by one takes longer than writing them).
SYNC_EACH_LIMIT = 100


class Changeset:
    """New files and changed files, written together or not at all.

    Every text is first written into a hidden stage folder inside the journal (the
    same disk, so moving a file into place is atomic) and flushed. Then each new file
    is linked into place (which fails rather than replace a file that has appeared)
    and each changed file is replaced (``os.replace``) after checking that it still
    holds exactly the bytes it was read with. If anything fails, everything placed so
    far is undone (new files removed, changed files put back from the stage) and the
    stage folder is removed: the journal is as it was.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.new: list[tuple[str, str]] = []
        self.changed: list[tuple[str, bytes, bytes]] = []

    def add(self, rel: str, text: str) -> None:
        """Write ``text`` as the new file ``rel`` (relative to the journal, with ``/``)."""
        self.new.append((rel, text))

    def change(self, rel: str, before: bytes, after: bytes) -> None:
        """Replace the file ``rel``, which must still hold ``before``, with ``after``."""
        self.changed.append((rel, before, after))

    @property
    def steps(self) -> int:
        """How many steps ``commit`` reports to its progress callback."""
        return 2 * (len(self.new) + len(self.changed))

    def commit(self, progress: Callable[[int], None] | None = None) -> None:
        """Write everything, or nothing; raises JournalChanged or OSError after undoing."""
        advance = progress or (lambda steps: None)
        stage = self.root / f".kithbook-stage-{secrets.token_hex(6)}"
        stage.mkdir()
        # Paths as plain text in these loops: for 30,000 files, pathlib costs seconds.
        root = str(self.root)
        placed: list[tuple[str, str | None]] = []  # (file, its backup if it was changed)
        made: list[Path] = []  # folders made for new files
        try:
            new, changed = self._stage(str(stage), advance)
            names: dict[str, set[str]] = {}  # folder -> the names in it, listed once
            for (rel, _), staged in zip(self.new, new, strict=True):
                folder, _, name = rel.rpartition("/")
                if folder not in names:
                    made += _make_folders(self.root / folder, self.root)
                    names[folder] = set(os.listdir(self.root / folder))
                stem = name.rsplit(".", 1)[0]
                if any(stem + suffix in names[folder] for suffix in SUFFIXES):
                    raise JournalChanged(f"{rel} appeared while importing")
                target = f"{root}/{rel}"
                _move_into_place(staged, target)  # fails if the name was taken since
                names[folder].add(name)
                placed.append((target, None))
                advance(1)
            for (rel, before, _), (staged, backup) in zip(self.changed, changed, strict=True):
                target = f"{root}/{rel}"
                if Path(target).read_bytes() != before:
                    raise JournalChanged(f"{rel} was changed while importing")
                shutil.copymode(target, staged)
                os.replace(staged, target)
                placed.append((target, backup))
                advance(1)
            for folder in sorted({os.path.dirname(path) for path, _ in placed}):
                _sync_folder(Path(folder))
        except BaseException:
            _undo(placed, made)
            raise
        finally:
            shutil.rmtree(stage, ignore_errors=True)

    def _stage(self, stage: str, advance: Callable[[int], None]) -> tuple[list, list]:
        """Write every text into ``stage``: (new files, (changed file, backup) pairs)."""
        each = len(self.new) + 2 * len(self.changed) <= SYNC_EACH_LIMIT
        new = []
        for number, (_, text) in enumerate(self.new):
            new.append(_write_staged(f"{stage}/{number}.new", text.encode("utf-8"), each))
            advance(1)
        changed = []
        for number, (_, before, after) in enumerate(self.changed):
            staged = _write_staged(f"{stage}/{number}.changed", after, each)
            backup = _write_staged(f"{stage}/{number}.before", before, each)
            changed.append((staged, backup))
            advance(1)
        if not each:
            os.sync()
        return new, changed


def _write_staged(path: str, data: bytes, flush: bool) -> str:
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


def _make_folders(folder: Path, root: Path) -> list[Path]:
    """Make ``folder`` and its missing parents under ``root``; return those made, deepest last."""
    missing = []
    while folder != root and not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


def _undo(placed: list[tuple[str, str | None]], made: list[Path]) -> None:
    """Put back what a failed commit placed: new files removed, changed files restored."""
    for target, backup in reversed(placed):
        try:
            if backup is None:
                os.unlink(target)
            else:
                os.replace(backup, target)
        except OSError:
            pass  # keep undoing the rest
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            pass
