"""Adding to a file a person wrote, and not one other byte changed.

An import may fill the empty fields of a person someone wrote by hand. It never
rewrites their file: it adds lines to the front matter and leaves every other byte
(comments, order, quoting, line ends, notes) as it was, checked by reading the result
back. The new bytes are written through a ``Changeset``, like the import's new files.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

from ..reading import parse_yaml  # the loader's own reading, so both agree on the file
from .file_text import front_matter, is_empty


def add_to_front_matter(
    data: bytes, additions: Mapping[str, object], yaml_file: bool = False
) -> tuple[bytes, dict[str, str]]:
    """``data`` (a journal file) with ``additions`` added to its front matter, and why
    each addition that could not be added was left out (``{"contact.phone": why}``).

    A key absent from the file is added as new lines at the end of the front matter;
    a key written empty (``org:`` alone on its line) gets its value on that line. A
    Mapping value adds sub-keys under the file's mapping of that name (``contact:``),
    with its indentation. Keys already holding a value are left out (the caller only
    asks for empty fields). The result is read back, and must be the old front matter
    plus the additions and nothing else; if not, nothing is added. ``yaml_file``: the
    file is all YAML (``.yml``), not Markdown with front matter.
    """
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text = data[len(bom) :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = re.split(r"(?<=\n)", text)
    if lines and lines[-1] == "":
        lines.pop()
    start, end = front_matter_span(lines, yaml_file)
    before = parse_yaml("".join(lines[start:end]), 1).value or {}
    if not isinstance(before, dict):
        return data, {key: "the file does not hold a mapping of fields" for key in additions}

    failed: dict[str, str] = {}
    added: dict[str, object] = {}
    edits: list[tuple[int, int, list[str]]] = []  # (line, how many replaced, new lines)
    for key, value in additions.items():
        edit = _edit_for(lines, start, end, before, key, value, newline)
        if isinstance(edit, str):
            failed[key] = edit
        elif edit is not None:
            edits.append(edit[:3])
            added[key] = edit[3]
    if not edits:
        return data, failed
    # From the bottom up, so that the line numbers of what is above stay valid. At the
    # same line: a replaced line first, then new keys, then sub-keys, which must end
    # up above the new keys when the mapping is the last field.
    order = sorted(range(len(edits)), key=lambda n: _edit_order(edits[n], n))
    for line, replaced, new_lines in (edits[n] for n in order):
        if line > 0 and not lines[line - 1].endswith("\n"):
            lines[line - 1] += newline  # a .yml file without a last line end
        lines[line : line + replaced] = new_lines
    try:
        new_start, new_end = front_matter_span(lines, yaml_file)
        after = parse_yaml("".join(lines[new_start:new_end]), 1).value
        expected = _merged(before, parse_yaml(front_matter(added, ()), 1).value or {})
    except Exception:  # the loader's own error for bad YAML: treated as a mismatch
        after, expected = None, {}
    if after != expected:
        why = "could not be added without changing the rest of the file"
        return data, {key: failed.get(key, why) for key in additions}
    return bom + "".join(lines).encode("utf-8"), failed


def _edit_order(edit: tuple[int, int, list[str]], number: int) -> tuple[int, int, int]:
    """Edits applied in this order keep the additions in the order they were asked for."""
    line, replaced, new_lines = edit
    nested = bool(new_lines) and new_lines[0].startswith(" ")
    return (-line, 0 if replaced else 2 if nested else 1, -number)


def front_matter_span(lines: list[str], yaml_file: bool) -> tuple[int, int]:
    """(first line, line after the last) of the front matter; the loader's rule for its end."""
    if yaml_file:
        return 0, len(lines)
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return 1, number
    raise ValueError("the front matter has no end")


def _key_pattern(key: str, indent: int) -> re.Pattern:
    name = re.escape(key)
    return re.compile(rf"^ {{{indent}}}(?:{name}|\"{name}\"|'{name}')[ \t]*:(?:[ \t]|\r?\n|$)")


def _find_key(lines: list[str], start: int, end: int, key: str, indent: int) -> int | None:
    pattern = _key_pattern(key, indent)
    return next((n for n in range(start, end) if pattern.match(lines[n])), None)


def _block_end(lines: list[str], key_line: int, end: int, indent: int) -> tuple[int, int | None]:
    """(the line after the last line of the value under ``key_line``, the indentation of
    its first key, or None when it has none)."""
    last, child = key_line, None
    for number in range(key_line + 1, end):
        stripped = lines[number].strip()
        if not stripped or stripped.startswith("#"):
            continue
        spaces = len(lines[number]) - len(lines[number].lstrip(" "))
        if spaces <= indent:
            break
        last = number
        child = spaces if child is None else child
    return last + 1, child


def _edit_for(
    lines: list[str],
    start: int,
    end: int,
    before: Mapping,
    key: str,
    value: object,
    newline: str,
) -> tuple[int, int, list[str], object] | str | None:
    """How to add ``key: value``: (line, lines replaced, new lines, the value added), None
    when there is nothing to add, or why it cannot be added."""
    line = _find_key(lines, start, end, key, 0)
    current = before.get(key)
    if key in before and line is None:
        return f"'{key}' is written in a way kithbook does not edit"
    if isinstance(value, Mapping) and isinstance(current, Mapping) and current:
        if not lines[line].split(":", 1)[1].split("#", 1)[0].strip() == "":
            return f"'{key}' is written on one line: add it by hand"
        block_end, child = _block_end(lines, line, end, 0)
        new_keys = {k: v for k, v in value.items() if is_empty(current.get(k))}
        if any(k in current for k in new_keys):
            return f"'{key}' has an empty sub-field that kithbook does not edit"
        if not new_keys:
            return None
        text = _indented(front_matter(new_keys, ()), child or 2)
        return block_end, 0, _split(text, newline), new_keys
    if current is not None and not is_empty(current):
        return None  # it has a value: never touched
    text = front_matter({key: value}, ())
    if line is None:
        return end, 0, _split(text, newline), value
    if re.fullmatch(r"[^:#]*:[ \t]*\r?\n?", lines[line]):
        block_end, _ = _block_end(lines, line, end, 0)
        if block_end == line + 1:
            return line, 1, _split(text, newline), value
    return f"'{key}' is written empty in a way kithbook does not edit: fill it in by hand"


def _indented(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line if line.strip() else line for line in text.splitlines(True))


def _split(text: str, newline: str) -> list[str]:
    return [line + newline for line in text.split("\n")[:-1]]


def _merged(base: Mapping, added: Mapping) -> dict:
    """``base`` with the keys of ``added``; mappings are merged one level down."""
    merged = dict(base)
    for key, value in added.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged
