"""What an import prints (issue 14, item 12): one summary of the same words for every
importer and every run, at most a screenful by default, each record under --verbose."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from importing import FIXTURES, files, kithbook

NAMESAKES = FIXTURES / "twitter" / "namesakes"
SUMMARY = re.compile(
    r"^\w+ \S+: \d+ new \(\d+ (person|people), \d+ events?\), \d+ updated, \d+ unchanged, "
    r"\d+ skipped, \d+ ambiguous, \d+ conflicts?, \d+ problems?(; dry run: nothing written)?$"
)
#: A terminal's height: what an import prints by default fits in it.
SCREENFUL = 24


def outcomes(output: str) -> list[str]:
    """The lines about records that are not new (a second run has no new ones)."""
    return [line for line in output.splitlines() if line.startswith(("skipped", "ambiguous"))]


def test_a_second_import_says_what_the_first_said_of_what_it_left_out(root: Path) -> None:
    first = kithbook(root, "import", "twitter", NAMESAKES)
    second = kithbook(root, "import", "twitter", NAMESAKES)
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    # a third Freezer, named once, is skipped both times: not "ambiguous" once the
    # first two are in the journal
    assert outcomes(first.stdout) == outcomes(second.stdout)
    assert (
        "skipped   namesakes/data/tweet.js:74: no contact both ways and none repeated "
        "(--all takes everyone)" in outcomes(second.stdout)
    )
    assert first.stdout.splitlines()[-1] == (
        "twitter namesakes: 7 new (2 people, 5 events), 0 updated, 0 unchanged, 33 skipped, "
        "0 ambiguous, 0 conflicts, 0 problems"
    )
    assert second.stdout.splitlines()[-1] == (
        "twitter namesakes: 0 new (0 people, 0 events), 0 updated, 7 unchanged, 33 skipped, "
        "0 ambiguous, 0 conflicts, 0 problems"
    )


def test_accounts_of_one_name_are_ambiguous_on_every_run_when_a_person_has_it(
    root: Path,
) -> None:
    """A Freezer written by hand, with no account id, and three accounts called Freezer:
    which one is the person cannot be told, on the first run as on the second."""
    (root / "people").mkdir()
    (root / "people" / "freezer.md").write_text("---\nname: Freezer\n---\n", encoding="utf-8")
    first = kithbook(root, "import", "twitter", NAMESAKES)
    second = kithbook(root, "import", "twitter", NAMESAKES)
    assert first.exit_code == second.exit_code == 0
    assert files(root)["people/freezer.md"] == "---\nname: Freezer\n---\n"
    assert outcomes(first.stdout) == outcomes(second.stdout)
    # three accounts, and the six events with them, wait; the rest is skipped as before
    assert first.stdout.splitlines()[-1].endswith(
        "0 updated, 0 unchanged, 31 skipped, 9 ambiguous, 0 conflicts, 0 problems"
    )
    assert (
        "'Freezer': 3 records of the export with other ids have the name of freezer" in first.stdout
    )


def big_archive(tmp_path: Path, followers: int) -> Path:
    """The namesakes archive with ``followers`` more followers known only by their id."""
    archive = tmp_path / "twitter-big"
    shutil.copytree(NAMESAKES, archive)
    items = ",\n".join(
        f'  {{\n    "follower" : {{\n      "accountId" : "{8000000000 + n}",\n'
        f'      "userLink" : "https://twitter.com/intent/user?user_id={8000000000 + n}"\n'
        "    }\n  }"
        for n in range(followers)
    )
    (archive / "data" / "follower-part1.js").write_text(
        f"window.YTD.follower.part1 = [\n{items}\n]", encoding="utf-8"
    )
    return archive


def test_fourteen_thousand_followers_are_one_line_and_each_one_under_verbose(
    root: Path, tmp_path: Path
) -> None:
    archive = big_archive(tmp_path, 14_268)
    result = kithbook(root, "import", "twitter", archive, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) <= SCREENFUL
    assert (
        "skipped   twitter-big/data/follower.js:6 and 14297 more: no name in the export, "
        "only an id" in lines
    )
    assert SUMMARY.match(lines[-1]), lines[-1]
    verbose = kithbook(root, "import", "twitter", archive, "--dry-run", "--verbose")
    assert verbose.exit_code == 0
    every = verbose.stdout.splitlines()
    assert (
        "skipped   twitter-big/data/follower-part1.js:85604: no name in the export, only an "
        "id (Twitter/X account 8000014267)" in every  # the last of 14,268, six lines each
    )
    assert len([line for line in every if "no name in the export" in line]) == 14_298
    assert every[-1] == lines[-1]


def test_a_long_list_of_new_files_is_cut_to_a_screenful(root: Path, tmp_path: Path) -> None:
    csv = tmp_path / "Connections.csv"
    rows = [f"P{n},Q{n},https://www.linkedin.com/in/p{n},,,,07 Feb 2026" for n in range(40)]
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + "\n".join(rows)
        + "\n,,,,,,15 Jan 2024\n",
        encoding="utf-8",
    )
    result = kithbook(root, "import", "linkedin", csv)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "new       people/p0-q0.md  (P0 Q0; Connections.csv:2)",
        "new       people/p1-q1.md  (P1 Q1; Connections.csv:3)",
        "new       ... and 38 more (--verbose lists them all)",
        "skipped   Connections.csv:42: a hidden profile (only a date)",
        "linkedin Connections.csv: 40 new (40 people, 0 events), 0 updated, 0 unchanged, "
        "1 skipped, 0 ambiguous, 0 conflicts, 0 problems",
    ]
    again = kithbook(root, "import", "linkedin", csv, "-v")
    assert again.stdout.splitlines() == [
        "skipped   Connections.csv:42: a hidden profile (only a date)",
        "linkedin Connections.csv: 0 new (0 people, 0 events), 0 updated, 40 unchanged, "
        "1 skipped, 0 ambiguous, 0 conflicts, 0 problems",
    ]


def test_every_importer_ends_with_the_same_summary(root: Path) -> None:
    for kind, export in [
        ("linkedin", FIXTURES / "linkedin" / "export"),
        ("twitter", FIXTURES / "twitter" / "archive"),
        ("vcard", FIXTURES / "vcard" / "outlook.vcf"),
        ("ics", FIXTURES / "ics" / "thunderbird.ics"),
    ]:
        for options in ([], ["--dry-run"], ["--verbose"]):
            result = kithbook(root, "import", kind, export, *options)
            assert result.exit_code == 0, result.output
            assert SUMMARY.match(result.stdout.splitlines()[-1]), result.stdout
