"""The MkDocs adapter: MkDocs' event functions, handed on by the journal's
``hooks/journal.py``. The only module that imports MkDocs.

MkDocs imports a hook once per process, so under ``mkdocs serve`` this module's
globals live across rebuilds. The only state kept on purpose is the file cache
(re-read only what changed); everything else is made afresh in ``on_config``.
Every line the build logs is made safe for the terminal (``_terminal_safe``).
"""

from __future__ import annotations

import logging
import subprocess
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from .config import parse_config, today_or_problem
from .files import FileCache
from .history import read_history
from .live import (
    LiveSite,
    file_fingerprint,
    gone,
    remove_output,
    search_index,
    tree_fingerprint,
)
from .load import EVENTS_DIR, PEOPLE_DIR, load_journal
from .model import Config, Problem, Source
from .notes import clean_notes
from .pages import STYLESHEET
from .rebuild import SiteMemory
from .terminal import terminal_safe
from .write import STAGE_DIR, interrupted

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
ENCRYPT_PLUGIN = "encryptcontent"
#: Files other plugins write with titles or addresses in clear, removed from an encrypted site.
CLEAR_FILES = ("tags.json", "sitemap.xml", "sitemap.xml.gz")
ROBOTS_META = '<meta name="robots" content="noindex, nofollow">'

_cache = FileCache()
_memory = SiteMemory()  # the last site made: a change of notes makes only their pages


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
    _live.start(config, today)
    _safe_build_log()
    _keep_private(config)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Load the journal once and add every generated page and data file."""
    build = _current()
    started, reads, lookups = time.perf_counter(), _cache.reads, _cache.lookups
    journal, problems = load_journal(build.root, build.config, _cache)
    history = _history(build.root)
    loaded = time.perf_counter()
    problems = build.problems + problems
    for problem in problems:
        log.warning(str(problem))
    intro = _take_intro(files)
    generated = _memory.build(
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
        page = _JournalFile.generated(config, path, content=content, inclusion=_inclusion(path))
        page.modified = _live.full or _live.site.changed(path, content)
        files.append(page)
    _live.docs_rendered(files, generated)
    _live.site.contents = generated
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


@event_priority(50)  # before the search plugin writes its index
def on_post_build(config: MkDocsConfig) -> None:
    """The site made whole after a rebuild that rendered only what changed (the search
    index, pages removed); on an encrypted site, the files that list titles and
    addresses in clear removed."""
    _live.finish(config)
    if _current().secret:
        for name in CLEAR_FILES:
            Path(config.site_dir, name).unlink(missing_ok=True)


def on_serve(server, config: MkDocsConfig, builder) -> None:
    """Rebuild when anything under people/ or events/ changes, rendering only what
    changed (``_live``); warn when the private site is served beyond this machine."""
    host = config.dev_addr.host
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning(
            f"serving on {host}: anyone who can reach this address can read the journal; "
            "serve on 127.0.0.1 unless the site is encrypted"
        )
    _live.serve(server, builder, [_current().root / f for f in (PEOPLE_DIR, EVENTS_DIR)])


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


_histories: dict[Path, tuple[str, dict]] = {}


def _history(root: Path) -> dict:
    """``read_history``, read again only when the journal's git repository has a new
    commit (under ``mkdocs serve``, ``git log`` of 80,000 files took seconds)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        head = ""
    kept = _histories.get(root)
    if head and kept and kept[0] == head:
        return kept[1]
    history = read_history(root)
    _histories[root] = (head, history)
    return history


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


# ---------------------------------------------------------------- rebuilds under mkdocs serve


