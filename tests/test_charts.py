"""The pictures (kithbook.charts, kithbook.layout): well-formed SVG whose marks
match the journal, the same bytes every time, and every value from the files
escaped. Journals are built from records inline; today is 21 Nov 2026."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date

import pytest
from builders import TODAY, event, journal, person

from kithbook import charts
from kithbook.layout import CROWD, DRAWN_CAPPED, Network, arrange, network
from kithbook.measures import DEFAULTS, strengths, tie_strength
from kithbook.model import Event
from kithbook.render import person_links, relative_url
from kithbook.timeline import timelines

WEIGHTS = DEFAULTS  # the ranking's settings, which the pictures' tie strength follows


def svg_of(markup: str) -> ET.Element:
    """The <svg> inside a chart's figure, parsed as XML (a parse error fails the test)."""
    figure = ET.fromstring(str(markup))
    assert figure.tag == "figure" and "kb-chart" in figure.get("class", "")
    assert "\n" not in str(markup)  # one line: a blank line would end the raw HTML block
    svg = figure.find("svg")
    assert svg is not None
    assert svg.get("role") == "img" and svg.get("aria-label")
    assert svg[0].tag == "title" and svg[0].text == svg.get("aria-label")
    return svg


def with_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in root.iter() if cls in e.get("class", "").split()]


# ---------------------------------------------------------------- a person's timeline

MET_OFTEN = [
    event(date(2026, 11, 12), "priya"),
    event(date(2026, 11, 2), "priya", kind="message"),
    event(date(2026, 10, 2), "priya"),
    event(date(2026, 10, 20), "priya", kind="call"),
    event(date(2026, 8, 22), "priya"),
    event(date(2025, 2, 8), "priya"),
    event(date(2021, 5, 1), "priya"),  # more than 36 months ago: not drawn
    event(date(2026, 12, 5), "priya", kind="meetup", title="Thrive"),  # a plan
]


def test_the_bars_count_the_events_of_each_month_by_channel():
    j = journal([person("priya", circle="inner", keep_in_touch="2w")], MET_OFTEN)
    t = timelines(j, TODAY)["priya"]
    svg = svg_of(charts.relationship_chart(t, TODAY))

    months = {g.get("data-month"): g for g in with_class(svg, "kb-month")}
    expected = Counter(f"{e.date:%Y-%m}" for e in t.past if e.date >= date(2023, 12, 1))
    drawn = {m: int(g.get("data-count")) for m, g in months.items() if int(g.get("data-count"))}
    assert drawn == dict(expected)
    october = {
        r.get("data-channel"): int(r.get("data-n")) for r in months["2026-10"] if r.tag == "rect"
    }
    assert october == {"in person": 1, "call": 1}
    assert months["2026-10"].find("title").text == "Oct 2026: 1 in person, 1 call"
    assert months["2026-12"].get("data-planned") == "1"  # the plan, drawn dashed
    assert "2021-05" not in months

    # in person marked apart: one dot per month with in-person contact
    met = {c.get("data-n") for c in with_class(svg, "kb-met")}
    assert len(with_class(svg, "kb-met")) == 4 and met == {"1"}
    # today and the due date (12 Nov + 2 weeks)
    markers = {g.get("class"): g.get("data-date") for g in with_class(svg, "kb-marker")}
    assert markers == {"kb-marker kb-today": "2026-11-21", "kb-marker kb-due": "2026-11-26"}
    label = svg.get("aria-label")
    assert (
        "Contact with Priya per month, Dec 2023 to Dec 2026: 6 events, 4 in person; 1 planned"
        in label
    )
    assert "next contact due 26 Nov 2026" in label


def test_someone_only_messaged_has_no_in_person_marks_and_says_so():
    events = [event(d, "dave", kind=k) for d, k in ((60, "message"), (90, "call"), (200, "like"))]
    j = journal([person("dave", keep_in_touch="1m")], events)
    svg = svg_of(charts.relationship_chart(timelines(j, TODAY)["dave"], TODAY))
    assert not with_class(svg, "kb-met")
    assert not with_class(svg, "kb-ch-in-person")
    assert with_class(svg, "kb-never")[0].text == "not once in person in these months"
    # overdue: the due date, a month after the last message, has passed
    due = with_class(svg, "kb-due")[0]
    assert due.get("data-date") == "2026-10-22"
    assert due.find("text").text == "overdue since 22 Oct 2026"


