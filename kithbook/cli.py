"""The command line: thin click commands over the engine.

Each command finds the journal, asks the library, and prints, only through
``terminal.echo``, which makes every line safe for a terminal. Problems in the
user's files are values printed as ``path:line: level: message``; anything that
stops a command is turned into one clear line and exit status 1 here, at the
edge. Usage errors are click's: exit status 2.
"""

from __future__ import annotations

import difflib
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import click

from . import config as config_module
from .checking import check_journal, watch_journal
from .importers import KINDS as IMPORT_KINDS
from .load import (
    EVENTS_DIR,
    PEOPLE_DIR,
    RESERVED_IDS,
    SUFFIXES,
    PeopleIndex,
    journal_files,
    load_journal,
    parse_tag,
    read_event_file,
    read_journal_file,
    read_person_file,
)
from .model import CIRCLES, Config, Person, Problem, within_range
from .schema import KINDS as SCHEMA_KINDS
from .schema import schema_text
from .skeleton import JournalExists, create_journal
from .suggest import next_json, rank
from .terminal import Bold, echo, json_text, person_lines, terminal_safe
from .text import SLUG, file_slug, folded, slugify
from .timeline import timelines
from .write import (
    event_markdown,
    finish_interrupted,
    is_taken,
    person_markdown,
    write_new,
    write_new_numbered,
)

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# ---------------------------------------------------------------- the journal


@dataclass(frozen=True)
class Workspace:
    """The journal a command works on: its folder, settings, and today."""

    root: Path
    config: Config
    config_problems: tuple[Problem, ...]
    today: date

    def rel(self, path: Path) -> str:
        """``path`` relative to the journal, with ``/``, as problems show it."""
        return path.relative_to(self.root).as_posix()


def open_workspace(root: Path) -> Workspace:
    """The Workspace of the journal at ``root`` (which holds mkdocs.yml)."""
    settings, problems = config_module.read_config_file(root)
    config, more = config_module.parse_config(settings)
    try:
        today = config_module.resolve_today(config)
    except ValueError as error:
        raise click.ClickException(f"KITHBOOK_TODAY: {error}") from None
    return Workspace(root, config, tuple(problems + more), today)


def find_root(option: Path | None) -> Path:
    """The journal's folder: ``--journal``, else the nearest one upwards holding mkdocs.yml."""
    if option is not None:
        if not (option / config_module.CONFIG_FILE).is_file():
            raise click.ClickException(
                f"{option} is not a journal: it holds no {config_module.CONFIG_FILE}"
            )
        return option.resolve()
    found = config_module.find_journal(Path.cwd())
    if found is None:
        raise click.ClickException(
            f"no journal here: no {config_module.CONFIG_FILE} in {Path.cwd()} or any folder "
            "above it; cd into a journal or pass --journal PATH"
        )
    return found


@dataclass
class State:
    """What the group passes to its commands: the ``--journal`` option, opened on demand
    (so a command that makes a journal needs none)."""

    journal_option: Path | None
    _workspace: Workspace | None = field(default=None, repr=False)

    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = open_workspace(find_root(self.journal_option))
        return self._workspace


pass_state = click.make_pass_decorator(State)


