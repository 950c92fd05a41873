"""Nothing from a file reaches a terminal as a control sequence: names, titles, places,
tags, follow-ups, file names and exports that hold escape sequences, 8-bit controls or
bidi overrides are printed visibly, by every command and by the build, while --json
keeps their exact text."""

from __future__ import annotations

import ast
import json
import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import REPO, mkdocs_build, write_journal

from kithbook.cli import main
from kithbook.cli.checking import check_journal
from kithbook.load import read_person_file
from kithbook.terminal import json_text, terminal_safe

TODAY = "2026-11-21"
KITHBOOK = Path(sys.executable).parent / "kithbook"

# Set the window title, clear the screen, write the clipboard, an 8-bit CSI (red),
# a right-to-left override; and how the terminal shows each.
TITLE, CLEAR, CLIPBOARD, CSI8, RLO = (
    "\x1b]0;pwned\x07",
    "\x1b[2J",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x9b31m",
    "\u202e",
)
SHOWN = {
    TITLE: r"\x1b]0;pwned\x07",
    CLEAR: r"\x1b[2J",
    CLIPBOARD: r"\x1b]52;c;ZXZpbA==\x07",
    CSI8: r"\x9b31m",
    RLO: r"\u202e",
}
#: What a terminal must never get from a file: C0 but newline and tab, DEL, C1, bidi,
#: and lone surrogates (bytes of a file name that is not UTF-8).
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: The styling kithbook adds on purpose (click.style(..., bold=True)).
BOLD, RESET = "\x1b[1m", "\x1b[0m"

JANE = f"Jane {TITLE}Doe"
TOM = f"Tom {CSI8}Reed"
COFFEE = f"Coffee {RLO}at Tilt"


def q(text: str) -> str:
    """``text`` as a YAML double-quoted string (JSON's escapes are YAML's)."""
    return json.dumps(text)


FILES = {
    "people/jane-doe.md": f"""\
        ---
        name: {q(JANE)}
        aka: [{q("JD" + CLEAR)}]
        where: {q("Leeds" + CLIPBOARD)}
        tags: [{q("climbing" + CSI8)}]
        circle: close
        met: 2024-03-04
        how_we_met: {q("at a party" + RLO)}
        org: {q("Canal Maps" + TITLE)}
        role: {q("Surveyor" + CLEAR)}
        introduced_by: tom-reed
        extra:
          {q("coffee" + RLO)}: {q("flat white" + CLIPBOARD)}
        ---
        Notes {TITLE}{CLEAR}{CLIPBOARD}{CSI8}{RLO}
        """,
    "people/tom-reed.md": f"---\nname: {q(TOM)}\ncircle: friend\n---\n",
    f"people/{CLEAR}.md": "---\nname: Nobody\n---\n",
    "people/zed.md": f"---\nname: Zed\ncircle: {q('close' + CLEAR)}\n---\n",
    "events/2026/2026-11-01-coffee.md": f"""\
        ---
        date: 2026-11-01
        title: {q(COFFEE)}
        kind: coffee
        with: [jane-doe, {q(TOM)}]
        place: {q("Tilt" + CSI8)}
        follow_up: [{q("send the map" + CLIPBOARD)}]
        tags: [{q("coffee" + CLEAR)}]
        ---
        Notes {TITLE}{CLEAR}{CLIPBOARD}{CSI8}{RLO}
        """,
    f"events/2026/2026-12-05-{RLO}dinner.md": "---\ndate: 2026-12-05\n---\n",  # not read
    "events/2026/2026-12-05-dinner.md": f"""\
        ---
        date: 2026-12-05
        title: {q("Dinner" + CLEAR)}
        kind: {q("supper" + CSI8)}
        with: [{q(JANE)}]
        ---
        """,
    "events/2026/2026-11-02-call.md": f"""\
        ---
        date: 2026-11-02
        kind: call
        with: [{q("Jane Doe" + CLIPBOARD)}]
        ---
        """,
}


@pytest.fixture
def poisoned(tmp_path: Path) -> Path:
    """A journal whose every field, and some file names, hold the payloads."""
    return write_journal(tmp_path / "journal", FILES)


