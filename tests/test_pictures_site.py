"""The pictures in the built site: a real `mkdocs build` of a journal written here,
then the SVG read back out of the HTML, as XML, with its links followed."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import mkdocs_build, write_journal
from test_site import html, text_of

FILES = {
    "people/priya-shah.md": """
        ---
        name: Priya Shah
        where: Birmingham, UK
        circle: inner
        ---
        """,
    "people/dave-okafor.md": """
        ---
        name: Dave Okafor
        where: birmingham
        circle: friend
        ---
        """,
    "people/fiona-mcbride.md": """
        ---
        name: Fiona McBride
        where: Leeds, UK
        circle: friend
        introduced_by: priya-shah
        ---
        """,
    "people/odd.md": """
        ---
        name: '<b>&"x'
        where: '<i>Nowhere</i>'
        ---
        """,
    "events/2026/2026-10-02-coffee.md": """
        ---
        date: 2026-10-02
        kind: coffee
        with: [priya-shah, odd]
        ---
        """,
    "events/2026/2026-11-12-coffee.md": """
        ---
        date: 2026-11-12
        kind: coffee
        with: [priya-shah]
        ---
        """,
    "events/2026/log.yml": """
        - date: 2026-09-01
          kind: message
          with: [dave-okafor]
        - date: 2026-11-01
          kind: call
          with: [dave-okafor]
        """,
    "events/2026/2026-11-10-intro.md": """
        ---
        date: 2026-11-10
        kind: intro
        with: [dave-okafor, priya-shah]
        by: me
        ---
        """,
    "events/2027/2027-01-22-northern-stack.md": """
        ---
        date: 2027-01-22
        kind: conference
        title: Northern Stack
        with: [fiona-mcbride]
        place: Assembly Rooms, Leeds
        ---
        """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = write_journal(
        tmp_path_factory.mktemp("pictures") / "journal",
        FILES,
        settings="me: {name: Sam, where: 'Birmingham, UK'}\n",
    )
    result = mkdocs_build(root, strict=True)
    assert result.returncode == 0, result.stderr
    return root / "site"


def charts_in(page: str) -> dict[str, ET.Element]:
    """Each chart of a built page, by its kind, its SVG parsed as XML: the markup
    reached the HTML as it was written (Markdown left the raw HTML alone)."""
    found = {}
    for kind, svg in re.findall(r'<figure class="kb-chart kb-(\w+)"[^>]*>(<svg.*?</svg>)', page):
        found[kind] = ET.fromstring(svg)
    return found


def follow(site: Path, url: str, href: str) -> Path:
    """The file a relative link from the page at ``url`` leads to."""
    target = posixpath.normpath(posixpath.join(url, href))
    return site / target / "index.html"


def test_a_person_page_shows_the_relationship_and_their_part_of_the_network(built):
    page = html(built, "people/priya-shah")
    found = charts_in(page)
    assert set(found) == {"relationship", "ego"}
    months = {g.get("data-month"): g.get("data-count") for g in found["relationship"].iter("g")}
    assert months["2026-10"] == "1" and months["2026-11"] == "2"  # a coffee; a coffee, the intro
    around = {a.get("data-slug"): a.get("href") for a in found["ego"].iter("a")}
    assert set(around) == {"odd", "dave-okafor", "fiona-mcbride"}
    for href in around.values():
        assert follow(built, "people/priya-shah/", href).exists(), href
    assert 'href="../../network/#n-priya-shah"' in page


def test_someone_only_messaged_shows_no_in_person_marks(built):
    chart = charts_in(html(built, "people/dave-okafor"))["relationship"]
    classes = " ".join(e.get("class", "") for e in chart.iter())
    assert "kb-met" not in classes and "kb-never" in classes


def test_the_network_page_links_every_person_with_ties(built):
    page = html(built, "network")
    svg = charts_in(page)["network"]
    nodes = {a.get("id"): a.get("href") for a in svg.iter("a")}
    assert set(nodes) == {"n-priya-shah", "n-odd", "n-dave-okafor", "n-fiona-mcbride"}
    for href in nodes.values():
        assert follow(built, "network/", href).exists(), href
    ties = sum(int(p.get("data-ties")) for p in svg.iter("path") if p.get("data-ties"))
    assert ties == 3  # priya with odd, dave (the intro) and fiona (introduced_by)
    assert "4 people and 3 ties" in text_of(page)


def test_the_dashboard_shows_activity_and_circles(built):
    page = (built / "index.html").read_text("utf-8")
    found = charts_in(page)
    assert {"activity", "circles"} <= set(found)
    for a in found["circles"].iter("a"):
        assert follow(built, "", a.get("href")).exists()
    assert "Priya Shah" in " ".join(found["circles"].itertext())


def test_the_places_page_counts_people_and_finds_locals_and_trips(built):
    page = html(built, "places")
    rows = {g.get("data-place"): g.get("data-count") for g in charts_in(page)["places"].iter("g")}
    assert rows == {"birmingham": "2", "leeds": "1", "<i>nowhere</i>": "1"}
    text = text_of(page)
    assert "2 people live in Birmingham, as you do: Dave Okafor, Priya Shah." in text
    assert "Northern Stack, 22 Jan 2027, Assembly Rooms, Leeds: Fiona McBride in Leeds" in text


def test_names_stay_text_inside_the_svg(built):
    for url in ("people/odd", "people/priya-shah", "network", "places", ""):
        page = (built / url / "index.html").read_text("utf-8")
        for svg in re.findall(r"<svg class=\"kb-svg.*?</svg>", page):
            assert "<b>" not in svg and "<i>" not in svg
            ET.fromstring(svg)
    network = " ".join(charts_in(html(built, "network"))["network"].itertext())
    assert '<b>&"x' in network


def test_the_pictures_are_the_same_bytes_in_every_build(built, tmp_path):
    again = tmp_path / "site"
    assert mkdocs_build(built.parent, site_dir=again).returncode == 0
    for url in ("network", "people/priya-shah", "places", ""):
        first = charts_in((built / url / "index.html").read_text("utf-8"))
        second = charts_in((again / url / "index.html").read_text("utf-8"))
        assert {k: ET.tostring(v) for k, v in first.items()} == {
            k: ET.tostring(v) for k, v in second.items()
        }
