"""The one place that writes journal files.

A new file is never a replacement: the text goes to a hidden temp file in the same
folder, is flushed to disk, and is then linked into place, which fails if a file of
that name has appeared meanwhile. So a file is never half-written, and nothing a
person wrote is overwritten.

Imports also add to files people wrote (``add_to_front_matter``): new lines in the
front matter and not one other byte changed, checked by reading the result back.
They write through a ``Changeset``: many new and changed files, all or nothing, even
when the process is killed halfway (``finish_interrupted``, which every `kithbook`
command runs first, finishes what a kill left).

Front matter is written with the keys in the order of FORMAT.md's tables and one
way of formatting each value, so the same record always gives the same text and
git diffs stay small.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import secrets
import shutil
import signal
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

import yaml

try:
    import fcntl
except ImportError:  # Windows: no locks on folders (see _journal_lock)
    fcntl = None

from .files import SUFFIXES
from .load import EVENT_FIELDS, PERSON_FIELDS
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
    from .reading import parse_yaml  # the loader's own reading, so both agree on the file

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
#
# A changeset is a small transaction. Its texts are first written into a folder of their
# own under STAGE_DIR, at the top of the journal (the same disk as the files they become,
# so that moving one into place is atomic), with the list of what goes where. Renaming
# that list to COMMITTED is the moment the changeset happens: before it, nothing of it is
# in the journal and its folder can simply go; after it, every file can be placed from
# the stage, however far placing had got. Placing and undoing find out what is done by
# looking (a new file that is the staged file is placed; a changed file that holds the
# staged "after" is changed), so either can be run again after any stop. So whatever
# stops a changeset (an error, Ctrl-C, a kill, a power cut), the journal is as before it
# or as after it once ``finish_interrupted`` has run, which every `kithbook` command does
# first. STAGE_DIR holds a .gitignore of "*", so git never shows it.

#: The hidden folder of the changesets being written, at the top of the journal.
STAGE_DIR = ".kithbook-changes"
#: A changeset's state is the name of its list of files; one of these exists at a time.
PLANNED, COMMITTED, UNDOING, DONE = "changes.json", "committed.json", "undoing.json", "done.json"
#: Signals that wait while files are placed, then act as they would have.
HELD_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
#: Above this many files, one ``os.sync()`` replaces a flush of each staged file
#: (flushing 30,000 files one by one takes longer than writing them).
SYNC_EACH_LIMIT = 100


class JournalChanged(Exception):
    """A file changed, or a new file's name was taken, while a changeset was being
    written; the changeset was undone."""


class Changeset:
    """New files and changed files, written together or not at all (see above).

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
        with _journal_lock(self.root):
            stage = _Stage.create(
                self.root,
                self.what,
                [rel for rel, _ in self.new],
                [rel for rel, _, _ in self.changed],
                _missing_folders(self.root, {rel.rpartition("/")[0] for rel, _ in self.new}),
            )
            try:
                self._stage(stage, advance)
            except BaseException:
                stage.remove()
                raise
            with _signals_held():
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

    def _stage(self, stage: _Stage, advance: Callable[[int], None]) -> None:
        """Write the list of files, then every text, into the stage, flushed to disk."""
        each = len(self.new) + 2 * len(self.changed) <= SYNC_EACH_LIMIT
        stage.write_list(each)
        for number, (_, text) in enumerate(self.new):
            _write_staged(stage.new_file(number), text.encode("utf-8"), each)
            advance(1)
        for number, (_, before, after) in enumerate(self.changed):
            _write_staged(stage.after(number), after, each)
            _write_staged(stage.before(number), before, each)
            advance(1)
        if each:
            _sync_folder(Path(stage.folder))
        else:
            os.sync()


class _Stage:
    """A changeset's folder under STAGE_DIR: its list of files (whose name is its state)
    and the staged texts: ``<n>.new`` for new files, ``<n>.after`` and ``<n>.before`` for
    changed ones. Paths as plain text: for 30,000 files, pathlib costs seconds."""

    def __init__(
        self, folder: str, what: str, new: list[str], changed: list[str], folders: list[str]
    ) -> None:
        self.folder = folder
        self.what = what
        self.new = new
        self.changed = changed
        self.folders = folders  # folders the changeset makes, parents first

    @classmethod
    def create(
        cls, root: Path, what: str, new: list[str], changed: list[str], folders: list[str]
    ) -> _Stage:
        stage = root / STAGE_DIR
        stage.mkdir(exist_ok=True)
        ignore = stage / ".gitignore"
        if not ignore.exists():  # before anything else, so that git never shows the stage
            # "*" first: even a file cut short by a kill says it.
            ignore.write_text("*\n# kithbook's changes being written: never committed\n")
        folder = stage / secrets.token_hex(6)
        folder.mkdir()
        _sync_folder(stage)
        _sync_folder(root)
        return cls(str(folder), what, new, changed, folders)

    @classmethod
    def read(cls, folder: Path) -> tuple[_Stage, str | None]:
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

    @property
    def files(self) -> int:
        return len(self.new) + len(self.changed)

    def write_list(self, flush: bool) -> None:
        listed = {"what": self.what, "new": self.new, "changed": self.changed}
        listed["folders"] = self.folders
        data = json.dumps(listed, ensure_ascii=False, indent=0).encode("utf-8")
        _write_staged(f"{self.folder}/{PLANNED}", data, flush)

    def mark(self, state: str, new_state: str) -> None:
        """Move the changeset from ``state`` to ``new_state``, on disk before returning."""
        os.replace(f"{self.folder}/{state}", f"{self.folder}/{new_state}")
        _sync_folder(Path(self.folder))

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


def _place(root: Path, stage: _Stage, advance: Callable[[int], None]) -> None:
    """Put every file of a committed changeset in place, passing over those already
    placed; JournalChanged if a name is taken or a changed file was edited meanwhile."""
    names: dict[str, set[str]] = {}  # folder -> the names in it, listed once
    for number, rel in enumerate(stage.new):
        folder, _, name = rel.rpartition("/")
        if folder not in names:
            os.makedirs(f"{root}/{folder}", exist_ok=True)
            names[folder] = set(os.listdir(f"{root}/{folder}"))
        target, staged = f"{root}/{rel}", stage.new_file(number)
        if name in names[folder] and _holds(target, staged):
            advance(1)
            continue  # placed before an interruption
        stem = name.rsplit(".", 1)[0]
        if any(stem + suffix in names[folder] for suffix in SUFFIXES):
            raise JournalChanged(f"{rel} appeared while importing")
        try:
            _place_new(staged, target)
        except FileExistsError:
            raise JournalChanged(f"{rel} appeared while importing") from None
        names[folder].add(name)
        advance(1)
    for number, rel in enumerate(stage.changed):
        target = f"{root}/{rel}"
        try:
            now = _read(target)
        except FileNotFoundError:
            raise JournalChanged(f"{rel} was removed while importing") from None
        if now == _read(stage.before(number)):
            shutil.copymode(target, stage.after(number))
            _replace_with_copy(stage.after(number), target)
        elif not _holds(target, stage.after(number)):
            raise JournalChanged(f"{rel} was changed while importing")
        advance(1)
    _sync_folders(root, stage)


def _undo(root: Path, stage: _Stage, state: str) -> None:
    """Take a changeset back out of the journal (changed files get their old bytes, new
    files and folders go), then remove its stage. What someone else wrote meanwhile, and
    what was never placed, is left alone. If undoing fails, the stage stays, marked, for
    the next `kithbook` command to finish undoing."""
    if state != UNDOING:
        stage.mark(state, UNDOING)
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
    _sync_folders(root, stage)
    stage.finish(UNDOING)


def finish_interrupted(root: Path, say: Callable[[str], None]) -> None:
    """Finish each changeset that was stopped while its files were placed (a kill, a power
    cut), or undo it when the journal changed since, and remove the stage of any that was
    stopped before; ``say`` gets one line for each. If a changeset is being written right
    now, by another process, this waits for it (the journal is whole afterwards)."""
    if not (root / STAGE_DIR).is_dir():
        return
    with _journal_lock(root, wait=False) as free:
        if free:
            _recover(root, say)
            return
    say("waiting for the changes another kithbook is writing to this journal")
    with _journal_lock(root):
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
        what = _Stage.read(half[0])[0].what
    except (OSError, ValueError):
        what = "change"
    with _journal_lock(root, wait=False) as free:
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
            stage, state = _Stage.read(folder)
        except ValueError as error:
            say(f"{error}: left as it is")
            continue
        with _signals_held():
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


@contextmanager
def _journal_lock(root: Path, wait: bool = True) -> Iterator[bool]:
    """Hold the journal's lock for writing a changeset: a lock on the journal's folder,
    which the system lets go of when the process ends, however it ends. Yields False,
    holding nothing, when ``wait`` is False and another process holds it. Where there are
    no such locks (Windows, some network disks), yields True."""
    if fcntl is None:
        yield True
        return
    descriptor = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            held = True
        except BlockingIOError:
            held = False
        except OSError:
            held = True  # no locks on this disk
        yield held
    finally:
        os.close(descriptor)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block is done, then act as they would
    have (the default action ends the process with the signal's status), so that only a
    kill or a power cut can stop a changeset halfway. Outside the main thread, where
    signals cannot be caught, nothing is held."""
    caught: list[int] = []
    previous: dict[int, object] = {}
    try:
        for name in HELD_SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                previous[number] = signal.signal(
                    number, lambda signum, frame: caught.append(signum)
                )
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(caught):
            signal.raise_signal(number)


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
    _move_into_place(spare, target)


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


def _missing_folders(root: Path, folders: set[str]) -> list[str]:
    """Which of ``folders`` (and their parents, under ``root``) do not exist: parents first."""
    missing: set[str] = set()
    for folder in folders:
        while folder and not (root / folder).is_dir():
            missing.add(folder)
            folder = folder.rpartition("/")[0]
    return sorted(missing, key=lambda folder: (folder.count("/"), folder))


def _sync_folders(root: Path, stage: _Stage) -> None:
    """Flush the entries of every folder the changeset placed files or folders in."""
    touched = {rel.rpartition("/")[0] for rel in (*stage.new, *stage.changed, *stage.folders)}
    for folder in sorted(touched):
        _sync_folder(root / folder)
