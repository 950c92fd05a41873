"""``kithbook init``: a new journal of one's own, ready for ``mkdocs serve`` and git."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from .schema import schema_text
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
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".vscode/settings.json": "vscode-settings.json",
}

#: The JSON Schemas that .vscode/settings.json maps to the journal's .yml files.
SCHEMAS = {".kithbook/person.schema.json": "person", ".kithbook/event.schema.json": "event"}


class JournalExists(Exception):
    """The folder holds a journal, or a file init would write, already."""


def create_journal(
    folder: Path,
    name: str,
    where: str | None,
    today: date,
    encrypt: bool = False,
    emails: tuple[str, ...] = (),
) -> list[Path]:
    """Write a new journal into ``folder`` (made if missing) and return the files written.

    ``encrypt`` turns on the encrypted site; ``emails`` are your addresses, so that
    imports know which attendee or card is you. Nothing is written if any of those
    files exists already: init never overwrites.
    """
    texts = _texts(name, where, today, encrypt, emails)
    targets = {folder / rel: text for rel, text in texts.items()}
    taken = [path for path in targets if path.exists()]
    if taken:
        raise JournalExists(f"{taken[0]} exists already; init writes only into a new journal")
    return [write_new(path, text) for path, text in targets.items()]


def network_title(name: str) -> str:
    """The site's title: "Sam's network"; "My network" for the default name, "Me"."""
    return "My network" if name == "Me" else f"{name}'s network"


def _texts(
    name: str, where: str | None, today: date, encrypt: bool, emails: tuple[str, ...] = ()
) -> dict[str, str]:
    """Each file of the new journal, by its path in the journal."""
    env = Environment(
        loader=PackageLoader("kithbook", "skeleton"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["quoted"] = lambda value: json.dumps(value, ensure_ascii=False)  # YAML reads JSON
    context = {
        "title": network_title(name),
        "name": name,
        "where": where,
        "emails": list(emails),
        "today": today,
        "encrypt": encrypt,
    }
    texts = {
        target.format(year=today.year, today=today.isoformat()): env.get_template(source).render(
            context
        )
        for target, source in FILES.items()
    }
    texts.update({target: schema_text(kind) for target, kind in SCHEMAS.items()})
    return texts
