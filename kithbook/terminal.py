"""What reaches a terminal: every line the command line prints, made safe first, and
what `kithbook show` prints (one relationship's figures and timeline).

Names, titles, paths and messages come from files a person typed and from exports
strangers wrote (DESIGN.md principle 14). A terminal obeys some characters as
commands: ``ESC ]0;...BEL`` sets its title, ``ESC [2J`` clears the screen,
``ESC ]52;c;...`` writes the clipboard, and a few terminals read the 8-bit forms
(U+009B, U+009D) the same way; bidi controls reorder what a person sees (Trojan
Source). ``terminal_safe`` shows each of them as the escape that writes it in a YAML
double-quoted string (``\\x1b``, ``\\u202e``): plain ASCII, readable in any font, and
what a person searches for or types to fix the file. Every line goes out through
``echo``, which applies it; the only styling (bold) is added there, after it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

import click

from .model import Event, Journal
from .text import ago
from .timeline import Timeline

#: What a terminal could obey or that reorders text: the C0 controls but newline and
#: tab, DEL, the C1 controls (U+0080-U+009F), the bidi embeddings, overrides and
#: isolates (U+202A-U+202E, U+2066-U+2069); and lone surrogates, which is how Python
#: reads a byte of a file name that is not UTF-8 (0x9B becomes U+DC9B), and which it
#: writes back as that raw byte in UTF-8 mode or under the C locale.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: object) -> str:
    """``text`` with every character in UNSAFE shown as its escape (``\\x1b``,
    ``\\x9b``, ``\\u202e``, ``\\udc9b``), so that nothing from a file reaches a terminal
    as a control sequence; newlines and tabs stay."""
    return UNSAFE.sub(_escaped, str(text))


def json_text(data: object) -> str:
    """``data`` as indented JSON for a terminal: ``json.dumps`` (UTF-8 text kept as it
    is), with the characters in UNSAFE it leaves raw (DEL, C1, bidi, lone surrogates)
    written as ``\\u`` escapes too. It parses back to exactly ``data``: only the
    encoding differs."""
    # Outside strings JSON holds only ASCII punctuation, digits and whitespace, so
    # every unsafe character found is inside a string, where an escape means the same.
    return UNSAFE.sub(
        lambda match: f"\\u{ord(match.group()):04x}",
        json.dumps(data, indent=2, ensure_ascii=False),
    )


@dataclass(frozen=True)
class Bold:
    """A piece of a line printed in bold."""

    text: str


#: A line to print: text, or pieces of text and bold text.
Line = str | tuple[str | Bold, ...]


def terminal_line(line: Line) -> str:
    """``line`` as the terminal gets it: each piece made safe, then styled."""
    if isinstance(line, str):
        return terminal_safe(line)
    return "".join(
        click.style(terminal_safe(piece.text), bold=True)
        if isinstance(piece, Bold)
        else terminal_safe(piece)
        for piece in line
    )


def echo(line: Line = "", err: bool = False, nl: bool = True) -> None:
    """Print ``line`` on stdout (stderr with ``err``), made safe: the one way the
    command line prints (a test holds every module to it)."""
    click.echo(terminal_line(line), err=err, nl=nl)


# ---------------------------------------------------------------- kithbook show


def person_lines(timeline: Timeline, journal: Journal, today: date) -> list[Line]:
    """The terminal page of one person: header, figures, then the timeline."""
    person = timeline.person
    lines: list[Line] = [(Bold(person.name), f"  ({person.slug}, {person.circle})")]
    about = [
        person.where,
        ", ".join(filter(None, (person.role, person.org))) or None,
        f"aka {', '.join(person.aka)}" if person.aka else None,
        f"tags {', '.join(person.tags)}" if person.tags else None,
    ]
    lines += [f"  {line}" for line in about if line]
    lines.append(f"  {person.source.path}")
    lines.append("")
    lines += [f"{label:<19}{value}" for label, value in figures(timeline, journal, today)]
    lines += timeline_lines(timeline, journal)
    return lines


def figures(timeline: Timeline, journal: Journal, today: date) -> list[tuple[str, str]]:
    """The relationship in numbers, as (label, value) rows."""
    person = timeline.person
    rows: list[tuple[str, str]] = []
    if person.met:
        how = f", {person.how_we_met}" if person.how_we_met else ""
        rows.append(("met", f"{person.met}{how}"))
    if person.introduced_by:
        introducer = journal.person(person.introduced_by)
        rows.append(("introduced by", introducer.name if introducer else person.introduced_by))
    first, last = timeline.first_seen, timeline.last_seen
    rows.append(("first seen", f"{first} ({ago(first, today)})" if first else "never"))
    rows.append(("last seen", f"{last} ({ago(last, today)})" if last else "never"))
    channels = ", ".join(f"{channel} {n}" for channel, n in timeline.by_channel.items())
    rows.append(
        ("interactions", f"{timeline.interactions}" + (f": {channels}" if channels else ""))
    )
    rows.append(("in person", str(timeline.in_person)))
    contact = timeline.last_real_contact
    rows.append(
        (
            "last real contact",
            f"{contact.date} ({ago(contact.date, today)}): {contact.title}"
            if contact
            else "none logged",
        )
    )
    rows.append(("next due", due_words(timeline, today)))
    if person.snoozed(today):
        rows.append(("snoozed until", str(person.snooze_until)))
    return rows


def due_words(timeline: Timeline, today: date) -> str:
    """When to be in touch next, in words: 'never (acquaintance)', '2026-12-01 (in 10 days)'."""
    if timeline.keep_in_touch is None:
        return f"never ({timeline.person.circle}: no keep-in-touch interval)"
    due = timeline.due(today)
    assert due is not None
    interval = timeline.keep_in_touch.words()
    if due < today:
        return f"{due} (was due {ago(due, today)}; {interval})"
    return f"{due} ({ago(due, today)}; {interval})"


def timeline_lines(timeline: Timeline, journal: Journal) -> list[Line]:
    """Planned events (soonest first), then past events by year (most recent first)."""
    lines: list[Line] = []
    if timeline.planned:
        lines += ["", (Bold("Planned"),)]
        lines += [line for e in timeline.planned for line in event_lines(e, timeline, journal)]
    if timeline.past:
        lines += ["", (Bold("Past"),)]
        year = None
        for event in reversed(timeline.past):
            if event.date.year != year:
                year = event.date.year
                lines.append(f" {year}")
            lines += event_lines(event, timeline, journal)
    if not timeline.planned and not timeline.past:
        lines += ["", "No events with them yet: kithbook log TITLE --with " + timeline.person.slug]
    return lines


def event_lines(event: Event, timeline: Timeline, journal: Journal) -> list[str]:
    """One event in a person's timeline: date, title, kind, place, the others there,
    and its open follow-ups."""
    when = f"{event.date} {event.time:%H:%M}" if event.time else f"{event.date}      "
    others = [
        journal.people[slug].name if slug in journal.people else slug
        for slug in event.with_
        if slug != timeline.person.slug
    ]
    parts = [event.title] + ([event.kind] if event.kind != event.title.lower() else [])
    if event.place:
        parts.append(f"at {event.place}")
    if others:
        parts.append(f"with {', '.join(others)}")
    lines = [f"  {when}  " + " · ".join(parts)]
    lines += [f"{'':20}to do: {item.text}" for item in event.open_follow_ups]
    return lines