class _Group(click.Group):
    """A group that turns an operating system error (a full disk, a folder that may not
    be written) into one line and exit status 1 instead of a traceback, and makes the
    line click prints for any error safe for the terminal: it may quote a value typed
    on the command line or read from a file."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        with _safe_errors():  # the group's own options: --journal
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context):
        with _safe_errors():  # everything else: each command's options, then its work
            try:
                return super().invoke(ctx)
            except BrokenPipeError:
                # The reader went away (`kithbook show jane | head`): nothing left to say.
                sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - Python flushes it at exit
                raise click.exceptions.Exit(0) from None
            except OSError as error:
                where = f"{error.filename}: " if error.filename else ""
                raise click.ClickException(f"{where}{error.strerror or error}") from None


@contextmanager
def _safe_errors() -> Iterator[None]:
    """A ClickException passing through, its line made safe for the terminal: click
    prints errors itself, not through ``echo``, as ``Error: `` and ``format_message()``,
    which each kind of error puts together in its own way (a value, a file name)."""
    try:
        yield
    except click.ClickException as error:
        message = error.format_message
        error.format_message = lambda: terminal_safe(message())  # type: ignore[method-assign]
        raise


@click.group(cls=_Group, context_settings=CONTEXT)
@click.option(
    "--journal",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The journal's folder (default: the nearest folder upwards holding mkdocs.yml).",
)
@click.version_option(package_name="kithbook")
@click.pass_context
def main(ctx: click.Context, journal: Path | None) -> None:
    """kithbook: a personal network journal in plain files.

    \b
    Examples:
      kithbook add "Zoë Ångström" --where "Leeds, UK" --circle friend
      kithbook log "Coffee" --with zoe-angstrom --kind coffee
      kithbook show zoe-angstrom
      kithbook check
      kithbook next -n 5

    KITHBOOK_TODAY=YYYY-MM-DD in the environment fixes "today".
    """
    ctx.obj = State(journal)
    root = journal or config_module.find_journal(Path.cwd())
    if root is not None:  # an import that a kill stopped halfway is finished first
        finish_interrupted(root, lambda line: echo(line, err=True))


# ---------------------------------------------------------------- init


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Me", show_default=True, help="Your name, as the site shows it.")
@click.option("--where", help="Where you live, e.g. 'Birmingham, UK': who is local.")
@click.option(
    "--email",
    "emails",
    multiple=True,
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
    from .importers import email_address

    addresses = []
    for text in split_names(emails):
        address = email_address(text)
        if address is None:
            raise click.BadParameter(f"'{text}' is not an email address", param_hint="--email")
        if address.lower() not in addresses:
            addresses.append(address.lower())
    try:
        today = config_module.resolve_today(Config())
    except ValueError as error:
        raise click.ClickException(f"KITHBOOK_TODAY: {error}") from None
    try:
        written = create_journal(folder, name, where, today, encrypt, tuple(addresses))
    except JournalExists as error:
        raise click.ClickException(str(error)) from None
    echo(f"A new journal in {folder}: {len(written)} files.")
    echo(f"  cd {folder} && git init && git add -A && git commit -m 'A new journal'")
    if encrypt:
        echo("  KITHBOOK_PASSWORD='a long passphrase' mkdocs serve")
    else:
        echo("  mkdocs serve        # http://127.0.0.1:8000/")


# ---------------------------------------------------------------- dates


def parse_when(text: str, today: date) -> tuple[date, time | None]:
    """A day given on the command line: ``today``, ``yesterday``, ``tomorrow``,
    ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM``; ValueError with a readable message otherwise."""
    words = {"today": 0, "yesterday": -1, "tomorrow": 1}
    cleaned = text.strip().lower()
    if cleaned in words:
        return today + timedelta(days=words[cleaned]), None
    try:
        if " " in cleaned or "t" in cleaned:
            moment = datetime.strptime(cleaned.replace("t", " "), "%Y-%m-%d %H:%M")
            day, at = moment.date(), moment.time()
        else:
            day, at = date.fromisoformat(cleaned), None
    except ValueError:
        raise ValueError(
            f"'{text}' is not a date: write today, yesterday, YYYY-MM-DD or 'YYYY-MM-DD HH:MM'"
        ) from None
    return within_range(day), at


def _day_option(text: str | None, today: date, option: str) -> tuple[date, time | None] | None:
    if text is None:
        return None
    try:
        return parse_when(text, today)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=option) from None


# ---------------------------------------------------------------- people


def read_people(root: Path) -> list[Person]:
    """The people of the journal, read without its events (for the commands that write)."""
    people = []
    for path, rel in journal_files(root, PEOPLE_DIR, recursive=False):
        people.extend(read_journal_file(root, path, rel, read_person_file).people)
    return people


def split_names(values: Iterable[str]) -> list[str]:
    """Names given as repeated options and/or comma-separated, in order, blanks dropped."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


class PeopleFinder:
    """Finds people as the loader does (PeopleIndex: slug, name or aka, any case), and
    also by a name typed without its accents ("Zoe Angstrom") when that is no one's
    name or aka as typed but makes exactly the slug of one person. (Folded, not
    transliterated: "李明" does not find 黎明, whose slug li-ming it would make.)"""

    def __init__(self, people: Iterable[Person]) -> None:
        self.people = list(people)
        self.index = PeopleIndex(self.people)
        self._names = {name.strip().lower() for p in self.people for name in p.names}
        self._slugs = {person.slug for person in self.people}

    def find(self, name: str) -> tuple[str | None, str]:
        """(the slug of the one person ``name`` means, "") or (None, why not, with a hint)."""
        slug, why = self.index.find(name)
        if slug is None and name.strip().lower() not in self._names:
            if folded(name) in self._slugs:
                return folded(name), ""
        return slug, why


