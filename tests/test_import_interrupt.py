"""An import stopped at any moment leaves the journal whole: real `kithbook import`
processes, a generated address book of a few thousand cards, killed with real signals at
moments found by watching the files; then the journal compared, byte for byte, with the
journal before the import and with a clean run of it. And an export that is not a plain
file (a named pipe) is refused at once."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import mkdocs_build, write_journal
from importing import ME, kithbook

from kithbook.write import STAGE_DIR, Changeset, changeset

CARDS = 3000
TOM = """\
---
name: Tom Reed
contact:
  email: tom@reed.example
---
He lent me a book.
"""
ENV = {**os.environ, "KITHBOOK_TODAY": "2026-11-21", "NO_MKDOCS_2_WARNING": "1"}
GIT_ENV = {**ENV, "GIT_AUTHOR_NAME": "Sam", "GIT_AUTHOR_EMAIL": "sam@example.org"}
GIT_ENV.update(GIT_COMMITTER_NAME="Sam", GIT_COMMITTER_EMAIL="sam@example.org")
COMMAND = [sys.executable, "-c", "from kithbook.cli import main; main()"]

Tree = dict[str, bytes]


def address_book(path: Path) -> Path:
    """CARDS new people, and Tom, who is in the journal and gains his org."""
    cards = [
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n:05d}\r\nN:{n:05d};Person;;;\r\n"
        f"EMAIL:person{n}@example.org\r\nORG:Canal Maps\r\nEND:VCARD\r\n"
        for n in range(CARDS)
    ]
    cards.append(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tom Reed\r\nEMAIL:tom@reed.example\r\n"
        "ORG:Brindle & Finch\r\nEND:VCARD\r\n"
    )
    path.write_text("".join(cards), encoding="utf-8")
    return path


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], check=True, env=GIT_ENV, capture_output=True, text=True
    )
    return done.stdout


def new_journal(folder: Path) -> Path:
    """A journal holding Tom, committed in a git repository."""
    root = write_journal(folder, {"people/tom-reed.md": TOM}, settings=ME)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "A journal")
    return root


def tree(root: Path) -> Tree:
    """Every file of the journal but git's own, by path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def without_stage(files: Tree) -> Tree:
    return {rel: data for rel, data in files.items() if not rel.startswith(STAGE_DIR + "/")}


def run(root: Path, *args: object, timeout: float = 60) -> subprocess.CompletedProcess:
    command = [*COMMAND, "--journal", str(root), *map(str, args)]
    return subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, Tree, Tree, str]:
    """The export, the journal before the import and after a clean run of it, and what
    git says after it."""
    base = tmp_path_factory.mktemp("clean")
    export = address_book(base / "contacts.vcf")
    root = new_journal(base / "journal")
    before = tree(root)
    done = run(root, "import", "vcard", export)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith(f"vcard contacts.vcf: {CARDS} new (")
    assert ", 1 updated," in done.stdout
    return export, before, tree(root), git(root, "status", "--porcelain")


# ---------------------------------------------------------------- moments


def _stages(root: Path) -> list[Path]:
    try:
        return [entry for entry in (root / STAGE_DIR).iterdir() if entry.is_dir()]
    except FileNotFoundError:
        return []


def staging(root: Path) -> bool:
    """The import has begun to write its stage (and has not committed it)."""
    return any((stage / "0.new").exists() for stage in _stages(root))


def committed(root: Path) -> bool:
    """The import has committed: it is about to place its files."""
    return any((stage / changeset.COMMITTED).exists() for stage in _stages(root))


def placing(root: Path) -> bool:
    """The first new person file is in people/."""
    return len(os.listdir(root / "people")) > 1


