"""kithbook import at scale: ``python benchmarks/bench_import.py [--rows 30000]``.

Generates a LinkedIn Connections.csv of ``--rows`` connections (30,000 is LinkedIn's
limit) in today's layout, with its "Notes:" preamble, quoted commas, emails for some
and hidden profiles for a few, all fictional; makes a fresh journal in a temporary
folder; and times, each in a fresh process as a person would run it:

- ``kithbook import linkedin Connections.csv`` into the empty journal (the target:
  under 10 s for 30,000 rows);
- the same import again, which must change nothing ("0 new");

and, in this process, the parts of the first import: extract, plan, write.
Prints the figures, then PASS or FAIL. Benchmarks are not tests: pytest never
collects this file.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TODAY = "2026-11-21"
TARGET_SECONDS = 10.0
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
FIRST = (
    "Aisha Ben Chloe Dev Elif Femi Grace Hiro Ines Jonas Kemi Liam Mira Nell Omar Priya "
    "Rui Sara Tom Uma Vik Wen Xavi Yara Zoë Ångel Siân Łukasz"
).split()
LAST = (
    "Karim Carter Baxter Patel Doyle Adeyemi Okafor Nair Costa Fischer Reed Smith Novak "
    "Haddad Silva Berg Ó'Brien Ångström Jones Tanaka Müller Rossi Dubois Kowalski"
).split()
COMPANIES = (
    "Canal Maps, Ltd",
    "Brindle & Finch",
    "Harbour Co",
    "Fika, Films & Co",
    "",
    "Nair Analytics",
)
ROLES = ("Engineer", "Producer, Documentaries", "Founder", "Designer", "", "Surveyor")


def connections_csv(rows: int, seed: int = 6) -> str:
    """A Connections.csv of ``rows`` rows as LinkedIn writes it today; about one in fifty
    is a hidden profile, one in four shares an email."""
    pick = random.Random(seed)
    lines = [PREAMBLE, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"]
    start = date(2008, 1, 1)
    for number in range(rows):
        day = (start + timedelta(days=pick.randrange(6500))).strftime("%d %b %Y")
        if pick.random() < 0.02:
            lines.append(f",,,,,,{day}\n")
            continue
        first, last = pick.choice(FIRST), pick.choice(LAST)
        handle = f"{first}-{last}-{number:05d}".lower().replace("'", "")
        email = f"{handle}@example.org" if pick.random() < 0.25 else ""
        company, role = pick.choice(COMPANIES), pick.choice(ROLES)
        cells = [first, last, f"https://www.linkedin.com/in/{handle}", email, company, role, day]
        lines.append(",".join(f'"{c}"' if "," in c else c for c in cells) + "\n")
    return "".join(lines)


def fresh_journal(folder: Path) -> Path:
    """A new journal, as `kithbook init` makes one, with me.email set."""
    from kithbook.skeleton import create_journal

    create_journal(folder, "Sam Example", None, date.fromisoformat(TODAY), False)
    config = folder / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("email: []", "email: [sam@example.org]"),
        encoding="utf-8",
    )
    return folder


def run_import(root: Path, export: Path) -> tuple[float, str]:
    """Wall time and last line of `kithbook import linkedin` in a fresh process."""
    command = [
        sys.executable,
        "-c",
        "from kithbook.cli import main; main()",
        "--journal",
        str(root),
    ]
    env = {**os.environ, "KITHBOOK_TODAY": TODAY}
    began = time.perf_counter()
    done = subprocess.run(
        [*command, "import", "linkedin", str(export)], capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"the import failed: {done.stderr.strip() or done.stdout.strip()}")
    return seconds, done.stdout.strip().splitlines()[-1]


def parts(root: Path, export: Path) -> dict[str, float]:
    """Extract, plan and write of one import, timed apart, in this process."""
    from kithbook.config import parse_config, read_config_file
    from kithbook.importers import Context, importers
    from kithbook.importers.plan import apply_plan, make_plan

    config, _ = parse_config(read_config_file(root)[0])
    times = {}
    began = time.perf_counter()
    extract = importers()["linkedin"].extract(export, Context(config.me, date.fromisoformat(TODAY)))
    times["extract"] = time.perf_counter() - began
    began = time.perf_counter()
    plan = make_plan(root, config, "linkedin", export.name, extract)
    times["plan"] = time.perf_counter() - began
    began = time.perf_counter()
    apply_plan(root, plan)
    times["write"] = time.perf_counter() - began
    times["files"] = plan.new
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kithbook-import-") as folder:
        base = Path(folder)
        export = base / "Connections.csv"
        began = time.perf_counter()
        export.write_text(connections_csv(args.rows), encoding="utf-8")
        print(f"Connections.csv: {args.rows:,} rows, {export.stat().st_size / 1e6:.1f} MB "
              f"(generated in {time.perf_counter() - began:.1f} s)")  # fmt: skip

        root = fresh_journal(base / "journal")
        first, summary = run_import(root, export)
        people = len(list((root / "people").iterdir()))
        print(f"first import:  {first:6.2f} s  {summary}")
        print(f"               {people:,} person files in people/")
        second, again = run_import(root, export)
        print(f"second import: {second:6.2f} s  {again}")

        split = parts(fresh_journal(base / "journal-2"), export)
        print(
            f"in-process:    extract {split['extract']:.2f} s, plan {split['plan']:.2f} s, "
            f"write {split['write']:.2f} s ({split['files']:,} files)"
        )
        ok = first < TARGET_SECONDS and ": 0 new " in again
        print(
            f"{'PASS' if ok else 'FAIL'}: {args.rows:,} connections imported in {first:.2f} s "
            f"(target < {TARGET_SECONDS:.0f} s); a second import changes nothing: "
            f"{': 0 new ' in again}"
        )
        raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
