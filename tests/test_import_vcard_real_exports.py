"""`kithbook import vcard` on the shapes real exporters write (issue 14, items 7 and 8).

Each fixture holds invented people in the byte-level shape of a real export: Outlook,
Android, KDE, SOGo Connector, Evolution, ownCloud and Thunderbird cards, vCard 2.1 and 3.0,
folded where those programs fold, encoded as they encode."""

from __future__ import annotations

import html
import time
from pathlib import Path

import pytest
from conftest import mkdocs_build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importing import FIXTURES, files, kithbook

from kithbook.importers.vcard.cards import read
from kithbook.importers.vcard.charsets import decode, quoted_printable
from kithbook.importers.vcard.person import person
from kithbook.importers.vcard.unfolding import logical_lines

VCARD = FIXTURES / "vcard"


def imported(root: Path, name: str) -> list[str]:
    """The people files an import of the fixture ``name`` writes, sorted (their paths
    are left out: a name in Greek gets its slug by rules of its own); the import must
    end well, leave the journal clean, and change nothing when run again."""
    result = kithbook(root, "import", "vcard", VCARD / name)
    assert result.exit_code == 0, result.output
    written = files(root)
    check = kithbook(root, "check", "--strict")
    assert check.exit_code == 0, check.output
    again = kithbook(root, "import", "vcard", VCARD / name)
    assert f"vcard {name}: 0 new (0 people, 0 events), 0 updated" in again.stdout
    assert files(root) == written
    return sorted(written.values())


# ---------------------------------------------------------------- item 7: a comma is text

COMMAS = {
    # Outlook, vCard 2.1: a comma is not special anywhere, not even in ORG's parts
    "outlook-2.1-commas.vcf": [
        """\
---
name: Brennan, Aoife
where: Birmingham, United Kingdom
org: Brindle, Finch & Co
role: Surveyor, canals and locks
contact:
  email: aoife@brindle.example
  phone:
  - +44 121 496 0100
  - +44 7700 900321
extra:
  imported_notes: 'Trig point by the lock: N52.486243, W1.890401. Bring boots, not trainers.'
---
""",
        """\
---
name: Dimitriou, Nikos
org: Harbour Works, The
contact:
  email: nikos@harbour.example
extra:
  imported_notes: |-
    Συνάντηση στο λιμάνι, Πειραιάς, 14:00.
    Φέρνει τα σχέδια, όχι τα δείγματα.
---
""",
    ],
    # Android, vCard 2.1: the comma of a quoted-printable FN and ORG is escaped (=2C)
    "android-2.1-quoted-printable.vcf": [
        """\
---
name: Νίκος Παπαδάκης
contact:
  email: nikos@papadakis.example
  phone: +30 210 000 0000
---
""",
        """\
---
name: Белова, Шура
org: Типография «Кама», Пермь
contact:
  email: shura@belova.example
  phone: '+79125550123'
extra:
  imported_notes: |-
    Познакомились в Перми, на книжной ярмарке.
    Любит чай с чабрецом
---
""",
        """\
---
name: ಸುಮಾ ರಾವ್
birthday: 1990-08-15
contact:
  email: suma@rao.example
  phone: +91 80 0000 0000
extra:
  imported_notes: ಮೈಸೂರು ರೇಷ್ಮೆ ಮೇಳದಲ್ಲಿ ಭೇಟಿ, ಮಾರ್ಚ್.
---
""",
    ],
    # KDE, vCard 3.0: FN and NOTE with commas it does not escape; LF line ends,
    # properties in alphabetical order, VERSION near the end
    "kde-3.0-commas.vcf": [
        """\
---
name: Καραγιάννη, Ελένη
aka: [Λένα]
where: Βόλος, Ελλάδα
birthday: 1979-04-02
org: Πανεπιστήμιο Θεσσαλίας
role: Ερευνήτρια
contact:
  email: eleni@karagianni.example
  phone: +30 690 000 0000
  website: http://www.karagianni.example/~eleni/
extra:
  imported_notes: |-
    Συνάντηση στο Βόλο, τον Μάιο, για τα σχέδια του λιμανιού.
    Καφές στην προκυμαία.
  vcard_uid: Xk2pQ7rT9a
---
""",
    ],
    # Thunderbird's SOGo Connector, vCard 3.0: FN, ORG and NOTE written as typed
    "sogo-connector-3.0-commas.vcf": [
        """\
---
name: ಹೆಗ್ಡೆ, ಅನಿಲ್
aka: [Anil]
org: Kaveri Looms, Mysuru
contact:
  email: anil@kaveri.example
  phone: +91 98450 00000
extra:
  imported_notes: Met at the silk fair, Mysuru, in March.
  vcard_uid: D41A7C2E-5B10-0001-8F3A-1C9E2B40A7F1
---
""",
    ],
    # Evolution, vCard 3.0, escaped as the standard says: \, is a comma in FN and NOTE,
    # and a NICKNAME list is still two nicknames
    "evolution-3.0.vcf": [
        """\
---
name: Dr. Babatunde Chidi, Emeka Okafor
aka: [Tunde, TJ]
where: Halesowen, United Kingdom
birthday: 1971-10-01
org: Lapal Canal Trust
role: Chair
contact:
  email: tunde@lapal.example
  phone: +44 7700 900654
  website: http://tunde.example/canals
extra:
  imported_notes: Chairs the canal society, writes the newsletter; ask about the Lapal tunnel.
  vcard_uid: 5b1e9d0c7a2f4e3d8c6b1a09f8e7d6c5
---
""",
    ],
}


