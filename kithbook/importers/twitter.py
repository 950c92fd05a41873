"""A Twitter/X archive: its folder, its zip, or one of its ``data/*.js`` files.

Each data file is JavaScript of one shape, ``window.YTD.<name>.part0 = [...]``: the
prefix is cut off and the rest read as JSON.

- ``account.js``: you (your account id and handle, left out of everything); an archive
  without it: the one account in every conversation of direct messages.
- ``follower.js`` / ``following.js``: account ids only. They set ``follows_me`` /
  ``i_follow`` (true only: an absent file proves nothing) on people found by their
  account id (``extra.twitter_id``).
- ``tweets.js`` (older archives: ``tweet.js``; big ones: ``-part1``, ``-part2``, ...):
  your tweets. A reply is an event of kind ``comment``, a tweet naming people one of
  kind ``mention``, with the people it names (handle, name and account id); uid
  ``twitter-tweet:<id>``. Retweets are skipped.
- ``direct-messages.js`` (and ``-group``): a written event (kind ``message``) per
  conversation and day, uid ``twitter-dm:<conversation id>:<day>``. The text of the
  messages is not copied.

Connect, don't collect: a person becomes a new file only with contact both ways (you
follow each other, or you both wrote in a conversation) or repeated contact (two
tweets or days of messages); ``--all`` takes everyone the archive names. Dates are
the archive's (UTC), written as days.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..model import Me, Problem, Source
from . import (
    Context,
    EventRecord,
    ExportFile,
    Extract,
    Owner,
    PersonRecord,
    Refused,
    Skip,
    export_files,
    head,
    read_text,
)

KIND = "twitter"
WHAT = "a Twitter/X archive (its folder, its zip, or a data/*.js file)"

_FILE = re.compile(
    r"(account|follower|following|tweets?|direct-messages(?:-group)?)(?:-part\d+)?\.js",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"\s*window\.YTD\.([\w-]+)\.part(\d+)\s*=\s*")
#: Contacts (tweets naming them, days of messages) that make a person worth a file.
REPEATED = 2


@dataclass
class Account:
    """What the archive says of one account, gathered from all its files."""

    id: str | None
    handle: str | None = None
    name: str | None = None
    source: Source | None = None
    follows_me: bool = False
    i_follow: bool = False
    tweets: set[str] = field(default_factory=set)
    dm_days: set[tuple[str, date]] = field(default_factory=set)
    wrote: bool = False  # they wrote in a conversation with you
    answered: bool = False  # you wrote in a conversation with them
    key: str = ""

    def __post_init__(self) -> None:
        self.key = f"account:{self.id}" if self.id else f"handle:{(self.handle or '').lower()}"


# ---------------------------------------------------------------- files


def identify(path: Path) -> bool:
    """A ``window.YTD.`` data file, or a folder or zip archive holding some."""
    if path.is_file() and not zipfile.is_zipfile(path):
        return bool(_PREFIX.match(head(path, 256)))
    try:
        return any(_FILE.fullmatch(file.name) for file in export_files(path))
    except Refused:
        return False


def _data_files(path: Path) -> dict[str, list[ExportFile]]:
    """The archive's data files by kind ('tweets', 'follower', ...), parts in order."""
    files: dict[str, list[ExportFile]] = {}
    for file in export_files(path):
        match = _FILE.fullmatch(file.name)
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
    match = _PREFIX.match(text)
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


def _items(files: list[ExportFile], wrapper: str) -> Iterator[tuple[Source, dict]]:
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
    for _, account in _items(files.get("account", []), "account"):
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
        for _, conversation in _items(files.get(kind, []), "dmConversation"):
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


def owner(path: Path, me: Me) -> Owner:
    """You, as the archive says (account.js), for the line that says so; the import
    itself reads your account from the archive, not from the config."""
    found = you(_data_files(path))
    if found is None:
        return Owner(me, "")
    parts = [f"@{found.handle}" if found.handle else "", f"({found.name})" if found.name else ""]
    who = " ".join(part for part in parts if part) or f"account {found.id}"
    return Owner(me, f"me: {who}, {found.whence}")


# ---------------------------------------------------------------- extract


def extract(path: Path, context: Context) -> Extract:
    """People and events of the archive (see the module's docstring)."""
    files = _data_files(path)
    found = you(files)
    me_id, me_handle = (found.id, found.handle) if found else (None, None)
    accounts: dict[str, Account] = {}  # by "account:<id>" and by "handle:<handle>"
    skipped: list[Skip] = []
    problems: list[Problem] = []

    def account(id_: str | None, handle: str | None = None, name: str | None = None) -> Account:
        found = accounts.get(f"account:{id_}") if id_ else None
        if found is None and handle:
            found = accounts.get(f"handle:{handle.lower()}")
        if found is None:
            found = Account(id_, handle, name)
        found.id = found.id or id_
        found.handle = found.handle or handle
        found.name = found.name or name
        if found.id:
            accounts[f"account:{found.id}"] = found
        if found.handle:
            accounts[f"handle:{found.handle.lower()}"] = found
        return found

    for kind, flag in (("follower", "follows_me"), ("following", "i_follow")):
        for source, item in _items(files.get(kind, []), kind):
            if item.get("accountId") and str(item["accountId"]) != me_id:
                who = account(str(item["accountId"]))
                who.source = who.source or source
                setattr(who, flag, True)

    events: list[EventRecord] = []
    for source, tweet in _items(files.get("tweets", []), "tweet"):
        event = _tweet(source, tweet, me_id, me_handle, account, skipped)
        if event:
            events.append(event)
    for kind in ("direct-messages", "direct-messages-group"):
        for source, conversation in _items(files.get(kind, []), "dmConversation"):
            events += _conversation(source, conversation, me_id, account, problems)
    if not me_id and (files.get("direct-messages") or files.get("direct-messages-group")):
        problems.append(
            Problem(
                Source(path.name),
                "warning",
                "no account.js, and no one account in every conversation: direct messages "
                "need it to know which one is you, so they were left out",
            )
        )
    unique = {id(a): a for a in accounts.values() if a.source}.values()
    people = [_person(a, context.take_all) for a in unique]
    return Extract(tuple(people), tuple(events), tuple(skipped), tuple(problems))