def resolve_people(names: list[str], index: PeopleFinder) -> tuple[list[str], list[str]]:
    """(the slugs of ``names`` in order, each once; why each name that matched no one failed)."""
    slugs: list[str] = []
    failures: list[str] = []
    for name in names:
        slug, why = index.find(name)
        if slug is None:
            failures.append(why)
        elif slug not in slugs:
            slugs.append(slug)
    return slugs, failures


def similar_person(name: str, people: Iterable[Person]) -> Person | None:
    """The person whose name or aka is closest to ``name``, if any is close."""
    by_name = {other.lower(): person for person in people for other in person.names}
    close = difflib.get_close_matches(name.lower(), by_name, n=1, cutoff=0.75)
    return by_name[close[0]] if close else None


def _existing_file(path: Path) -> Path:
    return next(path.with_suffix(s) for s in SUFFIXES if path.with_suffix(s).exists())


def _open_in_editor(path: Path, workspace: Workspace, reader) -> None:
    """Open ``path`` in $EDITOR, then report what is wrong in the file as saved."""
    click.edit(filename=str(path))
    records = read_journal_file(workspace.root, path, workspace.rel(path), reader)
    for problem in records.problems:
        echo(str(problem), err=True)


# ---------------------------------------------------------------- add


@main.command()
@click.argument("name")
@click.option("--where", help="Where they live, e.g. 'Birmingham, UK'.")
@click.option("--circle", type=click.Choice(CIRCLES, case_sensitive=False), help="How close.")
@click.option("--tag", "-t", "tags", multiple=True, help="A group; repeat or separate with commas.")
@click.option("--aka", multiple=True, help="Another name or handle; repeat for more.")
@click.option("--met", metavar="DATE", help="When you first connected: today, yesterday, a date.")
@click.option("--how", "how_we_met", metavar="TEXT", help="How you met.")
@click.option("--slug", help="The file name and id (default: made from the name).")
@click.option("-e", "--edit", is_flag=True, help="Open the new file in $EDITOR.")
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

    met_day = _day_option(met, workspace.today, "--met")
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
    try:
        write_new(path, person_markdown(fields))
    except FileExistsError:
        raise click.ClickException(
            f"{workspace.rel(path)} exists already: nothing written"
        ) from None
    echo(f"wrote {workspace.rel(path)}")
    similar = namesake or similar_person(name, people)
    if namesake is not None:
        echo(
            f"note: '{name}' now names {namesake.name} ({namesake.source.path}) too; "
            f"events must name them by slug: {namesake.slug}, {new_slug}",
            err=True,
        )
    elif similar is not None:
        echo(f"note: there is also '{similar.name}' ({similar.source.path})", err=True)
    if edit:
        _open_in_editor(path, workspace, read_person_file)


def _refuse_duplicate(
    workspace: Workspace, path: Path, name: str, people: list[Person], explicit_slug: bool
) -> Person | None:
    """Stop ``add`` when the file exists, or when ``name`` already names someone
    (events that say it would no longer know whom they mean) unless the new person
    gets their own ``--slug``; return that namesake, if any."""
    if is_taken(path):
        existing = _existing_file(path)
        owner = next((p for p in people if p.slug == path.stem), None)
        who = f" ({owner.name})" if owner else ""
        raise click.ClickException(
            f"{workspace.rel(existing)} exists already{who}: nothing written; "
            f"edit that file, or give a different person their own id with --slug"
        )
    slug, _ = PeopleIndex(people).find(name)
    namesake = next((p for p in people if p.slug == slug), None)
    if namesake is not None and not explicit_slug:
        raise click.ClickException(
            f"'{name}' already names {namesake.name} ({namesake.source.path}): nothing "
            "written; if this is someone else, give them their own id with --slug"
        )
    return namesake


# ---------------------------------------------------------------- log


@main.command()
@click.argument("title")
@click.option(
    "--with",
    "with_",
    multiple=True,
    required=True,
    metavar="PEOPLE",
    help="Slugs or names, comma-separated or repeated.",
)
@click.option("--kind", "-k", help="meetup, coffee, call, message, ... (default: the config's).")
@click.option("--date", "-d", "when", default="today", show_default=True, metavar="D",
              help="today, yesterday, YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.")  # fmt: skip
@click.option("--place", "-p", help="Where it happened.")
@click.option("--by", metavar="me|them", help="Who reached out: me, them, or a person.")
@click.option("--follow-up", "follow_ups", multiple=True, metavar="TEXT", help="A to-do; repeat.")
@click.option("-e", "--edit", is_flag=True, help="Open the new file in $EDITOR.")
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
) -> None:
    """Log an event: writes events/<year>/<date>-<slug of TITLE>.md.

    PEOPLE are slugs, names or akas. If one matches no one, nothing is written and
    the closest name is suggested. An existing file name gets -2, -3, ... added.

    \b
    Examples:
      kithbook log "Coffee at Tilt" --with "Jane Doe, zoe-angstrom" --kind coffee
      kithbook log "Call about the move" --with jane-doe --with tom-reed -k call -d yesterday
      kithbook log "Dinner" --with jane-doe -d 2026-12-04 --place "Tilt" --by me
      kithbook log "Pennine Code" --with "Tom Reed" --follow-up "send Tom the slides" -e
    """
    workspace = state.workspace()
    title = title.strip()
    if not title:
        raise click.BadParameter("an event needs a title", param_hint="TITLE")
    kind = _checked_kind(kind, workspace.config)
    day, at = _day_option(when, workspace.today, "--date")  # type: ignore[misc]
    index = PeopleFinder(read_people(workspace.root))
    slugs, failures = resolve_people(split_names(with_), index)
    by_value = _by(by, index, failures)
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
    written = write_new_numbered(path, event_markdown(fields))
    planned = " (planned)" if day > workspace.today else ""
    echo(f"wrote {workspace.rel(written)}{planned}")
    if edit:
        _open_in_editor(written, workspace, read_event_file)


