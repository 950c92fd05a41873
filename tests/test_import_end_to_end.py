"""Issue 6, done when, tried as a new user would: a LinkedIn export, then a vCard file of
the same people, then a calendar; no duplicates, hand-written words intact, a second run
changes nothing, `kithbook check` and a real `mkdocs build --strict` pass, and the new
people's pages show their events."""

from __future__ import annotations

import html
from pathlib import Path

from conftest import mkdocs_build, write_journal
from importing import ME, kithbook

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
TOM = """\
---
# Tom from the Thursday code club
name: Tom Reed
aka: ["Tommy"]
where: 'Moseley, Birmingham'   # moved in 2024
circle: friend
org: Brindle and Finch
contact:
    email: tom@reed.example   # personal
extra:
  coffee: "flat white"
---
Met at the code club; he lent me *Refactoring*.
"""
COFFEE = """\
---
date: 2026-01-10
title: Coffee with Tom
kind: coffee
with: [Tommy]
---
He is moving teams.
"""
IMPORTS = [
    ("linkedin", FIXTURES / "linkedin" / "export"),
    ("vcard", FIXTURES / "vcard" / "google.vcf"),
    ("vcard", FIXTURES / "vcard" / "apple.vcf"),
    ("ics", FIXTURES / "ics" / "google.ics"),
]


def everything(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("people", "events")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def test_linkedin_then_contacts_then_a_calendar(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path / "journal",
        {"people/tom-reed.md": TOM, "events/2026/2026-01-10-coffee.md": COFFEE},
        settings=ME,
    )
    for kind, export in IMPORTS:
        result = kithbook(root, "import", kind, export)
        assert result.exit_code == 0, result.output

    people = sorted(path for path in everything(root) if path.startswith("people/"))
    assert people == [
        "people/jane-doe.md", "people/priya-nair.md", "people/rui-costa.md",
        "people/tom-reed.md", "people/zoe-angstrom.md",
    ]  # fmt: skip

    tom = (root / "people" / "tom-reed.md").read_text(encoding="utf-8")
    kept = [line for line in TOM.splitlines() if line != "---"]
    lines = tom.splitlines()
    assert [line for line in lines if line in kept] == kept  # every line, in its order
    assert tom.endswith("---\nMet at the code club; he lent me *Refactoring*.\n")
    assert "org: Brindle and Finch\n" in tom and "imported_notes: Owes me a book." in tom
    assert (root / "events/2026/2026-01-10-coffee.md").read_text(encoding="utf-8") == COFFEE

    jane = (root / "people" / "jane-doe.md").read_text(encoding="utf-8")
    assert "how_we_met: LinkedIn\n" in jane and "birthday: 1985-03-14\n" in jane

    before = everything(root)
    for kind, export in IMPORTS:
        again = kithbook(root, "import", kind, export)
        assert again.exit_code == 0, again.output
        assert ": 0 new (0 people, 0 events), 0 updated," in again.stdout.splitlines()[-1]
    assert everything(root) == before

    check = kithbook(root, "check", "--strict")
    assert check.exit_code == 0, check.output

    build = mkdocs_build(root, strict=True)
    assert build.returncode == 0, build.stderr
    page = html.unescape((root / "site" / "people" / "jane-doe" / "index.html").read_text())
    for title in ("LinkedIn messages with Jane Doe", "Canal survey review", "Canal walk"):
        assert title in page
    rui = html.unescape((root / "site" / "people" / "rui-costa" / "index.html").read_text())
    assert "Canal survey review" in rui
    tom_page = html.unescape((root / "site" / "people" / "tom-reed" / "index.html").read_text())
    assert "Coffee with Tom" in tom_page and "Code club" in tom_page