def _tweet_day(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y").date()
    except (TypeError, ValueError):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except (TypeError, ValueError):
            return None


def _tweet(source, tweet, me_id, me_handle, account, skipped) -> EventRecord | None:
    """The event of one of your tweets: a reply (comment) or a mention, or None."""
    tweet_id = str(tweet.get("id_str") or tweet.get("id") or "")
    text = str(tweet.get("full_text") or tweet.get("text") or "")
    day = _tweet_day(str(tweet.get("created_at") or ""))
    if not tweet_id or day is None:
        skipped.append(Skip(source, "a tweet without an id or a date"))
        return None
    if text.startswith("RT @") or tweet.get("retweeted_status"):
        skipped.append(Skip(source, "a retweet"))
        return None
    named: list[Account] = []
    mentions = (tweet.get("entities") or {}).get("user_mentions") or []
    reply_id = str(tweet.get("in_reply_to_user_id_str") or "") or None
    reply_handle = tweet.get("in_reply_to_screen_name")
    is_reply = bool(reply_id or reply_handle) and not _is_me(
        reply_id, reply_handle, me_id, me_handle
    )
    if is_reply:
        named.append(account(reply_id, reply_handle))
    for mention in mentions:
        if not isinstance(mention, dict):
            continue
        mention_id = str(mention.get("id_str") or "") or None
        handle = mention.get("screen_name")
        if _is_me(mention_id, handle, me_id, me_handle):
            continue
        who = account(mention_id, handle, mention.get("name") or None)
        if who not in named:
            named.append(who)
    if not named:
        skipped.append(Skip(source, "a tweet that names no one"))
        return None
    for who in named:
        who.tweets.add(tweet_id)
        who.source = who.source or source
    handles = [f"@{who.handle}" for who in named if who.handle]
    title = (
        f"Replied to {handles[0]}" if is_reply and handles else f"Mentioned {', '.join(handles)}"
    )
    return EventRecord(
        source=source,
        uid=f"twitter-tweet:{tweet_id}",
        date=day,
        title=title if handles else "Tweet",
        kind="comment" if is_reply else "mention",
        people=tuple(who.key for who in named),
        by="me",
    )


def _is_me(account_id, handle, me_id, me_handle) -> bool:
    return bool(
        (account_id and account_id == me_id)
        or (handle and me_handle and handle.lower() == me_handle)
    )


def _conversation(source, conversation, me_id, account, problems) -> list[EventRecord]:
    """A written event per day of one conversation of direct messages."""
    conversation_id = str(conversation.get("conversationId") or "")
    days: dict[date, list[dict]] = {}
    others: list[Account] = []
    for message in conversation.get("messages") or []:
        create = message.get("messageCreate") if isinstance(message, dict) else None
        if not isinstance(create, dict):
            continue
        day = _tweet_day(str(create.get("createdAt") or ""))
        if day is None:
            continue
        days.setdefault(day, []).append(create)
        for key in ("senderId", "recipientId"):
            account_id = str(create.get(key) or "")
            if account_id and account_id != me_id:
                who = account(account_id)
                who.source = who.source or source
                if who not in others:
                    others.append(who)
                if key == "senderId":
                    who.wrote = True
        if me_id and str(create.get("senderId")) == me_id:
            for who in others:
                who.answered = True
    if not me_id or not others:
        return []
    events = []
    for day, messages in sorted(days.items()):
        for who in others:
            who.dm_days.add((conversation_id, day))
        first = min(messages, key=lambda m: str(m.get("createdAt")))
        names = [w.name or (f"@{w.handle}" if w.handle else None) for w in others]
        shown = [n for n in names if n]
        events.append(
            EventRecord(
                source=source,
                uid=f"twitter-dm:{conversation_id}:{day.isoformat()}",
                date=day,
                title="Direct messages" + (f" with {', '.join(shown)}" if shown else ""),
                kind="message",
                people=tuple(w.key for w in others),
                by="me" if str(first.get("senderId")) == me_id else "them",
            )
        )
    return events


def _person(account: Account, take_all: bool) -> PersonRecord:
    """The person record of an account: its facts, and whether it may become a file."""
    mutual = account.follows_me and account.i_follow
    both_ways = account.wrote and account.answered
    contacts = len(account.tweets) + len(account.dm_days)
    facts: dict[str, object] = {}
    if account.handle:
        facts["contact.twitter"] = f"@{account.handle}"
    if account.id:
        facts["extra.twitter_id"] = account.id
    if account.follows_me:
        facts["follows_me"] = True
    if account.i_follow:
        facts["i_follow"] = True
    return PersonRecord(
        source=account.source or Source(""),
        key=account.key,
        name=account.name or (f"@{account.handle}" if account.handle and take_all else None),
        facts=facts,
        names=(f"@{account.handle}",) if account.handle else (),
        create=take_all or mutual or both_ways or contacts >= REPEATED,
        why_not_created="no contact both ways and none repeated (--all takes everyone)",
    )