class _JournalFile(File):
    """A generated file that tells a dirty build the truth: modified only when its text
    changed since the last build (MkDocs counts every generated file as modified)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


#: The plugins whose state a rebuild that renders only some pages keeps whole: the
#: search index (``_Live.finish``) and the tags plugin, whose tags come only from the
#: hand-written pages, which such a rebuild renders when it is on. With any other
#: plugin every rebuild renders every page.
PARTIAL_PLUGINS = frozenset({"material/search", "material/tags", "tags"})
SEARCH_PLUGIN = "material/search"
TAGS_PLUGINS = ("material/tags", "tags")
#: What MkDocs logs on each dirty build; kithbook makes its dirty builds whole, so it is
#: not shown.
DIRTY_WARNING = "A 'dirty' build is being performed"


class _Live:
    """Rebuilds under ``mkdocs serve`` that render only the pages a save changed, and
    write the same site as a clean build (kithbook.live keeps what that needs).

    MkDocs' server rebuilds the whole site on every change. On the server's first
    rebuild kithbook switches its rebuilds to dirty ones (``_dirty_rebuilds``), in which
    MkDocs renders only the files that say they are modified; kithbook's generated
    pages say so only when their text changed. A rebuild is ``full`` (the site folder
    emptied, every page rendered, as a clean build) whenever anything but the journal
    may have changed: the first build, mkdocs.yml, the hand-written pages, the day,
    a failed build, or a plugin whose state kithbook cannot keep whole."""

    def __init__(self) -> None:
        self.site = LiveSite()
        self.serving = False
        self.dirty = False  # the server's rebuilds are dirty ones
        self.full = True
        self.observer = None
        self.files: Files | None = None
        self.nav_pages: list[Page] = []
        self.rendered: set[str] = set()
        self.tags = False  # the tags plugin is on

    def start(self, config: MkDocsConfig, today: date) -> None:
        """A build starts: full, or only what changed."""
        inputs = (
            file_fingerprint(config.config_file_path),
            tree_fingerprint(config.docs_dir),
            today,
            tuple(config.plugins),
        )
        others = set(_other_plugins(config))
        self.tags = bool(others & set(TAGS_PLUGINS))
        partial = self.dirty and others <= PARTIAL_PLUGINS
        self.full = not (partial and inputs == self.site.inputs)
        if self.full:
            self.site.forget()
            _memory.forget()
        self.site.inputs = inputs
        self.rendered = set()

    def clean(self, config: MkDocsConfig) -> None:
        """A full rebuild starts from an empty site folder, as a clean build does
        (MkDocs empties it only when the build is not dirty)."""
        if self.dirty and self.full:
            clean_directory(config.site_dir)

    def docs_rendered(self, files: Files, generated: dict[str, str]) -> None:
        """The hand-written pages are rendered again when a generated page comes or goes
        (a link to it resolves, or no longer does), and always with the tags plugin on:
        it collects tags only from the pages it renders (generated pages have none)."""
        same = generated.keys() == self.site.contents.keys()
        if self.full or (same and not self.tags):
            return
        for file in files.documentation_pages():
            if not isinstance(file, _JournalFile):
                file.is_modified = _modified  # type: ignore[method-assign]

    def restore_nav(self, nav) -> None:
        """Each page in the navigation that this rebuild does not render keeps the title
        and metadata it had: every page shows them in its navigation."""
        self.nav_pages = list(nav.pages)
        if self.full:
            return
        for page in self.nav_pages:
            kept = self.site.nav.get(page.file.src_uri)
            if kept is not None and not page.file.is_modified():
                page.title, page.meta = kept[0], dict(kept[1])

    def finish(self, config: MkDocsConfig) -> None:
        """After the pages: the search index made whole, the pages of removed files
        removed, and what the next rebuild needs kept."""
        files = self.files
        if files is None:
            return
        pages = files.documentation_pages(
            inclusion=InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        )
        search = config.plugins.get(SEARCH_PLUGIN)
        index = getattr(search, "search_index", None)
        if index is not None:
            entries, self.site.search = search_index(
                [file.url for file in pages], self.rendered, index.entries, self.site.search
            )
            index.entries = entries
        outputs = {file.src_uri: file.abs_dest_path for file in files}
        if not self.full:
            for path in gone(self.site.outputs, outputs):
                remove_output(path, config.site_dir)
        self.site.outputs = outputs
        # Under `mkdocs serve`, this line shows how much of the site a rebuild rendered.
        log.info(
            f"kithbook: rendered {len(self.rendered)} of {len(pages)} pages"
            + ("" if self.full else " (the pages that changed)")
        )
        self.site.nav = {
            page.file.src_uri: (page.title, dict(page.meta)) for page in self.nav_pages
        }
        self.files, self.nav_pages = None, []

    def serve(self, server, builder, folders: list[Path]) -> None:
        """From the server's first rebuild on, rebuilds are dirty ones; the journal's
        folders are watched."""
        self.dirty = _dirty_rebuilds(builder)
        if self.dirty:
            _hide_dirty_warning()
        self.observer = _watch_journal(server, [f for f in folders if f.is_dir()])

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None


def _modified() -> bool:
    return True


_live = _Live()


def on_startup(command: str, dirty: bool) -> None:
    _live.serving = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    _live.clean(config)


def on_nav(nav, config: MkDocsConfig, files: Files):
    _live.files = files
    _live.restore_nav(nav)
    return nav


def on_env(env, config: MkDocsConfig, files: Files):
    _live.files = files
    if env.bytecode_cache is None:
        env.bytecode_cache = _compiled_templates
    return env


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as compiled, kept in memory across the rebuilds of
    ``mkdocs serve``: each rebuild makes a new template environment, which compiled every
    template of the theme again (a few tenths of a second). Jinja keys each one on its
    name and the checksum of its source, so a changed template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = _CompiledTemplates()


@event_priority(-100)  # after the search plugin has read the page
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    _live.rendered.add(page.url)
    return context


def on_build_error(error: Exception) -> None:
    """A failed build may have left anything behind: the next one is full."""
    _live.site.forget()
    _memory.forget()


def on_shutdown() -> None:
    _live.stop()


def _other_plugins(config: MkDocsConfig) -> list[str]:
    """The plugins of the build other than kithbook's own hook."""
    return [
        name
        for name, plugin in config.plugins.items()
        if getattr(plugin, "on_files", None) is not on_files
    ]


