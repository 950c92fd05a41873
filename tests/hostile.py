"""Hostile input for the tests of issue 13: payloads as an attacker writes them, a journal
poisoned in every field of FORMAT.md, and poisoned exports for each importer.

Every payload carries its number twice: as ``kb<N>``, a marker that shows the text
reached a page, and inside its script (``alert(N)``), so that a dialog says which
payload fired. All names and addresses are made up.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from conftest import MKDOCS_YML, REPO

#: Today for every build and command of these tests.
TODAY = "2026-11-21"

#: number -> the attack, without its marker.
VECTORS: dict[int, str] = {
    101: "<script>alert(101)</script>",
    102: "</title><script>alert(102)</script>",
    103: "<img src=x onerror=alert(103)>",
    104: "<svg onload=alert(104)>",
    105: "[click me](javascript:alert(105)) <javascript:alert(105)>",
    106: '" autofocus onfocus="alert(106)" x="',
    107: "'><script>alert(107)</script><img src=x onerror=alert(107) '",
    108: "<!--><img src=x onerror=alert(108)>--> --><script>alert(108)</script><!--",
    109: "{{ 7*109 }} {% raw %}<img src=x onerror=alert(109)>{% endraw %} {# x #}",
    110: "&lt;script&gt;alert(110)&lt;/script&gt; &#60;img src=x onerror=alert(110)&#62;",
    111: "&a *b !!python/object/apply:os.system ['true'] --- ... ? : - | > % @ ` # "
    "<b onmouseover=alert(111)>yes</b>",
    112: "long " * 600 + "<details open ontoggle=alert(112)>",
    113: '\u202e\u200b\u200d\ufeff<iframe src="javascript:alert(113)"></iframe>\u2066',
    114: '<!-- material/tags --> <a href="javascript:alert(114)">tags</a>',
    115: "</textarea></noscript></style><script>alert(115)</script>",
    116: "tea\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected 116\r\n"
    " <script>alert(116)</script>",
    117: '"]}</script><script>alert(117)</script>{"',
    118: '[y](#){: onclick="alert(118)" } *[z](javascript:alert(118))*',
    119: "<math><mtext><table><mglyph><style><img src=x onerror=alert(119)>",
    120: '<a href="jav&#x09;ascript:alert(120)">x</a> <a href="&#106;avascript:alert(120)">y</a>',
}
NUMBERS = tuple(VECTORS)


def payload(number: int) -> str:
    """Payload ``number``: its marker, then its attack."""
    return f"kb{number} {VECTORS[number]}"


def name(number: int) -> str:
    """The name of the person poisoned with payload ``number``."""
    return payload(number)


def key(number: int) -> str:
    """Payload ``number`` short enough for a YAML mapping key (at most 1024 characters)."""
    return f"kb{number} {VECTORS[number][-300:]}"


def slug(number: int) -> str:
    return f"kb-{number}"


def q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def ql(*texts: str) -> str:
    """A YAML flow list of quoted texts."""
    return "[" + ", ".join(q(text) for text in texts) + "]"


#: File names that carry payloads and are legal on Linux (no '/'), for event files
#: without a title: the default title is made from the name.
EVENT_FILE_NAMES = {
    104: "2026-01-04-<svg onload=alert(104)>",
    103: "2026-01-03-<img src=x onerror=alert(103)>",
    106: '2026-01-06-" autofocus onfocus="alert(106)',
    107: "2026-01-07-'><b onmouseover=alert(107)>x",
    121: "2026-01-21-a?b#c%20d&amp;e",
}
#: A folder under events/ with a payload for a name.
EVENT_FOLDER = "<svg onload=alert(104)>"


# ---------------------------------------------------------------- the journal


def mkdocs_yml(site_name: str, settings: str) -> str:
    """conftest's mkdocs.yml with ``site_name`` and ``settings`` under extra.kithbook."""
    config = MKDOCS_YML.replace("site_name: Test journal", f"site_name: {q(site_name)}")
    assert config != MKDOCS_YML
    return (
        config
        + "extra:\n  kithbook:\n"
        + "".join(f"    {line}\n" for line in settings.splitlines())
    )


