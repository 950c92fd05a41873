"""The MkDocs adapter: MkDocs' event functions, handed on by the journal's
``hooks/journal.py``. The only package that imports MkDocs (``privacy``: the private
site; ``serve``: rebuilds under ``mkdocs serve``; ``server``: what they ask of its
server).

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
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..browse import add_script, fold_search_index, write_script
from ..config import parse_config, today_or_problem
from ..files import FileCache
from ..load import EVENTS_DIR, PEOPLE_DIR, load_journal
from ..model import Config, Journal, Problem, Source
from ..notes import clean_notes
from ..pages import STYLESHEET
from ..ready import fill, put_back, set_aside, split
from ..terminal import terminal_safe
from ..write import STAGE_DIR, interrupted
from .privacy import CLEAR_FILES, check_encryption, keep_private, noindex
from .search import SectionReader, search_index_of
from .serve import (
    JournalFile,
    live,
    memory,
    pictures_aside,
)
from .server import compiled_templates, history_of

#: The MkDocs events kithbook handles: a journal's hooks/journal.py imports these.
__all__ = [
    "on_startup",
    "on_config",
    "on_pre_build",
    "on_files",
    "on_nav",
    "on_env",
    "on_page_content",
    "on_page_context",
    "on_post_page",
    "on_post_template",
    "on_post_build",
    "on_build_error",
    "on_serve",
    "on_shutdown",
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
_cache = FileCache()
#: The search entries of the large pages, read again only where a page changed.
_sections = SectionReader()


@dataclass
class _Build:
    """One build's settings, made by on_config and used by the later events."""

    root: Path
    config: Config
    today: date
    problems: list[Problem]
    secret: str | None  # the password of an encrypted site
    aside: bool = False  # pictures are set aside from the search plugin's reading


_build: _Build | None = None


@event_priority(100)  # before the encryptcontent plugin reads its settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = _settings(config)
    live.start(config, _build.today)
    _cache.changes = live.watch(_folders())
    _safe_build_log()
    keep_private(config)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    add_script(config.extra_javascript)  # sorts and filters the people tables
    return config


def _settings(config: MkDocsConfig) -> _Build:
    """The build's settings, from mkdocs.yml and the journal's folder."""
    root = Path(config.config_file_path).parent
    settings, problems = parse_config(config.extra.get("kithbook"))
    today, more = today_or_problem(settings)
    problems += more
    unfinished = interrupted(root)  # a build reads the journal: it leaves finishing to kithbook
    if unfinished:
        problems.append(Problem(Source(STAGE_DIR), "warning", unfinished))
    build = _Build(root, settings, today, problems, check_encryption(config))
    build.aside = pictures_aside(config)
    return build


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Load the journal once and add every generated page and data file."""
    build = _current()
    started, lookups = time.perf_counter(), _cache.lookups
    journal, problems, history = _load(build)
    loaded = time.perf_counter()
    intro = _take_intro(files)
    generated = memory.build(
        journal,
        problems,
        build.today,
        intro,
        secret=build.secret,
        history=history,
        ranking_page=RANKING_PAGE if files.get_file_from_path(RANKING_PAGE) else None,
    )
    _regions.clear()  # this build's pages only: a removed page leaves nothing behind
    _pictures.clear()  # what a failed build left
    for path, content in generated.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            log.warning(f"docs/{path} is replaced by kithbook's generated page of the same name")
            files.remove(existing)
        page = JournalFile.generated(
            config, path, content=_markdown_of(path, content), inclusion=_inclusion(path)
        )
        page.modified = live.full or live.site.changed(path, content)
        files.append(page)
    live.docs_rendered(files, generated)
    live.site.contents = generated
    _loaded(problems, lookups, started, loaded)
    return files


def _load(build: _Build) -> tuple[Journal, list[Problem], dict]:
    """The journal (under ``mkdocs serve``, only the files that changed read again),
    every problem of the build and the journal's git history."""
    journal, problems = load_journal(build.root, build.config, _cache)
    return journal, build.problems + problems, history_of(build.root)


_reads = 0  # how many files the cache had read by the end of the last build's reading


def _loaded(problems: list[Problem], lookups: int, started: float, loaded: float) -> None:
    """The build's problems and how it read the journal, in its log. Under `mkdocs
    serve`, the line shows that a rebuild read again only the files saved."""
    global _reads
    for problem in problems:
        log.warning(str(problem))
    log.info(
        f"kithbook: read {_cache.reads - _reads} of {_cache.lookups - lookups} journal files; "
        f"journal in {loaded - started:.2f} s, pages in {time.perf_counter() - loaded:.2f} s"
    )
    _reads = _cache.reads


