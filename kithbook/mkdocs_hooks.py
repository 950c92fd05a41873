"""The MkDocs adapter: MkDocs' event functions, handed on by the journal's
``hooks/journal.py``. The only module that imports MkDocs.

MkDocs imports a hook once per process, so under ``mkdocs serve`` this module's
globals live across rebuilds. The only state kept on purpose is the file cache
(re-read only what changed); everything else is made afresh in ``on_config``.
Every line the build logs is made safe for the terminal (``_terminal_safe``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .browse import add_script, finish_site
from .config import parse_config, today_or_problem
from .files import FileCache
from .history import read_history
from .load import EVENTS_DIR, PEOPLE_DIR, load_journal
from .model import Config, Problem, Source
from .notes import clean_notes
from .pages import STYLESHEET, build_site
from .terminal import terminal_safe
from .write import STAGE_DIR, interrupted

#: The MkDocs events kithbook handles: a journal's hooks/journal.py imports these.
__all__ = [
    "on_config",
    "on_files",
    "on_page_content",
    "on_post_page",
    "on_post_template",
    "on_post_build",
    "on_serve",
]

log = logging.getLogger("mkdocs.plugins.kithbook")


def _terminal_safe(record: logging.LogRecord) -> bool:
    """A logging filter: the message made safe for the terminal that shows the build.
    Problems quote names, titles and file names, and MkDocs' own lines name the pages
    made from event files (``mkdocs build -v``: ``Reading: events/...``)."""
    record.msg, record.args = terminal_safe(record.getMessage()), ()
    return True


log.addFilter(_terminal_safe)  # kithbook's own lines, wherever they are handled

#: The hand-written page that explains the ranking, which /next/ links to if it exists.
RANKING_PAGE = "ranking.md"
ENCRYPT_PLUGIN = "encryptcontent"
#: Files other plugins write with titles or addresses in clear, removed from an encrypted site.
CLEAR_FILES = ("tags.json", "sitemap.xml", "sitemap.xml.gz")
ROBOTS_META = '<meta name="robots" content="noindex, nofollow">'

_cache = FileCache()


@dataclass
class _Build:
    """One build's settings, made by on_config and used by the later events."""

    root: Path
    config: Config
    today: date
    problems: list[Problem]
    secret: str | None  # the password of an encrypted site


_build: _Build | None = None


