"""Journal -> the site's generated files: ``{path under the site: content}``.

Markdown pages go through MkDocs like hand-written ones; data files (JSON,
iCalendar, robots.txt) are copied as they are. Everything is computed once per
build: the timelines first, then each page from them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from itertools import groupby

from . import charts
from .calendar import reminders_ics
from .data_files import data_json, network_json
from .history import FileHistory
from .measures import settings
from .model import CIRCLES, IN_PERSON, REAL_CONTACT, Event, Journal, Person, Problem
from .ready import ready_page
from .reasons import unanswered_event
from .render import render
from .site import Site, make_site
from .speed import collector_paused, forget
from .suggest import next_json
from .timeline import Timeline

#: kithbook's stylesheet, which the MkDocs adapter adds to ``extra_css``.
STYLESHEET = "assets/kithbook.css"


@collector_paused()
def build_site(
    journal: Journal,
    problems: list[Problem],
    today: date,
    intro: str = "",
    secret: str | None = None,
    history: dict[str, FileHistory] | None = None,
    ranking_page: str | None = None,
) -> dict[str, str]:
    """Every generated file of the site, by its path under the docs folder.

    ``intro`` is the hand-written docs/index.md, shown above the dashboard.
    ``secret`` (the password) is for an encrypted site, where only page content is
    encrypted: person and event pages get opaque addresses and plain titles ("Person",
    "Event") for the parts left in clear (file names, the title bar), and the data
    files, which cannot be encrypted, are left out. ``history`` holds when each file
    was added and last edited, from git. ``ranking_page`` is the hand-written page that
    explains the ranking, if the journal has one: /next/ links to it.
    """
    forget()
    site = make_site(journal, problems, today, secret, history)
    return site_files(site, intro, ranking_page)


def site_files(
    site: Site,
    intro: str = "",
    ranking_page: str | None = None,
    last: tuple[Site, dict[str, str]] | None = None,
) -> dict[str, str]:
    """Every generated file of ``site`` (``build_site``); with ``last``, the site and
    files of the last build, the person and event pages that would be made the same are
    taken from it (``detail_pages``)."""
    journal, today = site.journal, site.today
    files = {
        "index.md": dashboard(site, intro),
        "people/index.md": people_index(site),
        "events/index.md": events_index(site),
        "problems.md": render("problems.md.j2", "problems.md", site=site, problems=site.problems),
        "tags.md": ready_page(render("tags.md.j2", "tags.md", site=site)),
        "network.md": network_page(site),
        "places.md": places_page(site),
        "next.md": next_page(site, ranking_page),
        "api/network.json": network_json(site),
        "api/next.json": data_json(next_json(site.rows)),
        "reminders.ics": reminders_ics(journal, site.timelines, today),
        "robots.txt": "User-agent: *\nDisallow: /\n",
        STYLESHEET: resources.files("kithbook")
        .joinpath("templates/kithbook.css")
        .read_text("utf-8"),
    }
    files.update(detail_pages(site, last))
    if site.private:
        for path in DATA_FILES:
            files.pop(path, None)
    return files


#: The dashboard's "new in the journal" looks back this many days.
NEW_DAYS = 30
#: The dashboard shows this many people of the ranking, and birthdays this many days ahead.
TOP = 5
BIRTHDAY_DAYS = 30

#: Files that hold names in clear and so are left out of an encrypted site.
DATA_FILES = ("api/network.json", "api/next.json", "reminders.ics")


def dashboard(site: Site, intro: str) -> str:
    """The front page: the network in figures, recent events, plans, problems; its
    pictures are ready HTML."""
    this_year = [e for e in site.past if e.date.year == site.today.year]
    real = [e for e in this_year if e.channel in REAL_CONTACT]
    in_person = sum(1 for e in real if e.channel == IN_PERSON)
    known = relationships(site)
    weights = settings(site.journal.config.ranking)
    text = render(
        "dashboard.md.j2",
        "index.md",
        site=site,
        intro=intro,
        people=len(site.journal.people),
        relationships=len(known),
        met_in_person=sum(1 for t in known if t.in_person),
        events_this_year=len(this_year),
        in_person_share=round(100 * in_person / len(real)) if real else None,
        recent=list(reversed(site.past[-10:])),
        added=site.added_since(site.today - timedelta(days=NEW_DAYS)),
        top=site.rows[:TOP],
        plans=plans(site, site.rows[:TOP]),
        birthdays=birthdays(site, BIRTHDAY_DAYS),
        birthday_days=BIRTHDAY_DAYS,
        connections=real_connections(site),
        new_days=NEW_DAYS,
        planned=site.planned[:10],
        problems=Counter(p.level for p in site.problems),
        pictures=charts.dashboard_pictures(
            site.journal,
            site.strengths,
            site.today,
            site.links("index.md"),
            known_since={slug: t.first_seen for slug, t in site.timelines.items()},
            settle_days=weights["tie_half_life_days"],
        ),
    )
    return ready_page(text, intro=intro)


def next_page(site: Site, ranking_page: str | None) -> str:
    """/next/: a short to-do list, best first: one line per person (who, what to do,
    the score) with the reasons folded beneath; then the same people by circle, tag and
    place."""
    anchors = {
        row.person.slug: f"next-{number}" if site.private else f"next-{row.person.slug}"
        for number, row in enumerate(site.rows, start=1)
    }
    guide = {"ranking_page": ranking_page} if ranking_page else {}
    text = render(
        "next.md.j2",
        "next.md",
        site=site,
        rows=site.rows,
        plans=plans(site, site.rows),
        circles=CIRCLES,
        today=site.today,
        anchors=anchors,
        **guide,
    )
    return ready_page(text)


def plans(site: Site, rows) -> dict[str, Event]:
    """For the people of ``rows`` who are in a planned event already, the soonest one:
    their line on the list says "Already planned" rather than suggesting another
    meeting. Not when they wait for your reply: that cannot wait for the meeting."""
    found = {}
    for row in rows:
        timeline = site.timelines.get(row.person.slug)
        if timeline and timeline.planned and unanswered_event(timeline) is None:
            found[row.person.slug] = timeline.planned[0]
    return found


def birthdays(site: Site, days: int) -> list[tuple[date, Person]]:
    """The birthdays of the next ``days`` days (today included), soonest first."""
    coming = []
    for person in site.journal.people.values():
        if person.birthday:
            day = person.birthday.next_after(site.today)
            if (day - site.today).days <= days:
                coming.append((day, person))
    return sorted(coming, key=lambda item: (item[0], item[1].slug))


@dataclass(frozen=True)
class Connections:
    """Of the people you were in touch with this year, those you have met in person
    (ever, up to today) and those you know only online."""

    met: tuple[Person, ...]
    online_only: tuple[Person, ...]


def real_connections(site: Site) -> Connections:
    in_touch = [
        t for t in site.timelines.values() if t.last_seen and t.last_seen.year == site.today.year
    ]
    return Connections(
        met=tuple(t.person for t in in_touch if t.in_person),
        online_only=tuple(t.person for t in in_touch if not t.in_person),
    )


def relationships(site: Site) -> list[Timeline]:
    """The people with at least one past real contact (in person, a call, something
    written): relationships, as FORMAT.md says, as against collected contacts."""
    return [t for t in site.timelines.values() if t.last_real_contact is not None]


#: A list of collected contacts longer than this opens folded: the page leads with
#: the relationships, and the filter unfolds it when it finds someone there.
FOLD_COLLECTED = 50


def people_index(site: Site) -> str:
    """/people/: the relationships first, then the collected contacts in their own
    list, each a table that the site's script sorts and filters (kithbook.js)."""
    everyone = sorted(site.timelines.values(), key=lambda t: (t.person.name.lower(), t.person.slug))
    known = [t for t in everyone if t.last_real_contact is not None]
    collected = [t for t in everyone if t.last_real_contact is None]
    text = render(
        "people.md.j2",
        "people/index.md",
        site=site,
        known=known,
        collected=collected,
        fold=len(collected) > FOLD_COLLECTED,
        link=site.links("people/index.md"),
    )
    return ready_page(text)


