"""kithbook at scale: ``make bench`` (``python benchmarks/run.py``).

For each size N (people; about 10 events each) this generates a synthetic journal
in a temporary folder (benchmarks/generate.py) and measures it ``--repeat`` times,
reporting medians. One run is, back to back:

- kithbook alone: its work for one build (load, git history, timelines, ranking,
  pages) in a fresh process, timed by step;
- build: a real ``mkdocs build`` of the journal (a child process: wall and CPU
  time, the site's bytes, peak memory from ``os.wait4``), and kithbook's own time
  in it, from the line the hook logs;
- floor: a plain ``mkdocs build``, same theme, plugins and extensions and no
  kithbook hook, of the very Markdown pages kithbook generated for the journal,
  written to disk as hand-written pages: what MkDocs costs for this site anyway.

Then the parse floor (the journal files through PyYAML's C loader and nothing
else) and, at N = 1,000, ``mkdocs serve``: the person's page open in chromium (or,
without chromium, fetched over HTTP), the person file saved, and the time until the
new text shows on the page, which MkDocs' livereload script reloads; beside it,
MkDocs' own "Documentation built in X seconds" for that rebuild and how many
journal files kithbook read again (its FileCache should read only the saved one).

It ends with PASS or FAIL for each target (docs/benchmarks.md).
Usage: ``python benchmarks/run.py [--sizes 1000,5000,10000] [--repeat 3] [--json FILE]``.
Benchmarks are not tests: nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

TODAY = generate.TODAY
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KITHBOOK_TODAY": TODAY}
#: Targets (docs/benchmarks.md).
FLOOR_RATIO = 1.3
ENGINE_SHARE = 0.10
LINEAR_RATIO = 1.5
SERVE_PEOPLE = "1000,10000"
#: Seconds from a save to the page showing it, by kind of save and N (issue 16).
SERVE_TARGETS = {
    ("note", 1000): 1.0, ("note", 10000): 2.0,
    ("event", 1000): 1.0, ("event", 10000): 2.0,
    ("rename", 1000): 3.0,
}  # fmt: skip
#: The full build against the earlier commit's (``--against``), in time and bytes.
AGAINST_RATIO = 0.6
KITHBOOK_LINE = re.compile(
    r"kithbook: read (?P<read>\d+) of (?P<files>\d+) journal files; "
    r"journal in (?P<load>[\d.]+) s, pages in (?P<pages>[\d.]+) s"
)
BUILT_LINE = re.compile(r"Documentation built in (?P<seconds>[\d.]+) seconds")
#: A rebuild under mkdocs serve: MkDocs' own, or kithbook's of a save to the journal.
REBUILT_LINE = re.compile(r"(?:Documentation built|kithbook: rebuilt) in (?P<seconds>[\d.]+) s")
RENDERED_LINE = re.compile(r"kithbook: rendered (?P<rendered>\d+) of (?P<pages>\d+) pages")


# ---------------------------------------------------------------- measuring


def run_child(
    command: list[str], cwd: Path, log: Path, env: dict | None = None
) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak memory in MiB, exit status) of a child process."""
    with open(log, "w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env or ENV, stdout=out, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def tree_bytes(folder: Path) -> int:
    return sum(
        os.stat(os.path.join(dirpath, name)).st_size
        for dirpath, _, names in os.walk(folder)
        for name in names
    )


def mkdocs_build(root: Path, site: Path, log: Path, kithbook: Path | None = None) -> dict:
    """One real ``mkdocs build`` of ``root`` into ``site`` (removed first, outside the
    timing); with ``kithbook``, the kithbook package found there (an earlier commit's)."""
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    env = {**ENV, "PYTHONPATH": str(kithbook)} if kithbook else None
    seconds, cpu, memory, status = run_child(command, root, log, env)
    text = log.read_text(errors="replace")
    if status != 0:
        raise SystemExit(f"mkdocs build failed in {root} (exit {status}):\n{text[-3000:]}")
    found = KITHBOOK_LINE.search(text)
    built = BUILT_LINE.search(text)
    return {
        "seconds": seconds,
        "cpu": cpu,
        "memory_mib": memory,
        "mkdocs_seconds": float(built["seconds"]) if built else None,
        "kithbook_seconds": float(found["load"]) + float(found["pages"]) if found else None,
        # warnings, and the links MkDocs cannot resolve (it reports a missing anchor as INFO)
        "warnings": sum(
            1
            for line in text.splitlines()
            if line.startswith("WARNING") or "contains a link" in line
        ),
    }


def say(text: str) -> None:
    print(text, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> float:
    """(max - min) / median: how noisy the repeats were."""
    return (max(values) - min(values)) / median(values) if len(values) > 1 else 0.0


def noise(result: dict) -> float:
    """The largest spread of one size's repeated measurements."""
    return max(spread(result[key]) for key in ("build_runs", "floor_runs", "engine_runs"))


# ---------------------------------------------------------------- the engine, in a child


class Steps:
    """Wall and CPU seconds of named steps."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def run(self, name: str, work, *args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work(*args, **kwargs)
        self.wall[name] = time.perf_counter() - wall
        self.cpu[name] = time.process_time() - cpu
        return result


def engine_once(root: Path, floor_docs: Path | None) -> dict:
    """kithbook's work for one build, as mkdocs_hooks.on_files does it (load, git history,
    pages; the pages include the timelines and the ranking), timed by step. Timelines
    and ranking are also timed alone, for the breakdown. With ``floor_docs``, the
    generated files are written there as plain pages, for the floor."""
    from kithbook import pages
    from kithbook.config import parse_config, read_config_file
    from kithbook.files import FileCache
    from kithbook.load import load_journal
    from kithbook.timeline import timelines

    try:
        from kithbook.suggest import rank
    except ImportError:
        rank = None
    try:
        from kithbook.history import read_history
    except ImportError:
        read_history = None
    settings, problems = read_config_file(root)
    config, more = parse_config(settings)
    today = date.fromisoformat(TODAY)
    steps = Steps()
    cache = FileCache()
    journal, found = steps.run("load", load_journal, root, config, cache)
    history = steps.run("history", read_history, root) if read_history else None
    lines = steps.run("timelines", timelines, journal, today)
    if rank is not None:
        steps.run("rank", rank, journal, lines, today)
    accepted = inspect.signature(pages.build_site).parameters
    options = {"history": history} if "history" in accepted else {}
    problems = problems + more + found
    files = steps.run("pages", pages.build_site, journal, problems, today, "", **options)
    engine = ["load", "history", "pages"]
    if rank is not None and "rank(" not in inspect.getsource(pages):
        engine.append("rank")  # the hook would rank on its own
    times = dict(steps.wall)
    times["engine"] = sum(steps.wall.get(name, 0.0) for name in engine)
    times["engine_cpu"] = sum(steps.cpu.get(name, 0.0) for name in engine)
    if floor_docs is not None:
        try:  # a page given to MkDocs as ready HTML, as plain Markdown
            from kithbook.ready import as_markdown
        except ImportError:  # an earlier commit's pages are Markdown
            as_markdown = str
        for path, content in files.items():
            target = floor_docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(as_markdown(content), encoding="utf-8")
    return {
        "times": times,
        "people": len(journal.people),
        "events": len(journal.events),
        "problems": len(problems),
        "files_read": cache.reads,
        "generated": len(files),
    }


def write_content_floor(root: Path, docs: Path) -> int:
    """The content floor's pages, written to ``docs``: what a person would write by hand
    for the same journal, as plain Markdown pages. Each person page has the person's
    details, their timeline (each event linked, with the others there) and their notes;
    each event page its details, its people linked and its notes; two index pages list
    them. No pictures, no ranking: what any MkDocs site of this content costs.
    Returns the number of pages."""
    from kithbook.config import parse_config, read_config_file
    from kithbook.load import load_journal
    from kithbook.timeline import timelines

    settings, _ = read_config_file(root)
    config, _ = parse_config(settings)
    journal, _ = load_journal(root, config)
    lines = timelines(journal, date.fromisoformat(TODAY))
    people = journal.people

    def write(path: str, text: str) -> None:
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def person_link(slug: str, up: str) -> str:
        return f"[{people[slug].name}]({up}people/{slug}.md)"

    write("index.md", "# Home\n\nA journal of people and events.\n")
    pages = 1
    for slug, person in people.items():
        rows = [f"| Where | {person.where or ''} |", f"| Circle | {person.circle} |"]
        if person.tags:
            rows.append(f"| Tags | {', '.join(person.tags)} |")
        if person.org or person.role:
            rows.append(f"| Work | {person.role or ''} {person.org or ''} |")
        timeline = []
        for event in reversed(lines[slug].past):
            title = f"[{event.title}](../events/{event.id}.md)" if event.page else event.title
            others = ", ".join(person_link(s, "../") for s in event.with_ if s != slug)
            timeline.append(
                f"- {event.date.isoformat()} · {title} · *{event.kind}*"
                + (f" · with {others}" if others else "")
            )
        notes = f"\n## Notes\n\n{person.notes}\n" if person.notes else ""
        write(
            f"people/{slug}.md",
            f"# {person.name}\n\n| | |\n|---|---|\n" + "\n".join(rows)
            + "\n\n## Timeline\n\n" + "\n".join(timeline) + "\n" + notes,
        )  # fmt: skip
        pages += 1
    events = [e for e in journal.events if e.page]
    for event in events:
        up = "../" * (event.id.count("/") + 1)
        rows = [f"| When | {event.date.isoformat()} |", f"| Kind | {event.kind} |"]
        if event.place:
            rows.append(f"| Place | {event.place} |")
        if event.with_:
            rows.append(f"| With | {', '.join(person_link(s, up) for s in event.with_)} |")
        notes = f"\n## Notes\n\n{event.notes}\n" if event.notes else ""
        write(
            f"events/{event.id}.md",
            f"# {event.title}\n\n| | |\n|---|---|\n" + "\n".join(rows) + "\n" + notes,
        )
        pages += 1
    write(
        "people/index.md",
        "# People\n\n" + "\n".join(f"- [{p.name}]({s}.md)" for s, p in people.items()) + "\n",
    )
    write(
        "events/index.md",
        "# Events\n\n"
        + "\n".join(f"- {e.date.isoformat()} [{e.title}]({e.id}.md)" for e in events)
        + "\n",
    )
    return pages + 2


def parse_floor(root: Path) -> float:
    """Seconds to read every journal file and load its YAML with PyYAML's C loader alone."""
    import yaml

    start = time.perf_counter()
    for folder in ("people", "events"):
        for dirpath, _, names in os.walk(root / folder):
            for name in names:
                text = Path(dirpath, name).read_text(encoding="utf-8")
                if name.endswith(".md"):
                    text = text.split("\n---", 1)[0].removeprefix("---\n")
                yaml.load(text, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def engine_in_child(root: Path, floor_docs: Path | None = None) -> dict:
    command = [sys.executable, __file__, "--engine-once", str(root)]
    if floor_docs is not None:
        command += ["--floor-docs", str(floor_docs)]
    result = subprocess.run(command, env=ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the engine failed on {root}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


# ---------------------------------------------------------------- mkdocs serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextlib.contextmanager
def watch_page(url: str):
    """(how, shows): ``shows(text)`` tells whether the page at ``url`` shows ``text``.
    In chromium, the page stays open as a person has it and MkDocs' livereload script
    reloads it; without chromium (or playwright) the page is fetched over HTTP."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not Path(CHROMIUM).exists():
        yield "fetched over HTTP (no chromium)", lambda text: text in (fetch(url) or "")
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)

            def shows(text: str) -> bool:
                try:
                    return text in page.inner_text("body", timeout=2000)
                except Error:  # the page is being reloaded
                    return False

            yield "in chromium", shows
        finally:
            browser.close()


DETECTED = "Detected file changes"


def rebuild_log(log: Path, before: int) -> str:
    """The log of the first rebuild after ``before`` rebuilds, once it has finished."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        parts = log.read_text(errors="replace").split(DETECTED)
        if len(parts) > before + 1 and "Reloading browsers" in parts[before + 1]:
            return parts[before + 1]
        time.sleep(0.05)
    return ""


#: The saves measured under ``mkdocs serve``, each on the page of the person it touches.
EDITS = ("note", "event", "rename")


def save(kind: str, root: Path, person: Path, number: int) -> str:
    """Make one save of ``kind`` about ``person`` as a person would in an editor; the text
    that shows on their page once the site has it."""
    mark = f"{number} {time.time_ns()}"
    if kind == "note":  # a line added to their notes
        text = f"Benchmark note {mark}"
        with open(person, "a", encoding="utf-8") as file:
            file.write(f"\n{text}\n")
    elif kind == "event":  # a new event file with them
        text = f"Benchmark event {mark}"
        path = root / "events" / "2026" / f"2026-11-20-benchmark-{number}.md"
        path.write_text(
            f'---\ndate: 2026-11-20\ntitle: "{text}"\nkind: coffee\nwith: [{person.stem}]\n---\n',
            encoding="utf-8",
        )
    else:  # their name changed: every page that names them changes
        text = f"Renamed {mark}"
        lines = person.read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("name:"))
        lines[at] = f'name: "{text}"'
        person.write_text("\n".join(lines), encoding="utf-8")
    return text


def serve_edits(root: Path, work: Path, edits: int) -> dict:
    """Times from a save to the person's page showing it under ``mkdocs serve``, for each
    kind of save (``EDITS``), with MkDocs' own time for each rebuild and kithbook's reads."""
    port = free_port()
    log = work / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    person = sorted((root / "people").glob("*.md"))[0]
    url = f"http://127.0.0.1:{port}/people/{person.stem}/"
    results = []
    with open(log, "w") as out:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
            # A runner started in the background ignores SIGINT, and its children would too;
            # mkdocs serve needs it to stop cleanly and remove its temporary site.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        try:
            deadline = time.monotonic() + 3600
            while fetch(url) is None:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"mkdocs serve did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.2)
            time.sleep(1.0)  # let the watchers take their first look
            with watch_page(url) as (how, shows):
                for number in range(1, edits + 1):
                    for kind in EDITS:
                        before = log.read_text(errors="replace").count(DETECTED)
                        start = time.perf_counter()
                        marker = save(kind, root, person, number)
                        while not shows(marker):
                            if time.perf_counter() - start > 900:
                                raise SystemExit(f"the {kind} never showed under mkdocs serve")
                            time.sleep(0.02)
                        visible = time.perf_counter() - start
                        text = rebuild_log(log, before)
                        built = REBUILT_LINE.search(text)
                        found = KITHBOOK_LINE.search(text)
                        rendered = RENDERED_LINE.search(text)
                        results.append(
                            {
                                "kind": kind,
                                "visible": visible,
                                "watched": how,
                                "load": os.getloadavg()[0],
                                "mkdocs_seconds": float(built["seconds"]) if built else None,
                                "files_read": int(found["read"]) if found else None,
                                "files": int(found["files"]) if found else None,
                                "journal_seconds": float(found["load"]) if found else None,
                                "kithbook_seconds": float(found["load"]) + float(found["pages"])
                                if found
                                else None,
                                "rendered": int(rendered["rendered"]) if rendered else None,
                            }
                        )
                        time.sleep(1.0)
            first = KITHBOOK_LINE.search(log.read_text(errors="replace"))
        finally:
            process.send_signal(signal.SIGINT)  #: mkdocs serve removes its temporary site
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return {
        "edits": results,
        "first_load": float(first["load"]) if first else None,
        "first_read": int(first["read"]) if first else None,
    }


# ---------------------------------------------------------------- one size


def floor_config(root: Path, floor: Path) -> None:
    """The floor site: kithbook's generated pages as plain files, no hook; person and
    event pages out of the navigation, as kithbook keeps them."""
    floor.mkdir(parents=True, exist_ok=True)
    (floor / "mkdocs.yml").write_text(
        generate.config_text(
            "Benchmark floor",
            hooks=False,
            extra_css=["assets/kithbook.css"],
            not_in_nav="/people/*.md\n!/people/index.md\n/events/**/*.md\n!/events/index.md",
        ),
        encoding="utf-8",
    )


def git_commit(root: Path) -> None:
    """The journal as a git repository with one commit, packed, as journals usually are.
    git's automatic housekeeping is off: after a commit of 80,000 files it would pack
    them in the background, during the first measurements."""
    git = ["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    git += ["-c", "gc.auto=0", "-c", "maintenance.auto=false"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "people", "events", "docs", "mkdocs.yml", "hooks"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "journal"], check=True)
    subprocess.run([*git, "gc", "-q"], check=True)


def export_commit(revision: str, folder: Path) -> Path:
    """The kithbook package of ``revision`` in ``folder``, for a build side by side."""
    repo = Path(__file__).resolve().parent.parent
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", revision, "kithbook"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def measure(
    n: int, work: Path, repeat: int, seed: int, serve: bool, against: Path | None = None
) -> dict:
    root = work / "journal"
    counts = generate.generate(root, n, seed)
    generate.write_site(root)
    git_commit(root)
    say(
        f"\nN = {n:,}: {counts['event_pages']:,} event pages, "
        f"{counts['log_items']:,} logged events in {counts['log_files']} .yml files"
    )

    floor, content = work / "floor", work / "content-floor"
    engine_runs, builds, floors, contents, before = [], [], [], [], []
    for number in range(repeat):
        # A run is kithbook alone, the build, the floors and the earlier commit's build,
        # back to back: the speed of a shared machine drifts, and what is compared
        # should share its conditions.
        first = number == 0
        engine_runs.append(engine_in_child(root, floor / "docs" if first else None))
        if first:
            floor_config(root, floor)
            floor_config(root, content)
            content_pages = write_content_floor(root, content / "docs")
        builds.append(mkdocs_build(root, work / "site", work / f"build-{number}.log"))
        site_bytes = tree_bytes(work / "site")
        floors.append(mkdocs_build(floor, work / "floor-site", work / f"floor-{number}.log"))
        floor_bytes = tree_bytes(work / "floor-site")
        log = work / f"content-{number}.log"
        contents.append(mkdocs_build(content, work / "content-site", log))
        content_bytes = tree_bytes(work / "content-site")
        line = (
            f"  kithbook alone {engine_runs[-1]['times']['engine']:.2f} s; build "
            f"{builds[-1]['seconds']:.1f} s, kithbook in it "
            f"{builds[-1]['kithbook_seconds']:.2f} s; page floor {floors[-1]['seconds']:.1f} s; "
            f"content floor {contents[-1]['seconds']:.1f} s"
        )
        if against is not None:
            site = work / "against-site"
            before.append(mkdocs_build(root, site, work / f"against-{number}.log", against))
            against_bytes = tree_bytes(site)
            line += f"; the earlier commit's build {before[-1]['seconds']:.1f} s"
        say(line)
    info = engine_runs[0]
    times = {key: median([r["times"][key] for r in engine_runs]) for key in info["times"]}
    parse = median([parse_floor(root) for _ in range(repeat)])
    say(f"  parse floor {parse:.2f} s")
    for name in ("site", "floor-site", "content-site", "against-site"):
        shutil.rmtree(work / name, ignore_errors=True)
    pages = sum(1 for _ in (floor / "docs").rglob("*.md"))
    result = {
        "n": n,
        "counts": counts,
        "pages": pages,
        "problems": info["problems"],
        "engine": times,
        "engine_runs": [r["times"]["engine"] for r in engine_runs],
        "parse_floor": parse,
        "build": median([b["seconds"] for b in builds]),
        "build_runs": [b["seconds"] for b in builds],
        "build_cpu": median([b["cpu"] for b in builds]),
        "floor_cpu": median([f["cpu"] for f in floors]),
        "build_kithbook": median([b["kithbook_seconds"] or 0 for b in builds]),
        # kithbook's share of each build, from the build's own log line
        "share": median([(b["kithbook_seconds"] or 0) / b["seconds"] for b in builds]),
        "build_warnings": builds[0]["warnings"],
        "floor": median([f["seconds"] for f in floors]),
        "floor_runs": [f["seconds"] for f in floors],
        "floor_cpu_runs": [f["cpu"] for f in floors],
        "build_cpu_runs": [b["cpu"] for b in builds],
        "content_floor": median([c["seconds"] for c in contents]),
        "content_floor_runs": [c["seconds"] for c in contents],
        "content_pages": content_pages,
        "content_bytes": content_bytes,
        "memory_mib": median([b["memory_mib"] for b in builds]),
        "floor_memory_mib": median([f["memory_mib"] for f in floors]),
        "site_bytes": site_bytes,
        "floor_bytes": floor_bytes,
    }
    if against is not None:
        result["against"] = median([b["seconds"] for b in before])
        result["against_runs"] = [b["seconds"] for b in before]
        result["against_bytes"] = against_bytes
        result["against_memory_mib"] = median([b["memory_mib"] for b in before])
    if serve:
        result["serve"] = serve_edits(root, work, repeat)
    return result


# ---------------------------------------------------------------- the report


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    from importlib.metadata import version

    import markdown
    import mkdocs

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "mkdocs": mkdocs.__version__,
        "material": version("mkdocs-material"),
        "markdown": markdown.__version__,
        "pyyaml": version("pyyaml"),
        "load": os.getloadavg(),
        "commit": commit(),
    }


def commit() -> str:
    """The kithbook commit measured, with '+changes' if the working tree differs from it."""
    repo = Path(__file__).resolve().parent.parent
    git = ["git", "-C", str(repo)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    changed = subprocess.run(
        [*git, "status", "--porcelain", "kithbook"], capture_output=True, text=True
    )
    return (head.stdout.strip() or "unknown") + ("+changes" if changed.stdout.strip() else "")


def mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB"


def report(results: list[dict], about: dict, elapsed: float) -> bool:
    print("\n## kithbook at scale\n")
    print(
        f"{about['cpu']}, {about['cores']} cores, {about['memory_gib']} GiB; {about['system']}; "
        f"Python {about['python']}, MkDocs {about['mkdocs']}, Material {about['material']}, "
        f"PyYAML {about['pyyaml']}. Load average at start {about['load'][0]:.2f}, "
        f"at end {os.getloadavg()[0]:.2f}. kithbook {about['commit']}. "
        "Each figure is the median of the size's runs.\n"
    )
    print(
        "| N people | runs | pages | build | earlier commit | content floor | page floor "
        "| build/content floor | kithbook in the build "
        "| kithbook/build | kithbook alone | load | parse floor | site | earlier site "
        "| content floor site | peak memory | floor peak memory | noise |"
    )
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in results:
        e = r["engine"]
        against = f"{r['against']:.1f} s" if "against" in r else "-"
        against_bytes = mib(r["against_bytes"]) if "against" in r else "-"
        print(
            f"| {r['n']:,} | {len(r['build_runs'])} | {r['pages']:,} "
            f"| {r['build']:.1f} s | {against} | {r['content_floor']:.1f} s | {r['floor']:.1f} s "
            f"| {r['build'] / r['content_floor']:.2f} | {r['build_kithbook']:.1f} s "
            f"| {r['share']:.1%} | {e['engine']:.1f} s "
            f"| {e['load']:.2f} s | {r['parse_floor']:.2f} s "
            f"| {mib(r['site_bytes'])} | {against_bytes} | {mib(r['content_bytes'])} "
            f"| {r['memory_mib']:,.0f} MiB "
            f"| {r['floor_memory_mib']:,.0f} MiB | {noise(r):.0%} |"
        )
    print(
        "\nkithbook alone, in a process of its own, by step, wall seconds (pages includes "
        "timelines and rank, also timed alone):"
    )
    for r in results:
        steps = ", ".join(f"{k} {v:.2f}" for k, v in r["engine"].items() if k != "engine_cpu")
        print(f"- N={r['n']:,}: {steps}; in the build's own log line: {r['build_kithbook']:.2f}")
    print("\nPer person (build, floor, engine, site bytes):")
    for r in results:
        print(
            f"- N={r['n']:,}: {1000 * r['build'] / r['n']:.1f} ms, "
            f"{1000 * r['floor'] / r['n']:.1f} ms, {1000 * r['engine']['engine'] / r['n']:.2f} ms, "
            f"{r['site_bytes'] / r['n'] / 1024:.0f} KiB"
        )

    checks: list[tuple[str, bool, str]] = []
    for r in results:
        ratio = r["build"] / r["content_floor"]
        checks.append((f"N={r['n']:,}: build within {FLOOR_RATIO}x of MkDocs building "
                       "comparable plain pages (the content floor)",
                       ratio <= FLOOR_RATIO, f"{ratio:.2f}x"))  # fmt: skip
        if "against" in r:
            ratio = r["build"] / r["against"]
            checks.append((f"N={r['n']:,}: build at most {AGAINST_RATIO}x of the earlier "
                           "commit's, side by side", ratio <= AGAINST_RATIO,
                           f"{ratio:.2f}x"))  # fmt: skip
            ratio = r["site_bytes"] / r["against_bytes"]
            checks.append((f"N={r['n']:,}: site at most {AGAINST_RATIO}x of the earlier "
                           "commit's bytes", ratio <= AGAINST_RATIO, f"{ratio:.2f}x"))  # fmt: skip
        alone = r["engine"]["engine"] / r["build"]
        checks.append((f"N={r['n']:,}: kithbook under {ENGINE_SHARE:.0%} of the build",
                       r["share"] < ENGINE_SHARE, f"{r['share']:.1%} (measured alone, "
                       f"in a process of its own: {alone:.1%})"))  # fmt: skip
        if r["build_warnings"]:
            checks.append((f"N={r['n']:,}: the build logs no warnings or broken links", False,
                           f"{r['build_warnings']} warnings"))  # fmt: skip
    if len(results) > 1:
        small, large = results[0], results[-1]
        for what, key in (("time", "build"), ("bytes", "site_bytes"), ("engine", None)):
            a = (small["engine"]["engine"] if key is None else small[key]) / small["n"]
            b = (large["engine"]["engine"] if key is None else large[key]) / large["n"]
            checks.append((f"linear {what}: per person at N={large['n']:,} within "
                           f"{LINEAR_RATIO}x of N={small['n']:,}", b / a <= LINEAR_RATIO,
                           f"{b / a:.2f}x"))  # fmt: skip
        floor = (large["floor"] / large["n"]) / (small["floor"] / small["n"])
        print(f"\nFor reference, MkDocs alone (the floor) per person at N={large['n']:,}: "
              f"{floor:.2f}x of N={small['n']:,}")  # fmt: skip
    for r in results:
        if "serve" not in r:
            continue
        edits = r["serve"]["edits"]
        print(
            f"\nmkdocs serve at N={r['n']:,}, a save to the person's page showing it "
            f"({edits[0].get('watched', 'fetched over HTTP')}); each save: seconds visible "
            "(the rebuild, kithbook's reading and pages in it, pages rendered, load average); "
            "first build: "
            f"{r['serve']['first_read']} files read, "
            f"journal in {r['serve']['first_load'] or 0:.2f} s"
        )
        for kind in EDITS:
            mine = [e for e in edits if e.get("kind", "note") == kind]
            if not mine:
                continue
            visible = median([e["visible"] for e in mine])
            runs = ", ".join(
                f"{e['visible']:.2f} ({e['mkdocs_seconds'] or 0:.2f}, "
                f"{e['kithbook_seconds'] or 0:.2f}, {e.get('rendered')}, {e.get('load', 0):.1f})"
                for e in mine
            )
            print(f"- {kind}: median {visible:.2f} s; {runs}")
            target = SERVE_TARGETS.get((kind, r["n"]))
            if target is not None:
                checks.append((f"serve N={r['n']:,}: a {kind} shows within {target:g} s",
                               visible <= target, f"median {visible:.2f} s"))  # fmt: skip
        notes = [e for e in edits if e.get("kind", "note") == "note"]
        checks.append((f"serve N={r['n']:,}: a rebuild after a note re-reads only the saved file",
                       all(e["files_read"] == 1 for e in notes),
                       f"{[e['files_read'] for e in notes]}"))  # fmt: skip
    print()
    for name, ok, figure in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {figure}")
    print(f"\nThe benchmark took {elapsed / 60:.1f} minutes.")
    return all(ok for _, ok, _ in checks)


def main() -> None:
    parser = argparse.ArgumentParser(description="kithbook at scale")
    parser.add_argument("--sizes", default="1000,5000,10000", help="people, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary journals")
    parser.add_argument(
        "--resume", action="store_true", help="keep the sizes already in the --json file"
    )
    parser.add_argument(
        "--serve-at", default=SERVE_PEOPLE, help="sizes to measure mkdocs serve at, comma-separated"
    )
    parser.add_argument(
        "--against", help="a git revision whose kithbook builds each journal too, side by side"
    )
    parser.add_argument("--engine-once", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--floor-docs", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_once:
        print(json.dumps(engine_once(args.engine_once, args.floor_docs)))
        return

    started = time.perf_counter()
    about = machine()
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    serve_at = {int(size.replace("_", "")) for size in str(args.serve_at).split(",") if size}
    results = []
    if args.resume and args.json and args.json.exists():
        results = json.loads(args.json.read_text())["results"]
        say(f"resuming: {', '.join(str(r['n']) for r in results)} from {args.json}")
    work = Path(tempfile.mkdtemp(prefix="kithbook-bench-"))
    try:
        for n in sizes:
            if any(r["n"] == n for r in results):
                continue
            folder = work / str(n)
            serve = n in serve_at
            against = export_commit(args.against, work / "against") if args.against else None
            results.append(measure(n, folder, args.repeat, args.seed, serve, against))
            results.sort(key=lambda r: r["n"])
            if args.json:  # after each size: a long run that stops keeps what it measured
                args.json.write_text(json.dumps({"machine": about, "results": results}, indent=1))
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if args.keep:
            print(f"\nthe journals are in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    ok = report(results, about, time.perf_counter() - started)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
