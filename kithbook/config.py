"""The journal's settings: ``extra.kithbook`` in mkdocs.yml, and "today".

Both doors (the MkDocs hook and the command line) come through here, so a
journal means the same thing to the site and to the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import yaml

from .measures import DEFAULTS as RANKING_DEFAULTS
from .model import (
    CIRCLES,
    DEFAULT_CADENCE,
    KIND_CHANNELS,
    Config,
    Duration,
    Me,
    Problem,
    Source,
    within_range,
)
from .reading import Loader, lenient_timestamp
from .text import did_you_mean

CONFIG_FILE = "mkdocs.yml"
KNOWN_CHANNELS = sorted(set(KIND_CHANNELS.values()))
KNOWN_KEYS = ("me", "cadence", "kinds", "default_kind", "today", "ranking")


class _TolerantLoader(Loader):
    """A safe loader that reads mkdocs.yml's ``!!python/name:`` and ``!ENV`` tags
    as plain values instead of running or refusing them: kithbook only needs
    ``extra.kithbook`` from the file. It notes each impossible day (``2026-02-30``),
    which MkDocs itself cannot load."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.impossible_days: list[tuple[int, str]] = []


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


def _noted_timestamp(loader: _TolerantLoader, node: yaml.Node) -> object:
    """A timestamp as ``lenient_timestamp`` reads it, noting each impossible day."""
    value = lenient_timestamp(loader, node)
    if isinstance(value, str):  # MkDocs' own loader stops at it, before any hook runs
        loader.impossible_days.append((node.start_mark.line + 1, value))
    return value


_TolerantLoader.add_constructor("tag:yaml.org,2002:timestamp", _noted_timestamp)
_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:", _any_tag)


def find_journal(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds mkdocs.yml, or None."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def read_config_file(root: Path) -> tuple[Mapping, list[Problem]]:
    """``extra.kithbook`` of ``root/mkdocs.yml`` (empty if absent) and any problem reading it."""
    path = root / CONFIG_FILE
    try:
        loader = _TolerantLoader(path.read_text(encoding="utf-8-sig"))
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(Source(CONFIG_FILE), "error", f"cannot read the file: {error}")]
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", -1) + 1
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, [Problem(Source(CONFIG_FILE, line), "error", f"bad YAML: {what}")]
    problems = [
        Problem(
            Source(CONFIG_FILE, line),
            "error",
            f"'{text}' is not a real day, and MkDocs cannot read mkdocs.yml while it holds one",
        )
        for line, text in loader.impossible_days
    ]
    extra = data.get("extra") if isinstance(data, Mapping) else None
    settings = extra.get("kithbook") if isinstance(extra, Mapping) else None
    return (settings if isinstance(settings, Mapping) else {}), problems