def events_index(site: Site) -> str:
    """The network's timeline: plans first (soonest first), then the past by month, newest first."""
    months = [
        (month, list(events))
        for month, events in groupby(reversed(site.past), key=lambda e: e.date.replace(day=1))
    ]
    text = render("events.md.j2", "events/index.md", site=site, planned=site.planned, months=months)
    return ready_page(text)


def detail_pages(site: Site, last: tuple[Site, dict[str, str]] | None = None) -> dict[str, str]:
    """Every person's and event's page. With ``last`` (the last build's site and files),
    a page is taken from the last build when everything it is made from is the same
    there (``person_inputs``, ``event_inputs``): under ``mkdocs serve`` a new event or
    a new name changes a few of thousands of these pages."""
    before, kept = last if last is not None else (None, {})
    files = {}
    for slug in site.journal.people:
        path = site.person_page(slug)
        page = kept.get(path)
        if (
            page is None
            or slug not in before.timelines
            or person_inputs(before, slug) != person_inputs(site, slug)
        ):
            page = person(site, slug)
        files[path] = page
    for event in site.journal.events:
        if event.page:
            path = site.event_page(event)
            page = kept.get(path)
            if page is None or event_inputs(before, before.event_by_id.get(event.id)) != (
                event_inputs(site, event)
            ):
                page = event_detail(site, event)
            files[path] = page
    return files


