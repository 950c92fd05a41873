"""Imports: exports of other services become people and events (DESIGN.md principle 7).

Every importer is a module with the same three names:

- ``KIND`` and ``WHAT``: its name on the command line and what it reads, in words;
- ``identify(path) -> bool``: whether ``path`` is an export of its kind (a file of
  another kind is refused before anything is read in earnest);
- ``extract(path, context) -> Extract``: the records of the export, each with the
  Source (file and line) it came from. It raises ``Refused`` only when the export
  cannot be read at all; a bad row is a ``Skip`` or a ``Problem``, and the rest is read.

and may have a fourth, ``owner(path, me) -> Owner | None``: who you are, where the
export says so (your own profile, your account, the calendar's own address, the one
participant of every conversation) and the config does not already; the import then
runs with that "me" and says so in one line. Nothing is written to mkdocs.yml.

Importers know nothing of the journal. The shared engine (``match``, ``plan``) finds
each extracted person among the people already written, by stable ids first, then by
name, and works out what to write; ``write.Changeset`` writes it all or nothing.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from urllib.parse import SplitResult, unquote, urlsplit

from ..model import Me, Problem, Source
from ..text import folded


class Refused(Exception):
    """The export cannot be imported at all: the one line that says why."""


@dataclass(frozen=True)
class Context:
    """What an importer may know of the journal: who "me" is, today, and ``--all``."""

    me: Me = Me()
    today: date | None = None
    take_all: bool = False


@dataclass(frozen=True)
class Owner:
    """You, as an export says who you are: ``me`` is the config's "me" with what the
    export adds, for this import only; ``line`` says in one line what was taken and
    where from (``me: Sam Example, from Profile.csv``)."""

    me: Me
    line: str


@dataclass(frozen=True)
class PersonRecord:
    """A person as one row of an export knows them.

    ``key`` names the record within the extract, so that events can point at it.
    ``facts`` are fields to fill, by dotted name (``org``, ``contact.email``,
    ``extra.vcard_uid``); only empty fields of a person already written are filled.
    ``new_facts`` are written only when the import creates the person
    (``how_we_met: LinkedIn`` is true of a new connection, not of an old friend).
    ``names`` are other names to match by (a ``@handle``). ``create`` says whether the
    import may create this person when no one matches (the Twitter import's rule).
    """

    source: Source
    key: str
    name: str | None
    facts: dict[str, object] = field(default_factory=dict)
    new_facts: dict[str, object] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    create: bool = True
    why_not_created: str = ""


@dataclass(frozen=True)
class EventRecord:
    """An event of an export: ``people`` are PersonRecord keys; ``uid`` is stable across
    exports, so a second import of the same file, or an updated one, finds it again."""

    source: Source
    uid: str
    date: date | datetime
    title: str
    kind: str
    people: tuple[str, ...]
    end: date | datetime | None = None
    place: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class Skip:
    """A record of the export left out on purpose, and why (a hidden profile, a retweet).
    ``why`` is the same words for every record left out for that reason, so that they
    are counted together; ``what`` names the record, for ``--verbose``."""

    source: Source
    why: str
    what: str = ""


@dataclass(frozen=True)
class Extract:
    """Everything an importer read from an export."""

    people: tuple[PersonRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()
    skipped: tuple[Skip, ...] = ()
    problems: tuple[Problem, ...] = ()


def importers() -> dict[str, ModuleType]:
    """The importers by KIND, in the order the command line lists them."""
    from . import ics, linkedin, twitter, vcard

    return {module.KIND: module for module in (linkedin, twitter, vcard, ics)}


# ---------------------------------------------------------------- stable ids

#: Ids of which a person has one: two different values mean two different people.
SINGLE_IDS = frozenset({"linkedin", "twitter_id", "vcard_uid"})

_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+")
_HANDLE = re.compile(r"@?([A-Za-z0-9_]{1,50})")


def email_address(text: str | None) -> str | None:
    """``text`` as an email address (``mailto:`` dropped), or None if it is not one
    (LinkedIn's old exports put ``urn:li:member:...`` in the email column)."""
    if not text:
        return None
    text = text.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:].strip()
    return text if _EMAIL.fullmatch(text) else None


def linkedin_id(url: str) -> str | None:
    """The part of a LinkedIn profile address that names the profile (``in/jane-doe``),
    the same whatever the scheme, host, query or trailing slash."""
    text = url.strip()
    if not text:
        return None
    parts = _address(text)
    if parts is None:
        return None
    segments = [s for s in unquote(parts.path).lower().split("/") if s]
    if len(segments) >= 2 and segments[0] == "in":
        return f"in/{segments[1]}"
    if len(segments) >= 2 and segments[0] == "pub":
        return "/".join(segments)
    return f"{parts.netloc.lower().removeprefix('www.')}/{'/'.join(segments)}" if segments else None


def _address(text: str) -> SplitResult | None:
    """A web address split into its parts (``//`` assumed where it is left out); None for
    text no address can be (``[z]``: brackets hold an IPv6 host)."""
    try:
        return urlsplit(text if "//" in text else f"//{text}")
    except ValueError:
        return None


def twitter_handle(text: str) -> str | None:
    """A Twitter/X handle, lowercased, from ``@jane``, ``jane`` or a profile address."""
    text = text.strip()
    if "/" in text:
        parts = _address(text)
        if parts is None:
            return None
        text = parts.path.strip("/").split("/")[0]
    match = _HANDLE.fullmatch(text)
    return match.group(1).lower() if match else None


def stable_ids(facts: dict[str, object]) -> set[tuple[str, str]]:
    """The stable ids that ``facts`` (dotted fields and values) give a person:
    ("email", address), ("linkedin", in/...), ("twitter", handle), ("twitter_id", id),
    ("vcard_uid", uid). Addresses and handles are lowercased."""
    ids: set[tuple[str, str]] = set()
    for value in _values(facts.get("contact.email")):
        address = email_address(value)
        if address:
            ids.add(("email", address.lower()))
    for value in _values(facts.get("contact.linkedin")):
        profile = linkedin_id(value)
        if profile:
            ids.add(("linkedin", profile))
    for value in _values(facts.get("contact.twitter")):
        handle = twitter_handle(value)
        if handle:
            ids.add(("twitter", handle))
    for kind in ("twitter_id", "vcard_uid"):
        for value in _values(facts.get(f"extra.{kind}")):
            ids.add((kind, value.strip().lower()))
    return ids


def _values(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item is not None and str(item).strip()]
    return [str(value)] if str(value).strip() else []


def name_key(name: str) -> str:
    """A name as imports compare names (``text.folded``): case, accents, spaces and
    punctuation folded ("Zoë  Ångström" and "zoe-angstrom" are the same); letters of
    other scripts kept, never transliterated (李明 is not 黎明); a name of symbols only
    ("🙂") as it is, case-folded."""
    return folded(name) or " ".join(unicodedata.normalize("NFKC", name).casefold().split())


# ---------------------------------------------------------------- reading exports

#: How many folders deep an export's folder is searched: ``data/tweets.js`` is one down.
EXPORT_DEPTH = 3


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
    return [ExportFile(path.name, path.name, path)]


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


def read_text(file: ExportFile) -> str:
    """The text of an export file: UTF-8 (a BOM dropped), else Windows' code page, which
    is what spreadsheet programs save CSV files in; line ends as written."""
    try:
        data = file.read()
    except (OSError, zipfile.BadZipFile) as error:
        raise Refused(
            f"cannot read {file.shown}: {getattr(error, 'strerror', None) or error}"
        ) from None
    if b"\0" in data[:4096]:
        raise Refused(f"cannot read {file.shown}: it is not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def head(path: Path, size: int = 4096) -> str:
    """The start of the file ``path`` as text (BOM dropped, never failing), to identify it."""
    try:
        data = read_file(path, path.name, size)
    except (OSError, Refused):
        return ""
    return data.decode("utf-8-sig", errors="replace")


def lines_where(text: str, pattern: str) -> Iterator[int]:
    """The 1-based numbers of the lines of ``text`` that match ``pattern`` (a regex)."""
    compiled = re.compile(pattern)
    for number, line in enumerate(text.split("\n"), start=1):
        if compiled.match(line):
            yield number
