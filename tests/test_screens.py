"""Issue 17: the site as a person sees it on a phone and on a desktop, in the light and in
the dark, for the demo journal and for one that imported 3,000 LinkedIn connections.

The browser tests measure what shows: the rendered size of every word of every chart,
labels that meet, a page that scrolls sideways, where the fifth suggestion sits. Each
built site is made once for the module, and one browser context visits them all,
changing its window and colour scheme as a person would.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from builders import TODAY, event, journal, person
from conftest import REPO, mkdocs_build
from importing import kithbook
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kithbook import charts
from kithbook.browse import accent_free, fold_search_index, script_text
from kithbook.measures import DEFAULTS, strengths
from kithbook.pages import dashboard, next_page, people_index
from kithbook.site import Site
from kithbook.skeleton import create_journal
from kithbook.suggest import rank
from kithbook.timeline import timelines

#: A phone (the narrowest the issue names, and a common one) and a desktop.
WINDOWS = {360: 780, 390: 844, 1400: 900}
#: Every kind of page: the dashboard, the to-do list, the people, a person met often and
#: one only written to, the pictures, the lists.
PAGES = (
    "",
    "next/",
    "people/",
    "people/priya-shah/",
    "people/dave-okafor/",
    "network/",
    "places/",
    "events/",
    "tags/",
)
CONNECTIONS = 3000
SMALLEST_TEXT = 11.0

# ---------------------------------------------------------------- what the browser measures

#: For each chart drawn on the page: the words smaller than SMALLEST_TEXT as shown, the
#: pairs of words whose boxes meet, the words a marker's line crosses (today, due), and
#: the names a tie between two other people crosses on the network.
MEASURE_CHARTS = r"""(smallest) => {
  const found = {small: [], meeting: [], crossed: [], drawn: 0};
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const svg of document.querySelectorAll('figure.kb-chart svg')) {
    if (!visible(svg)) continue;
    found.drawn += 1;
    const texts = [...svg.querySelectorAll('text')].filter(visible);
    const scale = svg.getScreenCTM().a;
    for (const t of texts) {
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < smallest) found.small.push(`${t.textContent} ${size.toFixed(1)}px`);
    }
    const boxes = texts.map((t) => [t.textContent, t.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (meet(boxes[i][1], boxes[j][1])) found.meeting.push(`${boxes[i][0]} / ${boxes[j][0]}`);
    for (const marker of svg.querySelectorAll('.kb-marker')) {
      const line = marker.querySelector('line').getBoundingClientRect();
      for (const [words, box] of boxes)
        if (words !== marker.querySelector('text').textContent &&
            line.left > box.left && line.left < box.right
            && line.top < box.bottom && line.bottom > box.top)
          found.crossed.push(`${words} crossed by the ${marker.classList[1]} line`);
    }
    const ties = [];
    for (const path of svg.querySelectorAll('path.kb-ties'))
      for (const part of path.getAttribute('d').split('M').slice(1)) {
        const [a, b] = part.split('L').map((p) => p.trim().split(' ').map(Number));
        ties.push([a, b]);
      }
    for (const name of svg.querySelectorAll('a.kb-person text.kb-name')) {
      // a name on a patch of the page hides the ties beneath it
      if (!visible(name) || name.parentNode.querySelector('rect.kb-label-bg')) continue;
      const dot = name.parentNode.querySelector('circle');
      const own = [Number(dot.getAttribute('cx')), Number(dot.getAttribute('cy'))];
      const box = name.getBBox();
      for (const [a, b] of ties) {
        const mine = [a, b].some(
          (p) => Math.abs(p[0] - own[0]) < 0.2 && Math.abs(p[1] - own[1]) < 0.2);
        if (!mine && crosses(box, a, b)) found.crossed.push(`${name.textContent} crossed by a tie`);
      }
    }
  }
  return found;

  function crosses(box, a, b) {
    let low = 0, high = 1;
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const sides = [[-dx, a[0] - box.x], [dx, box.x + box.width - a[0]],
                   [-dy, a[1] - box.y], [dy, box.y + box.height - a[1]]];
    for (const [p, q] of sides) {
      if (p === 0) { if (q < 0) return false; continue; }
      const r = q / p;
      if (p < 0) low = Math.max(low, r); else high = Math.min(high, r);
      if (low > high) return false;
    }
    return true;
  }
}"""

#: Whether anything scrolls sideways: the page, or a box inside the content.
MEASURE_SCROLL = r"""() => {
  const root = document.documentElement;
  const boxes = [];
  for (const e of document.querySelectorAll('.md-content *')) {
    const style = getComputedStyle(e);
    if (/(auto|scroll)/.test(style.overflowX) && e.scrollWidth > e.clientWidth + 1)
      boxes.push(`${e.localName}.${e.className}`);
  }
  return {page: root.scrollWidth - root.clientWidth, boxes};
}"""

#: The contrast of a chart's words with the page behind them (WCAG's ratio).
MEASURE_CONTRAST = r"""() => {
  const text = document.querySelector('figure.kb-chart svg:not([style*="none"]) text');
  if (!text) return null;
  const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const fg = lum(rgb(getComputedStyle(text).fill));
  const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}"""


def connections_csv(path: Path, rows: int = CONNECTIONS) -> Path:
    """A LinkedIn Connections.csv as LinkedIn writes it (its notes first), ``rows`` people
    with names in several languages, accents and all."""
    first = ["Ana", "Ben", "Chloé", "Dávid", "Eve", "Fatima", "Gökhan", "Hana", "Ivan", "Jörg"]
    last = ["Kovač", "Smith", "Müller", "Núñez", "Quigley", "Rossi", "Sørensen", "Ünal", "Xu"]
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    with open(path, "w", newline="", encoding="utf-8") as out:
        out.write('Notes:\n"When exporting your connection data, you may notice..."\n\n')
        writer = csv.writer(out)
        writer.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        for n in range(rows):
            writer.writerow(
                [
                    first[n % len(first)],
                    f"{last[(n // len(first)) % len(last)]} {n}",
                    f"https://www.linkedin.com/in/connection-{n}",
                    "",
                    ["Acme", "Globex", "Initech", ""][n % 4],
                    "Engineer",
                    f"{1 + n % 28:02d} {months[n % 12]} {2015 + n % 11}",
                ]
            )
    return path


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory) -> Path:
    """The demo journal after importing 3,000 LinkedIn connections, built."""
    root = tmp_path_factory.mktemp("imported") / "journal"
    root.mkdir()
    for name in ("people", "events", "docs", "hooks"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = kithbook(root, "import", "linkedin", connections_csv(root.parent / "Connections.csv"))
    assert result.exit_code == 0, result.output
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr
    return root / "site"


@pytest.fixture(scope="module")
def tab(browser):
    """One browser context for the module; each test sets the window it needs."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def look(tab, url: str, width: int, scheme: str) -> None:
    """Open ``url`` in a window ``width`` wide, with the system set to ``scheme``."""
    tab.set_viewport_size({"width": width, "height": WINDOWS[width]})
    tab.emulate_media(color_scheme=scheme)
    tab.goto(url)


