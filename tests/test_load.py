"""The loader, field by field and problem by problem: each test writes its journal inline."""

from __future__ import annotations

import os
import textwrap
from datetime import date, time
from pathlib import Path

import pytest
import yaml

from kithbook.config import parse_config
from kithbook.files import FileCache
from kithbook.load import load_journal
from kithbook.model import Birthday, Duration, FollowUp, Journal, Problem, Source
from kithbook.reading import parse_yaml


def journal(
    tmp_path: Path,
    files: dict[str, str | bytes],
    settings: dict | None = None,
    cache: FileCache | None = None,
) -> tuple[Journal, list[Problem]]:
    """Write ``files`` (relative to the journal root; text is dedented) and load them."""
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return load_journal(tmp_path, parse_config(settings or {})[0], cache)


def texts(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


JANE = """
    ---
    name: Jane Doe
    aka: [Janey]
    ---
"""


# ---------------------------------------------------------------- people: every field


def test_person_md_with_every_field(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/sam-roe.md": "---\nname: Sam Roe\n---\n",
            "people/jane-doe.md": """
                ---
                name: Jane Doe
                aka: [Janey, "@jdoe"]
                where: Birmingham, UK
                tags: [brummies, work]
                circle: close
                keep_in_touch: 2w
                met: 2021-03-04
                how_we_met: At Thrive, by the coffee
                introduced_by: sam-roe
                birthday: 1990-05-17
                org: Acme
                role: Engineer
                contact:
                  email: [jane@example.org, j@work.example]
                  twitter: "@jdoe"
                follows_me: true
                i_follow: false
                extra:
                  favourite_tea: Earl Grey
                  kids: 2
                snooze_until: 2026-12-01
                ---
                Met at *Thrive*.

                Likes hiking.
            """,
        },
    )
    assert problems == []
    jane = j.people["jane-doe"]
    assert jane.source == Source("people/jane-doe.md", 1)
    assert jane.slug == "jane-doe"
    assert jane.name == "Jane Doe"
    assert jane.aka == ("Janey", "@jdoe")
    assert jane.where == "Birmingham, UK"
    assert jane.tags == ("brummies", "work")
    assert jane.circle == "close"
    assert jane.keep_in_touch == Duration(2, "w")
    assert jane.met == date(2021, 3, 4)
    assert jane.how_we_met == "At Thrive, by the coffee"
    assert jane.introduced_by == "sam-roe"
    assert jane.birthday == Birthday(5, 17, 1990)
    assert jane.org == "Acme"
    assert jane.role == "Engineer"
    assert jane.contact == {"email": ("jane@example.org", "j@work.example"), "twitter": ("@jdoe",)}
    assert jane.follows_me is True
    assert jane.i_follow is False
    assert jane.extra == {"favourite_tea": "Earl Grey", "kids": 2}
    assert jane.snooze_until == date(2026, 12, 1)
    assert jane.notes == "Met at *Thrive*.\n\nLikes hiking."
    assert jane.names == ("jane-doe", "Jane Doe", "Janey", "@jdoe")


def test_person_yml_with_every_field_and_notes(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/sam-roe.yaml": "name: Sam Roe\n",
            "people/jane-doe.yml": """
                name: Jane Doe
                aka: [Janey]
                where: Birmingham, UK
                tags: [work]
                circle: inner
                keep_in_touch: 10d
                met: 2021-03-04
                how_we_met: Thrive
                introduced_by: Sam Roe
                birthday: 05-17
                org: Acme
                role: Engineer
                contact: {email: jane@example.org}
                follows_me: false
                i_follow: true
                extra: {kids: 2}
                snooze_until: 2026-12-01
                notes: |
                  Met at *Thrive*.
                  Likes hiking.
            """,
        },
    )
    assert problems == []
    jane = j.people["jane-doe"]
    assert jane.source == Source("people/jane-doe.yml", 1)
    assert (jane.name, jane.aka, jane.where, jane.tags) == (
        "Jane Doe",
        ("Janey",),
        "Birmingham, UK",
        ("work",),
    )
    assert (jane.circle, jane.keep_in_touch, jane.met) == (
        "inner",
        Duration(10, "d"),
        date(2021, 3, 4),
    )
    assert jane.introduced_by == "sam-roe"  # a name resolves to the slug
    assert jane.birthday == Birthday(5, 17)
    assert (jane.org, jane.role, jane.how_we_met) == ("Acme", "Engineer", "Thrive")
    assert jane.contact == {"email": ("jane@example.org",)}
    assert (jane.follows_me, jane.i_follow) == (False, True)
    assert jane.extra == {"kids": 2}
    assert jane.snooze_until == date(2026, 12, 1)
    assert jane.notes == "Met at *Thrive*.\nLikes hiking."
    assert j.people["sam-roe"].source.path == "people/sam-roe.yaml"


def test_person_defaults(tmp_path):
    j, problems = journal(tmp_path, {"people/jane-doe.md": "---\nname: Jane Doe\n---\n"})
    assert problems == []
    jane = j.people["jane-doe"]
    assert jane.circle == "acquaintance"
    assert jane.keep_in_touch is None
    assert (jane.aka, jane.tags, jane.contact, jane.extra, jane.notes) == ((), (), {}, {}, "")
    assert (jane.follows_me, jane.i_follow, jane.birthday, jane.met) == (None, None, None, None)


@pytest.mark.parametrize(
    ("written", "aka"),
    [
        ("aka: Janey", ("Janey",)),
        ("aka: [Janey, JD]", ("Janey", "JD")),
        ("aka:\n  - Janey\n  - JD", ("Janey", "JD")),
        # A single string is split at commas, like the comma-separated --with of the CLI.
        ("aka: Janey, JD", ("Janey", "JD")),
        ("aka: []", ()),
    ],
)
def test_aka_as_list_or_single_string(tmp_path, written, aka):
    j, problems = journal(tmp_path, {"people/jane.md": f"---\nname: Jane\n{written}\n---\n"})
    assert problems == []
    assert j.people["jane"].aka == aka


@pytest.mark.parametrize(
    ("written", "tags"),
    [("tags: work", ("work",)), ("tags: [work, brummies]", ("work", "brummies"))],
)
def test_tags_as_list_or_single_string(tmp_path, written, tags):
    j, problems = journal(tmp_path, {"people/jane.md": f"---\nname: Jane\n{written}\n---\n"})
    assert problems == []
    assert j.people["jane"].tags == tags


@pytest.mark.parametrize("circle", ["inner", "close", "friend", "acquaintance", "Inner"])
def test_each_circle(tmp_path, circle):
    j, problems = journal(tmp_path, {"people/jane.md": f"---\nname: Jane\ncircle: {circle}\n---\n"})
    assert problems == []
    assert j.people["jane"].circle == circle.lower()


def test_bad_circle_is_a_warning_the_default_is_used_and_the_person_kept(tmp_path):
    j, problems = journal(
        tmp_path, {"people/jane.md": "---\nname: Jane\ncircle: clsoe\nwhere: Leeds\n---\n"}
    )
    assert texts(problems) == [
        "people/jane.md:3: warning: circle: unknown circle 'clsoe'; did you mean 'close'? "
        "(circles: inner, close, friend, acquaintance); ignored"
    ]
    assert j.people["jane"].circle == "acquaintance"
    assert j.people["jane"].where == "Leeds"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("10d", Duration(10, "d")),
        ("2w", Duration(2, "w")),
        ("3m", Duration(3, "m")),
        ("1y", Duration(1, "y")),
        ("never", "never"),
        ("Never", "never"),
        ("false", "never"),
    ],
)
def test_keep_in_touch(tmp_path, written, expected):
    j, problems = journal(
        tmp_path, {"people/jane.md": f"---\nname: Jane\nkeep_in_touch: {written}\n---\n"}
    )
    assert problems == []
    assert j.people["jane"].keep_in_touch == expected


