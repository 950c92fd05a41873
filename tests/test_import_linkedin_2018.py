"""Issue 14, item 6: the 2018 layout of LinkedIn's messages, ``Messages.csv`` with
``From,To,Date,Subject,Content,Direction,Folder`` and no conversation ids, is read given
alone, in a folder or in a zip; a file of the export that holds a layout kithbook does
not know is named in a warning, never left out without a word."""

from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import write_journal
from importing import FIXTURES, files, kithbook

OLD = FIXTURES / "linkedin" / "2018"


def _event(day: str, name: str, slug: str, by: str) -> str:
    return (
        f"---\ndate: {day}\ntitle: LinkedIn messages with {name}\nkind: message\n"
        f"with: [{slug}]\nby: {by}\nuid: linkedin-message:name:{slug}:{day}\n---\n"
    )


EVENTS = {
    "events/2017/2017-12-02-linkedin-messages-with-bob-smith.md": _event(
        "2017-12-02", "Bob Smith", "bob-smith", "them"
    ),
    # three messages that day; the first, at 1:53 AM, was Ngozi's
    "events/2018/2018-06-19-linkedin-messages-with-ngozi-okafor.md": _event(
        "2018-06-19", "Ngozi Okafor", "ngozi-okafor", "them"
    ),
    "events/2018/2018-08-13-linkedin-messages-with-lena-fischer.md": _event(
        "2018-08-13", "Lena Fischer", "lena-fischer", "me"
    ),
}


def test_the_2018_export_folder(root: Path) -> None:
    result = kithbook(root, "import", "linkedin", OLD)
    assert result.exit_code == 0, result.output
    written = files(root)
    assert {path: text for path, text in written.items() if path.startswith("events/")} == EVENTS
    assert sorted(path for path in written if path.startswith("people/")) == [
        "people/bob-smith.md", "people/lena-fischer.md", "people/ngozi-okafor.md",
    ]  # fmt: skip
    lines = result.stdout.splitlines()
    # LinkedIn Premium's "Angela from" and Google Cloud wrote; you never answered
    assert (
        "skipped   2018/Messages.csv:2 and 1 more: wrote to you on LinkedIn, but you never answered"
    ) in lines
    assert lines[-1] == (
        "linkedin 2018: 6 new (3 people, 3 events), 0 updated, 0 unchanged, "
        "4 skipped, 0 ambiguous, 0 conflicts, 0 problems"
    )
    assert kithbook(root, "check").exit_code == 0
    again = kithbook(root, "import", "linkedin", OLD)
    assert files(root) == written
    assert again.stdout.splitlines()[-1].startswith("linkedin 2018: 0 new (0 people, 0 events)")


def test_messages_csv_alone_and_in_a_zip(root: Path, tmp_path: Path) -> None:
    alone = kithbook(root, "import", "linkedin", OLD / "Messages.csv", "--dry-run")
    assert alone.exit_code == 0, alone.output
    summary = alone.stdout.splitlines()[-1]
    assert summary.startswith("linkedin Messages.csv: 6 new (3 people, 3 events)")
    archive = tmp_path / "Complete_LinkedInDataExport_11-04-2018.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(OLD / "Messages.csv", "Messages.csv")
        out.writestr("Profile.csv", "First Name,Last Name,Headline\nSam,Example,Maps\n")
    result = kithbook(root, "import", "linkedin", archive)
    assert result.exit_code == 0, result.output
    assert {path: text for path, text in files(root).items() if "events/" in path} == EVENTS


def test_without_a_direction_your_name_tells_who_you_are(root: Path, tmp_path: Path) -> None:
    messages = tmp_path / "Messages.csv"
    messages.write_text(
        "From,To,Date,Subject,Content\n"
        'Sam Example,Lena Fischer,"8/13/18, 3:31 AM",Hello,Hi Lena\n'
        'Lena Fischer,Sam Example,"8/14/18, 9:00 AM",RE: Hello,Hi Sam\n',
        encoding="utf-8",
    )
    result = kithbook(root, "import", "linkedin", messages)
    assert result.exit_code == 0, result.output
    written = files(root)
    assert "by: me\n" in written["events/2018/2018-08-13-linkedin-messages-with-lena-fischer.md"]
    assert "by: them\n" in written["events/2018/2018-08-14-linkedin-messages-with-lena-fischer.md"]
    stranger = write_journal(tmp_path / "other", {})  # no me.name
    result = kithbook(stranger, "import", "linkedin", messages)
    assert result.exit_code == 1
    assert "cannot tell which participant is you" in result.output


def test_a_file_of_a_layout_kithbook_does_not_know_is_named(root: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "Connections.csv").write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Bob,Smith,,,,12 Mar 2019\n",
        encoding="utf-8",
    )
    (export / "messages.csv").write_text(
        "Sender,Recipient,Sent\nBob Smith,Sam Example,2019-03-12\n", encoding="utf-8"
    )
    result = kithbook(root, "import", "linkedin", export)
    assert result.exit_code == 0, result.output
    assert (
        "export/messages.csv:0: warning: not read: its columns (Sender,Recipient,Sent) are "
        "none of the LinkedIn layouts kithbook knows"
    ) in result.stdout.splitlines()
    assert sorted(files(root)) == ["people/bob-smith.md"]