# ---------------------------------------------------------------- phones and desktops


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_reads_at_every_width_in_light_and_dark(demo_site, serve, tab, scheme):
    base = serve(demo_site)
    failures = []
    charts_seen = 0
    # the dark scheme changes colours, not the layout: measured at one phone and the desktop
    for width in WINDOWS if scheme == "light" else (390, 1400):
        for path in PAGES:
            look(tab, f"{base}/{path}", width, scheme)
            where = f"/{path} at {width} px, {scheme}"
            shown = tab.evaluate(MEASURE_CHARTS, SMALLEST_TEXT)
            charts_seen += shown["drawn"]
            failures += [f"{where}: {what} under {SMALLEST_TEXT} px" for what in shown["small"]]
            failures += [f"{where}: labels meet: {pair}" for pair in shown["meeting"]]
            failures += [f"{where}: {what}" for what in shown["crossed"]]
            scroll = tab.evaluate(MEASURE_SCROLL)
            if scroll["page"] > 0 or scroll["boxes"]:
                failures.append(f"{where}: scrolls sideways: {scroll}")
            if shown["drawn"]:
                contrast = tab.evaluate(MEASURE_CONTRAST)
                if contrast is not None and contrast < 4.5:
                    failures.append(f"{where}: chart text contrast {contrast:.1f}")
        expected = "slate" if scheme == "dark" else "default"
        assert tab.get_attribute("body", "data-md-color-scheme") == expected
    assert charts_seen >= 2 * 7  # the charts were there to measure, at every width
    assert not failures, "\n".join(failures[:30])


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1400])
def test_the_first_screen_of_next_shows_five_people(demo_site, serve, tab, width):
    base = serve(demo_site)
    look(tab, f"{base}/next/", width, "light")
    lines = tab.locator("details.kb-next")
    assert lines.count() >= 5
    fifth = lines.nth(4).bounding_box()
    assert fifth["y"] + fifth["height"] <= WINDOWS[width], fifth
    # reasons are folded beneath each line, and open with a click
    first = lines.nth(0)
    assert not first.locator("li").first.is_visible()
    first.locator("summary").click(position={"x": 5, "y": 5})
    assert first.locator("li").first.is_visible()
    # Dave is at Thrive Birmingham already: no second "meet"
    dave = tab.locator("details#next-dave-okafor summary").inner_text()
    assert "Already planned: Thrive Birmingham" in dave and "Meet" not in dave


