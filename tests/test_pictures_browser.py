"""The pictures as a person sees them: the demo site in a real browser (Debian
chromium), served from 127.0.0.1 only. Nothing is saved unless a test fails."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def visible_box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not drawn"
    assert box["width"] > 100 and box["height"] > 50, box
    return box


def test_a_person_page_draws_the_relationship(demo_site, serve, page):
    base = serve(demo_site)
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"{base}/people/priya-shah/")
    box = visible_box(page, ".kb-relationship svg")
    article = page.locator("article").bounding_box()
    assert box["width"] > 0.9 * article["width"] - 48  # the chart spans the column
    # the stylesheet colours the bars: in person in its own colour, not the fallback black
    fill = page.locator(".kb-relationship rect.kb-ch-in-person").first.evaluate(
        "e => getComputedStyle(e).fill"
    )
    assert fill == "rgb(232, 89, 12)"
    assert page.locator(".kb-relationship .kb-met").count() > 5  # met in person, often
    visible_box(page, ".kb-ego svg")
    assert hosts == {urlsplit(base).netloc}


def test_someone_only_messaged_looks_different(demo_site, serve, page):
    base = serve(demo_site)
    page.goto(f"{base}/people/dave-okafor/")
    visible_box(page, ".kb-relationship svg")
    assert page.locator(".kb-relationship .kb-met").count() == 0
    # a desktop window shows the wide drawing
    assert page.locator(".kb-relationship .kb-wide .kb-never").is_visible()


def test_the_network_links_lead_to_people(demo_site, serve, page):
    base = serve(demo_site)
    page.goto(f"{base}/network/")
    visible_box(page, ".kb-network svg")
    assert page.locator(".kb-network a.kb-person").count() >= 15
    page.locator(".kb-network a#n-priya-shah").click()
    page.wait_for_url(f"{base}/people/priya-shah/")
