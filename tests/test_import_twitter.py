"""`kithbook import twitter`: an archive's folder or zip; follows, tweets and messages."""

from __future__ import annotations

import zipfile
from pathlib import Path

from importing import files, kithbook

TWITTER = Path(__file__).parent / "fixtures" / "imports" / "twitter"


def event(day: str, title: str, kind: str, with_: str, by: str, uid: str) -> str:
    return (
        f"---\ndate: {day}\ntitle: {title}\nkind: {kind}\nwith: [{with_}]\nby: {by}\n"
        f"uid: {uid}\n---\n"
    )


EXPECTED = {
    "events/2026/2026-02-07-replied-to-janedoe-maps.md": event(
        "2026-02-07", "Replied to @janedoe_maps", "comment", "jane-doe", "me",
        "twitter-tweet:1750000000000000001",
    ),
    # @oneoff is named once, with no follow either way: no file of their own
    "events/2026/2026-02-09-mentioned-ruicosta-oneoff.md": event(
        "2026-02-09", "Mentioned @ruicosta, @oneoff", "mention", "rui-costa", "me",
        "twitter-tweet:1750000000000000002",
    ),
    "events/2026/2026-02-20-direct-messages-with-rui-costa.md": event(
        "2026-02-20", "Direct messages with Rui Costa", "message", "rui-costa", "them",
        "twitter-dm:1111111111-3333333333:2026-02-20",
    ),
    "events/2026/2026-02-20-replied-to-ruicosta.md": event(
        "2026-02-20", "Replied to @ruicosta", "comment", "rui-costa", "me",
        "twitter-tweet:1750000000000000005",
    ),
    "events/2026/2026-02-21-direct-messages-with-rui-costa.md": event(
        "2026-02-21", "Direct messages with Rui Costa", "message", "rui-costa", "them",
        "twitter-dm:1765432109876543210:2026-02-21",
    ),
    # you follow each other
    "people/jane-doe.md": """\
---
name: Jane Doe
contact:
  twitter: '@janedoe_maps'
follows_me: true
i_follow: true
extra:
  twitter_id: '2222222222'
---
""",
    # two tweets and messages both ways
    "people/rui-costa.md": """\
---
name: Rui Costa
contact:
  twitter: '@ruicosta'
i_follow: true
extra:
  twitter_id: '3333333333'
---
""",
}  # fmt: skip


def test_an_archive_folder_writes_these_files(root: Path) -> None:
    result = kithbook(root, "import", "twitter", TWITTER / "archive")
    assert result.exit_code == 0, result.output
    assert files(root) == EXPECTED
    lines = result.stdout.splitlines()
    assert "skipped   archive/data/tweets-part1.js:2: a retweet" in lines
    assert "skipped   archive/data/tweets.js:88: a tweet that names no one" in lines
    assert (
        "skipped   archive/data/tweets.js:42: no contact both ways and none repeated "
        "(--all takes everyone)" in lines
    )
    assert "skipped   archive/data/follower.js:8 and 1 more: no name in the export, only an id" in (
        lines
    )
    assert lines[0] == "me: @samexample (Sam Example), from account.js"
    assert kithbook(root, "check").exit_code == 0
    again = kithbook(root, "import", "twitter", TWITTER / "archive")
    assert files(root) == EXPECTED
    assert "twitter archive: 0 new (0 people, 0 events), 0 updated" in again.stdout


def test_all_takes_everyone_the_archive_names(root: Path) -> None:
    result = kithbook(root, "import", "twitter", TWITTER / "archive", "--all")
    assert result.exit_code == 0, result.output
    assert files(root)["people/once-only.md"] == (
        "---\nname: Once Only\ncontact:\n  twitter: '@oneoff'\nextra:\n"
        "  twitter_id: '4444444444'\n---\n"
    )
    assert (
        "with: [rui-costa, once-only]\n"
        in files(root)["events/2026/2026-02-09-mentioned-ruicosta-oneoff.md"]
    )


def test_the_zip_archive_gives_the_same_files(root: Path, tmp_path: Path) -> None:
    archive = tmp_path / "twitter-2026-02-21-abc.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in (TWITTER / "archive" / "data").iterdir():
            out.write(file, f"data/{file.name}")
        out.writestr("Your archive.html", "<html></html>")
    result = kithbook(root, "import", "twitter", archive)
    assert result.exit_code == 0, result.output
    assert files(root) == EXPECTED
    assert (
        "(Replied to @janedoe_maps; twitter-2026-02-21-abc.zip/data/tweets.js:2)" in result.stdout
    )


def test_people_already_written_are_found_by_account_id_and_filled_in(root: Path) -> None:
    (root / "people").mkdir()
    hand = "---\nname: Rui C.\nextra:\n  twitter_id: '3333333333'\n---\nFrom the harbour.\n"
    (root / "people" / "rui.md").write_text(hand, encoding="utf-8")
    result = kithbook(root, "import", "twitter", TWITTER / "archive")
    assert result.exit_code == 0, result.output
    assert files(root)["people/rui.md"] == (
        "---\nname: Rui C.\nextra:\n  twitter_id: '3333333333'\ncontact:\n  twitter: '@ruicosta'\n"
        "i_follow: true\n---\nFrom the harbour.\n"
    )
    assert "people/rui-costa.md" not in files(root)
    assert "with: [rui]\n" in files(root)["events/2026/2026-02-20-replied-to-ruicosta.md"]


def test_an_older_archive_with_tweet_js(root: Path) -> None:
    result = kithbook(root, "import", "twitter", TWITTER / "2019" / "data" / "tweet.js", "--all")
    assert result.exit_code == 0, result.output
    assert files(root)["events/2019/2019-01-07-mentioned-ruicosta.md"] == event(
        "2019-01-07", "Mentioned @ruicosta", "mention", "rui-costa", "me",
        "twitter-tweet:1082000000000000001",
    )  # fmt: skip


def test_other_files_are_refused_in_one_line(root: Path, tmp_path: Path) -> None:
    csv = TWITTER.parent / "linkedin" / "export" / "Connections.csv"
    result = kithbook(root, "import", "twitter", csv)
    assert result.exit_code == 1
    assert result.output == (
        "Error: Connections.csv is not a Twitter/X archive (its folder, its zip, or a "
        "data/*.js file): it looks like a LinkedIn export (Connections.csv, messages.csv or "
        "Invitations.csv); try 'kithbook import linkedin'\n"
    )
    broken = tmp_path / "tweets.js"
    broken.write_text('window.YTD.tweets.part0 = [ {\n  "tweet" : { oops\n', encoding="utf-8")
    result = kithbook(root, "import", "twitter", broken)
    assert result.exit_code == 1
    assert result.output.startswith("Error: tweets.js:2: cannot read the data: ")
    assert files(root) == {}