def kithbook(*args: str | Path) -> Result:
    """The command as a terminal would run it: with colour, so that click strips no
    escape sequence itself (it does when the output is not a terminal)."""
    return CliRunner().invoke(main, list(map(str, args)), env={"KITHBOOK_TODAY": TODAY}, color=True)


def assert_safe(output: str, *payloads: str) -> None:
    """No control sequence in ``output`` but kithbook's own bold; each of ``payloads``
    shown as its escapes."""
    plain = output.replace(BOLD, "").replace(RESET, "")
    assert not FORBIDDEN.search(plain), f"{FORBIDDEN.findall(plain)} in {output!r}"
    for payload in payloads:
        assert SHOWN[payload] in output, f"{SHOWN[payload]} not in {output!r}"


# ---------------------------------------------------------------- the rule


def test_controls_are_shown_as_the_escapes_that_write_them() -> None:
    assert terminal_safe(f"a{CLEAR}b\tc\nd\x7f\x00{CSI8}{RLO}\u2066é\u00a0") == (
        "a\\x1b[2Jb\tc\nd\\x7f\\x00\\x9b31m\\u202e\\u2066é\u00a0"
    )
    assert terminal_safe("Zoë Ångström, 東京, مرحبا") == "Zoë Ångström, 東京, مرحبا"
    assert terminal_safe(os.fsdecode(b"people/\x9b.md")) == "people/\\udc9b.md"  # not UTF-8
    everything = "".join(map(chr, range(0x2100)))
    assert not FORBIDDEN.search(terminal_safe(everything))
    assert terminal_safe(terminal_safe(everything)) == terminal_safe(everything)


def test_json_text_escapes_every_control_and_parses_back_to_the_exact_text() -> None:
    data = {"every": "".join(map(chr, range(0x2100))), "name": JANE, "list": [RLO, "\udc9b"]}
    text = json_text(data)
    assert not FORBIDDEN.search(text.replace("\n", ""))
    assert json.loads(text) == data
    assert "\\u009b" in text and "\\u202e" in text and "\\udc9b" in text and "é" in text
    assert json_text({"a": "b"}) == json.dumps({"a": "b"}, indent=2)


# ---------------------------------------------------------------- every command


def test_show_prints_every_field_visibly_and_keeps_the_name_bold(poisoned: Path) -> None:
    result = kithbook("--journal", poisoned, "show", "jane-doe")
    assert result.exit_code == 0, result.output
    assert_safe(result.output, TITLE, CLEAR, CLIPBOARD, CSI8, RLO)
    assert result.output.startswith(f"{BOLD}Jane {SHOWN[TITLE]}Doe{RESET}  (jane-doe, close)\n")
    for shown in (
        f"  Leeds{SHOWN[CLIPBOARD]}",
        f"aka JD{SHOWN[CLEAR]}",
        f"met                2024-03-04, at a party{SHOWN[RLO]}",
        f"introduced by      Tom {SHOWN[CSI8]}Reed",
        f"Coffee {SHOWN[RLO]}at Tilt · coffee · at Tilt{SHOWN[CSI8]} · with Tom {SHOWN[CSI8]}Reed",
        f"to do: send the map{SHOWN[CLIPBOARD]}",
        f"Dinner{SHOWN[CLEAR]}",
    ):
        assert shown in result.output
    assert f"{BOLD}Planned{RESET}" in result.output
    assert "climbing" not in result.output  # a control character is no tag: left out


def test_next_prints_names_reasons_and_suggestions_visibly(poisoned: Path) -> None:
    result = kithbook("--journal", poisoned, "next")
    assert result.exit_code == 0, result.output
    assert_safe(result.output, TITLE, CLIPBOARD, CSI8, RLO)
    assert f"{BOLD}Jane {SHOWN[TITLE]}Doe{RESET} (jane-doe)" in result.output


