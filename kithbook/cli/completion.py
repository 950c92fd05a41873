"""Shell completion of what a command takes: people (their slugs), kinds, event ids.

Click completes commands and options itself; these callbacks give it the values of the
journal the command would work on (``--journal``, else the nearest one upwards). They
read as little as they can (the people's files; only the events' files that hold a
follow-up) and never fail: a journal that cannot be read completes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from .. import config as config_module
from ..files import journal_files
from ..load import EVENTS_DIR, read_event_file, read_people
from ..names import People
from ..terminal import terminal_safe
from ..text import folded


def _root(ctx: click.Context) -> Path | None:
    """The journal a command being completed would work on, or None."""
    given = ctx.find_root().params.get("journal")
    if given is not None:
        path = Path(given)
        return path if (path / config_module.CONFIG_FILE).is_file() else None
    return config_module.find_journal(Path.cwd())


def _safely(complete: Callable[[Path, str], list[CompletionItem]]):
    """A click completion callback from ``complete(root, incomplete)``: nothing when
    there is no journal or it cannot be read."""

    def callback(ctx: click.Context, param: click.Parameter, incomplete: str):
        try:
            root = _root(ctx)
            return complete(root, incomplete) if root is not None else []
        except Exception:  # completion must never print a traceback into a shell
            return []

    return callback


def _people_items(root: Path, typed: str) -> list[CompletionItem]:
    """People's slugs (and names), for the shell. Text from the files reaches the
    terminal here without ``echo``: a name holding a control character or a line break
    is not offered, and the help beside a slug is made safe and put on one line."""
    index = People(read_people(root))
    return [
        CompletionItem(value, help=" ".join(terminal_safe(what).split()))
        for value, what in index.completions(typed)
        if terminal_safe(value) == value and " ".join(value.split()) == value
    ]


@_safely
def complete_person(root: Path, incomplete: str) -> list[CompletionItem]:
    """People for PERSON, KEEP, OTHER, --by: slugs (with the name), found by the start
    of a slug, a name or an aka."""
    return _people_items(root, incomplete)


@_safely
def complete_people(root: Path, incomplete: str) -> list[CompletionItem]:
    """People for --with, which takes several separated by commas: the last is completed."""
    done, comma, last = incomplete.rpartition(",")
    head = f"{done}{comma}" if comma else ""
    spaced = " " if comma and last.startswith(" ") else ""
    return [
        CompletionItem(f"{head}{spaced}{item.value}", help=item.help)
        for item in _people_items(root, last.strip())
    ]


@_safely
def complete_kind(root: Path, incomplete: str) -> list[CompletionItem]:
    """The journal's kinds, the configured ones included."""
    settings, _ = config_module.read_config_file(root)
    config, _ = config_module.parse_config(settings)
    return [
        CompletionItem(kind, help=channel)
        for kind, channel in sorted(config.kinds.items())
        if kind.lower().startswith(incomplete.lower())
    ]


@_safely
def complete_event(root: Path, incomplete: str) -> list[CompletionItem]:
    """The ids of the events with an open follow-up (what `done` takes), newest first,
    that start as ``incomplete`` does; else the one such id that holds it (``coff``
    completes to ``2026/2026-11-20-coffee``: a shell puts the one id in place of the
    part, where of several it would cut the part to what they share)."""
    typed, part = incomplete.lower(), folded(incomplete)

    def starts(event_id: str) -> bool:
        return event_id.lower().startswith(typed)

    def holds(event_id: str) -> bool:
        return bool(part) and part in folded(event_id)

    chosen = _open_event_ids(root, starts)
    if not chosen:
        holding = _open_event_ids(root, holds)
        chosen = holding if len(holding) == 1 else []
    return [CompletionItem(event_id) for event_id in sorted(chosen, reverse=True)]


def _open_event_ids(root: Path, wanted: Callable[[str], bool]) -> list[str]:
    """The ids ``wanted`` takes of the events that have an open follow-up (an item of
    a list file: ``2026/log#2``). Only the files whose id could give one (their id, or
    an item's, ``wanted``) and that say ``follow_up`` are read whole."""
    ids = []
    for path, rel in journal_files(root, EVENTS_DIR, recursive=True):
        file_id = rel[len(EVENTS_DIR) + 1 :].rsplit(".", 1)[0]
        if not (wanted(file_id) or not rel.endswith(".md") and wanted(f"{file_id}#1")):
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if b"follow_up" not in data:
            continue
        events = read_event_file(rel, data).events
        ids += [event.id for event in events if event.open_follow_ups and wanted(event.id)]
    return ids