@pytest.mark.browser
def test_dark_mode_follows_the_system_and_the_toggle_switches(demo_site, serve, tab):
    base = serve(demo_site)
    look(tab, f"{base}/", 390, "dark")
    tab.evaluate("() => localStorage.clear()")
    look(tab, f"{base}/", 390, "dark")
    assert tab.get_attribute("body", "data-md-color-scheme") == "slate"
    tab.locator("form[data-md-component=palette] label:visible").first.click()
    assert tab.get_attribute("body", "data-md-color-scheme") == "default"
    tab.evaluate("() => localStorage.clear()")
    look(tab, f"{base}/", 1400, "light")
    assert tab.get_attribute("body", "data-md-color-scheme") == "default"


@pytest.mark.browser
@pytest.mark.parametrize("typed", ["Kovac", "Kovač", "kovac"])
def test_the_site_search_ignores_accents(demo_site, serve, tab, typed):
    base = serve(demo_site)
    look(tab, f"{base}/", 1400, "light")
    tab.click(".md-search__input")
    result = tab.locator(".md-search-result__item", has_text="Mira Kovač").first
    for _ in range(15):  # the index loads in a worker: type again until it answers
        tab.fill("input.md-search__input", "")
        tab.type("input.md-search__input", typed)
        try:
            result.wait_for(timeout=2000)
            break
        except PlaywrightTimeout:
            continue
    assert result.is_visible()


# ---------------------------------------------------------------- a network mostly collected


