"""Issue 14, item 4: "LinkedIn Member", LinkedIn's name for a hidden or deleted account,
is no one: never a person, never in an event; a conversation with no one else is
skipped and counted. A "Sponsored Conversation" is skipped in whichever folder LinkedIn
files it (INBOX), and even when you answered it."""

from __future__ import annotations

from pathlib import Path

from conftest import write_journal
from importing import FIXTURES, files, kithbook

LINKEDIN = FIXTURES / "linkedin"


def test_hidden_accounts_and_sponsored_conversations_add_no_one(root: Path) -> None:
    result = kithbook(root, "import", "linkedin", LINKEDIN / "2024" / "messages.csv")
    assert result.exit_code == 0, result.output
    assert files(root) == {
        "events/2024/2024-05-18-linkedin-messages-with-lee-okoro.md": (
            "---\ndate: 2024-05-18\ntitle: LinkedIn messages with Lee Okoro\nkind: message\n"
            "with: [lee-okoro]\nby: them\nuid: linkedin-message:2-SWlRjek9UWXlORFl0TXpjek9DMD"
            "BZemc0TFRrMVkyRXRaVEZpWlRJMU56QXhYekF4TUE9PQ==:2024-05-18\n---\n"
        ),
        "people/lee-okoro.md": (
            "---\nname: Lee Okoro\ncontact:\n  linkedin: https://www.linkedin.com/in/lee-okoro-3b\n---\n"
        ),
    }
    lines = result.stdout.splitlines()
    # the three rows of the two sponsored conversations, one of them answered, in INBOX
    assert "skipped   messages.csv:2 and 2 more: a draft, spam or a sponsored message" in lines
    assert (
        "skipped   messages.csv:5: a conversation with hidden or deleted accounts only "
        "(LinkedIn Member)"
    ) in lines
    assert lines[-1] == (
        "linkedin messages.csv: 2 new (1 person, 1 event), 0 updated, 0 unchanged, "
        "4 skipped, 0 ambiguous, 0 conflicts, 0 problems"
    )
    assert kithbook(root, "check").exit_code == 0
    again = kithbook(root, "import", "linkedin", LINKEDIN / "2024" / "messages.csv")
    assert again.stdout.splitlines()[-1].startswith("linkedin messages.csv: 0 new")


def test_a_hidden_account_in_a_group_is_left_out_of_it(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "journal", {}, settings='me:\n  name: "Bisi Ade, CIPD"\n')
    result = kithbook(root, "import", "linkedin", LINKEDIN / "2021")
    assert result.exit_code == 0, result.output
    written = files(root)
    event = written["events/2021/2021-02-11-linkedin-messages-with-ngozi-eze.md"]
    assert "with: [ngozi-eze]\n" in event
    assert not [path for path in written if "member" in path]
    assert not [text for text in written.values() if "LinkedIn Member" in text]


def test_a_hidden_account_is_found_by_its_profile_address_when_it_has_one(root: Path) -> None:
    messages = root.parent / "messages.csv"
    messages.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        "c1,,LinkedIn Member,https://www.linkedin.com/in/lee-okoro-3b,Sam Example,"
        "https://www.linkedin.com/in/sam-example,2024-05-18 11:58:20 UTC,,Hi,INBOX\n"
        "c1,,Sam Example,https://www.linkedin.com/in/sam-example,LinkedIn Member,"
        "https://www.linkedin.com/in/lee-okoro-3b,2024-05-18 11:59:53 UTC,,Hello,INBOX\n",
        encoding="utf-8",
    )
    lee = "---\nname: Lee Okoro\ncontact:\n  linkedin: https://www.linkedin.com/in/lee-okoro-3b\n---\n"
    (root / "people").mkdir(exist_ok=True)
    (root / "people" / "lee-okoro.md").write_text(lee, encoding="utf-8")
    result = kithbook(root, "import", "linkedin", messages)
    assert result.exit_code == 0, result.output
    assert files(root) == {
        "events/2024/2024-05-18-linkedin-messages.md": (
            "---\ndate: 2024-05-18\ntitle: LinkedIn messages\nkind: message\n"
            "with: [lee-okoro]\nby: them\nuid: linkedin-message:c1:2024-05-18\n---\n"
        ),
        "people/lee-okoro.md": lee,
    }