def stopped_at(
    root: Path, export: Path, moment: Callable[[Path], bool], signum: int
) -> tuple[subprocess.CompletedProcess, bool]:
    """Run the import, send ``signum`` at ``moment``; (the process, whether the moment
    came before the import ended)."""
    process = subprocess.Popen(
        [*COMMAND, "--journal", str(root), "import", "vcard", str(export)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    hit = False
    while process.poll() is None and time.monotonic() < deadline:
        if moment(root):
            process.send_signal(signum)
            hit = True
            break
        time.sleep(0.001)  # leave the import the processor
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), hit


def assert_git_shows_no_stage(root: Path) -> None:
    status = git(root, "status", "--porcelain", "--untracked-files=all")
    assert STAGE_DIR not in status


# ---------------------------------------------------------------- kills


@pytest.mark.parametrize("moment", [staging, committed, placing])
def test_a_killed_import_is_finished_or_undone_by_the_next_command(
    tmp_path: Path, clean, moment
) -> None:
    export, before, after, after_status = clean
    root = new_journal(tmp_path / "journal")
    process, hit = stopped_at(root, export, moment, signal.SIGKILL)
    assert hit, "the import ended before the moment came"
    assert process.returncode == -signal.SIGKILL
    left = tree(root)
    assert_git_shows_no_stage(root)  # whatever the kill left, git does not show it
    if moment is staging:
        assert without_stage(left) == before  # nothing placed yet
    else:
        assert _stages(root), "the kill came after the import was done"

    check = run(root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    said = check.stderr.splitlines()[0]
    if moment is staging:
        assert said == "an interrupted vcard import had written nothing: run it again"
        assert tree(root) == before
        assert git(root, "status", "--porcelain") == ""
        return
    assert said == f"finished an interrupted vcard import: {CARDS + 1:,} files written"
    assert check.stdout.startswith(f"{CARDS + 1} people")  # check saw the whole import
    assert tree(root) == after
    assert git(root, "status", "--porcelain") == after_status
    if moment is placing:
        again = run(root, "import", "vcard", export)
        assert again.returncode == 0 and ": 0 new (" in again.stdout
        assert tree(root) == after


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGTERM, -signal.SIGTERM), (signal.SIGHUP, -signal.SIGHUP), (signal.SIGINT, 1)],
)
def test_a_signal_while_placing_waits_until_the_import_is_whole(
    tmp_path: Path, clean, signum: int, status: int
) -> None:
    export, _, after, after_status = clean
    root = new_journal(tmp_path / "journal")
    process, hit = stopped_at(root, export, committed, signum)
    assert hit, "the import ended before it committed"
    # The import finished placing, then ended as the signal ends it (Ctrl-C: click's
    # "Aborted!" and status 1), leaving the whole import and no stage.
    assert process.returncode == status, process.stderr
    assert tree(root) == after
    assert git(root, "status", "--porcelain") == after_status


def test_ctrl_c_while_staging_leaves_the_journal_as_before(tmp_path: Path, clean) -> None:
    export, before, _, _ = clean
    root = new_journal(tmp_path / "journal")
    process, hit = stopped_at(root, export, staging, signal.SIGINT)
    assert hit
    assert process.returncode == 1 and process.stderr.endswith("Aborted!\n")
    assert tree(root) == before  # the stage is gone too
    assert git(root, "status", "--porcelain") == ""


