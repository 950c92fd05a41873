"""The speed work, in one place: what kithbook does only because a network of
thousands of people makes it worth it (each measured in benchmarks/, docs/benchmarks.md).

- ``collector_paused``: Python's cycle collector off while the journal is read and
  the pages are made; ``set_aside_from_collector`` and ``back_to_collector``: under
  ``mkdocs serve``, what a whole build made kept out of the collector's scans until the
  next whole build.
- ``remembered``: a function's results kept for the rest of a build (a site prints
  the same few thousand days, names and links again and again), and ``forget``, which
  every build starts with, so that nothing is carried from one build to the next
  under ``mkdocs serve``.

The other fast paths stand beside the library they replace, each with a test that it
gives the library's result: the YAML reader (reading._construct, against PyYAML), the
YAML writer (write._simple_yaml, against PyYAML), relative links (render.relative,
against posixpath.relpath), the data files' JSON (data_files.data_json, against json),
the calendar's entries, each written once for the same properties
(calendar._component_text, against icalendar's whole calendar), and the search index
read in pieces (mkdocs_hooks/search.py, against Material's parser).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TypeVar

F = TypeVar("F", bound=Callable)

_remembered: list = []


def remembered(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, emptied by ``forget``: for pure functions that a
    build calls with the same arguments many times."""

    def decorator(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        _remembered.append(cached)
        return cached  # type: ignore[return-value]

    return decorator


def forget() -> None:
    """Empty every ``remembered`` cache: a build starts from nothing."""
    for cached in _remembered:
        cached.cache_clear()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused (a context, or a decorator), for the engine's big
    steps: reading the journal, making the pages. Both make millions of small containers
    and no garbage cycles (a build leaves none), but the collector, triggered by
    allocations, scans them again and again as they pile up: at 10,000 people it doubled
    the time of a load. Reference counting still frees everything."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def set_aside_from_collector() -> None:
    """After a whole build under ``mkdocs serve``: what it left for the collector is
    collected, and every object still alive is set aside from its later scans
    (``gc.freeze``). The rebuilds keep most of them; without this, the first collection
    after the build scanned all that the build made while the collector was paused
    (0.4 s of a rebuild at 1,000 people). What is set aside and later becomes garbage
    in a cycle waits for ``back_to_collector``."""
    gc.collect()
    gc.freeze()


def back_to_collector() -> None:
    """Before a whole build: what the last one set aside is scanned again, so that what
    the new build drops is freed."""
    gc.unfreeze()