@pytest.mark.browser
def test_people_opens_on_relationships_and_finds_anyone_by_typing(imported_site, serve, tab):
    page = imported_site / "people" / "index.html"
    assert page.stat().st_size < 600_000  # was 568 KB in one table before the split
    network = json.loads((imported_site / "api" / "network.json").read_text("utf-8"))
    real = {
        slug
        for e in network["events"]
        if e["channel"] in ("in person", "call", "written") and e["date"] <= network["today"]
        for slug in e["with"]
    }
    assert len(network["people"]) > CONNECTIONS
    base = serve(imported_site)
    look(tab, f"{base}/people/", 390, "light")
    known, collected = tab.locator("table.kb-sortable").all()
    assert known.locator("tbody tr").count() == len(real)
    assert collected.locator("tbody tr").count() == len(network["people"]) - len(real)
    assert not tab.locator("details.kb-collected").evaluate("d => d.open")
    assert tab.evaluate(MEASURE_SCROLL) == {"page": 0, "boxes": []}
    assert tab.evaluate("() => document.documentElement.scrollHeight") < 5000
    # typing finds anyone, accents or not, and unfolds the collected list
    tab.fill("input[data-kb-filter]", "kovac 1800")
    shown = tab.locator("table.kb-sortable tbody tr:visible")
    assert shown.count() == 1 and "Ana Kovač 1800" in shown.inner_text()
    assert tab.inner_text("output[data-kb-count]") == f"1 of {len(network['people'])}"
    tab.fill("input[data-kb-filter]", "")
    assert known.locator("tbody tr:visible").count() == len(real)
    # a click on a column's name sorts by it: last seen, latest first
    known.locator("th button", has_text="Last seen").click()
    seen = known.locator("tbody td:nth-child(4)").evaluate_all(
        "cells => cells.map(c => c.dataset.kbValue)"
    )
    assert seen == sorted(seen, reverse=True)
    known.locator("th button", has_text="Name").click()
    names = known.locator("tbody td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.casefold)
    # the dashboard says how many contacts are relationships, and met in person
    met = sum(1 for p in network["people"] if p["slug"] in real and p["in_person"])
    look(tab, f"{base}/", 1400, "dark")
    text = tab.inner_text("article")
    assert f"Of your {len(network['people']):,} contacts, {len(real)} are relationships" in text
    assert f"you have met {met} of them in person" in text


@pytest.mark.browser
def test_an_imported_network_reads_on_a_phone_and_a_desktop(imported_site, serve, tab):
    base = serve(imported_site)
    failures = []
    for width, scheme in ((390, "light"), (390, "dark"), (1400, "light")):
        for path in ("", "next/", "network/", "people/ana-kovac-0/"):  # a collected contact
            look(tab, f"{base}/{path}", width, scheme)
            assert tab.locator("article h1").count() == 1, path
            shown = tab.evaluate(MEASURE_CHARTS, SMALLEST_TEXT)
            failures += [f"/{path} {width}: {w}" for w in shown["small"] + shown["meeting"]]
            scroll = tab.evaluate(MEASURE_SCROLL)
            if scroll["page"] > 0 or scroll["boxes"]:
                failures.append(f"/{path} {width} {scheme}: scrolls sideways: {scroll}")
    assert not failures, "\n".join(failures[:30])


# ---------------------------------------------------------------- the pieces, without a browser


def test_drifted_waits_until_the_history_can_say_so():
    """A week-old journal: one coffee with someone you put in your inner circle measures
    weak, but nobody has drifted yet; the same coffee two years into the history has."""
    people = [person("ana", circle="inner"), person("ben", circle="inner")]

    def drifted(events):
        j = journal(people, events)
        lines = timelines(j, TODAY)
        pictures = charts.dashboard_pictures(
            j,
            strengths(lines, TODAY, DEFAULTS),
            TODAY,
            lambda slug: slug,
            known_since={slug: t.first_seen for slug, t in lines.items()},
            settle_days=DEFAULTS["tie_half_life_days"],
        )
        return [p.person.slug for p in pictures["drifted"]]

    assert drifted([event(3, "ana"), event(6, "ben")]) == []
    assert drifted([event(3, "ana"), event(6, "ben"), event(730, "ben")]) == ["ben"]


def test_someone_in_a_plan_is_already_planned_not_met_again():
    j = journal(
        [person("ana", circle="inner"), person("ben", circle="inner")],
        [
            event(90, "ana"),
            event(90, "ben"),
            event(-10, "ana", kind="meetup", title="Thrive", id="2026/thrive"),
        ],
    )
    lines = timelines(j, TODAY)
    site = Site(j, (), TODAY, lines, tuple(rank(j, lines, TODAY)))
    text = next_page(site, None)
    ana = text[text.index('id="next-ana"') : text.index("</summary>", text.index('id="next-ana"'))]
    assert 'Already planned: <a href="../events/2026/thrive/">Thrive</a>, 1 Dec' in ana
    assert "Meet" not in ana
    ben = text[text.index('id="next-ben"') :]
    assert "Already planned" not in ben[: ben.index("</summary>")]
    assert "already planned, [Thrive]" in dashboard(site, "")


def test_the_dashboard_counts_in_the_singular_and_relationships_apart():
    from kithbook.model import Problem, Source

    j = journal(
        [person("ana"), person("ben"), person("cy")],
        [event(10, "ana"), event(20, "ben", kind="message"), event(5, "cy", kind="like")],
    )
    problem = Problem(Source("people/x.md", 1), "error", "bad")
    site = Site(j, (problem,), TODAY, timelines(j, TODAY), ())
    text = dashboard(site, "")
    assert "found 1 error and 0 warnings" in text
    assert "Of your 3 contacts, **2** are relationships" in text  # cy only liked a post
    assert "you have met **1** of them in person" in text


def test_a_people_card_counts_in_the_singular():
    """On a phone each row is a card whose numbers carry their words ("1 contact")."""
    j = journal(
        [person("ana"), person("ben")], [event(10, "ana"), event(20, "ben"), event(30, "ben")]
    )
    text = people_index(Site(j, (), TODAY, timelines(j, TODAY), ()))
    assert 'data-label="contact">1</td>' in text and 'data-label="contacts">2</td>' in text


def test_the_search_index_gets_accent_free_words_and_keeps_the_rest():
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}
    docs = [
        {"location": "people/mira-kovac/", "title": "Mira Kovač", "text": "<p>Zoë, Ångström</p>"},
        {"location": "next/", "title": "Next", "text": "plain words"},
    ]
    plain_before = dict(docs[1])
    fold_search_index(fields, docs)
    assert fields["title_folded"] == {"boost": 1000.0}
    mira, plain = docs
    assert mira["title"] == "Mira Kovač" and mira["title_folded"] == "kovac"
    assert mira["text"] == "<p>Zoë, Ångström</p>" and mira["text_folded"] == "zoe angstrom"
    assert plain == plain_before
    assert accent_free("李明 and Kovač") == "kovac"  # other scripts are not guessed at
    folded_once = [dict(doc) for doc in docs]
    fold_search_index(fields, docs)  # a rebuild's index holds entries folded before
    assert docs == folded_once


