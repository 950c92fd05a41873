"""Shared fixtures: journals written inline, real `mkdocs build`, a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"

MKDOCS_YML = """\
site_name: Test journal
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
  - tags
hooks:
  - hooks/journal.py
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
"""


def write_journal(root: Path, files: dict[str, str], settings: str = "") -> Path:
    """A journal at ``root``: a minimal mkdocs.yml (``settings`` is YAML placed under
    ``extra.kithbook``), the repository's hook, docs/index.md, and ``files``
    (relative path -> text, dedented)."""
    root.mkdir(parents=True, exist_ok=True)
    config = MKDOCS_YML
    if settings:
        config += "extra:\n  kithbook:\n" + textwrap.indent(textwrap.dedent(settings), "    ")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "hooks").mkdir(exist_ok=True)
    shutil.copy(REPO / "hooks" / "journal.py", root / "hooks" / "journal.py")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def mkdocs_build(
    root: Path,
    *,
    strict: bool = False,
    today: str = "2026-11-21",
    site_dir: Path | None = None,
    **environ: str,
) -> subprocess.CompletedProcess:
    """A real ``mkdocs build`` of the journal at ``root`` into ``site_dir`` (``root/site``).
    (Never with -q: it hides the warnings that --strict counts.)"""
    site = site_dir or root / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "KITHBOOK_TODAY": today, "NO_MKDOCS_2_WARNING": "1", **environ}
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo journal of this repository, built once, as `make serve` shows it."""
    site = tmp_path_factory.mktemp("demo") / "site"
    result = mkdocs_build(REPO, site_dir=site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """An empty journal whose owner is Sam Example, sam@example.org (for the imports)."""
    from importing import ME

    return write_journal(tmp_path / "journal", {}, settings=ME)


@pytest.fixture
def journal(tmp_path: Path):
    """``journal(files, settings="")`` writes a journal in a temporary folder."""
    return functools.partial(write_journal, tmp_path / "journal")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture
def serve():
    """``serve(site_dir)`` serves a built site on 127.0.0.1 and returns its base URL."""
    servers = []

    def start(site: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through playwright; skipped where it is not installed,
    except under CI=true, where a missing browser fails the run."""
    if not Path(CHROMIUM).exists():
        reason = f"no chromium at {CHROMIUM} (install Debian's chromium package)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + ": CI needs the browser tests")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request):
    """A fresh browser page; a screenshot is saved in test-artifacts/ if the test fails."""
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
