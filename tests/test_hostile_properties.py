"""Issue 13, property-based: generated YAML and text thrown at the loader (hypothesis).

Person and event files are made from FORMAT.md's fields with values of every YAML type
(text with control characters and markup, numbers, dates from 0001-01-01 to 9999-12-31,
datetimes, durations like 9999y, nested lists and mappings, anchors and aliases, tags,
booleans, nulls), and whole files of garbage text and bytes. Whatever they hold:

- the loader never raises, and neither does the page build, for any today;
- `kithbook check --json` lists exactly the problems the loader (so the build) found,
  and exits 0 or 1, never with a traceback; plain `check` prints one line per problem.

Derandomized, so that CI sees the same examples on every run, and not shrunk (see
SETTINGS).
"""

from __future__ import annotations

import json
import re
import tempfile
import textwrap
from datetime import date
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import MKDOCS_YML
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from kithbook.cli import main
from kithbook.config import parse_config, read_config_file
from kithbook.load import EVENT_FIELDS, PERSON_FIELDS, load_journal
from kithbook.model import FIRST_DAY, LAST_DAY
from kithbook.pages import build_site

SETTINGS = dict(
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: shrinking journals of several files took minutes; the example a
    # failure prints is as generated (a few small files), and a failing run takes as
    # long as a passing one.
    phases=(Phase.explicit, Phase.generate),
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TODAY = "2026-11-21"

NAMES = ("Bob", "Jane Doe", "Miles O'Brien", "Miles O'Brian", "Zoë Ångström", "<b>Tom</b>")
#: YAML text of scalars that load but are hard to use: far dates, big durations and
#: numbers, YAML 1.1 oddities, explicit tags, markup, control characters.
SCALARS = (
    "0001-01-01", "9999-12-31", "9999-12-31 23:30", "9999-12-31T23:59:59Z", "0001-01-01 00:00",
    "2024-02-30", "2026-02-29", "2026-02-30 25:61", "1999-12-31 23:59:59.999999+14:00",
    "9999-12-31T23:59:59-14:00", "12-31", "02-29", "13-01", "9999y", "999999999999d",
    "99999999999999999999999w", "9999999m", "0d", "-1d", "1.5w", "2 w", "never", "Never",
    "1e400", "-1e400", ".inf", "-.inf", ".nan", "0x1F", "0o17", "017", "0b101", "12:30:00",
    "190:20:30", "1_000", "-0", "~", "null", "yes", "no", "on", "off", "true", "False", "''",
    '""', '" "', "!!binary aGVsbG8=", "!!str 1", "!!timestamp 9999-12-31", "!!set {a, b}",
    "!!omap [a: 1, b: 2]", "!!pairs [a: 1]", "!!null ''", '"\\u0000\\x07\\e[31m\\u202e\\r\\n"',
    "inner", "close", "friend", "acquaintance", "INNER", "me", "them", '"[x] done"',
    '"[ ] open"', "coffee", "Coffee", "intro", "jane-doe", "bob",
    '"<img src=x onerror=alert(1)>"', '"</title><script>alert(1)</script>"', '"{{ 7*7 }}"',
    '"<!-- material/tags -->"',
)  # fmt: skip
#: YAML text that cannot be loaded (so the file is an error) or that is unsafe to load.
BREAKING = (
    "0000-01-01", "10000-01-01", "!!int abc", "!!float x", "!!timestamp 2024-13-01",
    "!!python/object:os.system", "!!python/name:os.system", "!custom x", "!!bool maybe",
    "!!seq x", "!!map x", "*undefined", "[a, *undefined]", "'''", "|", "- - -", "{", "[",
    "]", "}", ":", "@at", "`tick", "%percent", "<<: x",
)  # fmt: skip
#: Lines placed first in a front matter: anchors that later values may use, merge keys,
#: a small alias bomb.
PRELUDES = (
    "",
    "x: &a [1, 2, 3]",
    "x: &a {name: Bob, tags: [a, b]}",
    "x: &a Bob",
    "<<: {name: Bob}",
    "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]",
    "%YAML 1.1",
    "? [complex, key]\n: value",
    "? {a: 1}\n: value",
    "2024-01-01: a date as a key",
    "null: a null key",
    "1: an int key",
)
ODD_KEYS = ("notes", "Name", "name ", "<b>", "'quoted'", '"extra"', "1", "~", "x" * 300, "*a")
PEOPLE = (
    "people/bob.md", "people/jane-doe.md", "people/miles-obrien.md", "people/zoe.yml",
    "people/zoe.yaml", "people/bob.yml", "people/tom-2.md",
)  # fmt: skip
#: Files that are not people, or cannot be: reserved, bad or hidden names, other suffixes.
ODD_PEOPLE = (
    "people/index.md", "people/Bad Name.md", "people/x--y.md", "people/.hidden.md",
    "people/notes.txt", "people/ünï.md",
)  # fmt: skip
EVENTS = (
    "events/tea.md", "events/2026/2026-01-01-tea.md", "events/2026/2026-01-01-tea.yml",
    "events/log.yml", "events/2026/log.yaml", "events/a/b/c/d.md", "events/<b>.md",
    "events/ünï cødé.md",
)  # fmt: skip
ODD_EVENTS = ("events/index.md", "events/.hidden.md", "events/x.txt")


dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
plain_text = st.text(max_size=40)
#: Python values that yaml.safe_dump writes: every type the safe loader makes.
python_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | plain_text
    | dates
    | st.datetimes(min_value=__import__("datetime").datetime(1, 1, 1)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(plain_text, inner, max_size=4),
    max_leaves=10,
)


def _itself(value):
    return value


def sometimes(rare, usual, times: int = 9):
    """``usual``, and one time in ``times + 1`` ``rare`` (shrinking towards ``usual``).
    (one_of draws each distinct strategy equally: ``usual`` is given ``times`` times,
    each mapped on its own, as one_of would merge the same one given twice.)"""
    return st.one_of(*(usual.map(_itself) for _ in range(times)), rare)


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that loads whatever it holds: what YAML
    may not hold raw (control characters, surrogates) is escaped."""
    out = []
    for char in text:
        code = ord(char)
        printable = code in (0x09, 0x85) or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF
        printable = printable or 0xE000 <= code <= 0xFFFD or code >= 0x10000
        if char in '"\\':
            out.append("\\" + char)
        elif printable:
            out.append(char)
        else:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return '"' + "".join(out) + '"'


#: One-line YAML text of a value that loads (a flow scalar, list or mapping).
flow_scalars = st.one_of(
    st.sampled_from(SCALARS),
    st.sampled_from(NAMES),
    plain_text.map(quoted),
    dates.map(date.isoformat),
    st.tuples(dates, st.integers(0, 23), st.integers(0, 59)).map(
        lambda t: f"{t[0].isoformat()} {t[1]:02d}:{t[2]:02d}"
    ),
    st.tuples(st.integers(0, 10**15), st.sampled_from("dwmyDx")).map(lambda t: f"{t[0]}{t[1]}"),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
)
flow_values = st.recursive(
    flow_scalars,
    lambda inner: (
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
        | st.lists(st.tuples(flow_scalars, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
        )
    ),
    max_leaves=8,
)
#: Now and then (one value in twenty) YAML that breaks the file, or plain text.
breaking = st.sampled_from(BREAKING) | plain_text.map(lambda text: text.replace("\n", " "))
any_value = sometimes(breaking, flow_values, times=19)


@st.composite
def front_matter(draw, fields: tuple[str, ...], required: tuple[tuple[str, object], ...]) -> str:
    """YAML mapping text: usually the required fields, then any fields (repeats and odd
    keys too), each a flow value on its line or a block dumped by PyYAML."""
    lines = [draw(sometimes(st.sampled_from(PRELUDES), st.just(""), times=4))]
    for key, values in required:
        if draw(st.integers(0, 9)):  # mostly there
            lines.append(f"{key}: {draw(values)}")
    keys = sometimes(st.sampled_from(ODD_KEYS), st.sampled_from(fields))
    for key in draw(st.lists(keys, max_size=6)):
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(any_value)}")
        else:
            dumped = yaml.safe_dump(draw(python_values), allow_unicode=True, width=10**6)
            dumped = dumped.removesuffix("...\n")
            lines.append(f"{key}:\n" + textwrap.indent(dumped, "  "))
    return "\n".join(line for line in lines if line)


names = st.sampled_from(NAMES) | st.lists(st.sampled_from(NAMES), max_size=3).map(
    lambda items: "[" + ", ".join(json.dumps(i, ensure_ascii=False) for i in items) + "]"
)
person_yaml = front_matter(
    PERSON_FIELDS, (("name", sometimes(flow_values, st.sampled_from(NAMES))),)
)
event_yaml = front_matter(
    EVENT_FIELDS,
    (
        ("date", dates.map(date.isoformat) | flow_scalars),
        ("with", names),
        ("by", st.sampled_from(("me", "them", *NAMES))),
    ),
)


def as_markdown(fields: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(fields, st.text(max_size=60)).map(lambda t: f"---\n{t[0]}\n---\n{t[1]}")


def as_list(fields: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(fields, max_size=3).map(
        lambda items: "\n".join("- " + textwrap.indent(item, "  ").lstrip() for item in items)
    )


def encoded(texts: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Text as bytes: UTF-8, maybe with a BOM, maybe with CRLF or CR line ends."""
    return st.tuples(
        texts, st.sampled_from(("", "\ufeff")), st.sampled_from(("\n", "\r\n", "\r"))
    ).map(lambda t: (t[1] + t[0].replace("\n", t[2])).encode("utf-8"))


garbage = st.binary(max_size=200) | encoded(st.text(max_size=200))


FILES = {
    ("people", ".md"): sometimes(garbage, encoded(as_markdown(person_yaml))),
    ("people", ".yml"): sometimes(garbage, encoded(person_yaml)),
    ("events", ".md"): sometimes(garbage, encoded(as_markdown(event_yaml))),
    ("events", ".yml"): sometimes(garbage, encoded(event_yaml) | encoded(as_list(event_yaml))),
}


def content(path: str) -> st.SearchStrategy[bytes]:
    """What a file at ``path`` holds: what its folder and suffix call for, or garbage."""
    suffix = ".md" if path.endswith(".md") else ".yml" if path.endswith((".yml", ".yaml")) else ""
    return FILES.get((path.split("/")[0], suffix), garbage)


@st.composite
def journals(draw) -> dict[str, bytes]:
    """Relative path -> bytes: a few person and event files, now and then one with a name
    that cannot be a record."""
    paths = draw(st.lists(st.sampled_from(PEOPLE), max_size=4, unique=True))
    paths += draw(st.lists(st.sampled_from(EVENTS), max_size=4, unique=True))
    paths += draw(
        sometimes(st.lists(st.sampled_from(ODD_PEOPLE + ODD_EVENTS), max_size=2), st.just([]))
    )
    return {path: draw(content(path)) for path in dict.fromkeys(paths)}


#: The config's extra.kithbook: settings that are hard to read, `today:` included.
config_yaml = front_matter(
    ("me", "cadence", "kinds", "default_kind", "today", "ranking", "unknown"),
    (
        ("today", flow_scalars),
        (
            "me",
            st.sampled_from(("{name: Sam, email: [sam@example.org]}", "Sam", "[]", "{email: 1}")),
        ),
        ("cadence", flow_values),
        ("kinds", flow_values),
    ),
)


def write(root: Path, files: dict[str, bytes], settings_text: str = "") -> Path:
    """A journal of ``files`` at ``root``; ``settings_text`` goes under extra.kithbook."""
    config = MKDOCS_YML
    if settings_text:
        config += "extra:\n  kithbook:\n" + textwrap.indent(settings_text, "    ") + "\n"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def check(root: Path, *options: str):
    """`kithbook --journal ROOT check OPTIONS`, in-process: never a traceback, 0 or 1."""
    result = CliRunner().invoke(
        main, ["--journal", str(root), "check", *options], env={"KITHBOOK_TODAY": TODAY}
    )
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"check raised {result.exception!r}\n{result.output[-2000:]}"
    assert result.exit_code in (0, 1), result.output
    return result


def agree(root: Path) -> None:
    """The loader never raises, and `check` (--json and plain) says what it found."""
    settings_, config_problems = read_config_file(root)
    config, more = parse_config(settings_)
    journal, problems = load_journal(root, config)
    expected = sorted([*config_problems, *more, *problems])
    event(f"records: {min(len(journal.people) + len(journal.events), 3)}")
    event(f"problems: {min(len(expected), 3)}")

    result = check(root, "--json")
    assert json.loads(result.stdout) == [p.as_json() for p in expected]
    assert result.exit_code == (1 if any(p.level == "error" for p in expected) else 0)

    summary = re.compile(r"\d+ (person|people), \d+ events?: ")
    printed = [line for line in check(root).stdout.splitlines() if not summary.match(line)]
    assert len(printed) == len(expected), "check printed a problem on more than one line"
    for line, problem in zip(printed, expected, strict=True):
        assert line.startswith(f"{problem.source.path}:{problem.source.line}: {problem.level}: ")
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in line), repr(line)