def _dirty_rebuilds(builder) -> bool:
    """Make the rebuilds of ``mkdocs serve`` dirty ones, as ``mkdocs serve --dirty``
    does: the builder MkDocs hands ``on_serve`` reads its ``is_dirty`` flag from its
    closure at each rebuild (mkdocs/commands/serve.py, MkDocs 1.6; tests/test_live.py
    holds it). False if the builder is not made that way: rebuilds then stay whole."""
    code = getattr(builder, "__code__", None)
    names = code.co_freevars if code is not None else ()
    if "is_dirty" not in names or builder.__closure__ is None:
        log.info("kithbook: this MkDocs rebuilds everything on each change")
        return False
    builder.__closure__[names.index("is_dirty")].cell_contents = True
    return True


def _hide_dirty_warning() -> None:
    """MkDocs warns on each dirty build that its navigation may be wrong; kithbook's
    are made whole, so the warning would only mislead (and count under --strict)."""
    for name in ("mkdocs.commands.build", "properdocs.commands.build"):
        logger = logging.getLogger(name)
        if _not_dirty_warning not in logger.filters:
            logger.addFilter(_not_dirty_warning)


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(DIRTY_WARNING)


#: The notices of a change to a file or folder (watchdog's event types).
CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})


def _watch_journal(server, folders: list[Path]):
    """Watch the journal's folders with the system's own notices of changes (inotify
    on Linux), which come at once, instead of MkDocs' poll of every file every half
    second (80,000 files for 10,000 people). A change asks the server for a rebuild
    as its own watcher does. Where that is not possible, MkDocs' watcher does it."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild") or not folders:
        for folder in folders:
            server.watch(str(folder))
        return None
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Rebuild(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            # A file opened or read (by the build itself) changes nothing.
            if event.event_type not in CHANGES or (
                event.is_directory and event.event_type == "modified"
            ):
                return
            with condition:
                server._want_rebuild = True
                condition.notify_all()

    observer = Observer()
    try:
        for folder in folders:
            observer.schedule(Rebuild(), str(folder), recursive=True)
        observer.start()
    except OSError as error:  # no notices to be had (inotify's limits): poll instead
        log.info(f"kithbook: watching the journal by polling ({error})")
        for folder in folders:
            server.watch(str(folder))
        return None
    return observer
