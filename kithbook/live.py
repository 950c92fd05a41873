"""What a rebuild under ``mkdocs serve`` keeps from the build before it, so that it
redoes only what a save changed and still writes the site a clean build would write.

A site of thousands of people is thousands of pages, and a save changes a few of them.
MkDocs can skip a page that did not change (a "dirty" build), but left to itself a
dirty build is wrong in three ways: it cannot tell which generated pages changed, the
search index it writes holds only the pages it rendered, and the pages of deleted
records stay in the site. ``LiveSite`` remembers what is needed to put each right:

- the generated files of the last build, so that a page counts as changed only when
  its text did (``changed``);
- each page's search entries, so that the index is written whole, in the order of a
  clean build (``search_index``);
- where each file of the site was written, so that the output of a file that is gone
  is removed (``gone``);
- the title and metadata of each page in the navigation, which every page shows;
- a fingerprint of everything that is not the journal (``inputs``): when the config,
  the hand-written pages or the day change, the next build renders everything.

It knows nothing of MkDocs: kithbook.mkdocs_hooks hands it plain values.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LiveSite:
    """The last build's results that the next one needs, kept across rebuilds."""

    #: the generated files, by path under the docs folder
    contents: dict[str, str] = field(default_factory=dict)
    #: each page's search entries as JSON text (``search_index``), by the page's URL
    search: dict[str, str] = field(default_factory=dict)
    #: where each file of the site was written, by its path under the docs folder
    outputs: dict[str, str] = field(default_factory=dict)
    #: title and metadata of each page in the navigation, by path under the docs folder
    nav: dict[str, tuple[str | None, dict]] = field(default_factory=dict)
    #: the fingerprint of what is not the journal (``inputs``), None before a first build
    inputs: tuple | None = None

    def changed(self, path: str, content: str) -> bool:
        """Whether the generated file ``path`` differs from the last build's (a page
        that keeps its text is the same object when it was not made again)."""
        before = self.contents.get(path)
        return before is not content and before != content

    def forget(self) -> None:
        """Start again from nothing: the next build renders every page."""
        self.contents, self.search, self.outputs, self.nav = {}, {}, {}, {}
        self.inputs = None


def search_index(
    pages: list[str], rendered: set[str], entries: list[dict], before: dict[str, str]
) -> tuple[list[str], dict[str, str]]:
    """The entries of the whole search index of a build that rendered only the pages
    ``rendered`` (by URL), of ``pages``, all the site's pages in the order a build
    renders them: ``entries``, the search entries of the pages rendered, with each other
    page's from ``before``. Entries are JSON text, as Material's search plugin writes
    its index, page by page (the pages with none left out), to be joined by commas; a
    page's entries are made text once, when it is rendered. Also each page's entries,
    for the next build. An entry belongs to the page whose URL its location starts
    with, up to the ``#`` of a section."""
    fresh: dict[str, list[dict]] = {url: [] for url in rendered}
    for entry in entries:
        url = entry["location"].partition("#")[0]
        fresh.setdefault(url, []).append(entry)
    by_page = {url: _json(fresh[url]) if url in rendered else before.get(url, "") for url in pages}
    return [text for text in by_page.values() if text], by_page


def _json(entries: list[dict]) -> str:
    """``entries`` as the search plugin writes them in its index, without the brackets
    around them."""
    return json.dumps(entries, separators=(",", ":"), default=str)[1:-1]


def gone(before: dict[str, str], now: dict[str, str]) -> list[str]:
    """The outputs of the last build whose files are no longer in the site."""
    kept = set(now.values())
    return sorted(path for src, path in before.items() if src not in now and path not in kept)


def remove_output(path: str, site_dir: str) -> None:
    """Remove the file ``path`` of the site at ``site_dir``, and the folders it leaves
    empty, as a clean build would never have made them."""
    Path(path).unlink(missing_ok=True)
    folder = os.path.dirname(path)
    site = os.path.abspath(site_dir)
    while os.path.abspath(folder).startswith(site + os.sep):
        try:
            os.rmdir(folder)
        except OSError:  # not empty, or already gone
            break
        folder = os.path.dirname(folder)


def tree_fingerprint(folder: str) -> tuple:
    """Each file under ``folder`` with its size and time of change: whether anything
    there changed since the last look."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            try:
                status = os.stat(path)
            except OSError:
                continue
            found.append((path, status.st_size, status.st_mtime_ns))
    return tuple(found)


def file_fingerprint(path: str | None) -> tuple:
    """A file's bytes, or None if it cannot be read."""
    if not path:
        return ()
    try:
        return (Path(path).read_bytes(),)
    except OSError:
        return (None,)
