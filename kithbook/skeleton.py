"""``kithbook init``: a new journal of one's own, ready for ``mkdocs serve`` and git."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from .write import write_new

#: Each file of a new journal: where it goes, and the skeleton file it comes from.
FILES = {
    "mkdocs.yml": "mkdocs.yml.j2",
    "hooks/journal.py": "hooks/journal.py",
    "docs/index.md": "docs/index.md",
    ".gitignore": "gitignore",
    "README.md": "README.md",
    "people/alex-example.md": "example-person.md",
    "events/{year}/{today}-started-this-journal.md": "example-event.md",
}


class JournalExists(Exception):
    """The folder holds a journal, or a file init would write, already."""


def create_journal(folder: Path, name: str, where: str | None, today: date) -> list[Path]:
    """Write a new journal into ``folder`` (made if missing) and return the files written.

    Nothing is written if any of those files exists already: init never overwrites.
    """
    targets = {
        folder / target.format(year=today.year, today=today.isoformat()): source
        for target, source in FILES.items()
    }
    taken = [path for path in targets if path.exists()]
    if taken:
        raise JournalExists(f"{taken[0]} exists already; init writes only into a new journal")
    env = Environment(
        loader=PackageLoader("kithbook", "skeleton"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["quoted"] = lambda value: json.dumps(value, ensure_ascii=False)  # YAML reads JSON
    context = {"title": f"{name}'s network", "name": name, "where": where, "today": today}
    written = []
    for path, source in targets.items():
        text = env.get_template(source).render(context)
        written.append(write_new(path, text))
    for empty in ("people", "events"):
        (folder / empty).mkdir(parents=True, exist_ok=True)
    return written