@pytest.mark.parametrize("written", ["2 weeks", "0d", "fortnightly", "14", "2.5w", "-1w", "[2w]"])
def test_bad_keep_in_touch_is_a_warning_and_left_to_the_circle(tmp_path, written):
    j, problems = journal(
        tmp_path,
        {"people/jane.md": f"---\nname: Jane\ncircle: inner\nkeep_in_touch: {written}\n---\n"},
    )
    assert len(problems) == 1
    assert problems[0].source == Source("people/jane.md", 4)
    assert problems[0].level == "warning"
    assert problems[0].message.startswith("keep_in_touch: ")
    assert problems[0].message.endswith("; ignored")
    assert "like 10d, 2w, 3m (months) or 1y" in problems[0].message or (
        problems[0].message == "keep_in_touch: expected a duration or never, not a list; ignored"
    )
    jane = j.people["jane"]
    assert jane.keep_in_touch is None
    assert j.config.keep_in_touch(jane) == Duration(2, "w")  # the circle's default


@pytest.mark.parametrize(
    ("written", "birthday"),
    [
        ("1990-05-17", Birthday(5, 17, 1990)),
        ("'1990-05-17'", Birthday(5, 17, 1990)),
        ("05-17", Birthday(5, 17)),
        ("02-29", Birthday(2, 29)),
        ("1992-02-29", Birthday(2, 29, 1992)),
    ],
)
def test_birthday(tmp_path, written, birthday):
    j, problems = journal(
        tmp_path, {"people/jane.md": f"---\nname: Jane\nbirthday: {written}\n---\n"}
    )
    assert problems == []
    assert j.people["jane"].birthday == birthday


@pytest.mark.parametrize("written", ["13-01", "02-30", "5-17", "05/17", "May 17", "1990-02-30"])
def test_bad_birthday_is_a_warning(tmp_path, written):
    j, problems = journal(
        tmp_path, {"people/jane.md": f"---\nname: Jane\nbirthday: {written}\n---\n"}
    )
    assert texts(problems) == [
        f"people/jane.md:3: warning: birthday: '{written}' is not a birthday: "
        "write YYYY-MM-DD or MM-DD; ignored"
    ]
    assert j.people["jane"].birthday is None