def test_nothing_logged_draws_nothing():
    j = journal([person("nobody")], [])
    assert charts.relationship_chart(timelines(j, TODAY)["nobody"], TODAY) == ""
    assert charts.ego_chart("nobody", network(j, TODAY), j.people, str) == ""


def test_the_network_activity_counts_each_event_once():
    events = [
        event(5, "a", "b"),
        event(40, "a", kind="message"),
        event(41, "b", kind="like"),
        event(-10, "a", kind="meetup"),
    ]
    j = journal([person("a"), person("b")], events)
    svg = svg_of(charts.activity_chart(j.events, TODAY))
    counts = {g.get("data-month"): int(g.get("data-count")) for g in with_class(svg, "kb-month")}
    assert counts == {"2026-10": 2, "2026-11": 1, "2026-12": 0}
    bars = [r for g in with_class(svg, "kb-month") for r in g if r.tag == "rect"]
    assert sum(int(r.get("data-n")) for r in bars if r.get("data-channel") == "in person") == 1


def test_names_and_places_are_escaped_inside_the_svg():
    name = "<b>&\"'x</b> `*_[l](javascript:x)"
    j = journal(
        [person("odd", name=name, circle="friend", where='<i>Town</i>, "X"'), person("b")],
        [event(3, "odd", "b"), event(-20, "odd", kind="meetup", place="<i>Town</i>")],
    )
    t = timelines(j, TODAY)
    net = network(j, TODAY)
    link = person_links("network.md", lambda s: f"people/{s}.md")
    drawing = charts.network_drawing(net, strengths(t, TODAY, WEIGHTS))
    pictures = [
        charts.relationship_chart(t["odd"], TODAY),
        charts.ego_chart("b", net, j.people, link),
        charts.network_pictures(j, net, drawing, strengths(t, TODAY, WEIGHTS), link)["chart"],
        charts.dashboard_pictures(j, strengths(t, TODAY, WEIGHTS), TODAY, link)["circles"],
        charts.places_pictures(j, TODAY)["chart"],
    ]
    for markup in pictures:
        assert "<b>" not in markup and "<i>" not in markup
        svg = svg_of(markup)  # parses: the escaping is complete
        text = " ".join(svg.itertext())
        assert name in text or "<i>Town</i>" in text


def test_control_characters_are_dropped_so_the_svg_stays_xml():
    assert charts.xml("a\x00b\x1fc & d") == "abc &amp; d"


# ---------------------------------------------------------------- tie strength and circles


def test_tie_strength_weighs_channels_and_halves_every_180_days():
    def strength(*events: Event) -> float:
        j = journal([person("x")], list(events))
        return tie_strength(timelines(j, TODAY)["x"], TODAY, WEIGHTS)

    assert strength() == 0.0
    assert strength(event(0, "x")) == pytest.approx(1 / 3)  # a / (a + 2), a = 1
    assert strength(event(180, "x")) == pytest.approx(0.5 / 2.5)
    assert strength(event(0, "x", kind="message")) == pytest.approx(0.35 / 2.35)
    assert strength(event(0, "x"), event(0, "x")) == pytest.approx(0.5)
    assert strength(event(-5, "x")) == 0.0  # plans are not contact
    assert [charts.measured_circle(s) for s in (0.9, 0.65, 0.5, 0.3, 0.1, 0.0)] == [
        "inner", "inner", "close", "friend", "acquaintance", "acquaintance",
    ]  # fmt: skip


