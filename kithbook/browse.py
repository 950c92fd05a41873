"""What the built site does in the browser beyond the theme: the script that sorts and
filters the people tables, and a site search that ignores accents.

The script (``templates/kithbook.js``) is shipped inside the site, like the
stylesheet: no page asks another host for anything. Material's search runs lunr over
``search/search_index.json`` with no step that folds accents, so "Kovac" finds
nothing where the pages say "Kovač". ``fold_search_index`` leaves every entry of the
index as the search plugin made it (the titles and text that results show, accents
and all) and adds to an entry the accent-free spelling of each of its words that has
accents, in fields of their own that the search also looks in: "Kovac" and "Kovač"
both find Kovač.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import MutableSequence
from importlib import resources
from pathlib import Path

from .text import folded

#: The script's path in the site, which each page loads (MkDocs' ``extra_javascript``).
SCRIPT = "assets/kithbook.js"
#: The index's fields whose words get an accent-free spelling, and the field each goes in.
FOLDED_FIELDS = {"title": "title_folded", "text": "text_folded"}

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")


def add_script(scripts: MutableSequence) -> None:
    """Add the site's script to a list of the scripts every page loads, once."""
    if not any(str(script) == SCRIPT for script in scripts):
        scripts.append(SCRIPT)


def script_text() -> str:
    """The text of the site's script."""
    return resources.files("kithbook").joinpath("templates/kithbook.js").read_text("utf-8")


def write_script(site_dir: Path) -> None:
    """The site's script written into the built site."""
    _write(site_dir / SCRIPT, script_text())


def fold_search_index(fields: dict, docs: list) -> None:
    """Material's search index (its ``fields`` settings and its entries, before they are
    written) given, for each entry, the accent-free spelling of the words of its title
    and its text that have accents, in fields that the search weighs as it weighs the
    title and the text. The fields already set are kept as they were."""
    for source, target in FOLDED_FIELDS.items():
        fields.setdefault(target, dict(fields.get(source) or {"boost": 1.0}))
    for doc in docs:
        if not isinstance(doc, dict):
            continue
        for source, target in FOLDED_FIELDS.items():
            words = accent_free(doc.get(source))
            if words:
                doc[target] = words


def accent_free(value: object) -> str:
    """The accent-free spelling of each word of ``value`` (text or HTML) that has
    accents, once each, in order ("Mira Kovač, Zoë" -> "kovac zoe"); '' for none."""
    if not isinstance(value, str) or value.isascii():
        return ""
    seen: dict[str, None] = {}
    for word in _WORD.findall(_TAG.sub(" ", value)):
        if word.isascii():
            continue
        plain = folded(word)
        if plain and plain != word.casefold() and plain.isascii():
            seen.setdefault(plain.replace("-", " "), None)
    return " ".join(seen)


def _write(path: Path, text: str) -> None:
    """``text`` into ``path``, whole or not at all (a server may be reading it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".kithbook-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