def poisoned_config() -> str:
    """extra.kithbook with me.name, me.where and me.email poisoned, and a kind of its own
    named by a payload (so the text of a valid kind reaches the pages)."""
    return "\n".join(
        [
            "me:",
            f"  name: {q(payload(102))}",
            f"  where: {q(payload(103))}",
            f"  email: [{q('kb117@example.org')}, {q(payload(117))}]",
            "kinds:",
            f"  {q(key(103))}: in person",
            f"  {q(key(114))}: written",
            "cadence:",
            "  inner: 2w",
            "  close: 1m",
            "  friend: 3m",
        ]
    )


def person_file(number: int, valid: bool) -> str:
    """A person poisoned with payload ``number`` in every field of FORMAT.md. ``valid``:
    the fields with a structure (circle, dates, durations, booleans, introduced_by) hold
    good values, so the pages use them; otherwise they hold the payload too."""
    p = payload(number)
    previous = NUMBERS[NUMBERS.index(number) - 1]
    structured = (
        [
            "circle: inner",
            "keep_in_touch: 2w",
            "met: 2024-05-01",
            f"introduced_by: {q(name(previous))}",
            f"birthday: {'11-' + str(22 + number % 7)}",
            "follows_me: true",
            "i_follow: false",
            "snooze_until: 2020-01-01",
        ]
        if valid
        else [
            f"circle: {q(p)}",
            f"keep_in_touch: {q(p)}",
            f"met: {q(p)}",
            f"introduced_by: {q(p)}",
            f"birthday: {q(p)}",
            f"follows_me: {q(p)}",
            f"i_follow: {q(p)}",
            f"snooze_until: {q(p)}",
        ]
    )
    lines = [
        "---",
        f"name: {q(name(number))}",
        f"aka: {ql('aka ' + p, '@kb' + str(number) + VECTORS[number])}",
        f"where: {q(p)}",
        f"tags: {ql(p, 'tag' + str(number) + ' ' + VECTORS[number])}",
        *structured,
        f"how_we_met: {q(p)}",
        f"org: {q(p)}",
        f"role: {q(p)}",
        "contact:",
        f"  email: {ql(f'kb{number}@example.org', p)}",
        f"  phone: {q(p)}",
        f"  twitter: {q('@' + p)}",
        f"  linkedin: {ql(f'javascript:alert({number})//https://www.linkedin.com/in/x', p)}",
        f"  mastodon: {q('@kb@' + p)}",
        "  website:",
        f"    - {q(f'javascript:alert({number})')}",
        f"    - {q(f' JaVaScRiPt:alert({number})')}",
        f"    - {q(f'data:text/html,<script>alert({number})</script>')}",
        f"    - {q(p)}",
        f"  {q(key(number))}: {q(p)}",
        "extra:",
        f"  {q(key(number))}: {q(p)}",
        f"  nested{number}:",
        f"    - {q(p)}",
        f"    - {{{q(key(number))}: [{q(p)}, 1, true, null, 2024-01-01]}}",
        "---",
        *notes(number),
    ]
    return "\n".join(lines) + "\n"


def notes(number: int) -> list[str]:
    """Markdown notes carrying payload ``number`` in a heading, a paragraph, a link, a
    list, a table and an HTML block."""
    p = payload(number)
    return [
        f"# {p}",
        "",
        p,
        "",
        f"- {p}",
        f"- [{p}](javascript:alert({number}))",
        f"- <a href='javascript:alert({number})'>kb{number} a</a>",
        "",
        "| a | b |",
        "|---|---|",
        f"| {p.replace('|', '&#124;')} | x |",
        "",
        f'<div markdown="1" onclick="alert({number})">{p}</div>',
        "",
        f"<script>alert({number})</script>",
        "",
        f'![kb{number}](x){{: onerror="alert({number})" }}',
    ]


def event_file(number: int, valid: bool) -> str:
    """An event poisoned with payload ``number`` in every field; ``with:`` names three
    people by name and by aka; even numbers are planned (after TODAY)."""
    p = payload(number)
    others = [NUMBERS[(NUMBERS.index(number) + step) % len(NUMBERS)] for step in (1, 2)]
    day = f"2026-12-{number % 28 + 1:02d}" if number % 2 == 0 else f"2026-0{number % 9 + 1}-15"
    kind = {103: key(103), 114: key(114)}.get(number, "coffee" if valid else p)
    lines = [
        "---",
        f"date: {day} 18:30",
        f"end: {day} 20:00",
        f"title: {q(p)}",
        f"kind: {q(kind)}",
        f"with: {ql(name(number), name(others[0]), 'aka ' + payload(others[1]))}",
        f"place: {q(p)}",
        f"by: {q(name(number) if valid else p)}",
        f"follow_up: {ql(p, '[x] ' + p, '[ ] ' + p)}",
        f"tags: {ql(p)}",
        f"uid: {q(p)}",
        "---",
        *notes(number),
    ]
    return "\n".join(lines) + "\n"


def list_file() -> str:
    """events/log.yml: small events without pages, one per payload."""
    items = []
    for number in NUMBERS:
        p = payload(number)
        items += [
            f"- date: 2026-10-{number % 28 + 1:02d}",
            f"  title: {q(p)}",
            "  kind: message",
            f"  with: {ql(name(number))}",
            f"  place: {q(p)}",
            f"  follow_up: {q(p)}",
            f"  tags: {ql(p)}",
            f"  uid: {q('log ' + p)}",
            f"  notes: {q(p)}",
        ]
    return "\n".join(items) + "\n"


def yml_person() -> str:
    """people/kb-yml.yml: a person written as a .yml mapping, notes under ``notes:``."""
    p = payload(101)
    return (
        "\n".join(
            [
                f"name: {q('yml ' + p)}",
                f"tags: {ql(p)}",
                f"notes: {q(chr(10).join(notes(101)))}",
            ]
        )
        + "\n"
    )


def write_poisoned_journal(root: Path) -> Path:
    """A journal at ``root`` poisoned in every field: a person and an event per payload
    (odd payloads with good structured fields, even ones poisoned there too), a list
    file, a .yml person, events whose file and folder names carry payloads, and a
    person file whose name cannot be a slug, and a config whose me.name, me.where,
    me.email and kinds are poisoned. (Not its site_name: MkDocs' own settings are the
    site's code, which can run Python through hooks; kithbook's settings are data.)"""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(
        mkdocs_yml("Poisoned journal", poisoned_config()), encoding="utf-8"
    )
    (root / "hooks").mkdir(exist_ok=True)
    shutil.copy(REPO / "hooks" / "journal.py", root / "hooks" / "journal.py")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    files: dict[str, str] = {}
    for index, number in enumerate(NUMBERS):
        files[f"people/{slug(number)}.md"] = person_file(number, valid=index % 2 == 0)
        files[f"events/2026/2026-{number}-e{number}.md"] = event_file(number, valid=index % 2 == 0)
    files["events/log.yml"] = list_file()
    files["people/kb-yml.yml"] = yml_person()
    for number, stem in EVENT_FILE_NAMES.items():
        who = name(number) if number in VECTORS else name(101)
        files[f"events/2026/{stem}.md"] = f"---\ndate: 2026-01-15\nwith: {ql(who)}\n---\n"
    # not a slug: the file is a problem, and its name is shown on /problems/
    files[f"people/{EVENT_FILE_NAMES[104][11:]}.md"] = f"---\nname: {q(name(104))}\n---\n"
    files[f"events/{EVENT_FOLDER}/2026-02-02-folder.md"] = (
        f"---\ndate: 2026-02-02\nwith: {ql(name(104))}\n---\n"
    )
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# ---------------------------------------------------------------- exports


def write_poisoned_exports(folder: Path) -> dict[str, Path]:
    """Poisoned exports for each importer under ``folder``: what to pass to
    ``kithbook import KIND PATH``, by KIND. "me" is Sam Example, sam@example.org
    (importing.ME)."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "linkedin": _linkedin(folder / "linkedin"),
        "twitter": _twitter(folder / "twitter"),
        "vcard": _vcard(folder / "contacts.vcf"),
        "ics": _ics(folder / "calendar.ics"),
    }


def _csv(path: Path, preamble: str, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(preamble)
        csv.writer(out).writerows(rows)


def _linkedin(folder: Path) -> Path:
    """Connections.csv, messages.csv and Invitations.csv (LinkedIn's columns, from
    tests/fixtures/imports/linkedin/export), every cell a payload."""
    folder.mkdir(parents=True, exist_ok=True)
    connections = [
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    ]
    messages = [
        [
            "CONVERSATION ID",
            "CONVERSATION TITLE",
            "FROM",
            "SENDER PROFILE URL",
            "TO",
            "RECIPIENT PROFILE URLS",
            "DATE",
            "SUBJECT",
            "CONTENT",
            "FOLDER",
            "ATTACHMENTS",
        ]  # fmt: skip
    ]
    invitations = [
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
    ]
    me_url = "https://www.linkedin.com/in/sam-example"
    for number in NUMBERS:
        p = payload(number)
        url = (
            f"javascript:alert({number})"
            if number % 3 == 0
            else f"https://www.linkedin.com/in/kb{number}-{VECTORS[number][:40]}"
        )
        email = f"kb{number}@example.org" if number % 2 else p
        connections.append(
            [f"kb{number}", VECTORS[number], url, email, p, p, f"{number % 28 + 1:02d} Feb 2026"]
        )
        conversation = f"conv-{number}-{VECTORS[number][:30]}"
        day = f"2026-03-{number % 28 + 1:02d}"
        messages.append(
            [conversation, p, name(number), url, "Sam Example", me_url,
             f"{day} 08:15:02 UTC", p, p, "INBOX", p]
        )  # fmt: skip
        messages.append(
            [conversation, p, "Sam Example", me_url, name(number), url,
             f"{day} 18:40:11 UTC", p, p, "INBOX", ""]
        )  # fmt: skip
        invitations.append(
            [name(number), "Sam Example", "2/1/26, 9:00 AM", p, "INCOMING", url, me_url]
        )
    preamble = 'Notes:\n"When exporting your connection data, ..."\n\n'
    _csv(folder / "Connections.csv", preamble, connections)
    _csv(folder / "messages.csv", "", messages)
    _csv(folder / "Invitations.csv", "", invitations)
    return folder


def _ytd(path: Path, name_: str, items: list) -> None:
    path.write_text(
        f"window.YTD.{name_}.part0 = " + json.dumps(items, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


def _twitter(folder: Path) -> Path:
    """An archive folder (data/account.js, follower.js, following.js, tweets.js,
    direct-messages.js, as in tests/fixtures/imports/twitter/archive): each account's
    name and handle a payload, each one followed both ways, mentioned twice and
    written with both ways."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    me = "1111111111"
    _ytd(
        data / "account.js",
        "account",
        [
            {
                "account": {
                    "email": "sam@example.org",
                    "username": "samexample",
                    "accountId": me,
                    "createdAt": "2012-05-01T10:00:00.000Z",
                    "accountDisplayName": payload(101),
                }
            }
        ],
    )
    ids = {number: str(2000000000 + number) for number in NUMBERS}
    for kind in ("follower", "following"):
        _ytd(
            data / f"{kind}.js",
            kind,
            [{kind: {"accountId": ids[n], "userLink": f"javascript:alert({n})"}} for n in NUMBERS],
        )
    tweets, conversations = [], []
    for number in NUMBERS:
        mention = {
            "name": payload(number),
            "screen_name": f"kb{number}{VECTORS[number][:60]}",
            "indices": ["0", "5"],
            "id_str": ids[number],
            "id": ids[number],
        }
        for day in (7, 8):
            tweet_id = f"17500000000{number:03d}{day:05d}"
            tweets.append(
                {
                    "tweet": {
                        "retweeted": False,
                        "source": f'<a href="javascript:alert({number})">app</a>',
                        "entities": {"hashtags": [], "urls": [], "user_mentions": [mention]},
                        "id_str": tweet_id,
                        "id": tweet_id,
                        "created_at": f"Sat Feb {day:02d} 10:22:33 +0000 2026",
                        "full_text": payload(number),
                        "lang": "en",
                    }
                }
            )
        conversation = f"{me}-{ids[number]}{VECTORS[number][:40]}"
        message = {"reactions": [], "urls": [], "text": payload(number), "mediaUrls": []}
        conversations.append(
            {
                "dmConversation": {
                    "conversationId": conversation,
                    "messages": [
                        {
                            "messageCreate": {
                                **message,
                                "recipientId": ids[number],
                                "senderId": me,
                                "id": f"176{number:03d}2",
                                "createdAt": "2026-02-20T09:30:01.000Z",
                            }
                        },
                        {
                            "messageCreate": {
                                **message,
                                "recipientId": me,
                                "senderId": ids[number],
                                "id": f"176{number:03d}1",
                                "createdAt": "2026-02-20T09:12:44.000Z",
                            }
                        },
                    ],
                }
            }
        )
    _ytd(data / "tweets.js", "tweets", tweets)
    _ytd(data / "direct-messages.js", "direct_messages", conversations)
    return folder


