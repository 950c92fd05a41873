"""Under `mkdocs serve`, a rebuild renders only what a save changed, and the site it
serves is, file by file, the site a clean `mkdocs build` of the same files makes."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import write_journal

TODAY = "2026-11-21"
REBUILT = "Reloading browsers"
BUILT = "Building documentation..."  # MkDocs' own build ran (its server says so)
READ = re.compile(r"kithbook: read (\d+) of \d+ journal files")
RENDERED = re.compile(r"kithbook: rendered (\d+) of (\d+) pages( \(the pages that changed\))?")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """`mkdocs serve` of the journal at ``root`` on ``port``, its site folder and its log."""

    def __init__(self, root: Path, tmp: Path, port: int, builder: str, *options: str) -> None:
        self.root = root
        self.builder = builder
        self.temp = tmp / "serve-temp"
        self.temp.mkdir()
        self.log = tmp / "serve.log"
        self.out = open(self.log, "w")  # noqa: SIM115 - closed in stop()
        env = {
            **os.environ,
            "KITHBOOK_TODAY": TODAY,
            "NO_MKDOCS_2_WARNING": "1",
            "TMPDIR": str(self.temp),  # where mkdocs serve makes its site folder
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", builder, "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"]
            + list(options),
            cwd=root,
            env=env,
            stdout=self.out,
            stderr=subprocess.STDOUT,
        )
        self.wait_for("Serving on", 1)
        time.sleep(0.5)  # the watchers take their first look

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, line: str, count: int) -> None:
        deadline = time.monotonic() + 180
        while self.text().count(line) < count:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"no '{line}' from mkdocs serve:\n{self.text()[-4000:]}")
            time.sleep(0.05)

    def change(self, edit) -> tuple[int, int, bool, bool]:
        """Make ``edit`` and wait for the rebuild: (pages rendered, pages, only changes,
        whether MkDocs' own build ran)."""
        text = self.text()
        before, built = text.count(REBUILT), text.count(BUILT)
        edit()
        self.wait_for(REBUILT, before + 1)
        text = self.text()
        rendered, pages, partial = RENDERED.findall(text)[-1]
        return int(rendered), int(pages), bool(partial), text.count(BUILT) > built

    @property
    def site(self) -> Path:
        (folder,) = [path for path in self.temp.iterdir() if path.is_dir()]
        return folder

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.out.close()


def tree(site: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def folders(site: Path) -> set[str]:
    return {str(path.relative_to(site)) for path in site.rglob("*") if path.is_dir()}


def assert_same_as_clean_build(served: Served, tmp: Path) -> None:
    clean = tmp / "clean"
    command = [sys.executable, "-m", served.builder, "build", "-f", "mkdocs.yml", "-d", str(clean)]
    env = {**os.environ, "KITHBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=served.root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    want, got = tree(clean), tree(served.site)
    assert sorted(got) == sorted(want)
    assert [path for path in want if want[path] != got[path]] == []
    assert folders(served.site) == folders(clean)


FILES = {
    "people/jane-doe.md": """
        ---
        name: Jane Doe
        where: Birmingham, UK
        circle: close
        tags: [brummies]
        ---
        Loves maps.
        """,
    "people/bob-smith.md": """
        ---
        name: Bob Smith
        where: London, UK
        introduced_by: jane-doe
        ---
        """,
    "people/ada-lane.md": """
        ---
        name: Ada Lane
        ---
        """,
    "events/2026/2026-10-02-coffee.md": """
        ---
        date: 2026-10-02
        title: Coffee at Tilt
        kind: coffee
        with: [jane-doe, bob-smith]
        ---
        We talked about maps.
        """,
    "events/2026/2026-12-05-thrive.md": """
        ---
        date: 2026-12-05
        title: Thrive Birmingham
        with: [Jane Doe]
        ---
        """,
}


#: MkDocs, and ProperDocs, which continues MkDocs 1.x with the same hooks and theme;
#: MkDocs with Material's tags plugin on, as journals made before kithbook's own tags
#: page have it (every save then goes through MkDocs' own rebuild); and `mkdocs serve
#: --dirty`, whose rebuilds Material's search plugin treats differently.
SERVERS = {
    "mkdocs": ("mkdocs", False),
    "properdocs": ("properdocs", False),
    "mkdocs-tags": ("mkdocs", True),
    "mkdocs-dirty": ("mkdocs", False, "--dirty"),
}


@pytest.fixture(scope="module", params=SERVERS.values(), ids=SERVERS.keys())
def served(request, tmp_path_factory):
    builder, tags, *options = request.param
    tmp = tmp_path_factory.mktemp(builder)
    root = write_journal(tmp / "journal", FILES, settings="me:\n  name: Sam\n")
    if not tags:
        config = root / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("  - tags\n", ""))
    # A hand-written page that links to a person whose page the rename removes.
    write(root / "docs/friends.md", "# Friends\n\nSee [Bob](people/bob-smith.md).\n")
    # A served page holds the site's address: the clean build must have the same one.
    port = free_port()
    config = root / "mkdocs.yml"
    config.write_text(f"site_url: http://127.0.0.1:{port}/\n" + config.read_text("utf-8"))
    server = Served(root, tmp, port, builder, *options)
    try:
        yield server, tmp, tags
    finally:
        server.stop()


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_every_rebuild_serves_what_a_clean_build_makes(served):
    """A sequence of saves as a person makes them; after each, the served site is the
    clean build's, file by file (search index, tags page and sitemap included, the
    pages of removed people gone), and the rebuilds after journal edits rendered only
    some of the pages, without MkDocs' own rebuild; a note, only its page."""
    server, tmp, tags = served
    root = server.root
    assert_same_as_clean_build(server, tmp)
    jane, bob = root / "people/jane-doe.md", root / "people/bob-smith.md"
    coffee = root / "events/2026/2026-10-02-coffee.md"

    def note():
        write(jane, jane.read_text("utf-8") + "\nNow climbs on Tuesdays.\n")

    def event_note():
        write(coffee, coffee.read_text("utf-8") + "\nShe brought the maps.\n")

    def new_event():
        write(
            root / "events/2026/2026-11-01-call.md",
            "---\ndate: 2026-11-01\nkind: call\nwith: [ada-lane]\n---\nA long call.\n",
        )

    def rename():  # as `kithbook rename bob-smith --name "Robert Smith" --slug robert-smith`
        text = bob.read_text("utf-8").replace("Bob Smith", "Robert Smith")
        write(root / "people/robert-smith.md", text.replace("---\n", "---\naka: [Bob Smith]\n", 1))
        bob.unlink()
        write(coffee, coffee.read_text("utf-8").replace("bob-smith", "robert-smith"))

    def delete():
        (root / "people/ada-lane.md").unlink()
        (root / "events/2026/2026-11-01-call.md").unlink()

    def new_tag():
        write(
            coffee, coffee.read_text("utf-8").replace("kind: coffee", "kind: coffee\ntags: [maps]")
        )

    broken = root / "people/broken.md"

    def break_a_file():
        write(broken, "---\nname: [unclosed\n---\n")

    def fix_it():
        write(broken, "---\nname: Fixed Person\n---\n")

    def config_change():
        config = root / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("Test journal", "Our journal"))

    steps = [  # (name, the save, whether it is a save to the journal alone)
        ("note", note, True),
        ("new event", new_event, True),
        ("rename", rename, True),
        ("delete", delete, True),
        ("new tag", new_tag, True),
        ("event note", event_note, True),
        ("broken file", break_a_file, True),
        ("its fix", fix_it, True),
        ("mkdocs.yml", config_change, False),
        ("note after the config", note, True),
    ]
    for name, edit, journal_only in steps:
        rendered, pages, only_changes, built = server.change(edit)
        assert only_changes == journal_only, name
        if journal_only:
            assert rendered < pages, name
        # a save to the journal renders its pages without MkDocs' own rebuild, but
        # with the tags plugin on
        assert built == (tags or not journal_only), name
        if "note" in name and not tags:  # a note shows on its own page alone
            assert rendered == 1, name
        if "note" in name:  # only the file saved is read again
            assert READ.findall(server.text())[-1] == "1", name
        assert_same_as_clean_build(server, tmp)
    problems = (server.site / "problems" / "index.html").read_text("utf-8")
    assert "broken.md" not in problems  # fixed, and so gone from /problems/


# ---------------------------------------------------------------- the internals relied on


def test_mkdocs_serve_reads_its_dirty_flag_from_the_builder_it_hands_plugins(tmp_path):
    """kithbook.mkdocs_hooks.server.dirty_rebuilds sets ``is_dirty`` in the closure of the
    builder that ``on_serve`` receives; and the server asks for a rebuild through
    ``_want_rebuild`` and ``_rebuild_cond``, as kithbook's own watcher does."""
    from mkdocs.commands import serve
    from mkdocs.livereload import LiveReloadServer

    (builder,) = [
        c for c in serve.serve.__code__.co_consts if getattr(c, "co_name", "") == "builder"
    ]
    assert "is_dirty" in builder.co_freevars
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert server._want_rebuild is False
        assert hasattr(server._rebuild_cond, "notify_all")
    finally:
        server.server_close()


def test_a_generated_file_counts_as_modified_unless_kithbook_says_otherwise():
    from types import SimpleNamespace

    from mkdocs.structure.files import File

    from kithbook.mkdocs_hooks.serve import JournalFile

    plugins = SimpleNamespace(_current_plugin="hooks/journal.py")
    config = SimpleNamespace(site_dir="/site", use_directory_urls=True, plugins=plugins)
    assert File.generated(config, "a.md", content="x").is_modified()
    page = JournalFile.generated(config, "a.md", content="x")
    page.modified = False
    assert isinstance(page, JournalFile) and not page.is_modified()


def test_material_search_writes_the_entries_kithbook_gives_it_as_it_writes_its_own():
    """kithbook.live keeps each page's search entries as the JSON text the search plugin
    writes; the index written with them (``write_docs``) is, byte for byte, the one
    the plugin writes of the same entries, once."""
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    from kithbook.live import search_index
    from kithbook.mkdocs_hooks.search import write_docs

    def index(*entries: dict) -> SearchIndex:
        made = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=["stemmer"], fields={})
        made.entries = list(entries)
        return made

    a = {"location": "people/a/", "title": 'Zoë "A" <b>', "text": "maps\u2028", "tags": ["x"]}
    b = {"location": "people/b/#met", "title": "B", "text": "", "boost": 2}
    expected = index(a, b).generate_search_index(None)
    docs, by_page = search_index(
        ["people/a/", "people/c/", "people/b/"],
        {"people/a/"},
        [a],
        {"people/b/": json.dumps(b, separators=(",", ":"))},
    )
    assert by_page["people/c/"] == ""
    ours = index(a)
    write_docs(ours, docs)
    assert ours.generate_search_index(None) == expected
    assert ours.generate_search_index(None) == index().generate_search_index(None)  # once
    for entries in ([], [a]):  # no page with entries, and one
        ours = index()
        write_docs(ours, search_index(["people/a/"], {"people/a/"}, entries, {})[0])
        assert ours.generate_search_index(None) == index(*entries).generate_search_index(None)
    # under `mkdocs serve --dirty` it adds the last index (``search_index_prev``) unless
    # that is None, as kithbook sets it
    assert SearchPlugin().search_index_prev is None
    prev = index(b)
    assert len(json.loads(index(a).generate_search_index(prev))["docs"]) == 2