def test_contact_values_as_string_or_list(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/jane.md": """
                ---
                name: Jane
                contact:
                  email: jane@example.org
                  phone: ["+44 121 496 0000", "+44 7700 900000"]
                  mastodon: "@jane@example.social"
                  website:
                  linkedin: []
                ---
            """
        },
    )
    assert problems == []
    assert j.people["jane"].contact == {
        "email": ("jane@example.org",),
        "phone": ("+44 121 496 0000", "+44 7700 900000"),
        "mastodon": ("@jane@example.social",),
    }


def test_contact_that_is_not_a_mapping_is_a_warning(tmp_path):
    j, problems = journal(
        tmp_path, {"people/jane.md": "---\nname: Jane\ncontact: jane@example.org\n---\n"}
    )
    assert texts(problems) == [
        "people/jane.md:3: warning: contact: expected a mapping of names to values, "
        "not 'jane@example.org'; ignored"
    ]
    assert j.people["jane"].contact == {}


def test_extra_is_kept_as_written(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/jane.md": """
                ---
                name: Jane
                extra:
                  Favourite tea: Earl Grey
                  kids: [Ann, Bo]
                  since: 2020-01-02
                ---
            """
        },
    )
    assert problems == []
    assert j.people["jane"].extra == {
        "Favourite tea": "Earl Grey",
        "kids": ["Ann", "Bo"],
        "since": date(2020, 1, 2),
    }


def test_extra_that_is_not_a_mapping_is_a_warning(tmp_path):
    j, problems = journal(tmp_path, {"people/jane.md": "---\nname: Jane\nextra: [a, b]\n---\n"})
    assert texts(problems) == [
        "people/jane.md:3: warning: extra: expected a mapping of names to values, "
        "not a list; ignored"
    ]
    assert j.people["jane"].extra == {}


@pytest.mark.parametrize(("written", "value"), [("true", True), ("false", False), ("yes", True)])
def test_follows_me_and_i_follow_are_booleans(tmp_path, written, value):
    j, problems = journal(
        tmp_path,
        {"people/jane.md": f"---\nname: Jane\nfollows_me: {written}\ni_follow: {written}\n---\n"},
    )
    assert problems == []
    assert (j.people["jane"].follows_me, j.people["jane"].i_follow) == (value, value)


def test_a_non_boolean_follows_me_is_a_warning(tmp_path):
    j, problems = journal(
        tmp_path, {"people/jane.md": "---\nname: Jane\nfollows_me: maybe\ni_follow: 1\n---\n"}
    )
    assert texts(problems) == [
        "people/jane.md:3: warning: follows_me: expected true or false, not 'maybe'; ignored",
        "people/jane.md:4: warning: i_follow: expected true or false, not '1'; ignored",
    ]
    assert (j.people["jane"].follows_me, j.people["jane"].i_follow) == (None, None)


def test_snooze_until_and_met_are_dates(tmp_path):
    j, problems = journal(
        tmp_path,
        {"people/jane.md": "---\nname: Jane\nsnooze_until: 2026-12-01\nmet: '2020-01-02'\n---\n"},
    )
    assert problems == []
    assert j.people["jane"].snooze_until == date(2026, 12, 1)
    assert j.people["jane"].met == date(2020, 1, 2)


@pytest.mark.parametrize("written", ["soon", "2026-02-30", "2026-13-01", "[2026-01-01]"])
def test_bad_snooze_until_or_met_is_a_warning_and_the_person_kept(tmp_path, written):
    j, problems = journal(
        tmp_path,
        {"people/jane.md": f"---\nname: Jane\nsnooze_until: {written}\nmet: {written}\n---\n"},
    )
    assert [(p.source.line, p.level) for p in problems] == [(3, "warning"), (4, "warning")]
    assert problems[0].message.startswith("snooze_until: ")
    assert problems[1].message.startswith("met: ")
    assert "ignored" in problems[0].message
    assert j.people["jane"].snooze_until is None
    assert j.people["jane"].met is None


def test_unknown_person_fields_with_did_you_mean(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/jane.md": """
                ---
                name: Jane
                circel: close
                favourite_tea: Earl Grey
                notes: in front matter
                ---
            """
        },
    )
    assert texts(problems) == [
        "people/jane.md:3: warning: unknown field 'circel'; did you mean 'circle'?",
        "people/jane.md:4: warning: unknown field 'favourite_tea'; "
        "put your own fields under 'extra:'",
        "people/jane.md:5: warning: unknown field 'notes'; put your own fields under 'extra:'",
    ]
    assert j.people["jane"].circle == "acquaintance"
    assert j.people["jane"].notes == ""


def test_introduced_by_unknown_is_a_problem_with_did_you_mean(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/sam-roe.md": "---\nname: Sam Roe\n---\n",
            "people/jane.md": "---\nname: Jane\nintroduced_by: Sam Row\n---\n",
        },
    )
    assert texts(problems) == [
        "people/jane.md:3: error: introduced_by: no one called 'Sam Row' in people/; "
        "did you mean 'Sam Roe' (sam-roe)?"
    ]
    assert j.people["jane"].introduced_by is None


def test_people_are_sorted_by_slug(tmp_path):
    j, _ = journal(
        tmp_path,
        {f"people/{slug}.md": f"---\nname: {slug}\n---\n" for slug in ("zed", "amy", "mo")},
    )
    assert list(j.people) == ["amy", "mo", "zed"]


def test_people_in_sub_folders_are_not_read(tmp_path):
    j, problems = journal(tmp_path, {"people/old/jane.md": "---\nname: Jane\n---\n"})
    assert (j.people, problems) == ({}, [])


# ---------------------------------------------------------------- events: every field


def test_event_md_with_every_field(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/jane-doe.md": JANE,
            "people/sam-roe.md": "---\nname: Sam Roe\n---\n",
            "events/2024/2024-02-12-thrive.md": """
                ---
                date: 2024-02-12 18:30
                end: 2024-02-12 21:00
                title: Thrive meetup
                kind: conference
                with: [jane-doe, Sam Roe]
                place: The Tilt, Birmingham
                by: them
                follow_up: [Send Jane the slides, "[x] Add Sam on LinkedIn"]
                tags: [tech, brum]
                uid: abc-123@meetup.example
                ---
                Talked about *gardens*.
            """,
        },
    )
    assert problems == []
    (event,) = j.events
    assert event.source == Source("events/2024/2024-02-12-thrive.md", 1)
    assert event.id == "2024/2024-02-12-thrive"
    assert (event.date, event.time) == (date(2024, 2, 12), time(18, 30))
    assert (event.end_date, event.end_time) == (date(2024, 2, 12), time(21, 0))
    assert event.title == "Thrive meetup"
    assert (event.kind, event.channel) == ("conference", "in person")
    assert event.with_ == ("jane-doe", "sam-roe")
    assert event.place == "The Tilt, Birmingham"
    assert event.by == "them"
    assert event.follow_up == (
        FollowUp("Send Jane the slides"),
        FollowUp("Add Sam on LinkedIn", done=True),
    )
    assert event.open_follow_ups == (FollowUp("Send Jane the slides"),)
    assert event.tags == ("tech", "brum")
    assert event.uid == "abc-123@meetup.example"
    assert event.notes == "Talked about *gardens*."
    assert event.page is True


def test_event_defaults(tmp_path):
    j, problems = journal(
        tmp_path, {"events/2024-02-12-coffee-with-jane.md": "---\ndate: 2024-02-12\n---\n"}
    )
    assert problems == []
    (event,) = j.events
    assert event.title == "Coffee with jane"  # the file name without its date, in words
    assert (event.kind, event.channel) == ("meetup", "in person")
    assert (event.time, event.end_date, event.end_time) == (None, None, None)
    assert (event.with_, event.by, event.follow_up, event.tags, event.uid) == (
        (),
        None,
        (),
        (),
        None,
    )
    assert (event.place, event.notes) == (None, "")


@pytest.mark.parametrize(
    ("written", "day", "at"),
    [
        ("2024-02-12", date(2024, 2, 12), None),
        ("'2024-02-12'", date(2024, 2, 12), None),
        ("2024-02-12 09:05", date(2024, 2, 12), time(9, 5)),
        ("'2024-02-12 18:30'", date(2024, 2, 12), time(18, 30)),
        ("2024-02-12T18:30", date(2024, 2, 12), time(18, 30)),
        ("2024-02-12 18:30:59", date(2024, 2, 12), time(18, 30)),
    ],
)
def test_event_date_and_time(tmp_path, written, day, at):
    j, problems = journal(tmp_path, {"events/e.md": f"---\ndate: {written}\nend: {written}\n---\n"})
    assert problems == []
    (event,) = j.events
    assert (event.date, event.time, event.end_date, event.end_time) == (day, at, day, at)


def test_bad_end_is_a_warning_and_the_event_kept(tmp_path):
    j, problems = journal(tmp_path, {"events/e.md": "---\ndate: 2024-02-12\nend: later\n---\n"})
    assert texts(problems) == [
        "events/e.md:3: warning: end: 'later' is not a date: "
        "write YYYY-MM-DD or YYYY-MM-DD HH:MM; ignored"
    ]
    assert j.events[0].end_date is None


def test_kind_default_comes_from_the_config(tmp_path):
    j, problems = journal(
        tmp_path, {"events/e.md": "---\ndate: 2024-02-12\n---\n"}, {"default_kind": "coffee"}
    )
    assert problems == []
    assert (j.events[0].kind, j.events[0].channel) == ("coffee", "in person")


def test_unknown_kind_is_a_warning_with_did_you_mean_and_the_default_used(tmp_path):
    j, problems = journal(tmp_path, {"events/e.md": "---\ndate: 2024-02-12\nkind: cofee\n---\n"})
    assert texts(problems) == [
        "events/e.md:3: warning: unknown kind 'cofee', so 'meetup' is used; did you mean "
        "'coffee'? (more kinds can be mapped to a channel under extra.kithbook.kinds)"
    ]
    assert (j.events[0].kind, j.events[0].channel) == ("meetup", "in person")


def test_kind_matches_case_insensitively(tmp_path):
    j, problems = journal(tmp_path, {"events/e.md": "---\ndate: 2024-02-12\nkind: Coffee\n---\n"})
    assert problems == []
    assert j.events[0].kind == "coffee"


@pytest.mark.parametrize(
    ("kind", "channel"),
    [
        ("meetup", "in person"),
        ("party", "in person"),
        ("call", "call"),
        ("video", "call"),
        ("message", "written"),
        ("letter", "written"),
        ("comment", "written"),
        ("mention", "signal"),
        ("like", "signal"),
        ("share", "signal"),
        ("intro", "introduction"),
    ],
)
def test_channel_from_kind(tmp_path, kind, channel):
    j, problems = journal(tmp_path, {"events/e.md": f"---\ndate: 2024-02-12\nkind: {kind}\n---\n"})
    assert problems == []
    assert (j.events[0].kind, j.events[0].channel) == (kind, channel)


def test_channel_from_kinds_in_the_config(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "events/a.md": "---\ndate: 2024-02-12\nkind: hike\n---\n",
            "events/b.md": "---\ndate: 2024-02-13\nkind: call\n---\n",
        },
        {"kinds": {"hike": "in person", "call": "written"}},
    )
    assert problems == []
    assert [(e.kind, e.channel) for e in j.events] == [("hike", "in person"), ("call", "written")]


def test_with_matches_slugs_names_and_akas_case_insensitively(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/jane-doe.md": JANE,
            "people/sam-roe.md": '---\nname: Sam Roe\naka: ["@sammy"]\n---\n',
            "people/ann.md": "---\nname: Ann Lee\n---\n",
            "events/e.md": """
                ---
                date: 2024-02-12
                with: [JANEY, "@Sammy", ann lee, Jane Doe, jane-doe]
                ---
            """,
        },
    )
    assert problems == []
    assert j.events[0].with_ == ("jane-doe", "sam-roe", "ann")  # each person once, in order


def test_with_as_a_single_string(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/jane-doe.md": JANE,
            "people/ann.md": "---\nname: Ann Lee\n---\n",
            "events/e.md": "---\ndate: 2024-02-12\nwith: Jane Doe, ann\n---\n",
        },
    )
    assert problems == []
    assert j.events[0].with_ == ("jane-doe", "ann")


def test_unknown_name_in_with_is_an_error_naming_the_person_meant(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/jane-doe.md": JANE,
            "events/e.md": """
                ---
                date: 2024-02-12
                with:
                  - Jane Do
                  - jane-doe
                ---
            """,
        },
    )
    assert texts(problems) == [
        "events/e.md:4: error: with: no one called 'Jane Do' in people/; "
        "did you mean 'Jane Doe' (jane-doe)?"
    ]
    assert j.events[0].with_ == ("jane-doe",)  # the event is kept, with whom it could find


def test_unknown_name_with_nothing_close(tmp_path):
    j, problems = journal(
        tmp_path,
        {"people/jane-doe.md": JANE, "events/e.md": "---\ndate: 2024-02-12\nwith: [Xavier]\n---\n"},
    )
    assert texts(problems) == ["events/e.md:3: error: with: no one called 'Xavier' in people/"]
    assert j.events[0].with_ == ()


def test_ambiguous_name_in_with_is_an_error(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/sam-roe.md": "---\nname: Sam Roe\naka: [Sam]\n---\n",
            "people/sam-lee.md": "---\nname: Sam Lee\naka: [sam]\n---\n",
            "events/e.md": "---\ndate: 2024-02-12\nwith: [Sam, sam-lee]\n---\n",
        },
    )
    assert texts(problems) == [
        "events/e.md:3: error: with: 'Sam' could be sam-lee or sam-roe: write the slug"
    ]
    assert j.events[0].with_ == ("sam-lee",)


def test_an_exact_slug_wins_over_names_and_akas(tmp_path):
    """Two accounts called Freezer, as an import writes them: the slugs say whom."""
    j, problems = journal(
        tmp_path,
        {
            "people/freezer.md": "---\nname: Freezer\n---\n",
            "people/freezer-2.md": "---\nname: Freezer\naka: [freezer-3]\n---\n",
            "people/freezer-3.md": "---\nname: Fran Reezer\naka: [freezer]\n---\n",
            "events/a.md": "---\ndate: 2024-02-12\nwith: [freezer]\n---\n",
            "events/b.md": "---\ndate: 2024-02-12\nwith: [freezer-2, freezer-3]\n---\n",
            "events/c.md": "---\ndate: 2024-02-12\nwith: [Freezer]\nby: freezer\n---\n",
        },
    )
    assert [e.with_ for e in j.events] == [("freezer",), ("freezer-2", "freezer-3"), ()]
    assert j.events[2].by == "freezer"
    # a name that is no one's exact slug is still a name: two people are called Freezer
    assert texts(problems) == [
        "events/c.md:3: error: with: 'Freezer' could be freezer or freezer-2 or freezer-3: "
        "write the slug"
    ]


@pytest.mark.parametrize(
    ("written", "by"),
    [("me", "me"), ("Me", "me"), ("them", "them"), ("jane-doe", "jane-doe"), ("Janey", "jane-doe")],
)
def test_by(tmp_path, written, by):
    j, problems = journal(
        tmp_path,
        {"people/jane-doe.md": JANE, "events/e.md": f"---\ndate: 2024-02-12\nby: {written}\n---\n"},
    )
    assert problems == []
    assert j.events[0].by == by


def test_unknown_by_is_a_warning(tmp_path):
    j, problems = journal(
        tmp_path,
        {"people/jane-doe.md": JANE, "events/e.md": "---\ndate: 2024-02-12\nby: jane-do\n---\n"},
    )
    assert texts(problems) == [
        "events/e.md:3: warning: by: no one called 'jane-do' in people/; did you mean 'jane-doe'?"
    ]
    assert j.events[0].by is None


@pytest.mark.parametrize(
    ("written", "follow_up"),
    [
        ("Send the slides", (FollowUp("Send the slides"),)),
        ("'[x] Send the slides'", (FollowUp("Send the slides", True),)),
        ("'[X] Send the slides'", (FollowUp("Send the slides", True),)),
        ("'[ ] Send the slides'", (FollowUp("Send the slides"),)),
        ("[a, '[x] b', c]", (FollowUp("a"), FollowUp("b", True), FollowUp("c"))),
        ("\n  - a\n  -\n  - '[x] b'", (FollowUp("a"), FollowUp("b", True))),
    ],
)
def test_follow_up_string_list_and_done(tmp_path, written, follow_up):
    j, problems = journal(
        tmp_path, {"events/e.md": f"---\ndate: 2024-02-12\nfollow_up: {written}\n---\n"}
    )
    assert problems == []
    assert j.events[0].follow_up == follow_up


def test_unknown_event_field_with_did_you_mean(tmp_path):
    j, problems = journal(
        tmp_path, {"events/e.md": "---\ndate: 2024-02-12\nplaec: Tilt\nwhere: Tilt\n---\n"}
    )
    assert texts(problems) == [
        "events/e.md:3: warning: unknown field 'plaec'; did you mean 'place'?",
        "events/e.md:4: warning: unknown field 'where'",
    ]
    assert j.events[0].place is None


def test_events_in_sub_folders(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "events/2024/03/2024-03-01-lunch.md": "---\ndate: 2024-03-01\n---\n",
            "events/work/2024-03-02-standup.yaml": "date: 2024-03-02\nkind: meeting\n",
            "events/2024-03-03-top.md": "---\ndate: 2024-03-03\n---\n",
        },
    )
    assert problems == []
    assert [(e.id, e.title, e.page) for e in j.events] == [
        ("2024/03/2024-03-01-lunch", "Lunch", True),
        ("work/2024-03-02-standup", "Standup", True),  # a .yml mapping is one event with a page
        ("2024-03-03-top", "Top", True),
    ]


def test_events_sort_by_date_then_time_then_id(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "events/b-untimed.md": "---\ndate: 2024-03-01\n---\n",
            "events/a-untimed.md": "---\ndate: 2024-03-01\n---\n",
            "events/c-evening.md": "---\ndate: 2024-03-01 19:00\n---\n",
            "events/d-morning.md": "---\ndate: 2024-03-01 08:00\n---\n",
            "events/e-morning.md": "---\ndate: 2024-03-01 08:00\n---\n",
            "events/f-earlier.md": "---\ndate: 2024-02-28 23:00\n---\n",
            "events/z-later.md": "---\ndate: 2024-03-02\n---\n",
        },
    )
    assert problems == []
    assert [e.id for e in j.events] == [
        "f-earlier",
        "a-untimed",
        "b-untimed",
        "d-morning",
        "e-morning",
        "c-evening",
        "z-later",
    ]


# ---------------------------------------------------------------- .yml event lists


def test_yml_event_list(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/jane-doe.md": JANE,
            "events/log.yml": """
                - date: 2024-01-05
                  kind: call
                  with: [Janey]
                  notes: Long call about the move.
                - date: 2024-01-09 12:00
                  title: Lunch at Tilt
                  with: jane-doe
                - date: 2024-01-07
            """,
        },
    )
    assert problems == []
    assert [(e.id, e.date, e.title, e.kind, e.with_, e.page, e.source.line) for e in j.events] == [
        ("log#1", date(2024, 1, 5), "Call", "call", ("jane-doe",), False, 1),
        ("log#3", date(2024, 1, 7), "Event", "meetup", (), False, 8),
        ("log#2", date(2024, 1, 9), "Lunch at Tilt", "meetup", ("jane-doe",), False, 5),
    ]
    assert j.events[0].notes == "Long call about the move."


def test_a_bad_item_of_a_list_is_an_error_at_its_line_and_the_others_kept(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "events/2024/log.yml": """
                - date: 2024-01-05
                - title: no date here
                - just a line of text
                - date: 2024-01-08
                  title: first
                  title: second
                - date: 2024-02-30
                - date: 2024-01-09
            """,
        },
    )
    assert texts(problems) == [
        "events/2024/log.yml:2: error: this item needs a date: add 'date: YYYY-MM-DD'",
        "events/2024/log.yml:3: error: this item must be a mapping of fields, "
        "starting with 'date:'",
        "events/2024/log.yml:6: error: 'title' is given twice (also on line 5)",
        "events/2024/log.yml:7: error: date: '2024-02-30' is not a date: "
        "write YYYY-MM-DD or YYYY-MM-DD HH:MM",
    ]
    assert [e.id for e in j.events] == ["2024/log#1", "2024/log#6"]


def test_a_bad_field_of_a_list_item_is_a_warning_at_its_line(tmp_path):
    j, problems = journal(
        tmp_path,
        {"events/log.yml": "- date: 2024-01-05\n- date: 2024-01-06\n  kind: cal\n  colour: red\n"},
    )
    assert texts(problems) == [
        "events/log.yml:3: warning: unknown kind 'cal', so 'meetup' is used; did you mean 'call'? "
        "(more kinds can be mapped to a channel under extra.kithbook.kinds)",
        "events/log.yml:4: warning: unknown field 'colour'",
    ]
    assert len(j.events) == 2


# ---------------------------------------------------------------- files that cannot be read


def only_error(problems: list[Problem]) -> str:
    assert len(problems) == 1, problems
    assert problems[0].level == "error"
    return str(problems[0])


@pytest.mark.parametrize("content", [b"", b"  \n\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path, content):
    j, problems = journal(tmp_path, {"people/jane.md": content, "events/e.yml": content})
    assert texts(problems) == [
        "events/e.yml:1: error: the file is empty",
        "people/jane.md:1: error: the file is empty",
    ]
    assert (j.people, j.events) == ({}, ())


def test_binary_file(tmp_path):
    j, problems = journal(tmp_path, {"people/jane.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    assert only_error(problems) == (
        "people/jane.md:1: error: this is not a text file (it holds binary data)"
    )
    assert j.people == {}


def test_not_utf8_names_the_line(tmp_path):
    j, problems = journal(
        tmp_path, {"people/jane.md": "---\nname: Jane\nwhere: München\n---\n".encode("latin-1")}
    )
    assert only_error(problems) == (
        "people/jane.md:3: error: not UTF-8 text (byte 0xfc): save the file as UTF-8"
    )
    assert j.people == {}


def test_bom_and_crlf_are_accepted(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/jane.md": b"\xef\xbb\xbf---\r\nname: Jane\r\nwhere: Leeds\r\n---\r\n"
            b"Line one\r\nLine two\r\n",
            "people/sam.yml": b"\xef\xbb\xbfname: Sam\r\nnotes: |\r\n  a\r\n  b\r\n",
            "events/e.md": b"\xef\xbb\xbf---\r\ndate: 2024-01-02 10:30\r\nwith: [jane]\r\n---\r\n",
        },
    )
    assert problems == []
    assert (j.people["jane"].name, j.people["jane"].where) == ("Jane", "Leeds")
    assert j.people["jane"].notes == "Line one\nLine two"
    assert j.people["sam"].notes == "a\nb"
    assert (j.events[0].time, j.events[0].with_) == (time(10, 30), ("jane",))


def test_crlf_keeps_line_numbers(tmp_path):
    _, problems = journal(
        tmp_path, {"people/jane.md": b"---\r\nname: Jane\r\n\r\ncircle: best\r\n---\r\n"}
    )
    assert [p.source.line for p in problems] == [4]


def test_no_front_matter_start(tmp_path):
    j, problems = journal(tmp_path, {"people/jane.md": "name: Jane\n---\n"})
    assert only_error(problems) == (
        "people/jane.md:1: error: no front matter: the file must start with a line '---'"
    )
    assert j.people == {}


def test_no_front_matter_end(tmp_path):
    j, problems = journal(tmp_path, {"events/e.md": "---\ndate: 2024-01-02\nSome notes\n"})
    assert only_error(problems) == (
        "events/e.md:1: error: the front matter has no end: add a line '---' after the fields"
    )
    assert j.events == ()


def test_front_matter_may_end_with_dots_and_notes_may_hold_rules(tmp_path):
    j, problems = journal(
        tmp_path, {"people/jane.md": "---\nname: Jane\n...\nabove\n\n---\n\nbelow\n"}
    )
    assert problems == []
    assert j.people["jane"].notes == "above\n\n---\n\nbelow"


@pytest.mark.parametrize(
    ("path", "content", "line"),
    [
        ("people/jane.md", "---\nname: Jane\nwhere: a: b\n---\n", 3),
        ("people/jane.md", "---\n# a comment\n\nname: Jane\n  where: Leeds\n---\nnotes\n", 5),
        ("people/jane.md", "---\nname: Jane\ntags: [a, b\n---\n", 3),  # unclosed: where it opens
        ("people/jane.md", '---\nname: Jane\nwhere: "Leeds\n---\n', 3),
        ("people/jane.yml", "name: Jane\n\n\nwhere: a: b\n", 4),
        ("events/e.yml", "- date: 2024-01-01\n- date: 2024-01-02\n  with: [a\n", 3),
    ],
)
def test_bad_yaml_points_at_the_real_file_line(tmp_path, path, content, line):
    j, problems = journal(tmp_path, {path: content})
    message = only_error(problems)
    assert message.startswith(f"{path}:{line}: error: bad YAML: ")
    assert (j.people, j.events) == ({}, ())


@pytest.mark.parametrize(
    ("path", "content", "message"),
    [
        ("people/jane.md", "---\n- name: Jane\n---\n", "a person file holds a mapping of fields"),
        ("people/jane.md", "---\nJane Doe\n---\n", "a person file holds a mapping of fields"),
        ("people/jane.md", "---\n---\nnotes\n", "a person file holds a mapping of fields"),
        ("people/jane.yml", "Jane Doe\n", "a person file holds a mapping of fields"),
        ("events/e.md", "---\n[2024-01-01]\n---\n", "an event must be a mapping of fields"),
        ("events/e.yml", "2024-01-01\n", "an event must be a mapping of fields"),
    ],
)
def test_yaml_that_is_not_a_mapping(tmp_path, path, content, message):
    j, problems = journal(tmp_path, {path: content})
    assert only_error(problems).startswith(f"{path}:1: error: {message}")
    assert (j.people, j.events) == ({}, ())


@pytest.mark.parametrize(
    "content", ["---\nwhere: Leeds\n---\n", "---\nname:\n---\n", "---\nname: ''\n---\n"]
)
def test_missing_name(tmp_path, content):
    j, problems = journal(tmp_path, {"people/jane.md": content})
    assert only_error(problems) == "people/jane.md:1: error: a person needs a name: add 'name: ...'"
    assert j.people == {}


def test_missing_date(tmp_path):
    j, problems = journal(tmp_path, {"events/e.md": "---\ntitle: Lunch\n---\n"})
    assert (
        only_error(problems)
        == "events/e.md:1: error: an event needs a date: add 'date: YYYY-MM-DD'"
    )
    assert j.events == ()


@pytest.mark.parametrize(
    "written", ["2024-02-30", "2024-13-01", "tomorrow", "2024-02-03 25:00", "[2024-01-01]"]
)
def test_bad_date_is_an_error_at_its_line(tmp_path, written):
    j, problems = journal(tmp_path, {"events/e.md": f"---\ntitle: Lunch\ndate: {written}\n---\n"})
    message = only_error(problems)
    assert message.startswith("events/e.md:3: error: date: ")
    assert message.endswith(
        (f"'{written}' is not a date: write YYYY-MM-DD or YYYY-MM-DD HH:MM", "not a list")
    )
    assert j.events == ()


def test_duplicate_key(tmp_path):
    j, problems = journal(
        tmp_path, {"people/jane.md": "---\nname: Jane\nwhere: Leeds\nname: Janet\n---\n"}
    )
    assert only_error(problems) == "people/jane.md:4: error: 'name' is given twice (also on line 2)"
    assert j.people == {}


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("Jane Doe.md", "jane-doe.md"),
        ("jane_doe.yml", "jane-doe.yml"),
        ("Zoë Ångström.md", "zoe-angstrom.md"),
        ("jane--doe.md", "jane-doe.md"),
        ("-jane.md", "jane.md"),
        ("index.md", "index-1.md"),
    ],
)
def test_a_file_name_that_is_not_a_slug(tmp_path, name, suggested):
    stem = name.rsplit(".", 1)[0]
    j, problems = journal(tmp_path, {f"people/{name}": "---\nname: Jane\n---\n"})
    assert only_error(problems) == (
        f"people/{name}:1: error: '{stem}' cannot be a person's id: name the file "
        f"'{suggested}' (lowercase letters, digits and single hyphens)"
    )
    assert j.people == {}


def test_the_same_slug_in_md_and_yml_keeps_the_md(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "people/jane.yml": "name: Jane from yml\n",
            "people/jane.md": "---\nname: Jane from md\n---\n",
            "people/jane.yaml": "name: Jane from yaml\n",
        },
    )
    assert texts(problems) == [
        "people/jane.yaml:1: error: the same person 'jane' as people/jane.md, which is used; "
        "this file is left out",
        "people/jane.yml:1: error: the same person 'jane' as people/jane.md, which is used; "
        "this file is left out",
    ]
    assert j.people["jane"].name == "Jane from md"


def test_the_same_event_id_in_md_and_yml_keeps_the_md(tmp_path):
    j, problems = journal(
        tmp_path,
        {
            "events/2024/lunch.yml": "date: 2024-01-01\ntitle: from yml\n",
            "events/2024/lunch.md": "---\ndate: 2024-01-02\ntitle: from md\n---\n",
        },
    )
    assert texts(problems) == [
        "events/2024/lunch.yml:1: error: the same event '2024/lunch' as events/2024/lunch.md, "
        "which is used; this file is left out"
    ]
    assert [e.title for e in j.events] == ["from md"]


@pytest.mark.parametrize(
    "path", ["people/jane.md", "people/jane.yml", "events/e.md", "events/log.yml"]
)
def test_python_tags_are_refused_and_nothing_runs(tmp_path, path):
    marker = tmp_path / "ran"
    attack = f'!!python/object/apply:os.system ["touch {marker}"]'
    if path.endswith(".md"):
        content = f"---\nname: Jane\ndate: 2024-01-01\nwhere: {attack}\n---\n"
        line = 4
    elif path.startswith("people/"):
        content = f"name: Jane\nwhere: {attack}\n"
        line = 2
    else:
        content = f"- date: 2024-01-01\n- date: 2024-01-02\n  place: {attack}\n"
        line = 3
    j, problems = journal(tmp_path, {path: content})
    message = only_error(problems)
    assert message.startswith(f"{path}:{line}: error: bad YAML: ")
    assert "python/object/apply:os.system" in message
    assert not marker.exists()
    assert (j.people, j.events) == ({}, ())


def test_python_tag_from_the_brief(tmp_path, capfd):
    _, problems = journal(
        tmp_path,
        {"people/jane.md": '---\nname: !!python/object/apply:os.system ["echo hi"]\n---\n'},
    )
    assert only_error(problems).startswith("people/jane.md:2: error: bad YAML: ")
    assert "hi" not in capfd.readouterr().out


@pytest.mark.parametrize(
    ("written", "shown"), [("!!int abc", "'abc' as !!int"), ("!!bool maybe", "'maybe' as !!bool")]
)
def test_a_value_its_tag_cannot_build_is_a_problem(tmp_path, written, shown):
    j, problems = journal(tmp_path, {"people/jane.md": f"---\nname: Jane\nwhere: {written}\n---\n"})
    assert only_error(problems) == f"people/jane.md:3: error: bad YAML: cannot read {shown}"
    assert j.people == {}


def test_hidden_files_and_editor_backups_are_ignored(tmp_path):
    bad = "not even yaml: [\n"
    j, problems = journal(
        tmp_path,
        {
            "people/jane.md": "---\nname: Jane\n---\n",
            "people/.jane.md": bad,
            "people/.#jane.md": bad,
            "people/#jane.md#": bad,
            "people/jane.md~": bad,
            "people/jane.md.swp": bad,
            "people/jane.md.bak": bad,
            "people/jane.md.orig": bad,
            "people/README.txt": bad,
            "events/.drafts/e.md": bad,
            "events/.e.md": bad,
            "events/e.md~": bad,
        },
    )
    assert problems == []
    assert list(j.people) == ["jane"]
    assert j.events == ()


def test_a_journal_without_people_or_events(tmp_path):
    j, problems = journal(tmp_path, {})
    assert (j.people, j.events, problems) == ({}, (), [])


# ---------------------------------------------------------------- problems as values


def test_every_problem_has_a_relative_path_a_line_a_level_and_a_message(tmp_path):
    _, problems = journal(
        tmp_path,
        {
            "people/jane-doe.md": JANE,
            "people/a.md": "---\nname: A\ncircle: best\nkeep_in_touch: often\n"
            "birthday: soon\n---\n",
            "people/b.md": b"",
            "people/c.md": b"---\nname: \xff\n---\n",
            "people/d.md": "---\nname: D\n",
            "people/e.yml": "name: [\n",
            "people/Bad Name.md": "---\nname: X\n---\n",
            "people/f.yml": "name: F\nname: G\n",
            "events/sub/dir/x.md": "---\ndate: 2024-01-01\nkind: hkie\n"
            "with: [nobody, Jane Do]\n---\n",
            "events/sub/log.yml": "- date: 2024-01-01\n- {title: no date}\n",
            "events/y.md": "---\ntitle: no date\n---\n",
        },
    )
    assert len(problems) == 14
    for problem in problems:
        assert "\\" not in problem.source.path
        assert not Path(problem.source.path).is_absolute()
        assert (tmp_path / problem.source.path).is_file()
        assert problem.source.line >= 1
        assert problem.level in ("error", "warning")
        assert problem.message[0].islower() or problem.message[0] == "'", problem
        assert "Traceback" not in problem.message and "datetime." not in problem.message
        assert str(problem) == (
            f"{problem.source.path}:{problem.source.line}: {problem.level}: {problem.message}"
        )
    assert problems == sorted(problems)  # by file, then line


def test_problem_str_and_json():
    problem = Problem(Source("people/jane.md", 3), "warning", "circle: unknown circle 'x'")
    assert str(problem) == "people/jane.md:3: warning: circle: unknown circle 'x'"
    assert problem.as_json() == {
        "path": "people/jane.md",
        "line": 3,
        "level": "warning",
        "message": "circle: unknown circle 'x'",
    }


# ---------------------------------------------------------------- the file cache


def test_file_cache_rereads_only_changed_files(tmp_path):
    cache = FileCache()
    files = {
        "people/jane.md": "---\nname: Jane\n---\n",
        "people/sam.md": "---\nname: Sam\n---\n",
        "events/e.md": "---\ndate: 2024-01-01\nwith: [jane]\n---\n",
    }
    first, _ = journal(tmp_path, files, cache=cache)
    assert cache.reads == 3

    second, problems = load_journal(tmp_path, parse_config({})[0], cache)
    assert cache.reads == 3
    assert second == first and problems == []

    jane = tmp_path / "people/jane.md"
    jane.write_text("---\nname: Jane Doe\n---\n", encoding="utf-8")
    stat = jane.stat()
    os.utime(jane, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    third, _ = load_journal(tmp_path, parse_config({})[0], cache)
    assert cache.reads == 4
    assert third.people["jane"].name == "Jane Doe"
    assert third.events[0].with_ == ("jane",)  # names resolve again against the new file


def test_file_cache_forgets_deleted_files_and_reads_new_ones(tmp_path):
    cache = FileCache()
    journal(tmp_path, {"people/jane.md": "---\nname: Jane\n---\n"}, cache=cache)
    (tmp_path / "people/jane.md").unlink()
    j, problems = journal(tmp_path, {"people/sam.md": "---\nname: Sam\n---\n"}, cache=cache)
    assert list(j.people) == ["sam"]
    assert cache.reads == 2 and problems == []


def test_a_watched_file_cache_reads_only_what_it_is_told_changed(tmp_path):
    """With ``Changes`` from a watcher, a load takes the files it is not told of as
    they were, without looking at them, and puts right the list of files from the
    paths it is told of: the journal it loads is a fresh load's, after any saves."""
    from kithbook.files import Changes

    root = tmp_path
    files = {
        "people/jane.md": "---\nname: Jane\n---\n",
        "people/sam.md": "---\nname: Sam\n---\n",
        "events/2024/e.md": "---\ndate: 2024-01-01\nwith: [jane]\n---\n",
    }
    journal(root, files)
    config = parse_config({})[0]
    cache = FileCache()
    changes = Changes([root / "people", root / "events"])
    cache.changes = changes

    def saved(rel: str, text: str | None) -> None:
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        changes.saw(str(path))

    def load_matches_a_fresh_one() -> None:
        assert load_journal(root, config, cache) == load_journal(root, config, FileCache())

    load_matches_a_fresh_one()  # not known yet: every file looked at
    reads = cache.reads
    (root / "people/sam.md").write_text("---\nname: Not told\n---\n", encoding="utf-8")
    assert load_journal(root, config, cache)[0].people["sam"].name == "Sam"  # not told
    assert cache.reads == reads
    changes.saw(str(root / "people/sam.md"))
    load_matches_a_fresh_one()
    saved("events/2025/new.md", "---\ndate: 2025-01-01\nwith: [sam]\n---\n")
    saved("events/2024/e.md", None)
    saved("people/ada.md", "---\nname: Ada\n---\n")
    saved("people/.hidden.md", "---\nname: Hidden\n---\n")
    saved("people/sub/not-read.md", "---\nname: Deeper\n---\n")
    saved("events/notes.txt", "not a journal file")
    load_matches_a_fresh_one()
    (root / "people/ada.md").rename(root / "people/ada-lane.md")  # an editor's rename
    changes.saw(str(root / "people/ada.md"))
    changes.saw(str(root / "people/ada-lane.md"))
    load_matches_a_fresh_one()
    assert "ada-lane" in load_journal(root, config, cache)[0].people
    (root / "events/2026").mkdir()  # a folder: what changed is not known, all is looked at
    (root / "events/2026/x.md").write_text("---\ndate: 2026-01-01\n---\n", encoding="utf-8")
    changes.saw(str(root / "events/2026"), folder=True)
    load_matches_a_fresh_one()
    link = root / "events/elsewhere"  # a link to a folder, listed to be reported
    link.symlink_to(tmp_path / "people", target_is_directory=True)
    changes.saw(str(link))
    load_matches_a_fresh_one()
    link.unlink()
    changes.saw(str(link))
    load_matches_a_fresh_one()
    cache.changes = changes = Changes([root / "people"])  # events/ is not watched
    load_matches_a_fresh_one()
    (root / "events/2026/x.md").write_text("---\ndate: 2026-01-02\n---\n", encoding="utf-8")
    load_matches_a_fresh_one()


def test_a_save_of_notes_alone_changes_only_the_notes_of_the_last_journal(tmp_path, monkeypatch):
    """When the files a watcher names changed nothing but notes, the last load's journal
    is kept with the new notes, rather than put together again: it is the journal a
    fresh load makes. Any other change, or notes whose record is left out for its id,
    puts it together again."""
    import kithbook.load as load
    from kithbook.files import Changes

    root = tmp_path
    journal(
        root,
        {
            "people/jane.md": "---\nname: Jane\n---\nShe climbs.\n",
            "people/sam.md": "---\nname: Sam\nintroduced_by: Jane\n---\n",
            "people/sam.yml": "name: Sam Yaml\nnotes: the left-out one\n",
            "events/2024/e.md": "---\ndate: 2024-01-01\nwith: [jane]\n---\nCoffee.\n",
            "events/log.yml": "- {date: 2024-02-01, title: A, with: [sam], notes: a}\n"
            "- {date: 2024-02-02, title: B, with: [jane]}\n",
        },
    )
    config = parse_config({})[0]
    cache, changes = FileCache(), Changes([root / "people", root / "events"])
    cache.changes = changes
    together = []
    put_together = load._put_together
    monkeypatch.setattr(load, "_put_together", lambda *a: together.append(1) or put_together(*a))

    def saved(rel: str, text: str, *, notes_only: bool) -> None:
        (root / rel).write_text(text, encoding="utf-8")
        changes.saw(str(root / rel))
        before = len(together)
        assert load_journal(root, config, cache) == load_journal(root, config, FileCache())
        assert len(together) == before + (1 if notes_only else 2)  # and the fresh load

    load_journal(root, config, cache)
    load_journal(root, config, cache)  # what changed is known from here on
    saved("people/jane.md", "---\nname: Jane\n---\nShe climbs.\nAnd sails.\n", notes_only=True)
    saved("people/sam.md", "---\nname: Sam\nintroduced_by: Jane\n---\nNew.\n", notes_only=True)
    assert load_journal(root, config, cache)[0].people["sam"].introduced_by == "jane"
    saved("events/2024/e.md", "---\ndate: 2024-01-01\nwith: [jane]\n---\nTea.\n", notes_only=True)
    saved(
        "events/log.yml",
        "- {date: 2024-02-01, title: A, with: [sam], notes: b}\n"
        "- {date: 2024-02-02, title: B, with: [jane]}\n",
        notes_only=True,
    )
    # the notes of the record left out for its id (sam.md is kept)
    saved("people/sam.yml", "name: Sam Yaml\nnotes: still left out\n", notes_only=False)
    # more than notes: a date, a name, a line moved by longer notes
    saved("events/2024/e.md", "---\ndate: 2024-01-02\nwith: [jane]\n---\nTea.\n", notes_only=False)
    saved("people/jane.md", "---\nname: Jane Roe\n---\nShe climbs.\n", notes_only=False)
    saved(
        "events/log.yml",
        "- {date: 2024-02-01, title: A, with: [sam], notes: 'b\n\n  c'}\n"
        "- {date: 2024-02-02, title: B, with: [jane]}\n",
        notes_only=False,
    )


def test_file_cache_keeps_problems_of_unchanged_files(tmp_path):
    cache = FileCache()
    _, first = journal(
        tmp_path, {"people/jane.md": "---\nname: Jane\ncircle: best\n---\n"}, cache=cache
    )
    _, second = load_journal(tmp_path, parse_config({})[0], cache)
    assert first == second and len(second) == 1
    assert cache.reads == 1


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [1, 2.5, true, null, ~, 2024-01-02, '2024-01-02', 2024-01-02 10:30]\n",
        "c: {x: y, 1: 2, null: 3, true: 4}\nd: 0x1F\ne: 1e3\nf: .inf\ng: 12:30\nh: yes\n",
        "- a\n- {b: c}\n- [d, [e]]\n- !!str 123\n- !!binary aGVsbG8=\n- !!set {a, b}\n",
        "name: x\nextra:\n  k: [1, 2]\n  m: {n: o}\n  empty:\n  blank: ''\n",
        "list:\n  -\n  - x\n",
        "a: &x [1, 2]\nb: *x\nc: {<<: {d: 1}, e: 2}\n",  # anchors and merge keys
        "notes: |\n  two\n  lines\n'quoted key': \"dq\\n\"\n",
    ],
)
def test_yaml_values_are_those_pyyaml_makes(text: str) -> None:
    # The loader builds plain YAML from its nodes itself, for speed: the values must be
    # exactly PyYAML's, types included.
    def typed(value: object) -> object:
        if isinstance(value, dict):
            return {typed(k): typed(v) for k, v in value.items()}
        if isinstance(value, list):
            return [typed(v) for v in value]
        return (type(value).__name__, repr(value))

    expected = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert typed(parse_yaml(text, 1).value) == typed(expected)


