"""What an archive's tweets, direct messages and follows become: events, and accounts
that may become people.

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
follow each other, or you both wrote in a conversation) or repeated contact (REPEATED
tweets or days of messages); ``--all`` takes everyone the archive names. Dates are the
archive's (UTC), written as days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ...model import Source
from .. import EventRecord, PersonRecord, Skip

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


def _tweet_day(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y").date()
    except (TypeError, ValueError):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except (TypeError, ValueError):
            return None


def tweet_event(source, tweet, me_id, me_handle, account, skipped) -> EventRecord | None:
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


def message_events(source, conversation, me_id, account, problems) -> list[EventRecord]:
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


def account_person(account: Account, take_all: bool) -> PersonRecord:
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