def _checked_kind(kind: str | None, config: Config) -> str:
    if kind is None:
        return config.default_kind
    cleaned = kind.strip().lower()
    if cleaned not in config.kinds:
        close = difflib.get_close_matches(cleaned, config.kinds, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise click.BadParameter(
            f"unknown kind '{kind}'{hint} (kinds: {', '.join(sorted(config.kinds))}; "
            "more can be mapped under extra.kithbook.kinds)",
            param_hint="--kind",
        )
    return cleaned


def _by(by: str | None, index: PeopleFinder, failures: list[str]) -> str | None:
    """``--by`` as written to the file: me, them, or a person's slug."""
    if by is None or by.strip().lower() in ("me", "them"):
        return by.strip().lower() if by else None
    slug, why = index.find(by)
    if slug is None:
        failures.append(f"--by: {why}")
    return slug


# ---------------------------------------------------------------- show


@main.command()
@click.argument("person")
@pass_state
def show(state: State, person: str) -> None:
    """Show a relationship: its figures and timeline.

    PERSON is a slug, a name or an aka. Planned events come first, soonest first;
    then the past, by year, the most recent first.

    \b
    Examples:
      kithbook show jane-doe
      kithbook show "Zoë Ångström"
      KITHBOOK_TODAY=2026-01-01 kithbook show jane
    """
    workspace = state.workspace()
    journal, _ = load_journal(workspace.root, workspace.config)
    slug, why = find_person(person, journal.people.values())
    if slug is None:
        raise click.ClickException(why)
    timeline = timelines(journal, workspace.today)[slug]
    for line in person_lines(timeline, journal, workspace.today):
        echo(line)


def find_person(query: str, people: Iterable[Person]) -> tuple[str | None, str]:
    """(slug, "") of the person ``query`` names, or (None, why not). Besides a slug, a
    name or an aka, the start of one will do when it fits only one person ("zoe" for
    Zoë Ångström): fine for reading, while commands that write ask for a whole name."""
    people = list(people)
    slug, why = PeopleFinder(people).find(query)
    if slug is not None:
        return slug, ""
    start = slugify(query)
    starting = sorted(
        {
            person.slug
            for person in people
            for name in person.names
            if start and (slugify(name) == start or slugify(name).startswith(start + "-"))
        }
    )
    if len(starting) == 1:
        return starting[0], ""
    if starting:
        return None, f"'{query}' could be {' or '.join(starting)}: write the slug"
    return None, why


# ---------------------------------------------------------------- check


@main.command()
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--json", "as_json", is_flag=True, help='Print a JSON list of {"path", "line", ...}.')
@click.option("--watch", is_flag=True, help="Re-check on every save; Ctrl-C ends.")
@pass_state
def check(state: State, strict: bool, as_json: bool, watch: bool) -> None:
    """Check every file; print each problem as path:line: level: message.

    Exits 1 when there is an error (or, with --strict, a warning). Works as a
    pre-commit hook (id kithbook-check) and in an editor's problem matcher.

    \b
    Examples:
      kithbook check
      kithbook check --strict          # fail on warnings too, e.g. in CI
      kithbook check --json | jq '.[] | select(.level == "error")'
      kithbook check --watch           # leave running beside your editor
    """
    if watch and as_json:
        raise click.UsageError("--watch prints as you edit: it does not go with --json")
    root = find_root(state.journal_option)  # a bad KITHBOOK_TODAY is one of the problems
    if watch:
        watch_journal(root, echo, threading.Event())
        return
    result = check_journal(root)
    if as_json:
        echo(json_text([p.as_json() for p in result.problems]))
    else:
        for problem in result.problems:
            echo(str(problem))
        echo(result.summary(), err=bool(result.problems))
    if result.failed(strict):
        raise click.exceptions.Exit(1)


# ---------------------------------------------------------------- next


@main.command("next")
@click.option("-n", "count", type=click.IntRange(min=1), help="How many (default 10; --json: all).")
@click.option("--json", "as_json", is_flag=True, help="Print the /api/next.json list.")
@pass_state
def next_(state: State, count: int | None, as_json: bool) -> None:
    """Who to meet next: the ranking, best first, with its reasons and a suggestion.

    \b
    Examples:
      kithbook next
      kithbook next -n 3
      kithbook next --json > next.json
    """
    workspace = state.workspace()
    journal, _ = load_journal(workspace.root, workspace.config)
    rows = rank(journal, timelines(journal, workspace.today), workspace.today)
    if as_json:
        chosen = rows[:count] if count else rows
        echo(json_text(next_json(chosen)))
        return
    items = next_json(rows[: count or 10])
    if not items:
        echo("No one to suggest: add people and log events with them.")
    for number, item in enumerate(items, start=1):
        echo((f"{number:>2}. ", Bold(item["name"]), f" ({item['slug']})  {item['score']:.2f}"))
        for reason in item.get("reasons", ()):
            echo(f"      - {reason}")
        if item.get("suggestion"):
            echo(f"      -> {item['suggestion']}")


# ---------------------------------------------------------------- schema


@main.command()
@click.argument("kind", required=False, type=click.Choice(sorted(SCHEMA_KINDS)))
def schema(kind: str | None) -> None:
    """Print the JSON Schema of journal files: a person, an event, or either.

    Map it in an editor that reads yaml.schemas (VS Code's YAML extension, and
    others using yaml-language-server) to get completion and checks in .yml files.

    \b
    Examples:
      kithbook schema > .kithbook-schema.json
      kithbook schema person
      kithbook schema event
    """
    echo(schema_text(kind), nl=False)


# ---------------------------------------------------------------- import

#: Above this many steps an import shows its progress even when stderr is no terminal.
PROGRESS_STEPS = 500


@main.command("import")
@click.argument("kind", type=click.Choice(IMPORT_KINDS))
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print what would be created and changed only.")
@click.option("--all", "take_all", is_flag=True, help="Create everyone, not only real contacts.")
@click.option("-v", "--verbose", is_flag=True, help="A line for every record, skipped ones too.")
@pass_state
def import_(
    state: State, kind: str, file: Path, dry_run: bool, take_all: bool, verbose: bool
) -> None:
    """Import people and events from an export of LinkedIn, Twitter/X, vCard or a calendar.

    People are matched to those in the journal by email, profile address, account id
    or UID, then by name or aka; whoever could be more than one person is listed, not
    guessed. Only empty fields are filled; what the file says otherwise is reported
    and kept; notes are never touched. A second import of the same file changes
    nothing. Everything is written, or nothing. It prints what it did in a screenful
    (--verbose: every record), then one line of counts. See the Importing page of the docs.

    \b
    Examples:
      kithbook import linkedin Connections.csv --dry-run
      kithbook import linkedin Basic_LinkedInDataExport_02-07-2026.zip
      kithbook import twitter twitter-2026-02-07.zip          # --all: everyone
      kithbook import twitter twitter-2026-02-07.zip -v       # every record
      kithbook import vcard contacts.vcf
      kithbook import ics calendar.ics
    """
    from .importers import Context, Refused
    from .importers.plan import run_import

    workspace = state.workspace()
    context = Context(workspace.config.me, workspace.today, take_all)
    try:
        plan = run_import(
            kind, file, workspace.root, workspace.config, context, dry_run, _import_progress
        )
    except Refused as error:
        raise click.ClickException(str(error)) from None
    *details, summary = plan.report(verbose)
    for line in details:
        echo(line)
    echo(summary + ("; dry run: nothing written" if dry_run else ""))


@contextmanager
def _import_progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long imports (or any, on a terminal)."""
    stream = sys.stderr
    if total <= PROGRESS_STEPS and not stream.isatty():
        yield lambda steps: None
        return
    with click.progressbar(length=total, label=label, file=stream) as bar:
        yield bar.update
