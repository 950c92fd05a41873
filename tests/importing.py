"""What the import tests share: who "me" is, the command, and the files an import
wrote. (The ``root`` fixture, a journal that knows "me", is in conftest.py.)"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from kithbook.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
ME = "me:\n  name: Sam Example\n  email: [sam@example.org]\n"


def kithbook(root: Path, *args: object) -> Result:
    """``kithbook --journal ROOT ARGS...`` on a fixed today."""
    return CliRunner().invoke(
        main, ["--journal", str(root), *map(str, args)], env={"KITHBOOK_TODAY": "2026-11-21"}
    )


def files(root: Path) -> dict[str, str]:
    """The journal's people and events, by path."""
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for folder in ("people", "events")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }
