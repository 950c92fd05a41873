"""Who a record is: the stable ids an export gives a person, and names as imports compare
them.

Matching (``match``), planning (``plan``) and every importer read ids and names through
these functions, so that an address, a profile or a name means the same everywhere.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import SplitResult, unquote, urlsplit

from ..text import folded

#: Ids of which a person has one: two different values mean two different people.
SINGLE_IDS = frozenset({"linkedin", "twitter_id", "vcard_uid"})

_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+")
_HANDLE = re.compile(r"@?([A-Za-z0-9_]{1,50})")
#: An export names the same few thousand people again and again (a messages.csv names
#: the same few hundred on each of its 100,000 rows): names and profiles are cached.
_CACHED = 1 << 16


def email_address(text: str | None) -> str | None:
    """``text`` as an email address (``mailto:`` dropped), or None if it is not one
    (LinkedIn's old exports put ``urn:li:member:...`` in the email column)."""
    if not text:
        return None
    text = text.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:].strip()
    return text if _EMAIL.fullmatch(text) else None


@functools.lru_cache(maxsize=_CACHED)
def linkedin_id(url: str) -> str | None:
    """The part of a LinkedIn profile address that names the profile (``in/jane-doe``),
    the same whatever the scheme, host, query or trailing slash."""
    text = url.strip()
    if not text:
        return None
    parts = _address(text)
    if parts is None:
        return None
    segments = [s for s in unquote(parts.path).lower().split("/") if s]
    if len(segments) >= 2 and segments[0] == "in":
        return f"in/{segments[1]}"
    if len(segments) >= 2 and segments[0] == "pub":
        return "/".join(segments)
    return f"{parts.netloc.lower().removeprefix('www.')}/{'/'.join(segments)}" if segments else None


def _address(text: str) -> SplitResult | None:
    """A web address split into its parts (``//`` assumed where it is left out); None for
    text no address can be (``[z]``: brackets hold an IPv6 host)."""
    try:
        return urlsplit(text if "//" in text else f"//{text}")
    except ValueError:
        return None


def twitter_handle(text: str) -> str | None:
    """A Twitter/X handle, lowercased, from ``@jane``, ``jane`` or a profile address."""
    text = text.strip()
    if "/" in text:
        parts = _address(text)
        if parts is None:
            return None
        text = parts.path.strip("/").split("/")[0]
    match = _HANDLE.fullmatch(text)
    return match.group(1).lower() if match else None


def stable_ids(facts: dict[str, object]) -> set[tuple[str, str]]:
    """The stable ids that ``facts`` (dotted fields and values) give a person:
    ("email", address), ("linkedin", in/...), ("twitter", handle), ("twitter_id", id),
    ("vcard_uid", uid). Addresses and handles are lowercased."""
    ids: set[tuple[str, str]] = set()
    for value in _values(facts.get("contact.email")):
        address = email_address(value)
        if address:
            ids.add(("email", address.lower()))
    for value in _values(facts.get("contact.linkedin")):
        profile = linkedin_id(value)
        if profile:
            ids.add(("linkedin", profile))
    for value in _values(facts.get("contact.twitter")):
        handle = twitter_handle(value)
        if handle:
            ids.add(("twitter", handle))
    for kind in ("twitter_id", "vcard_uid"):
        for value in _values(facts.get(f"extra.{kind}")):
            ids.add((kind, value.strip().lower()))
    return ids


def _values(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item is not None and str(item).strip()]
    return [str(value)] if str(value).strip() else []


@functools.lru_cache(maxsize=_CACHED)
def name_key(name: str) -> str:
    """A name as imports compare names (``text.folded``): case, accents, spaces and
    punctuation folded ("Zoë  Ångström" and "zoe-angstrom" are the same); letters of
    other scripts kept, never transliterated (李明 is not 黎明); a name of symbols only
    ("🙂") as it is, case-folded."""
    return folded(name) or " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def spacing_key(text: str) -> str:
    """Text as compared where only its spacing and case may differ, and nothing else
    ("Brindle  & Finch" is "brindle & finch", but "Brindle and Finch" is not): a value
    of a field against the export's, a name against one LinkedIn writes whole."""
    return " ".join(text.split()).casefold()
