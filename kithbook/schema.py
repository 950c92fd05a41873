"""The JSON Schema (draft 2020-12) of person and event files.

``schema.json`` beside this module is the documented contract for editors: a YAML
language server mapped to it (``yaml.schemas``) completes field names and flags a
wrong value as you type. ``kithbook check`` does not run it: the loader's own rules
are the checker, with messages that name the line and a did-you-mean, and a test
keeps the schema's fields equal to the loader's.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

#: What ``kithbook schema`` can print, and the definition each one starts from.
KINDS = {"person": "person", "event": "event_file"}


@cache
def _document() -> dict:
    text = resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def journal_schema(kind: str | None = None) -> dict:
    """The schema of a journal file: any (None), a ``person`` or an ``event`` file.

    Each is a whole schema on its own, with every definition it refers to, so it can
    be saved to a file and mapped in an editor. ValueError for another ``kind``.
    """
    document = json.loads(json.dumps(_document()))  # a copy the caller may change
    if kind is None:
        return document
    if kind not in KINDS:
        raise ValueError(f"no schema for '{kind}': choose {' or '.join(KINDS)}")
    definition = document["$defs"][KINDS[kind]]
    return {
        "$schema": document["$schema"],
        "$id": f"urn:kithbook:{kind}:v1",
        "title": definition["title"],
        "description": definition["description"],
        "$ref": f"#/$defs/{KINDS[kind]}",
        "$defs": document["$defs"],
    }


def schema_text(kind: str | None = None) -> str:
    """The schema as JSON text, indented, ending in a new line (what ``kithbook schema`` prints)."""
    return json.dumps(journal_schema(kind), indent=2, ensure_ascii=False) + "\n"
