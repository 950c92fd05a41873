"""The site made again after a save, redoing only what the save changed where that is
known to be safe; under ``mkdocs serve`` most saves are edits to notes.

A record's notes show on its own page and nowhere else (not in a list, a picture, a
ranking or a data file: tests/test_rebuild.py holds it). So when the only change since
the last build is to the notes of some people and events, the site is the last one
with those pages made again. Any other change makes every file again
(``pages.build_site``), each person's and event's page taken from the last build when
nothing it is made from changed; under ``mkdocs serve`` only the pages whose text
changed are rendered (kithbook.live).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from .history import FileHistory
from .model import Event, Journal, Problem, same_but_notes
from .pages import event_detail, person, site_files
from .site import Site, make_site
from .speed import collector_paused, forget

#: What a Site works out once and a change of notes leaves as it is.
KEPT = ("network", "drawing", "strengths", "tag_anchors")


class _Settings(NamedTuple):
    """What a site is made from besides the journal."""

    problems: tuple[Problem, ...]
    today: date
    intro: str
    secret: str | None
    history: dict[str, FileHistory]
    ranking_page: str | None


@dataclass(frozen=True)
class _Built:
    site: Site
    settings: _Settings
    files: dict[str, str]


class SiteMemory:
    """The last site made, for the next build to start from."""

    def __init__(self) -> None:
        self._last: _Built | None = None

    @collector_paused()
    def build(
        self,
        journal: Journal,
        problems: list[Problem],
        today: date,
        intro: str = "",
        secret: str | None = None,
        history: dict[str, FileHistory] | None = None,
        ranking_page: str | None = None,
    ) -> dict[str, str]:
        """``pages.build_site``'s files, made again only where a change of notes asks."""
        settings = _Settings(tuple(problems), today, intro, secret, history or {}, ranking_page)
        last = self._last
        if self._notes_saved(journal, settings) is not None:
            return self._last.files
        forget()
        site = make_site(journal, problems, today, secret, history)
        before = (last.site, last.files) if last is not None else None
        files = site_files(site, intro, ranking_page, before)
        self._last = _Built(site, settings, files)
        return files

    def again(
        self,
        journal: Journal,
        problems: list[Problem],
        today: date,
        secret: str | None = None,
        history: dict[str, FileHistory] | None = None,
    ) -> dict[str, str] | None:
        """``build``'s files with the last build's intro and ranking page, which come
        from the hand-written pages (under ``mkdocs serve``, when those are as they
        were); None before a first build."""
        if self._last is None:
            return None
        last = self._last.settings
        return self.build(journal, problems, today, last.intro, secret, history, last.ranking_page)

    def _notes_saved(self, journal: Journal, settings: _Settings) -> dict[str, str] | None:
        """The pages of the records whose notes alone changed, made again and kept with
        the last build's other files; None if anything else changed."""
        last = self._last
        if last is None or last.settings != settings:
            return None
        changed = notes_changed(last.site.journal, journal)
        if changed is None:
            return None
        site = _with_notes(last.site, journal, changed[0])
        made = {site.person_page(slug): person(site, slug) for slug in changed[0]}
        for event in changed[1]:
            if event.page:
                made[site.event_page(event)] = event_detail(site, event)
        self._last = _Built(site, settings, {**last.files, **made})
        return made

    def forget(self) -> None:
        """The next build makes everything."""
        self._last = None


def notes_changed(before: Journal, after: Journal) -> tuple[list[str], list[Event]] | None:
    """The people (slugs) and events of ``after`` whose notes differ from ``before``,
    if nothing else differs; None otherwise."""
    if before.config != after.config or len(before.events) != len(after.events):
        return None
    if list(before.people) != list(after.people):
        return None
    people = []
    for slug, now in after.people.items():
        was = before.people[slug]
        if was is not now and was != now:  # a load keeps the records of unchanged files
            if not same_but_notes(was, now):
                return None
            people.append(slug)
    events = []
    for was, now in zip(before.events, after.events, strict=True):
        if was is not now and was != now:
            if not same_but_notes(was, now):
                return None
            events.append(now)
    return people, events


def _with_notes(site: Site, journal: Journal, people: list[str]) -> Site:
    """``site`` for ``journal``, which differs from its own only in notes: the people's
    timelines hold their new records, and what the site worked out is kept."""
    lines = dict(site.timelines)
    for slug in people:
        lines[slug] = replace(lines[slug], person=journal.people[slug])
    made = replace(site, journal=journal, timelines=lines)
    for name in KEPT:
        if name in site.__dict__:
            made.__dict__[name] = site.__dict__[name]
    return made
