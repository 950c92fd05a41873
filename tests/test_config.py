"""extra.kithbook in mkdocs.yml, and "today": the settings written inline in each test."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from kithbook.config import find_journal, parse_config, read_config_file, resolve_today
from kithbook.model import (
    DEFAULT_CADENCE,
    KIND_CHANNELS,
    Config,
    Duration,
    Me,
    Person,
    Source,
)


def settings(text: str) -> dict:
    """``extra.kithbook`` written as YAML, the way a person writes it in mkdocs.yml."""
    return yaml.safe_load(textwrap.dedent(text)) or {}


def texts(problems) -> list[str]:
    return [str(problem) for problem in problems]


def person(**fields) -> Person:
    return Person(Source("people/jane.md", 1), "jane", "Jane", **fields)


# ---------------------------------------------------------------- parse_config


@pytest.mark.parametrize("empty", [None, {}])
def test_defaults(empty):
    config, problems = parse_config(empty)
    assert problems == []
    assert config == Config()
    assert config.me == Me(name="Me", where=None, emails=())
    assert config.cadence == {
        "inner": Duration(2, "w"),
        "close": Duration(1, "m"),
        "friend": Duration(3, "m"),
        "acquaintance": None,
    }
    assert config.kinds == KIND_CHANNELS
    assert (config.default_kind, config.today, config.ranking) == ("meetup", None, {})


def test_the_example_of_the_format():
    config, problems = parse_config(
        settings(
            """
            me:
              name: Sam Example
              where: Birmingham, UK
              email: [sam@example.org]
            cadence:
              inner: 2w
              close: 1m
              friend: 3m
              acquaintance: never
            """
        )
    )
    assert problems == []
    assert config.me == Me("Sam Example", "Birmingham, UK", ("sam@example.org",))
    assert config.cadence == DEFAULT_CADENCE


def test_cadence_overrides_keep_the_other_defaults():
    config, problems = parse_config(
        settings(
            """
            cadence:
              inner: 10d
              friend: never
              acquaintance: 1y
            """
        )
    )
    assert problems == []
    assert config.cadence == {
        "inner": Duration(10, "d"),
        "close": Duration(1, "m"),
        "friend": None,
        "acquaintance": Duration(1, "y"),
    }


@pytest.mark.parametrize("written", ["never", "false", "~"])
def test_cadence_never(written):
    config, problems = parse_config(settings(f"cadence: {{close: {written}}}"))
    assert problems == []
    assert config.cadence["close"] is None


def test_bad_cadence_values_warn_and_keep_the_default():
    config, problems = parse_config(
        settings(
            """
            cadence:
              close: monthly
              inner: 0d
              friend: 0
              bestie: 1w
            """
        )
    )
    assert texts(problems) == [
        "mkdocs.yml:0: warning: extra.kithbook: cadence.close: 'monthly' is not a duration: "
        "write a whole number and a unit, like 10d, 2w, 3m (months) or 1y",
        "mkdocs.yml:0: warning: extra.kithbook: cadence.inner: '0d' is not a duration: "
        "write a whole number and a unit, like 10d, 2w, 3m (months) or 1y",
        "mkdocs.yml:0: warning: extra.kithbook: cadence.friend: '0' is not a duration: "
        "write a whole number and a unit, like 10d, 2w, 3m (months) or 1y",
        "mkdocs.yml:0: warning: extra.kithbook: cadence: unknown circle 'bestie'",
    ]
    assert config.cadence == DEFAULT_CADENCE


def test_unknown_cadence_circle_has_did_you_mean():
    _, problems = parse_config(settings("cadence: {clsoe: 1w}"))
    assert [p.message for p in problems] == [
        "extra.kithbook: cadence: unknown circle 'clsoe'; did you mean 'close'?"
    ]


def test_cadence_that_is_not_a_mapping():
    config, problems = parse_config(settings("cadence: 2w"))
    assert [p.message for p in problems] == [
        "extra.kithbook: cadence must be a mapping of circle to duration"
    ]
    assert config.cadence == DEFAULT_CADENCE


def test_kinds_map_new_kinds_and_remap_old_ones():
    config, problems = parse_config(
        settings(
            """
            kinds:
              hike: in person
              dm: written
              call: written
            """
        )
    )
    assert problems == []
    assert (config.kinds["hike"], config.kinds["dm"], config.kinds["call"]) == (
        "in person",
        "written",
        "written",
    )
    assert config.kinds["coffee"] == "in person"  # the built-in kinds stay


def test_kinds_with_an_unknown_channel_warn():
    config, problems = parse_config(settings("kinds: {hike: outdoors}"))
    assert [p.message for p in problems] == [
        "extra.kithbook: kinds.hike: unknown channel 'outdoors'; "
        "use one of call, in person, introduction, signal, written"
    ]
    assert "hike" not in config.kinds


def test_kinds_that_is_not_a_mapping():
    config, problems = parse_config(settings("kinds: [hike]"))
    assert [p.message for p in problems] == [
        "extra.kithbook: kinds must be a mapping of kind to channel"
    ]
    assert config.kinds == KIND_CHANNELS


def test_default_kind_may_be_a_configured_kind():
    config, problems = parse_config(settings("default_kind: hike\nkinds: {hike: in person}"))
    assert problems == []
    assert config.default_kind == "hike"


def test_unknown_default_kind_warns_with_did_you_mean():
    config, problems = parse_config(settings("default_kind: cofee"))
    assert [p.message for p in problems] == [
        "extra.kithbook: default_kind: unknown kind 'cofee'; did you mean 'coffee'?"
    ]
    assert config.default_kind == "meetup"


@pytest.mark.parametrize("written", ["2026-11-21", "'2026-11-21'"])
def test_today(written):
    config, problems = parse_config(settings(f"today: {written}"))
    assert problems == []
    assert config.today == date(2026, 11, 21)


@pytest.mark.parametrize("written", ["tomorrow", "2026-02-30", "21/11/2026"])
def test_bad_today_warns(written):
    config, problems = parse_config({"today": written})
    assert len(problems) == 1
    assert problems[0].message.startswith("extra.kithbook: today: ")
    assert problems[0].message.endswith("is not a date: write YYYY-MM-DD")
    assert config.today is None


@pytest.mark.parametrize(
    ("written", "emails"),
    [
        ("email: Sam@Example.org", ("sam@example.org",)),
        ("email: [sam@example.org, SAM@work.example]", ("sam@example.org", "sam@work.example")),
        ("emails: [sam@example.org]", ("sam@example.org",)),
        ("name: Sam", ()),
    ],
)
def test_me_email_as_string_or_list(written, emails):
    config, problems = parse_config(settings(f"me:\n  {written}"))
    assert problems == []
    assert config.me.emails == emails


def test_me_name_and_where():
    config, problems = parse_config(settings("me: {name: Sam Example, where: 'Birmingham, UK'}"))
    assert problems == []
    assert config.me == Me("Sam Example", "Birmingham, UK", ())


def test_me_that_is_not_a_mapping_warns():
    config, problems = parse_config(settings("me: Sam"))
    assert [p.message for p in problems] == [
        "extra.kithbook: me must be a mapping with name, where and email"
    ]
    assert config.me == Me()


def test_unknown_keys_warn_with_did_you_mean():
    config, problems = parse_config(settings("cadense: {inner: 1w}\ncolour: blue"))
    assert texts(problems) == [
        "mkdocs.yml:0: warning: extra.kithbook: unknown setting 'cadense'; did you mean 'cadence'?",
        "mkdocs.yml:0: warning: extra.kithbook: unknown setting 'colour'",
    ]
    assert config.cadence == DEFAULT_CADENCE


def test_ranking_takes_numbers_and_warns_on_others():
    config, problems = parse_config(
        settings("ranking: {overdue: 2, near: 0.5, tie: high, unanswered: true, nears: 1}")
    )
    assert config.ranking == {"overdue": 2.0, "near": 0.5}
    assert [p.message for p in problems] == [
        "extra.kithbook: ranking.tie: 'high' is not a number",
        "extra.kithbook: ranking.unanswered: 'True' is not a number",
        "extra.kithbook: ranking: unknown setting 'nears'; did you mean 'near'? "
        "(see How the ranking works)",
    ]


def test_encryption_is_not_a_kithbook_setting():
    # The switch is the encryptcontent plugin in mkdocs.yml; a setting here would be a
    # second switch that could disagree with it.
    assert "unknown setting 'encrypt'" in str(parse_config({"encrypt": True})[1][0])


# ---------------------------------------------------------------- keep in touch


def test_keep_in_touch_is_the_persons_own_else_the_circles():
    config, _ = parse_config(settings("cadence: {friend: 6w}"))
    assert config.keep_in_touch(person(circle="friend")) == Duration(6, "w")
    assert config.keep_in_touch(person(circle="friend", keep_in_touch=Duration(3, "d"))) == (
        Duration(3, "d")
    )
    assert config.keep_in_touch(person(circle="inner", keep_in_touch="never")) is None
    assert config.keep_in_touch(person()) is None  # acquaintance: never by default


# ---------------------------------------------------------------- today


def test_today_from_the_environment_wins_over_the_config():
    config = Config(today=date(2026, 11, 21))
    assert resolve_today(config, {"KITHBOOK_TODAY": "2025-01-02"}) == date(2025, 1, 2)


def test_today_from_the_config_wins_over_the_clock():
    config = Config(today=date(2026, 11, 21))
    assert resolve_today(config, {}) == date(2026, 11, 21)
    assert resolve_today(config, {"KITHBOOK_TODAY": ""}) == date(2026, 11, 21)


def test_today_from_the_clock():
    before = date.today()
    assert before <= resolve_today(Config(), {}) <= date.today()


def test_today_from_the_process_environment(monkeypatch):
    monkeypatch.setenv("KITHBOOK_TODAY", "2024-02-29")
    assert resolve_today(Config(today=date(2026, 1, 1))) == date(2024, 2, 29)


def test_a_bad_kithbook_today_is_a_readable_error():
    with pytest.raises(ValueError, match=r"'next week' is not a date: write YYYY-MM-DD"):
        resolve_today(Config(), {"KITHBOOK_TODAY": "next week"})


# ---------------------------------------------------------------- mkdocs.yml


def write(root: Path, text: str | bytes) -> Path:
    path = root / "mkdocs.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def test_read_config_file_tolerates_mkdocs_python_tags(tmp_path):
    marker = tmp_path / "ran"
    write(
        tmp_path,
        f"""
        site_name: My people
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
              emoji_generator: !!python/name:material.extensions.emoji.to_svg
          - pymdownx.superfences:
              custom_fences:
                - name: mermaid
                  format: !!python/object/apply:os.system ["touch {marker}"]
        copyright: !ENV [COPYRIGHT, "me"]
        extra:
          kithbook:
            today: 2026-11-21
            me: {{name: Sam}}
        """,
    )
    found, problems = read_config_file(tmp_path)
    assert problems == []
    assert dict(found) == {"today": date(2026, 11, 21), "me": {"name": "Sam"}}
    assert not marker.exists()
    config, problems = parse_config(found)
    assert (config.today, config.me.name, problems) == (date(2026, 11, 21), "Sam", [])


@pytest.mark.parametrize(
    "text",
    [
        "site_name: x\n",
        "site_name: x\nextra:\n  analytics: {}\n",
        "site_name: x\nextra:\n  kithbook: [a]\n",
        "site_name: x\nextra: none\n",
        "",
        "- a list\n",
    ],
)
def test_read_config_file_without_a_kithbook_section(tmp_path, text):
    assert read_config_file(write(tmp_path, text)) == ({}, [])


def test_read_config_file_with_a_bom_and_crlf(tmp_path):
    write(
        tmp_path, b"\xef\xbb\xbfsite_name: x\r\nextra:\r\n  kithbook:\r\n    default_kind: call\r\n"
    )
    assert read_config_file(tmp_path) == ({"default_kind": "call"}, [])


def test_read_config_file_with_bad_yaml_names_the_line(tmp_path):
    write(tmp_path, "site_name: x\nextra:\n  kithbook:\n    me: a: b\n")
    found, problems = read_config_file(tmp_path)
    assert found == {}
    assert len(problems) == 1
    assert str(problems[0]).startswith("mkdocs.yml:4: error: bad YAML: ")


def test_read_config_file_that_is_not_utf8(tmp_path):
    write(tmp_path, "site_name: Café\n".encode("latin-1"))
    found, problems = read_config_file(tmp_path)
    assert found == {}
    assert [(p.source.path, p.level) for p in problems] == [("mkdocs.yml", "error")]
    assert problems[0].message.startswith("cannot read the file: ")


def test_read_config_file_when_there_is_none(tmp_path):
    found, problems = read_config_file(tmp_path)
    assert found == {}
    assert [(p.source.path, p.level) for p in problems] == [("mkdocs.yml", "error")]


def test_find_journal_is_the_nearest_folder_with_mkdocs_yml(tmp_path):
    outer = write(tmp_path, "site_name: outer\n")
    inner = outer / "inner"
    (inner / "people" / "deep").mkdir(parents=True)
    assert find_journal(inner / "people" / "deep") == outer.resolve()
    write(inner, "site_name: inner\n")
    assert find_journal(inner / "people" / "deep") == inner.resolve()
    assert find_journal(inner) == inner.resolve()


def test_find_journal_finds_none(tmp_path):
    start = tmp_path / "a" / "b"
    start.mkdir(parents=True)
    found = find_journal(start)
    assert found is None or found not in (start, start.parent, tmp_path)


def test_an_impossible_day_in_mkdocs_yml_is_an_error_at_its_line(tmp_path):
    """MkDocs' own loader stops at such a day before any hook runs: check says so."""
    write(tmp_path, "site_name: x\nextra:\n  kithbook:\n    today: 2026-02-30\n")
    found, problems = read_config_file(tmp_path)
    assert found == {"today": "2026-02-30"}
    assert [str(p) for p in problems] == [
        "mkdocs.yml:4: error: '2026-02-30' is not a real day, "
        "and MkDocs cannot read mkdocs.yml while it holds one"
    ]


@pytest.mark.parametrize("written", ["9999-12-31", "0001-01-01", "1799-12-31", "3000-01-01"])
def test_today_beyond_the_calendar_is_refused(written):
    config, problems = parse_config({"today": written})
    assert [p.message for p in problems] == [
        f"extra.kithbook: today: {written} is out of range: "
        "kithbook takes dates from 1800-01-01 to 2999-12-31"
    ]
    assert config.today is None
    with pytest.raises(ValueError, match="is out of range"):
        resolve_today(Config(), {"KITHBOOK_TODAY": written})


def test_a_value_yaml_cannot_build_in_mkdocs_yml_is_reported_at_its_line(tmp_path):
    write(tmp_path, "site_name: x\nextra:\n  kithbook:\n    today: !!bool maybe\n")
    found, problems = read_config_file(tmp_path)
    assert found == {}
    assert [str(p) for p in problems] == [
        "mkdocs.yml:4: error: bad YAML: cannot read 'maybe' as !!bool"
    ]
