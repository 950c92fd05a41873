"""What a person does in the site, in a real browser (Debian chromium)."""

from __future__ import annotations

import pytest
from conftest import mkdocs_build, write_journal
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser


def test_walk_from_the_dashboard_to_a_person_an_event_and_back(demo_site, serve, page):
    base = serve(demo_site)
    page.goto(f"{base}/")
    assert "Sam Example's network" in page.inner_text("article")
    page.click("nav.md-tabs >> text=People")
    page.click("article >> text=Dave Okafor")
    assert page.url == f"{base}/people/dave-okafor/"
    article = page.inner_text("article")
    assert "Timeline" in article and "never met in person yet" in article
    page.click("article >> text=Introducing Dave to Liam")
    assert "/events/2026/" in page.url
    assert "Liam Doyle" in page.inner_text("article")
    page.go_back()
    assert page.url == f"{base}/people/dave-okafor/"
    page.click("nav.md-tabs >> text=Dashboard")
    assert page.url.rstrip("/") == base


def test_find_a_person_with_the_site_search(demo_site, serve, page):
    base = serve(demo_site)
    page.goto(f"{base}/")
    page.click("label.md-search__icon, .md-search__input")
    result = page.locator(".md-search-result__item a", has_text="Dave Okafor").first
    # The search index loads in a worker; a query typed before it is ready is not re-run,
    # so type again until it answers (a slow machine takes a few seconds).
    for _ in range(15):
        page.fill("input.md-search__input", "")
        page.type("input.md-search__input", "Okafor")
        try:
            result.wait_for(timeout=2000)
            break
        except PlaywrightTimeout:
            continue
    result.click()
    page.wait_for_url(f"{base}/people/dave-okafor/**")


def test_a_broken_file_shows_on_the_problems_page(tmp_path, serve, page):
    root = write_journal(
        tmp_path / "journal",
        {
            "people/jane-doe.md": "---\nname: Jane Doe\n---\n",
            "people/broken.md": "---\nname: Broken\ncircle: [oops\n---\n",
        },
    )
    assert mkdocs_build(root).returncode == 0
    base = serve(root / "site")
    page.goto(f"{base}/")
    page.click("article >> text=the problems")
    table = page.inner_text("article table")
    assert "people/broken.md" in table and "bad YAML" in table
    page.goto(f"{base}/people/jane-doe/")
    assert "Jane Doe" in page.inner_text("article")