def _journal_saved() -> bool:
    """Under ``mkdocs serve``, a rebuild after a save to the journal when nothing else
    changed: only the pages that save changed rendered again, without MkDocs' own
    rebuild of every page object and the navigation (``live.render_again``). False,
    with nothing written, when MkDocs' own rebuild is needed."""
    global _build
    kept = live.kept
    if kept is None:
        return False
    build = _settings(kept.config)
    if not live.unchanged(kept.config, build.today):
        return False
    started, lookups = time.perf_counter(), _cache.lookups
    journal, problems, history = _load(build)
    loaded = time.perf_counter()
    generated = memory.again(journal, problems, build.today, build.secret, history)
    if generated is None or not live.same_navigation(generated, _inclusion):
        return False
    _build = build
    _loaded(problems, lookups, started, loaded)
    if not live.render_again(generated, _markdown_of, _inclusion):
        return False
    live.site.contents = generated
    # MkDocs' own "Documentation built in" line, for a rebuild it did not make.
    log.info(f"kithbook: rebuilt in {time.perf_counter() - started:.2f} s")
    return True


#: The HTML regions of each ready page of this build (kithbook.ready), by source path.
_regions: dict[str, tuple[str, list[str]]] = {}


def _markdown_of(path: str, content: str) -> str:
    """What MkDocs reads of a generated file: a ready page's Markdown, its HTML regions
    kept for ``on_page_content``; any other file as it is."""
    ready = split(content)
    if ready is None:
        return content
    markdown, key, regions = ready
    _regions[path] = (key, regions)
    return markdown


@event_priority(100)  # before the search plugin reads the page, and encryptcontent encrypts it
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A ready page's HTML regions in place; notes as HTML that can run nothing and
    load nothing from elsewhere."""
    ours = isinstance(page.file, JournalFile)
    regions = _regions.get(page.file.src_uri) if ours else None
    if regions is not None:
        html = fill(html, *regions)
    html = clean_notes(html)
    if ours and _current().aside:
        html, key, pictures = set_aside(html)
        if pictures:
            _pictures[page.file.src_uri] = (key, pictures)
    return html


#: The pictures taken out of each page for the search plugin's reading (``set_aside``).
_pictures: dict[str, tuple[str, list[str]]] = {}


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Keep every page out of search engines."""
    return noindex(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages (404.html) too."""
    return noindex(output)


@event_priority(50)  # before the search plugin writes its index
def on_post_build(config: MkDocsConfig) -> None:
    """The site made whole after a rebuild that rendered only what changed (the search
    index, pages removed); the site's script written in; a search blind to accents; on
    an encrypted site, the files that list titles and addresses in clear removed."""
    if not _current().secret:  # an encrypted site's index holds no text to spell
        _accent_blind_search(config)  # before live.finish adds the entries folded before
    live.finish(config)
    write_script(Path(config.site_dir))  # sorts and filters the people tables
    if _current().secret:
        for name in CLEAR_FILES:
            Path(config.site_dir, name).unlink(missing_ok=True)


def _accent_blind_search(config: MkDocsConfig) -> None:
    """Accent-free spellings added to the entries of the pages this build rendered,
    which the theme's search index holds until ``live.finish`` adds the others."""
    index = search_index_of(config)
    if index is not None:
        fold_search_index(index.config.setdefault("fields", {}), index.entries)


def on_serve(server, config: MkDocsConfig, builder) -> None:
    """Rebuild when anything under people/ or events/ changes, rendering only what
    changed (``live``); warn when the private site is served beyond this machine."""
    host = config.dev_addr.host
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning(
            f"serving on {host}: anyone who can reach this address can read the journal; "
            "serve on 127.0.0.1 unless the site is encrypted"
        )
    live.serve(server, builder, _folders(), _journal_saved)
    _cache.changes = live.watch(_folders())  # None if the server's own watcher polls


def _folders() -> list[Path]:
    """The journal's folders, which ``mkdocs serve`` watches."""
    return [_current().root / folder for folder in (PEOPLE_DIR, EVENTS_DIR)]


#: Where the builder's handlers sit: MkDocs' ``mkdocs`` logger, which every plugin's
#: logger and this one feed; ProperDocs' ``properdocs``, which ``mkdocs`` feeds there.
BUILD_LOGGERS = ("mkdocs", "properdocs")


def _safe_build_log() -> None:
    """Filter every line the build prints through ``_terminal_safe``; once, though
    ``mkdocs serve`` calls on_config on each rebuild."""
    for name in BUILD_LOGGERS:
        for handler in logging.getLogger(name).handlers:
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


def on_startup(command: str, dirty: bool) -> None:
    live.serving = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    live.clean(config)
    index = search_index_of(config)
    if index is not None:  # made anew by the search plugin's on_config
        _sections.read_for(index)


def on_nav(nav, config: MkDocsConfig, files: Files):
    live.files = files
    live.restore_nav(nav)
    return nav


def on_env(env, config: MkDocsConfig, files: Files):
    live.files, live.env = files, env
    if env.bytecode_cache is None:
        env.bytecode_cache = compiled_templates
    return env


@event_priority(-100)  # after the search plugin has read the page
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    """The page's pictures back in place for the theme's template (``on_page_content``)."""
    live.rendered.add(page.url)
    pictures = _pictures.pop(page.file.src_uri, None)
    if pictures is not None and page.content is not None:
        page.content = put_back(page.content, *pictures)
    return context


def on_build_error(error: Exception) -> None:
    """A failed build may have left anything behind: the next one is full."""
    live.forget()


def on_shutdown() -> None:
    live.stop()
