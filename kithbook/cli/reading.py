"""The commands that only read the journal and print: `kithbook show` (one
relationship), `next` (whom to meet next) and `schema` (the JSON Schema of its files).
"""

from __future__ import annotations

import click

from ..load import load_journal
from ..names import People
from ..schema import KINDS as SCHEMA_KINDS
from ..schema import schema_text
from ..suggest import next_json, rank
from ..terminal import Bold, echo, json_text, person_lines
from ..timeline import timelines
from .completion import complete_person
from .group import State, pass_state

# ---------------------------------------------------------------- show


@click.command()
@click.argument("person", shell_complete=complete_person)
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
    found = People(journal.people.values()).find_loosely(person)
    if found.slug is None:
        raise click.ClickException(found.why)
    timeline = timelines(journal, workspace.today)[found.slug]
    for line in person_lines(timeline, journal, workspace.today):
        echo(line)


# ---------------------------------------------------------------- next


@click.command("next")
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


@click.command()
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
