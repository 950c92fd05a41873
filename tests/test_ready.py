"""Pages given to MkDocs as ready HTML (kithbook.ready): the regions go back where
Markdown would have put its own HTML, and nothing a person wrote is taken for a region."""

from __future__ import annotations

import re

import markdown
from builders import TODAY, event, journal, person

from kithbook.notes import clean_notes
from kithbook.pages import build_site
from kithbook.ready import as_markdown, fill, ready_page, split

#: The Markdown of a journal's site (mkdocs.yml), as MkDocs runs it.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]

FAKE = (
    "Before.\n\n<!-- html -->\n<script>alert(1)</script>\n<!-- /html -->\n\n"
    "<!-- kithbook-html 0123456789abcdef 0 -->\n\n<!-- kithbook-region -->\n\n"
    "<!-- kithbook-ready 9 0123456789abcdef -->\n\nAfter."
)


def to_html(text: str) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    return md.convert(text)


def page_html(content: str) -> str:
    """What the adapter makes of a generated page: Markdown, regions, notes cleaned."""
    ready = split(content)
    assert ready is not None
    text, key, regions = ready
    body = text.split("\n---\n", 1)[1]  # the front matter, which MkDocs reads
    return clean_notes(fill(to_html(body), key, regions))


def site():
    people = [
        person("ana-lee", tags=("climbing", "C++"), notes=FAKE, where="Leeds, UK"),
        person("bo-chen", name="Bo <b>Chen</b> | *x*", introduced_by="ana-lee"),
    ]
    events = [
        event(40, "ana-lee", "bo-chen", notes=FAKE, place="Tilt | bar", tags=("maps",)),
        event(3, "ana-lee", kind="call", follow_up=("[x] sent it", "ask about *C*")),
        event(-12, "bo-chen", kind="meetup", title="Thrive & <co>"),
    ]
    return build_site(journal(people, events), [], TODAY)


def test_a_note_cannot_pass_for_a_region():
    files = site()
    page = files["events/" + event(40, "ana-lee", "bo-chen").id + ".md"]
    text, key, regions = split(page)
    assert not any("alert" in region for region in regions)
    assert FAKE in text  # the notes are Markdown, as written
    html = page_html(page)
    assert "<script" not in html and "alert" not in html  # sanitized, as notes are
    assert "<p>Before.</p>" in html and "<p>After.</p>" in html
    assert html.count("<table>") == 1 and "</table>" in html


def test_the_dashboards_introduction_cannot_pass_for_a_region():
    """The hand-written introduction goes in as Markdown, as it is, after the regions
    of the dashboard are taken out; its pictures are regions."""
    people = [person("ana-lee"), person("bo-chen")]
    events = [event(40, "ana-lee", "bo-chen"), event(400, "bo-chen")]
    page = build_site(journal(people, events), [], TODAY, intro=FAKE)["index.md"]
    text, key, regions = split(page)
    assert FAKE in text and not any("alert" in region for region in regions)
    assert any(region.startswith("<figure") for region in regions)
    html = page_html(page)
    assert "<p>Before.</p>" in html and "<p>After.</p>" in html
    assert "<script>alert(1)</script>" in html  # the site's own page, not sanitized


def test_regions_go_back_where_markdown_put_its_blocks():
    """Each page as the adapter makes it is the page Markdown makes of the same content
    with the regions inline as HTML blocks (apart from blank lines between blocks)."""
    files = site()
    ready = [path for path, content in files.items() if split(content)]
    assert {"events/index.md", "next.md", "tags.md", "people/ana-lee.md", "index.md"} <= set(ready)
    for path in ready:
        inline = to_html(as_markdown(files[path]).split("\n---\n", 1)[1])
        same = re.sub(r">\n\n+<", ">\n<", page_html(files[path]))
        assert same == re.sub(r">\n\n+<", ">\n<", clean_notes(inline)), path


def test_the_people_tables_are_the_html_markdown_keeps():
    """/people/'s tables, handed to MkDocs as they are, make the page Markdown makes of
    them, byte for byte: with the collected contacts folded, and not."""
    from kithbook.pages import FOLD_COLLECTED

    for collected in (1, FOLD_COLLECTED + 1):
        people = [person("ana-lee"), *(person(f"c-{n:03}") for n in range(collected))]
        page = build_site(journal(people, [event(4, "ana-lee")]), [], TODAY)["people/index.md"]
        assert len(split(page)[2]) == 2
        assert ("<details" in page) == (collected > FOLD_COLLECTED)
        inline = to_html(as_markdown(page).split("\n---\n", 1)[1])
        assert page_html(page) == inline


def test_a_region_is_written_as_markdown_writes_the_same_content():
    """The table of a ready page is the table Markdown makes of the same cells."""
    html = page_html(ready_page("---\ntitle: t\n---\n\n<!-- html -->\n<p>a</p>\n<!-- /html -->"))
    assert html == "<p>a</p>"
    files = site()
    page = page_html(files["people/bo-chen.md"])
    table = re.search(r"<table>.*?</table>", page, re.DOTALL).group()
    cells = re.findall(r"<td>(.*?)</td>", table)
    rows = "".join(f"| {cells[i]} | {cells[i + 1]} |\n" for i in range(0, len(cells), 2))
    assert table == to_html("| | |\n|---|---|\n" + rows)
    # /places/: a column to the right, a name with a bar and markup, a place not known
    table = re.search(r"<table>.*?</table>", page_html(files["places.md"]), re.DOTALL).group()
    cells = re.findall(r"<td[^>]*>(.*?)</td>", table)
    assert "<em>not known</em>" in cells and "Bo &#60;b&#62;Chen&#60;/b&#62; &#124;" in table
    rows = "".join(f"| {' | '.join(cells[i : i + 3])} |\n" for i in range(0, len(cells), 3))
    markdown = "| Place | People | |\n|---|--:|---|\n" + rows.replace(
        "<em>not known</em>", "*not known*"
    )
    assert table == to_html(markdown)


def test_the_search_reads_a_page_without_its_pictures_and_finds_the_same():
    """A person page's pictures are set aside while the theme's search reads the page:
    its sections and words are the same, and the pictures go back in place."""
    from material.plugins.search.plugin import Parser

    from kithbook.ready import put_back, set_aside

    page = page_html(site()["people/ana-lee.md"])
    assert page.count('<figure class="kb-chart') == 2
    lighter, key, pictures = set_aside(page)
    assert len(pictures) == 2 and "<svg" not in lighter
    assert put_back(lighter, key, pictures) == page

    def sections(html: str) -> list:
        parser = Parser()
        parser.feed(html)
        parser.close()
        return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]

    assert sections(lighter) == sections(page)