def _vtext(text: str) -> str:
    """A vCard / iCalendar TEXT value: backslash, comma, semicolon and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """A content line folded every 30 characters (CRLF and a space), as exports fold
    long lines: a payload split across folds is whole again only after unfolding."""
    parts = [line[i : i + 30] for i in range(0, len(line), 30)]
    return "\r\n ".join(parts)


def _vcard(path: Path) -> Path:
    """A .vcf with a card per payload (the properties of
    tests/fixtures/imports/vcard/google.vcf), every value a payload, long lines folded."""
    cards = []
    for number in NUMBERS:
        p = _vtext(payload(number))
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            _fold(f"FN:{p}"),
            f"N:{_vtext(VECTORS[number])};kb{number};;;",
            f"NICKNAME:{p}",
            f"EMAIL;TYPE=INTERNET:kb{number}@example.org",
            f"TEL;TYPE=CELL:{p}",
            f"ADR;TYPE=HOME:;;{p};{p};;;{p}",
            f"ORG:{p}",
            f"TITLE:{p}",
            "BDAY:1985-03-14",
            f"item1.URL:javascript\\:alert({number})",
            "item1.X-ABLabel:LinkedIn",
            f"URL:https\\://www.linkedin.com/in/kb{number}-{_vtext(VECTORS[number][:30])}",
            f"X-SOCIALPROFILE;TYPE=twitter:javascript:alert({number})",
            _fold(f"NOTE:{p}"),
            f"UID:{p}",
            f"CATEGORIES:{p}",
            "END:VCARD",
        ]
        cards.append("\r\n".join(lines))
    path.write_text("\r\n".join(cards) + "\r\n", encoding="utf-8", newline="")
    return path


def _ics(path: Path) -> Path:
    """A .ics with an event per payload (the properties of
    tests/fixtures/imports/ics/google.ics): SUMMARY, LOCATION, DESCRIPTION, UID and the
    attendees' names poisoned, SUMMARY folded through the payload, half of them planned
    so that they reach /reminders.ics."""
    events = []
    for number in NUMBERS:
        p = _vtext(payload(number))
        cn = payload(number).replace('"', "'").replace("\r", " ").replace("\n", " ")
        day = (
            f"2026-12-{number % 28 + 1:02d}"
            if number % 2 == 0
            else f"2026-03-{number % 28 + 1:02d}"
        )
        stamp = day.replace("-", "")
        lines = [
            "BEGIN:VEVENT",
            f"DTSTART:{stamp}T100000Z",
            f"DTEND:{stamp}T110000Z",
            "DTSTAMP:20260301T090000Z",
            "ORGANIZER;CN=Sam Example:mailto:sam@example.org",
            _fold(f"UID:{p}"),
            _fold(f'ATTENDEE;PARTSTAT=ACCEPTED;CN="{cn}":mailto:kb{number}@example.org'),
            f'ATTENDEE;PARTSTAT=ACCEPTED;CN="{cn} two":mailto:kb{number}.two@example.org',
            _fold(f"DESCRIPTION:{p}"),
            _fold(f"LOCATION:{p}"),
            "STATUS:CONFIRMED",
            _fold(f"SUMMARY:{p}"),
            "END:VEVENT",
        ]
        events.append("\r\n".join(lines))
    calendar = [
        "BEGIN:VCALENDAR",
        "PRODID:-//kithbook tests//hostile//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_vtext(payload(101))}",
        *events,
        "END:VCALENDAR",
    ]
    path.write_text("\r\n".join(calendar) + "\r\n", encoding="utf-8", newline="")
    return path
