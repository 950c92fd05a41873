"""Material's search index of a large page, read again only where the page changed.

Material's search plugin reads each page it renders whole, with an HTML parser of its
own (``SearchIndex.add_entry_from_context``), and cuts it into sections at its
headings. The listing pages are megabytes (the events index, the tags page) and are
rendered again whenever an event is added, though most of their sections keep their
text; reading them again was the largest part of such a rebuild.

The parser begins a heading that stands at the top of the page in the same state
whatever came before it: nothing is open and the heading starts a section of its own.
So a page can be read in pieces that each begin at such a heading, and a piece read
for the last build gives the same sections again. Whether a heading stands at the top
is the parser's own answer, not a guess: a page is cut before a heading only where the
parser, having read everything up to it, has nothing open and nothing left unread (not
inside an element, a comment or a tag).

A section can be long too: /next/ is one section of a block per person. It is also cut
before each ``<details>`` block at the top of the page, and such a piece goes on the
section before it. What the parser makes of it depends on that section's text only in
two ways: whether it is empty or ends in a space (runs of spaces are kept as one), and
which of the tags it keeps (``<p>``, ``<li>``...) the text opened already (an element of
such a tag is dropped when empty only if it is the section's first). So the piece is
read after a stand-in text with the same two answers, and kept under them.
``tests/test_search_sections.py`` holds the sections read in pieces to those of
Material's whole reading, page by page.
"""

from __future__ import annotations

import re
from functools import partial

from material.plugins.search.plugin import Element, Parser, Section

#: Where a piece may begin: a heading with an id, which always begins a section, or a
#: <details> block at the start of a line, which goes on the section before it.
_PIECE = re.compile(r"(?=<h[1-6] id=)|(?<=\n)(?=<details[\s>])")
_SECTION_START = re.compile(r"<h[1-6] id=")
_ANY_HEADING = re.compile(r"<h[1-6][\s>]")
#: The tags whose elements the parser keeps in a section's text, as it opens them.
_KEPT = frozenset(f"<{tag}>" for tag in Parser().keep)
#: Material's search plugin, by its name in mkdocs.yml's plugins.
SEARCH_PLUGIN = "material/search"
#: Pages shorter than this are read whole: their reading costs little, and keeping
#: their pieces would hold the text of the whole site twice.
LARGE_PAGE = 50_000


def search_index_of(config):
    """Material's search index of the build of ``config`` (its ``SearchIndex``); None
    when the search plugin is off."""
    return getattr(config.plugins.get(SEARCH_PLUGIN), "search_index", None)


class SectionReader:
    """The search entries of each large page, read piece by piece, with the sections of
    each piece kept from the last time the page was read."""

    def __init__(self) -> None:
        #: each large page's pieces, by URL: (first, text) to the sections read of it
        self.pieces: dict[str, dict[tuple[bool, str], list[Section]]] = {}
        #: pieces read and pieces taken as they were, since the reader was made
        self.read, self.reused = 0, 0

    def read_for(self, index) -> None:
        """Read each page for Material's search index ``index`` from now on."""
        index.add_entry_from_context = partial(self.add_entry_from_context, index)

    def add_entry_from_context(self, index, page) -> None:
        """What ``SearchIndex.add_entry_from_context`` does, for ``index``: the page's
        search entries, unless its metadata keeps it out of search."""
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        for section in self.sections(page.url, page.content or ""):
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)

    def sections(self, url: str, html: str) -> list[Section]:
        """The sections of the page at ``url`` whose HTML is ``html``, as Material's
        parser reads them."""
        if len(html) < LARGE_PAGE:
            self.pieces.pop(url, None)
            return _read(html)
        before, now = self.pieces.get(url, {}), {}
        found: list[Section] = []
        parser: Parser | None = None
        state = _SectionState()
        for piece in _PIECE.split(html):
            if parser is None and found and not _SECTION_START.match(piece):
                text = self._inside(found[-1], piece, state, before, now)
                if text is None:  # not a piece that goes on the section: read it all
                    self.pieces.pop(url, None)
                    return _read(html)
                found[-1].text += text
                continue
            key = (not found, piece)
            if parser is None and key in before:
                now[key] = before[key]
                found += _copies(before[key])
                self.reused += 1
                continue
            if parser is None:
                parser, start, whole = _parser(first=not found), key, True
            else:
                whole = False  # a piece that did not end at the top: read on
            parser.feed(piece)
            if _at_top(parser):
                read = _sections_of(parser, start[0])
                if whole:
                    now[start] = _copies(read)
                found += read
                parser = None
                self.read += 1
        if parser is not None:
            parser.close()
            found += _sections_of(parser, start[0])
        self.pieces[url] = now
        return found

    def _inside(
        self, section: Section, piece: str, state: _SectionState, before: dict, now: dict
    ) -> list[str] | None:
        """What the parser adds to the text of ``section``, the last one read, from
        ``piece``, a block that goes on it; None when the piece holds a heading or does
        not end at the top of the page, or the section was left (a heading inside an
        element), which a piece of its own cannot tell."""
        if section.depth > 1 or _ANY_HEADING.search(piece):
            return None
        key = (state.of(section), piece)
        if key in before:
            now[key] = before[key]
            self.reused += 1
            return list(before[key])
        stand_in = state.stand_in()
        going_on = Section(section.el, section.depth)
        going_on.text = list(stand_in)
        parser = Parser()
        parser.data.append(going_on)
        parser.section = going_on
        parser.feed(piece)
        if not _at_top(parser) or len(parser.data) != 1 or parser.section is not going_on:
            return None
        text = going_on.text[len(stand_in) :]
        now[key] = tuple(text)
        self.read += 1
        return text


