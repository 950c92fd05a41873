"""What a person types on the command line, as values: a day (``yesterday``, ``last
friday``, ``2026-02-07 18:30``: ``kithbook.dates``), names given as repeated options or
separated by commas, people by name or slug, an event's kind, who reached out. A value
that cannot be read is a usage error naming its option.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time

import click

from ..dates import said_when
from ..model import Config
from ..names import People
from ..terminal import UNSAFE
from ..text import did_you_mean

#: What a value written on one line of a file (a name, a title, a follow-up) may not
#: hold: a line break, a tab, any other control character, what a terminal would obey
#: or that reorders text (``terminal.UNSAFE``), the Unicode line and paragraph separators.
NOT_ONE_LINE = re.compile(rf"{UNSAFE.pattern}|[\t\n\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    """A character of NOT_ONE_LINE as Python writes it escaped: ``\\n``, ``\\x1b``."""
    return match.group().encode("unicode_escape").decode("ascii")


def one_line(ctx: click.Context, param: click.Parameter, value: object) -> object:
    """A click callback for values written on one line of a file: each (of a repeated
    option, too) must be one line of plain text; a usage error naming the option (the
    argument) otherwise, before anything is read or written."""
    for text in value if isinstance(value, tuple) else (value,):
        if isinstance(text, str) and NOT_ONE_LINE.search(text):
            shown = NOT_ONE_LINE.sub(_escape, text)
            raise click.BadParameter(
                f"'{shown}' holds a line break, a tab or another control character: give "
                "one line of plain text",
                ctx=ctx,
                param=param,
            )
    return value


def parse_when(text: str, today: date) -> tuple[date, time | None]:
    """A day typed on the command line, as people say them (``kithbook.dates``: today,
    last friday, 3 days ago, YYYY-MM-DD [HH:MM]); ValueError with a readable message."""
    return said_when(text, today)


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
    """``--kind`` as written to the file: one of the config's kinds, matched as the
    loader matches a file's ``kind:`` (as typed, then in lowercase), else the one kind it
    names in any case, written as configured (``workshop`` for a kind configured as
    ``Workshop``, which a file must spell so); the default kind when none was typed; a
    usage error with a did-you-mean otherwise."""
    if kind is None:
        return config.default_kind
    cleaned = kind.strip()
    if cleaned in config.kinds:
        return cleaned
    if cleaned.lower() in config.kinds:
        return cleaned.lower()
    same = [known for known in config.kinds if known.lower() == cleaned.lower()]
    if len(same) == 1:
        return same[0]
    raise click.BadParameter(
        f"unknown kind '{kind}'{did_you_mean(cleaned, config.kinds)} "
        f"(kinds: {', '.join(sorted(config.kinds))}; "
        "more can be mapped under extra.kithbook.kinds)",
        param_hint="--kind",
    )


def by_option(by: str | None, index: People, failures: list[str]) -> str | None:
    """``--by`` as written to the file: me, them, or a person's slug."""
    if by is None or by.strip().lower() in ("me", "them"):
        return by.strip().lower() if by else None
    found = index.find_typed(by)
    if found.slug is None:
        failures.append(f"--by: {found.why}")
    return found.slug
