"""Issue 13: a journal poisoned in every field, and a journal made by each importer from
poisoned exports, built with a real `mkdocs build` and opened page by page in chromium.
No page may open a dialog, carry an event-handler attribute or a script link, or print
markup raw in its <title>; the data files stay well-formed.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import mkdocs_build, write_journal
from hostile import NUMBERS, TODAY, VECTORS, write_poisoned_exports, write_poisoned_journal
from importing import ME, kithbook
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

SITES = ("journal", "linkedin", "twitter", "vcard", "ics")
#: An import must bring in at least this many of the poisoned people to test anything.
ENOUGH_PEOPLE = len(NUMBERS) // 2

#: Run in every frame before its scripts: a call of alert, confirm or prompt is recorded
#: instead of opening a dialog (each real dialog costs a round trip to the test), so a
#: page with hundreds of them is still quick. A dialog opened any other way (a frame
#: this script did not reach) is caught by page.on("dialog").
RECORD_DIALOGS = """
window.__dialogs = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (message) => { window.__dialogs.push(String(message)); };
}
"""

#: What every page is searched for in the browser, after it has loaded.
PROBE = r"""() => {
  const found = {handlers: [], links: [], scripts: [], dialogs: window.__dialogs || []};
  const shown = (e, a) => `<${e.localName} ${a.name}="${a.value.slice(0, 60)}">`;
  const urls = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) found.handlers.push(shown(e, a));
      const url = a.value.replace(/[\u0000-\u0020]/g, '');
      const scripted = /^(javascript|vbscript|data:text\/html)/i.test(url);
      if (name === 'srcdoc' || (urls.includes(name) && scripted)) found.links.push(shown(e, a));
    }
  }
  for (const s of document.querySelectorAll('script:not([src])'))
    if (/alert\(/.test(s.textContent)) found.scripts.push(s.textContent.slice(0, 80));
  return {...found, text: document.body ? document.body.innerText : ''};
}"""


@dataclass
class Built:
    """One poisoned journal, built: what the import and the build said."""

    name: str
    root: Path
    site: Path
    build: object
    import_result: object | None = None
    people: int = 0


@dataclass
class Visit:
    """What chromium found on every page of a built site."""

    pages: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    markers: set[int] = field(default_factory=set)


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the site, as the URL path that serves it, sorted."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        pages.append("/" + quote(rel, safe="/"))
    return pages


def payload_of(message: str) -> str:
    """The payload a dialog's message names (its number), shown for the failure report."""
    number = re.sub(r"\D", "", message)
    if number and int(number) in VECTORS:
        return f"payload {number} {VECTORS[int(number)][-60:]!r}"
    return repr(message)


def summary(findings: list[str], limit: int = 40) -> str:
    """Findings ("page: what") grouped by what was found, with the first pages of each."""
    pages: dict[str, list[str]] = {}
    for finding in findings:
        page, _, what = finding.partition(": ")
        pages.setdefault(what, [])
        if page not in pages[what]:
            pages[what].append(page)
    lines = [
        f"{what}\n    on {len(where)} page(s): {', '.join(where[:4])}"
        for what, where in sorted(pages.items())
    ]
    return f"{len(findings)} found:\n" + "\n".join(lines[:limit])