# ---------------------------------------------------------------- hostile files


def test_a_near_miss_of_a_name_with_an_apostrophe_gets_its_hint(tmp_path):
    _, problems = journal(
        tmp_path,
        {
            "people/miles-obrien.md": "---\nname: Miles O'Brien\n---\n",
            "events/tea.md": "---\ndate: 2026-01-02\nwith: [Miles O'Brian]\n---\n",
        },
    )
    assert texts(problems) == [
        "events/tea.md:3: error: with: no one called 'Miles O'Brian' in people/; "
        "did you mean 'Miles O'Brien' (miles-obrien)?"
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("met", "9999-12-31"),
        ("met", "0001-01-01"),
        ("snooze_until", "9999-12-31"),
        ("birthday", "9999-12-31"),
    ],
)
def test_a_person_date_beyond_the_calendar_is_a_warning_at_its_line(tmp_path, field, value):
    j, problems = journal(tmp_path, {"people/x.md": f"---\nname: X\n{field}: {value}\n---\n"})
    assert texts(problems) == [
        f"people/x.md:3: warning: {field}: {value} is out of range: "
        "kithbook takes dates from 1800-01-01 to 2999-12-31; ignored"
    ]
    assert getattr(j.people["x"], field) is None


@pytest.mark.parametrize("value", ["9999-12-31", "9999-12-31 23:30", "'0001-01-01'"])
def test_an_event_beyond_the_calendar_is_an_error_and_left_out(tmp_path, value):
    j, problems = journal(tmp_path, {"events/e.md": f"---\ndate: {value}\n---\n"})
    shown = value.strip("'").split()[0]
    assert texts(problems) == [
        f"events/e.md:2: error: date: {shown} is out of range: "
        "kithbook takes dates from 1800-01-01 to 2999-12-31"
    ]
    assert j.events == ()