@pytest.mark.parametrize("name", sorted(COMMAS))
def test_a_comma_is_text_in_fn_and_note_of_every_version_and_anywhere_in_2_1(
    root: Path, name: str
) -> None:
    assert imported(root, name) == sorted(COMMAS[name])


# ---------------------------------------------------------------- item 8: no mojibake

DECODED = {
    # ownCloud folds at 75 octets, in the middle of Greek, Kannada and Cyrillic characters
    "owncloud-3.0-folded-utf8.vcf": [
        """\
---
name: Martin Bauer
contact:
  email: martin@bauer.example
extra:
  vcard_uid: 20260116T101744.0c93f1b2e5@martina
---
""",
        """\
---
name: Αικατερίνη-Ελευθερία Παπαδοπούλου-Καραγιαννοπούλου
org: Πανεπιστήμιο Θεσσαλίας, Τμήμα Μηχανικών Χωροταξίας
contact:
  email: katerina@papadopoulou.example
extra:
  imported_notes: Знакомы по хору в Волосе, поёт альтом, ведёт репетиции.
  vcard_uid: 20260116T101112.4f2a9c01d3@martina
---
""",
        """\
---
name: ಸುಮಿತ್ರಾ ಕೃಷ್ಣಮೂರ್ತಿ ಹೆಗ್ಡೆ
contact:
  email: sumitra@hegde.example
extra:
  vcard_uid: 20260116T101530.77b1e0aa42@martina
---
""",
    ],
    # quoted-printable with no ENCODING=QUOTED-PRINTABLE: none at all and a soft line
    # break (3.0), Thunderbird's lower-case bare "quoted-printable" (2.1), ENCODING=QUOTED;
    # and a NOTE that only looks like it, left as written
    "quoted-printable-unlabelled.vcf": [
        """\
---
name: Kavya Shetty
org: Shetty & Rao
role: ವಾಸ್ತುಶಿಲ್ಪಿ
contact:
  email: kavya@shetty.example
---
""",
        """\
---
name: Вера Шукшина (Ланская)
org: Типография
role: Наборщица
contact:
  email: vera@tipografiya.example
  phone: +7 342 555 0199
extra:
  imported_notes: Door code 4=E8, gate=9F; map https://maps.example/?q=C3
---
""",
        """\
---
name: Ηλίας Μαυρίδης
org: Mavridis & Sons
contact:
  email: ilias@mavridis.example
  phone: +30 2310 000000
extra:
  imported_notes: Τυπογράφος στη Θεσσαλονίκη, 3ος όροφος.
---
""",
    ],
    # Outlook: CHARSET=Windows-1252, quoted-printable with no charset, a card of raw
    # Windows-1252 bytes and one in UTF-8, in one file
    "outlook-2.1-windows-1252.vcf": [
        """\
---
name: Günther Weiß
org: Bäckerei Weiß
contact:
  email: guenther@baeckerei.example
---
""",
        """\
---
name: Renée Lefèvre
where: Lyon, France
org: Café Crème, Lyon
role: Directrice
contact:
  email: renee@cafe-creme.example
extra:
  imported_notes: |-
    “Le café du coin” – Thursday mornings,
    after the market.
---
""",
        """\
---
name: Алсу Хасанова
contact:
  email: alsu@khasanova.example
extra:
  imported_notes: |-
    Переводчица, Казань.
    Пишет по-татарски и по-русски.
---
""",
    ],
}
DECODED["android-2.1-quoted-printable.vcf"] = COMMAS["android-2.1-quoted-printable.vcf"]


