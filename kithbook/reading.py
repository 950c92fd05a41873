"""Reading a journal file: its bytes as text, its front matter, and its YAML, loaded
safely, with the line of every key and item, and within bounds.

Nothing here raises for bad user data but ``FileError``, which carries the line and
the message that ``kithbook.load`` turns into a Problem. mkdocs.yml is read with the
same loader (``kithbook.config``), so the two report bad values alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader (libyaml's where PyYAML has it), made to report bad values
    instead of raising on them: a value with an explicit tag it cannot build
    (``!!int abc``, ``!!bool maybe``) is a YAMLError at its line."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, KeyError):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"cannot read {node.value!r} as {node.tag.replace('tag:yaml.org,2002:', '!!')}",
                node.start_mark,
            ) from None


def lenient_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """A YAML date or time, or its text when it is no real day (``2024-02-30``): the
    setting or field that holds it then says what is wrong with it, at its line,
    instead of the whole file failing to load."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError, OverflowError):
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", lenient_timestamp)


class FileError(Exception):
    """A file, or an item of a list file, that cannot be used at all."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# ---------------------------------------------------------------- reading text


def decode(data: bytes) -> str:
    """The text of a journal file: UTF-8 (a BOM is dropped), line ends made ``\\n``."""
    if not data.strip():
        raise FileError(1, "the file is empty")
    if b"\0" in data:
        raise FileError(1, "this is not a text file (it holds binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileError(
            line, f"not UTF-8 text (byte 0x{data[error.start]:02x}): save the file as UTF-8"
        ) from None
    if not text.strip():  # a byte order mark and nothing else
        raise FileError(1, "the file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[str, int, str]:
    """(the YAML between the two ``---`` lines, the line it starts on, the notes after)."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise FileError(1, "no front matter: the file must start with a line '---'")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            notes = "\n".join(lines[number + 1 :]).strip("\n")
            return "\n".join(lines[1:number]), 2, notes
    raise FileError(1, "the front matter has no end: add a line '---' after the fields")


@dataclass(frozen=True)
class Parsed:
    """A YAML value with the line of each mapping key, or of each item of a list."""

    value: object
    lines: dict  # key (or item index) -> 1-based line
    items: tuple  # for a list: one Parsed per item
    error: FileError | None = None  # for an item of a list: why it cannot be used


#: How deep one file's values may nest, and how many values its aliases may repeat: an
#: alias bomb (each list holding the one before nine times, through anchors) is 400 bytes
#: that expand to billions of values when a page shows them.
DEEPEST = 50
MOST_REPEATED = 10_000


def parse_yaml(text: str, first_line: int) -> Parsed:
    """YAML loaded safely, with lines; duplicate keys, values nested more than DEEPEST
    levels and aliases that repeat more than MOST_REPEATED values are a FileError."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            value = None
        elif "&" in text or "<<" in text:  # anchors, merge keys: PyYAML's own way
            _check_aliases(node, first_line)
            value = loader.construct_document(node)
        else:
            value = _construct(loader, node, first_line)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        last = text.rstrip("\n").count("\n")
        if mark and mark.line > last:
            # Found at the end of the text (an unclosed bracket or quote): point at
            # where the unclosed thing starts, not at the line after the YAML.
            mark = getattr(error, "context_mark", None) or mark
        line = first_line + min(mark.line, last) if mark else first_line
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise FileError(line, f"bad YAML: {what}") from None
    finally:
        loader.dispose()
    return _with_lines(node, value, first_line)


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{tag}" for tag in ("str", "seq", "map"))


def _construct(loader: Loader, node: yaml.Node, first_line: int, depth: int = 0) -> object:
    """The value of ``node``, as ``construct_document`` makes it, several times faster
    for what journal files hold: text, lists and mappings of them. Anything else (a
    number, a date, an explicit tag) is left to the loader. Only for YAML without
    anchors, which could make a node hold itself."""
    kind = type(node)
    if kind is yaml.ScalarNode:
        return node.value if node.tag == _STR else loader.construct_object(node)
    if depth == DEEPEST:
        raise _too_deep(node, first_line)
    depth += 1
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_construct(loader, item, first_line, depth) for item in node.value]
    if kind is yaml.MappingNode and node.tag == _MAP:
        if all(type(key) is yaml.ScalarNode for key, _ in node.value):
            return {
                _construct(loader, k, first_line, depth): _construct(loader, v, first_line, depth)
                for k, v in node.value
            }
    _check_aliases(node, first_line, depth)  # PyYAML's own way, which recurses
    return loader.construct_object(node, deep=True)


def _too_deep(node: yaml.Node, first_line: int) -> FileError:
    line = first_line + node.start_mark.line
    return FileError(line, f"values nested more than {DEEPEST} levels deep")


def _check_aliases(root: yaml.Node, first_line: int, depth: int = 0) -> None:
    """A FileError if the YAML's aliases repeat more than MOST_REPEATED values (counted
    as the values would be made, each alias a copy of its anchor's value), if a value
    holds itself, or if values nest more than DEEPEST levels. Walks each node once."""
    sizes: dict[int, int] = {}  # id(node) -> how many values it makes, aliases expanded
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, depth, False)]
    while stack:
        node, depth, finished = stack.pop()
        children = _children(node)
        if finished:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            on_path.discard(id(node))
            continue
        if id(node) in sizes:
            continue
        if id(node) in on_path:
            line = first_line + node.start_mark.line
            raise FileError(line, "an alias here makes a value that holds itself")
        if depth > DEEPEST:
            raise _too_deep(node, first_line)
        on_path.add(id(node))
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children)
    if sizes[id(root)] - len(sizes) > MOST_REPEATED:
        biggest = max(_children(root) or [root], key=lambda child: sizes[id(child)])
        line = first_line + biggest.start_mark.line
        raise FileError(
            line,
            f"its aliases repeat more than {MOST_REPEATED:,} values: "
            "write the values out, or use fewer aliases",
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return []


def _with_lines(node: yaml.Node | None, value: object, first_line: int) -> Parsed:
    lines: dict = {}
    items: tuple = ()
    if isinstance(node, yaml.MappingNode) and isinstance(value, dict):
        for key_node, value_node in node.value:
            key = key_node.value
            line = first_line + key_node.start_mark.line
            if key in lines:
                raise FileError(line, f"'{key}' is given twice (also on line {lines[key]})")
            lines[key] = line
            if isinstance(value_node, yaml.SequenceNode):
                for index, item_node in enumerate(value_node.value):
                    lines[(key, index)] = first_line + item_node.start_mark.line
    elif isinstance(node, yaml.SequenceNode) and isinstance(value, list):
        items = tuple(
            _item_with_lines(item_node, item, first_line)
            for item_node, item in zip(node.value, value, strict=True)
        )
        lines = {index: first_line + n.start_mark.line for index, n in enumerate(node.value)}
    return Parsed(value, lines, items)


def _item_with_lines(node: yaml.Node, value: object, first_line: int) -> Parsed:
    """One item of a list, with lines; a bad item (a key given twice) spoils only itself."""
    try:
        return _with_lines(node, value, first_line)
    except FileError as error:
        return Parsed(value, {}, (), error)
