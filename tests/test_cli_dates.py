"""Dates as people say them (``kithbook.dates``), wherever a command takes one; a kind
configured with a capital; a note from `log` when an event looks logged already."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import write_journal

from kithbook.cli import main
from kithbook.config import parse_config
from kithbook.dates import said_when
from kithbook.load import load_journal
from kithbook.text import alike

SATURDAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("today", date(2026, 11, 21)),
        ("Yesterday", date(2026, 11, 20)),
        ("tomorrow", date(2026, 11, 22)),
        ("friday", date(2026, 11, 20)),
        ("saturday", date(2026, 11, 21)),  # a bare weekday: the last one, today included
        ("Sat", date(2026, 11, 21)),
        ("last friday", date(2026, 11, 20)),
        ("last saturday", date(2026, 11, 14)),  # before today
        ("next tuesday", date(2026, 11, 24)),
        ("next saturday", date(2026, 11, 28)),  # after today
        ("3 days ago", date(2026, 11, 18)),
        ("a week ago", date(2026, 11, 14)),
        ("in 2 weeks", date(2026, 12, 5)),
        ("in 3 months", date(2027, 2, 21)),
        ("1 year ago", date(2025, 11, 21)),
        ("2026-03-04", date(2026, 3, 4)),
        ("2026/03/04", date(2026, 3, 4)),
        ("4 Mar 2026", date(2026, 3, 4)),
        ("March 4, 2026", date(2026, 3, 4)),
        ("13/04/2026", date(2026, 4, 13)),  # only one order makes a day
        ("04/04/2026", date(2026, 4, 4)),  # both orders make the same day
    ],
)
def test_dates_as_people_say_them(said: str, meant: date) -> None:
    assert said_when(said, SATURDAY) == (meant, None)


def test_months_keep_the_day_where_they_can() -> None:
    assert said_when("in 1 month", date(2026, 1, 31))[0] == date(2026, 2, 28)
    assert said_when("a year ago", date(2028, 2, 29))[0] == date(2027, 2, 28)


def test_a_time_may_follow_any_date() -> None:
    assert said_when("last friday 19:00", SATURDAY) == (date(2026, 11, 20), time(19, 0))
    assert said_when("2026-03-04T18:30", SATURDAY) == (date(2026, 3, 4), time(18, 30))
    assert said_when("in 2 days 08:05", SATURDAY) == (date(2026, 11, 23), time(8, 5))


@pytest.mark.parametrize(
    ("said", "why"),
    [
        (
            "03/04/2026",
            "'03/04/2026' could be 3 Apr 2026 or 4 Mar 2026: write 2026-04-03 or 2026-03-04",
        ),
        ("3/4/26", "write the year in full"),
        ("4 march", "say which year, e.g. 4 Mar 2025 or 4 Mar 2026 or 4 Mar 2027"),
        ("31/02/2026", "is not a date"),
        ("2025-02-30", "'2025-02-30' is not a date"),
        ("next week", "'next week' is not a date: write today, yesterday, friday"),
        ("in 2 weeks ago", "is not a date"),
        ("yesterday 25:00", "25:00 is not a time"),
        ("1799-12-31", "out of range: kithbook takes dates from 1800-01-01 to 2999-12-31"),
        ("in 1000 years", "out of range"),
        ("in 99999999999 days", "too far from today"),
    ],
)
def test_what_could_mean_two_days_or_none_is_refused(said: str, why: str) -> None:
    with pytest.raises(ValueError) as error:
        said_when(said, SATURDAY)
    assert why in str(error.value)


def kithbook(root: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--journal", str(root), *args], env={"KITHBOOK_TODAY": "2026-11-21"}
    )


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    people = {"people/zoe.md": "---\nname: Zoë\n---\n", "people/tom.md": "---\nname: Tom\n---\n"}
    return write_journal(tmp_path, people, settings="kinds:\n  Workshop: in person\n")


def test_log_last_friday(journal: Path) -> None:
    result = kithbook(journal, "log", "Climbing", "--with", "zoe", "--date", "last friday")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote events/2026/2026-11-20-climbing.md\n"
    assert "date: 2026-11-20\n" in (journal / "events/2026/2026-11-20-climbing.md").read_text()


def test_an_ambiguous_date_is_a_usage_error_and_writes_nothing(journal: Path) -> None:
    result = kithbook(journal, "log", "Climbing", "--with", "zoe", "--date", "03/04/2026")
    assert result.exit_code == 2
    assert "'03/04/2026' could be 3 Apr 2026 or 4 Mar 2026" in result.stderr
    assert not (journal / "events").exists()


def test_add_met_takes_the_same_dates(journal: Path) -> None:
    result = kithbook(journal, "add", "Ann Lee", "--met", "3 days ago")
    assert result.exit_code == 0, result.output
    assert "met: 2026-11-18\n" in (journal / "people/ann-lee.md").read_text()


@pytest.mark.parametrize("typed", ["Workshop", "workshop", "WORKSHOP"])
def test_a_kind_configured_with_a_capital_is_taken_as_configured(journal: Path, typed: str) -> None:
    result = kithbook(journal, "log", "Pottery", "--with", "zoe", "--kind", typed)
    assert result.exit_code == 0, result.output
    text = (journal / "events/2026/2026-11-21-pottery.md").read_text()
    assert "kind: Workshop\n" in text
    journal_read, problems = load_journal(
        journal, parse_config({"kinds": {"Workshop": "in person"}})[0]
    )
    assert problems == []
    assert journal_read.events[0].kind == "Workshop"


def test_an_unknown_kind_gets_the_configured_one_as_a_hint(journal: Path) -> None:
    result = kithbook(journal, "log", "Pottery", "--with", "zoe", "--kind", "Worksho")
    assert result.exit_code == 2
    assert "unknown kind 'Worksho'; did you mean 'Workshop'?" in result.stderr


def test_log_notes_an_event_that_looks_logged_already(journal: Path) -> None:
    first = kithbook(journal, "log", "Coffee with Zoë", "--with", "zoe, tom", "-d", "yesterday")
    assert first.exit_code == 0 and first.stderr == ""
    again = kithbook(
        journal, "log", "coffee with Zoe!", "--with", "tom", "--with", "Zoë", "-d", "friday"
    )
    assert again.exit_code == 0, again.output
    assert again.stdout == "wrote events/2026/2026-11-20-coffee-with-zoe-2.md\n"
    assert again.stderr == (
        "note: events/2026/2026-11-20-coffee-with-zoe.md looks like the same event (2026-11-20, "
        "the same people, 'Coffee with Zoë'): if it is, remove one\n"
    )
    # other people, another day, another title: no note
    for args in (["--with", "zoe"], ["--with", "zoe, tom", "-d", "today"]):
        assert kithbook(journal, "log", "Coffee with Zoë", *args).stderr == ""
    assert kithbook(journal, "log", "Board games", "--with", "zoe,tom", "-d", "friday").stderr == ""


def test_titles_alike() -> None:
    assert alike("Coffee with Zoë", "coffee with zoe!")
    assert alike("Coffee", "Coffee at Tilt")
    assert not alike("Coffee", "Board games")
    assert not alike("", "Coffee")