def test_circles_place_each_person_in_their_quarter_and_mark_who_drifted():
    people = [
        person("kept", circle="friend"),
        person("drifted", circle="inner"),
        person("closer", circle="acquaintance"),
        person("silent", circle="close"),
    ]
    events = [event(10, "kept"), event(400, "drifted")] + [event(d, "closer") for d in (1, 2, 3, 4)]
    j = journal(people, events)
    link = person_links("index.md", lambda s: f"people/{s}.md")
    pictures = charts.dashboard_pictures(
        j, strengths(timelines(j, TODAY), TODAY, WEIGHTS), TODAY, link
    )
    svg = svg_of(pictures["circles"])
    dots = {a.get("data-slug"): a for a in with_class(svg, "kb-person")}
    assert set(dots) == {"kept", "drifted", "closer"}  # no contact: no measured tie
    assert dots["kept"].get("class") == "kb-person kb-kept"
    assert dots["drifted"].get("class") == "kb-person kb-drifted"
    assert dots["closer"].get("class") == "kb-person kb-closer"
    assert (dots["drifted"].get("data-circle"), dots["drifted"].get("data-measured")) == (
        "inner",
        "acquaintance",
    )
    assert dots["kept"].get("href") == "people/kept/"
    assert [p.person.slug for p in pictures["drifted"]] == ["drifted"]
    assert [p.person.slug for p in pictures["closer"]] == ["closer"]
    assert pictures["unmeasured"] == 1
    # the quarter is the declared circle: inner top left, friend bottom right
    x, y = (float(dots["drifted"][0].get(k)) for k in ("cx", "cy"))
    assert x < 280 and y < 280
    x, y = (float(dots["kept"][0].get(k)) for k in ("cx", "cy"))
    assert x > 280 and y > 280


# ---------------------------------------------------------------- the network

PEOPLE = [person(s) for s in ("ana", "ben", "cat", "dan", "eve", "fay", "gus")]
EVENTS = [
    event(10, "ana", "ben", "cat"),
    event(20, "ana", "ben"),
    event(30, "dan", kind="intro", by="eve"),  # eve introduced dan: they know each other
    event(40, "fay", kind="message"),  # alone with me: no tie
    event(-5, "fay", "gus"),  # a plan is not a tie yet
]


def test_the_network_has_a_tie_for_each_pair_that_shared_an_event():
    j = journal(PEOPLE + [person("hal", introduced_by="gus")], EVENTS)
    net = network(j, TODAY)
    assert net.ties == {
        ("ana", "ben"): 2,
        ("ana", "cat"): 1,
        ("ben", "cat"): 1,
        ("dan", "eve"): 1,
        ("gus", "hal"): 1,  # introduced_by
    }
    assert net.neighbours["ana"] == {"ben": 2, "cat": 1}
    assert "fay" not in net.neighbours


def test_a_crowd_adds_no_ties():
    crowd = [person(f"p{i:02d}") for i in range(CROWD + 1)]
    j = journal(crowd, [event(3, *(p.slug for p in crowd), kind="conference")])
    assert network(j, TODAY).ties == {}


def test_the_network_svg_has_a_linked_node_per_person_with_ties_and_a_line_per_tie():
    j = journal(PEOPLE, EVENTS)
    t = timelines(j, TODAY)
    net = network(j, TODAY)
    link = person_links("network.md", lambda s: f"people/{s}.md")
    drawing = charts.network_drawing(net, strengths(t, TODAY, WEIGHTS))
    pictures = charts.network_pictures(j, net, drawing, strengths(t, TODAY, WEIGHTS), link)
    svg = svg_of(pictures["chart"])
    nodes = {a.get("id"): a for a in with_class(svg, "kb-person")}
    assert set(nodes) == {"n-ana", "n-ben", "n-cat", "n-dan", "n-eve"}
    assert nodes["n-ana"].get("href") == "../people/ana/"
    assert nodes["n-ana"].find("circle/title").text == "Ana"
    centre = {
        (a.find("circle").get("cx"), a.find("circle").get("cy")): a.get("id")[2:]
        for a in nodes.values()
    }
    drawn = set()
    for path in with_class(svg, "kb-ties"):
        segments = path.get("d").split("M")[1:]
        assert len(segments) == int(path.get("data-ties"))
        for segment in segments:
            start, end = (tuple(p.split(" ")) for p in segment.split("L"))
            pair = tuple(sorted((centre[start], centre[end])))
            assert net.ties[pair] == int(path.get("data-w"))
            drawn.add(pair)
    assert drawn == set(net.ties)
    assert pictures["alone"] == 2  # fay and gus
    assert [name for name, _ in pictures["groups"]][0].startswith("around ")