def parse_config(settings: Mapping | None) -> tuple[Config, list[Problem]]:
    """The Config that ``extra.kithbook`` describes, and a warning for each value it
    had to ignore (the default is used instead)."""
    settings = settings or {}
    problems: list[Problem] = []

    def warn(message: str) -> None:
        problems.append(Problem(Source(CONFIG_FILE), "warning", f"extra.kithbook: {message}"))

    for key in settings:
        if key not in KNOWN_KEYS:
            warn(f"unknown setting '{key}'{did_you_mean(str(key), KNOWN_KEYS)}")

    me = _parse_me(settings.get("me"), warn)
    cadence = dict(DEFAULT_CADENCE)
    raw_cadence = settings.get("cadence") or {}
    if isinstance(raw_cadence, Mapping):
        for circle, value in raw_cadence.items():
            if circle not in CIRCLES:
                warn(f"cadence: unknown circle '{circle}'{did_you_mean(str(circle), CIRCLES)}")
            elif value is None or value is False or value == "never":  # not 0: 0 == False
                cadence[circle] = None
            else:
                try:
                    cadence[circle] = Duration.parse(value)
                except ValueError as error:
                    warn(f"cadence.{circle}: {error}")
    else:
        warn("cadence must be a mapping of circle to duration")

    kinds = dict(KIND_CHANNELS)
    raw_kinds = settings.get("kinds") or {}
    if isinstance(raw_kinds, Mapping):
        for kind, channel in raw_kinds.items():
            if channel in KNOWN_CHANNELS:
                kinds[str(kind)] = channel
            else:
                warn(
                    f"kinds.{kind}: unknown channel '{channel}'; "
                    f"use one of {', '.join(KNOWN_CHANNELS)}"
                )
    else:
        warn("kinds must be a mapping of kind to channel")

    default_kind = str(settings.get("default_kind") or "meetup")
    if default_kind not in kinds:
        warn(f"default_kind: unknown kind '{default_kind}'{did_you_mean(default_kind, kinds)}")
        default_kind = "meetup"

    today = None
    if settings.get("today") is not None:
        try:
            today = parse_day(settings["today"])
        except ValueError as error:
            warn(f"today: {error}")

    ranking: dict[str, float] = {}
    raw_ranking = settings.get("ranking") or {}
    if isinstance(raw_ranking, Mapping):
        for name, value in raw_ranking.items():
            if str(name) not in RANKING_DEFAULTS:
                hint = did_you_mean(str(name), RANKING_DEFAULTS)
                warn(f"ranking: unknown setting '{name}'{hint} (see How the ranking works)")
            elif isinstance(value, int | float) and not isinstance(value, bool):
                ranking[str(name)] = float(value)
            else:
                warn(f"ranking.{name}: '{value}' is not a number")
    config = Config(
        me=me,
        cadence=cadence,
        kinds=kinds,
        default_kind=default_kind,
        today=today,
        ranking=ranking,
    )
    return config, problems


def _parse_me(raw: object, warn) -> Me:
    if raw is None:
        return Me()
    if not isinstance(raw, Mapping):
        warn("me must be a mapping with name, where and email")
        return Me()
    texts = {}
    for key in ("name", "where"):
        value = raw.get(key)
        if isinstance(value, list | Mapping):
            warn(f"me.{key} must be text")
        elif value is not None and str(value).strip():
            texts[key] = str(value).strip()
    emails = raw.get("email") or raw.get("emails") or []
    emails = emails if isinstance(emails, list) else [emails]
    if any(isinstance(email, list | Mapping) for email in emails):
        warn("me.email must be an address or a list of addresses")
        emails = []
    return Me(
        name=texts.get("name", "Me"),
        where=texts.get("where"),
        emails=tuple(str(email).strip().lower() for email in emails if email is not None),
    )


def parse_day(value: object) -> date:
    """A date from YAML (a date already) or text ``YYYY-MM-DD``, within the days kithbook
    works with (``model.within_range``); ValueError otherwise."""
    if isinstance(value, date):
        return within_range(value if type(value) is date else value.date())  # type: ignore[union-attr]
    try:
        day = date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a date: write YYYY-MM-DD") from None
    return within_range(day)


def resolve_today(config: Config, environ: Mapping[str, str] | None = None) -> date:
    """Today, for a build or a command: ``KITHBOOK_TODAY`` wins over ``today:`` in the
    config, which wins over the clock."""
    environ = os.environ if environ is None else environ
    pinned = environ.get("KITHBOOK_TODAY")
    if pinned:
        return parse_day(pinned)
    return config.today or date.today()


def today_or_problem(
    config: Config, environ: Mapping[str, str] | None = None
) -> tuple[date, list[Problem]]:
    """(today, []) as ``resolve_today`` gives it; or, when ``KITHBOOK_TODAY`` is no date
    kithbook can use, the clock's day and that problem: a build and ``kithbook check``
    report it with the journal's own problems and go on."""
    try:
        return resolve_today(config, environ), []
    except ValueError as error:
        return date.today(), [Problem(Source("KITHBOOK_TODAY"), "error", str(error))]