@settings(max_examples=300, **SETTINGS)
@given(files=journals())
def test_check_and_the_loader_agree_on_generated_files(files):
    with tempfile.TemporaryDirectory() as folder:
        agree(write(Path(folder), files))


@settings(max_examples=60, **SETTINGS)
@given(files=journals(), settings_text=config_yaml)
def test_check_and_the_loader_agree_on_a_generated_config(files, settings_text):
    with tempfile.TemporaryDirectory() as folder:
        agree(write(Path(folder), files, settings_text))


def build(files: dict[str, bytes], today: date) -> None:
    """The engine's page build of the journal of ``files``: it never raises, and every
    person the loader kept gets a page."""
    with tempfile.TemporaryDirectory() as folder:
        root = write(Path(folder), files)
        config, _ = parse_config(read_config_file(root)[0])
        journal, problems = load_journal(root, config)
        pages = build_site(journal, problems, today)
        assert "index.md" in pages and "problems.md" in pages
        for slug in journal.people:
            assert f"people/{slug}.md" in pages


@settings(max_examples=200, **SETTINGS)
@given(files=journals())
def test_the_page_build_never_raises_on_generated_files(files):
    build(files, date.fromisoformat(TODAY))


@settings(max_examples=60, **SETTINGS)
@given(files=journals(), today=st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_the_page_build_never_raises_on_any_day(files, today):
    """On any day kithbook takes as today: KITHBOOK_TODAY and ``today:`` outside
    FIRST_DAY..LAST_DAY are refused before a build starts (test_hostile_inputs)."""
    build(files, today)
