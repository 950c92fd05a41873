"""The commands that make files: `kithbook init` (a journal), `add` (a person) and
`log` (an event). Each writes one new file, or a new journal's few, and never over
anything that exists.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from ..dates import RULES as DATE_RULES
from ..dates import SHORT as DATE_WORDS
from ..fields import parse_tag
from ..files import journal_files, read_journal_file
from ..load import (
    EVENTS_DIR,
    PEOPLE_DIR,
    RESERVED_IDS,
    read_event_file,
    read_people,
    read_person_file,
)
from ..model import CIRCLES, Config, Event, Person
from ..names import People
from ..skeleton import JournalExists, create_journal
from ..terminal import echo
from ..text import SLUG, alike, file_slug
from ..write import (
    event_markdown,
    existing_file,
    numbered,
    person_markdown,
    write_new,
    write_new_numbered,
)
from .completion import complete_kind, complete_people, complete_person
from .group import State, Workspace, pass_state, today_for
from .options import by_option, day_option, kind_option, one_line, resolve_people, split_names

# ---------------------------------------------------------------- init


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--name",
    default="Me",
    show_default=True,
    callback=one_line,
    help="Your name, as the site shows it.",
)
@click.option(
    "--where", callback=one_line, help="Where you live, e.g. 'Birmingham, UK': who is local."
)
@click.option(
    "--email",
    "emails",
    multiple=True,
    callback=one_line,
    metavar="ADDRESS",
    help="Your address, so that imports know you; repeat for more.",
)
@click.option("--encrypt", is_flag=True, help="Build an encrypted site, for hosting.")
def init(
    folder: Path, name: str, where: str | None, emails: tuple[str, ...], encrypt: bool
) -> None:
    """Make a new journal in FOLDER, ready for `mkdocs serve` and git.

    It holds mkdocs.yml, hooks/, docs/index.md, one example person and event, a
    .gitignore, a .pre-commit-config.yaml running `kithbook check`, and JSON Schemas
    mapped for editors. Nothing is overwritten: init refuses a folder that has any of
    these files already.

    \b
    Examples:
      kithbook init ~/network --name "Sam Example" --where "Birmingham, UK"
      kithbook init ~/network --email sam@example.org --email sam@work.example
      kithbook init ~/network --encrypt
    """
    from ..importers.ids import email_address

    addresses = []
    for text in split_names(emails):
        address = email_address(text)
        if address is None:
            raise click.BadParameter(f"'{text}' is not an email address", param_hint="--email")
        if address.lower() not in addresses:
            addresses.append(address.lower())
    try:
        written = create_journal(
            folder, name, where, today_for(Config()), encrypt, tuple(addresses)
        )
    except JournalExists as error:
        raise click.ClickException(str(error)) from None
    echo(f"A new journal in {folder}: {len(written)} files.")
    echo(f"  cd {folder} && git init && git add -A && git commit -m 'A new journal'")
    if encrypt:
        echo("  KITHBOOK_PASSWORD='a long passphrase' mkdocs serve")
    else:
        echo("  mkdocs serve        # http://127.0.0.1:8000/")


# ---------------------------------------------------------------- people


def _open_in_editor(path: Path, workspace: Workspace, reader) -> None:
    """Open ``path`` in $EDITOR, then report what is wrong in the file as saved."""
    click.edit(filename=str(path))
    records = read_journal_file(workspace.root, path, workspace.rel(path), reader)
    for problem in records.problems:
        echo(str(problem), err=True)


def likely_duplicate(
    root: Path, index: People, day: date, slugs: list[str], title: str
) -> Event | None:
    """An event already logged on ``day`` with exactly the people ``slugs`` and a title
    like ``title`` (``text.alike``): most likely the same event logged twice. Only the
    files that hold the day's date are read."""
    marks = (day.isoformat().encode(), day.strftime("%Y%m%d").encode())
    wanted = set(slugs)
    for path, rel in journal_files(root, EVENTS_DIR, recursive=True):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if not any(mark in data for mark in marks):
            continue
        records = read_event_file(rel, data)
        named: dict[str, set[str | None]] = {}
        for record_id, reference in records.references:
            if reference.field == "with":
                named.setdefault(record_id, set()).add(index.find(reference.value).slug)
        for event in records.events:
            if event.date == day and named.get(event.id) == wanted and alike(event.title, title):
                return event
    return None


# ---------------------------------------------------------------- add


