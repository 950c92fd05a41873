"""Issue 14, item 3: LinkedIn messages without RECIPIENT PROFILE URLS (the 2020-2021
exports). The TO cell joins the names of the recipients with bare commas while names
hold commas too ("Bisi Ade, CIPD"): the owner is one person, not two; a name with a
comma is one person; a recipient written without a profile address is the sender who
has one (never named twice in a title); what cannot be told apart is reported, not
guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import mkdocs_build, write_journal
from importing import FIXTURES, files, kithbook

from kithbook.importers.linkedin.names import Names, split_recipients

EXPORT = FIXTURES / "linkedin" / "2021"
OWNER = 'me:\n  name: "Bisi Ade, CIPD"\n'
NGOZI = "https://www.linkedin.com/in/ngozi-eze-77"


@pytest.fixture
def owner(tmp_path: Path) -> Path:
    """A journal whose owner is the owner of the 2021 export, "Bisi Ade, CIPD"."""
    return write_journal(tmp_path / "journal", {}, settings=OWNER)


def test_names_with_commas_are_one_person_each(owner: Path) -> None:
    result = kithbook(owner, "import", "linkedin", EXPORT)
    assert result.exit_code == 0, result.output
    written = files(owner)
    assert sorted(path for path in written if path.startswith("people/")) == [
        "people/joy-daly-ca.md",  # "Joy Daly, CA", to whom you wrote
        "people/kofi-mensah-acca-cfa.md",  # "Kofi Mensah (ACCA,CFA)"
        "people/musa-bala.md",  # alone between two names of a group's TO cell
        "people/ngozi-eze.md",
        "people/tunde-ade-mba.md",  # "Tunde Ade, MBA"
    ]  # no bisi-ade, no cipd: the owner is one person, and it is you
    assert written["people/tunde-ade-mba.md"] == (
        "---\nname: Tunde Ade, MBA\ncontact:\n"
        "  linkedin: https://www.linkedin.com/in/tunde-ade-mba-9f\n---\n"
    )
    # Connections.csv of 2021 has no profile column: the address comes from her messages
    assert written["people/ngozi-eze.md"] == (
        "---\nname: Ngozi Eze\nmet: 2021-06-14\nhow_we_met: LinkedIn\norg: Canal Maps\n"
        f"role: Surveyor\ncontact:\n  linkedin: {NGOZI}\n---\n"
    )
    assert "name: Joy Daly, CA\n" in written["people/joy-daly-ca.md"]
    assert written["events/2021/2021-06-15-linkedin-messages-with-ngozi-eze.md"] == (
        "---\ndate: 2021-06-15\ntitle: LinkedIn messages with Ngozi Eze\nkind: message\n"
        "with: [ngozi-eze]\nby: me\nuid: linkedin-message:2-ATVRrMU4yRmlNemN0TVdVME15MDBaR0"
        "14TFRsbU1UTXRaR015TXpNNVlXTm1aVGxqXzAxMg==:2021-06-15\n---\n"
    )  # "with Ngozi Eze", not "with Ngozi Eze and Ngozi Eze"
    group = written[
        "events/2021/2021-04-10-linkedin-messages-with-kofi-mensah-acca-cfa-ngozi-eze-and.md"
    ]
    assert "title: LinkedIn messages with Kofi Mensah (ACCA,CFA), Ngozi Eze and Musa Bala" in group
    assert "with: [kofi-mensah-acca-cfa, ngozi-eze, musa-bala]\n" in group
    assert (
        "title: LinkedIn messages with Tunde Ade, MBA\n"
        in (written["events/2021/2021-05-01-linkedin-messages-with-tunde-ade-mba.md"])
    )


def test_what_cannot_be_told_apart_is_reported_and_left_out(owner: Path) -> None:
    result = kithbook(owner, "import", "linkedin", EXPORT)
    assert result.exit_code == 0, result.output
    assert (
        "2021/messages.csv:7: warning: 'Ada Nwosu ACIPM,HRPL' may be one name or several "
        "(LinkedIn writes commas between the names of recipients, and in some names): left "
        "out of the conversation; add them by hand"
    ) in result.stdout.splitlines()  # once for the conversation, though two rows name them
    assert not [path for path in files(owner) if "ada" in path or "hrpl" in path]
    assert result.stdout.splitlines()[-1] == (
        "linkedin 2021: 11 new (5 people, 6 events), 0 updated, 0 unchanged, "
        "0 skipped, 0 ambiguous, 0 conflicts, 1 problem"
    )


def test_the_import_is_whole_and_repeatable(owner: Path) -> None:
    kithbook(owner, "import", "linkedin", EXPORT)
    before = files(owner)
    again = kithbook(owner, "import", "linkedin", EXPORT)
    assert again.exit_code == 0, again.output
    assert files(owner) == before
    assert again.stdout.splitlines()[-1].startswith("linkedin 2021: 0 new (0 people, 0 events)")
    check = kithbook(owner, "check")
    assert check.exit_code == 0, check.output
    build = mkdocs_build(owner, strict=True)
    assert build.returncode == 0, build.stderr
    page = (owner / "site" / "people" / "kofi-mensah-acca-cfa" / "index.html").read_text()
    assert "Kofi Mensah (ACCA,CFA)" in page


def _names(*whole: str, folded: tuple[str, ...] = ()) -> Names:
    names = Names()
    names.add("LinkedIn Member")
    for name in whole:
        names.add(name)
    for name in folded:
        names.add(name, as_written=False)
    return names


@pytest.mark.parametrize(
    ("cell", "known", "found", "unsure"),
    [
        # a comma with a space after it is inside a name
        ("Femi O SPHRi, CPHR", (), ["Femi O SPHRi, CPHR"], []),
        ("Uche, Obiageli Okeke", ("Obiageli Okeke",), ["Uche, Obiageli Okeke"], []),
        # a bare comma between names; commas inside brackets are a name's
        (
            "Kehinde Ade (ACIPM,HRPL),Tomi Oni",
            ("Tomi Oni",),
            ["Kehinde Ade (ACIPM,HRPL)", "Tomi Oni"],
            [],
        ),  # fmt: skip
        (
            "Chinelo Ike ((SPHRi, AITD),Tomi Oni",
            ("Tomi Oni",),
            ["Chinelo Ike ((SPHRi, AITD)", "Tomi Oni"],
            [],
        ),  # fmt: skip
        # two pieces no one knows may be one name or two
        ("Kehinde Ade,Tomi Oni", (), [], ["Kehinde Ade,Tomi Oni"]),
        # names known whole (senders, you) decide, with their bare commas
        (
            "Olu Dada ACIPM,AISMN,Femi O SPHRi, CPHR",
            ("Olu Dada ACIPM,AISMN", "Femi O SPHRi, CPHR"),
            ["Olu Dada ACIPM,AISMN", "Femi O SPHRi, CPHR"],
            [],
        ),
        # a piece alone between names is a name; two or more may be one name or several
        (
            "Ngozi Eze,Musa Bala,Ife Ojo,Ada Nwosu ACIPM,HRPL",
            ("Ngozi Eze", "Ife Ojo"),
            ["Ngozi Eze", "Musa Bala", "Ife Ojo"],
            ["Ada Nwosu ACIPM,HRPL"],
        ),  # fmt: skip
        # hidden accounts are names too (to be left out later), and delimit the others
        ("LinkedIn Member,Femi O SPHRi, CPHR", (), ["LinkedIn Member", "Femi O SPHRi, CPHR"], []),
        # a name that begins with a space, as a sender wrote it
        ("Tomi Oni, Ndu Ugo", (" Ndu Ugo",), ["Tomi Oni", "Ndu Ugo"], []),
        # a name ending in a comma (a trailing space kept by LinkedIn)
        ("Kehinde Osi, ,Ivie Owei", ("Ivie Owei",), ["Kehinde Osi,", "Ivie Owei"], []),
        ("", (), [], []),
    ],
)
def test_splitting_a_to_cell(cell: str, known: tuple, found: list, unsure: list) -> None:
    assert split_recipients(cell, _names(*known)) == (found, unsure)


def test_your_name_and_connections_are_known_whatever_their_spacing() -> None:
    names = _names(folded=("Bisi  Ade, CIPD", "Ada Nwosu ACIPM,HRPL"))
    assert split_recipients("Ngozi Eze,Bisi Ade, CIPD,Ada Nwosu ACIPM,HRPL", names) == (
        ["Ngozi Eze", "Bisi Ade, CIPD", "Ada Nwosu ACIPM,HRPL"],
        [],
    )


def test_the_number_of_profile_addresses_settles_a_split() -> None:
    names = _names()
    cell = "Ada Nwosu ACIPM,HRPL,Musa Bala"
    assert split_recipients(cell, names) == ([], [cell])
    assert split_recipients(cell, names, count=3) == (["Ada Nwosu ACIPM", "HRPL", "Musa Bala"], [])
    known = _names("Musa Bala")
    assert split_recipients(cell, known, count=2) == (["Ada Nwosu ACIPM,HRPL", "Musa Bala"], [])
