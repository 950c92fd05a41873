"""What every page is made from: the journal, its problems and today, with the
timelines, the ranking and the figures that several pages share, each computed once
per build (``Site``); and the addresses of person and event pages.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from . import charts
from .history import FileHistory
from .layout import Layout, Network, network
from .measures import settings, strengths
from .model import Event, Journal, Person, Problem
from .render import person_links
from .suggest import Row, rank
from .text import first_free, slugify
from .timeline import Timeline, timelines


@dataclass(frozen=True)
class Site:
    """What every page is made from: the journal, its problems and today."""

    journal: Journal
    problems: tuple[Problem, ...]
    today: date
    timelines: dict[str, Timeline]
    rows: tuple[Row, ...] = ()
    secret: str | None = None
    history: dict[str, FileHistory] = field(default_factory=dict)

    def added_since(self, since: date) -> tuple[list[Person], list[Event]]:
        """The people and events whose files were first committed on or after ``since``."""

        def new(record) -> bool:
            known = self.history.get(record.source.path)
            return known is not None and known.added >= since

        people = [p for p in self.journal.people.values() if new(p)]
        return people, [e for e in self.journal.events if new(e)]

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.journal.events}

    @property
    def private(self) -> bool:
        """An encrypted site: page addresses and titles must not name anyone."""
        return self.secret is not None

    def person_page(self, slug: str) -> str:
        """The source path of a person's page (an opaque one on an encrypted site)."""
        return person_page(opaque_address(slug, self.secret) if self.secret else slug)

    def event_page(self, event: Event) -> str | None:
        """The source path of an event's page; None for the items of a list file."""
        if not event.page:
            return None
        return f"events/{opaque_address(event.id, self.secret) if self.secret else event.id}.md"

    @cached_property
    def network(self) -> Network:
        """Who knows whom (kithbook.layout), made once per build for every page that draws it."""
        return network(self.journal, self.today)

    @cached_property
    def drawing(self) -> Layout:
        """The network page's picture, laid out once per build: person pages link to
        their place in it, when they are drawn."""
        return charts.network_drawing(self.network, self.strengths)

    @cached_property
    def strengths(self) -> dict[str, float]:
        """Everyone's tie strength (kithbook.measures), for the pictures that draw it."""
        return strengths(self.timelines, self.today, settings(self.journal.config.ranking))

    def links(self, here: str):
        """Links from the page ``here`` to person pages, for raw HTML such as the charts."""
        return person_links(here, self.person_page)

    @cached_property
    def tagged(self) -> dict[str, tuple[list[Person], list[Event]]]:
        """Each tag, in order, with its people (by name) and its events (in the one order)."""
        tagged: dict[str, tuple[list[Person], list[Event]]] = {}
        people = sorted(self.journal.people.values(), key=lambda p: (p.name.lower(), p.slug))
        for person in people:
            for tag in person.tags:
                tagged.setdefault(tag, ([], []))[0].append(person)
        for event in self.journal.events:
            for tag in event.tags:
                tagged.setdefault(tag, ([], []))[1].append(event)
        return dict(sorted(tagged.items(), key=lambda item: (item[0].lower(), item[0])))

    @cached_property
    def tag_anchors(self) -> dict[str, str]:
        """The id of each tag's heading on the tags page: ``tag-`` and its slug, numbered
        where two tags make the same slug (``C++`` and ``C``) or none (``日本``). On an
        encrypted site, only numbered: the theme's "skip to content" link shows an id in
        clear."""
        anchors: dict[str, str] = {}
        taken: set[str] = set()
        for number, tag in enumerate(self.tagged, start=1):
            anchor = first_free(f"tag-{number if self.private else slugify(tag) or 'x'}", taken)
            taken.add(anchor)
            anchors[tag] = anchor
        return anchors

    @property
    def past(self) -> list[Event]:
        return [e for e in self.journal.events if not e.is_planned(self.today)]

    @property
    def planned(self) -> list[Event]:
        return [e for e in self.journal.events if e.is_planned(self.today)]


def person_page(slug: str) -> str:
    return f"people/{slug}.md"


def opaque_address(name: str, secret: str) -> str:
    """An address that does not give the name away (file names become URLs), keyed by
    the site's password so that it cannot be guessed from a list of names."""
    return hmac.new(secret.encode(), name.encode(), hashlib.sha256).hexdigest()[:16]


def make_site(
    journal: Journal,
    problems: list[Problem],
    today: date,
    secret: str | None = None,
    history: dict[str, FileHistory] | None = None,
) -> Site:
    """What every page is made from: the journal with its timelines and ranking."""
    lines = timelines(journal, today)
    rows = tuple(rank(journal, lines, today))
    return Site(journal, tuple(problems), today, lines, rows, secret, history or {})