@click.command()
@click.argument("name", callback=one_line)
@click.option("--where", callback=one_line, help="Where they live, e.g. 'Birmingham, UK'.")
@click.option("--circle", type=click.Choice(CIRCLES, case_sensitive=False), help="How close.")
@click.option("--tag", "-t", "tags", multiple=True, callback=one_line,
              help="A group; repeat or separate with commas.")  # fmt: skip
@click.option("--aka", multiple=True, callback=one_line,
              help="Another name or handle; repeat for more.")  # fmt: skip
@click.option("--met", metavar="DATE", help="When you first connected: a date (see log --help).")
@click.option("--how", "how_we_met", metavar="TEXT", callback=one_line, help="How you met.")
@click.option("--slug", callback=one_line,
              help="The file name and id (default: made from the name).")  # fmt: skip
@click.option("-e", "--edit", is_flag=True, help="Open the new file in $EDITOR.")
@click.option("--dry-run", is_flag=True, help="Print the file it would write; write nothing.")
@pass_state
def add(
    state: State,
    name: str,
    where: str | None,
    circle: str | None,
    tags: tuple[str, ...],
    aka: tuple[str, ...],
    met: str | None,
    how_we_met: str | None,
    slug: str | None,
    edit: bool,
    dry_run: bool,
) -> None:
    """Add a person: writes people/<slug>.md, the slug made from NAME.

    Never overwrites: if the file exists, or NAME is already someone's name or aka,
    nothing is written (give a different person of the same name their own --slug).

    \b
    Examples:
      kithbook add "Zoë Ångström"                      # people/zoe-angstrom.md
      kithbook add "Jane Doe" --where "Leeds, UK" --circle close --tag work
      kithbook add "Tom Reed" --met 2024-05-01 --how "Pennine Code" -e
      kithbook add "Jane Doe" --slug jane-doe-york     # a second Jane Doe
    """
    workspace = state.workspace()
    name = name.strip()
    if not name:
        raise click.BadParameter("a person needs a name", param_hint="NAME")
    if slug is not None and not SLUG.match(slug):
        raise click.BadParameter(
            f"'{slug}' is not an id: use lowercase letters, digits and single hyphens",
            param_hint="--slug",
        )
    new_slug = slug or file_slug(name)
    if not new_slug:
        raise click.ClickException(
            f"cannot make a file name from '{name}': give one with --slug, e.g. --slug jane-doe"
        )
    if new_slug in RESERVED_IDS:
        raise click.ClickException(f"'{new_slug}' cannot be a person's id: give one with --slug")
    people = read_people(workspace.root)
    path = workspace.root / PEOPLE_DIR / f"{new_slug}.md"
    namesake = _refuse_duplicate(workspace, path, name, people, explicit_slug=slug is not None)

    met_day = day_option(met, workspace.today, "--met")
    try:
        tags = tuple(parse_tag(tag) for tag in split_names(tags))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--tag") from None
    fields = {
        "name": name,
        "aka": list(aka),
        "where": where,
        "tags": list(tags),
        "circle": circle.lower() if circle else None,
        "met": met_day[0] if met_day else None,
        "how_we_met": how_we_met,
    }
    if dry_run:
        echo(person_markdown(fields), nl=False)
        echo(f"would write {workspace.rel(path)}; dry run: nothing written")
    else:
        try:
            write_new(path, person_markdown(fields))
        except FileExistsError:
            raise click.ClickException(
                f"{workspace.rel(path)} exists already: nothing written"
            ) from None
        echo(f"wrote {workspace.rel(path)}")
    similar = namesake or People(people).similar(name)
    if namesake is not None:
        echo(
            f"note: '{name}' now names {namesake.name} ({namesake.source.path}) too; "
            f"events must name them by slug: {namesake.slug}, {new_slug}",
            err=True,
        )
    elif similar is not None:
        echo(f"note: there is also '{similar.name}' ({similar.source.path})", err=True)
    if edit and not dry_run:
        _open_in_editor(path, workspace, read_person_file)


def _refuse_duplicate(
    workspace: Workspace, path: Path, name: str, people: list[Person], explicit_slug: bool
) -> Person | None:
    """Stop ``add`` when the file exists, or when ``name`` already names someone
    (events that say it would no longer know whom they mean) unless the new person
    gets their own ``--slug``; return that namesake, if any."""
    existing = existing_file(path)
    if existing is not None:
        owner = next((p for p in people if p.slug == path.stem), None)
        who = f" ({owner.name})" if owner else ""
        raise click.ClickException(
            f"{workspace.rel(existing)} exists already{who}: nothing written; "
            f"edit that file, or give a different person their own id with --slug"
        )
    slug = People(people).find(name).slug
    namesake = next((p for p in people if p.slug == slug), None)
    if namesake is not None and not explicit_slug:
        raise click.ClickException(
            f"'{name}' already names {namesake.name} ({namesake.source.path}): nothing "
            "written; if this is someone else, give them their own id with --slug"
        )
    return namesake