class _SectionState:
    """What a piece that goes on a section depends on of the section's text before it:
    the kept tags it opened already, and whether it is empty or ends in a space. Told
    section by section as the text grows, each item looked at once."""

    def __init__(self) -> None:
        self.section: Section | None = None
        self.seen = 0
        self.opened: set[str] = set()
        self.ending = ""

    def of(self, section: Section) -> tuple:
        """The state of ``section``'s text now."""
        if section is not self.section:
            self.section, self.seen, self.opened = section, 0, set()
        text = section.text
        self.opened.update(item for item in text[self.seen :] if item in _KEPT)
        self.seen = len(text)
        self.ending = "" if not text else " " if text[-1].isspace() else "x"
        return (section.el.tag, section.depth, frozenset(self.opened), self.ending)

    def stand_in(self) -> list[str]:
        """A text in that state: each opened tag's element, not empty, then the end."""
        text = [item for tag in sorted(self.opened) for item in (tag, "</" + tag[1:])]
        return [*text, self.ending] if self.ending and (self.ending == " " or not text) else text


def _read(html: str) -> list[Section]:
    """The sections of ``html`` read whole, as Material's search plugin reads a page."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


def _parser(first: bool) -> Parser:
    """A parser in the state Material's is in at a heading at the top of a page, after
    the sections before it (``first``: there are none)."""
    parser = Parser()
    if not first:
        # Only whether there is a section before matters: a heading that is not the
        # page's first takes its id, and no empty section is put before it.
        parser.section = Section(Element("hx"))
        parser.data.append(parser.section)
    return parser


def _sections_of(parser: Parser, first: bool) -> list[Section]:
    """The sections ``parser`` read, without the one ``_parser`` put before them."""
    return parser.data if first else parser.data[1:]


def _at_top(parser: Parser) -> bool:
    """Whether ``parser`` has read everything it was given and has nothing open: what
    comes next is read as it would be at the top of a page."""
    return not parser.context and not parser.rawdata and parser.cdata_elem is None


def _copies(sections: list[Section]) -> list[Section]:
    """Copies of ``sections`` that their reader may change (a section with no title is
    given its page's)."""
    copies = []
    for section in sections:
        copy = Section(section.el, section.depth)
        copy.title, copy.text, copy.id = list(section.title), list(section.text), section.id
        copies.append(copy)
    return copies


def write_docs(index, docs: list[str]) -> None:
    """Have Material's search ``index``, when it next writes itself, write ``docs`` as
    its entries (their JSON text, page by page, ``kithbook.live.search_index``) rather
    than make the text of each entry again: most of a large site's index is the entries
    of pages a rebuild did not render, and the whole index is 88 MB at 10,000 people.
    Material still writes the rest of the file (its settings)."""
    index.entries = []

    def generate_search_index(prev) -> str:
        del index.generate_search_index  # once: the next build's index is its own again
        settings = type(index).generate_search_index(index, None)  # '...,"docs":[]}'
        head = settings.removesuffix("[]}") + "["
        if not docs:
            return head + "]}"
        # Made in one copy: each copy of a text this large costs a tenth of a second.
        texts = [head + docs[0], *docs[1:]]
        texts[-1] += "]}"
        return ",".join(texts)

    index.generate_search_index = generate_search_index
