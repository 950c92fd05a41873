"""Issue 14, item 5: Connections.csv re-saved by a spreadsheet. Excel writes dates as it
shows them (``23-Apr-23``, ``9-Sep-22``, ``27-juil-25``, ``16.09.2021``), semicolons
where the comma is the decimal mark, Windows' code page or UTF-16 ("Unicode Text"),
and other tools write NA for an empty cell: all of it is read, NA and N/A are nothing,
and a warning repeated on many rows is one line with a count."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from importing import FIXTURES, files, kithbook

from kithbook.importers.linkedin.dates import linkedin_date, slashes_day_first
from kithbook.importers.linkedin.spreadsheet import decoded

RESAVED = FIXTURES / "linkedin" / "resaved"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def test_excel_dates_and_na_cells(root: Path) -> None:
    result = kithbook(root, "import", "linkedin", RESAVED / "excel-us" / "Connections.csv")
    assert result.exit_code == 0, result.output
    assert files(root) == {
        # NA as a last name, email, company and position is nothing
        "people/femi.md": "---\nname: Femi\nmet: 2023-04-23\nhow_we_met: LinkedIn\n"
        "contact:\n  linkedin: https://www.linkedin.com/in/femi-k\n---\n",
        # ... but "Na" is a name
        "people/hana-na.md": "---\nname: Hana Na\nmet: 2022-09-09\nhow_we_met: LinkedIn\n"
        "org: Seoul Maps\nrole: Cartographer\n"
        "contact:\n  linkedin: https://www.linkedin.com/in/hana-na-12\n---\n",
        "people/ola-berg.md": "---\nname: Ola Berg\nmet: 2026-02-02\nhow_we_met: LinkedIn\n"
        "org: Berg, Berg & Co\nrole: Partner\n"
        "contact:\n  linkedin: https://www.linkedin.com/in/ola-berg\n---\n",
        "people/ravi-menon.md": "---\nname: Ravi Menon\nmet: 2026-01-05\nhow_we_met: LinkedIn\n"
        "contact:\n  email: ravi@menon.example\n"
        "  linkedin: https://www.linkedin.com/in/ravi-menon-4\n---\n",
    }
    lines = result.stdout.splitlines()
    assert "skipped   Connections.csv:5: a hidden profile (only a date)" in lines  # NA,NA,...
    assert not [line for line in lines if "warning" in line]
    assert kithbook(root, "check").exit_code == 0
    again = kithbook(root, "import", "linkedin", RESAVED / "excel-us" / "Connections.csv")
    assert again.stdout.splitlines()[-1].startswith("linkedin Connections.csv: 0 new")


def test_a_french_excel_file(root: Path) -> None:
    """Semicolons, Windows' code page, CRLF, the preamble re-saved with empty cells,
    French month names."""
    result = kithbook(root, "import", "linkedin", RESAVED / "excel-fr" / "Connections.csv")
    assert result.exit_code == 0, result.output
    written = files(root)
    assert written["people/adele-lefevre.md"] == (
        "---\nname: Adèle Lefèvre\nmet: 2025-07-27\nhow_we_met: LinkedIn\norg: Café Brûlé\n"
        "role: Gérante\ncontact:\n  linkedin: https://www.linkedin.com/in/adele-lefevre\n---\n"
    )
    assert "met: 2024-02-03\n" in written["people/noe-garnier.md"]  # 3-févr-24
    assert "org: Garnier; Fils\n" in written["people/noe-garnier.md"]
    assert "met: 2018-10-02\n" in written["people/ines-roux.md"]  # 02-oct-18


def test_excel_unicode_text(root: Path) -> None:
    """UTF-16 with its byte-order mark, tabs between the cells, day-first dates."""
    result = kithbook(root, "import", "linkedin", RESAVED / "unicode-text" / "Connections.txt")
    assert result.exit_code == 0, result.output
    assert files(root) == {
        "people/ase-lund.md": "---\nname: Åse Lund\nmet: 2017-02-07\nhow_we_met: LinkedIn\n"
        "org: Lund, Lund\nrole: Konsulent\n"
        "contact:\n  linkedin: https://www.linkedin.com/in/ase-lund\n---\n",
        "people/soren-hoj.md": "---\nname: Søren Høj\nmet: 2021-09-16\nhow_we_met: LinkedIn\n"
        "org: Høj ApS\nrole: Udvikler\n"
        "contact:\n  linkedin: https://www.linkedin.com/in/soren-hoj\n---\n",
    }


def test_a_warning_on_many_rows_is_one_line(root: Path, tmp_path: Path) -> None:
    csv = tmp_path / "Connections.csv"
    rows = [f"Person,Number {n},,,,,{n % 28 + 1} kwi 2023" for n in range(1812)]  # Polish
    csv.write_text("\n".join([HEADER, *rows, "Ada,Lovelace,,,,,23-Apr-23"]), encoding="utf-8")
    result = kithbook(root, "import", "linkedin", csv)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stdout.splitlines() if "warning" in line]
    assert warnings == [
        "Connections.csv:2: warning: '1 kwi 2023' is not a date: no met (and 1,811 more like it)"
    ]
    assert "met: 2023-04-23\n" in files(root)["people/ada-lovelace.md"]


def test_day_first_dates_of_a_day_first_country(root: Path, tmp_path: Path) -> None:
    """LinkedIn's ``1/8/18, 6:14 PM`` (month first) as a British Excel re-saves it."""
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
        "Ngozi,Okafor,,,,08/01/2018 18:14\r\nBob,Smith,,,,24/12/2017 09:05\r\n",
        encoding="utf-8",
    )
    assert kithbook(root, "import", "linkedin", csv).exit_code == 0
    assert "met: 2018-01-08\n" in files(root)["people/ngozi-okafor.md"]
    assert "met: 2017-12-24\n" in files(root)["people/bob-smith.md"]