@event_priority(100)  # before the encryptcontent plugin reads its settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).parent
    settings, problems = parse_config(config.extra.get("kithbook"))
    today, more = today_or_problem(settings)
    problems += more
    unfinished = interrupted(root)  # a build reads the journal: it leaves finishing to kithbook
    if unfinished:
        problems.append(Problem(Source(STAGE_DIR), "warning", unfinished))
    _build = _Build(root, settings, today, problems, _check_encryption(config))
    _safe_build_log()
    _keep_private(config)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    add_script(config.extra_javascript)  # sorts and filters the people tables
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Load the journal once and add every generated page and data file."""
    build = _current()
    started, reads, lookups = time.perf_counter(), _cache.reads, _cache.lookups
    journal, problems = load_journal(build.root, build.config, _cache)
    history = read_history(build.root)
    loaded = time.perf_counter()
    problems = build.problems + problems
    for problem in problems:
        log.warning(str(problem))
    intro = _take_intro(files)
    generated = build_site(
        journal,
        problems,
        build.today,
        intro,
        secret=build.secret,
        history=history,
        ranking_page=RANKING_PAGE if files.get_file_from_path(RANKING_PAGE) else None,
    )
    for path, content in generated.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            log.warning(f"docs/{path} is replaced by kithbook's generated page of the same name")
            files.remove(existing)
        files.append(File.generated(config, path, content=content, inclusion=_inclusion(path)))
    # Under `mkdocs serve`, this line shows that a rebuild re-reads only the saved files.
    log.info(
        f"kithbook: read {_cache.reads - reads} of {_cache.lookups - lookups} journal files; "
        f"journal in {loaded - started:.2f} s, pages in {time.perf_counter() - loaded:.2f} s"
    )
    return files


@event_priority(100)  # before the encryptcontent plugin encrypts the page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Notes as HTML that can run nothing and load nothing from elsewhere."""
    return clean_notes(html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Keep every page out of search engines."""
    return _noindex(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages (404.html) too."""
    return _noindex(output)


def _noindex(html: str) -> str:
    if ROBOTS_META in html or "<head>" not in html:
        return html
    return html.replace("<head>", f"<head>\n    {ROBOTS_META}", 1)


def on_post_build(config: MkDocsConfig) -> None:
    """On an encrypted site, remove the files that list titles and addresses in clear."""
    finish_site(Path(config.site_dir))  # the tables' script; a search blind to accents
    if _current().secret:
        for name in CLEAR_FILES:
            Path(config.site_dir, name).unlink(missing_ok=True)


def on_serve(server, config: MkDocsConfig, builder) -> None:
    """Rebuild when anything under people/ or events/ changes; warn when the private
    site is served beyond this machine."""
    host = config.dev_addr.host
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning(
            f"serving on {host}: anyone who can reach this address can read the journal; "
            "serve on 127.0.0.1 unless the site is encrypted"
        )
    for folder in (PEOPLE_DIR, EVENTS_DIR):
        path = _current().root / folder
        if path.is_dir():
            server.watch(str(path))


def _check_encryption(config: MkDocsConfig) -> str | None:
    """The password if the site is to be encrypted (the encryptcontent plugin is in
    mkdocs.yml). Without one it would publish everything in clear, so the build stops."""
    plugin = config.plugins.get(ENCRYPT_PLUGIN)
    if plugin is None:
        return None
    password = plugin.config.get("global_password")
    if not password:
        raise PluginError(
            "the site is to be encrypted but has no password: set KITHBOOK_PASSWORD "
            "(encryptcontent's global_password) and build again"
        )
    # The table of contents sits outside the encrypted content and repeats its headings.
    hidden = dict(plugin.config.get("encrypted_something") or {})
    hidden.setdefault("md-nav--secondary", ["nav", "class"])
    plugin.config["encrypted_something"] = hidden
    _no_password_cache(plugin, Path(config.config_file_path).parent)
    _no_names_in_clear(config)
    return password


def _no_password_cache(plugin, root: Path) -> None:
    """The plugin caches each password, in clear, with the key made from it, in a file
    beside mkdocs.yml (``cache_file``): switch the cache off, and remove one an earlier
    build left. Each build then derives the key again (a fraction of a second)."""
    cache = plugin.config.get("cache_file")
    plugin.config["cache_file"] = ""
    if cache and (root / cache).is_file():
        (root / cache).unlink()
        log.info(f"kithbook: removed {cache}, which held the site's password in clear")


#: The site's name on an encrypted site, where every page shows it in clear.
PRIVATE_SITE_NAME = "Private journal"


def _no_names_in_clear(config: MkDocsConfig) -> None:
    """The theme prints the site's name, description, author and copyright outside the
    encrypted content of every page; they often name the journal's owner."""
    if config.site_name != PRIVATE_SITE_NAME:
        log.info(f"kithbook: the encrypted site is titled '{PRIVATE_SITE_NAME}', shown in clear")
    config.site_name = PRIVATE_SITE_NAME
    config.site_description = None
    config.site_author = None
    config.copyright = None


def _keep_private(config: MkDocsConfig) -> None:
    """Material loads Google Fonts unless told not to: nothing may leave the machine."""
    if config.theme.name == "material" and config.theme.get("font") is not False:
        log.info("kithbook: theme.font set to false, so no page loads a web font")
        config.theme["font"] = False


def _safe_build_log() -> None:
    """Filter every line MkDocs prints (its handlers sit on the ``mkdocs`` logger, which
    every plugin's logger and this one feed) through ``_terminal_safe``; once, though
    ``mkdocs serve`` calls on_config on each rebuild."""
    for handler in logging.getLogger("mkdocs").handlers:
        if _terminal_safe not in handler.filters:
            handler.addFilter(_terminal_safe)


def _current() -> _Build:
    if _build is None:
        raise RuntimeError("kithbook's on_config has not run: is hooks/journal.py in mkdocs.yml?")
    return _build


def _take_intro(files: Files) -> str:
    """The hand-written docs/index.md, which the dashboard shows at its top, without
    its front matter; the file itself makes way for the dashboard."""
    index = files.get_file_from_path("index.md")
    if index is None or index.generated_by:
        return ""
    files.remove(index)
    text = index.content_string.replace("\r\n", "\n").lstrip("\ufeff")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[-1]
    lines = text.strip().split("\n")
    if lines and lines[0].startswith("# "):
        lines = lines[1:]  # the dashboard has its own title
    return "\n".join(lines).strip()


def _inclusion(path: str) -> InclusionLevel:
    """Person and event pages stay out of the navigation: a nav of every person is
    repeated on every page, which makes the site grow with the square of the network."""
    detail = path.startswith((f"{PEOPLE_DIR}/", f"{EVENTS_DIR}/")) and not path.endswith(
        "/index.md"
    )
    return InclusionLevel.NOT_IN_NAV if detail else InclusionLevel.UNDEFINED