def test_check_prints_paths_and_quoted_values_visibly(poisoned: Path) -> None:
    result = kithbook("--journal", poisoned, "check")
    assert result.exit_code == 1
    assert_safe(result.output, CLEAR, CLIPBOARD, CSI8, RLO)
    assert f"people/{SHOWN[CLEAR]}.md:1: error: '{SHOWN[CLEAR]}' cannot be" in result.output
    assert f"circle 'close{SHOWN[CLEAR]}'" in result.output
    assert f"'Jane Doe{SHOWN[CLIPBOARD]}'" in result.output
    dinner = "events/2026/2026-12-05-dinner.md"
    assert f"{dinner}:4: warning: unknown kind 'supper{SHOWN[CSI8]}'" in result.output
    named = f"events/2026/2026-12-05-{SHOWN[RLO]}dinner.md:0: error: the file's name holds"
    assert named in result.output


@pytest.mark.parametrize("command", [["check", "--json"], ["next", "--json"]])
def test_json_is_safe_for_the_terminal_and_the_same_data(poisoned: Path, command) -> None:
    result = kithbook("--journal", poisoned, *command)
    assert not FORBIDDEN.search(result.stdout.replace("\n", ""))
    data = json.loads(result.stdout)
    if command[0] == "check":
        assert data == [problem.as_json() for problem in check_journal(poisoned).problems]
        assert f"people/{CLEAR}.md" in {problem["path"] for problem in data}
        assert any(CSI8 in problem["message"] for problem in data)
    else:
        assert data[0]["name"] == JANE
        assert any(CLIPBOARD in reason for reason in data[0]["reasons"])
    assert "\\u001b" in result.stdout and "\\u009b" in result.stdout


