"""Changing values in a file a person wrote, and not one other byte.

A rename changes a slug in an event's ``with:``, a merge adds names to ``aka:``,
`kithbook done` ticks a follow-up. Each edit replaces the text of one YAML value (found
where the YAML parser saw it), inserts an item into a list, or takes one out, and
leaves every other byte as it was: comments, order, quoting, line ends, the notes.
The result is read back with the loader's own reading and must hold the old values
with exactly the changes asked for; otherwise ``EditRefused`` says which value could
not be changed, and nothing is.
"""

from __future__ import annotations

import codecs
import copy
import re
from dataclasses import dataclass

import yaml

from ..reading import FileError, decode, parse_yaml, split_front_matter
from .additions import front_matter_span
from .file_text import line_end, line_start, one_line_scalar, quoted_as, trailing


class EditRefused(Exception):
    """A value that cannot be changed without changing more than it: the message says
    which, in words for the person who will change it by hand."""


@dataclass(frozen=True)
class Item:
    """One name (or text) of a field that holds several, as the loader reads them: an
    item of a list, a part of a comma-separated text, or the field's one value.
    ``text`` is what the loader makes of it (stripped)."""

    key: str
    text: str
    record: int
    node: yaml.Node  # the scalar that holds it
    position: int | None = None  # its place in the list (a list item)
    part: int | None = None  # its place among the comma-separated parts (a part)


