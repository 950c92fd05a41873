"""A follow-up ticked: ``[x] `` written before it in its event's file, nothing else."""

from __future__ import annotations

from dataclasses import replace

from ..model import Event, FollowUp
from ..text import folded
from .edits import EditRefused
from .plan import Builder, Opened, Plan, check

#: How many events or follow-ups a refusal lists when several could be meant.
LISTED = 8


def find_event(opened: Opened, written: str) -> Event:
    """The event ``written`` names: its id (``2026/2026-11-20-coffee``), its file's path,
    or a part of its id that only one event's id holds, preferring events with an open
    follow-up; EditRefused saying who it could be otherwise."""
    text = written.strip().removeprefix("events/")
    for suffix in (".md", ".yml", ".yaml"):
        text = text.removesuffix(suffix)
    events = opened.journal.events
    exact = [event for event in events if event.id == text]
    if exact:
        return exact[0]
    part = folded(text)
    holding = [event for event in events if part and part in folded(event.id)]
    open_ones = [event for event in holding if event.open_follow_ups]
    for found in (holding, open_ones):
        if len(found) == 1:
            return found[0]
    if not holding:
        raise EditRefused(f"no event '{written}' in events/: give its id, as `kithbook find` shows")
    chosen = open_ones or holding
    shown = ", ".join(event.id for event in chosen[:LISTED])
    more = f" and {len(chosen) - LISTED} more" if len(chosen) > LISTED else ""
    raise EditRefused(f"'{written}' could be {shown}{more}: give the whole id")


def open_follow_up(event: Event, text: str | None) -> FollowUp:
    """The open follow-up of ``event`` that ``text`` names (a part of it, whatever the
    case and accents), or its only one; EditRefused listing them otherwise."""
    items = event.open_follow_ups
    if not items:
        raise EditRefused(f"{event.source.path} has no open follow-up")
    if text is not None and text.strip():
        wanted = folded(text)
        matching = [item for item in items if wanted in folded(item.text)]
        exact = [item for item in matching if folded(item.text) == wanted]
        matching = exact or matching
    else:
        matching = list(items)
    if len(matching) == 1:
        return matching[0]
    which = "hold" if text else "are open"
    listed = "; ".join(f"'{item.text}'" for item in (matching or items)[:LISTED])
    if not matching:
        raise EditRefused(f"no open follow-up of {event.source.path} holds '{text}': {listed}")
    raise EditRefused(f"{len(matching)} follow-ups {which}: {listed}: say which with TEXT")


def plan_done(opened: Opened, event: Event, item: FollowUp) -> Plan:
    """Tick ``item`` of ``event``: ``[x] `` before its text in the file."""
    builder = Builder(opened, "follow-up")
    rel = event.source.path
    edit = builder.edit(rel)
    record = int(event.id.rsplit("#", 1)[1]) - 1 if "#" in event.id else 0
    for found in edit.items(record, "follow_up", split=False):
        done = found.text[:4].lower() == "[x] "
        written = found.text[4:].strip() if found.text.startswith("[ ] ") else found.text
        if not done and written == item.text:
            edit.replace(found, f"[x] {written}")
            builder.say(f"{rel}:{edit.line_of_item(found)}: follow_up: [x] {written}")
            break
    else:
        raise EditRefused(
            f"{rel}: the follow-up '{item.text}' is written in a way kithbook does not edit"
        )
    plan = builder.finish()
    ticked = _tick_first(event.follow_up, item)

    def expected(before: Event) -> Event:
        return replace(before, follow_up=ticked) if before.id == event.id else before

    check(opened, plan, lambda person: person, expected)
    return plan


def _tick_first(items: tuple[FollowUp, ...], item: FollowUp) -> tuple[FollowUp, ...]:
    """``items`` with the first open one equal to ``item`` done."""
    ticked, done = [], False
    for other in items:
        if not done and other == item:
            ticked.append(FollowUp(other.text, True))
            done = True
        else:
            ticked.append(other)
    return tuple(ticked)
