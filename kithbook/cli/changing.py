"""The commands that change files a person wrote: `kithbook rename`, `merge`, `rm` (a
person) and `done` (a follow-up). The work is ``kithbook.write``'s.

Each plans the whole change first and prints it, line by line (``path:line: field: old
-> new``); the plan is read back by the loader before anything is written, and nothing
is written when a value cannot be changed exactly or a problem would appear. Then it
is written all or nothing, git is told of a moved or removed file, and the journal is
checked: the last line says what the check found. --dry-run stops after the plan.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from ..terminal import echo
from ..write import JournalChanged
from ..write.edits import EditRefused
from ..write.follow_ups import find_event, open_follow_up, plan_done
from ..write.merge import plan_merge
from ..write.people import find_person, plan_remove, plan_rename, references_to
from ..write.plan import Opened, Plan
from .checking import check_journal
from .completion import complete_event, complete_person
from .group import State, pass_state
from .options import one_line

DRY_RUN = click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")


def _carry_out(state: State, make: Callable[[Opened], tuple[Plan, str]], dry_run: bool) -> None:
    """Plan with ``make`` (a plan and the line that says it is done); in a dry run, print
    the plan; otherwise write it, then say what changed and check the journal. Nothing
    is said to have changed before it has."""
    workspace = state.workspace()
    opened = Opened.read(workspace.root, workspace.config)
    try:
        plan, done = make(opened)
    except EditRefused as error:
        raise click.ClickException(str(error)) from None
    if dry_run:
        _say(plan, dry_run=True)
        echo(f"{done}; dry run: nothing written")
        return
    try:
        said = plan.commit(workspace.root)
    except JournalChanged as error:
        raise click.ClickException(f"nothing written: {error}; run it again") from None
    _say(plan, dry_run=False)
    for line in said:
        echo(line)
    result = check_journal(workspace.root, opened.files)
    echo(f"{done}; check: {result.summary()}")
    if result.failed(strict=False):
        raise click.exceptions.Exit(1)


def _say(plan: Plan, dry_run: bool) -> None:
    """Print what ``plan`` changes, then its notes: as done once it is written, as it
    would be in a dry run."""
    for line in plan.lines:
        echo(line)
    for done, would in plan.notes:
        echo(f"note: {would if dry_run else done}", err=True)


# ---------------------------------------------------------------- rename


@click.command()
@click.argument("person", shell_complete=complete_person)
@click.option("--name", "new_name", metavar="NEW", callback=one_line,
              help="The new name (the slug follows it).")  # fmt: skip
@click.option("--slug", "new_slug", metavar="NEW", callback=one_line,
              help="The new slug: the file name and id.")  # fmt: skip
@DRY_RUN
@pass_state
def rename(
    state: State, person: str, new_name: str | None, new_slug: str | None, dry_run: bool
) -> None:
    """Rename PERSON: a new name, a new slug, or both.

    The file moves to the new slug (git records the move when the journal is in git,
    as git mv would), references in events (with:, by:) and people (introduced_by:)
    that would no longer name them follow, and the old name joins aka, so a reference
    by it, old notes and future imports still find them. Every other byte of every
    file stays as it was. With --name alone the slug is made from the new name, as
    add makes it; give --slug with the old slug to keep it.

    \b
    Examples:
      kithbook rename zoe-angstrom --name "Zoë Smith"      # people/zoe-smith.md
      kithbook rename zoe-angstrom --slug zoe              # people/zoe.md
      kithbook rename "Jane Doe" --name "Jane Roe" --slug jane-doe
      kithbook rename jane-doe --name "Jane Roe" --dry-run
    """
    if new_name is None and new_slug is None:
        raise click.UsageError("say what changes: --name NEW, --slug NEW, or both")

    def make(opened: Opened) -> tuple[Plan, str]:
        found = find_person(opened, person)
        plan, renamed = plan_rename(opened, found, new_name, new_slug)
        return plan, f"renamed {found.name} ({found.slug}) to {renamed.name} ({renamed.slug})"

    _carry_out(state, make, dry_run)


# ---------------------------------------------------------------- merge


@click.command()
@click.argument("keep", shell_complete=complete_person)
@click.argument("other", shell_complete=complete_person)
@DRY_RUN
@pass_state
def merge(state: State, keep: str, other: str, dry_run: bool) -> None:
    """Merge OTHER into KEEP: one person from two (an import's duplicate, a nickname).

    OTHER's fields fill KEEP's empty ones; lists of the same field are joined (KEEP's
    items first, each once); where both hold one value and they differ, KEEP's is kept
    and the difference listed. OTHER's name and akas join KEEP's aka, OTHER's
    notes are added after KEEP's under a heading, every reference to OTHER that would
    no longer find them now names KEEP, and OTHER's file goes.

    \b
    Examples:
      kithbook merge jane-doe jane-doe-2 --dry-run
      kithbook merge jane-doe "Janie D"
    """

    def make(opened: Opened) -> tuple[Plan, str]:
        kept, merged = find_person(opened, keep), find_person(opened, other)
        plan = plan_merge(opened, kept, merged)
        return plan, f"merged {merged.name} ({merged.slug}) into {kept.name} ({kept.slug})"

    _carry_out(state, make, dry_run)


# ---------------------------------------------------------------- rm


@click.command("rm")
@click.argument("person", shell_complete=complete_person)
@click.option(
    "--detach", is_flag=True, help="Take them out of the events and introductions naming them."
)
@DRY_RUN
@pass_state
def remove(state: State, person: str, detach: bool, dry_run: bool) -> None:
    """Remove PERSON: their file goes (git records it when the journal is in git).

    While events name them (with:, by:) or people were introduced by them, nothing is
    removed and those are listed: --detach takes them out of each (the events stay),
    or merge them into someone instead.

    \b
    Examples:
      kithbook rm old-contact
      kithbook rm jane-doe --detach --dry-run
      kithbook merge jane-doe jane-d      # instead: keep their history under jane-doe
    """

    def make(opened: Opened) -> tuple[Plan, str]:
        found = find_person(opened, person)
        if not detach:
            for line in references_to(opened, found.slug):
                echo(f"  {line}", err=True)
        plan = plan_remove(opened, found, detach)
        return plan, f"removed {found.name} ({found.slug})"

    _carry_out(state, make, dry_run)


# ---------------------------------------------------------------- done


@click.command()
@click.argument("event", shell_complete=complete_event)
@click.argument("text", required=False)
@DRY_RUN
@pass_state
def done(state: State, event: str, text: str | None, dry_run: bool) -> None:
    """Tick a follow-up of EVENT: `[x] ` before it in the file, nothing else changed.

    EVENT is an event's id (as `kithbook find` and the site show it), its file, or a
    part of its id that only one event holds. TEXT picks the follow-up when the event
    has several open ones: a part of it, whatever the case and accents.

    \b
    Examples:
      kithbook done 2026/2026-11-20-coffee-at-tilt
      kithbook done coffee-at-tilt slides
      kithbook done events/2026/2026-11-20-coffee-at-tilt.md "send the slides"
    """

    def make(opened: Opened) -> tuple[Plan, str]:
        found = find_event(opened, event)
        item = open_follow_up(found, text)
        return plan_done(opened, found, item), f"done: {item.text} ({found.id})"

    _carry_out(state, make, dry_run)
