"""kithbook.write for imports: the fast front matter path, lines added to a person's
file without touching the rest, and the all-or-nothing Changeset."""

from __future__ import annotations

import codecs
import os
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kithbook.load import read_person_file
from kithbook.model import Birthday
from kithbook.write import (
    Changeset,
    JournalChanged,
    add_to_front_matter,
    changeset,
    file_text,
    person_markdown,
)

# ---------------------------------------------------------------- the fast path

_WORDS = st.lists(
    st.sampled_from(list("abcXYZéø王 ,.'&/()+@!$%=~-_:#\"?*|>[]{}0123456789\n"))
    | st.sampled_from(["https://x.org/a#b", "a:b", "a :b", "a# b", "c: d", "?x"]),
    max_size=6,
).map("".join) | st.sampled_from(["yes", "no", "null", "on", "1e3", "0x1F", "2024-01-02", "~"])
_VALUES = _WORDS | st.booleans() | st.integers() | st.dates() | st.lists(_WORDS, max_size=3)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "org", "role", "where", "aka"]), _VALUES),
       st.dictionaries(st.sampled_from(["email", "phone", "linkedin"]), _VALUES))  # fmt: skip
def test_the_fast_path_writes_what_pyyaml_writes(top: dict, contact: dict) -> None:
    data = {**top, "contact": contact} if contact else top
    fast = file_text._simple_yaml(data)
    if fast is not None:
        assert fast == yaml.dump(
            data,
            Dumper=file_text._Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=4096,
        )


def test_the_fast_path_leaves_anything_unusual_to_pyyaml() -> None:
    assert file_text._simple_yaml({"name": "Jane Doe", "met": date(2024, 2, 7)}) == (
        "name: Jane Doe\nmet: 2024-02-07\n"
    )
    for odd in ("yes", "12", "a: b", "#x", "multi\nline", "@handle", "x" * 2000, " padded"):
        assert file_text._simple_yaml({"name": odd}) is None


def test_a_birthday_with_a_year_is_written_as_a_date() -> None:
    text = person_markdown({"name": "A", "birthday": Birthday(3, 14, 1985)})
    assert "birthday: 1985-03-14\n" in text
    assert "birthday: 07-04\n" in person_markdown({"name": "A", "birthday": Birthday(7, 4)})


# ---------------------------------------------------------------- adding to a file

HAND_WRITTEN = """\
---
# Tom from the Thursday code club
name: "Tom Reed"   # yes, quoted
aka: ["Tommy"]
where: 'Moseley, Birmingham'   # moved in 2024
contact:
    # how to reach him
    email: [tom@reed.example]
    mastodon:
      - "@tom@social.example"
org:
extra:
  coffee: flat white
---
Notes: he lent me *Refactoring*.
---
Still notes.
"""


def test_lines_are_added_and_every_other_byte_is_kept() -> None:
    data = HAND_WRITTEN.encode()
    additions = {
        "met": date(2019, 3, 12),
        "org": "Brindle & Finch",
        "contact": {"linkedin": "https://www.linkedin.com/in/tomreed", "phone": ["+44 1", "+44 2"]},
        "extra": {"imported_notes": "Owes me a book.\nAnd a coffee."},
    }
    after, failed = add_to_front_matter(data, additions)
    assert failed == {}
    assert after.decode() == HAND_WRITTEN.replace(
        '      - "@tom@social.example"\norg:\n',
        '      - "@tom@social.example"\n'
        "    linkedin: https://www.linkedin.com/in/tomreed\n"
        "    phone:\n"
        "    - +44 1\n"
        "    - +44 2\n"
        "org: Brindle & Finch\n",
    ).replace(
        "  coffee: flat white\n---\n",
        "  coffee: flat white\n"
        "  imported_notes: |-\n"
        "    Owes me a book.\n"
        "    And a coffee.\n"
        "met: 2019-03-12\n---\n",
    )
    person = read_person_file("people/tom-reed.md", after).people[0]
    assert person.contact["phone"] == ("+44 1", "+44 2")
    assert person.extra == {
        "coffee": "flat white",
        "imported_notes": "Owes me a book.\nAnd a coffee.",
    }
    assert person.notes == "Notes: he lent me *Refactoring*.\n---\nStill notes."


def test_a_bom_and_windows_line_ends_are_kept() -> None:
    data = codecs.BOM_UTF8 + b"---\r\nname: Zo\r\n---\r\nNotes\r\n"
    after, failed = add_to_front_matter(data, {"role": "Producer", "contact": {"phone": "1"}})
    assert failed == {}
    assert after == codecs.BOM_UTF8 + (
        b"---\r\nname: Zo\r\nrole: Producer\r\ncontact:\r\n  phone: '1'\r\n---\r\nNotes\r\n"
    )


def test_a_mapping_on_one_line_or_an_odd_empty_value_is_left_for_the_person() -> None:
    data = b"---\nname: Zo\ncontact: {email: zo@example.org}\norg: ''  # later\n---\n"
    after, failed = add_to_front_matter(
        data, {"contact": {"phone": "1"}, "org": "Fika", "role": "Producer"}
    )
    assert set(failed) == {"contact", "org"}
    assert "one line" in failed["contact"] and "by hand" in failed["org"]
    assert after == data.replace(b"---\n", b"role: Producer\n---\n").replace(
        b"role: Producer\n---\nname", b"---\nname"
    )


def test_a_yml_person_file_gets_its_lines_at_the_end() -> None:
    data = b"name: Zo\nnotes: |\n  Keep me.\n"
    after, failed = add_to_front_matter(data, {"role": "Producer"}, yaml_file=True)
    assert failed == {}
    assert after == b"name: Zo\nnotes: |\n  Keep me.\nrole: Producer\n"