@pytest.mark.parametrize("value", ["9999y", "999999999999d", "1300m"])
def test_a_keep_in_touch_longer_than_a_century_is_a_warning(tmp_path, value):
    j, problems = journal(tmp_path, {"people/x.md": f"---\nname: X\nkeep_in_touch: {value}\n---\n"})
    assert texts(problems) == [
        f"people/x.md:3: warning: keep_in_touch: '{value}' is too long: "
        "at most 100y (or write never); ignored"
    ]
    assert j.people["x"].keep_in_touch is None


def alias_bomb(levels: int = 9) -> str:
    """A person whose ``extra`` holds lists of the list before, nine times each, through anchors."""
    lines = ["---", "name: Bomb", "extra:", f"  a0: &a0 [{', '.join(['lol'] * 9)}]"]
    for level in range(1, levels):
        lines.append(f"  a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join([*lines, "---", ""])


def test_an_alias_bomb_is_an_error_at_its_line_and_nothing_is_expanded(tmp_path):
    assert len(alias_bomb()) < 600
    j, problems = journal(tmp_path, {"people/bomb.md": alias_bomb()})
    assert texts(problems) == [
        "people/bomb.md:4: error: its aliases repeat more than 10,000 values: "
        "write the values out, or use fewer aliases"
    ]
    assert j.people == {}


def test_aliases_that_repeat_a_few_values_are_read(tmp_path):
    j, problems = journal(tmp_path, {"people/ok.md": alias_bomb(levels=3)})
    assert problems == []
    assert j.people["ok"].extra["a2"] == [[["lol"] * 9] * 9] * 9


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("x: &a [1, *a]", "an alias here makes a value that holds itself"),
        ("x: " + "[" * 60 + "]" * 60, "values nested more than 50 levels deep"),
        ("x: &a " + "[" * 60 + "]" * 60, "values nested more than 50 levels deep"),
        ("? " + "[" * 600 + "]" * 600 + "\n  : 1", "values nested more than 50 levels deep"),
    ],
)
def test_values_that_hold_themselves_or_nest_too_deep_are_errors(tmp_path, extra, message):
    _, problems = journal(tmp_path, {"people/x.md": f"---\nname: X\nextra:\n  {extra}\n---\n"})
    assert texts(problems) == [f"people/x.md:4: error: {message}"]