# ---------------------------------------------------------------- log


@click.command()
@click.argument("title", callback=one_line)
@click.option(
    "--with",
    "with_",
    multiple=True,
    required=True,
    callback=one_line,
    metavar="PEOPLE",
    help="Slugs or names, comma-separated or repeated.",
    shell_complete=complete_people,
)
@click.option("--kind", "-k", shell_complete=complete_kind,
              help="meetup, coffee, call, message, ... (default: the config's).")  # fmt: skip
@click.option("--date", "-d", "when", default="today", show_default=True, metavar="D",
              help=f"{DATE_WORDS} (see above).")  # fmt: skip
@click.option("--place", "-p", callback=one_line, help="Where it happened.")
@click.option("--by", metavar="me|them", shell_complete=complete_person, callback=one_line,
              help="Who reached out: me, them, or a person.")  # fmt: skip
@click.option("--follow-up", "follow_ups", multiple=True, metavar="TEXT", callback=one_line,
              help="A to-do; repeat.")  # fmt: skip
@click.option("-e", "--edit", is_flag=True, help="Open the new file in $EDITOR.")
@click.option("--dry-run", is_flag=True, help="Print the file it would write; write nothing.")
@pass_state
def log(
    state: State,
    title: str,
    with_: tuple[str, ...],
    kind: str | None,
    when: str,
    place: str | None,
    by: str | None,
    follow_ups: tuple[str, ...],
    edit: bool,
    dry_run: bool,
) -> None:
    """Log an event: writes events/<year>/<date>-<slug of TITLE>.md.

    PEOPLE are slugs, names or akas. If one matches no one, nothing is written and
    the closest name is suggested. An existing file name gets -2, -3, ... added; an
    event that looks like one logged already (the same people, the same day, a
    similar title) is written with a note naming the other.

    DATE_RULES

    \b
    Examples:
      kithbook log "Coffee at Tilt" --with "Jane Doe, zoe-angstrom" --kind coffee
      kithbook log "Call about the move" --with jane-doe --with tom-reed -k call -d yesterday
      kithbook log "Drinks" --with jane-doe -d "last friday 19:00" --place "Tilt" --by me
      kithbook log "Dinner" --with jane-doe -d "next tuesday" --follow-up "book a table"
      kithbook log "Pennine Code" --with "Tom Reed" --follow-up "send Tom the slides" -e
    """
    workspace = state.workspace()
    title = title.strip()
    if not title:
        raise click.BadParameter("an event needs a title", param_hint="TITLE")
    kind = kind_option(kind, workspace.config)
    day, at = day_option(when, workspace.today, "--date")  # type: ignore[misc]
    index = People(read_people(workspace.root))
    slugs, failures = resolve_people(split_names(with_), index)
    by_value = by_option(by, index, failures)
    if failures:
        raise click.ClickException("\n".join(f"nothing written: {why}" for why in failures))
    if not slugs:
        raise click.BadParameter("name at least one person", param_hint="--with")

    fields = {
        "date": datetime.combine(day, at) if at else day,
        "title": title,
        "kind": kind,
        "with": slugs,
        "place": place,
        "by": by_value,
        "follow_up": list(follow_ups),
    }
    name = f"{day}-{file_slug(title, kind or 'event')}.md"
    path = workspace.root / EVENTS_DIR / f"{day.year:04d}" / name
    planned = " (planned)" if day > workspace.today else ""
    twin = likely_duplicate(workspace.root, index, day, slugs, title)
    if dry_run:
        echo(event_markdown(fields), nl=False)
        free = next(numbered(path), path)
        echo(f"would write {workspace.rel(free)}{planned}; dry run: nothing written")
    else:
        written = write_new_numbered(path, event_markdown(fields))
        echo(f"wrote {workspace.rel(written)}{planned}")
    if twin is not None:
        echo(
            f"note: {twin.source.path} looks like the same event ({day}, the same people, "
            f"'{twin.title}'): if it is, remove one",
            err=True,
        )
    if edit and not dry_run:
        _open_in_editor(written, workspace, read_event_file)


log.help = (log.help or "").replace("DATE_RULES", DATE_RULES)  # one home: kithbook.dates
