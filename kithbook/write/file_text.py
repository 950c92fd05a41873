"""The text of a journal file as kithbook writes it: front matter in YAML, then notes.

The keys go in the order of FORMAT.md's tables, and each value is written one way
(dates as YYYY-MM-DD, short lists of names on one line, text of several lines as a
``|`` block), so the same record always gives the same text and git diffs stay small.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time

import yaml

from ..load import EVENT_FIELDS, PERSON_FIELDS
from ..model import Birthday, Duration, FollowUp

#: Lists of names written on one line (``tags: [a, b]``) when they fit in FLOW_WIDTH characters.
FLOW_FIELDS = frozenset({"aka", "tags", "with"})
FLOW_WIDTH = 72


def person_markdown(fields: Mapping[str, object], notes: str = "") -> str:
    """A person file: front matter in FORMAT.md's order, then the notes."""
    return _markdown(fields, PERSON_FIELDS, notes)


def event_markdown(fields: Mapping[str, object], notes: str = "") -> str:
    """An event file: front matter in FORMAT.md's order, then the notes."""
    return _markdown(fields, EVENT_FIELDS, notes)


def _markdown(fields: Mapping[str, object], order: tuple[str, ...], notes: str) -> str:
    front = front_matter(fields, order)
    notes = notes.strip("\n")
    return f"---\n{front}---\n" + (f"\n{notes}\n" if notes else "")


def front_matter(fields: Mapping[str, object], order: tuple[str, ...]) -> str:
    """The YAML of ``fields``: known keys in ``order``, any others after them by name;
    empty values (None, "", [], {}) are left out, False is kept. Lists of names
    (FLOW_FIELDS) that fit go on one line; other lists have an item per line."""
    known = [key for key in order if key in fields]
    others = sorted(key for key in fields if key not in order)
    data = {}
    for key in (*known, *others):
        value = _plain(fields[key])
        if is_empty(value):
            continue
        data[key] = _flow_if_short(value) if key in FLOW_FIELDS else value
    if not data:
        return ""
    return _simple_yaml(data) or yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
    )


def is_empty(value: object) -> bool:
    """Whether a field's value is empty (None, "", [] or {}), so is left out when
    written and may be filled in by an import; False and 0 are values."""
    return value is None or value == "" or value == [] or value == {}


def _plain(value: object) -> object:
    """``value`` as plain YAML data: dates as YYYY-MM-DD, times as HH:MM, the
    engine's small records as the text a person would write."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value  # YAML writes a date as YYYY-MM-DD, unquoted
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Birthday) and value.year:
        return date(value.year, value.month, value.day)  # written as YYYY-MM-DD, unquoted
    if isinstance(value, Duration | Birthday):
        return str(value)
    if isinstance(value, FollowUp):
        return f"[x] {value.text}" if value.done else value.text
    if isinstance(value, str):
        return value.strip() if "\n" not in value else value.strip("\n")
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


class _FlowList(list):
    """A list written on one line: ``[a, b]``."""


def _flow_if_short(value: object) -> object:
    if isinstance(value, list) and value and all(isinstance(v, str | int) for v in value):
        one_line = yaml.dump(
            value, Dumper=_Dumper, default_flow_style=True, allow_unicode=True, width=4096
        )
        if len(one_line.strip()) <= FLOW_WIDTH and "\n" not in one_line.strip():
            return _FlowList(value)
    return value


class _Dumper(yaml.SafeDumper):
    """Safe YAML with short lists on one line and text of several lines as a ``|`` block."""


def _represent_flow_list(dumper: yaml.SafeDumper, value: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(_FlowList, _represent_flow_list)
_Dumper.add_representer(str, _represent_text)


# ---------------------------------------------------------------- the fast path
#
# PyYAML's pure-Python emitter costs about 0.25 ms a file, which is most of an
# import of 30,000 LinkedIn connections. Front matter made only of short plain
# words, dates, booleans and lists of them is written here directly, exactly as
# PyYAML would write it (tests/test_import_write.py compares the two on random
# values); anything else goes through PyYAML.

_PLAIN = re.compile(r"[^\W_](?:[\w .,&'/()+@!$%=~:#?-]*[\w.)/'!$%=~+#?-])?")
# Inside a plain word, ':' and '#' are text unless they read as "key: value" or "# comment".
_NOT_PLAIN = re.compile(r": | #")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_SIMPLE_LENGTH = 1000  # far below the emitter's width, so PyYAML would not fold the line


def _simple_scalar(value: object) -> str | None:
    """``value`` as PyYAML writes it in block context, if it is a plain word, a date,
    a boolean or a whole number; None when only PyYAML can be trusted to write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if (
        isinstance(value, str)
        and len(value) < _SIMPLE_LENGTH
        and _PLAIN.fullmatch(value)
        and not _NOT_PLAIN.search(value)
        and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG
    ):
        return value
    return None


