"""`kithbook import`: people and events from an export of another service, with a
progress bar for long imports. The work is the importers' (``kithbook.importers``)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..importers import KINDS as IMPORT_KINDS
from ..terminal import echo
from .group import State, pass_state

#: Above this many steps an import shows its progress even when stderr is no terminal.
PROGRESS_STEPS = 500


@click.command("import")
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
    from ..importers import Context, Refused
    from ..importers.plan import run_import

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