def person_inputs(site: Site, slug: str) -> tuple:
    """Everything a person's page is made from (``person`` and person.md.j2 read
    nothing else): two sites with the same inputs for a person make the same page."""
    timeline = site.timelines[slug]
    ego = charts.ego_inputs(slug, site.network)
    linked = {timeline.person.introduced_by, *(s for s, _ in timeline.companions)}
    linked.update(s for e in timeline.past + timeline.planned for s in e.with_)
    linked.update(s for s, _ in ego[0])
    linked.discard(None)
    return (
        timeline,
        ego,
        _names(site, linked),
        site.today,
        site.secret,
        site.journal.config,
        slug in site.drawing.positions,
        site.history.get(timeline.person.source.path),
        tuple(site.tag_anchors.get(tag) for tag in timeline.person.tags),
    )


def event_inputs(site: Site, event: Event | None) -> tuple | None:
    """Everything an event's page is made from (``event_detail`` and event.md.j2 read
    nothing else); None for no event."""
    if event is None:
        return None
    linked = {*event.with_, event.by} - {None, "me", "them"}
    return (
        event,
        _names(site, linked),
        site.today,
        site.secret,
        site.journal.config,
        tuple(site.tag_anchors.get(tag) for tag in event.tags),
    )


def _names(site: Site, slugs) -> tuple:
    """The names of the people ``slugs`` (None for a slug nobody has), in slug order."""
    people = site.journal.people
    return tuple((slug, people[slug].name if slug in people else None) for slug in sorted(slugs))


def person(site: Site, slug: str) -> str:
    timeline = site.timelines[slug]
    years = [
        (year, list(events))
        for year, events in groupby(reversed(timeline.past), key=lambda e: e.date.year)
    ]
    here = site.person_page(slug)
    text = render(
        "person.md.j2",
        here,
        site=site,
        t=timeline,
        p=timeline.person,
        years=years,
        due=timeline.due(site.today),
        drawn=slug in site.drawing.positions,
        pictures=charts.person_pictures(
            timeline, site.network, site.journal.people, site.today, site.links(here)
        ),
    )
    return ready_page(text, timeline.person.notes)


def network_page(site: Site) -> str:
    """``/network/``: who knows whom, drawn (kithbook.charts); its picture is ready HTML."""
    pictures = charts.network_pictures(
        site.journal, site.network, site.drawing, site.strengths, site.links("network.md")
    )
    return ready_page(render("network.md.j2", "network.md", site=site, **pictures))


def places_page(site: Site) -> str:
    """``/places/``: people by where they live, who is local, who is near a planned trip;
    its picture and its table of places are ready HTML."""
    pictures = charts.places_pictures(site.journal, site.today)
    return ready_page(render("places.md.j2", "places.md", site=site, **pictures))


def event_detail(site: Site, event: Event) -> str:
    """An event's page, as a ready page (kithbook.ready): its notes stay Markdown."""
    text = render("event.md.j2", site.event_page(event), site=site, e=event)
    return ready_page(text, event.notes)