@pytest.mark.parametrize("name", sorted(DECODED))
def test_lines_are_unfolded_as_bytes_and_unambiguous_quoted_printable_is_decoded(
    root: Path, name: str
) -> None:
    assert imported(root, name) == sorted(DECODED[name])


def test_a_charset_that_is_a_guess_is_said_once(root: Path) -> None:
    result = kithbook(root, "import", "vcard", VCARD / "outlook-2.1-windows-1252.vcf")
    guesses = [line for line in result.stdout.splitlines() if "Windows-1252" in line]
    assert guesses == [
        "outlook-2.1-windows-1252.vcf:7: warning: text neither in UTF-8 nor in a charset its "
        "card names: read as Windows-1252 (and 3 more lines)"
    ]
    quiet = kithbook(root, "import", "vcard", VCARD / "owncloud-3.0-folded-utf8.vcf")
    assert "warning" not in quiet.stdout


@pytest.mark.parametrize(
    ("value", "charset", "text", "sure"),
    [
        ("Ελένη".encode(), None, "Ελένη", ""),
        ("Ελένη".encode(), "ISO-8859-1", "Ελένη", ""),  # valid UTF-8 wins over the label
        ("Иван".encode("cp1251"), "windows-1251", "Иван", ""),
        ("Иван".encode("cp1251"), "x-no-such-charset", "Èâàí", "guessed"),
        ("Renée".encode("cp1252"), "us-ascii", "Renée", "guessed"),  # Outlook's us-ascii
        ("Renée".encode("cp1252"), None, "Renée", "guessed"),
        ("Ελένη".encode()[:-1], None, "Ελέν\ufffd", "broken"),  # cut inside a character
        (b"+n5pe+lb9-", "UTF-7", "龚建国", ""),  # Sony Ericsson
        (b"+44 7700", None, "+44 7700", ""),
        ("Renée".encode("cp1252"), "quoted-printable", "Renée", "guessed"),  # no charset
        ("Renée".encode("cp1252"), "idna", "Renée", "guessed"),
    ],
)
def test_each_value_is_decoded_on_its_own(
    value: bytes, charset: str | None, text: str, sure: str
) -> None:
    assert decode(value, charset) == (text, sure)


@pytest.mark.parametrize(
    ("value", "charset", "decoded"),
    [
        (b"=D0=A8=D1=83=D1=80=D0=B0", None, "Шура"),  # all escaped: UTF-8
        (b"caf=C3=A9 cr=C3=A8me", "UTF-8", "café crème"),  # text and escapes
        (b"=C8=E2=E0=ED", "windows-1251", "Иван"),  # not UTF-8, but the card's charset
        (b"=C8=E2=E0=ED", None, None),  # not UTF-8, no charset: left as written
        (b"Door code 4=E8, gate=9F", None, None),  # escapes that are no UTF-8
        (b"x=41 y=3D", None, None),  # nothing above 127: nothing to decode
        (b"a=C3=A9 = b", None, None),  # an "=" that escapes nothing: not its shape
        (b"=D0=A8=D1=83=", None, "Шу"),  # a soft line break at its end, nothing after it
        (b"caf\xc3\xa9 =C3=A9", None, None),  # raw bytes: not its shape
    ],
)
def test_quoted_printable_without_a_label_is_decoded_only_when_unambiguous(
    value: bytes, charset: str | None, decoded: str | None
) -> None:
    found = quoted_printable(value, charset)
    assert (decode(found, charset)[0] if found is not None else None) == decoded


