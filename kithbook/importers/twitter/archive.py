"""A Twitter/X archive's data files, read item by item, and whose archive it is.

Each data file is JavaScript of one shape, ``window.YTD.<name>.part0 = [...]``: the
prefix is cut off and the rest read as JSON, item by item, each with the line it starts
on. ``account.js`` says who you are; an archive without it: the one account in every
conversation of direct messages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ...model import Source
from .. import Refused
from ..exports import ExportFile, export_files, read_text

#: The names of the data files read, and the prefix every one of them starts with.
DATA_FILE = re.compile(
    r"(account|follower|following|tweets?|direct-messages(?:-group)?)(?:-part\d+)?\.js",
    re.IGNORECASE,
)
YTD_PREFIX = re.compile(r"\s*window\.YTD\.([\w-]+)\.part(\d+)\s*=\s*")


def data_files(path: Path) -> dict[str, list[ExportFile]]:
    """The archive's data files by kind ('tweets', 'follower', ...), parts in order."""
    files: dict[str, list[ExportFile]] = {}
    for file in export_files(path):
        match = DATA_FILE.fullmatch(file.name)
        if match:
            kind = match.group(1).lower()
            kind = "tweets" if kind == "tweet" else kind
            files.setdefault(kind, []).append(file)
    for parts in files.values():
        parts.sort(key=_part_number)
    return files


def _part_number(file: ExportFile) -> tuple[int, str]:
    """``tweets.js`` first, then ``tweets-part1.js``, ``tweets-part2.js``, ..."""
    match = re.search(r"-part(\d+)\.js$", file.name, re.IGNORECASE)
    return (int(match.group(1)) if match else 0, file.shown)


def read_ytd(file: ExportFile) -> list[tuple[Source, object]]:
    """The items of a ``window.YTD.<name>.partN = [...]`` file, each with the line it
    starts on, however the file is laid out (archives since 2022 put each ``{`` on a
    line of its own; those of 2019 write ``[ {`` and ``}, {``)."""
    text = read_text(file)
    match = YTD_PREFIX.match(text)
    if not match:
        raise Refused(f"{file.shown} is not a Twitter/X archive file (no window.YTD prefix)")
    decoder = json.JSONDecoder()
    position = _skip_space(text, match.end())
    if text[position : position + 1] != "[":
        raise Refused(f"{file.shown}: expected a list of items")
    items: list[tuple[Source, object]] = []
    line, counted = 1, 0
    position = _skip_space(text, position + 1)
    try:
        while text[position : position + 1] != "]":
            item, end = decoder.raw_decode(text, position)
            line += text.count("\n", counted, position)
            counted = position
            items.append((Source(file.shown, line), item))
            position = _skip_space(text, end)
            if text[position : position + 1] == ",":
                position = _skip_space(text, position + 1)
            elif text[position : position + 1] != "]":
                raise json.JSONDecodeError("expected ',' or ']'", text, position)
    except json.JSONDecodeError as error:
        raise Refused(f"{file.shown}:{error.lineno}: cannot read the data: {error.msg}") from None
    return items


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def data_items(files: list[ExportFile], wrapper: str) -> Iterator[tuple[Source, dict]]:
    """(source, item) of every file of one kind, unwrapped from ``{"<wrapper>": ...}``."""
    for file in files:
        for source, item in read_ytd(file):
            if isinstance(item, dict):
                inner = item.get(wrapper, item)
                if isinstance(inner, dict):
                    yield source, inner


# ---------------------------------------------------------------- you


@dataclass(frozen=True)
class You:
    """The archive's owner: from account.js, or (an archive without it) the one account
    in every conversation of direct messages; ``whence`` says which, in words."""

    id: str | None
    handle: str | None
    name: str | None
    whence: str


def you(files: dict[str, list[ExportFile]]) -> You | None:
    """Who the archive is of (see You), or None when it cannot tell."""
    for _, account in data_items(files.get("account", []), "account"):
        handle = str(account.get("username") or "").strip() or None
        return You(
            str(account.get("accountId") or "") or None,
            handle.lower() if handle else None,
            str(account.get("accountDisplayName") or "").strip() or None,
            "from account.js",
        )
    shared: set[str] | None = None
    conversations = 0
    for kind in ("direct-messages", "direct-messages-group"):
        for _, conversation in data_items(files.get(kind, []), "dmConversation"):
            ids = _participants(conversation)
            if ids:
                shared = ids if shared is None else shared & ids
                conversations += 1
    if shared and len(shared) == 1 and conversations > 1:
        return You(next(iter(shared)), None, None, "the one account in every conversation")
    return None


def _participants(conversation: dict) -> set[str]:
    """The account ids in a conversation of direct messages: both halves of a one-to-one
    conversation's id (``111-333``), or a group's senders and its snapshot of members."""
    conversation_id = str(conversation.get("conversationId") or "")
    if re.fullmatch(r"\d+-\d+", conversation_id):
        return set(conversation_id.split("-"))
    ids: set[str] = set()
    for message in conversation.get("messages") or []:
        for event in message.values() if isinstance(message, dict) else ():
            if isinstance(event, dict):
                ids.update(str(i) for i in event.get("participantsSnapshot") or [])
                if event.get("senderId"):
                    ids.add(str(event["senderId"]))
    return ids
