"""The built site, through a real `mkdocs build` of journals written here."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import mkdocs_build, write_journal

FILES = {
    "people/jane-doe.md": """
        ---
        name: Jane Doe
        aka: [JD]
        where: Birmingham, UK
        circle: close
        tags: [brummies]
        how_we_met: At the canal meetup
        introduced_by: bob-smith
        contact:
          email: jane@example.org
          website: https://jane.example
        extra:
          coffee: flat white
        ---
        Loves **maps**.
        """,
    "people/bob-smith.yml": """
        name: Bob Smith
        where: London, UK
        circle: friend
        notes: Met through work.
        """,
    "people/nobody-yet.md": """
        ---
        name: Nobody Yet
        ---
        """,
    "events/2025/2025-03-04-first-chat.md": """
        ---
        date: 2025-03-04
        kind: message
        with: [JD]
        by: them
        ---
        """,
    "events/2026/2026-10-02-coffee.md": """
        ---
        date: 2026-10-02 09:30
        title: Coffee at Tilt
        kind: coffee
        with: [Jane Doe, bob-smith]
        place: Tilt
        follow_up: ["[x] send the map", "book the walk"]
        tags: [coffee]
        ---
        We talked about *maps*.
        """,
    "events/2026/2026-12-05-thrive.md": """
        ---
        date: 2026-12-05
        title: Thrive Birmingham
        with: [jane-doe]
        place: Birmingham
        ---
        """,
    "events/2026/log.yml": """
        - date: 2026-11-01
          kind: mention
          with: [jane-doe]
          title: Jane mentions the map
        """,
}


def html(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def text_of(page: str) -> str:
    """The visible text of the article, tags stripped and entities decoded."""
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1]
    article = article.split("</article>", 1)[0]
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", article)))
    return re.sub(r" ([:,.;)])", r"\1", text).replace("( ", "(")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = write_journal(
        tmp_path_factory.mktemp("site") / "journal",
        FILES,
        settings="me: {name: Sam Example, where: 'Birmingham, UK'}\n",
    )
    result = mkdocs_build(root, strict=True)
    assert result.returncode == 0, result.stderr
    assert "contains a link" not in result.stderr  # every link and anchor resolves
    return root / "site"


def test_person_page_shows_who_they_are_and_the_relationship(built):
    text = text_of(html(built, "people/jane-doe"))
    assert "Jane Doe" in text
    assert "Birmingham, UK" in text
    assert "close: keep in touch monthly" in text
    assert "At the canal meetup" in text
    assert "Bob Smith" in text  # introduced by
    assert "jane@example.org" in text and "flat white" in text
    assert "First seen 4 Mar 2025, last seen 1 Nov 2026" in text
    assert "3 interactions: 1 in person, 1 written, 1 signal" in text
    assert "Last real contact: coffee on 2 Oct 2026" in text
    assert "Loves maps" in text


def test_person_timeline_is_grouped_by_year_with_plans_first(built):
    page = html(built, "people/jane-doe")
    marks = (
        'id="planned"',
        "Thrive Birmingham",
        'id="2026"',
        "Coffee at Tilt",
        'id="2025"',
        "First chat",
    )
    order = [page.index(mark) for mark in marks]
    assert order == sorted(order)
    assert 'href="../../events/2026/2026-10-02-coffee/"' in page
    assert "<strong>maps</strong>" in page  # notes are the person's Markdown


def test_person_yml_notes_and_companions(built):
    text = text_of(html(built, "people/bob-smith"))
    assert "Met through work." in text
    assert "Met with most" in text and "Jane Doe: 1 shared event" in text


def test_event_page_links_its_people_and_lists_follow_ups(built):
    page = html(built, "events/2026/2026-10-02-coffee")
    text = text_of(page)
    assert "Coffee at Tilt" in text and "2 Oct 2026 09:30" in text and "Tilt" in text
    assert 'href="../../../people/jane-doe/"' in page
    assert 'href="../../../people/bob-smith/"' in page
    assert "☑ send the map" in text and "☐ book the walk" in text
    assert "We talked about maps" in text


def test_people_and_events_indexes(built):
    people = text_of(html(built, "people"))
    assert "3 people" in people
    assert re.search(r"Jane Doe Birmingham, UK close 1 Nov 2026 3 1", people)
    events = text_of(html(built, "events"))
    order = [
        events.index(s)
        for s in ("Planned", "Thrive", "November 2026", "October 2026", "March 2025")
    ]
    assert order == sorted(order)


def test_dashboard_figures_and_plans(built):
    text = text_of((built / "index.html").read_text(encoding="utf-8"))
    assert "Sam Example's network" in text
    assert "3 People" not in text  # the figures are a table: header row, then values
    assert re.search(r"People Events in 2026 In person this year 3 2 100%", text)
    assert "Thrive Birmingham" in text and "Coffee at Tilt" in text


def test_problems_page_says_plainly_there_are_none(built):
    assert "No problems" in text_of(html(built, "problems"))


def test_network_json_is_exactly_the_format(built):
    data = json.loads((built / "api" / "network.json").read_text(encoding="utf-8"))
    assert data["today"] == "2026-11-21"
    jane = next(p for p in data["people"] if p["slug"] == "jane-doe")
    assert jane == {
        "slug": "jane-doe",
        "name": "Jane Doe",
        "where": "Birmingham, UK",
        "circle": "close",
        "first_seen": "2025-03-04",
        "last_seen": "2026-11-01",
        "interactions": 3,
        "in_person": 1,
        "timeline": ["2025/2025-03-04-first-chat", "2026/2026-10-02-coffee", "2026/log#1"],
    }
    nobody = next(p for p in data["people"] if p["slug"] == "nobody-yet")
    assert nobody["first_seen"] is None and nobody["timeline"] == []
    coffee = next(e for e in data["events"] if e["id"] == "2026/2026-10-02-coffee")
    assert coffee == {
        "id": "2026/2026-10-02-coffee",
        "date": "2026-10-02",
        "title": "Coffee at Tilt",
        "kind": "coffee",
        "channel": "in person",
        "with": ["jane-doe", "bob-smith"],
        "place": "Tilt",
    }


def test_person_and_event_pages_stay_out_of_the_navigation(built):
    index = (built / "index.html").read_text(encoding="utf-8")
    nav = index.split('<nav class="md-nav md-nav--primary"', 1)[1]
    nav = nav.split('<div class="md-sidebar md-sidebar--secondary"', 1)[0]
    assert "people/" in nav  # the people index is there
    assert "jane-doe" not in nav and "2026-10-02-coffee" not in nav


def test_tags_and_search_and_privacy(built):
    tags = text_of(html(built, "tags"))
    assert "2 tags." in tags
    assert "brummies 1 person: Jane Doe coffee 1 event: 2 Oct 2026 09:30 · Coffee at Tilt" in tags
    person = html(built, "people/jane-doe")
    assert '<a href="../../tags/#tag-brummies">brummies</a>' in person
    assert 'id="tag-brummies"' in html(built, "tags")
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("people/jane-doe/") for doc in index["docs"])
    assert (built / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    for page in built.rglob("*.html"):
        assert '<meta name="robots" content="noindex, nofollow">' in page.read_text("utf-8"), page


def test_values_from_files_are_escaped(tmp_path):
    root = write_journal(
        tmp_path / "journal",
        {
            "people/mallory.md": """
                ---
                name: "Bob </title><script>alert(1)</script> & \\\\ co"
                where: "[click](javascript:alert(2))"
                contact: {website: "javascript:alert(3)"}
                tags: ["<b>x</b>"]
                aka: ["*starred*", "__under__"]
                extra: {handles: ["**bold**", "<i>x</i>"]}
                ---
                """,
            "events/2026-01-01-x.md": """
                ---
                date: 2026-01-01
                title: "*not emphasis* </title><img src=x onerror=alert(4)>"
                with: [mallory]
                ---
                """,
        },
    )
    assert mkdocs_build(root).returncode == 0
    for url in ("people/mallory", "events/2026-01-01-x", "people", "events", "", "tags"):
        page = (root / "site" / url / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in page and "javascript:" not in page.lower()
        assert "<img src=x" not in page and "<em>not emphasis</em>" not in page
        assert "<b>x</b>" not in page and "&lt;b&gt;x" not in page  # not a tag: left out
    # The theme prints a page's title unescaped in <title> and the header: it comes escaped.
    titles = {
        url: re.findall(r"<title>(.*?)</title>", html(root / "site", url))[0]
        for url in ("people/mallory", "events/2026-01-01-x")
    }
    assert {url: unescape(title) for url, title in titles.items()} == {
        "people/mallory": "Bob </title><script>alert(1)</script> & \\ co - Test journal",
        "events/2026-01-01-x": "*not emphasis* </title><img src=x onerror=alert(4)> - Test journal",
    }
    person = text_of(html(root / "site", "people/mallory"))
    assert "Bob </title><script>alert(1)</script> & \\ co" in person
    assert "[click](javascript:alert(2))" in person
    # lists joined in the template are escaped as a whole, like every other value
    assert "*starred*, __under__" in person and "**bold**, <i>x</i>" in person


def test_a_broken_file_is_reported_and_everything_else_builds(tmp_path):
    files = dict(FILES)
    files["people/broken.md"] = "---\nname: [unclosed\n---\n"
    files["events/2026/2026-11-02-typo.md"] = "---\ndate: 2026-11-02\nwith: [Jane Deo]\n---\n"
    root = write_journal(tmp_path / "journal", files)

    plain = mkdocs_build(root)
    assert plain.returncode == 0, plain.stderr
    problems = text_of(html(root / "site", "problems"))
    assert "people/broken.md 2 error bad YAML" in problems
    assert "events/2026/2026-11-02-typo.md 3 error with: no one called 'Jane Deo'" in problems
    assert "did you mean 'Jane Doe' (jane-doe)?" in problems
    assert (root / "site" / "people" / "jane-doe" / "index.html").exists()
    assert not (root / "site" / "people" / "broken").exists()
    assert "errors" in text_of((root / "site" / "index.html").read_text("utf-8"))

    strict = mkdocs_build(root, strict=True)
    assert strict.returncode == 1
    assert "people/broken.md:2: error: bad YAML" in strict.stderr


def test_a_value_of_several_lines_stays_in_its_table_row(tmp_path):
    root = write_journal(
        tmp_path / "journal",
        {
            "people/ann.md": """
                ---
                name: Ann
                extra:
                  imported_notes: |
                    First line <i>of</i> the note
                    Second line
                  coffee: black
                ---
                """,
        },
    )
    assert mkdocs_build(root, strict=True).returncode == 0
    page = html(root / "site", "people/ann")
    row = re.search(r"<tr>\s*<td>Imported notes</td>\s*<td>(.*?)</td>\s*</tr>", page, re.S)
    assert row, "the note has a row of its own"
    assert unescape(row.group(1)) == "First line <i>of</i> the note<br>Second line"
    assert "<i>" not in row.group(1)  # the note's markup is shown as text
    assert re.search(r"<td>Coffee</td>\s*<td>black</td>", page)
