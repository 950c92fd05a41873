"""Who is in a calendar's event: the organiser and the attendees, found by email address.

You (an address of ``me.email`` in the config, or the calendar's own address) are left
out, as is whoever declined, and every address that is not a person (``not_a_person``:
Google's calendars and placeholder organizer, rooms, resources and groups, no-reply
mailboxes, Meetup's and TripIt's own addresses). A person is named by ``CN``, "Doe,
Jane" read as "Jane Doe"; else by an address of words, ``rui.costa@`` as "Rui Costa";
else by the address itself.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ...model import Source
from ..ids import email_address

#: What a participant of these CUTYPEs is, in words: never a person.
_NOT_PEOPLE_TYPES = {"ROOM": "a room", "RESOURCE": "a resource", "GROUP": "a group"}
#: Google gives each calendar an address of its own, and puts a placeholder organizer
#: (unknownorganizer@calendar.google.com) on the events it makes from Gmail or Goals.
_GOOGLE_CALENDARS = {
    "group.calendar.google.com": "a shared Google calendar",
    "group.v.calendar.google.com": "a Google holiday or birthday calendar",
    "import.calendar.google.com": "a subscribed Google calendar",
    "resource.calendar.google.com": "a Google room or resource",
}
#: Mailboxes no one reads: no-reply senders, mail systems, notifications.
_NO_REPLY = re.compile(
    r"no[-_.]?reply|do[-_.]?not[-_.]?reply|"
    r"^(mailer[-_.]?daemon|postmaster|(calendar[-_.])?notifications?)$"
)
#: Services that put an address of their own on the events they make.
_SERVICES = {"meetup.com": "Meetup", "tripit.com": "TripIt"}


def _addresses(vevent, name: str) -> list:
    value = vevent.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _participants(vevent) -> list[tuple[str, object, dict, str | None]]:
    """(role, address, its parameters, its email address or None) of the organiser and
    of each attendee of ``vevent``."""
    found = []
    for role, name in (("organiser", "ORGANIZER"), ("attendee", "ATTENDEE")):
        for address in _addresses(vevent, name):
            params = getattr(address, "params", {})
            found.append((role, address, params, _email(address, params)))
    return found


def _email(address: object, params) -> str | None:
    """The email address of a participant: its value (``mailto:``, even in quotes), else
    its EMAIL parameter (iCloud gives a ``urn:uuid:`` and the address in EMAIL)."""
    return email_address(str(address).strip().strip('"')) or email_address(
        str(params.get("EMAIL") or "").strip().strip('"')
    )


def not_a_person(email: str | None, params) -> str:
    """Why the participant at ``email`` (with the parameters ``params``) is not a person,
    in words, or "" when it may be one: a room, resource or group (its CUTYPE, or
    Google's address for it), one of Google's calendars or its placeholder organizer, a
    mailbox no one reads (no-reply), or an address of Meetup's or TripIt's own."""
    kind = _NOT_PEOPLE_TYPES.get(str(params.get("CUTYPE", "")).upper())
    if kind:
        return f"{kind} (CUTYPE={str(params.get('CUTYPE')).upper()})"
    if not email:
        return ""
    local, _, domain = email.lower().rpartition("@")
    if domain == "calendar.google.com" and local == "unknownorganizer":
        return "Google's placeholder organizer (unknownorganizer@calendar.google.com)"
    if domain == "calendar.google.com" or domain.endswith(".calendar.google.com"):
        what = _GOOGLE_CALENDARS.get(domain, "a Google calendar's own address")
        return f"{what} (…@{domain})"
    if _NO_REPLY.search(local):
        return "a no-reply address"
    for service, name in _SERVICES.items():
        if domain == service or domain.endswith(f".{service}"):
            return f"an address of {name}'s own"
    return ""


def not_people(vevent) -> list[tuple[str, str]]:
    """(participant, why) for each participant of ``vevent`` that is not a person."""
    return [
        ((email or str(params.get("CN") or address)).lower(), f"{why}, not a person")
        for _, address, params, email in _participants(vevent)
        if (why := not_a_person(email, params))
    ]


def attendees_of(vevent, source: Source, me: set[str]) -> tuple[list[tuple], str | None]:
    """((key, name, email) of each person in the event but you, each once), and who
    reached out: 'me' when you organised it, 'them' when someone else did (no one can
    tell when the organiser is not a person: a calendar, a no-reply address)."""
    found: list[tuple[str, str | None, str | None]] = []
    seen: set[str] = set()
    by = None
    for role, _, params, email in _participants(vevent):
        mine = email is not None and email.lower() in me
        other = not_a_person(email, params)
        if role == "organiser":
            by = "me" if mine else None if other else "them"
        if mine or other or str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        name = _person_name(str(params.get("CN") or ""), email)
        key = f"attendee:{(email or name or '').lower()}"
        if key == "attendee:" or key in seen:
            continue
        seen.add(key)
        found.append((key, name, email))
    return found, by


def _person_name(cn: str, email: str | None) -> str | None:
    """A name from a CN: "Doe, Jane" (Outlook's order) read as "Jane Doe". Without one
    (or with an address as the CN, as Google writes it), a name from an address of
    words (rui.costa@... is "Rui Costa"), else the address itself."""
    cn = " ".join(cn.strip().strip('"').split())
    if re.search(r"%[0-9A-Fa-f]{2}", cn) and " " not in cn:
        cn = " ".join(unquote(cn).split())  # The Events Calendar writes names URL-encoded
    if email_address(cn):
        cn = ""
    parts = [part.strip() for part in cn.split(",")]
    if len(parts) == 2 and all(parts) and all(" " not in part for part in parts):
        cn = f"{parts[1]} {parts[0]}"
    if cn or not email:
        return cn or None
    words = re.split(r"[._-]", email.split("@")[0])
    if len(words) > 1 and all(word.isalpha() for word in words):
        return " ".join(word.capitalize() for word in words)
    return email
