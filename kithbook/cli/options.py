"""What a person types on the command line, as values: a day (``yesterday``,
``2026-02-07 18:30``), names given as repeated options or separated by commas, people
by name or slug, an event's kind, who reached out. A value that cannot be read is a
usage error naming its option.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

import click

from ..model import Config, within_range
from ..names import People


def parse_when(text: str, today: date) -> tuple[date, time | None]:
    """A day given on the command line: ``today``, ``yesterday``, ``tomorrow``,
    ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM``; ValueError with a readable message otherwise."""
    words = {"today": 0, "yesterday": -1, "tomorrow": 1}
    cleaned = text.strip().lower()
    if cleaned in words:
        return today + timedelta(days=words[cleaned]), None
    try:
        if " " in cleaned or "t" in cleaned:
            moment = datetime.strptime(cleaned.replace("t", " "), "%Y-%m-%d %H:%M")
            day, at = moment.date(), moment.time()
        else:
            day, at = date.fromisoformat(cleaned), None
    except ValueError:
        raise ValueError(
            f"'{text}' is not a date: write today, yesterday, YYYY-MM-DD or 'YYYY-MM-DD HH:MM'"
        ) from None
    return within_range(day), at


def day_option(text: str | None, today: date, option: str) -> tuple[date, time | None] | None:
    """The day typed for ``option`` (see ``parse_when``), None when none was; a usage
    error naming the option when it is no day."""
    if text is None:
        return None
    try:
        return parse_when(text, today)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=option) from None


def split_names(values: Iterable[str]) -> list[str]:
    """Names given as repeated options and/or comma-separated, in order, blanks dropped."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def resolve_people(names: list[str], index: People) -> tuple[list[str], list[str]]:
    """(the slugs of ``names`` in order, each once; why each name that matched no one failed)."""
    slugs: list[str] = []
    failures: list[str] = []
    for name in names:
        found = index.find_typed(name)
        if found.slug is None:
            failures.append(found.why)
        elif found.slug not in slugs:
            slugs.append(found.slug)
    return slugs, failures


def kind_option(kind: str | None, config: Config) -> str:
    """``--kind`` as written to the file: one of the config's kinds, in lowercase, or its
    default kind when none was typed; a usage error with a did-you-mean otherwise."""
    if kind is None:
        return config.default_kind
    cleaned = kind.strip().lower()
    if cleaned not in config.kinds:
        close = difflib.get_close_matches(cleaned, config.kinds, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise click.BadParameter(
            f"unknown kind '{kind}'{hint} (kinds: {', '.join(sorted(config.kinds))}; "
            "more can be mapped under extra.kithbook.kinds)",
            param_hint="--kind",
        )
    return cleaned


def by_option(by: str | None, index: People, failures: list[str]) -> str | None:
    """``--by`` as written to the file: me, them, or a person's slug."""
    if by is None or by.strip().lower() in ("me", "them"):
        return by.strip().lower() if by else None
    found = index.find_typed(by)
    if found.slug is None:
        failures.append(f"--by: {found.why}")
    return found.slug
