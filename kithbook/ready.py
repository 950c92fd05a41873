"""Pages handed to MkDocs as ready HTML, apart from what only Markdown can make.

Python-Markdown is most of the cost of a build, and most of a generated page is
kithbook's own markup: tables, lists, links and pictures that kithbook can write as
HTML at once. A ready page is a page's Markdown in which such parts are HTML regions.
The template puts each between two lines: ``<!-- html -->`` and ``<!-- /html -->``
around the HTML Markdown would have made of a table or a list (a block of its own),
``<!-- raw -->`` and ``<!-- /raw -->`` around raw HTML that Markdown would have kept as
it is (a picture). What stays Markdown is what Markdown must make for the page to be
the same: the headings (their ids, permalinks and the table of contents are the toc
extension's) and the notes a person wrote. ``ready_page`` takes the regions out,
leaving a numbered placeholder for each; the adapter gives MkDocs the rest and, once
MkDocs has made HTML of it, puts each region back in place of its placeholder
(``fill``). The page is then the one Markdown would have made, byte for byte.

The placeholders carry a key, a hash of the whole page, the notes included, so that
no note can hold one of its own page's placeholders. A ready page is one string, as
every generated file is: the regions first (kithbook's own HTML, in which every value
is escaped, so none holds a comment), then the Markdown. This module knows nothing of
MkDocs.
"""

from __future__ import annotations

import hashlib
import re

from .notes import notes_block

#: Around each region of HTML in a template's output: a block as Markdown makes it,
#: or raw HTML as Markdown keeps it.
_REGION = re.compile(r"<!-- (html|raw) -->\n(.*?)\n<!-- /\1 -->", re.DOTALL)
#: Where the notes go in a template's output: put in after the regions are taken out,
#: so that nothing a person wrote is read as a region.
NOTES = "<!-- notes -->"
#: Where the dashboard's introduction (the hand-written docs/index.md) goes, put in as
#: it is, after the regions are taken out, as the notes are.
INTRO = "<!-- intro -->"
#: The first line of a ready page, with the number of regions and the key.
_HEAD = "<!-- kithbook-ready {count} {key} -->\n"
_HEAD_START = "<!-- kithbook-ready "
#: After each region in a ready page.
_END = "\n<!-- kithbook-region -->\n"


def ready_page(text: str, notes: str = "", intro: str = "") -> str:
    """The ready page of a template's output ``text``: its HTML regions taken out,
    ``notes`` (a person's Markdown) put in place of ``NOTES`` and ``intro`` (Markdown
    of the site's own) in place of ``INTRO``."""
    whole = "\0".join([text, notes, intro])
    key = hashlib.sha256(whole.encode("utf-8", "surrogatepass")).hexdigest()
    key = key[:16]
    regions: list[str] = []

    def take(match: re.Match) -> str:
        regions.append(match.group(2))
        return _placeholder(key, len(regions) - 1, match.group(1))

    markdown = _REGION.sub(take, text)
    if notes:
        markdown = markdown.replace(NOTES, notes_block(notes), 1)
    if intro:
        markdown = markdown.replace(INTRO, intro, 1)
    head = _HEAD.format(count=len(regions), key=key)
    return head + "".join(region + _END for region in regions) + markdown


def split(content: str) -> tuple[str, str, list[str]] | None:
    """A ready page's Markdown, key and regions; None for any other file."""
    if not content.startswith(_HEAD_START):
        return None
    head, _, rest = content.partition("\n")
    count, key = head[len(_HEAD_START) :].split()[:2]
    pieces = rest.split(_END, int(count))
    return pieces[-1], key, pieces[:-1]


def fill(html: str, key: str, regions: list[str]) -> str:
    """``html``, made by Markdown from a ready page, with each region in place of its
    placeholder."""
    for number, region in enumerate(regions):
        block = _placeholder(key, number, "html")
        # Markdown follows a block of raw HTML (the placeholder) with a blank line, and
        # the blocks it makes (a table, a list) with a line break.
        if block + "\n\n" in html:
            html = html.replace(block + "\n\n", region + "\n", 1)
        elif block in html:
            html = html.replace(block, region, 1)
        else:
            html = html.replace(_placeholder(key, number, "raw"), region, 1)
    return html


def as_markdown(content: str) -> str:
    """A generated file as plain Markdown: a ready page with its regions put back as
    blocks of raw HTML, from which MkDocs alone makes the same page (the benchmark's
    page floor writes pages so); any other file as it is."""
    ready = split(content)
    if ready is None:
        return content
    markdown, key, regions = ready
    for number, region in enumerate(regions):
        for kind in ("html", "raw"):
            markdown = markdown.replace(_placeholder(key, number, kind), region, 1)
    return markdown


#: The pictures of a page (charts.svg.figure), which the search index leaves out.
_PICTURE = re.compile(
    r'<figure class="kb-chart[^"<>]*" data-search-exclude="">.*?</figure>', re.DOTALL
)


def set_aside(html: str) -> tuple[str, str, list[str]]:
    """``html`` with its pictures taken out (each a placeholder), the key of the
    placeholders and the pictures. The theme's search reads every tag of a page and
    drops what is marked ``data-search-exclude``; a picture is thousands of tags, so it
    reads the page without them and finds the same (``put_back`` restores them)."""
    if "kb-chart" not in html:
        return html, "", []
    key = hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    pictures: list[str] = []

    def take(match: re.Match) -> str:
        pictures.append(match.group())
        return _placeholder(key, len(pictures) - 1, "picture")

    return _PICTURE.sub(take, html), key, pictures


def put_back(html: str, key: str, pictures: list[str]) -> str:
    """``html`` with the pictures ``set_aside`` took out in place again."""
    for number, picture in enumerate(pictures):
        html = html.replace(_placeholder(key, number, "picture"), picture, 1)
    return html


def _placeholder(key: str, number: int, kind: str) -> str:
    return f"<!-- kithbook-{kind} {key} {number} -->"
