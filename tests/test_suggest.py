"""Who to meet next: scenario journals, each showing one part of the score move a
person the right way, and the rules that keep people off the list.

The journals are built from records inline with a small builder (``person``,
``event``, ``journal``); ``today`` is always 21 Nov 2026 and "me" lives in
Birmingham. tests/test_suggest_properties.py reuses the builder.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import markdown
import pytest
from builders import TODAY, event, journal, person

from kithbook.config import parse_config
from kithbook.load import load_journal
from kithbook.measures import DEFAULTS, settings
from kithbook.model import Journal
from kithbook.pages import next_page
from kithbook.ready import as_markdown
from kithbook.reasons import Part
from kithbook.site import Site
from kithbook.suggest import Row, next_json, rank, row_events
from kithbook.text import day
from kithbook.timeline import timelines


def ranked(j: Journal, today: date = TODAY) -> list[Row]:
    return rank(j, timelines(j, today), today)


def slugs(rows: list[Row]) -> list[str]:
    return [row.person.slug for row in rows]


def row_of(rows: list[Row], slug: str) -> Row:
    return next(row for row in rows if row.person.slug == slug)


def part(row: Row, name: str) -> Part | None:
    return next((p for p in row.parts if p.name == name), None)


# ---------------------------------------------------------------- overdue


def test_more_overdue_ranks_higher_and_the_reason_names_the_last_contact() -> None:
    j = journal(
        [person("ana", circle="close"), person("bea", circle="close")],
        [event(92, "ana", title="Coffee at Tilt"), event(36, "bea")],
    )
    rows = ranked(j)
    assert slugs(rows) == ["ana", "bea"]
    overdue = part(rows[0], "overdue")
    assert overdue is not None and overdue.events == ("2026/2026-08-21-coffee-ana",)
    assert overdue.reason == (
        "Last real contact: Coffee at Tilt (coffee, 21 Aug), 3 months ago; you wanted monthly"
    )
    assert overdue.points > part(rows[1], "overdue").points  # type: ignore[union-attr]


def test_not_yet_due_has_no_overdue_part() -> None:
    rows = ranked(journal([person("ana", circle="close")], [event(10, "ana")]))
    assert part(rows[0], "overdue") is None


def test_signals_do_not_restart_the_clock_but_talking_does() -> None:
    j = journal(
        [person("ana", circle="close"), person("bea", circle="close")],
        [
            event(100, "ana"),
            event(2, "ana", kind="mention"),
            event(100, "bea"),
            event(2, "bea", kind="message"),
        ],
    )
    rows = ranked(j)
    ana = part(row_of(rows, "ana"), "overdue")
    assert ana is not None and "since then only 1 mention" in ana.reason
    assert part(row_of(rows, "bea"), "overdue") is None
    assert slugs(rows)[0] == "ana"


def test_nothing_logged_counts_from_met_or_from_today() -> None:
    j = journal([person("ana", met=date(2026, 1, 5)), person("bea")])
    rows = ranked(j)
    assert part(row_of(rows, "ana"), "overdue").reason.startswith(  # type: ignore[union-attr]
        "No contact logged since you met on 5 Jan, 11 months ago"
    )
    assert part(row_of(rows, "bea"), "overdue").reason == (  # type: ignore[union-attr]
        "No contact logged yet; you wanted every 3 months"
    )
    assert slugs(rows) == ["ana", "bea"]  # longer silence first


# ---------------------------------------------------------------- tie strength


def test_a_long_frequent_in_person_history_is_a_stronger_tie() -> None:
    history = [event(30 * n + 20, "ana", id=f"ana-{n}") for n in range(12)]
    j = journal(
        [person("ana", met=date(2015, 1, 1)), person("bea")],
        [*history, event(20, "bea", kind="message")],
    )
    rows = ranked(j)
    assert slugs(rows) == ["ana", "bea"]
    ana, bea = part(rows[0], "tie"), part(rows[1], "tie")
    assert ana.points > bea.points  # type: ignore[union-attr]
    assert ana.reason.startswith("Strong tie: 12 contacts since")  # type: ignore[union-attr]
    assert len(ana.events) == 12  # type: ignore[union-attr]


@pytest.mark.parametrize("stronger,weaker", [("coffee", "call"), ("call", "email")])
def test_channel_weight_in_person_over_call_over_written(stronger: str, weaker: str) -> None:
    j = journal(
        [person("ana"), person("bea")],
        [event(20, "ana", kind=stronger), event(20, "bea", kind=weaker)],
    )
    rows = ranked(j, TODAY)
    assert part(row_of(rows, "ana"), "tie").points > part(row_of(rows, "bea"), "tie").points  # type: ignore[union-attr]


def test_tie_strength_decays_with_time() -> None:
    j = journal([person("ana"), person("bea")], [event(10, "ana"), event(40, "bea")])
    rows = ranked(j)
    assert part(row_of(rows, "ana"), "tie").points > part(row_of(rows, "bea"), "tie").points  # type: ignore[union-attr]


# ---------------------------------------------------------------- never met


def test_never_met_in_person_is_a_reason_and_more_contact_makes_it_stronger() -> None:
    j = journal(
        [person("ana"), person("bea"), person("cat")],
        [
            *(event(d, "ana", kind="message", id=f"ana-{d}") for d in (60, 40, 20, 10)),
            event(10, "bea", kind="message"),
            event(60, "cat", kind="coffee"),
            *(event(d, "cat", kind="message", id=f"cat-{d}") for d in (40, 20, 10)),
        ],
        ranking={"tie": 0, "reciprocity": 0},
    )
    rows = ranked(j)
    ana, bea = part(row_of(rows, "ana"), "never_met"), part(row_of(rows, "bea"), "never_met")
    assert part(row_of(rows, "cat"), "never_met") is None  # cat and I had coffee
    assert ana.points > bea.points > 0  # type: ignore[union-attr]
    assert ana.reason == (  # type: ignore[union-attr]
        "Never met in person, though in touch 4 times since 22 Sep (4 written)"
    )
    assert slugs(rows) == ["ana", "bea", "cat"]


def test_signals_alone_are_not_real_online_contact() -> None:
    rows = ranked(journal([person("ana")], [event(10, "ana", kind="like")]))
    assert part(rows[0], "never_met") is None


# ---------------------------------------------------------------- nearness


def test_living_in_my_city_is_near_whatever_the_case_and_country() -> None:
    j = journal(
        [person("ana", where="birmingham"), person("bea", where="London, UK")],
        [event(20, "ana"), event(20, "bea")],
    )
    rows = ranked(j)
    assert slugs(rows) == ["ana", "bea"]
    assert part(rows[0], "near").reason == "Lives in birmingham, like you"  # type: ignore[union-attr]
    assert part(rows[1], "near") is None
    assert rows[0].suggestion == "Invite Ana for a coffee in birmingham"


def test_a_trip_to_their_city_makes_them_near() -> None:
    trip = event(-70, kind="conference", title="Pennine Code", place="Hall 2, Leeds", id="trip")
    far_trip = event(-120, kind="conference", title="Later", place="York", id="far")
    j = journal(
        [person("ana", where="Leeds, UK"), person("bea", where="York, UK")],
        [event(20, "ana"), event(20, "bea"), trip, far_trip],
    )
    rows = ranked(j)
    near = part(row_of(rows, "ana"), "near")
    assert near is not None and near.events == ("trip",)
    assert near.reason == (
        "Lives in Leeds, where you will be for Pennine Code on 30 Jan 2027 (in 2 months)"
    )
    assert part(row_of(rows, "bea"), "near") is None  # beyond travel_horizon_days
    assert row_of(rows, "ana").suggestion == (
        "Meet Ana in Leeds while you are there for Pennine Code on 30 Jan 2027"
    )


# ---------------------------------------------------------------- opportunity


def test_a_plan_together_soon_ranks_higher_and_becomes_the_suggestion() -> None:
    thrive = event(
        date(2026, 12, 5), "ana", "bob", kind="meetup", title="Thrive Birmingham", id="thrive"
    )
    j = journal(
        [person("ana"), person("bea"), person("bob")],
        [event(20, "ana"), event(20, "bea"), event(20, "bob"), thrive],
    )
    rows = ranked(j)
    assert slugs(rows).index("ana") < slugs(rows).index("bea")
    ana = row_of(rows, "ana")
    assert ana.suggestion == "Meet Ana at Thrive Birmingham on 5 Dec"
    opportunity = part(ana, "opportunity")
    assert opportunity is not None and opportunity.events == ("thrive",)
    assert opportunity.reason.startswith("You will see them at Thrive Birmingham on 5 Dec (in 2")


def test_a_plan_beyond_the_horizon_is_no_opportunity_until_the_horizon_grows() -> None:
    people = [person("ana")]
    events = [event(20, "ana"), event(-60, "ana", kind="meetup", id="later")]
    assert part(ranked(journal(people, events))[0], "opportunity") is None
    wider = ranked(journal(people, events, ranking={"horizon_days": 90}))[0]
    assert part(wider, "opportunity") is not None


def test_a_plan_is_worth_more_with_someone_you_have_not_met_for_long() -> None:
    plan = event(-14, "ana", "bea", kind="meetup", id="plan")
    j = journal(
        [person("ana"), person("bea")],
        [event(300, "ana", kind="message"), event(2, "bea"), plan],
    )
    rows = ranked(j)
    ana, bea = part(row_of(rows, "ana"), "opportunity"), part(row_of(rows, "bea"), "opportunity")
    assert ana.points == DEFAULTS["opportunity"]  # type: ignore[union-attr]
    assert bea.points < ana.points / 2  # type: ignore[union-attr]
    assert bea.reason.endswith("; you last met 2 days ago")  # type: ignore[union-attr]


def test_a_plan_in_their_city_is_a_smaller_opportunity_for_people_there_only() -> None:
    trip = event(-14, kind="meetup", title="Leeds Python", place="The Hub, Leeds", id="trip")
    local = event(-14, kind="meetup", title="Brum JS", place="Digbeth, Birmingham", id="local")
    j = journal(
        [person("ana", where="Leeds"), person("bob", where="Birmingham, UK")],
        [event(20, "ana"), event(20, "bob"), trip, local],
    )
    rows = ranked(j)
    ana = part(row_of(rows, "ana"), "opportunity")
    assert ana is not None and ana.events == ("trip",)
    share = DEFAULTS["opportunity_city"] * (0.25 + 0.75 * 20 / 80)  # met 20 days ago
    assert ana.points == pytest.approx(DEFAULTS["opportunity"] * share)
    assert part(row_of(rows, "bob"), "opportunity") is None  # a local event is no rare chance


def test_a_plan_with_just_them_is_to_be_confirmed() -> None:
    plan = event(-5, "ana", title="Coffee with Ana", id="plan")
    rows = ranked(journal([person("ana")], [event(20, "ana"), plan]))
    assert rows[0].suggestion == "Confirm Coffee with Ana on 26 Nov"


# ---------------------------------------------------------------- reciprocity


def test_contact_that_runs_both_ways_ranks_above_one_way() -> None:
    j = journal(
        [person("ana", follows_me=True), person("bea")],
        [
            event(50, "ana", by="them", id="a1"),
            event(20, "ana", by="me", id="a2"),
            event(50, "bea", by="me", id="b1"),
            event(20, "bea", by="me", id="b2"),
        ],
    )
    rows = ranked(j)
    assert slugs(rows) == ["ana", "bea"]
    reciprocity = part(rows[0], "reciprocity")
    assert reciprocity is not None and reciprocity.events == ("a1",)
    assert (
        reciprocity.reason == "They reach out too: 1 of 2 contacts came from them; they follow you"
    )
    assert part(rows[1], "reciprocity") is None


def test_by_their_slug_counts_as_by_them() -> None:
    j = journal([person("ana"), person("bea")], [event(20, "ana", "bea", by="ana", id="x")])
    rows = ranked(j)
    assert part(row_of(rows, "ana"), "reciprocity").events == ("x",)  # type: ignore[union-attr]
    assert part(row_of(rows, "bea"), "reciprocity") is None  # Ana reached out, not Bea


# ---------------------------------------------------------------- unanswered


def test_their_message_without_an_answer_is_owed_a_reply() -> None:
    j = journal(
        [person("ana"), person("bea"), person("cat")],
        [
            event(18, "ana", kind="message", by="them", title="Pottery?", id="ask"),
            event(18, "bea", kind="message", by="them", id="b-ask"),
            event(10, "bea", kind="message", by="me", id="b-reply"),
            event(18, "cat", kind="call", by="them", id="c-call"),
        ],
    )
    rows = ranked(j)
    ana = row_of(rows, "ana")
    owed = part(ana, "unanswered")
    assert owed is not None and owed.events == ("ask",)
    assert owed.reason == "Their message of 3 Nov (Pottery?) has no answer yet"
    assert ana.suggestion == "Reply to Ana's message of 3 Nov"
    assert part(row_of(rows, "bea"), "unanswered") is None  # answered
    assert part(row_of(rows, "cat"), "unanswered") is None  # a call answers itself
    assert slugs(rows)[0] == "ana"


def test_a_reply_owed_comes_before_a_plan_in_the_suggestion() -> None:
    j = journal(
        [person("ana")],
        [
            event(18, "ana", kind="email", by="them", id="ask"),
            event(-14, "ana", kind="meetup", title="Thrive", id="plan"),
        ],
    )
    row = ranked(j)[0]
    assert row.suggestion == "Reply to Ana's email of 3 Nov"
    assert part(row, "opportunity") is not None and part(row, "unanswered") is not None


# ---------------------------------------------------------------- follow-ups


def test_open_follow_ups_count_done_ones_do_not() -> None:
    j = journal(
        [person("ana"), person("bea")],
        [
            event(20, "ana", follow_up=["Send the article", "[x] Book the table"], id="a"),
            event(20, "bea", follow_up=["[x] Send the article"], id="b"),
        ],
    )
    rows = ranked(j)
    assert slugs(rows) == ["ana", "bea"]
    todo = part(rows[0], "follow_up")
    assert todo is not None and todo.points == DEFAULTS["follow_up"]
    assert todo.reason == "Open follow-up: Send the article (Coffee, 1 Nov)"
    assert rows[0].suggestion == "Follow up with Ana: Send the article"
    assert part(rows[1], "follow_up") is None


def test_a_follow_up_belongs_to_the_people_it_names() -> None:
    j = journal(
        [person("ana-lee"), person("bob-ray"), person("rob-example", aka=("Robbie",))],
        [
            event(
                20,
                "ana-lee",
                "bob-ray",
                kind="meetup",
                id="m",
                follow_up=["Pick up Ana's zine", "Stay a night and see Robbie", "Write up notes"],
            )
        ],
    )
    rows = ranked(j)
    owned = {r.person.slug: part(r, "follow_up").reason for r in rows}  # type: ignore[union-attr]
    assert owned == {
        "ana-lee": "Open follow-ups: Pick up Ana's zine (Meetup, 1 Nov); "
        "Write up notes (Meetup, 1 Nov)",
        "bob-ray": "Open follow-up: Write up notes (Meetup, 1 Nov)",
        "rob-example": "Open follow-up: Stay a night and see Robbie (Meetup, 1 Nov)",
    }


def test_follow_ups_count_up_to_the_maximum() -> None:
    todos = [f"Thing {n}" for n in range(5)]
    rows = ranked(journal([person("ana")], [event(20, "ana", follow_up=todos)]))
    assert part(rows[0], "follow_up").points == DEFAULTS["follow_up"] * 3  # type: ignore[union-attr]


# ---------------------------------------------------------------- who is on the list


def test_snooze_keeps_a_person_off_until_the_day() -> None:
    events = [event(200, "ana"), event(200, "bea"), event(200, "cat")]
    people = [
        person("ana", snooze_until=TODAY + timedelta(days=1)),
        person("bea", snooze_until=TODAY),
        person("cat", snooze_until=TODAY - timedelta(days=30)),
    ]
    assert slugs(ranked(journal(people, events))) == ["bea", "cat"]


def test_never_keeps_a_person_off_unless_something_is_pending() -> None:
    people = [
        person("quiet", keep_in_touch="never"),
        person("acq", circle="acquaintance"),
        person("asks", keep_in_touch="never"),
        person("plans", keep_in_touch="never"),
        person("todo", circle="acquaintance"),
    ]
    events = [
        event(400, "quiet"),
        event(400, "acq"),
        event(30, "asks", kind="email", by="them"),
        event(-10, "plans", kind="meetup"),
        event(400, "todo", follow_up=["Send the photos"]),
    ]
    rows = ranked(journal(people, events))
    assert sorted(slugs(rows)) == ["asks", "plans", "todo"]
    assert all(part(row, "overdue") is None for row in rows)


def test_ties_are_broken_by_slug_and_the_ranking_is_deterministic() -> None:
    people = [person(slug) for slug in ("cy", "al", "bo")]
    events = [event(20, slug, id=slug) for slug in ("cy", "al", "bo")]
    j = journal(people, events)
    first, second = ranked(j), ranked(j)
    assert slugs(first) == ["al", "bo", "cy"]
    assert first == second


# ---------------------------------------------------------------- rows, settings and JSON


def test_the_score_is_the_sum_of_the_parts_and_reasons_are_strongest_first() -> None:
    j = journal(
        [person("ana", circle="close", follows_me=True)],
        [event(100, "ana", kind="message", by="them", follow_up=["Reply"]), event(-7, "ana")],
    )
    row = ranked(j)[0]
    assert row.score == round(sum(p.points for p in row.parts), 2)
    shown = sorted((p for p in row.parts if p.points), key=lambda p: -p.points)
    assert row.reasons == tuple(p.reason for p in shown)
    assert {p.name for p in row.parts} >= {"overdue", "opportunity", "unanswered", "follow_up"}
    assert row_events(row)[0] == row.parts[0].events[0]
    assert len(set(row_events(row))) == len(row_events(row))


def test_next_json_is_formats_list() -> None:
    rows = ranked(journal([person("ana", name="Ana Lee")], [event(200, "ana")]))
    data = next_json(rows)
    assert json.loads(json.dumps(data)) == data
    assert list(data[0]) == ["slug", "name", "score", "reasons", "suggestion"]
    assert data[0]["slug"] == "ana" and data[0]["name"] == "Ana Lee"
    assert data[0]["score"] == rows[0].score == round(rows[0].score, 2)
    assert data[0]["reasons"] == list(rows[0].reasons)
    assert data[0]["suggestion"] == rows[0].suggestion == "Call Ana"


def test_settings_override_the_defaults_by_name() -> None:
    merged = settings({"near": 0.0, "nears": 3.0})
    assert merged["near"] == 0.0 and merged["tie"] == DEFAULTS["tie"]
    j = journal([person("ana", where="Birmingham")], [event(20, "ana")], ranking={"near": 0})
    assert part(ranked(j)[0], "near").points == 0  # type: ignore[union-attr]
    assert "Lives in Birmingham, like you" not in ranked(j)[0].reasons


def test_suggestions_fall_back_to_a_first_coffee_or_a_call() -> None:
    j = journal(
        [person("ana", where="Birmingham"), person("bea", where="Leeds"), person("cy")],
        [event(200, "ana", kind="message"), event(200, "bea"), event(200, "cy", kind="call")],
    )
    rows = ranked(j)
    assert row_of(rows, "ana").suggestion == "Invite Ana for a first coffee in Birmingham"
    assert row_of(rows, "bea").suggestion == "Call Bea"
    assert row_of(rows, "cy").suggestion == "Call Cy"


# ---------------------------------------------------------------- from files, and the page


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_journal_on_disk_ranks_through_the_loader(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "people/dave-okafor.md": "---\nname: Dave Okafor\naka: [Dave]\n"
            "where: Birmingham, UK\nkeep_in_touch: 1m\n---\n",
            "people/jane-doe.md": "---\nname: Jane Doe\nwhere: Leeds, UK\ncircle: friend\n---\n",
            "events/2026/2026-10-21-video.md": "---\ndate: 2026-10-21\nkind: video\n"
            "with: [Dave]\nby: them\n---\n",
            "events/2026/2026-12-05-thrive.md": "---\ndate: 2026-12-05 10:00\n"
            "title: Thrive Birmingham\nwith: [Dave]\nplace: Millpond Hall, Birmingham\n"
            "follow_up: [Meet Dave at the coffee cart]\n---\n",
            "events/2026/2026-05-01-coffee.md": "---\ndate: 2026-05-01\nkind: coffee\n"
            "with: [jane-doe]\n---\n",
        },
    )
    config, problems = parse_config({"me": {"where": "Birmingham, UK"}})
    j, problems = load_journal(root, config)
    assert problems == []
    rows = ranked(j)
    assert slugs(rows) == ["dave-okafor", "jane-doe"]
    dave = rows[0]
    assert dave.suggestion == "Meet Dave at Thrive Birmingham on 5 Dec"
    assert "2026/2026-12-05-thrive" in row_events(dave)
    assert rows[1].suggestion == "Call Jane"


def test_the_next_page_lists_rows_with_links_reasons_and_groups() -> None:
    j = journal(
        [
            person("ana", name="Ana <b>Lee</b>", where="Birmingham", tags=("brummies", "work")),
            person("bea", where="Leeds, UK", tags=("work",), circle="close"),
            person("cy", circle="inner"),
        ],
        [event(200, "ana", id="2026/a"), event(100, "bea", id="2026/b"), event(90, "cy", id="x#1")],
    )
    rows = ranked(j)
    text = next_page(Site(j, (), TODAY, timelines(j, TODAY), tuple(rows)), None)
    assert "# Who to meet next" in text
    assert '<a href="../people/ana/">Ana &#60;b&#62;Lee&#60;/b&#62;</a>' in text  # escaped, linked
    for row in rows:  # each row says when contact is due
        assert f"keep-in-touch date {day(row.due)}" in text
    assert 'id="next-ana"' in text  # the groups link to each line
    assert '<a href="../events/2026/b/">Coffee</a>' in text  # the events behind a reason
    assert 'href="../events/x%231/"' in text  # an id's "#" is quoted in its address
    plain = as_markdown(text)  # the ready page as Markdown with its HTML in place
    html = markdown.markdown(plain, extensions=["tables", "toc", "attr_list", "md_in_html"])
    assert '<details class="kb-next" id="next-ana">' in html and "<script" not in html
    assert html.count("<details>") == 3
    for label in ("<strong>Inner</strong>", "<strong>work</strong>", "<strong>Leeds, UK</strong>"):
        assert label in html
    order = [html.index(f'id="next-{row.person.slug}"') for row in rows]
    assert order == sorted(order)  # best first
    assert rows[0].suggestion + "." in html


def test_the_next_page_says_so_when_nobody_is_on_the_list() -> None:
    j = journal([])
    text = next_page(Site(j, (), TODAY, {}, ()), None)
    assert "Nobody to suggest today" in text
