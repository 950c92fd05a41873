"""Each relationship's history and figures, from a journal written inline in each test."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from kithbook.config import parse_config
from kithbook.load import load_journal
from kithbook.model import Duration
from kithbook.timeline import Timeline, timelines

TODAY = date(2024, 6, 15)


def journal_timelines(
    tmp_path: Path, files: dict[str, str], settings: dict | None = None, today: date = TODAY
) -> dict[str, Timeline]:
    """Write ``files`` under a journal root, load them (no problems allowed) and
    return every person's timeline as of ``today``."""
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    journal, problems = load_journal(tmp_path, parse_config(settings or {})[0])
    assert problems == []
    return timelines(journal, today)


def person(name: str, **fields: str) -> str:
    lines = [f"name: {name}", *(f"{key}: {value}" for key, value in fields.items())]
    return "---\n" + "\n".join(lines) + "\n---\n"


def event(day: str, with_: str, kind: str = "meetup") -> str:
    return f"---\ndate: {day}\nkind: {kind}\nwith: [{with_}]\n---\n"


def ids(events) -> list[str]:
    return [e.id for e in events]


def test_past_and_planned_split_at_today_and_today_counts_as_past(tmp_path):
    t = journal_timelines(
        tmp_path,
        {
            "people/jane.md": person("Jane"),
            "events/a-long-ago.md": event("2020-01-01", "jane"),
            "events/b-yesterday.md": event("2024-06-14", "jane"),
            "events/c-today-evening.md": event("2024-06-15 20:00", "jane"),
            "events/d-tomorrow.md": event("2024-06-16", "jane"),
            "events/e-next-year.md": event("2025-01-01", "jane"),
        },
    )["jane"]
    assert ids(t.past) == ["a-long-ago", "b-yesterday", "c-today-evening"]  # oldest first
    assert ids(t.planned) == ["d-tomorrow", "e-next-year"]  # soonest first
    assert t.interactions == 3  # planned events are not counted
    assert (t.first_seen, t.last_seen) == (date(2020, 1, 1), date(2024, 6, 15))


def test_a_person_with_no_events(tmp_path):
    t = journal_timelines(tmp_path, {"people/jane.md": person("Jane")})["jane"]
    assert (t.past, t.planned, t.companions, t.by_channel) == ((), (), (), {})
    assert (t.first_seen, t.last_seen, t.interactions, t.in_person) == (None, None, 0, 0)
    assert (t.last_real_contact, t.last_in_person) == (None, None)


def test_only_planned_events(tmp_path):
    t = journal_timelines(
        tmp_path,
        {"people/jane.md": person("Jane"), "events/trip.md": event("2024-07-01", "jane")},
    )["jane"]
    assert (t.first_seen, t.last_seen, t.interactions) == (None, None, 0)
    assert ids(t.planned) == ["trip"]


def test_only_the_people_in_an_event_get_it(tmp_path):
    t = journal_timelines(
        tmp_path,
        {
            "people/jane.md": person("Jane"),
            "people/sam.md": person("Sam"),
            "events/lunch.md": event("2024-01-01", "jane"),
        },
    )
    assert ids(t["jane"].past) == ["lunch"]
    assert t["sam"].past == ()


def test_by_channel_counts_past_events_strongest_channel_first(tmp_path):
    t = journal_timelines(
        tmp_path,
        {
            "people/jane.md": person("Jane"),
            "events/a.md": event("2024-01-01", "jane", "like"),
            "events/b.md": event("2024-01-02", "jane", "message"),
            "events/c.md": event("2024-01-03", "jane", "coffee"),
            "events/d.md": event("2024-01-04", "jane", "video"),
            "events/e.md": event("2024-01-05", "jane", "email"),
            "events/f.md": event("2024-01-06", "jane", "intro"),
            "events/g.md": event("2024-01-07", "jane", "party"),
            "events/h-planned.md": event("2024-07-01", "jane", "coffee"),
        },
    )["jane"]
    assert t.by_channel == {"in person": 2, "call": 1, "written": 2, "signal": 1, "introduction": 1}
    assert list(t.by_channel) == ["in person", "call", "written", "signal", "introduction"]
    assert t.in_person == 2
    assert t.last_in_person.id == "g"


def test_by_channel_follows_kinds_in_the_config(tmp_path):
    t = journal_timelines(
        tmp_path,
        {"people/jane.md": person("Jane"), "events/a.md": event("2024-01-01", "jane", "hike")},
        {"kinds": {"hike": "in person"}},
    )["jane"]
    assert t.by_channel == {"in person": 1}


def test_last_real_contact_ignores_signals_and_introductions(tmp_path):
    t = journal_timelines(
        tmp_path,
        {
            "people/jane.md": person("Jane"),
            "people/sam.md": person("Sam"),
            "events/a.md": event("2024-03-01", "jane", "call"),
            "events/b.md": event("2024-04-01", "jane", "like"),
            "events/c.md": event("2024-05-01", "jane, sam", "intro"),
            "events/d.md": event("2024-05-02", "jane", "mention"),
        },
    )["jane"]
    assert t.last_seen == date(2024, 5, 2)
    assert t.last_real_contact.id == "a"
    assert t.last_in_person is None