@pytest.mark.parametrize(
    ("lines", "value"),
    [
        # RFC 2045's own example, as Android reads it: the space after "come=" is text
        (
            [b"NOTE;ENCODING=QUOTED-PRINTABLE:Now's the time =", b"for all folk to come=",
             b" to the aid of their country."],
            "Now's the time for all folk to come to the aid of their country.",
        ),
        # ez-vcard folds after a soft break: one fold falls inside a character, so all are folds
        (
            [b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=90=D0=B2=D0=B8=D0=B0 =D0=A2=",
             b" =D0=", b" =B0=D0=BC=D0=B0=D1=80=D0=B0"],
            "Авиа Тамара",
        ),
        # ... and when every piece after a break starts with a space
        (
            [b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=90=D0=B2=", b" =D0=B8=D0=B0=",
             b" =D0=A2=D0=B0"],
            "АвиаТа",
        ),
        # a fold inside a UTF-8 character (3.0)
        ([b"FN:\xce\xb2\xce", b" \xb3\xce\xb4"], "βγδ"),
        # Android's value that fills its last line: "=" then an empty line
        ([b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=90=", b"", b"TEL:1"], "А"),
    ],
)  # fmt: skip
def test_folds_and_soft_line_breaks(lines: list[bytes], value: str) -> None:
    card = b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + b"\r\n".join(lines) + b"\r\nEND:VCARD\r\n"
    cards, skipped, problems = read(card, "x.vcf")
    assert not skipped and not problems
    assert [p.text() for p in cards[0].properties if p.name in ("FN", "NOTE")] == [value]
    numbered = tuple(enumerate(lines, start=3))
    assert logical_lines(numbered)[0][0] == 3


def test_exports_joined_into_one_file_keep_each_its_own_charset(root: Path, tmp_path: Path) -> None:
    """Two exports joined with ``cat``, each with its byte-order mark: the ownCloud cards
    that are not valid UTF-8 as a file, and Outlook's Windows-1252, side by side."""
    joined = tmp_path / "all.vcf"
    joined.write_bytes(
        b"\xef\xbb\xbf"
        + (VCARD / "owncloud-3.0-folded-utf8.vcf").read_bytes()
        + b"\xef\xbb\xbf"
        + (VCARD / "outlook-2.1-windows-1252.vcf").read_bytes()
    )
    result = kithbook(root, "import", "vcard", joined)
    assert result.stdout.splitlines()[-1] == (
        "vcard all.vcf: 6 new (6 people, 0 events), 0 updated, 0 unchanged, 0 skipped, "
        "0 ambiguous, 0 conflicts, 1 problem"
    )
    assert sorted(files(root).values()) == sorted(
        DECODED["owncloud-3.0-folded-utf8.vcf"] + DECODED["outlook-2.1-windows-1252.vcf"]
    )


# ---------------------------------------------------------------- cards that cannot be read


def test_a_card_that_cannot_be_read_is_one_skip_with_its_reason(root: Path) -> None:
    result = kithbook(root, "import", "vcard", VCARD / "unreadable-cards.vcf")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "new       people/ama-mensah.md  (Ama Mensah; unreadable-cards.vcf:1)",
        "new       people/kwame-owusu.md  (Kwame Owusu; unreadable-cards.vcf:7)",  # an AGENT
        "new       people/abena-asante.md  (Abena Asante; unreadable-cards.vcf:31)",
        "skipped   unreadable-cards.vcf:23: a card that cannot be read: most of its lines are "
        "not vCard lines",
        "skipped   unreadable-cards.vcf:37: a card cut off before its END:VCARD",
        "vcard unreadable-cards.vcf: 3 new (3 people, 0 events), 0 updated, 0 unchanged, "
        "2 skipped, 0 ambiguous, 0 conflicts, 0 problems",
    ]
    ama = (root / "people" / "ama-mensah.md").read_text(encoding="utf-8")
    assert "email: ama@mensah.example" in ama  # after a photo in base64 with no folds
    abena = (root / "people" / "abena-asante.md").read_text(encoding="utf-8")
    assert "Met at the café in Osu." in abena  # a CHARSET no one knows


def _mutations() -> st.SearchStrategy[bytes]:
    """A fixture's bytes with some cut out, some repeated, or random bytes put in."""
    fixtures = sorted(VCARD.glob("*.vcf"))

    def mutate(draw_data: tuple[Path, list[tuple[int, int, bytes]]]) -> bytes:
        path, edits = draw_data
        data = bytearray(path.read_bytes())
        for position, length, insert in edits:
            at = position % (len(data) + 1)
            data[at : at + length] = insert
        return bytes(data)

    edit = st.tuples(st.integers(0, 10**6), st.integers(0, 40), st.binary(max_size=12))
    return st.tuples(st.sampled_from(fixtures), st.lists(edit, max_size=6)).map(mutate)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.one_of(_mutations(), st.binary(max_size=600)))
