"""A synthetic kithbook journal of N people, for the benchmarks.

Deterministic: the same N and seed give the same files, byte for byte. The
journal looks like one a long-time networker would keep by hand and by import:

- N people, with the fields people actually fill in (where, circle, tags, org and
  role, contact, birthday, how we met, an introducer, notes of a few sentences);
- about ``events_per_person`` events per person (10 by default). Each event is
  one person's (a coffee, a call, a message...), and one in four also brings
  along one to four other people from the same city, so a person's timeline
  holds about 13 events. A share of them (``list_share``, 30% by default) are
  the items of monthly ``.yml`` log files, as an import would write them (no
  page of their own); the others are ``.md`` files with a page each;
- dates from 2016 to 2027 (the benchmarks pin today at 2026-11-21, so a few
  percent of the events are plans); names written in ``with:`` as slugs, names
  and handles, as people do.

Usage: ``python benchmarks/generate.py DIR --people 1000 [--seed 1]``
(DIR gets people/, events/, docs/ and, with ``--site``, mkdocs.yml and the hook).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from kithbook.text import slugify

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-21"

FIRST = """Aisha Ben Chloe Dave Fiona Grace Hamid Harriet Jo Kofi Lena Mira Nell Priya Rachel
Sunita Tom Yusuf Zoë João Siobhán Ana Björn Chen Dmitri Elif Farah Gustavo Hana Ines Jamal Kenji
Leila Marta Nikos Olu Paulina Quentin Rosa Sami Tariq Uma Valentina Wen Ximena Yara Zainab Adam
Bea Carlos Dina Emeka Freya Gita Hugo Ivana Jon Kasia Liam Maya Noor Oscar Pia Raj Saoirse Theo
Ulla Vikram Will Xavier Yasmin Zach Alice Bilal Cara Deepa Eli Femi Gwen Hiro Isla Jakub Kemi
Lars Mo Nadia Owen Petra Ravi Sofia Tanvir Una Vera Wale Yuki Amara Bruno Clara Dev Esme Felix
Gabi Hassan Ida Jude Kwame Lucia Malik Nina Otto Parisa Rory Selin Tobi Ugo Viola Wanjiru""".split()
LAST = """Karim Okafor Smith Jones Patel Williams Brown Taylor Davies Evans Wilson Thomas Johnson
Roberts Robinson Wright Thompson Walker White Edwards Hughes Green Hall Lewis Harris Clarke Jackson
Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James
Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter
Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis
Adams Singh Begum Ali Ahmed Hussain Rahman Nowak Kowalski García Fernández Rossi Müller Schmidt
Nguyen Tran Kim Park Tanaka Sato Silva Santos Costa Pereira Andersen Nielsen Hansen O'Brien
Murray Byrne Walsh Quinn Chowdhury Mensah Boateng Adeyemi Eze Novak Horvat Popescu Ivanova
Petrov Cohen Levi Haddad Nasser Yilmaz Demir Kaya Öztürk Lindqvist Virtanen""".split()
CITIES = [
    ("Birmingham, UK", 30), ("London, UK", 20), ("Manchester, UK", 8), ("Leeds, UK", 5),
    ("Bristol, UK", 5), ("Glasgow, UK", 3), ("Edinburgh, UK", 3), ("Cardiff, UK", 2),
    ("Sheffield, UK", 3), ("Nottingham, UK", 3), ("Coventry, UK", 3), ("Dublin, Ireland", 3),
    ("Lisbon, Portugal", 2), ("Berlin, Germany", 3), ("Amsterdam, Netherlands", 2),
    ("Paris, France", 2), ("Barcelona, Spain", 2), ("Stockholm, Sweden", 1), ("Lagos, Nigeria", 2),
    ("Accra, Ghana", 1), ("Nairobi, Kenya", 1), ("Toronto, Canada", 2), ("New York, USA", 3),
    ("San Francisco, USA", 2), ("Austin, USA", 1), ("Bangalore, India", 2), ("Singapore", 1),
    ("Tokyo, Japan", 1), ("Sydney, Australia", 1), ("Melbourne, Australia", 1),
]  # fmt: skip
TAGS = """work brummies python rust design climbing books cycling parents school uni open-source
founders investors recruiters londoners conference-friends neighbours choir running family
ex-colleagues freelance data security writers makers gardening board-games coffee""".split()
CIRCLES = [("inner", 2), ("close", 8), ("friend", 25), ("acquaintance", 65)]
ORGS = """Brindle & Finch|Canalside Labs|Thrive Collective|Northwind|Pennine Code|Oakfield
University|the NHS|Copper Pot Studio|Lumen Analytics|Rivet|Hollow Tree Press|Moseley Makers|
Gearbox Games|Fernhill Bank|Tidal Software|Kite & Key|Arcadia Health|Bright Harbour""".replace(
    "\n", " "
).split("|")
ROLES = """Developer|Senior developer|Designer|Product manager|Founder|CTO|Data scientist|Teacher|
Researcher|Nurse|Writer|Recruiter|Engineering manager|Consultant|Student|Illustrator|Architect|
Accountant""".replace("\n", "").split("|")
HOW = [
    "Met at the Digbeth tech social",
    "Sat next to each other at a conference talk",
    "Worked together for two years",
    "A friend of a friend from university",
    "Replied to my thread about packaging",
    "Introduced over email",
    "Neighbours on the same street",
    "Same climbing wall on Tuesdays",
    "Met at a wedding",
]
KINDS = [
    ("coffee", 18), ("meetup", 12), ("meal", 8), ("drinks", 8), ("call", 10), ("video", 8),
    ("message", 16), ("email", 8), ("comment", 3), ("mention", 3), ("like", 2), ("conference", 2),
    ("visit", 1), ("party", 1),
]  # fmt: skip
LOGGED_KINDS = ("message", "email", "comment", "mention", "like", "call")
PLACES = [
    "Copper Pot, Moseley", "Tilt, Birmingham", "The Wellington", "Digbeth Dining Club",
    "Canalside Café", "the Custard Factory", "Kings Cross", "the climbing wall", "Home",
    "Ikon Gallery café", "the Jewellery Quarter", "the Bullring", "Leeds station", "online",
]  # fmt: skip
GROUP_TITLES = [
    "Digbeth tech social", "Python meetup", "Book club", "Climbing evening", "Dinner party",
    "Leaving drinks", "Conference drinks", "Board games night", "Hack day", "Choir rehearsal",
]  # fmt: skip
WORDS = """we talked about the new job and how the move went the kids are growing fast she is
thinking of starting a company he asked about the conference next spring and whether I would
give a talk they recommended a book on gardening and another on distributed systems promised to
send the slides and the link to the repository lunch was good the coffee better we should do
this more often next time in Leeds maybe mentioned a friend who is hiring designers""".split()
FOLLOW_UPS = [
    "Send the slides", "Introduce to a designer", "Share the book list", "Book the next coffee",
    "Review the draft", "Ask about the job opening",
]  # fmt: skip

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .&/-]*")
_YAML_WORDS = {"yes", "no", "true", "false", "null", "on", "off", "y", "n"}


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain where a person would write it plain, else quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(item) for item in items) + "]"


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([w for w, _ in weighted], weights=[n for _, n in weighted])[0]


def sentences(rng: random.Random, count: int) -> str:
    out = []
    for _ in range(count):
        words = rng.sample(WORDS, rng.randint(8, 18))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(sentences(rng, rng.randint(1, 4)) for _ in range(count))


@dataclass
class Person:
    slug: str
    name: str
    city: str
    handle: str
    met: date
    has_aka: bool = False
    tags: list[str] = field(default_factory=list)


def make_people(rng: random.Random, n: int) -> list[Person]:
    people: list[Person] = []
    slugs: set[str] = set()
    for index in range(n):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        slug = base = slugify(name)
        suffix = 2
        while slug in slugs:
            slug = f"{base}-{suffix}"
            suffix += 1
        slugs.add(slug)
        met = date(2008, 1, 1) + timedelta(days=rng.randint(0, 365 * 17))
        city = pick(rng, CITIES)
        handle = f"@{slug.replace('-', '')[:12]}{index}"
        people.append(Person(slug, name, city, handle, met))
    return people


def person_file(rng: random.Random, person: Person, people: list[Person], index: int) -> str:
    lines = ["---", f"name: {scalar(person.name)}"]
    person.has_aka = rng.random() < 0.4
    if person.has_aka:
        lines.append(f"aka: {flow([person.handle])}")
    lines.append(f"where: {scalar(person.city)}")
    person.tags = rng.sample(TAGS, rng.choice((0, 1, 1, 2, 2, 3)))
    if person.tags:
        lines.append(f"tags: {flow(person.tags)}")
    circle = pick(rng, CIRCLES)
    if circle != "acquaintance" or rng.random() < 0.3:
        lines.append(f"circle: {circle}")
    if rng.random() < 0.1:
        lines.append(f"keep_in_touch: {rng.choice(['2w', '1m', '3m', '6m', '1y'])}")
    lines.append(f"met: {person.met.isoformat()}")
    if rng.random() < 0.5:
        lines.append(f"how_we_met: {scalar(rng.choice(HOW))}")
    if index > 10 and rng.random() < 0.1:
        lines.append(f"introduced_by: {people[rng.randrange(index)].slug}")
    if rng.random() < 0.4:
        lines.append(f'birthday: "{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"')
    if rng.random() < 0.6:
        lines.append(f"org: {scalar(rng.choice(ORGS))}")
        lines.append(f"role: {scalar(rng.choice(ROLES))}")
    contact = []
    if rng.random() < 0.7:
        contact.append(f"  email: [{person.slug}@example.org]")
    if rng.random() < 0.4:
        contact.append(f"  linkedin: https://www.linkedin.example/in/{person.slug}")
    if rng.random() < 0.2:
        contact.append(f'  twitter: "{person.handle}"')
    if contact:
        lines += ["contact:", *contact]
    if rng.random() < 0.2:
        lines += [f"follows_me: {rng.choice(['true', 'false'])}", "i_follow: true"]
    if rng.random() < 0.1:
        lines += ["extra:", f"  kids: {rng.randint(0, 3)}", "  drinks: flat white"]
    lines.append("---")
    notes = paragraphs(rng, rng.choice((0, 1, 1, 2, 3)))
    return "\n".join(lines) + "\n" + (notes + "\n" if notes else "")


def event_day(rng: random.Random, person: Person) -> date:
    start = max(person.met, date(2016, 1, 1))
    span = (date(2027, 3, 1) - start).days
    # Recent years hold more events, as a journal kept up grows.
    return start + timedelta(days=int(span * rng.random() ** 0.7))


def generate(root: Path, n: int, seed: int = 1, events_per_person: int = 10,
             list_share: float = 0.3) -> dict[str, int]:  # fmt: skip
    """Writes the journal's people/ and events/ under ``root``; returns counts."""
    rng = random.Random(seed)
    people = make_people(rng, n)
    by_city: dict[str, list[Person]] = {}
    for person in people:
        by_city.setdefault(person.city, []).append(person)
    names = {}
    for person in people:
        names[person.name.lower()] = names.get(person.name.lower(), 0) + 1

    (root / "people").mkdir(parents=True, exist_ok=True)
    for index, person in enumerate(people):
        text = person_file(rng, person, people, index)
        (root / "people" / f"{person.slug}.md").write_text(text, encoding="utf-8")

    def written(person: Person) -> str:
        # Mostly the slug; sometimes the name (when it names one person) or the handle.
        roll = rng.random()
        if roll < 0.1 and names[person.name.lower()] == 1:
            return person.name
        if roll < 0.15:
            return person.handle if person.has_aka else person.slug
        return person.slug

    pages: dict[str, str] = {}
    logs: dict[str, list[str]] = {}
    for person in people:
        for _ in range(events_per_person):
            day = event_day(rng, person)
            others: list[Person] = []
            if rng.random() < 0.25:
                pool = by_city[person.city]
                others = [p for p in rng.sample(pool, min(len(pool), rng.randint(1, 4)))
                          if p is not person]  # fmt: skip
            group = [person, *others]
            as_log = rng.random() < list_share
            kind = rng.choice(LOGGED_KINDS) if as_log else pick(rng, KINDS)
            with_ = [written(p) for p in group]
            first = person.name.split()[0]
            if others and kind in ("meetup", "drinks", "meal", "party", "conference"):
                title = rng.choice(GROUP_TITLES)
            else:
                title = f"{kind.capitalize()} with {first}"
            fields = [f"date: {day.isoformat()}"]
            if rng.random() < 0.3:
                fields[0] = (
                    f'date: "{day.isoformat()} {rng.randint(8, 21):02d}:{rng.choice((0, 30)):02d}"'
                )
            fields += [f"title: {scalar(title)}", f"kind: {kind}", f"with: {flow(with_)}"]
            if not as_log and rng.random() < 0.5:
                fields.append(f"place: {scalar(rng.choice(PLACES))}")
            if rng.random() < 0.4:
                fields.append(f"by: {rng.choice(['me', 'them', 'them'])}")
            if not as_log and rng.random() < 0.15:
                done = "[x] " if rng.random() < 0.5 else ""
                fields.append(f"follow_up: {scalar(done + rng.choice(FOLLOW_UPS))}")
            if not as_log and rng.random() < 0.2:
                fields.append(f"tags: {flow(rng.sample(TAGS, rng.randint(1, 2)))}")
            if as_log:
                fields.append(f"uid: {scalar(f'import-{rng.getrandbits(48):012x}')}")
                month = f"{day.year}/log-{day:%Y-%m}.yml"
                logs.setdefault(month, []).append("- " + "\n  ".join(fields))
                continue
            stem = f"{day.isoformat()}-{slugify(title)}"
            rel = f"{day.year}/{stem}"
            suffix = 2
            while rel in pages:
                rel = f"{day.year}/{stem}-{suffix}"
                suffix += 1
            notes = sentences(rng, rng.choice((0, 1, 2, 3)))
            pages[rel] = "---\n" + "\n".join(fields) + "\n---\n" + (notes + "\n" if notes else "")

    events = root / "events"
    for rel, text in sorted(pages.items()):
        path = events / f"{rel}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    log_items = 0
    for rel, items in sorted(logs.items()):
        path = events / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(items) + "\n", encoding="utf-8")
        log_items += len(items)
    return {
        "people": n,
        "event_pages": len(pages),
        "log_files": len(logs),
        "log_items": log_items,
    }


