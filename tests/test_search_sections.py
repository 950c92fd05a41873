"""A large page read in pieces for Material's search (kithbook.mkdocs_hooks.search):
the sections are the ones Material's parser reads of the whole page, and a piece that
kept its text is not read again."""

from __future__ import annotations

import pytest
from builders import TODAY, event, journal, person
from material.plugins.search.plugin import Parser
from test_ready import page_html, site

from kithbook.mkdocs_hooks import search
from kithbook.mkdocs_hooks.search import SectionReader
from kithbook.pages import build_site

#: Pages where a heading is not at the top of the page, or the text before it is not
#: all read: each must be read as Material reads it whole.
TRICKY = {
    "text before the first heading": 'Hello <b>there</b>\n<h1 id="a">A</h1>\n<p>x</p>\n',
    "no h1": '<h2 id="a">A</h2>\n<p>x</p>\n<h3 id="b">B</h3>\n<p>y</p>\n',
    "a heading in a div": '<h1 id="t">T</h1>\n<div>\n<h2 id="a">A</h2>\n<p>x</p>\n</div>\n'
    '<h2 id="b">B</h2>\n<p>y</p>\n',
    "a heading in a comment": '<h1 id="t">T</h1>\n<!-- <h2 id="a">A</h2> -->\n<h2 id="b">B</h2>',
    "a heading in a script": '<h1 id="t">T</h1>\n<script>var s = \'<h2 id="a">\';</script>\n'
    '<h2 id="b">B</h2>\n',
    "a heading in an attribute": '<h1 id="t">T</h1><p title=\'<h2 id="a">A</h2>\'>x</p>'
    '<h2 id="b">B</h2>',
    "an element left open": '<h1 id="t">T</h1>\n<p>open\n<h2 id="a">A</h2>\n<p>x</p>\n',
    "half a character reference": '<h1 id="t">T</h1>\n<p>x</p>\nfish &am<h2 id="a">A</h2>',
    "a section kept out of search": '<h1 id="t">T</h1>\n<h2 id="a" data-search-exclude>A</h2>'
    '\n<p>x</p>\n<h2 id="b">B</h2>\n<p>y</p>\n',
    "a permalink and empty elements": '<h1 id="t">T<a class="headerlink" href="#t">&para;</a>'
    '</h1>\n<p> </p>\n<ul>\n<li>\n</li>\n</ul>\n<h2 id="b">B</h2>\n<pre>  a\n\n  b</pre>\n',
    "a heading without an id": '<h1 id="t">T</h1>\n<p>x</p>\n<h2>A</h2>\n<p>y</p>\n',
    "nothing": "",
    # blocks that go on the section before them
    "blocks on a section": '<h1 id="t">T</h1>\n<p>a</p>\n<details class="x">\n<summary>S</summary>'
    "\n<p> </p>\n<ul>\n<li>x</li>\n</ul>\n</details>\n<details>\n<summary>U</summary>\n<p></p>"
    '\n<ul>\n<li> </li>\n</ul>\n</details>\n<h2 id="b">B</h2>\n<details><p></p></details>\n',
    "a block first on the page": '<details>\n<summary>A</summary>\n</details>\n<h1 id="t">T</h1>',
    "a block after a space": '<h1 id="t">T</h1>\n<p>a</p> word \n<details> <summary>S</summary> '
    "x</details>\n<details>\n\n</details>\n",
    "a heading in a block": '<h1 id="t">T</h1>\n<details>\n<h2 id="a">A</h2>\n</details>\n<p>x</p>',
    "a heading without an id in a block": '<h1 id="t">T</h1>\n<p>a</p>\n<details>\n<h1>X</h1>\n'
    "</details>\n",
    "a block in a block": '<h1 id="t">T</h1>\n<details>\n<summary>A</summary>\n<details>\n'
    "<summary>B</summary>\n</details>\n</details>\n<details><p></p></details>\n",
    "a block after a section left": '<h1 id="t">T</h1>\n<div>\n<h2 id="a">A</h2>\n</div>\n'
    "<details><summary>x</summary><p></p></details>\n",
    "a block with pre": '<h1 id="t">T</h1>\n<pre>a\n\n</pre>\n<details>\n<pre>  b  </pre>\n'
    "<pre></pre>\n</details>\n",
}


def whole(html: str) -> list[tuple]:
    """The sections Material's search plugin reads of ``html``."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return described(parser.data)


def described(sections) -> list[tuple]:
    return [(s.el.tag, s.el.attrs, s.id, s.depth, s.title, s.text) for s in sections]


@pytest.fixture
def reader(monkeypatch) -> SectionReader:
    """A reader that reads every page in pieces, however small."""
    monkeypatch.setattr(search, "LARGE_PAGE", 0)
    return SectionReader()


@pytest.mark.parametrize("html", TRICKY.values(), ids=TRICKY.keys())
def test_a_page_read_in_pieces_has_the_sections_of_a_whole_reading(reader, html):
    expected = whole(html)
    assert described(reader.sections("page/", html)) == expected
    assert described(reader.sections("page/", html)) == expected  # the pieces kept
    changed = html.replace("B", "Bee")
    assert described(reader.sections("page/", changed)) == whole(changed)


def test_every_generated_page_reads_as_a_whole(reader):
    pages = [page_html(text) for text in site().values() if text.startswith("<!-- kithbook")]
    assert len(pages) > 5
    for number, html in enumerate(pages):
        assert described(reader.sections(f"{number}/", html)) == whole(html)
        assert described(reader.sections(f"{number}/", html)) == whole(html)


def events_index(count: int) -> str:
    """The events index of a journal of ``count`` events, one a week, as HTML."""
    people = [person("ana-lee"), person("bo-chen")]
    events = [event(7 * days, "ana-lee", "bo-chen") for days in range(count)]
    return page_html(build_site(journal(people, events), [], TODAY)["events/index.md"])


def test_a_new_event_reads_again_only_its_own_month():
    """The events index of 300 events, one a week, is long enough to be read in pieces;
    an event more (the oldest) changes its month's section, and the count at the top,
    and only those pieces are read again."""
    before, after = events_index(300), events_index(301)
    assert len(before) > search.LARGE_PAGE
    reader = SectionReader()
    assert described(reader.sections("events/", before)) == whole(before)
    first = reader.read
    assert first > 60  # a piece for each month
    assert described(reader.sections("events/", after)) == whole(after)
    assert reader.read - first <= 2 and reader.reused >= first - 2


def test_a_small_page_is_read_whole_and_not_kept():
    reader = SectionReader()
    html = TRICKY["no h1"]
    assert described(reader.sections("small/", html)) == whole(html)
    assert reader.read == 0 and reader.pieces == {}


def next_page(count: int, note: str = "") -> str:
    """/next/ of a journal of ``count`` people, each seen once, as HTML."""
    people = [person(f"p-{n:03}", circle="friend") for n in range(count)]
    events = [event(30 + n, f"p-{n:03}", notes=note if n == 7 else "") for n in range(count)]
    return page_html(build_site(journal(people, events), [], TODAY)["next.md"])


def test_a_block_of_next_that_kept_its_text_is_not_read_again():
    """/next/ is one section of a block per person: a change to one person's block
    reads again that block, not the others."""
    before = next_page(120)
    after = before.replace("p-007", "p-007 changed", 1)
    assert len(before) > search.LARGE_PAGE and after != before
    reader = SectionReader()
    assert described(reader.sections("next/", before)) == whole(before)
    first = reader.read
    assert first > 120  # a piece for each person
    assert described(reader.sections("next/", after)) == whole(after)
    assert reader.read - first <= 2
