"""`kithbook check`: every problem of a journal, the config's included, printed as
``path:line: level: message`` with a summary line; and --watch, which re-checks on
every save and says what changed since the last run."""

from __future__ import annotations

import queue
import threading
import time as clock
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import click

from ..config import CONFIG_FILE, parse_config, read_config_file, today_or_problem
from ..files import FileCache, journal_files
from ..load import EVENTS_DIR, PEOPLE_DIR, load_journal
from ..model import Problem
from ..terminal import echo, json_text
from ..text import count
from .group import State, find_root, pass_state


@click.command()
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


@dataclass(frozen=True)
class CheckResult:
    """What a check found: the problems, and how many records were read."""

    problems: tuple[Problem, ...]
    people: int
    events: int

    @property
    def errors(self) -> int:
        return sum(problem.level == "error" for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.level == "warning" for problem in self.problems)

    def failed(self, strict: bool) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        """One line: 'N people, M events: no problems', or the counts of each level."""
        counted = f"{count(self.people, 'person', 'people')}, {count(self.events, 'event')}"
        if not self.problems:
            return f"{counted}: no problems"
        found = f"{count(self.errors, 'error')}, {count(self.warnings, 'warning')}"
        return f"{counted}: {found}"


def check_journal(root: Path, cache: FileCache | None = None) -> CheckResult:
    """Every problem of the journal at ``root``, the config's included, sorted."""
    settings, config_problems = read_config_file(root)
    config, more = parse_config(settings)
    _, today_problems = today_or_problem(config)
    journal, problems = load_journal(root, config, cache)
    return CheckResult(
        tuple(sorted([*config_problems, *more, *today_problems, *problems])),
        len(journal.people),
        len(journal.events),
    )


def problem_changes(
    before: Iterable[Problem], after: Iterable[Problem]
) -> tuple[list[Problem], list[Problem]]:
    """(new problems, fixed problems) between two checks. A problem that only moved to
    another line (because lines were added above it) is neither."""

    def key(problem: Problem) -> tuple[str, str, str]:
        return (problem.source.path, problem.level, problem.message)

    before, after = list(before), list(after)
    old, new = Counter(map(key, before)), Counter(map(key, after))
    added = _beyond(after, old, key)
    fixed = _beyond(before, new, key)
    return added, fixed


def _beyond(problems: list[Problem], other: Counter, key: Callable) -> list[Problem]:
    """The problems of ``problems`` that ``other`` does not also count."""
    left = Counter(other)
    extra = []
    for problem in problems:
        if left[key(problem)]:
            left[key(problem)] -= 1
        else:
            extra.append(problem)
    return extra


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of each file ``check`` reads, by relative path."""
    files = journal_files(root, PEOPLE_DIR, False) + journal_files(root, EVENTS_DIR, True)
    config_file = root / CONFIG_FILE
    if config_file.exists():
        files.append((config_file, CONFIG_FILE))
    found = {}
    for path, rel in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        found[rel] = (stat.st_mtime_ns, stat.st_size)
    return found


def watch_journal(
    root: Path, say: Callable[[str], None], stop: threading.Event, settle: float = 0.2
) -> None:
    """Check, then re-check whenever a file under people/, events/ or mkdocs.yml is
    saved, saying (to ``say``, a line at a time) the problems that appeared and those
    fixed; until ``stop`` is set or Ctrl-C (which ends it quietly)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    saves: queue.Queue[str] = queue.Queue()

    class Saved(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type in ("created", "modified", "deleted", "moved", "closed"):
                saves.put(str(event.src_path))

    # Watched first, then read: a file saved while the first check runs, or the moment
    # it is printed, is a change seen, not one lost between the check and the watching.
    observer = Observer()
    observer.schedule(Saved(), str(root), recursive=True)
    observer.start()
    files = snapshot(root)
    cache = FileCache()
    result = check_journal(root, cache)
    for problem in result.problems:
        say(str(problem))
    say(f"{result.summary()}; watching for changes (Ctrl-C ends)")
    try:
        while not stop.is_set():
            try:
                saves.get(timeout=0.1)
            except queue.Empty:
                continue
            clock.sleep(settle)  # let an editor finish its save (temp file, rename)
            while not saves.empty():
                saves.get_nowait()
            now = snapshot(root)
            changed = sorted(
                rel for rel in now.keys() | files.keys() if now.get(rel) != files.get(rel)
            )
            files = now
            if not changed:
                continue  # only reads, or files check does not look at
            latest = check_journal(root, cache)
            for line in change_report(changed, result, latest):
                say(line)
            result = latest
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join()


def change_report(changed: list[str], before: CheckResult, after: CheckResult) -> list[str]:
    """What a re-check found, in a few lines: which files changed, what is new, what is fixed."""
    stamp = datetime.now().strftime("%H:%M:%S")
    shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    added, fixed = problem_changes(before.problems, after.problems)
    lines = [f"[{stamp}] {shown} changed: {after.summary()}"]
    lines += [f"  new:   {problem}" for problem in added]
    lines += [f"  fixed: {problem}" for problem in fixed]
    return lines
