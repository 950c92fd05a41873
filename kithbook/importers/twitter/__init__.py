"""A Twitter/X archive: its folder, its zip, or one of its ``data/*.js`` files.

Its data files are read item by item (``archive``), and ``account.js`` says who you are
(left out of everything). Tweets, direct messages and follows become events and the
accounts they name (``contacts``); an account becomes a person only with real contact.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ...model import Me, Problem, Source
from .. import Context, EventRecord, Extract, Owner, Refused, Skip
from ..exports import export_files, head
from .archive import DATA_FILE, YTD_PREFIX, data_files, data_items, you
from .contacts import Account, account_person, message_events, tweet_event

WHAT = "a Twitter/X archive (its folder, its zip, or a data/*.js file)"


def identify(path: Path) -> bool:
    """A ``window.YTD.`` data file, or a folder or zip archive holding some."""
    if path.is_file() and not zipfile.is_zipfile(path):
        return bool(YTD_PREFIX.match(head(path, 256)))
    try:
        return any(DATA_FILE.fullmatch(file.name) for file in export_files(path))
    except Refused:
        return False


def owner(path: Path, me: Me) -> Owner | None:
    """You, as the archive says (account.js), for the line that says so; None when it
    cannot tell. The import itself reads your account from the archive, not from the
    config."""
    found = you(data_files(path))
    if found is None:
        return None
    parts = [f"@{found.handle}" if found.handle else "", f"({found.name})" if found.name else ""]
    who = " ".join(part for part in parts if part) or f"account {found.id}"
    return Owner(me, f"me: {who}, {found.whence}")


def extract(path: Path, context: Context) -> Extract:
    """People and events of the archive (see the module's docstring)."""
    files = data_files(path)
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
        for source, item in data_items(files.get(kind, []), kind):
            if item.get("accountId") and str(item["accountId"]) != me_id:
                who = account(str(item["accountId"]))
                who.source = who.source or source
                setattr(who, flag, True)

    events: list[EventRecord] = []
    for source, tweet in data_items(files.get("tweets", []), "tweet"):
        event = tweet_event(source, tweet, me_id, me_handle, account, skipped)
        if event:
            events.append(event)
    for kind in ("direct-messages", "direct-messages-group"):
        for source, conversation in data_items(files.get(kind, []), "dmConversation"):
            events += message_events(source, conversation, me_id, account, problems)
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
    people = [account_person(a, context.take_all) for a in unique]
    return Extract(tuple(people), tuple(events), tuple(skipped), tuple(problems))
