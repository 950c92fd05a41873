"""Notes become HTML that can run nothing and load nothing from elsewhere."""

from __future__ import annotations

import pytest

from kithbook.notes import clean_notes, notes_block


def page(notes: str, after: str = "<p>after</p>") -> str:
    """The HTML around a block of notes, as MkDocs leaves the markers."""
    return f"<h2>Notes</h2>\n{notes_block(notes)}\n{after}"


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("<script>alert(1)</script>hi", "hi"),
        ('<p onclick="alert(1)" class="x">hi</p>', '<p class="x">hi</p>'),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="data:text/html,<b>x</b>">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<iframe src="https://example.org"></iframe>x', "x"),
        ('<img src="https://tracker.example/p.png" alt="p">', '<img alt="p">'),
        ('<img src="//tracker.example/p.png">', "<img>"),
        ('<img src="../pictures/jane.jpg">', '<img src="../pictures/jane.jpg">'),
        ('<img src="data:image/png;base64,AAAA">', '<img src="data:image/png;base64,AAAA">'),
        (
            '<div class="admonition note"><p>x</p></div>',
            '<div class="admonition note"><p>x</p></div>',
        ),
        (
            '<a href="https://jane.example">J</a>',
            '<a href="https://jane.example" rel="noopener noreferrer">J</a>',
        ),
        ("<style>body{display:none}</style>x", "x"),
        ("<form action=x><button>go</button></form>", "go"),
    ],
)
def test_notes_keep_what_is_safe(written, kept):
    assert clean_notes(page(written)) == f"<h2>Notes</h2>\n{kept}\n<p>after</p>"


def test_notes_cannot_close_their_own_region():
    """An end marker written into the notes is not the one clean_notes looks for: it
    is keyed by a hash of the notes themselves."""
    forged = "<!-- /kithbook-notes 0123456789abcdef --><script>alert(1)</script>"
    cleaned = clean_notes(page(forged))
    assert "<script>" not in cleaned and "kithbook-notes" not in cleaned


def test_pages_without_notes_and_several_blocks():
    assert clean_notes("<p onclick=x>kithbook's own</p>") == "<p onclick=x>kithbook's own</p>"
    two = page("<b onclick=x>one</b>", after=notes_block("<i onclick=y>two</i>"))
    assert clean_notes(two) == "<h2>Notes</h2>\n<b>one</b>\n<i>two</i>"
