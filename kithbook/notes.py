"""Notes on a page: the Markdown a person wrote under a person or an event, rendered by
MkDocs like any page, then made safe.

Notes are the one place where a page shows Markdown and HTML as they are, and notes do
not only come from the journal's owner: an import writes a vCard's NOTE or a calendar's
DESCRIPTION into them. So the HTML they become keeps text, formatting, lists, tables,
links and pictures of the site itself, and loses everything that could run or reach
elsewhere: scripts, event handlers, ``javascript:`` links, frames, forms, styles,
pictures from other hosts (``nothing leaves the machine``). The rules are the allowlist
of an HTML sanitizer made for this (nh3, the binding of ammonia), not a list of
dangers of our own.

A page marks its notes with two HTML comments around them (``notes_block``), keyed by
a hash of the notes themselves: the notes cannot hold their own end marker, so they
cannot close the region early and leave part of themselves unsanitized. After MkDocs
has turned the page into HTML, ``clean_notes`` sanitizes each marked region and drops
the markers.
"""

from __future__ import annotations

import hashlib
import re

import nh3

#: The tags notes may keep: the sanitizer's own safe set (text, lists, tables, code,
#: pictures, details) with what Markdown's extensions make of it.
TAGS = nh3.ALLOWED_TAGS
#: Attributes on any tag: an admonition's or a highlighted line's class, a heading's id.
COMMON_ATTRIBUTES = {"class", "id", "title", "lang", "dir"}
ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": COMMON_ATTRIBUTES,
    "a": {"href", "hreflang", "title"},
    "img": {"src", "alt", "title", "width", "height"},
}
#: Links may go to the web, mail and phone numbers, and anywhere within the site.
URL_SCHEMES = {"http", "https", "mailto", "tel", "data"}

_MARKER = re.compile(r"<!-- kithbook-notes ([0-9a-f]{16}) -->")


def notes_block(notes: str) -> str:
    """``notes`` between the two markers that ``clean_notes`` finds, each on a line of its
    own, so that Markdown keeps them as they are."""
    key = hashlib.sha256(notes.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"<!-- kithbook-notes {key} -->\n\n{notes}\n\n<!-- /kithbook-notes {key} -->"


def clean_notes(html: str) -> str:
    """``html`` with each region of notes sanitized and its markers removed."""
    if "<!-- kithbook-notes " not in html:
        return html
    parts = []
    position = 0
    while match := _MARKER.search(html, position):
        end = f"<!-- /kithbook-notes {match.group(1)} -->"
        close = html.find(end, match.end())
        if close < 0:  # no end marker: the rest of the page is the notes
            close = len(html)
        parts += [html[position : match.start()], sanitize(html[match.end() : close].strip("\n"))]
        position = close + len(end)
    parts.append(html[position:])
    return "".join(parts)


def sanitize(html: str) -> str:
    """``html`` with only the tags, attributes and addresses that notes may keep."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_keep_address,
        strip_comments=True,
    )


def _keep_address(tag: str, attribute: str, value: str) -> str | None:
    """A link may leave the site when followed; a picture may not load from elsewhere
    (it would tell another host that the page was opened), and a data address is only a
    picture's own bytes."""
    address = value.strip().lower()
    if tag == "img" and attribute == "src":
        local = ":" not in address.split("/", 1)[0] and not address.startswith("//")
        return value if local or address.startswith("data:image/") else None
    if attribute == "href" and address.startswith("data:"):
        return None
    return value