class FileEdit:
    """The edits of one journal file (``rel``, its bytes ``data``): asked for one by one,
    then made together by ``result``, which checks them."""

    def __init__(self, rel: str, data: bytes) -> None:
        self.rel = rel
        self.data = data
        self.yaml_file = not rel.endswith(".md")
        self.bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        try:
            self.text = data[len(self.bom) :].decode("utf-8")
            self.newline = "\r\n" if "\r\n" in self.text else "\n"
            lines = re.split(r"(?<=\n)", self.text)
            first, last = front_matter_span(lines, self.yaml_file)
            self.start = sum(len(line) for line in lines[:first])
            self.end = self.start + sum(len(line) for line in lines[first:last])
            self.yaml = self.text[self.start : self.end]
            self.expected = copy.deepcopy(parse_yaml(self.yaml, 1).value)
            self.root = yaml.SafeLoader(self.yaml).get_single_node()
        except (UnicodeDecodeError, ValueError, FileError, yaml.YAMLError):
            raise self.refused("the file cannot be read as it is") from None
        self.notes = self._notes(data)
        self.edits: list[tuple[int, int, str]] = []  # (start, end, new text) in self.yaml
        self.appended_notes = ""

    def refused(self, why: str) -> EditRefused:
        return EditRefused(f"{self.rel}: {why}: change it by hand")

    # ---------------------------------------------------------------- reading

    def records(self) -> int:
        """How many records the file holds: 1, or the items of a list file."""
        if isinstance(self.root, yaml.SequenceNode) and self.yaml_file:
            return len(self.root.value)
        return 1

    def _record(self, record: int) -> tuple[yaml.MappingNode, dict]:
        if isinstance(self.root, yaml.SequenceNode) and self.yaml_file:
            node, data = self.root.value[record], self.expected[record]
        else:
            node, data = self.root, self.expected
        if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
            raise self.refused("a record is not a mapping of fields")
        return node, data

    def _entry(self, record: int, key: str | tuple[str, ...]) -> tuple[yaml.Node, yaml.Node] | None:
        """(the key's node, the value's node) of field ``key`` of record ``record``; a
        tuple of keys is a field inside mappings (``("contact", "email")``)."""
        node: yaml.Node = self._record(record)[0]
        found = None
        for part in (key,) if isinstance(key, str) else key:
            if not isinstance(node, yaml.MappingNode):
                return None
            found = next(
                (
                    (key_node, value_node)
                    for key_node, value_node in node.value
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == part
                ),
                None,
            )
            if found is None:
                return None
            node = found[1]
        return found

    def _holder(self, record: int, key: str | tuple[str, ...]) -> tuple[dict, str]:
        """(the mapping that holds field ``key``, as the loader reads it; its last key)."""
        data = self._record(record)[1]
        *parents, last = (key,) if isinstance(key, str) else key
        for part in parents:
            data = data[part]
        return data, last

    def items(self, record: int, key: str, split: bool = True) -> list[Item]:
        """The names or texts of field ``key`` of record ``record``, as the loader reads
        them (``fields.as_texts``): a list's items, a text's comma-separated parts, or a
        single value; without ``split``, a text is one item (``fields.as_follow_ups``).
        Empty ones are left out, as the loader leaves them out."""
        entry = self._entry(record, key)
        if entry is None:
            return []
        node = entry[1]
        if isinstance(node, yaml.SequenceNode):
            return [
                Item(key, item.value.strip(), record, item, position=n)
                for n, item in enumerate(node.value)
                if isinstance(item, yaml.ScalarNode) and item.value.strip()
                and item.tag != "tag:yaml.org,2002:null"
            ]  # fmt: skip
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            return []
        _, data = self._record(record)
        value = data.get(key)
        if isinstance(value, str) and split:
            return [
                Item(key, part.strip(), record, node, part=n)
                for n, part in enumerate(value.split(","))
                if part.strip()
            ]
        return [Item(key, str(value).strip(), record, node)] if value is not None else []

    def line_of(self, record: int, key: str) -> int:
        """The line of the file on which field ``key`` of record ``record`` is written."""
        entry = self._entry(record, key)
        node = entry[0] if entry else self._record(record)[0]
        return self.text[: self.start].count("\n") + node.start_mark.line + 1

    def line_of_item(self, item: Item) -> int:
        """The line of the file on which ``item`` is written."""
        return self.text[: self.start].count("\n") + item.node.start_mark.line + 1

    def value(self, record: int, key: str) -> object:
        """The value of ``key`` in record ``record``, as the loader reads it."""
        return self._record(record)[1].get(key)

    # ---------------------------------------------------------------- edits

    def replace(self, item: Item, new: str) -> None:
        """Write ``new`` in place of ``item``."""
        _, data = self._record(item.record)
        if item.position is not None:
            self._replace_node(item.node, new)
            data[item.key][item.position] = new
        elif item.part is not None:
            parts = data[item.key].split(",")
            old = parts[item.part]
            parts[item.part] = old[: len(old) - len(old.lstrip())] + new + trailing(old)
            self._rewrite_text(item, ",".join(parts))
        else:
            self._replace_node(item.node, new, flow=False)
            data[item.key] = new

    def set(self, record: int, key: str, new: str) -> None:
        """Write ``new`` as the value of field ``key`` (a single value, written already)."""
        entry = self._entry(record, key)
        if entry is None or not isinstance(entry[1], yaml.ScalarNode):
            raise self.refused(f"'{key}' is not written as one value")
        self._replace_node(entry[1], new, flow=False)
        self._record(record)[1][key] = new

    def remove(self, item: Item) -> None:
        """Take ``item`` out of its field (the rest of the list stays)."""
        _, data = self._record(item.record)
        if item.part is not None or item.position is None:
            parts = data[item.key].split(",") if isinstance(data[item.key], str) else [""]
            if item.part is not None:
                del parts[item.part]
            kept = ",".join(parts).strip()
            if not kept.strip(", "):
                self.remove_key(item.record, item.key)
                return
            self._rewrite_text(item, kept)
            return
        entry = self._entry(item.record, item.key)
        assert entry is not None
        sequence = entry[1]
        if sequence.flow_style:
            self._remove_flow_item(sequence, item.position)
        elif len(sequence.value) == 1:
            self.remove_key(item.record, item.key)
            return
        else:
            self._remove_lines(item.node, item.node, dash=True)
        del data[item.key][item.position]

    def remove_key(self, record: int, key: str) -> None:
        """Take field ``key`` (a single value on its line) out of record ``record``."""
        entry = self._entry(record, key)
        if entry is None:
            return
        key_node, last = entry
        if isinstance(last, yaml.SequenceNode) and not last.flow_style and last.value:
            last = last.value[-1]
        if not isinstance(last, yaml.ScalarNode | yaml.SequenceNode) or last.style in ("|", ">"):
            raise self.refused(f"'{key}' is written in a way kithbook does not take out")
        self._remove_lines(key_node, last, dash=False)
        del self._record(record)[1][key]

    def append(self, record: int, key: str | tuple[str, ...], value: object) -> None:
        """Add ``value`` to the list (or comma-separated text) of field ``key`` (a tuple
        of keys: inside mappings), which holds something already: after its last item,
        in the way the list is written."""
        entry = self._entry(record, key)
        holder, last_key = self._holder(record, key)
        node = entry[1] if entry is not None else None
        held = holder.get(last_key)
        if isinstance(node, yaml.ScalarNode) and isinstance(held, str) and held:
            if not isinstance(key, str):
                raise self.refused(f"'{'.'.join(key)}' is written as one text")
            if "," in str(value):
                raise self.refused(f"'{key}' is written as one text, and '{value}' holds a comma")
            self._rewrite_text(Item(key, "", record, node), f"{held.rstrip()}, {value}")
            return
        shown = key if isinstance(key, str) else ".".join(key)
        if not isinstance(node, yaml.SequenceNode) or not isinstance(held, list):
            raise self.refused(f"'{shown}' is not a list")  # an empty field is added instead
        text = one_line_scalar(value)
        if node.flow_style:
            if node.value:
                self._insert(node.value[-1].end_mark.index, f", {text}")
            else:
                self._insert(node.start_mark.index + 1, text)
        else:
            last = node.value[-1]
            prefix = self.yaml[line_start(self.yaml, last.start_mark.index) : last.start_mark.index]
            if not re.fullmatch(r" *- +", prefix) or not isinstance(last, yaml.ScalarNode):
                raise self.refused(f"'{shown}' is a list written in a way kithbook does not edit")
            at = line_end(self.yaml, last.end_mark.index)
            before = "" if at == 0 or self.yaml[at - 1] == "\n" else self.newline
            self._insert(at, f"{before}{prefix}{text}{self.newline}")
        held.append(value)

    def add_after(self, record: int, after: str, key: str, value: object) -> None:
        """Add field ``key`` (absent) on a new line just after field ``after``, which
        must be one value on its own line (``name: Zoë``): a list written ``[a, b]``,
        or one value."""
        entry = self._entry(record, after)
        if entry is None or self._entry(record, key) is not None:
            raise self.refused(f"'{after}' is not there to add '{key}' after it")
        key_node, value_node = entry
        indent = self.yaml[
            line_start(self.yaml, key_node.start_mark.index) : key_node.start_mark.index
        ]
        single = (
            isinstance(value_node, yaml.ScalarNode)
            and value_node.style not in ("|", ">")
            and value_node.start_mark.line == value_node.end_mark.line == key_node.start_mark.line
        )
        at = line_end(self.yaml, value_node.end_mark.index)
        tail = self.yaml[value_node.end_mark.index : at].strip()
        if not single or not re.fullmatch(r" *", indent) or tail and not tail.startswith("#"):
            raise self.refused(f"'{after}' is written in a way kithbook does not add after")
        if isinstance(value, list):
            text = "[" + ", ".join(one_line_scalar(item) for item in value) + "]"
        else:
            text = one_line_scalar(value, flow=False)
        before = "" if self.yaml[at - 1] == "\n" else self.newline
        name = one_line_scalar(key, flow=False)
        self._insert(at, f"{before}{indent}{name}: {text}{self.newline}")
        self._record(record)[1][key] = value

    def make_list(self, record: int, key: str | tuple[str, ...], values: list[object]) -> None:
        """Write ``values`` (a list on one line, ``[a, b]``) in place of the single value
        of field ``key`` (a tuple of keys: inside mappings)."""
        entry = self._entry(record, key)
        if entry is None or not isinstance(entry[1], yaml.ScalarNode):
            raise self.refused(f"'{key}' is not written as one value")
        node = entry[1]
        if node.style in ("|", ">"):
            raise self.refused("a value to change is written over several lines")
        text = "[" + ", ".join(one_line_scalar(value) for value in values) + "]"
        self.edits.append((node.start_mark.index, node.end_mark.index, text))
        holder, last_key = self._holder(record, key)
        holder[last_key] = list(values)

    def append_notes(self, text: str) -> None:
        """Add ``text`` (Markdown) after the notes of a ``.md`` file."""
        if self.yaml_file:
            raise self.refused("the notes of a .yml file are a field")
        self.appended_notes += text

    # ---------------------------------------------------------------- making them

    def changed(self) -> bool:
        return bool(self.edits or self.appended_notes)

    def result(self) -> bytes:
        """The file's bytes with every edit made; EditRefused when, read back, it does
        not hold exactly the old values with the changes asked for."""
        edits = sorted(self.edits, key=lambda edit: (edit[0], edit[1]))
        for (_, end, _), (start, _, _) in zip(edits, edits[1:], strict=False):
            if start < end:
                raise self.refused("two changes fall on the same value")
        front = self.yaml
        for start, end, new in reversed(edits):
            front = front[:start] + new + front[end:]
        rest, wanted = self.text[self.end :], self.notes
        if self.appended_notes:
            rest, wanted = self._rest_with_notes(rest)
        text = self.text[: self.start] + front + rest
        data = self.bom + text.encode("utf-8")
        try:
            after = parse_yaml(front, 1).value
            notes = self._notes(data)
        except (FileError, UnicodeDecodeError):
            after, notes = None, None
        if after != self.expected or notes != wanted:
            raise self.refused("the change could not be made without changing the rest of it")
        return data

    def _rest_with_notes(self, rest: str) -> tuple[str, str]:
        """(the text after the front matter with the appended notes after a blank line,
        the notes the loader will then read)."""
        added = self.appended_notes.strip("\n")
        if not rest.endswith("\n"):
            rest += self.newline
        plain = rest.replace("\r\n", "\n")
        ends = len(plain) - len(plain.rstrip("\n"))  # line ends after the last text
        if not self.notes:
            return rest + self.newline + self.newline.join(added.split("\n")) + self.newline, added
        more = max(0, 2 - ends)
        rest += self.newline * more + self.newline.join(added.split("\n")) + self.newline
        return rest, self.notes + "\n" * (ends + more) + added

    def _notes(self, data: bytes) -> str:
        if self.yaml_file:
            return ""
        return split_front_matter(decode(data))[2]

    def _insert(self, at: int, text: str) -> None:
        self.edits.append((at, at, text))

    def _replace_node(self, node: yaml.Node, new: str, flow: bool = True) -> None:
        if not isinstance(node, yaml.ScalarNode) or node.style in ("|", ">"):
            raise self.refused("a value to change is written over several lines")
        text = quoted_as(node.style, new) or one_line_scalar(new, flow)
        self.edits.append((node.start_mark.index, node.end_mark.index, text))

    def _rewrite_text(self, item: Item, new: str) -> None:
        """Write the whole comma-separated text of ``item`` anew as ``new``."""
        self._replace_node(item.node, new, flow=False)
        self._record(item.record)[1][item.key] = new

    def _remove_flow_item(self, sequence: yaml.SequenceNode, position: int) -> None:
        items = sequence.value
        node = items[position]
        if len(items) == 1:
            self.edits.append((node.start_mark.index, node.end_mark.index, ""))
        elif position + 1 < len(items):  # up to the next item: "a, " of "[a, b]"
            self.edits.append((node.start_mark.index, items[position + 1].start_mark.index, ""))
        else:  # from the end of the one before: ", b" of "[a, b]"
            self.edits.append((items[position - 1].end_mark.index, node.end_mark.index, ""))

    def _remove_lines(self, first: yaml.Node, last: yaml.Node, dash: bool) -> None:
        """Remove the whole lines from ``first``'s to ``last``'s, which must hold nothing
        else (but a comment at the end)."""
        start = line_start(self.yaml, first.start_mark.index)
        pattern = r" *- +" if dash else r" *"
        if not re.fullmatch(pattern, self.yaml[start : first.start_mark.index]):
            raise self.refused("a value to take out shares its line with another")
        end = line_end(self.yaml, last.end_mark.index)
        tail = self.yaml[last.end_mark.index : end].strip()
        if tail and not tail.startswith("#"):
            raise self.refused("a value to take out shares its line with another")
        self.edits.append((start, end, ""))