@pytest.fixture(scope="module", params=SITES)
def built(request, tmp_path_factory) -> Built:
    """The hand-written poisoned journal, or a journal made by one importer from its
    poisoned export, built with a real (not strict) `mkdocs build`."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "journal":
        root = write_poisoned_journal(folder / "journal")
        imported = None
    else:
        root = write_journal(folder / "journal", {}, settings=ME)
        export = write_poisoned_exports(folder / "exports")[request.param]
        imported = kithbook(root, "import", request.param, export)
    people = len(list((root / "people").glob("*"))) if (root / "people").is_dir() else 0
    result = mkdocs_build(root, today=TODAY)
    return Built(request.param, root, root / "site", result, imported, people)


@pytest.fixture(scope="module")
def base_url(built):
    """The built site served on 127.0.0.1 for the module's tests of that site."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
            pass

    handler = functools.partial(Quiet, directory=str(built.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def visit(built, base_url, browser) -> Visit:
    """Every HTML page of the site opened once in one tab, dialogs recorded and dismissed."""
    found = Visit()
    context = browser.new_context()
    context.add_init_script(RECORD_DIALOGS)
    tab = context.new_page()
    current = [""]

    def on_dialog(dialog) -> None:
        found.dialogs.append(f"{current[0]}: {payload_of(dialog.message)}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    for page in html_pages(built.site) if built.site.is_dir() else []:
        current[0] = page
        found.pages.append(page)
        tab.goto(base_url + page, wait_until="load")
        tab.wait_for_timeout(50)
        probe = tab.evaluate(PROBE)
        found.dialogs += [f"{page}: {payload_of(message)}" for message in probe["dialogs"]]
        found.handlers += [f"{page}: {item}" for item in probe["handlers"]]
        found.links += [f"{page}: {item}" for item in probe["links"]]
        found.scripts += [f"{page}: {item}" for item in probe["scripts"]]
        found.markers |= {n for n in NUMBERS if f"kb{n}" in probe["text"]}
    tab.wait_for_timeout(200)  # a late handler still reports to the last page
    context.close()
    return found


def poison_reached_the_site(built: Built, visit: Visit | None = None) -> None:
    """The precondition of every check: the import worked and the payloads are on the pages
    (a site that shows none of them proves nothing)."""
    if built.import_result is not None:
        result = built.import_result
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        assert not crashed, (
            f"kithbook import {built.name} crashed on the poisoned export: {result.exception!r}"
        )
        assert result.exit_code == 0, (
            f"kithbook import {built.name} refused the poisoned export: "
            f"{result.output.strip().splitlines()[-1:]}"
        )
        assert built.people >= ENOUGH_PEOPLE, (
            f"kithbook import {built.name} created {built.people} people of {len(NUMBERS)}"
        )
    if visit is not None:
        assert len(visit.markers) >= ENOUGH_PEOPLE, (
            f"only payloads {sorted(visit.markers)} reached the pages of {built.name}"
        )


def test_the_poisoned_journal_builds(built):
    poison_reached_the_site(built)
    assert built.build.returncode == 0, built.build.stderr[-3000:]
    assert "Traceback" not in built.build.stderr, built.build.stderr[-3000:]
    pages = html_pages(built.site)
    expected = ["/", "/404.html", "/events/", "/next/", "/people/", "/problems/", "/tags/"]
    expected += ["/network/", "/places/"]
    assert set(expected) <= set(pages), sorted(set(expected) - set(pages))
    people = [page for page in pages if page.startswith("/people/") and page != "/people/"]
    assert len(people) >= ENOUGH_PEOPLE, pages


def test_no_page_opens_a_dialog(built, visit):
    poison_reached_the_site(built, visit)
    assert len(visit.pages) >= ENOUGH_PEOPLE
    assert not visit.dialogs, summary(visit.dialogs)


def test_no_element_carries_an_event_handler(built, visit):
    poison_reached_the_site(built, visit)
    assert not visit.handlers, summary(visit.handlers)


def test_no_link_runs_script(built, visit):
    poison_reached_the_site(built, visit)
    assert not visit.links, summary(visit.links)
    assert not visit.scripts, summary(visit.scripts)


def test_no_title_holds_raw_markup(built, visit):
    poison_reached_the_site(built, visit)
    raw = []
    for path in sorted(built.site.rglob("*.html")):
        # the page's own <title>, in <head> (the charts' SVG <title>s are in the body):
        # from <title> to the last </title> of its line, where raw markup would sit
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        match = re.search(r"<title>(.*)</title>", head)
        assert match, f"{path}: no <title>"
        if re.search(r"<(script|img|svg|/title|iframe|details|a |b )", match[1]):
            raw.append(f"{path.relative_to(built.site)}: {match[1][:120]}")
    assert not raw, summary(raw)


def test_the_data_files_stay_well_formed(built):
    """The JSON files parse, and /reminders.ics has one property per CRLF line: no text
    of an event opens a line of its own (no injected SUMMARY or END:VEVENT)."""
    poison_reached_the_site(built)
    assert built.build.returncode == 0, built.build.stderr[-3000:]
    for name in ("api/network.json", "api/next.json", "search/search_index.json"):
        json.loads((built.site / name).read_text(encoding="utf-8"))
    calendar = (built.site / "reminders.ics").read_bytes().decode("utf-8")
    assert "\n" not in calendar.replace("\r\n", "") and "\r" not in calendar.replace("\r\n", "")
    lines = re.sub(r"\r\n[ \t]", "", calendar).split("\r\n")
    bad = [line for line in lines if line and not re.match(r"[A-Z][A-Z0-9-]*[;:]", line)]
    assert not bad, bad[:10]
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    assert not [line for line in lines if line.startswith("SUMMARY:injected")]


@pytest.mark.parametrize("built", ["journal"], indirect=True)
def test_search_results_open_no_dialog(built, base_url, browser):
    """Material's search shows pieces of the pages it indexed: typed queries that match
    the payloads open no dialog and leave no handler in the results."""
    assert built.build.returncode == 0, built.build.stderr[-3000:]
    context = browser.new_context()
    context.add_init_script(RECORD_DIALOGS)
    tab = context.new_page()
    dialogs: list[str] = []
    typed = [""]
    tab.on(
        "dialog", lambda d: (dialogs.append(f"{typed[0]}: {payload_of(d.message)}"), d.dismiss())
    )
    tab.goto(f"{base_url}/")
    tab.click("label.md-search__icon, .md-search__input")
    results = tab.locator(".md-search-result__item")
    shown = 0
    for query in ("kb103", "onerror", "alert", "script", "kb119 math", "javascript"):
        typed[0] = query
        # The index loads in a worker; a query typed before it is ready is not re-run.
        for _ in range(10):
            tab.fill("input.md-search__input", "")
            tab.type("input.md-search__input", query)
            try:
                results.first.wait_for(timeout=1500)
                break
            except PlaywrightTimeout:
                continue
        tab.wait_for_timeout(150)
        shown += results.count()
        probe = tab.evaluate(PROBE)
        dialogs += [f"{query}: {payload_of(message)}" for message in probe["dialogs"]]
        tab.evaluate("() => { window.__dialogs.length = 0; }")
        assert not probe["handlers"], f"{query}: {probe['handlers'][:10]}"
    context.close()
    assert shown, "the search found none of the payloads"
    assert not dialogs, summary(dialogs)