@pytest.mark.parametrize(
    ("args", "payloads"),
    [
        (["show", f"No one{CLEAR}"], [CLEAR]),  # matches no one
        (["add", JANE], [TITLE]),  # refused: a name is one line of plain text
        (["add", f"Ann{CLIPBOARD}", "--where", TITLE], []),  # wrote people/ann-52-c-zxzpba.md
        (["add", "Tom Reed"], [CSI8]),  # note: there is also 'Tom \x9b31mReed'
        (["add", "Ann", "--circle", CLEAR], [CLEAR]),  # not a circle
        (["add", "Ann", "--met", CSI8], [CSI8]),  # not a date
        (["log", f"Lunch{CLEAR}", "--place", "Tilt"], [CLEAR]),  # a title is one line
        (["log", "Lunch", "--with", "No One", "--by", f"No One{CLIPBOARD}"], [CLIPBOARD]),
        (["log", "Lunch", "--with", "No One", "--kind", f"brunch{RLO}"], [RLO]),
        (["show", f"--colour{TITLE}"], [TITLE]),  # no such option
        (["import", "vcard", f"missing{CSI8}.vcf"], [CSI8]),  # no such file
    ],
)
def test_commands_and_their_errors_print_values_visibly(poisoned: Path, args, payloads) -> None:
    result = kithbook("--journal", poisoned, *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert_safe(result.output, *payloads)


def test_a_command_or_journal_that_does_not_exist_is_named_visibly(tmp_path: Path) -> None:
    assert_safe(kithbook(f"shw{CLEAR}").output, CLEAR)
    assert_safe(kithbook("--journal", tmp_path / f"no{TITLE}", "check").output, TITLE)
    assert_safe(kithbook("--journal", tmp_path, "check").output)  # no mkdocs.yml
    folder = tmp_path / f"net{CLIPBOARD}"
    assert_safe(kithbook("init", folder, "--name", JANE).output, TITLE)  # one line, refused
    made = kithbook("init", folder, "--name", "Jane Doe")
    assert made.exit_code == 0, made.output
    assert_safe(made.output, CLIPBOARD)
    assert_safe(kithbook("--journal", folder, "check").output)


# ---------------------------------------------------------------- imports

CLIPBOARD_IN_VCARD = CLIPBOARD.replace(";", r"\;")  # vCard text escapes its ';'
VCF = f"""\
BEGIN:VCARD
VERSION:3.0
FN:Ann {TITLE}Lee
N:Lee;Ann;;;
EMAIL:ann@example.org
ORG:Lee{CLEAR} & Co
TITLE:Surveyor{CLIPBOARD_IN_VCARD}
ADR;TYPE=HOME:;;1 Street;Leeds{CLEAR};;;UK
NOTE:notes{CSI8}
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bo {RLO}Ng
EMAIL:bo@example.org
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Jane Doe
EMAIL:jane@example.org
ORG:Other{CLEAR} Maps
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Tom Reed
EMAIL:tom@example.org
END:VCARD
BEGIN:VCARD
VERSION:3.0
EMAIL:nobody@example.org
END:VCARD
"""
IMPORT_FILES = {
    "people/jane-doe.md": f"---\nname: Jane Doe\norg: {q('Canal' + CSI8)}\n---\n",
    "people/tom-reed.md": f"---\nname: Tom Reed\nwhere: {q('Leeds' + RLO)}\n---\n",
    "people/tom-reed-york.md": "---\nname: Tom Reed\nwhere: York\n---\n",
}


def test_an_import_prints_names_file_names_and_values_visibly(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", IMPORT_FILES)
    export = tmp_path / f"contacts{TITLE}.vcf"
    export.write_text(VCF.replace("\n", "\r\n"), encoding="utf-8")

    dry = kithbook("--journal", root, "import", "vcard", export, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert_safe(dry.output, TITLE, CLEAR, RLO)
    assert f"vcard contacts{SHOWN[TITLE]}.vcf: 2 new" in dry.output
    assert f"Ann {SHOWN[TITLE]}Lee" in dry.output
    assert "conflict" in dry.output and "ambiguous" in dry.output and "skipped" in dry.output

    done = kithbook("--journal", root, "import", "vcard", export)
    assert done.exit_code == 0, done.output
    assert_safe(done.output, TITLE, RLO)
    assert done.output == dry.output.replace("; dry run: nothing written", "")
    # the files keep the exact text; only the terminal shows it escaped
    (ann,) = (root / "people").glob("ann-*.md")
    (person,) = read_person_file("people/" + ann.name, ann.read_bytes()).people
    assert (person.name, person.org, person.role) == (
        f"Ann {TITLE}Lee",
        f"Lee{CLEAR} & Co",
        f"Surveyor{CLIPBOARD}",
    )
    shown = kithbook("--journal", root, "show", ann.stem)
    assert_safe(shown.output, TITLE, CLEAR, CLIPBOARD)
    assert_safe(kithbook("--journal", root, "check").output)


# ---------------------------------------------------------------- real processes


def in_a_terminal(*args: str | Path, **environ: str) -> bytes:
    """What ``kithbook ARGS`` writes to a real (pseudo-)terminal, stdout and stderr."""
    parent, child = pty.openpty()
    env = {**os.environ, "KITHBOOK_TODAY": TODAY, **environ}
    process = subprocess.Popen(
        [KITHBOOK, *map(str, args)], stdin=subprocess.DEVNULL, stdout=child, stderr=child, env=env
    )
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        output += chunk
    os.close(parent)
    process.wait(timeout=60)
    return output


@pytest.mark.parametrize(
    ("args", "payloads", "bold"),
    [
        (["show", "Jane"], [TITLE, CLEAR, CLIPBOARD, CSI8, RLO], True),
        (["next"], [TITLE, CLIPBOARD], True),
        (["check"], [CLEAR, CLIPBOARD, CSI8, RLO], False),
        (["show", f"No one{CLEAR}"], [CLEAR], False),
    ],
)
def test_a_real_terminal_gets_no_control_sequence_but_bold(
    poisoned: Path, args, payloads, bold
) -> None:
    output = in_a_terminal("--journal", poisoned, *args)
    assert b"\x07" not in output
    text = output.decode("utf-8").replace("\r\n", "\n")  # strict: no lone 8-bit byte either
    assert_safe(text, *payloads)
    assert (BOLD in text) is bold  # the styling still reaches the terminal


def test_a_file_name_that_is_not_utf8_reaches_no_terminal_as_a_raw_byte(poisoned: Path) -> None:
    """Python reads the byte 0x9B of a file name as U+DC9B, and in UTF-8 mode (or under
    the C locale) writes it back as that byte: an 8-bit CSI."""
    (poisoned / "people" / os.fsdecode(b"\x9b31m.md")).write_text("---\nname: X\n---\n")
    output = in_a_terminal("--journal", poisoned, "check", PYTHONUTF8="1")
    assert b"\x9b" not in output
    assert "people/\\udc9b31m.md:1: error:" in output.decode("utf-8")


def test_check_watch_prints_new_problems_visibly(poisoned: Path) -> None:
    env = {**os.environ, "KITHBOOK_TODAY": TODAY}
    process = subprocess.Popen(
        [KITHBOOK, "--journal", poisoned, "check", "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    lines: list[bytes] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, b"")))
    reader.start()

    def printed(what: bytes, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while not any(what in line for line in list(lines)):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    try:
        assert printed(b"watching for changes", 30), lines
        bad = poisoned / "events" / "2026" / f"2026-11-03-{CLIPBOARD}.md"
        # the watcher starts listening just after that line: save again until it hears
        for attempt in range(15):
            text = f"---\ndate: 2026-11-03\nwith: [{q('Bo' + RLO)}]\n---\n" + "\n" * attempt
            bad.write_text(text, encoding="utf-8")
            if printed(b"  new:   events/2026/2026-11-03-", 2):
                break
        else:
            raise AssertionError(f"no new problem printed: {lines}")
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C ends it quietly
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        finally:
            reader.join(timeout=10)
    output = b"".join(lines)
    assert b"\x1b" not in output and b"\x07" not in output
    assert_safe(output.decode("utf-8"), CLEAR, CLIPBOARD, RLO)


def test_the_build_logs_problems_and_file_names_visibly(poisoned: Path) -> None:
    result = mkdocs_build(poisoned)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr
    assert_safe(result.stderr, CLEAR, CLIPBOARD)
    assert f"WARNING -  people/{SHOWN[CLEAR]}.md:1: error:" in result.stderr
    # MkDocs' own debug lines name the pages, a hand-written one's file name included
    (poisoned / "docs" / f"notes-{TITLE}.md").write_text("# Notes\n", encoding="utf-8")
    env = {**os.environ, "KITHBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    verbose = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-v", "--site-dir", str(poisoned / "site")],
        cwd=poisoned, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert verbose.returncode == 0, verbose.stderr
    assert_safe(verbose.stderr, TITLE, RLO)
    assert f"Building page notes-{SHOWN[TITLE]}.md" in verbose.stderr


# ---------------------------------------------------------------- no way around it

#: Calls that print; only terminal.py's echo (and terminal_line, which styles) make them.
PRINTING = {"print", "click.echo", "click.secho", "click.style", "click.echo_via_pager",
            "sys.stdout.write", "sys.stderr.write", "sys.stdout.buffer.write"}  # fmt: skip
ALLOWED = {("terminal.py", "echo", "click.echo"), ("terminal.py", "terminal_line", "click.style")}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


class _Printing(ast.NodeVisitor):
    """Every call (or import from click) in PRINTING in a module, with its function."""

    def __init__(self, module: str) -> None:
        self.module, self.function, self.found = module, "", []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    def visit_Call(self, node: ast.Call) -> None:
        self._check(_dotted(node.func), node)
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names if node.module == "click" else ():
            self._check(f"click.{alias.name}", node)

    def _check(self, name: str, node: ast.AST) -> None:
        if name in PRINTING and (self.module, self.function, name) not in ALLOWED:
            self.found.append(f"{self.module}:{node.lineno}: {name}")


def test_the_package_prints_only_through_the_terminal_module() -> None:
    found, scanned = [], set()
    for path in sorted((REPO / "kithbook").rglob("*.py")):
        visitor = _Printing(path.relative_to(REPO / "kithbook").as_posix())
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        found += visitor.found
        scanned.add(visitor.module)
    assert found == []
    # the commands and the writing are packages: their modules are scanned too
    assert {"cli/group.py", "cli/making.py", "cli/checking.py", "write/changeset.py"} <= scanned


def test_the_build_logs_only_through_the_filtered_logger() -> None:
    from kithbook import mkdocs_hooks

    assert mkdocs_hooks._terminal_safe in mkdocs_hooks.log.filters
    logging_packages = {
        path.parent.name
        for path in (REPO / "kithbook").rglob("*.py")
        if "logging" in path.read_text(encoding="utf-8")
    }
    assert logging_packages == {"mkdocs_hooks"}