def test_no_export_gives_a_traceback(data: bytes) -> None:
    cards, skipped, problems = read(b"BEGIN:VCARD\r\n" + data, "x.vcf")
    for card in cards:
        person(card, card.source)
    for problem in problems:
        assert "\n" not in str(problem)


_NAMES = [b"FN", b"N", b"NOTE", b"ORG", b"ADR", b"TITLE", b"EMAIL", b"TEL", b"BDAY"]
_NAMES += [b"NICKNAME", b"URL", b"UID", b"PHOTO", b"VERSION", b"item1.X-SOCIALPROFILE"]
_PARAMS = [b";CHARSET=UTF-8", b";CHARSET=windows-1251", b";CHARSET=quoted-printable"]
_PARAMS += [b";CHARSET=idna", b";CHARSET=UTF-7", b";CHARSET=x-none", b";ENCODING=b"]
_PARAMS += [b";ENCODING=QUOTED-PRINTABLE", b";quoted-printable", b";BASE64", b";TYPE=HOME"]
_PARAMS += [b";ENCODING=QUOTED", b';TYPE="a,b"', b";X-APPLE-OMIT-YEAR=1604", b";"]
_VALUES = [b"=D0=A8=D1=83", b"=\r\n", b"\\,", b"\\", b",", b";", b"\xce", b"\xb2", b" "]
_VALUES += [b"--0229", b"1604-02-30", b"tel:", b"+n5pe-", b"VGhpcw==", b"=", b"\r\n ", b"\n"]


@st.composite
def _cards(draw: st.DrawFn) -> bytes:
    """Cards made of the pieces real exports are made of, in any order and number."""
    lines = [b"BEGIN:VCARD"]
    for _ in range(draw(st.integers(0, 8))):
        name = draw(st.sampled_from(_NAMES))
        params = b"".join(draw(st.lists(st.sampled_from(_PARAMS), max_size=3)))
        value = b"".join(draw(st.lists(st.sampled_from(_VALUES), max_size=8)))
        lines.append(name + params + b":" + value)
    if draw(st.booleans()):
        lines.append(b"END:VCARD")
    return b"\r\n".join(lines) * draw(st.integers(1, 2))


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(_cards())
def test_no_card_made_of_real_pieces_gives_a_traceback(data: bytes) -> None:
    cards, _, _ = read(data, "x.vcf")
    for card in cards:
        person(card, card.source)


# ---------------------------------------------------------------- all of them, as a user would


def test_every_export_in_one_journal_builds_strict(root: Path) -> None:
    for path in sorted(VCARD.glob("*.vcf")):
        result = kithbook(root, "import", "vcard", path)
        assert result.exit_code == 0, result.output
    before = files(root)
    for path in sorted(VCARD.glob("*.vcf")):
        again = kithbook(root, "import", "vcard", path)
        assert ": 0 new (0 people, 0 events), 0 updated," in again.stdout.splitlines()[-1]
    assert files(root) == before
    check = kithbook(root, "check", "--strict")
    assert check.exit_code == 0, check.output
    build = mkdocs_build(root, strict=True)
    assert build.returncode == 0, build.stderr
    pages = "".join(
        html.unescape(page.read_text(encoding="utf-8"))
        for page in (root / "site" / "people").glob("*/index.html")
    )
    for name in ("Αικατερίνη-Ελευθερία", "Белова, Шура", "ಸುಮಿತ್ರಾ", "Brennan, Aoife"):
        assert name in pages
    assert "Î" not in pages and "Ð" not in pages and "=D0" not in pages


def test_a_line_the_vcard_library_cannot_match_is_turned_away_at_once() -> None:
    """vobject's line pattern backtracks for minutes on some lines it cannot match: an
    export holding one must not hang the import."""
    line = b"FN;C=" + b"=D0=90" * 40  # no colon: not a property
    started = time.perf_counter()
    read(b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + line + b"\r\nFN:Ama\r\nEND:VCARD\r\n", "x.vcf")
    assert time.perf_counter() - started < 5  # minutes, before
