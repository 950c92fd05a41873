"""The speed work gives the results of the library it stands in for, and keeps nothing
from one build to the next."""

from __future__ import annotations

import json
import posixpath
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kithbook.data_files import data_json
from kithbook.model import Config, Journal
from kithbook.pages import build_site
from kithbook.render import relative
from kithbook.text import day

segment = st.sampled_from(["people", "events", "2026", "a-b", "index.md", "x.md", "..", "."])
paths = st.lists(segment, min_size=1, max_size=4).map("/".join)


@given(target=paths, here=paths)
def test_relative_links_are_what_relpath_gives(target, here):
    start = posixpath.dirname(here) or "."
    assert relative(target, here) == posixpath.relpath(target, start)


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(data=st.dictionaries(st.text(), values, max_size=4) | st.lists(values, max_size=4))
def test_data_files_hold_what_json_holds(data):
    assert json.loads(data_json(data)) == data


def test_a_build_starts_with_empty_caches():
    """Under ``mkdocs serve`` one process builds again and again: nothing a build kept
    (days, links, names) outlives it."""
    sentinel = date(1999, 9, 9)
    day(sentinel)
    build_site(Journal(people={}, events=(), config=Config()), [], date(2026, 11, 21))
    misses = day.cache_info().misses
    day(sentinel)
    assert day.cache_info().misses == misses + 1