def write_site(root: Path, title: str = "Benchmark journal") -> None:
    """mkdocs.yml (the demo's theme, plugins and extensions; no explicit nav), the
    repository's hook and an empty docs/index.md: a journal ``mkdocs build`` can build."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n\nA synthetic journal.\n", encoding="utf-8")
    (root / "hooks").mkdir(exist_ok=True)
    shutil.copy(REPO / "hooks" / "journal.py", root / "hooks" / "journal.py")
    (root / "mkdocs.yml").write_text(
        config_text(title, hooks=True)
        + f"extra:\n  kithbook:\n    today: {TODAY}\n    me:\n      name: Sam Example\n"
        "      where: Birmingham, UK\n",
        encoding="utf-8",
    )


def config_text(title: str, hooks: bool, extra_css: list[str] | None = None,
                not_in_nav: str = "") -> str:  # fmt: skip
    """The mkdocs.yml of a benchmark site: the demo journal's theme, features,
    plugins and Markdown extensions (mkdocs.yml at the top of this repository)."""
    text = f"""\
site_name: {title}
docs_dir: docs
theme:
  name: material
  font: false
  features:
    - navigation.tabs
    - navigation.indexes
    - search.suggest
    - content.tooltips
plugins:
  - search
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
"""
    if hooks:
        text += "hooks:\n  - hooks/journal.py\n"
    if extra_css:
        text += "extra_css:\n" + "".join(f"  - {css}\n" for css in extra_css)
    if not_in_nav:
        text += "not_in_nav: |\n" + "".join(f"  {line}\n" for line in not_in_nav.splitlines())
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--events-per-person", type=int, default=10)
    parser.add_argument("--list-share", type=float, default=0.3)
    parser.add_argument("--site", action="store_true", help="also write mkdocs.yml and the hook")
    args = parser.parse_args()
    counts = generate(args.dir, args.people, args.seed, args.events_per_person, args.list_share)
    if args.site:
        write_site(args.dir)
    print(", ".join(f"{value} {key.replace('_', ' ')}" for key, value in counts.items()))


if __name__ == "__main__":
    main()
