"""The `kithbook` group and what its commands share: the journal a command works on
(found upwards from where it runs, or given with --journal), and the edge where
anything that stops a command becomes one clear line.

Each command finds the journal, asks the library, and prints, only through
``terminal.echo``, which makes every line safe for a terminal. Problems in the
user's files are values printed as ``path:line: level: message``; anything that
stops a command is turned into one clear line and exit status 1 here, at the
edge. Usage errors are click's: exit status 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import click

from .. import config as config_module
from ..model import Config, Problem
from ..terminal import echo, terminal_safe
from ..write import WriteFailed, finish_interrupted

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


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
    return Workspace(root, config, tuple(problems + more), today_for(config))


def today_for(config: Config) -> date:
    """Today, for a command (``config.resolve_today``); a ``KITHBOOK_TODAY`` that is no
    date stops the command with one line."""
    try:
        return config_module.resolve_today(config)
    except ValueError as error:
        raise click.ClickException(f"KITHBOOK_TODAY: {error}") from None


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
            except WriteFailed as error:
                raise click.ClickException(_not_written(ctx, error)) from None
            except OSError as error:
                where = f"{error.filename}: " if error.filename else ""
                raise click.ClickException(f"{where}{error.strerror or error}") from None


def _not_written(ctx: click.Context, error: WriteFailed) -> str:
    """The one line for a journal file the system would not write: the file as the
    person knows it (relative to the journal), why, and that nothing was written."""
    path = Path(error.filename)
    state = ctx.find_object(State)
    root = state._workspace.root if state is not None and state._workspace else None
    if root is not None and path.is_relative_to(root):
        path = path.relative_to(root)
    return f"could not write {path.as_posix()}: {error.strerror}; nothing written"


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
      kithbook log "Coffee" --with zoe-angstrom --kind coffee --date "last friday"
      kithbook today
      kithbook rename zoe-angstrom --name "Zoë Smith"
      kithbook show zoe-angstrom
      kithbook check
      kithbook next -n 5

    KITHBOOK_TODAY=YYYY-MM-DD in the environment fixes "today". Tab completion in
    bash: eval "$(_KITHBOOK_COMPLETE=bash_source kithbook)" in ~/.bashrc.
    """
    ctx.obj = State(journal)
    root = journal or config_module.find_journal(Path.cwd())
    if root is not None:  # an import that a kill stopped halfway is finished first
        finish_interrupted(root, lambda line: echo(line, err=True))