def test_only_plain_files_are_read(tmp_path):
    """A named pipe would block a read for ever; a link out of the journal would publish a
    file nobody put there; a link to a folder is not followed. Each is reported."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("---\nname: Secret\n---\n", encoding="utf-8")
    root = tmp_path / "journal"
    (root / "people").mkdir(parents=True)
    (root / "events").mkdir()
    (root / "people" / "jane.md").write_text("---\nname: Jane\n---\n", encoding="utf-8")
    os.mkfifo(root / "people" / "pipe.md")
    (root / "people" / "leak.md").symlink_to(outside / "secret.md")
    (root / "people" / "janey.md").symlink_to("jane.md")  # inside: read
    (root / "events" / "2026").symlink_to(outside)
    j, problems = load_journal(root, parse_config({})[0])
    assert sorted(j.people) == ["jane", "janey"]
    assert texts(problems) == [
        "events/2026:0: error: a link to a folder, which is not followed: move the folder here",
        "people/leak.md:0: error: a link to a file outside the journal, which is not read "
        "(it would be published from elsewhere): move or copy the file into the journal",
        "people/pipe.md:0: error: a named pipe: only plain files are read",
    ]


def test_an_event_file_name_that_is_not_plain_text_is_an_error(tmp_path):
    root = tmp_path / "journal"
    (root / "events").mkdir(parents=True)
    for name in (b"2026-01-01-caf\xe9.md", b"2026-01-02-\x1b[2J.md"):
        (root / "events" / os.fsdecode(name)).write_text("---\ndate: 2026-01-01\n---\n", "utf-8")
    j, problems = load_journal(root, parse_config({})[0])
    assert j.events == ()
    assert [(p.level, p.message) for p in problems] == [
        (
            "error",
            "the file's name holds a control character or a byte that is not UTF-8: "
            "rename the file",
        )
    ] * 2


def test_a_line_break_in_a_quoted_value_stays_on_the_problems_line(tmp_path):
    _, problems = journal(
        tmp_path, {"people/x.md": '---\nname: X\ncircle: "a\\nb.md:1: error: x"\n---\n'}
    )
    assert texts(problems) == [
        "people/x.md:3: warning: circle: unknown circle 'a\\nb.md:1: error: x' "
        "(circles: inner, close, friend, acquaintance); ignored"
    ]


# ---------------------------------------------------------------- the rules of validate.py


@pytest.mark.parametrize(
    ("when", "end", "problem"),
    [
        ("2026-03-02", "2026-03-01", "end: 2026-03-01 is before"),
        ("2026-03-02 10:00", "2026-03-02 09:30", "end: 2026-03-02 09:30 is before"),
        ("2026-03-02 10:00", "2026-03-02", None),  # the same day, no time: not before
        ("2026-03-02", "2026-03-02 09:30", None),
    ],
)
def test_an_event_that_ends_before_it_starts_is_a_warning(tmp_path, when, end, problem):
    j, problems = journal(tmp_path, {"events/e.md": f"---\ndate: {when}\nend: {end}\n---\n"})
    ending = "the event's date: it is shown as ending when it starts"
    assert texts(problems) == ([f"events/e.md:3: warning: {problem} {ending}"] if problem else [])
    assert len(j.events) == 1


def test_a_person_introduced_by_themselves_is_a_warning(tmp_path):
    _, problems = journal(
        tmp_path, {"people/ana.md": "---\nname: Ana\naka: [Annie]\nintroduced_by: Annie\n---\n"}
    )
    assert texts(problems) == [
        "people/ana.md:4: warning: introduced_by: names the person themselves; "
        "write who introduced you"
    ]