def test_an_addition_that_would_change_the_rest_is_refused() -> None:
    # Without a last line end, adding one would change the block's value: refused.
    data = b"name: Zo\nnotes: |\n  Keep me."
    after, failed = add_to_front_matter(data, {"role": "Producer"}, yaml_file=True)
    assert after == data
    assert "without changing the rest" in failed["role"]


def test_a_field_with_a_value_is_never_touched() -> None:
    data = b"---\nname: Zo\norg: Fika\n---\n"
    assert add_to_front_matter(data, {"org": "Other"}) == (data, {})


# ---------------------------------------------------------------- all or nothing


def _everything(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _journal(tmp_path: Path) -> Path:
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "tom.md").write_bytes(b"---\nname: Tom\n---\n")
    return tmp_path


def test_a_changeset_writes_new_and_changed_files(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    changes = Changeset(root)
    changes.add("people/jane.md", "---\nname: Jane\n---\n")
    changes.add("events/2026/2026-02-07-walk.md", "---\ndate: 2026-02-07\n---\n")
    changes.change("people/tom.md", b"---\nname: Tom\n---\n", b"---\nname: Tom\nrole: Dev\n---\n")
    steps = []
    changes.commit(steps.append)
    assert len(steps) == changes.steps == 6
    assert _everything(root) == {
        "events/2026/2026-02-07-walk.md": b"---\ndate: 2026-02-07\n---\n",
        "people/jane.md": b"---\nname: Jane\n---\n",
        "people/tom.md": b"---\nname: Tom\nrole: Dev\n---\n",
    }


def test_a_failure_midway_undoes_everything(tmp_path: Path, monkeypatch) -> None:
    root = _journal(tmp_path)
    before = _everything(root)
    real_place = changeset._place_new
    moved = []

    def fails_on_the_third(staged: str, path: str) -> None:
        if len(moved) == 2:
            raise OSError(28, "No space left on device")
        real_place(staged, path)
        moved.append(path)

    monkeypatch.setattr(changeset, "_place_new", fails_on_the_third)
    changes = Changeset(root)
    for n in range(5):
        changes.add(f"events/2026/2026-02-0{n + 1}-walk.md", "---\ndate: 2026-02-01\n---\n")
    with pytest.raises(OSError, match="No space"):
        changes.commit()
    assert len(moved) == 2
    assert _everything(root) == before
    assert sorted(p.name for p in root.iterdir()) == ["people"]  # no stage, no events/2026


def test_a_failure_while_replacing_puts_the_changed_files_back(tmp_path: Path, monkeypatch) -> None:
    root = _journal(tmp_path)
    (root / "people" / "zo.md").write_bytes(b"---\nname: Zo\n---\n")
    before = _everything(root)
    real_replace = os.replace
    calls = []

    def fails_on_the_second(source, target) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(changeset.os, "replace", fails_on_the_second)
    changes = Changeset(root)
    changes.add("people/new.md", "---\nname: New\n---\n")
    changes.change("people/tom.md", before["people/tom.md"], b"---\nname: Tom\nrole: A\n---\n")
    changes.change("people/zo.md", before["people/zo.md"], b"---\nname: Zo\nrole: B\n---\n")
    with pytest.raises(OSError, match="Input/output"):
        changes.commit()
    assert _everything(root) == before
    assert sorted(p.name for p in root.iterdir()) == ["people"]


def test_a_file_edited_meanwhile_stops_the_changeset(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    (root / "people" / "tom.md").write_bytes(b"---\nname: Tom\n# edited in an editor\n---\n")
    before = _everything(root)
    changes = Changeset(root)
    changes.add("people/new.md", "---\nname: New\n---\n")
    changes.change("people/tom.md", b"---\nname: Tom\n---\n", b"---\nname: Tom\nrole: A\n---\n")
    with pytest.raises(JournalChanged, match="people/tom.md was changed"):
        changes.commit()
    assert _everything(root) == before


def test_a_name_taken_meanwhile_stops_the_changeset(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    (root / "people" / "jane.yml").write_bytes(b"name: Jane\n")
    before = _everything(root)
    changes = Changeset(root)
    changes.add("people/jane.md", "---\nname: Jane\n---\n")
    with pytest.raises(JournalChanged, match="people/jane.md appeared"):
        changes.commit()
    assert _everything(root) == before


def test_where_files_cannot_be_linked_a_changeset_copies_them(tmp_path: Path, monkeypatch) -> None:
    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(changeset.os, "link", no_links)
    root = _journal(tmp_path)
    (root / "people" / "jane.yml").write_bytes(b"name: Jane\n")
    changes = Changeset(root)
    changes.add("people/new.md", "---\nname: New\n---\n")
    changes.change("people/tom.md", b"---\nname: Tom\n---\n", b"---\nname: Tom\nrole: A\n---\n")
    changes.commit()
    assert _everything(root) == {
        "people/jane.yml": b"name: Jane\n",
        "people/new.md": b"---\nname: New\n---\n",
        "people/tom.md": b"---\nname: Tom\nrole: A\n---\n",
    }
    before = _everything(root)
    changes = Changeset(root)
    changes.add("people/other.md", "---\nname: Other\n---\n")
    changes.add("people/jane.md", "---\nname: Jane\n---\n")
    with pytest.raises(JournalChanged, match="people/jane.md appeared"):
        changes.commit()
    assert _everything(root) == before
    assert sorted(p.name for p in root.iterdir()) == ["people"]
