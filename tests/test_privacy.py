"""Private by default: no clear names on an encrypted site, no requests to other hosts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import mkdocs_build, write_journal

from kithbook.site import opaque_address

PASSWORD = "correct horse battery staple kithbook"

FILES = {
    "people/wilhelmina-quarrington.md": """
        ---
        name: Wilhelmina Quarrington
        aka: [Mina Q]
        where: Zennorbridge
        tags: [moorland walkers]
        ---
        Keeps bees on the allotment beside the viaduct.
        """,
    "people/ottoline-brackenbury.yml": """
        name: Ottoline Brackenbury
        notes: Plays the euphonium in a ceilidh band.
        """,
    "events/2026/2026-10-02-saffron-bun-summit.md": """
        ---
        date: 2026-10-02
        title: Saffron Bun Summit
        kind: coffee
        with: [Mina Q, ottoline-brackenbury]
        place: The Gilded Teapot
        ---
        Planned the lantern parade together.
        """,
    "events/2026/log.yml": """
        - date: 2026-11-01
          kind: mention
          with: [wilhelmina-quarrington]
          title: Mina praises the marmalade stall
        """,
    "events/2026/2026-12-05-lantern-parade.md": """
        ---
        date: 2026-12-05
        title: Lantern Parade Rehearsal
        with: [ottoline-brackenbury]
        ---
        """,
}

SECRETS = (
    "Wilhelmina Quarrington",
    "Quarrington",
    "Mina Q",
    "Zennorbridge",
    "Ottoline",
    "Brackenbury",
    "allotment beside the viaduct",
    "euphonium",
    "Saffron Bun Summit",
    "The Gilded Teapot",
    "lantern parade together",
    "marmalade stall",
    "Lantern Parade Rehearsal",
    "moorland walkers",
    "moorland-walkers",
    "Sam Example",
    "Trelawney",
    PASSWORD,
)


def encrypted_journal(root: Path) -> Path:
    write_journal(root, FILES, settings="me: {name: Sam Example}\n")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - tags\n",
        "  - tags\n  - encryptcontent:\n      global_password: !ENV [KITHBOOK_PASSWORD]\n",
    )
    text = text.replace(
        "site_name: Test journal\n",
        "site_name: Sam Example's network\nsite_description: Trelawney's friends\n"
        "site_author: Sam Example\ncopyright: Sam Example\n",
    )
    config.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def encrypted_site(tmp_path_factory) -> Path:
    root = encrypted_journal(tmp_path_factory.mktemp("encrypted") / "journal")
    # An earlier build's password cache, which a build must not leave behind.
    (root / "encryptcontent.cache").write_text(f"password:\n  {PASSWORD}: key\n", "utf-8")
    result = mkdocs_build(root, KITHBOOK_PASSWORD=PASSWORD)
    assert result.returncode == 0, result.stderr
    return root / "site"


def secrets_in(folder: Path, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(file, secret) for each secret found in a file under ``folder``, any case."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and path.relative_to(folder).parts[0] not in skip:
            text = path.read_bytes().decode("utf-8", "replace").lower()
            found += [(path.name, s) for s in SECRETS if s.lower() in text]
    return found


def test_an_encrypted_site_has_no_name_tag_note_or_title_in_clear(encrypted_site):
    assert secrets_in(encrypted_site) == []
    people = sorted(p.parent.name for p in (encrypted_site / "people").glob("*/index.html"))
    assert people == sorted(
        opaque_address(slug, PASSWORD)
        for slug in ("wilhelmina-quarrington", "ottoline-brackenbury")
    )
    for left_out in ("api/network.json", "reminders.ics", "tags.json", "sitemap.xml"):
        assert not (encrypted_site / left_out).exists(), left_out


def test_an_encrypted_build_leaves_no_password_in_the_journal_folder(encrypted_site):
    """Only the files a person wrote hold names; nothing anywhere holds the password."""
    journal = encrypted_site.parent
    assert not (journal / "encryptcontent.cache").exists()
    written = ("people", "events", "mkdocs.yml", "site")
    assert secrets_in(journal, skip=written) == []
    assert [s for s in secrets_in(journal / "people") if s[1] == PASSWORD] == []


def test_an_encrypted_site_without_a_password_is_not_built(tmp_path):
    root = encrypted_journal(tmp_path / "journal")
    result = mkdocs_build(root, KITHBOOK_PASSWORD="")
    assert result.returncode == 1
    assert "no password: set KITHBOOK_PASSWORD" in result.stderr
    assert not (root / "site" / "people").exists()


@pytest.mark.browser
def test_the_password_opens_a_person_page(encrypted_site, serve, page):
    base = serve(encrypted_site)
    page.goto(f"{base}/people/{opaque_address('wilhelmina-quarrington', PASSWORD)}/")
    assert "Wilhelmina" not in page.content()
    page.fill("#mkdocs-content-password", PASSWORD)
    page.press("#mkdocs-content-password", "Enter")
    page.wait_for_selector("text=Saffron Bun Summit", timeout=15000)
    article = page.inner_text("article")
    assert "Wilhelmina Quarrington" in article
    assert "Timeline" in article and "Saffron Bun Summit" in article


# ---------------------------------------------------------------- no other hosts


def pages_of_every_kind(site: Path) -> list[str]:
    person = sorted((site / "people").glob("*/index.html"))[0].parent.name
    event = next(
        p for p in sorted((site / "events").rglob("index.html")) if p.parent.parent.name != "events"
    )
    kinds = [
        "",
        "next/",
        "people/",
        f"people/{person}/",
        "events/",
        "problems/",
        "tags/",
        "network/",
        "places/",
    ]
    kinds.append(event.parent.relative_to(site).as_posix() + "/")
    return [k for k in kinds if (site / k / "index.html").exists()]


@pytest.mark.browser
def test_no_page_requests_anything_from_another_host(demo_site, serve, page):
    base = serve(demo_site)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    visited = pages_of_every_kind(demo_site)
    assert len(visited) >= 7
    for url in visited:
        page.goto(f"{base}/{url}", wait_until="networkidle")
    elsewhere = [u for u in requests if not re.match(rf"^(?:{re.escape(base)}/|data:|blob:)", u)]
    assert requests and elsewhere == []


def test_the_demo_theme_loads_no_web_fonts(demo_site):
    index = (demo_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in index and "fonts.gstatic.com" not in index
    for path in demo_site.rglob("*.html"):
        html = path.read_text("utf-8")
        assert not re.search(r"""src=["'](?:https?:)?//""", html), path
        assert not re.search(r"""<link[^>]+href=["'](?:https?:)?//""", html), path
