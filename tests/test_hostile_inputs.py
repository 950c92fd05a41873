"""Issue 13, the inputs it reproduces, one test each: markup in titles and tags, an
apostrophe in a did-you-mean, dates at the ends of the calendar, an alias bomb, a FIFO
and a symlink out of the journal. Each says what the contract asks for (FORMAT.md,
DESIGN.md principle 14): no raw markup on a page, no traceback, a bounded build, and
`check` reporting at its line whatever the build cannot use, so that `check` and the
build's warnings list the same problems."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import mkdocs_build, write_journal

from kithbook.cli import main

TODAY = "2026-11-21"
#: A problem as `check` prints it and the build logs it.
PROBLEM = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+): (?P<level>error|warning): ")
#: The memory a bounded build or check may use (address space).
MEMORY = 2 * 1024**3


def cli(root: Path, *args: str, today: str | None = TODAY):
    """`kithbook --journal ROOT ARGS`, in-process; ``today`` None leaves KITHBOOK_TODAY unset."""
    return CliRunner().invoke(main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": today})


def no_traceback(result, what: str) -> None:
    """A command ran to its end: exit status 0 or 1, no exception but click's own."""
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"{what} raised {result.exception!r}"
    assert result.exit_code in (0, 1), f"{what} exited {result.exit_code}:\n{result.output}"
    raised = "Traceback" in result.output
    assert not raised, tail(result.output)


def checked(root: Path, today: str | None = TODAY) -> list[str]:
    """What `kithbook check --json` reports, as `check` prints it: path:line: level: message."""
    result = cli(root, "check", "--json", today=today)
    no_traceback(result, "kithbook check --json")
    return [
        f"{p['path']}:{p['line']}: {p['level']}: {p['message']}" for p in json.loads(result.stdout)
    ]


def build_warnings(stderr: str) -> list[str]:
    """The problems a build logged: its warnings shaped path:line: level: message."""
    found = []
    for line in stderr.splitlines():
        text = line.split("WARNING -", 1)[1].strip() if "WARNING -" in line else ""
        if PROBLEM.match(text):
            found.append(text)
    return found


def tail(text: str, lines: int = 6) -> str:
    """The end of a command's output: where a traceback says what was raised."""
    return "\n".join(text.rstrip().splitlines()[-lines:])


def html_files(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
    }


def title(html: str) -> str:
    """The page's title: the text between <title> and the last </title> of its line in
    <head> (with markup printed raw, the injected tags are inside it)."""
    match = re.search(r"<title>(.*)</title>", html.split("</head>")[0])
    assert match, "a page without <title>"
    return match[1]


