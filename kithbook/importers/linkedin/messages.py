"""messages.csv (2018: Messages.csv): conversations become written events.

An event of kind ``message`` per conversation and day, with the others in the
conversation; uid ``linkedin-message:<conversation id>:<day>``. The text of the messages
is not copied. People are created only from conversations in which you wrote too.
Accounts LinkedIn hides ("LinkedIn Member") are no one, and sponsored conversations are
skipped. The 2018 layout (``From,To,Date,Subject,Content,Direction,Folder``) has no
conversation ids: a conversation is the people in it, uid
``linkedin-message:<their name keys>:<day>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ...model import Problem, Source
from .. import Context, EventRecord, Extract, PersonRecord, Repeated, Skip
from ..exports import ExportFile
from ..ids import linkedin_id, name_key
from .dates import linkedin_date, slashes_day_first, time_of_day
from .names import (
    Names,
    hidden_account,
    hidden_name,
    known_names,
    person_key,
    split_recipients,
    split_urls,
)
from .spreadsheet import Row
from .tables import table_rows

SPONSORED = "sponsored conversation"


@dataclass(frozen=True)
class Message:
    """A message, read: its conversation and day, and the sender and recipients as
    (name, profile address), accounts LinkedIn hides left out (``hidden`` says whether
    there were any). ``unsure`` holds the parts of the TO cell that may be one name or
    several; ``outgoing`` is the 2018 layout's Direction (None without it)."""

    source: Source
    conversation: str
    day: date
    clock: str
    sender: tuple[str, str | None]
    recipients: tuple[tuple[str, str | None], ...]
    hidden: bool = False
    unsure: tuple[str, ...] = ()
    outgoing: bool | None = None


def participants(message: Message) -> list[tuple[str, str | None]]:
    """(name, profile address) of the sender, then of each recipient of a message."""
    sender = [message.sender] if message.sender[0] or message.sender[1] else []
    return sender + list(message.recipients)


def _read(row: Row, day: date, names: Names, nearby: dict[str, str], table: str) -> Message:
    """A row of messages.csv as a Message (``nearby``: the profile addresses of the names
    in its conversation)."""
    name, url = row.get("from"), row.get("sender profile url") or None
    hidden = hidden_account(name, url)
    name = "" if hidden_name(name) else name
    url = url or (names.url_of(name, nearby) if name else None)
    urls = split_urls(row.get("recipient profile urls"))
    recipients: list[tuple[str, str | None]] = []
    unsure: list[str] = []
    if len(urls) == 1:
        recipients = [(row.get("to"), urls[0])]
    else:
        cell = (row.raw("to"), len(urls) or None)
        if cell not in names.splits:  # a group's cell comes again with each message
            names.splits[cell] = split_recipients(cell[0], names, cell[1])
        found, unsure = names.splits[cell]
        if not urls:
            recipients = [(each, names.url_of(each, nearby)) for each in found]
        elif len(found) == len(urls) and not unsure:
            recipients = list(zip(found, urls, strict=True))
        else:  # the names do not tell whose each address is
            recipients = [(names.by_url.get(linkedin_id(u) or "", ""), u) for u in urls]
            unsure = []
    kept = [(n, u) for n, u in recipients if not hidden_account(n, u)]
    direction = row.get("direction").upper()
    return Message(
        source=row.source,
        conversation="" if table == "messages 2018" else row.get("conversation id"),
        day=day,
        clock=time_of_day(row.get("date")),
        sender=(" ".join(name.split()), url),
        recipients=tuple(("" if hidden_name(n) else " ".join(n.split()), u) for n, u in kept),
        hidden=hidden or len(kept) < len(recipients),
        unsure=tuple(unsure),
        outgoing={"OUTGOING": True, "INCOMING": False}.get(direction),
    )