def test_the_layout_is_the_same_bytes_in_any_process():
    """Two builds, in two processes with different hash seeds, draw the same network."""
    script = (
        "import sys; sys.path.insert(0, 'tests'); import test_charts as t; "
        "from kithbook import charts; from kithbook.layout import network; "
        "from kithbook.timeline import timelines; "
        "j = t.journal(t.PEOPLE, t.EVENTS + [t.event(d, 'cat', 'dan') for d in (1, 2)]); "
        "link = t.person_links('network.md', lambda s: f'people/{s}.md'); "
        "tl, net = timelines(j, t.TODAY), network(j, t.TODAY); "
        "s = t.strengths(tl, t.TODAY, t.WEIGHTS); drawing = charts.network_drawing(net, s); "
        "print(charts.network_pictures(j, net, drawing, s, link)['chart'])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=os.path.dirname(os.path.dirname(__file__)),
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and "kb-network" in outputs.pop()


def test_a_network_of_more_than_2000_draws_the_strongest_500():
    ties = {(f"p{i:04d}", f"p{i + 1:04d}"): 1 for i in range(2100)}
    neighbours: dict[str, dict[str, int]] = {}
    for a, b in ties:
        neighbours.setdefault(a, {})[b] = 1
        neighbours.setdefault(b, {})[a] = 1
    strength = {slug: int(slug[1:]) / 10000 for slug in neighbours}
    drawing = arrange(Network(ties, neighbours), strength)
    assert drawing.capped and drawing.total == 2101
    assert len(drawing.nodes) == DRAWN_CAPPED
    assert drawing.nodes[0] == "p2100" and "p0000" not in drawing.positions
    assert len(drawing.edges) == DRAWN_CAPPED - 1  # the chain among the strongest


def test_only_people_drawn_in_the_network_link_to_their_place_in_it(monkeypatch):
    from kithbook import layout, pages

    monkeypatch.setattr(layout, "DRAWN_MAX", 2)  # more than two: only the strongest two
    monkeypatch.setattr(layout, "DRAWN_CAPPED", 2)
    j = journal(
        [person(s) for s in ("ana", "ben", "cat")],
        [event(3, "ana", "ben"), event(5, "ana", "ben"), event(400, "ben", "cat")],
    )
    files = pages.build_site(j, [], TODAY)
    assert 'id="n-ana"' in files["network.md"] and 'id="n-cat"' not in files["network.md"]
    assert 'href="../../network/#n-ana"' in files["people/ana.md"]
    assert "## In the network" in files["people/cat.md"]  # cat's own picture stays
    assert "#n-cat" not in files["people/cat.md"]


def test_a_person_page_shows_who_they_share_events_with():
    j = journal(PEOPLE, EVENTS)
    link = person_links("people/ana.md", lambda s: f"people/{s}.md")
    svg = svg_of(charts.ego_chart("ana", network(j, TODAY), j.people, link))
    around = {a.get("data-slug"): a.get("href") for a in with_class(svg, "kb-person")}
    assert around == {"ben": "../ben/", "cat": "../cat/"}
    spokes = {s.get("data-slug"): s.get("data-w") for s in with_class(svg, "kb-spoke")}
    assert spokes == {"ben": "2", "cat": "1"}
    assert len(with_class(svg, "kb-among")[0].get("d").split("M")) - 1 == 1  # ben and cat
    assert svg.get("aria-label") == "Ana shares events with 2 people."


# ---------------------------------------------------------------- places


def test_places_group_by_city_and_find_locals_and_trips():
    people = [
        person("a", where="Birmingham, UK"),
        person("b", where="birmingham"),
        person("c", where="Leeds, UK"),
        person("d", where="Leeds"),
        person("e", where="Lisbon, PT"),
        person("f"),
    ]
    events = [
        event(-30, "c", kind="conference", place="Northern Stack, Leeds"),
        event(-40, "a", place="Digbeth, Birmingham"),  # at home: not a trip
        event(10, "e", place="Lisbon"),  # past: not a trip
    ]
    j = journal(people, events)
    pictures = charts.places_pictures(j, TODAY)
    rows = {p.key: p for p in pictures["places"]}
    assert [p.name for p in pictures["places"]] == ["Birmingham", "Leeds", "Lisbon"]
    assert [p.slug for p in rows["birmingham"].people] == ["a", "b"]
    assert rows["birmingham"].local and pictures["home"] is rows["birmingham"]
    assert [e.place for e, _ in pictures["trips"]] == ["Northern Stack, Leeds"]
    assert [p.key for p in pictures["trips"][0][1]] == ["leeds"]
    assert [p.slug for p in pictures["nowhere"]] == ["f"]
    svg = svg_of(pictures["chart"])
    assert {g.get("data-place"): g.get("data-count") for g in with_class(svg, "kb-place-row")} == {
        "birmingham": "2",
        "leeds": "2",
        "lisbon": "1",
    }
    assert len(with_class(svg, "kb-home")) == 1 and len(with_class(svg, "kb-trip")) == 1


def test_without_a_home_every_plan_with_a_place_is_a_trip():
    j = journal([person("a", where="Birmingham")], [event(-3, "a", place="Birmingham")], where=None)
    pictures = charts.places_pictures(j, TODAY)
    assert pictures["home"] is None and len(pictures["trips"]) == 1


# ---------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("here", "target", "link"),
    [
        ("network.md", "people/jane-doe.md", "../people/jane-doe/"),
        ("index.md", "people/jane-doe.md", "people/jane-doe/"),
        ("people/bob.md", "people/jane-doe.md", "../jane-doe/"),
        ("people/index.md", "people/jane-doe.md", "jane-doe/"),
        ("events/2026/x.md", "network.md", "../../../network/"),
        ("people/jane-doe.md", "people/jane-doe.md", "./"),
    ],
)
def test_links_in_raw_html_are_relative_to_the_page_as_served(here, target, link):
    assert relative_url(here, target) == link