def bounded(what: str, command: list[str], root: Path, timeout: int, **environ: str):
    """``command`` (``what``, in words) in ``root`` with at most MEMORY of address space;
    fails the test if it does not finish within ``timeout`` seconds."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    env = {**os.environ, "KITHBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", **environ}
    try:
        return subprocess.run(
            command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout,
            preexec_fn=limit,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} did not finish within {timeout} s")


def bounded_check(root: Path, timeout: int):
    code = "from kithbook.cli import main; main()"
    command = [sys.executable, "-c", code, "--journal", str(root), "check"]
    return bounded("kithbook check", command, root, timeout)


def bounded_build(root: Path, timeout: int):
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")]
    return bounded("mkdocs build", command, root, timeout)


# ---------------------------------------------------------------- (a) titles


def test_markup_in_a_name_or_a_title_is_not_printed_raw_in_the_page_title(tmp_path):
    root = write_journal(
        tmp_path / "journal",
        {
            "people/bob.md": "---\nname: Bob </title><script>alert(1)</script>\n---\n",
            "events/2026/2026-01-10-tea.md": """\
                ---
                date: 2026-01-10
                title: Tea </title><img src=x onerror=alert(2)>
                with: [bob]
                ---
                """,
        },
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, tail(result.stderr)
    pages = html_files(root / "site")
    assert "people/bob/index.html" in pages and "events/2026/2026-01-10-tea/index.html" in pages
    raw = {
        path: title(html)
        for path, html in pages.items()
        if re.search(r"<(script|img|/title)", title(html))
    }
    assert not raw, raw
    assert "Bob" in title(pages["people/bob/index.html"])
    assert "Tea" in title(pages["events/2026/2026-01-10-tea/index.html"])


# ---------------------------------------------------------------- (b) tags


TAGGED = """\
---
name: Tag Person
tags: ["<img src=x onerror=alert('tag')>"]
---
"""


def test_markup_in_a_tag_is_reported_at_its_line_and_never_printed_raw(tmp_path):
    root = write_journal(tmp_path / "journal", {"people/tag-person.md": TAGGED})
    problems = checked(root)
    assert any(p.startswith("people/tag-person.md:3: ") for p in problems), problems

    result = mkdocs_build(root)
    assert result.returncode == 0, tail(result.stderr)
    assert any(p.startswith("people/tag-person.md:3: ") for p in build_warnings(result.stderr))
    pages = html_files(root / "site")
    assert "people/tag-person/index.html" in pages
    raw = [path for path, html in pages.items() if "<img src=x onerror=alert('tag')>" in html]
    assert not raw, raw


# ---------------------------------------------------------------- (c) did you mean


def test_an_apostrophe_in_a_did_you_mean(tmp_path):
    root = write_journal(
        tmp_path / "journal",
        {
            "people/miles-obrien.md": "---\nname: Miles O'Brien\n---\n",
            "events/2026/2026-03-01-pint.md": "---\ndate: 2026-03-01\nwith: [Miles O'Brian]\n---\n",
        },
    )
    result = cli(root, "check")
    no_traceback(result, "kithbook check")
    assert result.exit_code == 1, result.output
    errors = [
        line for line in result.stdout.splitlines()
        if line.startswith("events/2026/2026-03-01-pint.md:3: error: ")
    ]  # fmt: skip
    assert errors and "Miles O'Brien" in errors[0], result.output

    built = mkdocs_build(root)
    assert built.returncode == 0, tail(built.stderr)
    assert errors[0] in build_warnings(built.stderr)


# ---------------------------------------------------------------- (d) the ends of time


BASE = {
    "people/jane-doe.md": """\
        ---
        name: Jane Doe
        circle: inner
        keep_in_touch: 2w
        met: 2020-01-01
        birthday: 02-29
        ---
        """,
    "events/2026/2026-01-10-coffee.md": """\
        ---
        date: 2026-01-10
        kind: coffee
        with: [Jane Doe]
        follow_up: [send the map]
        ---
        """,
    "events/2026/2026-12-01-walk.md": "---\ndate: 2026-12-01\nwith: [jane-doe]\n---\n",
}
CALL = "---\ndate: 2026-02-02\nkind: call\nwith: [max-far]\n---\n"
FAR = {
    "met, keep in touch 9999y": (
        {
            "people/max-far.md": """\
                ---
                name: Max Far
                met: 9999-12-31
                keep_in_touch: 9999y
                ---
                """,
            "events/2026/2026-02-02-call.md": CALL,
        },
        "", TODAY,
    ),
    "keep in touch 999999999999d": (
        {
            "people/max-far.md": "---\nname: Max Far\nkeep_in_touch: 999999999999d\n---\n",
            "events/2026/2026-02-02-call.md": CALL,
        },
        "", TODAY,
    ),
    "events on 9999-12-31": (
        {
            "people/max-far.md": "---\nname: Max Far\nkeep_in_touch: 1m\n---\n",
            "events/9999/9999-12-31-end.md": "---\ndate: 9999-12-31\nwith: [max-far]\n---\n",
            "events/9999/9999-12-31-late.md": (
                "---\ndate: 9999-12-31 23:30\nend: 9999-12-31 23:59\n"
                "with: [max-far, jane-doe]\n---\n"
            ),
        },
        "", TODAY,
    ),
    "KITHBOOK_TODAY=9999-12-31": ({}, "", "9999-12-31"),
    "KITHBOOK_TODAY=0001-01-01": ({}, "", "0001-01-01"),
    # quoted: unquoted, MkDocs' own YAML loader stops on it (the test after this one)
    "today: '2026-02-30' in the config": ({}, "today: '2026-02-30'\n", None),
}  # fmt: skip


@pytest.mark.parametrize("case", FAR)
def test_the_ends_of_the_calendar(tmp_path, case):
    files, settings, today = FAR[case]
    root = write_journal(tmp_path / "journal", {**BASE, **files}, settings=settings)
    failures = []  # every step is tried, so that one run says all that is wrong
    built = mkdocs_build(root, today=today or "")
    if built.returncode != 0 or "Traceback" in built.stderr:
        failures.append(f"mkdocs build exited {built.returncode}: {tail(built.stderr, 1)}")
    elif not (root / "site" / "people" / "jane-doe" / "index.html").exists():
        failures.append("mkdocs build made no page for jane-doe")
    commands = [["show", "jane-doe"], ["next"], ["check"]]
    commands += [["show", "max-far"]] if "people/max-far.md" in files else []
    for command in commands:
        try:
            no_traceback(cli(root, *command, today=today), f"kithbook {' '.join(command)}")
        except AssertionError as error:
            failures.append(str(error).splitlines()[0])
    assert not failures, "\n".join(failures)

    # check and the build agree: the same problems, each at its line
    assert sorted(checked(root, today=today)) == sorted(build_warnings(built.stderr))


def test_an_impossible_today_in_the_config(tmp_path):
    """`today: 2026-02-30`, unquoted, is a date YAML cannot make: MkDocs cannot read its
    mkdocs.yml at all (its own loader raises before any hook runs). The commands must
    not raise either, and `check` must say that the file is wrong, as an error."""
    root = write_journal(tmp_path / "journal", BASE, settings="today: 2026-02-30\n")
    for command in (["show", "jane-doe"], ["next"]):
        no_traceback(cli(root, *command, today=None), f"kithbook {' '.join(command)}")
    result = cli(root, "check", today=None)
    no_traceback(result, "kithbook check")
    assert result.exit_code == 1, result.output
    assert any(
        m and m["path"] == "mkdocs.yml" and m["level"] == "error"
        for m in map(PROBLEM.match, result.stdout.splitlines())
    ), result.output


# ---------------------------------------------------------------- (e) an alias bomb


def alias_bomb() -> str:
    """Nine levels of lists under extra:, each the one before nine times: a few hundred
    bytes that stand for 9**9 (387 million) items once expanded."""
    names = "abcdefghi"
    levels = ["  a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for before, name in zip(names, names[1:], strict=False):
        levels.append(f"  {name}: &{name} [" + ", ".join([f"*{before}"] * 9) + "]")
    return "---\nname: Bomb\nextra:\n" + "\n".join(levels) + "\n---\n"


def test_an_alias_bomb_is_reported_and_the_build_stays_bounded(tmp_path):
    bomb = alias_bomb()
    assert len(bomb.encode()) < 500
    root = write_journal(tmp_path / "journal", {"people/bomb.md": bomb})
    lines = range(3, 3 + 10)  # from `extra:` to the last level

    result = bounded_check(root, timeout=60)
    reported = [
        int(m["line"]) for m in map(PROBLEM.match, result.stdout.splitlines())
        if m and m["path"] == "people/bomb.md"
    ]  # fmt: skip
    assert reported and all(line in lines for line in reported), result.stdout + result.stderr

    built = bounded_build(root, timeout=60)
    assert built.returncode == 0, tail(built.stderr)
    assert any(p.startswith("people/bomb.md:") for p in build_warnings(built.stderr))


# ---------------------------------------------------------------- (f) a FIFO


def test_a_fifo_in_people_is_reported_not_waited_on(tmp_path):
    root = write_journal(tmp_path / "journal", {"people/jane-doe.md": "---\nname: Jane Doe\n---\n"})
    os.mkfifo(root / "people" / "pipe.md")

    result = bounded_check(root, timeout=30)
    raised = "Traceback" in result.stderr
    assert not raised, tail(result.stderr)
    assert any(line.startswith("people/pipe.md:") for line in result.stdout.splitlines()), (
        result.stdout + result.stderr
    )

    built = bounded_build(root, timeout=30)
    assert built.returncode == 0, tail(built.stderr)
    assert any(p.startswith("people/pipe.md:") for p in build_warnings(built.stderr))
    assert (root / "site" / "people" / "jane-doe" / "index.html").exists()


# ---------------------------------------------------------------- (g) a symlink out


def test_a_symlink_out_of_the_journal_is_not_published_silently(tmp_path):
    secret = tmp_path / "elsewhere" / "secret.md"
    secret.parent.mkdir()
    secret.write_text("---\nname: Someone Else\nwhere: Not In This Journal\n---\n", "utf-8")
    root = write_journal(tmp_path / "journal", {"people/jane-doe.md": "---\nname: Jane Doe\n---\n"})
    (root / "people" / "leak.md").symlink_to(secret)

    problems = checked(root)
    assert any(p.startswith("people/leak.md:") for p in problems), problems

    built = mkdocs_build(root)
    assert built.returncode == 0, tail(built.stderr)
    assert any(p.startswith("people/leak.md:") for p in build_warnings(built.stderr)), (
        textwrap.shorten(built.stderr, 2000)
    )
