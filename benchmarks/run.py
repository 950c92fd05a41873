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
#: Under `mkdocs serve` a saved file is seen by MkDocs' polling observer (every 0.5 s),
#: then MkDocs waits 0.1 s for more changes; this benchmark polls the page every 0.05 s.
SERVE_SLACK = 0.5 + 0.1 + 0.05 + 0.25
SERVE_PEOPLE = 1000
KITHBOOK_LINE = re.compile(
    r"kithbook: read (?P<read>\d+) of (?P<files>\d+) journal files; "
    r"journal in (?P<load>[\d.]+) s, pages in (?P<pages>[\d.]+) s"
)
BUILT_LINE = re.compile(r"Documentation built in (?P<seconds>[\d.]+) seconds")


# ---------------------------------------------------------------- measuring


def run_child(command: list[str], cwd: Path, log: Path) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak memory in MiB, exit status) of a child process."""
    with open(log, "w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
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


def mkdocs_build(root: Path, site: Path, log: Path) -> dict:
    """One real ``mkdocs build`` of ``root`` into ``site`` (removed first, outside the timing)."""
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    seconds, cpu, memory, status = run_child(command, root, log)
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
        for path, content in files.items():
            target = floor_docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    return {
        "times": times,
        "people": len(journal.people),
        "events": len(journal.events),
        "problems": len(problems),
        "files_read": cache.reads,
        "generated": len(files),
    }


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


def serve_edits(root: Path, work: Path, edits: int) -> dict:
    """Times from saving a person file to its page showing the new text under
    ``mkdocs serve``, with MkDocs' own time for each rebuild and kithbook's reads."""
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
            deadline = time.monotonic() + 1800
            while fetch(url) is None:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"mkdocs serve did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.2)
            time.sleep(1.0)  # let the observer take its first snapshot
            with watch_page(url) as (how, shows):
                for number in range(1, edits + 1):
                    marker = f"Benchmark edit {number} {time.time_ns()}"
                    before = log.read_text(errors="replace").count(DETECTED)
                    start = time.perf_counter()
                    with open(person, "a", encoding="utf-8") as file:
                        file.write(f"\n{marker}\n")
                    while not shows(marker):
                        if time.perf_counter() - start > 600:
                            raise SystemExit("the edit never showed under mkdocs serve")
                        time.sleep(0.05)
                    visible = time.perf_counter() - start
                    text = rebuild_log(log, before)
                    built = BUILT_LINE.search(text)
                    found = KITHBOOK_LINE.search(text)
                    results.append(
                        {
                            "visible": visible,
                            "watched": how,
                            "mkdocs_seconds": float(built["seconds"]) if built else None,
                            "files_read": int(found["read"]) if found else None,
                            "files": int(found["files"]) if found else None,
                            "journal_seconds": float(found["load"]) if found else None,
                            "kithbook_seconds": float(found["load"]) + float(found["pages"])
                            if found
                            else None,
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


def measure(n: int, work: Path, repeat: int, seed: int, serve: bool) -> dict:
    root = work / "journal"
    counts = generate.generate(root, n, seed)
    generate.write_site(root)
    git_commit(root)
    say(
        f"\nN = {n:,}: {counts['event_pages']:,} event pages, "
        f"{counts['log_items']:,} logged events in {counts['log_files']} .yml files"
    )

    floor = work / "floor"
    engine_runs, builds, floors = [], [], []
    for number in range(repeat):
        # A run is kithbook alone, the build and the floor, back to back: the speed of a
        # shared machine drifts, and what is compared should share its conditions.
        first = number == 0
        engine_runs.append(engine_in_child(root, floor / "docs" if first else None))
        if first:
            floor_config(root, floor)
        builds.append(mkdocs_build(root, work / "site", work / f"build-{number}.log"))
        site_bytes = tree_bytes(work / "site")
        floors.append(mkdocs_build(floor, work / "floor-site", work / f"floor-{number}.log"))
        floor_bytes = tree_bytes(work / "floor-site")
        build, alone = builds[-1], engine_runs[-1]["times"]["engine"]
        say(
            f"  kithbook alone {alone:.2f} s; build {build['seconds']:.1f} s, kithbook in it "
            f"{build['kithbook_seconds']:.2f} s; floor {floors[-1]['seconds']:.1f} s"
        )
    info = engine_runs[0]
    times = {key: median([r["times"][key] for r in engine_runs]) for key in info["times"]}
    parse = median([parse_floor(root) for _ in range(repeat)])
    say(f"  parse floor {parse:.2f} s")
    shutil.rmtree(work / "site", ignore_errors=True)
    shutil.rmtree(work / "floor-site", ignore_errors=True)
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
        "memory_mib": median([b["memory_mib"] for b in builds]),
        "floor_memory_mib": median([f["memory_mib"] for f in floors]),
        "site_bytes": site_bytes,
        "floor_bytes": floor_bytes,
    }
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
        "| N people | runs | pages | build | floor | build/floor | kithbook in the build "
        "| kithbook/build | kithbook alone | load | parse floor | site | floor site "
        "| peak memory | floor peak memory | noise |"
    )
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in results:
        e = r["engine"]
        print(
            f"| {r['n']:,} | {len(r['build_runs'])} | {r['pages']:,} "
            f"| {r['build']:.1f} s | {r['floor']:.1f} s "
            f"| {r['build'] / r['floor']:.2f} | {r['build_kithbook']:.1f} s "
            f"| {r['share']:.1%} | {e['engine']:.1f} s "
            f"| {e['load']:.2f} s | {r['parse_floor']:.2f} s "
            f"| {mib(r['site_bytes'])} | {mib(r['floor_bytes'])} | {r['memory_mib']:,.0f} MiB "
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
        ratio = r["build"] / r["floor"]
        checks.append((f"N={r['n']:,}: build within {FLOOR_RATIO}x the MkDocs floor",
                       ratio <= FLOOR_RATIO, f"{ratio:.2f}x"))  # fmt: skip
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
        visible = median([e["visible"] for e in edits])
        rebuild = median([e["mkdocs_seconds"] for e in edits if e["mkdocs_seconds"]] or [0])
        kithbook = median([e["kithbook_seconds"] for e in edits if e["kithbook_seconds"]] or [0])
        journal = median([e["journal_seconds"] for e in edits if e["journal_seconds"]] or [0])
        runs = ", ".join(f"{e['visible']:.2f} ({e['mkdocs_seconds'] or 0:.2f})" for e in edits)
        print(
            f"\nmkdocs serve at N={r['n']:,}: saved edit visible "
            f"({edits[0].get('watched', 'fetched over HTTP')}) after {visible:.2f} s "
            f"(each save, with MkDocs' rebuild: {runs}); MkDocs' rebuild "
            f"{rebuild:.2f} s, of which kithbook {kithbook:.2f} s; journal read in {journal:.2f} s "
            f"(first build: {r['serve']['first_read']} files read, journal in "
            f"{r['serve']['first_load'] or 0:.2f} s); files re-read per edit: "
            f"{', '.join(str(e['files_read']) for e in edits)}"
        )
        late = [e["visible"] - (e["mkdocs_seconds"] or 0) for e in edits]
        checks.append((f"serve N={r['n']:,}: each edit visible within its MkDocs rebuild + "
                       f"{SERVE_SLACK:.2f} s polling slack", max(late) <= SERVE_SLACK,
                       f"at most {max(late):.2f} s after the rebuild"))  # fmt: skip
        checks.append((f"serve N={r['n']:,}: a rebuild re-reads only the saved file",
                       all(e["files_read"] == 1 for e in edits),
                       f"{[e['files_read'] for e in edits]}"))  # fmt: skip
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
    parser.add_argument("--serve-at", type=int, default=SERVE_PEOPLE, help="N for mkdocs serve")
    parser.add_argument("--engine-once", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--floor-docs", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_once:
        print(json.dumps(engine_once(args.engine_once, args.floor_docs)))
        return

    started = time.perf_counter()
    about = machine()
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
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
            results.append(measure(n, folder, args.repeat, args.seed, serve=n == args.serve_at))
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