def test_columns_renamed_and_lines_in_two_encodings(root: Path, tmp_path: Path) -> None:
    """Column names without their spaces, and a file whose lines were re-encoded one by
    one: UTF-8 here, Windows' code page there."""
    csv = tmp_path / "Connections.csv"
    csv.write_bytes(
        b"FirstName;LastName;Company;Position;Connected on\r\n"
        + "Claudia;Koch;Ferry • Freight;Lead;07.02.2017\r\n".encode()
        + "Louise;Jørgensen;Academic Work;Consultant;14.09.2021\r\n".encode("cp1252")
    )
    assert kithbook(root, "import", "linkedin", csv).exit_code == 0
    assert "org: Ferry • Freight\n" in files(root)["people/claudia-koch.md"]
    assert "name: Louise Jørgensen\nmet: 2021-09-14\n" in files(root)["people/louise-jorgensen.md"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("23-Apr-23", date(2023, 4, 23)),
        ("9-Sep-22", date(2022, 9, 9)),
        ("05-Jan-2026", date(2026, 1, 5)),
        ("27-juil-25", date(2025, 7, 27)),
        ("3-févr.-24", date(2024, 2, 3)),
        ("30-oct-09", date(2009, 10, 30)),
        ("16. Sep. 2021", date(2021, 9, 16)),
        ("1-Mrz-21", date(2021, 3, 1)),
        ("Feb 7, 2026", date(2026, 2, 7)),
        ("April 23, 2023", date(2023, 4, 23)),
        ("16.09.2021", date(2021, 9, 16)),
        ("16-09-2021", date(2021, 9, 16)),
        ("2021/09/16", date(2021, 9, 16)),
        ("1/8/2018 18:14", date(2018, 1, 8)),
        ("1 jui 2021", None),  # juin or juillet
        ("Sonntag", None),
        ("45039", None),
    ],
)
def test_dates_as_spreadsheets_write_them(text: str, day: date | None) -> None:
    assert linkedin_date(text) == day


def test_which_way_slashed_dates_go() -> None:
    assert not slashes_day_first(["1/8/18, 6:14 PM", "12/24/17, 9:05 AM"])
    assert slashes_day_first(["08/01/2018 18:14", "24/12/2017 09:05"])
    assert not slashes_day_first(["08/01/2018", "01/08/2018"])  # nothing says: LinkedIn's way
    assert linkedin_date("08/01/2018", day_first=True) == date(2018, 1, 8)


def test_what_text_a_file_holds() -> None:
    assert decoded("Zoë".encode("utf-16")) == "Zoë"
    assert decoded(b"\xef\xbb\xbfZo\xc3\xab\r\n") == "Zoë\r\n"
    assert decoded("Zoë\n".encode() + "Zoë\n".encode("cp1252")) == "Zoë\nZoë\n"
    assert decoded(b"PK\x03\x04\x00\x00") is None