def _nearby(table: list[Row]) -> dict[str, dict[str, str]]:
    """For each conversation, the profile address of each name that has exactly one
    there (as senders give them)."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for row in table:
        name, url = row.get("from"), row.get("sender profile url")
        profile = linkedin_id(url) if url and name else None
        if profile:
            by_name = found.setdefault(row.get("conversation id"), {})
            by_name.setdefault(name_key(name), {}).setdefault(profile, url)
    return {
        conversation: {key: next(iter(u.values())) for key, u in by_name.items() if len(u) == 1}
        for conversation, by_name in found.items()
    }


def _who_is_me(conversations: dict[str, list[Message]], context: Context) -> set[str]:
    """The keys (profile id or name) that are you: your name from the config, else the
    one profile that is in every conversation."""
    mine = name_key(context.me.name) if context.me.name and context.me.name != "Me" else ""
    me: set[str] = set()
    counts: dict[str, int] = {}
    for messages in conversations.values():
        keys = set()
        for row in messages:
            for name, url in participants(row):
                key = person_key(name, url)
                keys.add(key)
                if mine and name and name_key(name) == mine:
                    me.add(key)
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    if me:
        return me
    everywhere = [
        key for key, n in counts.items() if n == len(conversations) and key.startswith("in/")
    ]
    return set(everywhere) if len(everywhere) == 1 and len(conversations) > 1 else set()


def _me_by_direction(messages: list[Message]) -> set[str]:
    """The keys that are you by the 2018 layout's Direction: the sender of what went out,
    the one recipient of what came in."""
    me = set()
    for message in messages:
        if message.outgoing and (message.sender[0] or message.sender[1]):
            me.add(person_key(*message.sender))
        elif message.outgoing is False and len(message.recipients) == 1:
            me.add(person_key(*message.recipients[0]))
    return me


def by_conversation(messages: list[Message]) -> dict[str, list[Message]]:
    """The messages by conversation id (a message without one, alone)."""
    conversations: dict[str, list[Message]] = {}
    for message in messages:
        key = message.conversation or f"line-{message.source.line}"
        conversations.setdefault(key, []).append(message)
    return conversations


def _with_others(messages: list[Message], me: set[str]) -> dict[str, list[Message]]:
    """The messages of the 2018 layout, which has no conversation ids, by conversation:
    the others in it (their keys, joined)."""
    conversations: dict[str, list[Message]] = {}
    for message in messages:
        keys = sorted({person_key(*p) for p in participants(message)} - me)
        if keys:
            conversations.setdefault("+".join(keys), []).append(message)
    return conversations


def _skipped_message(row: Row, sponsored: set[str]) -> bool:
    """Whether a row is a draft, spam or sponsored: LinkedIn files sponsored messages
    under INBOX too, in conversations titled "Sponsored Conversation"."""
    return (
        row.get("folder").upper() == "SPAM"
        or "SPONSORED" in row.get("folder").upper()
        or row.get("is message draft").lower() == "yes"
        or row.get("conversation title").casefold() == SPONSORED
        or row.get("conversation id") in sponsored
    )


def read_messages(
    file: ExportFile,
    text: str,
    me_name: str | None,
    connected: Iterable[str],
    table_name: str,
) -> tuple[list[Message], list[Skip]]:
    """The messages of messages.csv that are conversations, read (names split, addresses
    found), and the rows skipped: drafts, spam, sponsored threads, rows without a date."""
    skipped: list[Skip] = []
    table = list(table_rows(file, text))
    sponsored = {
        row.get("conversation id")
        for row in table
        if row.get("conversation title").casefold() == SPONSORED and row.get("conversation id")
    }
    day_first = slashes_day_first(row.get("date") for row in table)
    kept: list[tuple[Row, date]] = []
    for row in table:
        day = linkedin_date(row.get("date"), day_first)
        if _skipped_message(row, sponsored):
            skipped.append(Skip(row.source, "a draft, spam or a sponsored message"))
        elif day is None:
            skipped.append(Skip(row.source, "a message without a date"))
        else:
            kept.append((row, day))
    names = known_names([row for row, _ in kept], connected, me_name)
    nearby = _nearby([row for row, _ in kept])
    messages = [
        _read(row, day, names, nearby.get(row.get("conversation id"), {}), table_name)
        for row, day in kept
    ]
    return messages, skipped


def extract_messages(
    file: ExportFile,
    text: str,
    context: Context,
    connected: Iterable[str] = (),
    table_name: str = "messages",
) -> Extract:
    """The conversations of messages.csv (``table_name`` "messages 2018": Messages.csv),
    with their people; ``connected``, the names of Connections.csv, help to tell the
    recipients of a message apart."""
    messages, skipped = read_messages(file, text, context.me.name, connected, table_name)
    conversations = by_conversation(messages)
    me = _who_is_me(conversations, context)
    if table_name == "messages 2018":
        me |= _me_by_direction(messages)
        conversations = _with_others(messages, me)
    if conversations and not me:
        problem = Problem(
            Source(file.shown),
            "warning",
            "cannot tell which participant is you, so no messages were imported: "
            "set extra.kithbook.me.name in mkdocs.yml to your name on LinkedIn",
        )
        return Extract((), (), tuple(skipped), (problem,))
    people: list[PersonRecord] = []
    events: list[EventRecord] = []
    for conversation, items in conversations.items():
        part = _conversation(conversation, items, me)
        people += part.people
        events += part.events
        skipped += part.skipped
    return Extract(tuple(people), tuple(events), tuple(skipped), _unsure(conversations))


def _unsure(conversations: dict[str, list[Message]]) -> tuple[Problem, ...]:
    """A warning for each run of names of a conversation that may be one name or several."""
    warnings = Repeated()
    for messages in conversations.values():
        seen: set[str] = set()
        for message in messages:
            for text in message.unsure:
                if text not in seen:
                    seen.add(text)
                    warnings.add(
                        "unsure",
                        message.source,
                        f"'{text}' may be one name or several (LinkedIn writes commas "
                        "between the names of recipients, and in some names): left out "
                        "of the conversation; add them by hand",
                    )
    return tuple(warnings.problems())


def _conversation(conversation: str, messages: list[Message], me: set[str]) -> Extract:
    """The people of one conversation, and an event per day on which it went on."""
    others: dict[str, tuple[str, str | None, Source]] = {}
    i_wrote = False
    days: dict[date, list[Message]] = {}
    for message in messages:
        i_wrote = i_wrote or _sender_key(message) in me
        for name, url in participants(message):
            key = person_key(name, url)
            if key not in me and (key not in others or not others[key][0]):
                others[key] = (name, url, message.source)
        days.setdefault(message.day, []).append(message)
    if not others:
        if any(message.hidden for message in messages):
            why = "a conversation with hidden or deleted accounts only (LinkedIn Member)"
            return Extract(skipped=(Skip(messages[0].source, why),))
        return Extract()
    people = [
        PersonRecord(
            source=source,
            key=f"message:{key}",
            name=name or None,
            facts={"contact.linkedin": url} if url else {},
            create=i_wrote,
            why_not_created="wrote to you on LinkedIn, but you never answered",
        )
        for key, (name, url, source) in others.items()
    ]
    names = [name for name, _, _ in others.values() if name]
    title = "LinkedIn messages" + (f" with {_listed(names)}" if names else "")
    events = []
    for day, of_the_day in sorted(days.items()):
        first = min(of_the_day, key=lambda m: (m.clock, m.source.line))
        events.append(
            EventRecord(
                source=first.source,
                uid=f"linkedin-message:{conversation}:{day.isoformat()}",
                date=day,
                title=title,
                kind="message",
                people=tuple(f"message:{key}" for key in others),
                by="me" if _sender_key(first) in me else "them",
            )
        )
    return Extract(tuple(people), tuple(events))


def _sender_key(message: Message) -> str | None:
    name, url = message.sender
    return person_key(name, url) if name or url else None


def _listed(names: list[str]) -> str:
    if len(names) <= 3:
        return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    return f"{', '.join(names[:2])} and {len(names) - 2} more"
