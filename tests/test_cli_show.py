"""`kithbook show`: one relationship's figures and timeline in the terminal."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from conftest import write_journal

from kithbook.cli import main

TODAY = "2026-11-21"
FILES = {
    "people/jane-doe.md": """\
        ---
        name: Jane Doe
        where: Birmingham, UK
        circle: close
        org: Brindle & Finch
        met: 2024-03-04
        how_we_met: Digbeth Tech Social
        ---
        """,
    "people/zoe-angstrom.md": "---\nname: Zoë Ångström\n---\n",
    "events/2024/2024-03-04-digbeth-tech-social.md": """\
        ---
        date: 2024-03-04 18:30
        with: [jane-doe, zoe-angstrom]
        place: The Old Printworks
        ---
        """,
    "events/2025/2025-06-01-call.md": "---\ndate: 2025-06-01\nkind: call\nwith: [jane-doe]\n---\n",
    "events/2026/2026-10-03-coffee.md": """\
        ---
        date: 2026-10-03
        kind: coffee
        with: [Jane Doe]
        follow_up: [send the slides, "[x] pay for coffee"]
        ---
        """,
    "events/2026/2026-11-01-like.md": "---\ndate: 2026-11-01\nkind: like\nwith: [jane-doe]\n---\n",
    "events/2026/2026-12-05-dinner.md": "---\ndate: 2026-12-05\nkind: meal\nwith: jane-doe\n---\n",
}


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": TODAY})


def test_show_prints_the_figures_then_plans_then_the_past_by_year(tmp_path: Path) -> None:
    root = write_journal(tmp_path, FILES)
    result = kithbook(root, "show", "Jane Doe")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Jane Doe  (jane-doe, close)\n"
        "  Birmingham, UK\n"
        "  Brindle & Finch\n"
        "  people/jane-doe.md\n"
        "\n"
        "met                2024-03-04, Digbeth Tech Social\n"
        "first seen         2024-03-04 (2 years ago)\n"
        "last seen          2026-11-01 (2 weeks ago)\n"
        "interactions       4: in person 2, call 1, signal 1\n"
        "in person          2\n"
        "last real contact  2026-10-03 (7 weeks ago): Coffee\n"
        "next due           2026-11-03 (was due 2 weeks ago; monthly)\n"
        "\n"
        "Planned\n"
        "  2026-12-05        Dinner · meal\n"
        "\n"
        "Past\n"
        " 2026\n"
        "  2026-11-01        Like\n"
        "  2026-10-03        Coffee\n"
        "                    to do: send the slides\n"
        " 2025\n"
        "  2025-06-01        Call\n"
        " 2024\n"
        "  2024-03-04 18:30  Digbeth tech social · meetup · at The Old Printworks"
        " · with Zoë Ångström\n"
    )


def test_show_finds_a_person_by_the_start_of_their_name(tmp_path: Path) -> None:
    root = write_journal(tmp_path, FILES)
    result = kithbook(root, "show", "zoe")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Zoë Ångström  (zoe-angstrom, acquaintance)\n")
    assert "next due           never (acquaintance: no keep-in-touch interval)\n" in result.stdout


def test_someone_with_no_events_gets_a_hint(tmp_path: Path) -> None:
    root = write_journal(tmp_path, {"people/tom.md": "---\nname: Tom\n---\n"})
    result = kithbook(root, "show", "tom")
    assert result.exit_code == 0, result.output
    assert "first seen         never\n" in result.stdout
    assert "No events with them yet: kithbook log TITLE --with tom\n" in result.stdout


def test_an_unknown_person_is_one_line_with_a_hint(tmp_path: Path) -> None:
    root = write_journal(tmp_path, FILES)
    result = kithbook(root, "show", "Jane Deo")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no one called 'Jane Deo' in people/; did you mean 'Jane Doe' (jane-doe)?\n"
    )