def _simple_entry(key: object, value: object, indent: str) -> list[str] | None:
    """The lines of one ``key: value`` at ``indent``, or None when not simple."""
    name = _simple_scalar(key) if isinstance(key, str) else None
    if name is None:
        return None
    if isinstance(value, _FlowList) or isinstance(value, list | dict) and not value:
        return None
    if isinstance(value, list):
        items = [_simple_scalar(item) for item in value]
        if any(item is None for item in items):
            return None
        return [f"{indent}{name}:"] + [f"{indent}- {item}" for item in items]
    if isinstance(value, dict):
        if indent:  # one level of nesting is all the journal's fields need
            return None
        lines = [f"{name}:"]
        for sub_key, sub_value in value.items():
            sub_lines = _simple_entry(sub_key, sub_value, "  ")
            if sub_lines is None:
                return None
            lines += sub_lines
        return lines
    scalar = _simple_scalar(value)
    return None if scalar is None else [f"{indent}{name}: {scalar}"]


def _simple_yaml(data: Mapping[str, object]) -> str | None:
    """The YAML of ``data`` when every value is simple (see _simple_scalar), else None."""
    if not data:
        return None
    lines: list[str] = []
    for key, value in data.items():
        entry = _simple_entry(key, value, "")
        if entry is None:
            return None
        lines += entry
    return "\n".join(lines) + "\n"


# ------------------------------------------------ one value, into a file a person wrote

#: What YAML reads as the end of a line, inside a value too.
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")


def one_line_scalar(value: str, flow: bool = True) -> str:
    """``value`` as a YAML scalar on one line: plain when it can be, else quoted. With
    ``flow``, one that means the same in a list written ``[a, b]`` too (where a comma
    ends a plain value)."""
    text = yaml.dump(
        [value], Dumper=yaml.SafeDumper, default_flow_style=flow, allow_unicode=True, width=1 << 30
    ).strip()
    text = text[1:-1] if flow else text[2:]
    if _LINE_BREAKS.search(text):
        text = yaml.dump(
            value, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=1 << 30
        ).strip()
    return text


def quoted_as(style: str | None, value: str) -> str | None:
    """``value`` quoted as the value it replaces was (``"..."`` or ``'...'``), on one
    line, so that a rewritten value keeps its writer's style; None for a plain value
    (``one_line_scalar`` then writes it plain when it can) or one that cannot be so quoted."""
    if style not in ('"', "'"):
        return None
    text = yaml.dump(
        value, Dumper=yaml.SafeDumper, default_style=style, allow_unicode=True, width=1 << 30
    ).strip()
    if text.endswith("\n..."):  # the document end marker after a lone scalar
        text = text[: -len("\n...")].strip()
    if not text.startswith(style) or _LINE_BREAKS.search(text):
        return None
    return text


def trailing(text: str) -> str:
    """The white space at the end of ``text``."""
    return text[len(text.rstrip()) :]


def line_start(text: str, index: int) -> int:
    """The index of the start of the line holding ``index``."""
    return text.rfind("\n", 0, index) + 1


def line_end(text: str, index: int) -> int:
    """The index just after the line end of the line holding ``index``."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1