def test_a_command_run_during_an_import_waits_for_it(tmp_path: Path, clean) -> None:
    export, _, after, _ = clean
    root = new_journal(tmp_path / "journal")
    process = subprocess.Popen(
        [*COMMAND, "--journal", str(root), "import", "vcard", str(export)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not staging(root) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    check = run(root, "check")  # begun while the import writes its stage
    assert process.wait(timeout=60) == 0
    assert check.stdout.startswith(f"{CARDS + 1} people"), check.stderr
    if check.stderr:
        assert check.stderr == (
            "waiting for the changes another kithbook is writing to this journal\n"
        )
    assert tree(root) == after


# ---------------------------------------------------------------- in one process


class Killed(BaseException):
    """Stands for a kill: nothing after it runs, not even the undoing."""


def killed_after(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The next changeset stops, as if killed, after placing ``count`` new files."""
    real_place = changeset._place_new
    placed: list[str] = []

    def place(staged: str, target: str) -> None:
        if len(placed) == count:
            raise Killed
        real_place(staged, target)
        placed.append(target)

    monkeypatch.setattr(changeset, "_place_new", place)
    monkeypatch.setattr(changeset, "_undo", lambda *args: None)


def no_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, files cannot be hard-linked, as on some disks (FAT, some network disks)."""

    def link(*args, **kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(changeset.os, "link", link)


def half_import(root: Path, monkeypatch: pytest.MonkeyPatch, links: bool = True) -> None:
    """Three new people and Tom's org, stopped after placing the first person."""
    changes = Changeset(root, "vcard import")
    for name in ("ann", "bob", "cy"):
        changes.add(f"people/{name}.md", f"---\nname: {name.title()}\n---\n")
    tom = (root / "people" / "tom-reed.md").read_bytes()
    changes.change("people/tom-reed.md", tom, tom.replace(b"---\nHe", b"org: Acme\n---\nHe"))
    if not links:
        no_links(monkeypatch)
    killed_after(1, monkeypatch)
    with pytest.raises(Killed):
        changes.commit()
    monkeypatch.undo()
    if not links:
        no_links(monkeypatch)
    assert (root / "people" / "ann.md").exists() and not (root / "people" / "bob.md").exists()


def test_a_build_warns_of_a_half_written_import(tmp_path: Path, monkeypatch) -> None:
    root = write_journal(tmp_path / "journal", {"people/tom-reed.md": TOM}, settings=ME)
    half_import(root, monkeypatch)
    build = mkdocs_build(root, strict=True)
    assert build.returncode == 1
    assert (
        f"WARNING -  {STAGE_DIR}:0: warning: an interrupted vcard import is half written "
        f"({STAGE_DIR}/"
    ) in build.stderr
    assert "run any kithbook command (kithbook check) to finish or undo it" in build.stderr
    assert changeset.interrupted(root) is not None
    result = kithbook(root, "check")
    assert result.stderr.splitlines()[0] == "finished an interrupted vcard import: 4 files written"
    assert changeset.interrupted(root) is None
    assert sorted(p.name for p in (root / "people").iterdir()) == [
        "ann.md",
        "bob.md",
        "cy.md",
        "tom-reed.md",
    ]
    assert b"org: Acme\n" in (root / "people" / "tom-reed.md").read_bytes()
    assert not (root / STAGE_DIR).exists()


@pytest.mark.parametrize("links", [True, False])
def test_the_next_command_finishes_a_killed_import(tmp_path: Path, monkeypatch, links) -> None:
    root = write_journal(tmp_path / "journal", {"people/tom-reed.md": TOM}, settings=ME)
    half_import(root, monkeypatch, links)
    result = kithbook(root, "show", "ann")
    assert result.exit_code == 0, result.output
    assert result.stderr == "finished an interrupted vcard import: 4 files written\n"
    assert result.stdout.startswith("Ann  (ann, acquaintance)")
    assert sorted(tree(root)) == [
        "docs/index.md",
        "hooks/journal.py",
        "mkdocs.yml",
        "people/ann.md",
        "people/bob.md",
        "people/cy.md",
        "people/tom-reed.md",
    ]
    assert tree(root)["people/tom-reed.md"] == TOM.replace("---\nHe", "org: Acme\n---\nHe").encode()


@pytest.mark.parametrize("links", [True, False])
def test_a_file_written_since_the_kill_undoes_the_import(
    tmp_path: Path, monkeypatch, links: bool
) -> None:
    root = write_journal(tmp_path / "journal", {"people/tom-reed.md": TOM}, settings=ME)
    before = tree(root)
    half_import(root, monkeypatch, links)
    (root / "people" / "cy.md").write_text("---\nname: Cy, by hand\n---\n", encoding="utf-8")
    result = kithbook(root, "check")
    assert result.stderr.splitlines()[0] == (
        "undid an interrupted vcard import: people/cy.md appeared while importing; run it again"
    )
    assert tree(root) == {**before, "people/cy.md": b"---\nname: Cy, by hand\n---\n"}


def test_a_person_edited_since_the_kill_undoes_the_import(tmp_path: Path, monkeypatch) -> None:
    root = write_journal(tmp_path / "journal", {"people/tom-reed.md": TOM}, settings=ME)
    before = tree(root)
    half_import(root, monkeypatch)
    edited = TOM.replace("book.", "book, and a pen.").encode()
    (root / "people" / "tom-reed.md").write_bytes(edited)
    result = kithbook(root, "check")
    assert result.stderr.splitlines()[0] == (
        "undid an interrupted vcard import: people/tom-reed.md was changed while importing; "
        "run it again"
    )
    assert tree(root) == {**before, "people/tom-reed.md": edited}


# ---------------------------------------------------------------- not a plain file


def _refused(root: Path, kind: str, export: Path) -> str:
    done = run(root, "import", kind, export, timeout=20)  # a hang fails here
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    return done.stderr.strip()


@pytest.mark.parametrize("kind", ["vcard", "ics", "linkedin", "twitter"])
def test_a_named_pipe_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    root = write_journal(tmp_path / "journal", {}, settings=ME)
    pipe = tmp_path / "contacts.vcf"
    os.mkfifo(pipe)
    assert _refused(root, kind, pipe) == (
        "Error: cannot read contacts.vcf: it is a named pipe (FIFO), not a plain file"
    )


@pytest.mark.parametrize(
    ("kind", "inside"), [("linkedin", "Connections.csv"), ("twitter", "data/tweets.js")]
)
def test_a_named_pipe_in_an_export_folder_is_refused(tmp_path: Path, kind: str, inside: str):
    root = write_journal(tmp_path / "journal", {}, settings=ME)
    folder = tmp_path / "export"
    (folder / inside).parent.mkdir(parents=True)
    os.mkfifo(folder / inside)
    assert _refused(root, kind, folder) == (
        f"Error: cannot read export/{inside}: it is a named pipe (FIFO), not a plain file"
    )


def test_a_socket_and_a_device_are_refused(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {}, settings=ME)
    assert _refused(root, "ics", Path(os.devnull)) == (
        "Error: cannot read null: it is a device, not a plain file"
    )
    path = tmp_path / "contacts.vcf"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        assert _refused(root, "vcard", path) == (
            "Error: cannot read contacts.vcf: it is a socket, not a plain file"
        )