def test_the_tables_script_writes_no_markup():
    """The script reorders and hides rows and writes plain text: nothing it handles
    (names typed by anyone) can become markup."""
    script = script_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script
    assert "textContent =" in script


def test_a_persons_own_fields_are_labelled_like_the_others(demo_site):
    page = (demo_site / "people" / "priya-shah" / "index.html").read_text("utf-8")
    assert "<td>Favourite spot</td>" in page and "<td>Coffee</td>" in page


def test_a_new_journal_runs_mkdocs_without_the_end_of_life_notice(tmp_path):
    root = tmp_path / "journal"
    create_journal(root, "Ana Kovač", "Leeds, UK", date(2026, 11, 21))
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    env["KITHBOOK_TODAY"] = "2026-11-21"

    def build() -> str:
        command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")]
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stderr

    assert "end of life" not in build()
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r".*theme_notice.*\n", "", config.read_text("utf-8")), "utf-8")
    assert "end of life" in build()  # the line is what keeps it quiet


def test_a_new_journal_follows_the_system_into_the_dark(tmp_path):
    root = tmp_path / "journal"
    create_journal(root, "Ana", None, TODAY - timedelta(days=1))
    text = (root / "mkdocs.yml").read_text("utf-8")
    assert '"(prefers-color-scheme: dark)"' in text and "scheme: slate" in text
    assert "toggle:" in text
