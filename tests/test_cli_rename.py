"""`kithbook rename`: the file moves (git told, as git mv would), the references that
must follow do, the old name joins aka, and not one other byte of any file changes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import write_journal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kithbook.cli import main
from kithbook.config import parse_config
from kithbook.load import load_journal, read_person_file
from kithbook.write import Changeset, changeset
from kithbook.write.edits import EditRefused, FileEdit

TODAY = "2026-11-21"
ZOE = """\
---
# Zoë, from the climbing wall
name: Zoë Ångström
aka: [Zo]
where: Leeds, UK
---
Met at the wall.
"""


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": TODAY})


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


def committed(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    return root


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


def journal_of(root: Path):
    journal, problems = load_journal(root, parse_config({})[0])
    return journal, problems


def dozen_events() -> dict[str, str]:
    """Twelve events naming Zoë in every way a file can: by slug in a flow list, a
    block list, a comma-separated text, ``by:``, a list file's items; by name, by aka,
    with comments, CRLF line ends and a byte order mark kept as they are."""
    one = "---\ndate: 2026-01-{day}\n{rest}---\n"
    events = {
        "events/2026/2026-01-01-flow.md": one.format(
            day="01", rest="with: [zoe-angstrom, tom-reed]  # both\n"
        ),
        "events/2026/2026-01-02-block.md": one.format(
            day="02", rest="with:\n  - tom-reed\n  - zoe-angstrom   # her\n"
        )
        + "Notes: zoe-angstrom stays in the notes.\n",
        "events/2026/2026-01-03-comma.md": one.format(
            day="03", rest="with: tom-reed,  zoe-angstrom\n"
        ),
        "events/2026/2026-01-04-by.md": one.format(
            day="04", rest="kind: message\nwith: [tom-reed]\nby: zoe-angstrom\n"
        ),
        "events/2026/2026-01-05-crlf.md": one.format(
            day="05", rest='with: ["zoe-angstrom"]\n'
        ).replace("\n", "\r\n")
        + "CRLF notes\r\n",
        "events/2026/2026-01-06-bom.md": "\ufeff"
        + one.format(day="06", rest="with: ['zoe-angstrom']\n"),
        "events/2026/2026-01-07-name.md": one.format(day="07", rest="with: [Zoë Ångström]\n"),
        "events/2026/2026-01-08-aka.md": one.format(day="08", rest="with: [Zo]\n"),
        "events/2026/2026-01-09-case.md": one.format(day="09", rest="with: [Zoe-Angstrom]\n"),
        "events/2026/2026-01-10-single.md": one.format(day="10", rest="with: zoe-angstrom\n"),
        "events/2026/log.yml": "- date: 2026-01-11\n  with: [zoe-angstrom]\n"
        "- date: 2026-01-12\n  title: Call\n  kind: call\n  with:\n    - zoe-angstrom\n",
    }
    return events


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    files = {
        "people/zoe-angstrom.md": ZOE,
        "people/tom-reed.md": "---\nname: Tom Reed\nintroduced_by: zoe-angstrom\n---\n",
        **dozen_events(),
    }
    return committed(write_journal(tmp_path / "journal", files))


def test_rename_moves_the_file_and_changes_only_the_lines_that_must(journal: Path) -> None:
    before = tree(journal)
    old_journal, _ = journal_of(journal)
    result = kithbook(journal, "rename", "zoe-angstrom", "--name", "Zoë Smith")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "renamed Zoë Ångström (zoe-angstrom) to Zoë Smith (zoe-smith); "
        "check: 2 people, 12 events: no problems"
    )
    after = tree(journal)
    assert "people/zoe-angstrom.md" not in after
    assert (
        after["people/zoe-smith.md"]
        == ZOE.replace(
            "name: Zoë Ångström\naka: [Zo]", "name: Zoë Smith\naka: [Zo, Zoë Ångström]"
        ).encode()
    )
    # each event written by slug follows; by name, aka or any case of the slug too where
    # it would no longer find her, quoted as it was; every other byte stays
    expected = {
        "events/2026/2026-01-01-flow.md": (b"[zoe-angstrom, tom-reed]", b"[zoe-smith, tom-reed]"),
        "events/2026/2026-01-02-block.md": (b"  - zoe-angstrom   # her", b"  - zoe-smith   # her"),
        "events/2026/2026-01-03-comma.md": (b"tom-reed,  zoe-angstrom", b"tom-reed,  zoe-smith"),
        "events/2026/2026-01-04-by.md": (b"by: zoe-angstrom", b"by: zoe-smith"),
        "events/2026/2026-01-05-crlf.md": (b'["zoe-angstrom"]', b'["zoe-smith"]'),
        "events/2026/2026-01-06-bom.md": (b"['zoe-angstrom']", b"['zoe-smith']"),
        "events/2026/2026-01-09-case.md": (b"[Zoe-Angstrom]", b"[zoe-smith]"),
        "events/2026/2026-01-10-single.md": (b"with: zoe-angstrom", b"with: zoe-smith"),
        "events/2026/log.yml": (b"zoe-angstrom", b"zoe-smith"),
        "people/tom-reed.md": (b"introduced_by: zoe-angstrom", b"introduced_by: zoe-smith"),
    }
    for rel, (old, new) in expected.items():
        assert after[rel] == before[rel].replace(old, new), rel
    # by name and by aka: she is still found, so those files are untouched
    for rel in ("events/2026/2026-01-07-name.md", "events/2026/2026-01-08-aka.md"):
        assert after[rel] == before[rel]
    # the loader reads the same journal, Zoë under her new slug
    new_journal, problems = journal_of(journal)
    assert problems == []
    for old, new in zip(old_journal.events, new_journal.events, strict=True):
        assert new.with_ == tuple("zoe-smith" if s == "zoe-angstrom" else s for s in old.with_)
        assert (new.id, new.title, new.notes) == (old.id, old.title, old.notes)
    assert new_journal.people["tom-reed"].introduced_by == "zoe-smith"
    # git sees a rename, and git diff shows exactly the changed lines
    status = git(journal, "status", "--porcelain")
    assert "RM people/zoe-angstrom.md -> people/zoe-smith.md" in status
    diff = git(journal, "diff", "-U0", "--", "people/zoe-smith.md")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[1:3] != "--"]
    changed = [line for line in changed if not line.startswith("+++")]
    assert changed == [
        "-name: Zoë Ångström", "-aka: [Zo]", "+name: Zoë Smith", "+aka: [Zo, Zoë Ångström]",
    ]  # fmt: skip
    assert kithbook(journal, "check").exit_code == 0


def test_dry_run_prints_the_plan_and_writes_nothing(journal: Path) -> None:
    before = tree(journal)
    result = kithbook(journal, "rename", "Zo", "--slug", "zoe", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "people/zoe-angstrom.md -> people/zoe.md" in lines
    assert "events/2026/2026-01-01-flow.md:3: with: zoe-angstrom -> zoe" in lines
    assert "events/2026/log.yml:7: with: zoe-angstrom -> zoe" in lines
    assert "people/tom-reed.md:3: introduced_by: zoe-angstrom -> zoe" in lines
    assert lines[-1].endswith("dry run: nothing written")
    assert tree(journal) == before


def test_a_slug_alone_keeps_the_name_and_adds_no_aka(journal: Path) -> None:
    result = kithbook(journal, "rename", "zoe-angstrom", "--slug", "zoe")
    assert result.exit_code == 0, result.output
    assert (journal / "people/zoe.md").read_text(encoding="utf-8") == ZOE


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["--slug", "tom-reed"], "people/tom-reed.md exists already"),
        (["--slug", "Not A Slug"], "'Not A Slug' cannot be a person's id"),
        (["--slug", "index"], "'index' cannot be a person's id"),
        (["--name", "Tom Reed", "--slug", "zoe"], "'Tom Reed' already names tom-reed"),
        (["--name", "tom-reed", "--slug", "zoe"], "'tom-reed' already names tom-reed"),
        (["--name", "Zoë Ångström"], "is called that already"),
    ],
)
def test_what_cannot_be_done_safely_is_refused_in_one_line(
    journal: Path, args: list[str], why: str
) -> None:
    before = tree(journal)
    result = kithbook(journal, "rename", "zoe-angstrom", *args)
    assert result.exit_code == 1
    assert why in result.stderr
    assert result.stderr.count("\n") == 1
    assert tree(journal) == before


def test_a_slug_that_is_someone_elses_aka_is_refused(tmp_path: Path) -> None:
    root = write_journal(
        tmp_path,
        {
            "people/zoe-angstrom.md": ZOE,
            "people/zoe-baker.md": "---\nname: Zoë Baker\naka: [zoe]\n---\n",
            "events/a.md": "---\ndate: 2026-01-01\nwith: [zoe]\n---\n",
        },
    )
    result = kithbook(root, "rename", "zoe-angstrom", "--slug", "zoe")
    assert result.exit_code == 1
    assert "'zoe' is a name of zoe-baker already" in result.stderr


def test_a_file_that_cannot_be_read_and_names_them_stops_the_rename(journal: Path) -> None:
    broken = journal / "events/2026/2026-02-01-broken.md"
    broken.write_text("---\ndate: 2026-02-01\nwith: [zoe-angstrom\n---\n", encoding="utf-8")
    before = tree(journal)
    result = kithbook(journal, "rename", "zoe-angstrom", "--slug", "zoe")
    assert result.exit_code == 1
    assert "events/2026/2026-02-01-broken.md:3: error: bad YAML" in result.stderr
    assert "fix it first" in result.stderr
    assert tree(journal) == before


HOSTILE_NAMES = [
    'Zoë "the boss": Ångström',
    "O'Brien, Miles",
    "yes",
    "null",
    "- dash",
    "#hashtag",
    "[x] bracket",
    "{brace}",
    "key: value # not a comment",
    "Дмитрий Шостакович",
    "李小龍",
    "ジョン・スミス",
    "Zoë\u200dÅngström",  # a joiner is no control: a line break or a tab is refused
    "  spaced  out  ",
    "*alias &anchor !tag %directive @at `tick`",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_keep_the_yaml_valid_and_read_back_as_given(
    tmp_path: Path, name: str
) -> None:
    tom = {"people/tom-reed.md": "---\nname: Tom Reed\n---\n"}
    root = write_journal(tmp_path, {"people/zoe-angstrom.md": ZOE, **tom, **dozen_events()})
    result = kithbook(root, "rename", "zoe-angstrom", "--name", name, "--slug", "zed")
    assert result.exit_code == 0, result.output
    journal, problems = journal_of(root)
    assert problems == []
    zed = journal.people["zed"]
    assert zed.name == name.strip()
    assert zed.aka == ("Zo", "Zoë Ångström")
    assert zed.notes == "Met at the wall."
    assert all(event.with_ == ("zed",) or "zed" in event.with_ for event in journal.events
               if event.id not in ("2026/2026-01-04-by",))  # fmt: skip
    # the old name joins aka, and the new name is what a file may say
    assert "\x1b" not in result.stdout  # the terminal is kept safe


def test_the_old_name_becomes_an_aka_in_every_way_aka_is_written(tmp_path: Path) -> None:
    people = {
        "people/a.md": "---\nname: Ann\n---\n",
        "people/b.md": "---\nname: Bea\naka:\n  - B   # short\nwhere: Leeds\n---\n",
        "people/c.md": "---\nname: Cy\naka: C, Cee\n---\n",
        "people/d.md": "---\nname: Di\naka: []\n---\n",
        "people/e.yml": "name: Ed\naka: [E]\nnotes: |\n  Ed's notes\n",
    }
    root = write_journal(tmp_path, people)
    for slug, new in (
        ("a", "Anna"),
        ("b", "Beatrice"),
        ("c", "Cyrus"),
        ("d", "Diana"),
        ("e", "Edward"),
    ):
        result = kithbook(root, "rename", slug, "--name", new, "--slug", slug)
        assert result.exit_code == 0, result.output
    assert (root / "people/a.md").read_text() == "---\nname: Anna\naka: [Ann]\n---\n"
    assert (root / "people/b.md").read_text() == (
        "---\nname: Beatrice\naka:\n  - B   # short\n  - Bea\nwhere: Leeds\n---\n"
    )
    assert (root / "people/c.md").read_text() == "---\nname: Cyrus\naka: C, Cee, Cy\n---\n"
    assert (root / "people/d.md").read_text() == "---\nname: Diana\naka: [Di]\n---\n"
    assert (
        root / "people/e.yml"
    ).read_text() == "name: Edward\naka: [E, Ed]\nnotes: |\n  Ed's notes\n"
    journal, problems = journal_of(root)
    assert problems == []


def test_a_rename_killed_halfway_is_finished_by_the_next_command(
    journal: Path, monkeypatch
) -> None:
    """The new file placed, then a kill: the next command places the rest."""
    from kithbook.write.people import find_person, plan_rename
    from kithbook.write.plan import Opened

    opened = Opened.read(journal, parse_config({})[0])
    plan, _ = plan_rename(opened, find_person(opened, "zoe-angstrom"), None, "zoe")

    class Killed(BaseException):
        pass

    real = changeset._place_new

    def place(staged: str, target: str) -> None:
        real(staged, target)
        raise Killed

    monkeypatch.setattr(changeset, "_place_new", place)
    monkeypatch.setattr(changeset, "_undo", lambda *args: None)
    with pytest.raises(Killed):
        plan.commit(journal)
    monkeypatch.undo()
    assert (journal / "people/zoe.md").exists() and (journal / "people/zoe-angstrom.md").exists()
    result = kithbook(journal, "check")
    assert result.stderr.splitlines()[0].startswith("finished an interrupted rename")
    assert result.exit_code == 0, result.output
    assert not (journal / "people/zoe-angstrom.md").exists()
    assert "with: [zoe, tom-reed]" in (journal / "events/2026/2026-01-01-flow.md").read_text()


def test_a_file_edited_meanwhile_undoes_the_whole_change(tmp_path: Path) -> None:
    root = write_journal(tmp_path, {"people/a.md": "---\nname: A\n---\n", "events/e.md": "x"})
    before = tree(root)
    changes = Changeset(root, "rename")
    changes.add("people/b.md", b"---\nname: A\n---\n")
    changes.remove("people/a.md", b"---\nname: A\n---\n")
    changes.change("events/e.md", b"not what it holds", b"y")
    with pytest.raises(changeset.JournalChanged, match="events/e.md was changed while the rename"):
        changes.commit()
    assert tree(root) == before


# ---------------------------------------------------------------- any text at all

#: Person files written in the ways people write them: flow, block and comma lists,
#: quoted and plain names, comments, CRLF, a byte order mark, notes or none.
PERSON_FILES = [
    "---\nname: Jane Doe\naka: [JD, '@jane']  # handles\nwhere: Leeds\n---\nNotes.\n",
    "---\r\nname: \"Jane Doe\"\r\naka:\r\n  - JD\r\n  - '@jane'\r\n---\r\n",
    "\ufeff---\nname: 'Jane Doe'   # her name\naka: JD, @jane\n---\n\n\nNotes\n\n",
    "---\nname: Jane Doe\n---",
    "name: Jane Doe\naka:\n- JD\nnotes: |\n  Notes.\n",
]
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
).filter(lambda text: text.strip())


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.sampled_from(PERSON_FILES), TEXT, TEXT)
def test_any_name_and_aka_are_written_so_that_the_file_reads_them_back(
    text: str, name: str, aka: str
) -> None:
    rel = "people/jane.yml" if text.startswith("name:") else "people/jane.md"
    before = read_person_file(rel, text.encode("utf-8")).people[0]
    edit = FileEdit(rel, text.encode("utf-8"))
    edit.set(0, "name", name)
    try:
        if edit.value(0, "aka") is not None:
            edit.append(0, "aka", aka)
        data = edit.result()
    except EditRefused:
        assert "," in aka  # only a comma in a comma-separated aka is refused
        return
    after = read_person_file(rel, data)
    assert not after.problems
    (person,) = after.people
    assert person.name == name.strip()
    assert person.aka == (*before.aka, aka.strip()) if edit.value(0, "aka") else True
    assert person.notes == before.notes
    # every line the edit did not touch is as it was
    kept = [line for line in text.splitlines(True) if "name:" not in line and "aka" not in line]
    assert all(line in data.decode("utf-8") for line in kept)