def test_the_ranking_settings_reach_the_pictures_of_the_site():
    """extra.kithbook.ranking changes the tie strength the circles chart draws, as it
    changes the ranking: both read the one set of settings (kithbook.measures)."""
    from dataclasses import replace

    from kithbook.site import Site

    j = journal([person("kept", circle="friend")], [event(0, "kept")])
    measured = {}
    for ranking in ({}, {"channel_in_person": 0.0}):
        ranked = replace(j, config=replace(j.config, ranking=ranking))
        measured[bool(ranking)] = Site(ranked, (), TODAY, timelines(ranked, TODAY)).strengths
    assert measured == {False: {"kept": pytest.approx(1 / 3)}, True: {"kept": 0.0}}


def test_the_ties_a_name_may_cross_are_all_found_through_the_grid():
    """svg.Segments gives place_label every tie that crosses a box, but a person's own:
    the same answer as testing every tie, for ties in any direction, on cell edges and
    of no length."""
    import random

    from kithbook.charts.svg import Segments, crosses

    rng = random.Random(7)
    width, height = 640.0, 480.0
    points = [(rng.uniform(0, width), rng.uniform(0, height)) for _ in range(60)]
    points += [(0.0, 0.0), (width, height), (320.0, 240.0), (20.0 * 16, 15.0 * 16)]
    ties = [(f"a{i}", f"b{i}", (*rng.choice(points), *rng.choice(points))) for i in range(400)]
    ties += [("c", "d", (320.0, 100.0, 320.0, 400.0)), ("e", "f", (100.0, 240.0, 600.0, 240.0))]
    grid = Segments(ties, width, height)
    for _ in range(2000):
        x, y = rng.uniform(-20, width), rng.uniform(-20, height)
        box = (x, y, x + rng.uniform(0, 120), y + rng.uniform(0, 20))
        every = [s for _, _, s in ties if crosses(box, *s)]
        found = [s for s in grid.through(box) if crosses(box, *s)]
        assert sorted(found) == sorted(every)
    whole = (0.0, 0.0, width, height)
    assert (320.0, 100.0, 320.0, 400.0) in grid.through(whole)
    assert (320.0, 100.0, 320.0, 400.0) not in grid.through(whole, "d")  # a tie of their own
