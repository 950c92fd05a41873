"""kithbook.write: new files only, atomically, with a stable key order."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest

from kithbook.load import read_event_file, read_person_file
from kithbook.model import Birthday, Duration, FollowUp
from kithbook.write import event_markdown, new_files, person_markdown, write_new, write_new_numbered


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_new_writes_the_text_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "people" / "zoe.md"
    assert write_new(path, "---\nname: Zoë\n---\n") == path
    assert path.read_bytes() == "---\nname: Zoë\n---\n".encode()
    assert _files(path.parent) == ["zoe.md"]


def test_write_new_respects_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_new(tmp_path / "a.md", "x\n")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_write_new_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "jane.md"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_new(path, "theirs\n")
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert _files(tmp_path) == ["jane.md"]


def test_a_file_that_appears_during_the_write_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "jane.md"
    real_fsync = os.fsync

    def someone_else_writes(descriptor: int) -> None:
        real_fsync(descriptor)
        if not path.exists():
            path.write_text("written meanwhile\n", encoding="utf-8")

    monkeypatch.setattr(new_files.os, "fsync", someone_else_writes)
    with pytest.raises(FileExistsError):
        write_new(path, "mine\n")
    assert path.read_text(encoding="utf-8") == "written meanwhile\n"
    assert _files(tmp_path) == ["jane.md"]


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(new_files.os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_new(tmp_path / "jane.md", "text\n")
    assert _files(tmp_path) == []


def test_write_new_numbered_adds_a_number_and_respects_other_suffixes(tmp_path: Path) -> None:
    path = tmp_path / "2026-11-20-coffee.md"
    assert write_new_numbered(path, "one\n") == path
    (tmp_path / "2026-11-20-coffee-2.yml").write_text("- date: 2026-11-20\n", encoding="utf-8")
    third = write_new_numbered(path, "three\n")
    assert third.name == "2026-11-20-coffee-3.md"
    assert path.read_text(encoding="utf-8") == "one\n"
    assert third.read_text(encoding="utf-8") == "three\n"


def test_person_markdown_keeps_the_format_order_whatever_the_input_order() -> None:
    fields = {
        "met": date(2024, 5, 1),
        "tags": ["work", "leeds"],
        "circle": "friend",
        "name": "Zoë Ångström",
        "where": "Leeds, UK",
        "aka": [],
        "how_we_met": None,
        "follows_me": False,
    }
    text = person_markdown(fields, "Likes *climbing*.\n")
    assert text == (
        "---\n"
        "name: Zoë Ångström\n"
        "where: Leeds, UK\n"
        "tags: [work, leeds]\n"
        "circle: friend\n"
        "met: 2024-05-01\n"
        "follows_me: false\n"
        "---\n"
        "\n"
        "Likes *climbing*.\n"
    )
    assert person_markdown(dict(reversed(list(fields.items()))), "Likes *climbing*.") == text


def test_values_that_look_like_other_types_stay_text_and_everything_round_trips() -> None:
    fields = {
        "name": "Yes",
        "aka": ["2024-01-01", "no", "12", "O'Brien, Pat"],
        "where": "Birmingham: UK",
        "keep_in_touch": Duration(2, "w"),
        "birthday": Birthday(2, 29),
        "contact": {"email": ["a@example.org", "b@example.org"], "phone": "+44 1"},
        "extra": {"favourite": "tea"},
        "snooze_until": date(2027, 1, 1),
        "how_we_met": "at the canal\nthen at the pub",
    }
    records = read_person_file("people/yes.md", person_markdown(fields, "").encode())
    assert records.problems == ()
    (person,) = records.people
    assert person.name == "Yes"
    assert person.aka == ("2024-01-01", "no", "12", "O'Brien, Pat")
    assert person.where == "Birmingham: UK"
    assert person.keep_in_touch == Duration(2, "w")
    assert person.birthday == Birthday(2, 29)
    assert person.contact == {"email": ("a@example.org", "b@example.org"), "phone": ("+44 1",)}
    assert person.extra == {"favourite": "tea"}
    assert person.snooze_until == date(2027, 1, 1)
    assert person.how_we_met == "at the canal\nthen at the pub"


def test_event_markdown_writes_times_and_follow_ups_and_reads_back() -> None:
    fields = {
        "with": ["jane-doe", "zoe-angstrom"],
        "date": datetime(2026, 11, 20, 18, 30),
        "title": "Coffee at Tilt",
        "kind": "coffee",
        "follow_up": [FollowUp("send the link"), FollowUp("pay back", done=True)],
        "place": "Tilt",
    }
    text = event_markdown(fields, "")
    assert text == (
        "---\n"
        "date: 2026-11-20 18:30\n"
        "title: Coffee at Tilt\n"
        "kind: coffee\n"
        "with: [jane-doe, zoe-angstrom]\n"
        "place: Tilt\n"
        "follow_up:\n"
        "- send the link\n"
        "- '[x] pay back'\n"
        "---\n"
    )
    records = read_event_file("events/2026/2026-11-20-coffee-at-tilt.md", text.encode())
    assert records.problems == ()
    (event,) = records.events
    assert (event.date, event.time.hour, event.title) == (date(2026, 11, 20), 18, "Coffee at Tilt")
    assert event.follow_up == (FollowUp("send the link"), FollowUp("pay back", done=True))


def test_a_long_list_of_names_goes_one_item_a_line() -> None:
    many = [f"person-number-{n}" for n in range(8)]
    text = event_markdown({"date": date(2026, 1, 1), "with": many}, "")
    assert "with:\n- person-number-0\n" in text