@pytest.mark.parametrize(
    ("kind", "real"),
    [("coffee", True), ("call", True), ("message", True), ("share", False), ("intro", False)],
)
def test_which_channels_are_real_contact(tmp_path, kind, real):
    t = journal_timelines(
        tmp_path,
        {
            "people/jane.md": person("Jane"),
            "people/sam.md": person("Sam"),
            "events/a.md": event("2024-01-01", "jane, sam", kind),
        },
    )["jane"]
    assert (t.last_real_contact is not None) is real


def test_due_is_the_last_real_contact_plus_keep_in_touch(tmp_path):
    t = journal_timelines(
        tmp_path,
        {
            "people/jane.md": person("Jane", circle="inner"),  # 2w from the circle
            "events/a.md": event("2024-05-01", "jane", "coffee"),
            "events/b.md": event("2024-06-01", "jane", "like"),  # a signal: no contact
            "events/c.md": event("2024-07-01", "jane", "coffee"),  # planned: not yet
        },
    )["jane"]
    assert t.keep_in_touch == Duration(2, "w")
    assert t.due(TODAY) == date(2024, 5, 15)


def test_due_uses_the_persons_own_interval(tmp_path):
    t = journal_timelines(
        tmp_path,
        {
            "people/jane.md": person("Jane", circle="inner", keep_in_touch="10d"),
            "events/a.md": event("2024-06-01", "jane", "call"),
        },
    )["jane"]
    assert t.keep_in_touch == Duration(10, "d")
    assert t.due(TODAY) == date(2024, 6, 11)


def test_due_follows_the_cadence_in_the_config(tmp_path):
    t = journal_timelines(
        tmp_path,
        {
            "people/jane.md": person("Jane", circle="friend"),
            "events/a.md": event("2024-01-31", "jane", "message"),
        },
        {"cadence": {"friend": "1m"}},
    )["jane"]
    assert t.due(TODAY) == date(2024, 2, 29)  # a month after 31 Jan, in a leap year


@pytest.mark.parametrize(
    "fields", [{"circle": "inner", "keep_in_touch": "never"}, {"circle": "acquaintance"}, {}]
)
def test_never_is_never_due(tmp_path, fields):
    t = journal_timelines(
        tmp_path,
        {"people/jane.md": person("Jane", **fields), "events/a.md": event("2020-01-01", "jane")},
    )["jane"]
    assert t.keep_in_touch is None
    assert t.due(TODAY) is None


def test_due_from_the_day_you_met_when_nothing_is_logged(tmp_path):
    t = journal_timelines(
        tmp_path,
        {
            "people/jane.md": person("Jane", circle="close", met="2024-03-10"),
            "events/a.md": event("2024-06-01", "jane", "like"),
        },
    )["jane"]
    assert t.due(TODAY) == date(2024, 4, 10)


def test_due_today_when_nothing_is_known(tmp_path):
    t = journal_timelines(tmp_path, {"people/jane.md": person("Jane", circle="close")})["jane"]
    assert t.due(TODAY) == TODAY


def test_companions_count_shared_past_events_most_first(tmp_path):
    t = journal_timelines(
        tmp_path,
        {
            "people/jane.md": person("Jane"),
            "people/sam.md": person("Sam"),
            "people/ann.md": person("Ann"),
            "people/bob.md": person("Bob"),
            "events/a.md": event("2024-01-01", "jane, sam, ann"),
            "events/b.md": event("2024-02-01", "jane, sam"),
            "events/c.md": event("2024-03-01", "jane, bob"),
            "events/d.md": event("2024-03-02", "sam, ann, bob"),  # without Jane
            "events/e.md": event("2024-07-01", "jane, bob, ann"),  # planned
        },
    )
    assert t["jane"].companions == (("sam", 2), ("ann", 1), ("bob", 1))  # ties by slug
    assert t["sam"].companions == (("ann", 2), ("jane", 2), ("bob", 1))
    assert t["bob"].companions == (("ann", 1), ("jane", 1), ("sam", 1))


def test_companions_are_the_five_most_frequent(tmp_path):
    names = ["p1", "p2", "p3", "p4", "p5", "p6", "p7"]
    files = {f"people/{n}.md": person(n) for n in ["jane", *names]}
    for i, name in enumerate(names):  # p1 shares 7 events, p7 shares 1
        for n in range(len(names) - i):
            files[f"events/{name}-{n}.md"] = event(f"2024-01-{n + 1:02d}", f"jane, {name}")
    t = journal_timelines(tmp_path, files)["jane"]
    assert t.companions == (("p1", 7), ("p2", 6), ("p3", 5), ("p4", 4), ("p5", 3))


def test_timelines_for_everyone(tmp_path):
    t = journal_timelines(
        tmp_path, {"people/jane.md": person("Jane"), "people/sam.md": person("Sam")}
    )
    assert list(t) == ["jane", "sam"]
    assert t["jane"].person.name == "Jane"


@pytest.mark.parametrize(
    ("duration", "start", "after"),
    [
        (Duration(10, "d"), date(2024, 2, 25), date(2024, 3, 6)),
        (Duration(2, "w"), date(2024, 12, 25), date(2025, 1, 8)),
        (Duration(1, "m"), date(2023, 1, 31), date(2023, 2, 28)),
        (Duration(3, "m"), date(2024, 11, 30), date(2025, 2, 28)),
        (Duration(1, "y"), date(2024, 2, 29), date(2025, 2, 28)),
        (Duration(12, "m"), date(2024, 6, 15), date(2025, 6, 15)),
    ],
)
def test_duration_after(duration, start, after):
    assert duration.after(start) == after
